// The REST contract of the sync server (docs/protocol.md, "HTTP"): every
// route's happy path and every error code it can answer, against a real
// SyncServer on 127.0.0.1 over the engine named by TANDEM_TEST_ENGINE.
#include "auth/accountservice.h"
#include "domain/json.h"
#include "httptestclient.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "sync/syncserver.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace tandem;
using namespace tandem::test;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray idText(const QUuid &id)
{
    return uuidText(id).toLatin1();
}

QStringList titlesOf(const QJsonArray &tasks)
{
    QStringList titles;
    for (const QJsonValue &task : tasks)
        titles.append(task.toObject().value(QStringLiteral("title")).toString());
    return titles;
}

} // namespace

class TestRestApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SyncFixture> m_fixture;
    bool m_fixtureIsShared = false;
    int m_serial = 0;
    AuthToken m_alice;
    AuthToken m_bob;

    // Usernames are unique across the suite: most tests share one server.
    QString unique(const QString &base) { return base + QString::number(++m_serial); }

    void startServer()
    {
        QString error;
        m_fixture = SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
    }

    void registerUsers()
    {
        auto alice = m_fixture->registerUser(unique(QStringLiteral("alice")));
        TANDEM_VERIFY_OK(alice);
        m_alice = alice.value();
        auto bob = m_fixture->registerUser(unique(QStringLiteral("bob")));
        TANDEM_VERIFY_OK(bob);
        m_bob = bob.value();
    }

    // For a test that changes server-wide state (sign-in throttling of
    // 127.0.0.1, invite mode, a broken database): a server of its own.
    [[nodiscard]] bool isolate()
    {
        startServer();
        m_fixtureIsShared = false;
        if (m_fixture)
            registerUsers();
        return !QTest::currentTestFailed();
    }

    quint16 port() const { return m_fixture->port(); }

    HttpResult call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                    const QString &token = {}, const HttpHeaders &extra = {})
    {
        return httpRequest(port(), method, target, body, token.isEmpty() ? extra : bearer(token, extra));
    }

    HttpResult signUp(const QString &username, const QString &password, const QString &invite = {})
    {
        QJsonObject body{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
        if (!invite.isEmpty())
            body.insert(QStringLiteral("inviteCode"), invite);
        return call("POST", "/api/auth/register", toJson(body));
    }

    HttpResult signIn(const QString &username, const QString &password)
    {
        return call("POST", "/api/auth/login",
                    toJson({{QStringLiteral("username"), username}, {QStringLiteral("password"), password}}));
    }

    // Creates a task for `owner` through the service and returns it.
    Task makeTask(const AuthToken &owner, const QString &title, TaskStatus status = TaskStatus::Pending,
                  TaskPriority priority = TaskPriority::None, const QString &due = {}, const QStringList &tags = {},
                  const QString &description = {})
    {
        TaskDraft draft;
        draft.title = title;
        draft.status = status;
        draft.priority = priority;
        draft.tags = tags;
        draft.description = description;
        if (!due.isEmpty())
            draft.due = Due::fromIsoString(due).value_or(Due());
        auto created = m_fixture->tasks().create(owner.user.id, draft);
        return created ? *created->task() : Task();
    }

    qint64 head(const QUuid &owner)
    {
        auto seq = m_fixture->store().head(owner);
        return seq ? seq.value() : -1;
    }

private Q_SLOTS:
    void init()
    {
        if (!m_fixture || !m_fixtureIsShared) {
            startServer();
            m_fixtureIsShared = true;
        }
        registerUsers();
    }

    void cleanupTestCase() { m_fixture.reset(); }

    // --- health -----------------------------------------------------------

    void health_withoutToken_returnsOkAndVersion()
    {
        const HttpResult response = call("GET", "/api/health");
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("content-type").startsWith("application/json"));
        QCOMPARE(response.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(response.json().value(QStringLiteral("version")).toString(), QStringLiteral(TANDEM_VERSION));
    }

    // --- register ---------------------------------------------------------

    void register_validAccount_201WithTokenAndUser()
    {
        const QString name = unique(QStringLiteral("carol"));
        const HttpResult response = signUp(name, QStringLiteral("password1"));
        QCOMPARE(response.status, 201);
        const QJsonObject body = response.json();
        const QString token = body.value(QStringLiteral("token")).toString();
        QVERIFY(!token.isEmpty());
        const QJsonObject user = body.value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("username")).toString(), name);
        const auto id = uuidFromText(user.value(QStringLiteral("id")).toString());
        QVERIFY(id.has_value());
        QVERIFY(!user.contains(QStringLiteral("passwordHash")));

        // The token signs the new user in at once.
        const HttpResult me = call("GET", "/api/auth/me", {}, token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(),
                 uuidText(*id));
    }

    void register_nameTakenIgnoringCase_409UsernameTaken_data()
    {
        QTest::addColumn<int>("casing");
        QTest::newRow("same") << 0;
        QTest::newRow("upper case") << 1;
        QTest::newRow("capitalised") << 2;
    }

    void register_nameTakenIgnoringCase_409UsernameTaken()
    {
        QFETCH(int, casing);
        QString username = m_alice.user.username;
        if (casing == 1)
            username = username.toUpper();
        else if (casing == 2)
            username[0] = username.at(0).toUpper();
        TANDEM_COMPARE_ERROR(signUp(username, QStringLiteral("password1")), 409, QStringLiteral("username_taken"));
    }

    void register_brokenRule_422NamingField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto body = [](const QJsonValue &username, const QJsonValue &password) {
            QJsonObject object;
            if (!username.isUndefined())
                object.insert(QStringLiteral("username"), username);
            if (!password.isUndefined())
                object.insert(QStringLiteral("password"), password);
            return toJson(object);
        };
        const QString good = QStringLiteral("password1");
        QTest::newRow("username too short") << body(QStringLiteral("ab"), good) << QStringLiteral("username");
        QTest::newRow("username too long") << body(QString(65, u'a'), good) << QStringLiteral("username");
        QTest::newRow("username with a space") << body(QStringLiteral("al ice"), good) << QStringLiteral("username");
        QTest::newRow("username not ASCII") << body(QStringLiteral("jos\u00e9"), good) << QStringLiteral("username");
        QTest::newRow("username missing") << body(QJsonValue::Undefined, good) << QStringLiteral("username");
        QTest::newRow("username a number") << body(42, good) << QStringLiteral("username");
        QTest::newRow("password 7 characters")
            << body(QStringLiteral("carol"), QStringLiteral("1234567")) << QStringLiteral("password");
        QTest::newRow("password 1025 characters")
            << body(QStringLiteral("carol"), QString(1025, u'p')) << QStringLiteral("password");
        QTest::newRow("password missing")
            << body(QStringLiteral("carol"), QJsonValue::Undefined) << QStringLiteral("password");
        QTest::newRow("password null") << body(QStringLiteral("carol"), QJsonValue::Null) << QStringLiteral("password");
        QTest::newRow("invite not a string") << toJson({{QStringLiteral("username"), QStringLiteral("carol")},
                                                        {QStringLiteral("password"), good},
                                                        {QStringLiteral("inviteCode"), 7}})
                                             << QStringLiteral("inviteCode");
    }

    void register_brokenRule_422NamingField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const HttpResult response = call("POST", "/api/auth/register", body);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
        // Nothing was created.
        auto carol = m_fixture->accounts().userByName(QStringLiteral("carol"));
        TANDEM_VERIFY_OK(carol);
        QVERIFY(!carol.value().has_value());
    }

    void register_passwordLengthBoundaries_201_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("8 characters") << QStringLiteral("12345678");
        QTest::newRow("1024 characters") << QString(1024, u'p');
        // 1024 code points, 2048 UTF-16 units: the limit counts characters.
        QString emoji;
        for (int i = 0; i < 1024; ++i)
            emoji += QStringLiteral("\U0001F600");
        QTest::newRow("1024 emoji") << emoji;
    }

    void register_passwordLengthBoundaries_201()
    {
        QFETCH(QString, password);
        const QString name = unique(QStringLiteral("carol"));
        QCOMPARE(signUp(name, password).status, 201);
        QCOMPARE(signIn(name, password).status, 200);
    }

    void register_inviteRequired_403UnlessValidInvite()
    {
        QVERIFY(isolate());
        // What --lan (or a non-loopback --bind) turns on.
        m_fixture->auth().setRegistrationNeedsInvite(true);
        TANDEM_COMPARE_ERROR(signUp(QStringLiteral("carol"), QStringLiteral("password1")), 403,
                             QStringLiteral("invite_required"));
        TANDEM_COMPARE_ERROR(signUp(QStringLiteral("carol"), QStringLiteral("password1"), QStringLiteral("  ")), 403,
                             QStringLiteral("invite_required"));
        TANDEM_COMPARE_ERROR(signUp(QStringLiteral("carol"), QStringLiteral("password1"), QStringLiteral("nonsense")),
                             403, QStringLiteral("invalid_invite"));
        TANDEM_COMPARE_ERROR(
            signUp(QStringLiteral("carol"), QStringLiteral("password1"), QStringLiteral("ABCD-EFGH-JKMN-PQRS")), 403,
            QStringLiteral("invalid_invite"));

        auto code = m_fixture->auth().issueInvite(m_fixture->localOwner().id);
        TANDEM_VERIFY_OK(code);
        // Typed by hand: lower case, without dashes.
        QString typed = code.value().toLower();
        typed.remove(u'-');
        QCOMPARE(signUp(QStringLiteral("carol"), QStringLiteral("password1"), typed).status, 201);
        // Single use.
        TANDEM_COMPARE_ERROR(signUp(QStringLiteral("dave"), QStringLiteral("password1"), code.value()), 403,
                             QStringLiteral("invalid_invite"));
    }

    // --- invites ----------------------------------------------------------

    void invites_localOwner_201_othersForbidden()
    {
        QVERIFY(isolate());
        TANDEM_COMPARE_ERROR(call("POST", "/api/auth/invites", {}, m_alice.token), 403, QStringLiteral("forbidden"));

        // The desktop's owner signs in once it has a password (tandem --set-password).
        TANDEM_VERIFY_OK(m_fixture->auth().setPassword(m_fixture->localOwner().id, QStringLiteral("owner-pass")));
        const HttpResult login = signIn(m_fixture->localOwner().username, QStringLiteral("owner-pass"));
        QCOMPARE(login.status, 200);
        const QString ownerToken = login.json().value(QStringLiteral("token")).toString();

        const HttpResult invite = call("POST", "/api/auth/invites", {}, ownerToken);
        QCOMPARE(invite.status, 201);
        const QString code = invite.json().value(QStringLiteral("code")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
                     .match(code)
                     .hasMatch(),
                 qPrintable(code));

        m_fixture->auth().setRegistrationNeedsInvite(true);
        QCOMPARE(signUp(QStringLiteral("carol"), QStringLiteral("password1"), code).status, 201);
    }

    // --- login ------------------------------------------------------------

    void login_validCredentials_200WithTokenAndUser()
    {
        const HttpResult response = signIn(m_alice.user.username.toUpper(), SyncFixture::defaultPassword());
        QCOMPARE(response.status, 200);
        const QJsonObject user = response.json().value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("id")).toString(), uuidText(m_alice.user.id));
        QCOMPARE(user.value(QStringLiteral("username")).toString(), m_alice.user.username);
        const QString token = response.json().value(QStringLiteral("token")).toString();
        QVERIFY(!token.isEmpty());
        QVERIFY(token != m_alice.token);
        QCOMPARE(call("GET", "/api/tasks", {}, token).status, 200);
    }

    void login_unknownUserOrWrongPassword_identical401()
    {
        QVERIFY(isolate());
        const HttpResult wrongPassword = signIn(m_alice.user.username, QStringLiteral("not her password"));
        const HttpResult unknownUser = signIn(QStringLiteral("nobody"), QStringLiteral("not her password"));
        // The owner has no password at all: the same answer again.
        const HttpResult noPassword = signIn(m_fixture->localOwner().username, QStringLiteral("anything1"));
        TANDEM_COMPARE_ERROR(wrongPassword, 401, QStringLiteral("invalid_credentials"));
        TANDEM_COMPARE_ERROR(unknownUser, 401, QStringLiteral("invalid_credentials"));
        TANDEM_COMPARE_ERROR(noPassword, 401, QStringLiteral("invalid_credentials"));
        QCOMPARE(unknownUser.body, wrongPassword.body);
        QCOMPARE(noPassword.body, wrongPassword.body);
    }

    void login_afterFiveFailures_429WithRetryAfter()
    {
        QVERIFY(isolate());
        for (int i = 0; i < 5; ++i)
            TANDEM_COMPARE_ERROR(signIn(m_alice.user.username, QStringLiteral("wrong-password")), 401,
                                 QStringLiteral("invalid_credentials"));
        // Even the right password is refused now, before any hashing.
        const HttpResult limited = signIn(m_alice.user.username, SyncFixture::defaultPassword());
        TANDEM_COMPARE_ERROR(limited, 429, QStringLiteral("rate_limited"));
        bool ok = false;
        const int retryAfter = limited.header("retry-after").toInt(&ok);
        QVERIFY2(ok && retryAfter >= 1, limited.header("retry-after").constData());
        QCOMPARE(limited.error().value(QStringLiteral("retryAfter")).toInt(), retryAfter);
        // A token already handed out keeps working.
        QCOMPARE(call("GET", "/api/auth/me", {}, m_alice.token).status, 200);
    }

    // --- me, logout, tokens ----------------------------------------------

    void me_withToken_returnsUser()
    {
        const HttpResult response = call("GET", "/api/auth/me", {}, m_bob.token);
        QCOMPARE(response.status, 200);
        const QJsonObject user = response.json().value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("id")).toString(), uuidText(m_bob.user.id));
        QCOMPARE(user.value(QStringLiteral("username")).toString(), m_bob.user.username);
    }

    void protectedRoute_withoutValidToken_401_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("authorization");
        const QByteArray someId = idText(QUuid::createUuid());
        const QList<std::pair<QByteArray, QByteArray>> routes{
            {"GET", "/api/auth/me"},
            {"POST", "/api/auth/logout"},
            {"POST", "/api/auth/invites"},
            {"GET", "/api/tasks"},
            {"POST", "/api/tasks"},
            {"GET", "/api/tasks/" + someId},
            {"PATCH", "/api/tasks/" + someId},
            {"DELETE", "/api/tasks/" + someId},
            {"GET", "/api/chat/sessions"},
            {"POST", "/api/chat/sessions"},
            {"GET", "/api/chat/sessions/" + someId + "/messages"},
        };
        for (const auto &[method, target] : routes) {
            QTest::addRow("%s %s, no header", method.constData(), target.constData())
                << method << target << QByteArray();
            QTest::addRow("%s %s, not bearer", method.constData(), target.constData())
                << method << target << QByteArray("Basic YWxpY2U6cGFzc3dvcmQ=");
            QTest::addRow("%s %s, garbage token", method.constData(), target.constData())
                << method << target << QByteArray("Bearer not.a.token");
        }
    }

    void protectedRoute_withoutValidToken_401()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, authorization);
        const qint64 before = head(m_alice.user.id);
        const HttpResult response = call(method, target, toJson({{QStringLiteral("title"), QStringLiteral("x")}}), {},
                                         {{"Authorization", authorization}});
        TANDEM_COMPARE_ERROR(response, 401, QStringLiteral("unauthorized"));
        QCOMPARE(response.header("www-authenticate"), QByteArray("Bearer"));
        QCOMPARE(head(m_alice.user.id), before);
    }

    void logout_revokesPresentedTokenOnly()
    {
        const HttpResult second = signIn(m_alice.user.username, SyncFixture::defaultPassword());
        QCOMPARE(second.status, 200);
        const QString other = second.json().value(QStringLiteral("token")).toString();

        const HttpResult logout = call("POST", "/api/auth/logout", {}, m_alice.token);
        QCOMPARE(logout.status, 204);
        QVERIFY(logout.body.isEmpty());

        TANDEM_COMPARE_ERROR(call("GET", "/api/auth/me", {}, m_alice.token), 401, QStringLiteral("unauthorized"));
        TANDEM_COMPARE_ERROR(call("GET", "/api/tasks", {}, m_alice.token), 401, QStringLiteral("unauthorized"));
        TANDEM_COMPARE_ERROR(call("POST", "/api/auth/logout", {}, m_alice.token), 401, QStringLiteral("unauthorized"));
        // Her other sign-in is untouched.
        QCOMPARE(call("GET", "/api/auth/me", {}, other).status, 200);
    }

    // --- GET /api/tasks ---------------------------------------------------

    void tasksList_query_matchingTasksInOrder_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QStringList>("titles");
        const QString milk = QStringLiteral("Buy milk");
        const QString report = QStringLiteral("Write report");
        const QString mom = QStringLiteral("Call mom");
        const QString trip = QStringLiteral("Plan trip");
        QTest::newRow("everything, by due") << QByteArray() << QStringList{report, milk, trip, mom};
        QTest::newRow("status") << QByteArray("status=pending") << QStringList{milk, trip};
        QTest::newRow("status list") << QByteArray("status=pending,in_progress") << QStringList{report, milk, trip};
        QTest::newRow("priority list") << QByteArray("priority=urgent,high") << QStringList{report, milk};
        QTest::newRow("tag, ignoring case") << QByteArray("tag=HOME") << QStringList{milk, mom};
        QTest::newRow("q in title") << QByteArray("q=REPORT") << QStringList{report};
        QTest::newRow("q in description") << QByteArray("q=quarterly") << QStringList{report};
        QTest::newRow("dueBefore date") << QByteArray("dueBefore=2026-03-02") << QStringList{report, milk};
        QTest::newRow("dueAfter instant") << QByteArray("dueAfter=2026-03-01T12:00:00Z") << QStringList{milk, trip};
        QTest::newRow("due range") << QByteArray("dueAfter=2026-02-15&dueBefore=2026-03-15") << QStringList{milk};
        QTest::newRow("sort title") << QByteArray("sort=title") << QStringList{milk, mom, trip, report};
        QTest::newRow("sort -title") << QByteArray("sort=-title") << QStringList{report, trip, mom, milk};
        QTest::newRow("sort priority") << QByteArray("sort=priority") << QStringList{report, milk, mom, trip};
        QTest::newRow("sort -due") << QByteArray("sort=-due") << QStringList{mom, trip, milk, report};
        QTest::newRow("hasDue=false") << QByteArray("hasDue=false") << QStringList{mom};
        QTest::newRow("limit") << QByteArray("limit=2") << QStringList{report, milk};
        QTest::newRow("combined") << QByteArray("status=completed&tag=family") << QStringList{mom};
        QTest::newRow("nothing matches") << QByteArray("q=zebra") << QStringList{};
    }

    void tasksList_query_matchingTasksInOrder()
    {
        QFETCH(QByteArray, query);
        QFETCH(QStringList, titles);
        makeTask(m_alice, QStringLiteral("Buy milk"), TaskStatus::Pending, TaskPriority::High,
                 QStringLiteral("2026-03-01"), {QStringLiteral("home")});
        makeTask(m_alice, QStringLiteral("Write report"), TaskStatus::InProgress, TaskPriority::Urgent,
                 QStringLiteral("2026-02-01T09:00:00Z"), {QStringLiteral("work")}, QStringLiteral("Quarterly numbers"));
        makeTask(m_alice, QStringLiteral("Call mom"), TaskStatus::Completed, TaskPriority::Low, {},
                 {QStringLiteral("home"), QStringLiteral("family")});
        makeTask(m_alice, QStringLiteral("Plan trip"), TaskStatus::Pending, TaskPriority::None,
                 QStringLiteral("2026-04-15"));
        // Bob's tasks never show up in Alice's list.
        makeTask(m_bob, QStringLiteral("Buy milk too"), TaskStatus::Pending, TaskPriority::High,
                 QStringLiteral("2026-03-01"), {QStringLiteral("home")});

        const HttpResult response
            = call("GET", query.isEmpty() ? QByteArray("/api/tasks") : "/api/tasks?" + query, {}, m_alice.token);
        QCOMPARE(response.status, 200);
        QCOMPARE(titlesOf(response.json().value(QStringLiteral("tasks")).toArray()), titles);
        QCOMPARE(response.json().value(QStringLiteral("seq")).toInteger(), head(m_alice.user.id));
    }

    void tasksList_seq_isTheOwnersHead()
    {
        HttpResult response = call("GET", "/api/tasks", {}, m_alice.token);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QStringLiteral("seq")).toInteger(), 0);
        QCOMPARE(response.json().value(QStringLiteral("tasks")).toArray().size(), 0);
        makeTask(m_alice, QStringLiteral("one"));
        makeTask(m_alice, QStringLiteral("two"));
        makeTask(m_bob, QStringLiteral("bob's"));
        response = call("GET", "/api/tasks", {}, m_alice.token);
        QCOMPARE(response.json().value(QStringLiteral("seq")).toInteger(), 2);
        QCOMPARE(response.json().value(QStringLiteral("tasks")).toArray().size(), 2);
    }

    void tasksList_badParameter_422NamingField_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("status") << QByteArray("status=done") << QStringLiteral("status");
        QTest::newRow("one bad status in a list") << QByteArray("status=pending,done") << QStringLiteral("status");
        QTest::newRow("priority") << QByteArray("priority=extreme") << QStringLiteral("priority");
        QTest::newRow("dueBefore") << QByteArray("dueBefore=tomorrow") << QStringLiteral("dueBefore");
        QTest::newRow("dueAfter") << QByteArray("dueAfter=2026-13-01") << QStringLiteral("dueAfter");
        QTest::newRow("dueAfter after dueBefore")
            << QByteArray("dueAfter=2026-05-01&dueBefore=2026-04-01") << QStringLiteral("dueAfter");
        QTest::newRow("sort") << QByteArray("sort=colour") << QStringLiteral("sort");
        QTest::newRow("limit zero") << QByteArray("limit=0") << QStringLiteral("limit");
        QTest::newRow("limit text") << QByteArray("limit=many") << QStringLiteral("limit");
        QTest::newRow("hasDue") << QByteArray("hasDue=maybe") << QStringLiteral("hasDue");
        QTest::newRow("timeZone") << QByteArray("timeZone=Mars/Olympus_Mons") << QStringLiteral("timeZone");
        QTest::newRow("q too long") << "q=" + QByteArray(501, 'x') << QStringLiteral("q");
    }

    void tasksList_badParameter_422NamingField()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, field);
        const HttpResult response = call("GET", "/api/tasks?" + query, {}, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
    }

    // --- POST /api/tasks --------------------------------------------------

    void tasksCreate_withClientId_201KeepsIt()
    {
        const QUuid id = QUuid::createUuid();
        const HttpResult response = call("POST", "/api/tasks",
                                         toJson({{QStringLiteral("id"), uuidText(id)},
                                                 {QStringLiteral("title"), QStringLiteral("  Buy milk  ")},
                                                 {QStringLiteral("priority"), QStringLiteral("high")},
                                                 {QStringLiteral("due"), QStringLiteral("2026-11-27")},
                                                 {QStringLiteral("tags"), QJsonArray{QStringLiteral("home")}},
                                                 // Server-assigned fields are ignored.
                                                 {QStringLiteral("revision"), 99},
                                                 {QStringLiteral("ownerId"), uuidText(m_bob.user.id)}}),
                                         m_alice.token);
        QCOMPARE(response.status, 201);
        QCOMPARE(response.json().keys(), QStringList{QStringLiteral("task")});
        auto task = taskFromJson(response.json().value(QStringLiteral("task")).toObject());
        TANDEM_VERIFY_OK(task);
        QCOMPARE(task->id, id);
        QCOMPARE(task->ownerId, m_alice.user.id);
        QCOMPARE(task->title, QStringLiteral("Buy milk"));
        QCOMPARE(task->priority, TaskPriority::High);
        QCOMPARE(task->due.toIsoString(), QStringLiteral("2026-11-27"));
        QCOMPARE(task->tags, QStringList{QStringLiteral("home")});
        QCOMPARE(task->revision, 1);
        auto stored = m_fixture->tasks().get(m_alice.user.id, id);
        TANDEM_VERIFY_OK(stored);
        QCOMPARE(stored.value(), task.value());

        // The same id again is a conflict, and so is another user's id.
        TANDEM_COMPARE_ERROR(
            call("POST", "/api/tasks",
                 toJson({{QStringLiteral("id"), uuidText(id)}, {QStringLiteral("title"), QStringLiteral("again")}}),
                 m_alice.token),
            409, QStringLiteral("conflict"));
        TANDEM_COMPARE_ERROR(
            call("POST", "/api/tasks",
                 toJson({{QStringLiteral("id"), uuidText(id)}, {QStringLiteral("title"), QStringLiteral("bob's")}}),
                 m_bob.token),
            409, QStringLiteral("conflict"));
    }

    void tasksCreate_repeatedIdempotencyKey_replaysWithoutCreating_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("uuid") << idText(QUuid::createUuid());
        QTest::newRow("free text") << QByteArray("order-4711 retry");
    }

    void tasksCreate_repeatedIdempotencyKey_replaysWithoutCreating()
    {
        QFETCH(QByteArray, key);
        const QByteArray body = toJson({{QStringLiteral("title"), QStringLiteral("Once only")}});
        const HttpResult first = call("POST", "/api/tasks", body, m_alice.token, {{"Idempotency-Key", key}});
        QCOMPARE(first.status, 201);
        QVERIFY(first.header("idempotent-replayed").isEmpty());
        const qint64 seq = head(m_alice.user.id);

        const HttpResult again = call("POST", "/api/tasks", body, m_alice.token, {{"Idempotency-Key", key}});
        QCOMPARE(again.status, 201);
        QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(again.json(), first.json());
        QCOMPARE(head(m_alice.user.id), seq);
        const HttpResult list = call("GET", "/api/tasks", {}, m_alice.token);
        QCOMPARE(list.json().value(QStringLiteral("tasks")).toArray().size(), 1);

        // Keys are per user: Bob's request with the same key creates his own task.
        const HttpResult bobs = call("POST", "/api/tasks", body, m_bob.token, {{"Idempotency-Key", key}});
        QCOMPARE(bobs.status, 201);
        QVERIFY(bobs.header("idempotent-replayed").isEmpty());
        QVERIFY(bobs.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("id"))
                != first.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("id")));
    }

    void tasksCreate_idempotencyKeyTooLong_422()
    {
        const HttpResult response = call("POST", "/api/tasks", toJson({{QStringLiteral("title"), QStringLiteral("x")}}),
                                         m_alice.token, {{"Idempotency-Key", QByteArray(256, 'k')}});
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), QStringLiteral("Idempotency-Key"));
        QCOMPARE(head(m_alice.user.id), 0);
    }

    void tasksCreate_brokenRule_422NamingField_data()
    {
        QTest::addColumn<QJsonObject>("task");
        QTest::addColumn<QString>("field");
        QTest::newRow("no title") << QJsonObject{} << QStringLiteral("title");
        QTest::newRow("blank title") << QJsonObject{{QStringLiteral("title"), QStringLiteral("   ")}}
                                     << QStringLiteral("title");
        QTest::newRow("title too long") << QJsonObject{{QStringLiteral("title"), QString(501, u't')}}
                                        << QStringLiteral("title");
        QTest::newRow("title a number") << QJsonObject{{QStringLiteral("title"), 5}} << QStringLiteral("title");
        QTest::newRow("status") << QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                               {QStringLiteral("status"), QStringLiteral("done")}}
                                << QStringLiteral("status");
        QTest::newRow("priority") << QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                                 {QStringLiteral("priority"), QStringLiteral("extreme")}}
                                  << QStringLiteral("priority");
        QTest::newRow("due") << QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                            {QStringLiteral("due"), QStringLiteral("next week")}}
                             << QStringLiteral("due");
        QTest::newRow("tags") << QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                             {QStringLiteral("tags"), QStringLiteral("home")}}
                              << QStringLiteral("tags");
        QTest::newRow("id") << QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                           {QStringLiteral("id"), QStringLiteral("42")}}
                            << QStringLiteral("id");
        const auto repeating = [](const QJsonValue &repeat) {
            return QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                               {QStringLiteral("due"), QStringLiteral("2026-11-27")},
                               {QStringLiteral("repeat"), repeat}};
        };
        const auto rule = [](const char *json) {
            return QJsonDocument::fromJson(json).object();
        };
        QTest::newRow("repeat unit") << repeating(rule(R"({"unit":"fortnight"})")) << QStringLiteral("repeat.unit");
        QTest::newRow("repeat interval 0")
            << repeating(rule(R"({"unit":"day","interval":0})")) << QStringLiteral("repeat.interval");
        QTest::newRow("repeat weekday typo")
            << repeating(rule(R"({"unit":"week","weekdays":["mon","thr"]})")) << QStringLiteral("repeat.weekdays[1]");
        QTest::newRow("repeat not an object") << repeating(QStringLiteral("weekly")) << QStringLiteral("repeat");
        QTest::newRow("repeat without due") << QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                                           {QStringLiteral("repeat"), rule(R"({"unit":"day"})")}}
                                            << QStringLiteral("due");
    }

    void tasksRepeat_createCompletePatch_roundTripsAndMovesDue()
    {
        const QJsonObject rule{{QStringLiteral("unit"), QStringLiteral("week")},
                               {QStringLiteral("interval"), 2},
                               {QStringLiteral("weekdays"), QJsonArray{QStringLiteral("mon"), QStringLiteral("thu")}}};
        HttpResult response = call("POST", "/api/tasks",
                                   toJson({{QStringLiteral("title"), QStringLiteral("Team sync")},
                                           {QStringLiteral("due"), QStringLiteral("2026-11-26")},
                                           {QStringLiteral("repeat"), rule}}),
                                   m_alice.token);
        QCOMPARE(response.status, 201);
        const QJsonObject created = response.json().value(QStringLiteral("task")).toObject();
        const QJsonObject wireRule = created.value(QStringLiteral("repeat")).toObject();
        QCOMPARE(wireRule.value(QStringLiteral("unit")).toString(), QStringLiteral("week"));
        QCOMPARE(wireRule.value(QStringLiteral("interval")).toInt(), 2);
        QCOMPARE(wireRule.value(QStringLiteral("weekdays")).toArray(),
                 QJsonArray({QStringLiteral("mon"), QStringLiteral("thu")}));
        QVERIFY(created.value(QStringLiteral("lastCompletedAt")).isNull());
        const QByteArray target = "/api/tasks/" + created.value(QStringLiteral("id")).toString().toLatin1();
        const qint64 seq = head(m_alice.user.id);

        // Completing it is one change: still open, due on the next Monday of the cycle.
        response
            = call("PATCH", target, toJson({{QStringLiteral("status"), QStringLiteral("completed")}}), m_alice.token);
        QCOMPARE(response.status, 200);
        QJsonObject task = response.json().value(QStringLiteral("task")).toObject();
        QCOMPARE(head(m_alice.user.id), seq + 1);
        QCOMPARE(task.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QVERIFY(task.value(QStringLiteral("due")).toString() > QStringLiteral("2026-11-26"));
        QVERIFY(task.value(QStringLiteral("lastCompletedAt")).isString());
        QVERIFY(task.value(QStringLiteral("completedAt")).isNull());

        // repeat: null stops it; completing then closes the task.
        response = call("PATCH", target, toJson({{QStringLiteral("repeat"), QJsonValue::Null}}), m_alice.token);
        QCOMPARE(response.status, 200);
        QVERIFY(response.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("repeat")).isNull());
        response
            = call("PATCH", target, toJson({{QStringLiteral("status"), QStringLiteral("completed")}}), m_alice.token);
        QCOMPARE(response.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("completed"));
    }

    void tasksCreate_brokenRule_422NamingField()
    {
        QFETCH(QJsonObject, task);
        QFETCH(QString, field);
        const HttpResult response = call("POST", "/api/tasks", toJson(task), m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
        QCOMPARE(head(m_alice.user.id), 0);
    }

    // --- /api/tasks/{id} --------------------------------------------------

    void taskItem_getPatchDelete_happyPath()
    {
        const Task task = makeTask(m_alice, QStringLiteral("Buy milk"));
        const QByteArray target = "/api/tasks/" + idText(task.id);

        HttpResult response = call("GET", target, {}, m_alice.token);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json(), QJsonObject({{QStringLiteral("task"), taskToJson(task)}}));

        response = call("PATCH", target,
                        toJson({{QStringLiteral("title"), QStringLiteral("Buy oat milk")},
                                {QStringLiteral("due"), QStringLiteral("2026-11-27T09:00:00+01:00")},
                                {QStringLiteral("revision"), 1}}),
                        m_alice.token);
        QCOMPARE(response.status, 200);
        auto patched = taskFromJson(response.json().value(QStringLiteral("task")).toObject());
        TANDEM_VERIFY_OK(patched);
        QCOMPARE(patched->title, QStringLiteral("Buy oat milk"));
        QCOMPARE(patched->due.toIsoString(), QStringLiteral("2026-11-27T09:00:00+01:00"));
        QCOMPARE(patched->revision, 2);

        // due: null clears it; no revision means "whatever is current".
        response = call("PATCH", target, toJson({{QStringLiteral("due"), QJsonValue::Null}}), m_alice.token);
        QCOMPARE(response.status, 200);
        QVERIFY(response.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("due")).isNull());

        response = call("DELETE", target + "?revision=3", {}, m_alice.token);
        QCOMPARE(response.status, 204);
        QVERIFY(response.body.isEmpty());
        TANDEM_COMPARE_ERROR(call("GET", target, {}, m_alice.token), 404, QStringLiteral("not_found"));
        TANDEM_COMPARE_ERROR(
            call("PATCH", target, toJson({{QStringLiteral("title"), QStringLiteral("x")}}), m_alice.token), 404,
            QStringLiteral("not_found"));
        TANDEM_COMPARE_ERROR(call("DELETE", target, {}, m_alice.token), 404, QStringLiteral("not_found"));
    }

    void taskPatch_staleRevision_409WithCurrentTask()
    {
        const Task task = makeTask(m_alice, QStringLiteral("Buy milk"));
        const QByteArray target = "/api/tasks/" + idText(task.id);
        QCOMPARE(call("PATCH", target, toJson({{QStringLiteral("title"), QStringLiteral("v2")}}), m_alice.token).status,
                 200);
        auto current = m_fixture->tasks().get(m_alice.user.id, task.id);
        TANDEM_VERIFY_OK(current);
        const qint64 seq = head(m_alice.user.id);

        const HttpResult response
            = call("PATCH", target,
                   toJson({{QStringLiteral("title"), QStringLiteral("stale edit")}, {QStringLiteral("revision"), 1}}),
                   m_alice.token);
        TANDEM_COMPARE_ERROR(response, 409, QStringLiteral("conflict"));
        QCOMPARE(response.error().value(QStringLiteral("task")).toObject(), taskToJson(current.value()));
        QCOMPARE(head(m_alice.user.id), seq);

        const HttpResult removal = call("DELETE", target + "?revision=1", {}, m_alice.token);
        TANDEM_COMPARE_ERROR(removal, 409, QStringLiteral("conflict"));
        QCOMPARE(removal.error().value(QStringLiteral("task")).toObject(), taskToJson(current.value()));
        QCOMPARE(head(m_alice.user.id), seq);
    }

    void taskPatch_brokenRule_422NamingField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("nothing to change") << QByteArray("{}") << QStringLiteral("body");
        QTest::newRow("only a revision") << QByteArray("{\"revision\":1}") << QStringLiteral("body");
        QTest::newRow("negative revision")
            << QByteArray("{\"title\":\"x\",\"revision\":-1}") << QStringLiteral("revision");
        QTest::newRow("fractional revision")
            << QByteArray("{\"title\":\"x\",\"revision\":1.5}") << QStringLiteral("revision");
        QTest::newRow("revision past 2^53")
            << QByteArray("{\"title\":\"x\",\"revision\":1e300}") << QStringLiteral("revision");
        QTest::newRow("text revision") << QByteArray("{\"title\":\"x\",\"revision\":\"1\"}")
                                       << QStringLiteral("revision");
        QTest::newRow("blank title") << QByteArray("{\"title\":\"\"}") << QStringLiteral("title");
        QTest::newRow("status") << QByteArray("{\"status\":\"finished\"}") << QStringLiteral("status");
        QTest::newRow("tags") << QByteArray("{\"tags\":[1,2]}") << QStringLiteral("tags[0]");
        QTest::newRow("repeat interval 0")
            << QByteArray(R"({"repeat":{"unit":"day","interval":0}})") << QStringLiteral("repeat.interval");
        QTest::newRow("repeat on a task without due")
            << QByteArray(R"({"repeat":{"unit":"day"}})") << QStringLiteral("due");
    }

    void taskPatch_brokenRule_422NamingField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const Task task = makeTask(m_alice, QStringLiteral("Buy milk"));
        const HttpResult response = call("PATCH", "/api/tasks/" + idText(task.id), body, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
        QCOMPARE(head(m_alice.user.id), 1);
    }

    void taskDelete_badRevision_422()
    {
        const Task task = makeTask(m_alice, QStringLiteral("Buy milk"));
        const HttpResult response
            = call("DELETE", "/api/tasks/" + idText(task.id) + "?revision=soon", {}, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), QStringLiteral("revision"));
    }

    void taskItem_otherUsersTask_404NeverForbidden_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET") << QByteArray("GET") << QByteArray();
        QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray("{\"title\":\"mine now\"}");
        QTest::newRow("PATCH with revision")
            << QByteArray("PATCH") << QByteArray("{\"title\":\"mine\",\"revision\":1}");
        QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray();
    }

    void taskItem_otherUsersTask_404NeverForbidden()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        const Task task = makeTask(m_bob, QStringLiteral("Bob's secret"));
        const HttpResult response = call(method, "/api/tasks/" + idText(task.id), body, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 404, QStringLiteral("not_found"));
        // The same answer as for an id that does not exist at all.
        const HttpResult unknown = call(method, "/api/tasks/" + idText(QUuid::createUuid()), body, m_alice.token);
        QCOMPARE(response.body, unknown.body);
        auto still = m_fixture->tasks().get(m_bob.user.id, task.id);
        TANDEM_VERIFY_OK(still);
        QCOMPARE(still.value(), task);
        QCOMPARE(head(m_alice.user.id), 0);
    }

    void taskItem_badPath_404_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("PATCH"), QByteArray("DELETE")}) {
            QTest::addRow("%s not a uuid", method.constData()) << method << QByteArray("/api/tasks/not-a-uuid");
            QTest::addRow("%s braced uuid", method.constData())
                << method << "/api/tasks/" + QUuid::createUuid().toString().toLatin1();
            QTest::addRow("%s unknown uuid", method.constData())
                << method << "/api/tasks/" + idText(QUuid::createUuid());
            QTest::addRow("%s sub-resource", method.constData())
                << method << "/api/tasks/" + idText(QUuid::createUuid()) + "/extra";
        }
    }

    void taskItem_badPath_404()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        TANDEM_COMPARE_ERROR(call(method, target, "{\"title\":\"x\"}", m_alice.token), 404,
                             QStringLiteral("not_found"));
    }

    // --- chat -------------------------------------------------------------

    void chatSessions_createListGetPatchDelete_happyPath()
    {
        HttpResult response = call("POST", "/api/chat/sessions", {}, m_alice.token);
        QCOMPARE(response.status, 201);
        const QJsonObject untitled = response.json().value(QStringLiteral("session")).toObject();
        QCOMPARE(untitled.value(QStringLiteral("title")).toString(), QStringLiteral("New chat"));
        QCOMPARE(untitled.value(QStringLiteral("ownerId")).toString(), uuidText(m_alice.user.id));

        const QUuid id = QUuid::createUuid();
        response = call(
            "POST", "/api/chat/sessions",
            toJson({{QStringLiteral("title"), QStringLiteral("Groceries")}, {QStringLiteral("id"), uuidText(id)}}),
            m_alice.token);
        QCOMPARE(response.status, 201);
        QCOMPARE(response.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString(),
                 uuidText(id));
        QCOMPARE(response.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("isActive")).toBool(),
                 true);

        // Most recently updated first; Bob sees none of it.
        response = call("GET", "/api/chat/sessions", {}, m_alice.token);
        QCOMPARE(response.status, 200);
        QJsonArray sessions = response.json().value(QStringLiteral("sessions")).toArray();
        QCOMPARE(sessions.size(), 2);
        QCOMPARE(sessions.at(0).toObject().value(QStringLiteral("id")).toString(), uuidText(id));
        QCOMPARE(call("GET", "/api/chat/sessions", {}, m_bob.token)
                     .json()
                     .value(QStringLiteral("sessions"))
                     .toArray()
                     .size(),
                 0);

        const QByteArray target = "/api/chat/sessions/" + idText(id);
        response = call("GET", target, {}, m_alice.token);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Groceries"));

        response = call(
            "PATCH", target,
            toJson({{QStringLiteral("title"), QStringLiteral("Weekly shop")}, {QStringLiteral("isActive"), false}}),
            m_alice.token);
        QCOMPARE(response.status, 200);
        const QJsonObject patched = response.json().value(QStringLiteral("session")).toObject();
        QCOMPARE(patched.value(QStringLiteral("title")).toString(), QStringLiteral("Weekly shop"));
        QCOMPARE(patched.value(QStringLiteral("isActive")).toBool(), false);
        QCOMPARE(patched.value(QStringLiteral("revision")).toInt(), 2);

        response = call("DELETE", target, {}, m_alice.token);
        QCOMPARE(response.status, 204);
        TANDEM_COMPARE_ERROR(call("GET", target, {}, m_alice.token), 404, QStringLiteral("not_found"));
        TANDEM_COMPARE_ERROR(call("GET", target + "/messages", {}, m_alice.token), 404, QStringLiteral("not_found"));
        sessions
            = call("GET", "/api/chat/sessions", {}, m_alice.token).json().value(QStringLiteral("sessions")).toArray();
        QCOMPARE(sessions.size(), 1);

        // Its id stays taken.
        TANDEM_COMPARE_ERROR(
            call("POST", "/api/chat/sessions", toJson({{QStringLiteral("id"), uuidText(id)}}), m_alice.token), 409,
            QStringLiteral("conflict"));
    }

    void chatMessages_list_oldestFirstNewestNWithLimit()
    {
        auto session = m_fixture->chats().createSession(m_alice.user.id, QStringLiteral("Plans"));
        TANDEM_VERIFY_OK(session);
        const QUuid id = session->session()->id;
        for (int i = 1; i <= 3; ++i)
            TANDEM_VERIFY_OK(m_fixture->chats().addMessage(m_alice.user.id, id,
                                                           i % 2 ? ChatRole::User : ChatRole::Assistant,
                                                           QStringLiteral("message %1").arg(i)));
        const QByteArray target = "/api/chat/sessions/" + idText(id) + "/messages";

        HttpResult response = call("GET", target, {}, m_alice.token);
        QCOMPARE(response.status, 200);
        QJsonArray messages = response.json().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("message 1"));
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(messages.at(2).toObject().value(QStringLiteral("sessionId")).toString(), uuidText(id));

        response = call("GET", target + "?limit=2", {}, m_alice.token);
        QCOMPARE(response.status, 200);
        messages = response.json().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("message 2"));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("message 3"));

        for (const QByteArray &bad : {QByteArray("0"), QByteArray("10001"), QByteArray("few")}) {
            const HttpResult refused = call("GET", target + "?limit=" + bad, {}, m_alice.token);
            TANDEM_COMPARE_ERROR(refused, 422, QStringLiteral("validation"));
            QCOMPARE(refused.errorField(), QStringLiteral("limit"));
        }
    }

    void chat_otherUsersSession_404NeverForbidden_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("suffix");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET") << QByteArray("GET") << QByteArray() << QByteArray();
        QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray() << QByteArray("{\"title\":\"mine\"}");
        QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray() << QByteArray();
        QTest::newRow("GET messages") << QByteArray("GET") << QByteArray("/messages") << QByteArray();
    }

    void chat_otherUsersSession_404NeverForbidden()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, suffix);
        QFETCH(QByteArray, body);
        auto session = m_fixture->chats().createSession(m_bob.user.id, QStringLiteral("Bob's"));
        TANDEM_VERIFY_OK(session);
        const QUuid id = session->session()->id;
        TANDEM_VERIFY_OK(m_fixture->chats().addMessage(m_bob.user.id, id, ChatRole::User, QStringLiteral("private")));
        const HttpResult response = call(method, "/api/chat/sessions/" + idText(id) + suffix, body, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 404, QStringLiteral("not_found"));
        QVERIFY(!response.body.contains("private"));
        auto still = m_fixture->chats().session(m_bob.user.id, id);
        TANDEM_VERIFY_OK(still);
        QCOMPARE(still->title, QStringLiteral("Bob's"));
    }

    void chat_badPath_404_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("no sessions segment") << QByteArray("/api/chat");
        QTest::newRow("unknown collection") << QByteArray("/api/chat/rooms");
        QTest::newRow("not a uuid") << QByteArray("/api/chat/sessions/abc");
        QTest::newRow("unknown sub-resource") << "/api/chat/sessions/" + idText(QUuid::createUuid()) + "/members";
        QTest::newRow("too deep") << "/api/chat/sessions/" + idText(QUuid::createUuid()) + "/messages/1";
    }

    void chat_badPath_404()
    {
        QFETCH(QByteArray, target);
        TANDEM_COMPARE_ERROR(call("GET", target, {}, m_alice.token), 404, QStringLiteral("not_found"));
    }

    void chat_brokenRule_422NamingField_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("onSession");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("create: title a number")
            << QByteArray("POST") << false << QByteArray("{\"title\":5}") << QStringLiteral("title");
        QTest::newRow("create: id not a uuid")
            << QByteArray("POST") << false << QByteArray("{\"id\":\"x\"}") << QStringLiteral("id");
        QTest::newRow("create: title too long")
            << QByteArray("POST") << false << "{\"title\":\"" + QByteArray(501, 't') + "\"}" << QStringLiteral("title");
        QTest::newRow("patch: nothing") << QByteArray("PATCH") << true << QByteArray("{}") << QStringLiteral("body");
        QTest::newRow("patch: isActive text")
            << QByteArray("PATCH") << true << QByteArray("{\"isActive\":\"yes\"}") << QStringLiteral("isActive");
        QTest::newRow("patch: title null")
            << QByteArray("PATCH") << true << QByteArray("{\"title\":null}") << QStringLiteral("title");
    }

    void chat_brokenRule_422NamingField()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, onSession);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        auto session = m_fixture->chats().createSession(m_alice.user.id, QStringLiteral("Plans"));
        TANDEM_VERIFY_OK(session);
        const qint64 seq = head(m_alice.user.id);
        const QByteArray target
            = onSession ? "/api/chat/sessions/" + idText(session->session()->id) : QByteArray("/api/chat/sessions");
        const HttpResult response = call(method, target, body, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
        QCOMPARE(head(m_alice.user.id), seq);
    }

    // --- protocol-level errors -------------------------------------------

    void route_wrongMethod_405WithAllow_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("allow");
        const QByteArray id = idText(QUuid::createUuid());
        QTest::newRow("POST health") << QByteArray("POST") << QByteArray("/api/health") << QByteArray("GET, HEAD");
        QTest::newRow("GET register") << QByteArray("GET") << QByteArray("/api/auth/register") << QByteArray("POST");
        QTest::newRow("GET login") << QByteArray("GET") << QByteArray("/api/auth/login") << QByteArray("POST");
        QTest::newRow("POST me") << QByteArray("POST") << QByteArray("/api/auth/me") << QByteArray("GET, HEAD");
        QTest::newRow("GET logout") << QByteArray("GET") << QByteArray("/api/auth/logout") << QByteArray("POST");
        QTest::newRow("GET invites") << QByteArray("GET") << QByteArray("/api/auth/invites") << QByteArray("POST");
        QTest::newRow("PUT tasks") << QByteArray("PUT") << QByteArray("/api/tasks") << QByteArray("GET, HEAD, POST");
        QTest::newRow("DELETE tasks") << QByteArray("DELETE") << QByteArray("/api/tasks")
                                      << QByteArray("GET, HEAD, POST");
        QTest::newRow("POST task") << QByteArray("POST") << "/api/tasks/" + id
                                   << QByteArray("GET, HEAD, PATCH, DELETE");
        QTest::newRow("PUT task") << QByteArray("PUT") << "/api/tasks/" + id << QByteArray("GET, HEAD, PATCH, DELETE");
        QTest::newRow("PATCH sessions") << QByteArray("PATCH") << QByteArray("/api/chat/sessions")
                                        << QByteArray("GET, HEAD, POST");
        QTest::newRow("POST session") << QByteArray("POST") << "/api/chat/sessions/" + id
                                      << QByteArray("GET, HEAD, PATCH, DELETE");
        QTest::newRow("PUT messages") << QByteArray("PUT") << "/api/chat/sessions/" + id + "/messages"
                                      << QByteArray("GET, HEAD, POST");
    }

    void route_wrongMethod_405WithAllow()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, allow);
        const qint64 seq = head(m_alice.user.id);
        const HttpResult response = call(method, target, "{\"title\":\"x\"}", m_alice.token);
        TANDEM_COMPARE_ERROR(response, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(response.header("allow"), allow);
        QCOMPARE(head(m_alice.user.id), seq);
    }

    void unknownPath_404_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("outside /api") << QByteArray("/tasks");
        QTest::newRow("/api") << QByteArray("/api");
        QTest::newRow("unknown area") << QByteArray("/api/projects");
        QTest::newRow("unknown auth action") << QByteArray("/api/auth/whoami");
        QTest::newRow("health sub-path") << QByteArray("/api/health/deep");
        QTest::newRow("WebSocket path without upgrade") << QByteArray("/ws");
    }

    void unknownPath_404()
    {
        QFETCH(QByteArray, target);
        TANDEM_COMPARE_ERROR(call("GET", target, {}, m_alice.token), 404, QStringLiteral("not_found"));
    }

    void body_notAJsonObject_400BadJson_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("register: truncated")
            << QByteArray("POST") << QByteArray("/api/auth/register") << QByteArray("{\"username\":");
        QTest::newRow("login: an array") << QByteArray("POST") << QByteArray("/api/auth/login") << QByteArray("[1,2]");
        QTest::newRow("tasks: empty") << QByteArray("POST") << QByteArray("/api/tasks") << QByteArray();
        QTest::newRow("tasks: a string") << QByteArray("POST") << QByteArray("/api/tasks") << QByteArray("\"title\"");
        QTest::newRow("tasks: trailing garbage")
            << QByteArray("POST") << QByteArray("/api/tasks") << QByteArray("{\"title\":\"x\"} trailing");
        QTest::newRow("tasks: invalid UTF-8")
            << QByteArray("POST") << QByteArray("/api/tasks") << QByteArray("{\"title\":\"\xff\xfe\"}");
        QTest::newRow("task patch: truncated")
            << QByteArray("PATCH") << QByteArray("/api/tasks/{id}") << QByteArray("{\"title\"");
        QTest::newRow("session patch: empty")
            << QByteArray("PATCH") << QByteArray("/api/chat/sessions/{session}") << QByteArray();
    }

    void body_notAJsonObject_400BadJson()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        const Task task = makeTask(m_alice, QStringLiteral("Buy milk"));
        auto session = m_fixture->chats().createSession(m_alice.user.id);
        TANDEM_VERIFY_OK(session);
        target.replace("{id}", idText(task.id)).replace("{session}", idText(session->session()->id));
        const qint64 seq = head(m_alice.user.id);
        TANDEM_COMPARE_ERROR(call(method, target, body, m_alice.token), 400, QStringLiteral("bad_json"));
        QCOMPARE(head(m_alice.user.id), seq);
    }

    void body_notJson_415_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("tasks: text/plain")
            << QByteArray("POST") << QByteArray("/api/tasks") << QByteArray("text/plain");
        QTest::newRow("tasks: form") << QByteArray("POST") << QByteArray("/api/tasks")
                                     << QByteArray("application/x-www-form-urlencoded");
        QTest::newRow("register: text/plain")
            << QByteArray("POST") << QByteArray("/api/auth/register") << QByteArray("text/plain;charset=UTF-8");
        QTest::newRow("task patch: xml") << QByteArray("PATCH") << QByteArray("/api/tasks/{id}")
                                         << QByteArray("application/xml");
        QTest::newRow("sessions: multipart")
            << QByteArray("POST") << QByteArray("/api/chat/sessions") << QByteArray("multipart/form-data; boundary=x");
    }

    void body_notJson_415()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, contentType);
        const Task task = makeTask(m_alice, QStringLiteral("Buy milk"));
        target.replace("{id}", idText(task.id));
        const qint64 seq = head(m_alice.user.id);
        const QByteArray body = toJson({{QStringLiteral("title"), QStringLiteral("x")},
                                        {QStringLiteral("username"), QStringLiteral("carol")},
                                        {QStringLiteral("password"), QStringLiteral("password1")}});
        const HttpResult response = call(method, target, body, m_alice.token, {{"Content-Type", contentType}});
        TANDEM_COMPARE_ERROR(response, 415, QStringLiteral("unsupported_media_type"));
        QCOMPARE(head(m_alice.user.id), seq);
    }

    void body_withoutContentType_415()
    {
        // A body with no Content-Type at all is not JSON either.
        HttpTestClient client(port());
        QVERIFY(client.connectToServer());
        const QByteArray body = "{\"title\":\"x\"}";
        client.write("POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + m_alice.token.toLatin1()
                     + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        TANDEM_COMPARE_ERROR(client.readResponse(), 415, QStringLiteral("unsupported_media_type"));
        QCOMPARE(head(m_alice.user.id), 0);
    }

    void storageFailure_503WithoutSqlText()
    {
        QVERIFY(isolate());
        auto session = m_fixture->chats().createSession(m_alice.user.id, QStringLiteral("Plans"));
        TANDEM_VERIFY_OK(session);
        // Break the database behind the server's back: the messages table is gone.
        const StoreConfig &config = m_fixture->database().config();
        const QString name = QStringLiteral("tst_rest_api_breaker");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(
                config.engine == StoreEngine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
            if (config.engine == StoreEngine::Sqlite) {
                db.setDatabaseName(config.sqlitePath);
            } else {
                db.setHostName(config.host);
                db.setPort(config.port);
                db.setDatabaseName(config.database);
                db.setUserName(config.user);
                db.setPassword(config.password);
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            QVERIFY2(query.exec(QStringLiteral("ALTER TABLE chat_messages RENAME TO chat_messages_gone")),
                     qPrintable(query.lastError().text()));
        }
        QSqlDatabase::removeDatabase(name);

        const HttpResult response
            = call("GET", "/api/chat/sessions/" + idText(session->session()->id) + "/messages", {}, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 503, QStringLiteral("storage"));
        QVERIFY2(!response.body.contains("chat_messages"), response.body.constData());
        // Everything else keeps working.
        QCOMPARE(call("GET", "/api/tasks", {}, m_alice.token).status, 200);
    }

    void headRequest_health_headWithoutBody()
    {
        HttpTestClient client(port());
        QVERIFY(client.connectToServer());
        client.write("HEAD /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY((received += client.socket().readAll()).contains("\r\n\r\n"));
        QVERIFY2(received.startsWith("HTTP/1.1 200 "), received.constData());
        QVERIFY(received.contains("Content-Length: "));
        QVERIFY2(received.endsWith("\r\n\r\n"), received.constData());
        // No body follows (it would be read as the start of the next answer).
        const HttpResult next = client.request("GET", "/api/health");
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestRestApi)
#include "tst_rest_api.moc"
