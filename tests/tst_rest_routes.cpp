// What the REST router decides for every area alike (core/sync/restapi.cpp)
// and the readings the areas share (core/sync/restsupport.h), against a real
// SyncServer on 127.0.0.1: who must sign in before learning a path exists,
// and one rule for a revision, in a PATCH body or a DELETE's query.
#include "assistant/assistantservice.h"
#include "domain/json.h"
#include "httptestclient.h"
#include "services/taskservice.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QTest>

using namespace tandem;
using namespace tandem::test;

class TestRestRoutes final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;

    HttpResult call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                    const HttpHeaders &headers = {})
    {
        return httpRequest(m_fixture->port(), method, target, body, headers);
    }

    QByteArray newTaskPath()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Buy milk");
        auto created = m_fixture->tasks().create(m_alice.user.id, draft);
        return created ? "/api/tasks/" + uuidText(created->task()->id).toLatin1() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_fixture = SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        m_alice = alice.value();
    }
    void cleanupTestCase() { m_fixture.reset(); }

    void unknownPath_signedInArea_401ThenNotFound_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("under tasks") << QByteArray("/api/tasks/not-an-id");
        QTest::newRow("deep under tasks") << QByteArray("/api/tasks/a/b/c");
        QTest::newRow("under chat") << QByteArray("/api/chat/rooms");
        QTest::newRow("one segment under auth") << QByteArray("/api/auth/whoami");
    }

    void unknownPath_signedInArea_401ThenNotFound()
    {
        QFETCH(QByteArray, target);
        const HttpResult stranger = call("GET", target);
        TANDEM_COMPARE_ERROR(stranger, 401, QStringLiteral("unauthorized"));
        QCOMPARE(stranger.header("www-authenticate"), QByteArray("Bearer"));
        TANDEM_COMPARE_ERROR(call("GET", target, {}, bearer(m_alice.token)), 404, QStringLiteral("not_found"));
    }

    void unknownPath_outsideSignedInAreas_404WithoutToken_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("api root") << QByteArray("/api");
        QTest::newRow("unknown area") << QByteArray("/api/nothing");
        QTest::newRow("below health") << QByteArray("/api/health/deep");
        QTest::newRow("two segments under auth") << QByteArray("/api/auth/login/again");
        QTest::newRow("no such file") << QByteArray("/nothing.js");
    }

    void unknownPath_outsideSignedInAreas_404WithoutToken()
    {
        QFETCH(QByteArray, target);
        TANDEM_COMPARE_ERROR(call("GET", target), 404, QStringLiteral("not_found"));
        TANDEM_COMPARE_ERROR(call("POST", target, "{}"), 404, QStringLiteral("not_found"));
    }

    void webPage_otherMethod_405()
    {
        const HttpResult answer = call("POST", "/", "{}");
        TANDEM_COMPARE_ERROR(answer, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(answer.header("allow"), QByteArray("GET, HEAD"));
    }

    // docs/protocol.md: a revision is a count, an integer up to 2^63-1, the
    // same in a PATCH body and in DELETE ?revision=.
    void revision_patchAndDelete_sameRule_data()
    {
        QTest::addColumn<QByteArray>("revision");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("current") << QByteArray("1") << true;
        QTest::newRow("integral exponent") << QByteArray("1e0") << true;
        QTest::newRow("negative") << QByteArray("-1") << false;
        QTest::newRow("fraction") << QByteArray("1.5") << false;
        QTest::newRow("past 2^63-1") << QByteArray("9223372036854775808") << false;
        QTest::newRow("quoted") << QByteArray("\"1\"") << false;
        QTest::newRow("boolean") << QByteArray("true") << false;
    }

    void revision_patchAndDelete_sameRule()
    {
        QFETCH(QByteArray, revision);
        QFETCH(bool, accepted);
        const HttpHeaders signedIn = bearer(m_alice.token);

        const QByteArray patched = newTaskPath();
        const HttpResult patch
            = call("PATCH", patched, "{\"title\":\"Buy oat milk\",\"revision\":" + revision + '}', signedIn);
        const QByteArray removed = newTaskPath();
        const HttpResult removal = call(
            "DELETE", removed + "?revision=" + QUrl::toPercentEncoding(QString::fromLatin1(revision)), {}, signedIn);
        if (accepted) {
            QCOMPARE(patch.status, 200);
            QCOMPARE(removal.status, 204);
            return;
        }
        for (const HttpResult &refused : {patch, removal}) {
            TANDEM_COMPARE_ERROR(refused, 422, QStringLiteral("validation"));
            QCOMPARE(refused.errorField(), QStringLiteral("revision"));
            QCOMPARE(refused.error().value(QStringLiteral("message")).toString(),
                     QStringLiteral("revision: must be a non-negative integer"));
        }
        QCOMPARE(call("GET", patched, {}, signedIn).status, 200);
        QCOMPARE(call("GET", removed, {}, signedIn).status, 200);
    }

    void revision_stale_409InBoth()
    {
        const HttpHeaders signedIn = bearer(m_alice.token);
        const QByteArray target = newTaskPath();
        TANDEM_COMPARE_ERROR(call("PATCH", target, "{\"title\":\"x\",\"revision\":7}", signedIn), 409,
                             QStringLiteral("conflict"));
        TANDEM_COMPARE_ERROR(call("DELETE", target + "?revision=7", {}, signedIn), 409, QStringLiteral("conflict"));
    }
    // docs/protocol.md: repeating a key with the same request returns the
    // original result with Idempotent-Replayed: true, for every mutation.
    void chatSession_repeatedKey_replayMarked()
    {
        const HttpHeaders keyed = bearer(m_alice.token, {{"Idempotency-Key", "session-replay-create"}});
        const HttpResult created = call("POST", "/api/chat/sessions", "{\"title\":\"Plans\"}", keyed);
        QCOMPARE(created.status, 201);
        QVERIFY(created.header("idempotent-replayed").isEmpty());
        const HttpResult again = call("POST", "/api/chat/sessions", "{\"title\":\"Plans\"}", keyed);
        QCOMPARE(again.status, 201);
        QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(again.json(), created.json());

        const QByteArray target = "/api/chat/sessions/"
            + created.json()
                  .value(QStringLiteral("session"))
                  .toObject()
                  .value(QStringLiteral("id"))
                  .toString()
                  .toLatin1();
        const HttpHeaders patchKey = bearer(m_alice.token, {{"Idempotency-Key", "session-replay-patch"}});
        const HttpResult renamed = call("PATCH", target, "{\"title\":\"Trips\"}", patchKey);
        QCOMPARE(renamed.status, 200);
        QVERIFY(renamed.header("idempotent-replayed").isEmpty());
        const HttpResult renamedAgain = call("PATCH", target, "{\"title\":\"Trips\"}", patchKey);
        QCOMPARE(renamedAgain.status, 200);
        QCOMPARE(renamedAgain.header("idempotent-replayed"), QByteArray("true"));
    }

    void chatMessage_contentNotText_422NamesTheLimit()
    {
        const HttpResult session = call("POST", "/api/chat/sessions", {}, bearer(m_alice.token));
        const QByteArray target = "/api/chat/sessions/"
            + session.json()
                  .value(QStringLiteral("session"))
                  .toObject()
                  .value(QStringLiteral("id"))
                  .toString()
                  .toLatin1()
            + "/messages";
        const HttpResult refused = call("POST", target, "{\"content\":42}", bearer(m_alice.token));
        TANDEM_COMPARE_ERROR(refused, 422, QStringLiteral("validation"));
        QCOMPARE(refused.errorField(), QStringLiteral("content"));
        QCOMPARE(refused.error().value(QStringLiteral("message")).toString(),
                 QStringLiteral("content: must be a string of 1 to %1 characters")
                     .arg(assistant::AssistantService::MaxMessage));
    }
    // One encoding of a user (userToJson) on every surface that shows one.
    void user_meAndSignIn_sameObjectWithCreatedAt()
    {
        const QJsonObject me = call("GET", "/api/auth/me", {}, bearer(m_alice.token)).json();
        const HttpResult signedIn
            = call("POST", "/api/auth/login",
                   "{\"username\":\"alice\",\"password\":\"" + SyncFixture::defaultPassword().toUtf8() + "\"}");
        QCOMPARE(signedIn.status, 200);
        const QJsonObject user = me.value(QStringLiteral("user")).toObject();
        QCOMPARE(user, userToJson(m_alice.user));
        QVERIFY(!user.value(QStringLiteral("createdAt")).toString().isEmpty());
        QCOMPARE(signedIn.json().value(QStringLiteral("user")).toObject(), user);
    }
    // A method the path does not have is refused before anything is read, so
    // its Idempotency-Key stays free for the request the client meant.
    void wrongMethod_idempotencyKey_405AndKeyNotBound()
    {
        const QByteArray target = newTaskPath();
        const HttpHeaders keyed = bearer(m_alice.token, {{"Idempotency-Key", "wrong-method-first"}});
        const HttpResult refused = call("POST", target, "{\"title\":\"Buy oat milk\"}", keyed);
        TANDEM_COMPARE_ERROR(refused, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(refused.header("allow"), QByteArray("GET, HEAD, PATCH, DELETE"));
        QCOMPARE(call("PATCH", target, "{\"title\":\"Buy oat milk\"}", keyed).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestRestRoutes)
#include "tst_rest_routes.moc"
