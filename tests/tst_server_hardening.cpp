// The server hardening of issue 8, each item found by an outside attack on
// the sync server: both auth message shapes, an exact heartbeat, sync_request
// beyond the head, RFC 6455's handshake rules, strict JSON,
// sign-out closing sockets, the per-address connection cap, sign-in
// throttling that spares other users on a shared address, the assistant's
// rate limit and its turns off the socket thread. Against a real SyncServer
// on 127.0.0.1, on the engine under test.
#include "assistant/assistantservice.h"
#include "domain/json.h"
#include "httptestclient.h"
#include "manualwebsocket.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "sync/syncserver.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <limits>

using namespace tandem;
using namespace tandem::test;

namespace {

QString type(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

QJsonObject data(const QJsonObject &message)
{
    return message.value(QStringLiteral("data")).toObject();
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestServerHardening final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;
    AuthToken m_bob;

    bool start(sync::ServerOptions options = SyncFixture::fastServerOptions())
    {
        QString error;
        m_fixture = SyncFixture::create(&error, std::move(options));
        if (!m_fixture) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        auto bob = m_fixture->registerUser(QStringLiteral("bob"));
        if (!alice || !bob)
            return false;
        m_alice = alice.value();
        m_bob = bob.value();
        return true;
    }

    HttpResult rest(const QByteArray &method, const QByteArray &target, const QByteArray &body, const QString &token,
                    HttpHeaders extra = {})
    {
        return httpRequest(m_fixture->port(), method, target, body, bearer(token, std::move(extra)));
    }

    Result<AuthToken> login(const QString &username, const QString &password)
    {
        const HttpResult answer
            = httpRequest(m_fixture->port(), "POST", "/api/auth/login",
                          json({{QStringLiteral("username"), username}, {QStringLiteral("password"), password}}));
        if (answer.status != 200)
            return Error::unauthorized(QString::number(answer.status) + u' ' + answer.errorCode());
        AuthToken token;
        token.token = answer.json().value(QStringLiteral("token")).toString();
        return token;
    }

    QUuid createSession(const QString &token)
    {
        const HttpResult created
            = rest("POST", "/api/chat/sessions", json({{QStringLiteral("title"), QStringLiteral("t")}}), token);
        const QString id
            = created.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString();
        return uuidFromText(id).value_or(QUuid());
    }

private Q_SLOTS:
    void cleanup() { m_fixture.reset(); }

    // --- WebSocket: the contract ------------------------------------------

    void auth_bothShapes_authenticate_data()
    {
        QTest::addColumn<bool>("inData");
        QTest::newRow("{type, data:{token}}") << true;
        QTest::newRow("{type, token} (as the sync issue specified)") << false;
    }

    void auth_bothShapes_authenticate()
    {
        QFETCH(bool, inData);
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl()));
        QJsonObject auth{{QStringLiteral("type"), QStringLiteral("auth")}};
        if (inData)
            auth.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), m_alice.token}});
        else
            auth.insert(QStringLiteral("token"), m_alice.token);
        client.sendJson(auth);
        const auto welcome = client.waitForType(QStringLiteral("welcome"));
        QVERIFY(welcome.has_value());
        QCOMPARE(data(*welcome).value(QStringLiteral("userId")).toString(), uuidText(m_alice.user.id));
    }

    void auth_topLevelEmptyToken_closed1008()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl()));
        client.sendJson({{QStringLiteral("type"), QStringLiteral("auth")}, {QStringLiteral("token"), QString()}});
        QTRY_VERIFY_WITH_TIMEOUT(!client.isConnected(), 5'000);
        QCOMPARE(client.closeCode(), 1008);
    }

    void heartbeat_contractSays15s() { QCOMPARE(sync::ServerOptions().pingIntervalMs, 15'000); }

    void heartbeat_onTime_notOnTheCoarserTick()
    {
        // The production ratios (ping 15 s, lagging 30 s, silence 45 s) scaled
        // down: the old 10 s tick made a 15 s heartbeat arrive every 20 s.
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.pingIntervalMs = 300;
        options.laggingTimeoutMs = 600;
        options.silenceTimeoutMs = 900;
        QVERIFY(start(options));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        QElapsedTimer clock;
        clock.start();
        QList<qint64> arrivals;
        QObject context;
        connect(&client, &RawWsClient::messageReceived, &context, [&](const QJsonObject &message) {
            if (type(message) == u"heartbeat")
                arrivals.append(clock.elapsed());
        });
        QTRY_VERIFY_WITH_TIMEOUT(arrivals.size() >= 6, 10'000);
        const double mean = double(arrivals.constLast() - arrivals.constFirst()) / double(arrivals.size() - 1);
        QVERIFY2(mean >= 250 && mean <= 360, qPrintable(QStringLiteral("heartbeats %1 ms apart").arg(mean)));
    }

    void syncRequest_beyondHead_snapshot_data()
    {
        QTest::addColumn<qint64>("since");
        QTest::newRow("head + 1") << qint64(3);
        QTest::newRow("2^53 + 1 (beyond a double)") << qint64(9007199254740993);
        QTest::newRow("2^63 - 1") << std::numeric_limits<qint64>::max();
    }

    void syncRequest_beyondHead_snapshot()
    {
        QFETCH(qint64, since);
        QVERIFY(start());
        TaskDraft draft;
        draft.title = QStringLiteral("kept");
        TANDEM_VERIFY_OK(m_fixture->tasks().create(m_alice.user.id, draft));
        draft.title = QStringLiteral("also kept");
        TANDEM_VERIFY_OK(m_fixture->tasks().create(m_alice.user.id, draft));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        // Written by hand: QJsonValue would turn a large integer into a double.
        client.sendText(QStringLiteral("{\"type\":\"sync_request\",\"data\":{\"since\":%1}}").arg(since));
        const auto response = client.waitForType(QStringLiteral("sync_response"));
        QVERIFY(response.has_value());
        QCOMPARE(data(*response).value(QStringLiteral("full")).toBool(), true);
        QCOMPARE(data(*response).value(QStringLiteral("seq")).toInteger(), 2);
        QCOMPARE(data(*response).value(QStringLiteral("tasks")).toArray().size(), 2);
    }

    void syncRequest_beyond2pow63_validation()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        client.sendText(QStringLiteral("{\"type\":\"sync_request\",\"data\":{\"since\":9223372036854775808}}"));
        const auto error = client.waitForType(QStringLiteral("error"));
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("field")).toString(), QStringLiteral("data.since"));
        QVERIFY(client.isConnected());
    }

    // --- WebSocket: RFC 6455 ----------------------------------------------

    void upgrade_malformed_400WithJson_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray upgrade
            = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Version: 13\r\n";
        QTest::newRow("no key") << upgrade + "\r\n";
        QTest::newRow("key not base64") << upgrade + "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n\r\n";
        QTest::newRow("key of 8 bytes") << upgrade + "Sec-WebSocket-Key: AAAAAAAAAAA=\r\n\r\n";
        QTest::newRow("HTTP/1.0") << QByteArray("GET /ws HTTP/1.0\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                                "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        QTest::newRow("version 8") << QByteArray("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                                 "Connection: Upgrade\r\nSec-WebSocket-Version: 8\r\n"
                                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    }

    void upgrade_malformed_400WithJson()
    {
        QFETCH(QByteArray, request);
        QVERIFY(start());
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write(request);
        const HttpResult answer = client.readResponse();
        TANDEM_COMPARE_ERROR(answer, 400, QStringLiteral("bad_request"));
    }

    // --- strict JSON ----------------------------------------------------------

    // (No raw string literals in this file: moc, which reads it for the class, misreads them.)
    void rest_invalidEscapeOrEmptyDue_422_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("\\x41") << QByteArray("{\"title\":\"A\\x41\"}") << QString();
        QTest::newRow("\\q") << QByteArray("{\"title\":\"\\q\"}") << QString();
        QTest::newRow("\\x in a key") << QByteArray("{\"ti\\x74le\":\"x\",\"title\":\"ok\"}") << QString();
        QTest::newRow("due empty") << QByteArray("{\"title\":\"ok\",\"due\":\"\"}") << QStringLiteral("due");
    }

    void rest_invalidEscapeOrEmptyDue_422()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QVERIFY(start());
        const HttpResult answer = rest("POST", "/api/tasks", body, m_alice.token);
        TANDEM_COMPARE_ERROR(answer, 422, QStringLiteral("validation"));
        QCOMPARE(answer.errorField(), field);
        auto tasks = m_fixture->serverTasks(m_alice.user.id);
        TANDEM_VERIFY_OK(tasks);
        QVERIFY(tasks->isEmpty());
        // Valid escapes still work.
        TANDEM_COMPARE_ERROR(
            rest("POST", "/api/tasks", "{\"title\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}", m_alice.token), 422,
            QStringLiteral("validation")); // control characters are not allowed in a title...
        const HttpResult ok
            = rest("POST", "/api/tasks", "{\"title\":\"Caf\\u00e9 \\\"menu\\\" a\\/b\"}", m_alice.token);
        QCOMPARE(ok.status, 201);
        QCOMPARE(ok.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Café \"menu\" a/b"));
    }

    void ws_invalidEscape_badJsonError()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QString opId = uuidText(QUuid::createUuid());
        client.sendText(
            QStringLiteral("{\"type\":\"task_create\",\"opId\":\"%1\",\"data\":{\"task\":{\"title\":\"A\\x41\"}}}")
                .arg(opId));
        const auto error = client.waitForType(QStringLiteral("error"));
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("code")).toString(), QStringLiteral("bad_json"));
        auto tasks = m_fixture->serverTasks(m_alice.user.id);
        TANDEM_VERIFY_OK(tasks);
        QVERIFY(tasks->isEmpty());
        QVERIFY(client.isConnected());
    }

    // --- Idempotency-Key and opId bound to their request ---------------------

    void idempotencyKey_reusedForAnotherRequest_422AndNothingDone()
    {
        QVERIFY(start());
        TaskDraft draft;
        draft.title = QStringLiteral("a");
        auto a = m_fixture->tasks().create(m_alice.user.id, draft);
        draft.title = QStringLiteral("b");
        auto b = m_fixture->tasks().create(m_alice.user.id, draft);
        TANDEM_VERIFY_OK(a);
        TANDEM_VERIFY_OK(b);
        const QByteArray pathA = "/api/tasks/" + uuidText(a->task()->id).toLatin1();
        const QByteArray pathB = "/api/tasks/" + uuidText(b->task()->id).toLatin1();
        const HttpHeaders key{{"Idempotency-Key", "key-1"}};
        QCOMPARE(
            rest("PATCH", pathA, json({{QStringLiteral("title"), QStringLiteral("a2")}}), m_alice.token, key).status,
            200);
        // The attack: the key of a PATCH reused on a DELETE of another task answered 204 and deleted nothing.
        const HttpResult reused = rest("DELETE", pathB, {}, m_alice.token, key);
        TANDEM_COMPARE_ERROR(reused, 422, QStringLiteral("idempotency_key_reused"));
        QCOMPARE(reused.errorField(), QStringLiteral("Idempotency-Key"));
        QCOMPARE(rest("GET", pathB, {}, m_alice.token).status, 200);
        // The same PATCH with another body: refused too.
        TANDEM_COMPARE_ERROR(
            rest("PATCH", pathA, json({{QStringLiteral("title"), QStringLiteral("a3")}}), m_alice.token, key), 422,
            QStringLiteral("idempotency_key_reused"));
        // The genuine repeat is a replay.
        const HttpResult again
            = rest("PATCH", pathA, json({{QStringLiteral("title"), QStringLiteral("a2")}}), m_alice.token, key);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
    }

    void idempotencyKey_deleteReplay_saysReplayed()
    {
        QVERIFY(start());
        TaskDraft draft;
        draft.title = QStringLiteral("gone");
        auto task = m_fixture->tasks().create(m_alice.user.id, draft);
        TANDEM_VERIFY_OK(task);
        const QByteArray path = "/api/tasks/" + uuidText(task->task()->id).toLatin1();
        const HttpHeaders key{{"Idempotency-Key", "delete-once"}};
        const HttpResult first = rest("DELETE", path, {}, m_alice.token, key);
        QCOMPARE(first.status, 204);
        QVERIFY(first.header("idempotent-replayed").isEmpty());
        const HttpResult second = rest("DELETE", path, {}, m_alice.token, key);
        QCOMPARE(second.status, 204);
        QCOMPARE(second.header("idempotent-replayed"), QByteArray("true"));
    }

    void opId_reusedForAnotherCommand_refused()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QString opId = uuidText(QUuid::createUuid());
        const auto create = [&](const QString &title) {
            const qsizetype from = client.received().size();
            client.sendJson({{QStringLiteral("type"), QStringLiteral("task_create")},
                             {QStringLiteral("opId"), opId},
                             {QStringLiteral("data"),
                              QJsonObject{{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), title}}}}}});
            return client.waitFor([&](const QJsonObject &m) { return type(m) == u"ack" || type(m) == u"error"; }, 5'000,
                                  from);
        };
        const auto first = create(QStringLiteral("milk"));
        QVERIFY(first.has_value());
        QCOMPARE(type(*first), QStringLiteral("ack"));
        const auto other = create(QStringLiteral("bread"));
        QVERIFY(other.has_value());
        QCOMPARE(type(*other), QStringLiteral("error"));
        QCOMPARE(data(*other).value(QStringLiteral("code")).toString(), QStringLiteral("idempotency_key_reused"));
        QCOMPARE(data(*other).value(QStringLiteral("field")).toString(), QStringLiteral("opId"));
        const auto repeat = create(QStringLiteral("milk"));
        QVERIFY(repeat.has_value());
        QCOMPARE(type(*repeat), QStringLiteral("ack"));
        auto tasks = m_fixture->serverTasks(m_alice.user.id);
        TANDEM_VERIFY_OK(tasks);
        QCOMPARE(tasks->size(), 1);
        QCOMPARE(tasks->constFirst().title, QStringLiteral("milk"));
    }

    // --- signing out ----------------------------------------------------------

    void logout_closesEverySocketOfThatToken_only()
    {
        QVERIFY(start());
        auto second = login(QStringLiteral("alice"), SyncFixture::defaultPassword());
        TANDEM_VERIFY_OK(second);
        RawWsClient first;
        RawWsClient firstAgain;
        RawWsClient other;
        QVERIFY(first.open(m_fixture->webSocketUrl(), m_alice.token));
        QVERIFY(firstAgain.open(m_fixture->webSocketUrl(), m_alice.token));
        QVERIFY(other.open(m_fixture->webSocketUrl(), second->token));

        QElapsedTimer clock;
        clock.start();
        QCOMPARE(rest("POST", "/api/auth/logout", {}, m_alice.token).status, 204);
        QTRY_VERIFY_WITH_TIMEOUT(!first.isConnected() && !firstAgain.isConnected(), 2'000);
        QVERIFY2(clock.elapsed() < 1'000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(first.closeCode(), 4001);
        QCOMPARE(firstAgain.closeCode(), 4001);

        // The other token's socket still gets its user's events.
        const qsizetype from = other.received().size();
        TaskDraft draft;
        draft.title = QStringLiteral("after");
        TANDEM_VERIFY_OK(m_fixture->tasks().create(m_alice.user.id, draft));
        QVERIFY(other.waitForType(QStringLiteral("task_created"), 5'000, from).has_value());
        // And the signed-out token can neither reconnect nor write.
        RawWsClient again;
        QVERIFY(again.open(m_fixture->webSocketUrl()));
        again.sendJson({{QStringLiteral("type"), QStringLiteral("auth")}, {QStringLiteral("token"), m_alice.token}});
        QTRY_VERIFY_WITH_TIMEOUT(!again.isConnected(), 5'000);
        QCOMPARE(again.closeCode(), 1008);
    }

    void revokedElsewhere_closedWithinAHeartbeat()
    {
        // Another process sharing the database signs the token out: this
        // server hears nothing, and notices at the next heartbeat.
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.pingIntervalMs = 200;
        QVERIFY(start(options));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        auto identity = m_fixture->auth().authenticate(m_alice.token);
        TANDEM_VERIFY_OK(identity);
        TANDEM_VERIFY_OK(m_fixture->store().revokeToken(identity->tokenId, identity->userId, identity->expiresAt));
        QTRY_VERIFY_WITH_TIMEOUT(!client.isConnected(), 2'000);
        QCOMPARE(client.closeCode(), 4001);
    }

    // --- limits per address and per account -----------------------------------

    void connections_cappedPerAddress()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.maxConnectionsPerAddress = 3;
        QVERIFY(start(options));
        std::vector<std::unique_ptr<HttpTestClient>> held;
        for (int i = 0; i < 2; ++i) {
            held.push_back(std::make_unique<HttpTestClient>(m_fixture->port()));
            QVERIFY(held.back()->connectToServer());
        }
        RawWsClient socket; // a WebSocket counts too
        QVERIFY(socket.open(m_fixture->webSocketUrl(), m_alice.token));
        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "GET", "/api/health"), 503,
                             QStringLiteral("too_many_connections"));
        held.front().reset();
        QTRY_COMPARE_WITH_TIMEOUT(httpRequest(m_fixture->port(), "GET", "/api/health").status, 200, 5'000);
        QVERIFY(socket.isConnected());
    }

    void login_failuresOfOneUser_leaveOthersOnTheSameAddressAlone()
    {
        QVERIFY(start());
        // Every client here is 127.0.0.1.
        for (int i = 0; i < LoginThrottle::PairFreeFailures; ++i) {
            auto wrong = login(QStringLiteral("bob"), QStringLiteral("not the password"));
            QVERIFY(!wrong);
        }
        const HttpResult limited = httpRequest(m_fixture->port(), "POST", "/api/auth/login",
                                               json({{QStringLiteral("username"), QStringLiteral("bob")},
                                                     {QStringLiteral("password"), QStringLiteral("x")}}));
        TANDEM_COMPARE_ERROR(limited, 429, QStringLiteral("rate_limited"));
        QVERIFY(!limited.header("retry-after").isEmpty());
        TANDEM_VERIFY_OK(login(QStringLiteral("alice"), SyncFixture::defaultPassword()));
    }

    // --- the assistant --------------------------------------------------------

    void chat_messagesPerMinute_429()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.chatMessagesPerMinute = 3;
        QVERIFY(start(options));
        const QUuid session = createSession(m_alice.token);
        QVERIFY(!session.isNull());
        const QByteArray target = "/api/chat/sessions/" + uuidText(session).toLatin1() + "/messages";
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                rest("POST", target, json({{QStringLiteral("content"), QStringLiteral("help")}}), m_alice.token).status,
                201);
        const HttpResult limited
            = rest("POST", target, json({{QStringLiteral("content"), QStringLiteral("help")}}), m_alice.token);
        TANDEM_COMPARE_ERROR(limited, 429, QStringLiteral("rate_limited"));
        const int wait = limited.header("retry-after").toInt();
        QVERIFY2(wait >= 1 && wait <= 60, limited.header("retry-after").constData());
        // Another user is not limited by Alice's messages.
        const QUuid bobs = createSession(m_bob.token);
        const QByteArray bobTarget = "/api/chat/sessions/" + uuidText(bobs).toLatin1() + "/messages";
        QCOMPARE(
            rest("POST", bobTarget, json({{QStringLiteral("content"), QStringLiteral("help")}}), m_bob.token).status,
            201);
    }

    void chat_slowTurn_doesNotStallOtherRequests()
    {
        QVERIFY(start());
        const QUuid session = createSession(m_alice.token);
        QVERIFY(!session.isNull());
        QThread *serverThread = QThread::currentThread();
        std::atomic<bool> onServerThread = false;
        m_fixture->assistant().setStepHook([&](const char *step) {
            if (qstrcmp(step, "engine") == 0) {
                onServerThread = QThread::currentThread() == serverThread;
                QThread::msleep(800);
            }
        });
        HttpTestClient chat(m_fixture->port());
        QVERIFY(chat.connectToServer());
        chat.sendRequest("POST", "/api/chat/sessions/" + uuidText(session).toLatin1() + "/messages",
                         json({{QStringLiteral("content"), QStringLiteral("show my tasks")}}), bearer(m_alice.token));
        QTest::qWait(100); // the turn is in its engine step now
        QElapsedTimer clock;
        clock.start();
        const HttpResult health = httpRequest(m_fixture->port(), "GET", "/api/health");
        QCOMPARE(health.status, 200);
        QVERIFY2(clock.elapsed() < 400, qPrintable(QStringLiteral("health took %1 ms").arg(clock.elapsed())));
        const HttpResult answered = chat.readResponse();
        QCOMPARE(answered.status, 201);
        QVERIFY(!onServerThread);
        m_fixture->assistant().setStepHook({});
    }
};

QTEST_GUILESS_MAIN(TestServerHardening)
#include "tst_server_hardening.moc"
