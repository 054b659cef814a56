// How the sync server protects itself and everyone else (docs/protocol.md,
// "Limits", "Keeping the connection honest", "Backpressure"): oversize and
// malformed input, slow and stalled peers, connection caps and a reconnect
// storm — and, through every abuse, a bystander that keeps being served.
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
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <vector>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#endif

using namespace tandem;
using namespace tandem::test;

namespace {

QString type(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

// Heartbeats arrive on their own schedule; tests that count messages leave them out.
QList<QJsonObject> withoutHeartbeats(const QList<QJsonObject> &messages)
{
    QList<QJsonObject> kept;
    for (const QJsonObject &message : messages) {
        if (message.value(QStringLiteral("type")).toString() != u"heartbeat")
            kept.append(message);
    }
    return kept;
}

#ifdef Q_OS_UNIX
// TCP_NODELAY of the socket in this process whose local port is `localPort`
// and whose peer's port is `peerPort`; -1 when there is none.
int noDelayOf(quint16 localPort, quint16 peerPort)
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    const int highest = int(std::min<rlim_t>(limit.rlim_cur, 65'536));
    for (int fd = 0; fd < highest; ++fd) {
        sockaddr_in local{};
        sockaddr_in peer{};
        socklen_t length = sizeof local;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &length) != 0 || local.sin_family != AF_INET)
            continue;
        length = sizeof peer;
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &length) != 0)
            continue;
        if (ntohs(local.sin_port) != localPort || ntohs(peer.sin_port) != peerPort)
            continue;
        int value = 0;
        length = sizeof value;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &length) != 0)
            return -1;
        return value;
    }
    return -1;
}
#endif

// One of many clients of a storm: sends one request as soon as it is
// connected and keeps the answer's status.
struct StormClient
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray received;
    int status = 0;
    bool done = false;
};

QLoggingCategory::CategoryFilter s_previousFilter = nullptr;

void enableSessionInfo(QLoggingCategory *category)
{
    if (s_previousFilter)
        s_previousFilter(category);
    if (qstrcmp(category->categoryName(), "tandem.sync.session") == 0)
        category->setEnabled(QtInfoMsg, true);
}

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;
    std::unique_ptr<RawWsClient> m_bystander;

    bool start(sync::ServerOptions options = SyncFixture::fastServerOptions())
    {
        m_bystander.reset();
        QString error;
        m_fixture = SyncFixture::create(&error, std::move(options));
        if (!m_fixture) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        if (!alice)
            return false;
        m_alice = alice.value();
        m_bystander = std::make_unique<RawWsClient>();
        return m_bystander->open(m_fixture->webSocketUrl(), m_alice.token);
    }

    QByteArray wsTarget() const { return "/ws?token=" + m_alice.token.toLatin1(); }

    QUrl tokenUrl() const
    {
        QUrl url = m_fixture->webSocketUrl();
        url.setQuery(QStringLiteral("token=") + m_alice.token);
        return url;
    }

    Task makeTask(const QString &title, const QString &description = {})
    {
        TaskDraft draft;
        draft.title = title;
        draft.description = description;
        auto created = m_fixture->tasks().create(m_alice.user.id, draft);
        return created ? *created->task() : Task();
    }

    // The bystander (another client of the same user, connected before the
    // abuse) still gets answers and events, and a new HTTP client is served.
    [[nodiscard]] bool othersServed()
    {
        const qsizetype from = m_bystander->received().size();
        m_bystander->sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
        if (!m_bystander->waitForType(QStringLiteral("pong"), 5'000, from)) {
            qWarning("the bystander got no pong");
            return false;
        }
        const Task task = makeTask(QStringLiteral("bystander check"));
        if (!m_bystander->waitFor(
                [&](const QJsonObject &m) {
                    return type(m) == u"task_created"
                        && m.value(QStringLiteral("data"))
                               .toObject()
                               .value(QStringLiteral("task"))
                               .toObject()
                               .value(QStringLiteral("id"))
                        == uuidText(task.id);
                },
                5'000, from)) {
            qWarning("the bystander got no event");
            return false;
        }
        const HttpResult health = httpRequest(m_fixture->port(), "GET", "/api/health", {}, {}, 5'000);
        if (health.status != 200) {
            qWarning("a new HTTP client got %d", health.status);
            return false;
        }
        return true;
    }

    // The seqs of the task events among `messages`, in the order received.
    static QList<qint64> eventSeqs(const QList<QJsonObject> &messages)
    {
        QList<qint64> seqs;
        for (const QJsonObject &message : messages) {
            if (type(message).startsWith(u"task_"))
                seqs.append(message.value(QStringLiteral("seq")).toInteger());
        }
        return seqs;
    }

    static QList<qint64> range(qint64 first, qint64 last)
    {
        QList<qint64> seqs;
        for (qint64 seq = first; seq <= last; ++seq)
            seqs.append(seq);
        return seqs;
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifdef Q_OS_UNIX
        // The storm holds 2,000 sockets (both ends) in this process.
        rlimit limit{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        if (limit.rlim_cur < 8'192 && limit.rlim_max > limit.rlim_cur) {
            limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8'192);
            QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
        }
        QVERIFY2(limit.rlim_cur >= 4'096, "the reconnect storm needs 4,096 file descriptors");
#endif
    }

    void cleanup()
    {
        m_bystander.reset();
        m_fixture.reset();
    }

    // --- WebSocket input ----------------------------------------------------------

    void oversizeMessage_closed1009_othersUnaffected_data()
    {
        QTest::addColumn<qint64>("frameSize");
        QTest::addColumn<qint64>("messageSize");
        QTest::addColumn<bool>("refused");
        constexpr qint64 mib = 1024 * 1024;
        QTest::newRow("exactly 1 MiB in one frame") << 2 * mib << mib << false;
        QTest::newRow("1 MiB + 1 in one frame") << 2 * mib << mib + 1 << true;
        QTest::newRow("4 MiB in one frame") << 8 * mib << 4 * mib << true;
        QTest::newRow("1.5 MiB in 256 KiB frames") << 256 * 1024LL << mib + mib / 2 << true;
    }

    void oversizeMessage_closed1009_othersUnaffected()
    {
        QFETCH(qint64, frameSize);
        QFETCH(qint64, messageSize);
        QFETCH(bool, refused);
        QVERIFY(start());
        QWebSocket abuser;
        abuser.setOutgoingFrameSize(quint64(frameSize));
        QStringList received;
        QObject context;
        connect(&abuser, &QWebSocket::textMessageReceived, &context, [&](const QString &text) {
            if (!text.startsWith(QStringLiteral("{\"type\":\"heartbeat\"")))
                received.append(text);
        });
        abuser.open(tokenUrl());
        QTRY_COMPARE(received.size(), 1); // the welcome

        // A ping padded to the exact size: valid JSON, so a size the server takes gets a pong.
        const QString head = QStringLiteral("{\"type\":\"ping\",\"data\":{\"pad\":\"");
        const QString tail = QStringLiteral("\"}}");
        const QString message = head + QString(messageSize - head.size() - tail.size(), u'x') + tail;
        QCOMPARE(message.toUtf8().size(), messageSize);
        abuser.sendTextMessage(message);
        if (refused) {
            QTRY_COMPARE_WITH_TIMEOUT(abuser.state(), QAbstractSocket::UnconnectedState, 10'000);
            QCOMPARE(int(abuser.closeCode()), 1009);
            QCOMPARE(received.size(), 1);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 10'000);
            QVERIFY(received.at(1).contains(QStringLiteral("\"pong\"")));
            QCOMPARE(abuser.state(), QAbstractSocket::ConnectedState);
        }
        QVERIFY(othersServed());
    }

    void malformedStorm_closed1008AtLimit_othersUnaffected()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.badMessageLimit = 10;
        QVERIFY(start(options));
        RawWsClient abuser;
        QVERIFY(abuser.open(m_fixture->webSocketUrl(), m_alice.token));
        // Up to the limit each one is answered and the connection stays.
        for (int i = 0; i < 9; ++i)
            abuser.sendText(i % 3 == 0 ? QStringLiteral("{not json")
                                       : (i % 3 == 1 ? QStringLiteral("{\"type\":\"nonsense\"}")
                                                     : QStringLiteral("{\"type\":\"task_create\",\"data\":{}}")));
        QTRY_COMPARE(withoutHeartbeats(abuser.received()).size(), 10); // welcome + 9 errors
        for (qsizetype i = 1; i < 10; ++i)
            QCOMPARE(type(withoutHeartbeats(abuser.received()).at(i)), QStringLiteral("error"));
        QVERIFY(abuser.isConnected());
        // The tenth within the window closes it.
        abuser.sendText(QStringLiteral("]"));
        QTRY_VERIFY(!abuser.isConnected());
        QCOMPARE(abuser.closeCode(), 1008);
        QCOMPARE(withoutHeartbeats(abuser.received()).size(), 10);
        QVERIFY(othersServed());
    }

    void malformedStorm_spreadBeyondWindow_staysOpen()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.badMessageLimit = 5;
        options.badMessageWindowMs = 400;
        QVERIFY(start(options));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const auto errors = [&client] {
            return std::count_if(client.received().cbegin(), client.received().cend(),
                                 [](const QJsonObject &m) { return type(m) == u"error"; });
        };
        int sent = 0;
        for (int burst = 0; burst < 3; ++burst) {
            for (int i = 0; i < 4; ++i, ++sent)
                client.sendText(QStringLiteral("{oops"));
            QTRY_COMPARE(errors(), sent);
            // Measuring the window itself: let this burst age out of it.
            QTest::qWait(500);
        }
        QVERIFY(client.isConnected());
        const qsizetype from = client.received().size();
        client.sendText(QStringLiteral("{\"type\":\"ping\"}"));
        QVERIFY(client.waitForType(QStringLiteral("pong"), 2'000, from).has_value());
    }

    // --- HTTP input ---------------------------------------------------------------

    void oversizeHead_431AndClosed_othersUnaffected_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("one 9 KiB header")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(9 * 1024, 'a') + "\r\n\r\n");
        QTest::newRow("9 KiB request target")
            << QByteArray("GET /api/health?" + QByteArray(9 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray many = "GET /api/health HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 101; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("101 headers") << QByteArray(many + "\r\n");
        QTest::newRow("8 KiB without an end")
            << QByteArray("GET /api/health HTTP/1.1\r\nX: " + QByteArray(8 * 1024, 'a'));
    }

    void oversizeHead_431AndClosed_othersUnaffected()
    {
        QFETCH(QByteArray, request);
        QVERIFY(start());
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write(request);
        TANDEM_COMPARE_ERROR(client.readResponse(), 431, QStringLiteral("head_too_large"));
        QVERIFY(client.waitForDisconnected(5'000));
        QVERIFY(othersServed());
    }

    void headAtLimit_served()
    {
        QVERIFY(start());
        // A head of exactly 8 KiB, CRLFCRLF included, is still fine.
        const QByteArray start = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ";
        const QByteArray end = "\r\n\r\n";
        const QByteArray request = start + QByteArray(8 * 1024 - start.size() - end.size(), 'p') + end;
        QCOMPARE(request.size(), 8 * 1024);
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write(request);
        QCOMPARE(client.readResponse().status, 200);
    }

    void oversizeBody_413AndClosed_othersUnaffected_data()
    {
        QTest::addColumn<qint64>("declared");
        QTest::addColumn<qint64>("sent");
        constexpr qint64 mib = 1024 * 1024;
        QTest::newRow("declared 1 MiB + 1, nothing sent") << mib + 1 << 0LL;
        QTest::newRow("2 MiB, all sent") << 2 * mib << 2 * mib;
        QTest::newRow("1 GiB declared, 64 KiB sent") << 1024 * mib << 64 * 1024LL;
    }

    void oversizeBody_413AndClosed_othersUnaffected()
    {
        QFETCH(qint64, declared);
        QFETCH(qint64, sent);
        QVERIFY(start());
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write("POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                     + m_alice.token.toLatin1() + "\r\nContent-Length: " + QByteArray::number(declared) + "\r\n\r\n"
                     + QByteArray(sent, ' '));
        TANDEM_COMPARE_ERROR(client.readResponse(), 413, QStringLiteral("body_too_large"));
        QVERIFY(client.waitForDisconnected(5'000));
        QCOMPARE(m_fixture->store().head(m_alice.user.id).value(), 0);
        QVERIFY(othersServed());
    }

    void bodyAtLimit_accepted()
    {
        QVERIFY(start());
        // 1 MiB exactly: a task with an unknown padding member (ignored).
        const QByteArray head = "{\"title\":\"big\",\"pad\":\"";
        const QByteArray tail = "\"}";
        const QByteArray body = head + QByteArray(1024 * 1024 - head.size() - tail.size(), 'p') + tail;
        const HttpResult response = httpRequest(m_fixture->port(), "POST", "/api/tasks", body, bearer(m_alice.token));
        QCOMPARE(response.status, 201);
    }

    void malformedRequest_refusedAndClosed_othersUnaffected_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("chunked body") << QByteArray(
            "POST /api/tasks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                      << 411 << QStringLiteral("length_required");
        QTest::newRow("two Content-Lengths")
            << QByteArray("POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")
            << 400 << QStringLiteral("bad_request");
        QTest::newRow("negative Content-Length")
            << QByteArray("POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << 400
            << QStringLiteral("bad_request");
        QTest::newRow("no Host") << QByteArray("GET /api/health HTTP/1.1\r\n\r\n") << 400
                                 << QStringLiteral("bad_request");
        QTest::newRow("bare LF") << QByteArray("GET /api/health HTTP/1.1\nHost: x\n\n") << 400
                                 << QStringLiteral("bad_request");
        QTest::newRow("HTTP/2.0") << QByteArray("GET /api/health HTTP/2.0\r\nHost: x\r\n\r\n") << 505
                                  << QStringLiteral("http_version_not_supported");
        QTest::newRow("absolute target") << QByteArray("GET http://x/api/health HTTP/1.1\r\nHost: x\r\n\r\n") << 400
                                         << QStringLiteral("bad_request");
        QTest::newRow("control character") << QByteArray("GET /api/health HTTP/1.1\r\nHost: x\r\nX: a\x01b\r\n\r\n")
                                           << 400 << QStringLiteral("bad_request");
        QTest::newRow("binary garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << 400
                                        << QStringLiteral("bad_request");
    }

    void malformedRequest_refusedAndClosed_othersUnaffected()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        QVERIFY(start());
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write(request);
        TANDEM_COMPARE_ERROR(client.readResponse(), status, code);
        QVERIFY(client.waitForDisconnected(5'000));
        QVERIFY(othersServed());
    }

    void slowDrip_head_408AfterHeaderTimeout_othersServedMeanwhile()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.headerTimeoutMs = 800;
        QVERIFY(start(options));
        HttpTestClient dripper(m_fixture->port());
        QVERIFY(dripper.connectToServer());
        const QByteArray request
            = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + QByteArray(200, 's') + "\r\n\r\n";
        qsizetype next = 0;
        QElapsedTimer clock;
        QTimer drip;
        drip.setInterval(40);
        QObject context;
        connect(&drip, &QTimer::timeout, &context, [&] {
            if (next == 0)
                clock.start();
            if (next < request.size())
                dripper.write(request.mid(next++, 1));
        });
        drip.start();
        // While it drips, others are served as usual.
        QTRY_VERIFY(next > 5);
        QVERIFY(othersServed());
        const HttpResult response = dripper.readResponse(5'000);
        const qint64 elapsed = clock.elapsed();
        TANDEM_COMPARE_ERROR(response, 408, QStringLiteral("request_timeout"));
        QVERIFY2(elapsed >= 750 && elapsed <= 2'000, qPrintable(QString::number(elapsed)));
        QVERIFY(next < request.size()); // it was cut off, not answered
        QVERIFY(dripper.waitForDisconnected(2'000));
    }

    void slowBody_408AfterBodyTimeout()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.bodyTimeoutMs = 600;
        QVERIFY(start(options));
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        QElapsedTimer clock;
        clock.start();
        client.write("POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer "
                     + m_alice.token.toLatin1() + "\r\nContent-Length: 100\r\n\r\n{\"title\":");
        const HttpResult response = client.readResponse(5'000);
        const qint64 elapsed = clock.elapsed();
        TANDEM_COMPARE_ERROR(response, 408, QStringLiteral("request_timeout"));
        QVERIFY2(elapsed >= 550 && elapsed <= 2'000, qPrintable(QString::number(elapsed)));
        QVERIFY(client.waitForDisconnected(2'000));
        QCOMPARE(m_fixture->store().head(m_alice.user.id).value(), 0);
    }

    void silentConnection_closedAfterHeaderTimeoutWithoutAnswer()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.headerTimeoutMs = 500;
        QVERIFY(start(options));
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.waitForDisconnected(3'000));
        QVERIFY2(clock.elapsed() >= 450, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(client.readResponse(0).status, 0);
        QTRY_COMPARE(m_fixture->server().httpConnectionCount(), 0);
    }

    void keepAlive_twoRequestsOneConnection_thenIdleClose()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.idleTimeoutMs = 600;
        QVERIFY(start(options));
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        const quint16 localPort = client.socket().localPort();
        HttpResult first = client.request("GET", "/api/health");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("connection"), QByteArray("keep-alive"));
        const HttpResult second = client.request("GET", "/api/tasks", {}, bearer(m_alice.token));
        QCOMPARE(second.status, 200);
        QVERIFY(client.isConnected());
        QCOMPARE(client.socket().localPort(), localPort);
        // Two pipelined in one write: both answered, in order.
        client.write(HttpTestClient::requestBytes("GET", "/api/auth/me", {}, bearer(m_alice.token), 0)
                     + HttpTestClient::requestBytes("GET", "/api/health", {}, {}, 0));
        const HttpResult third = client.readResponse();
        const HttpResult fourth = client.readResponse();
        QCOMPARE(third.status, 200);
        QVERIFY(third.json().contains(QStringLiteral("user")));
        QCOMPARE(fourth.status, 200);
        QCOMPARE(fourth.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

        // Then idle: closed after the idle timeout.
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.waitForDisconnected(5'000));
        const qint64 idle = clock.elapsed();
        QVERIFY2(idle >= 550 && idle <= 2'000, qPrintable(QString::number(idle)));
        QTRY_COMPARE(m_fixture->server().httpConnectionCount(), 0);
    }

    void connectionClose_answeredThenClosed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("Connection: close")
            << QByteArray("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTest::newRow("HTTP/1.0") << QByteArray("GET /api/health HTTP/1.0\r\n\r\n");
    }

    void connectionClose_answeredThenClosed()
    {
        QFETCH(QByteArray, request);
        QVERIFY(start());
        HttpTestClient client(m_fixture->port());
        QVERIFY(client.connectToServer());
        client.write(request);
        const HttpResult response = client.readResponse();
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("connection"), QByteArray("close"));
        QVERIFY(client.waitForDisconnected(2'000));
    }

    void upgrade_otherPath_404()
    {
        QVERIFY(start());
        ManualWebSocket socket;
        QVERIFY(!socket.open(m_fixture->port(), "/api/ws?token=" + m_alice.token.toLatin1()));
        QCOMPARE(socket.handshakeStatus(), 404);
        QVERIFY(socket.handshakeResponse().contains("\"not_found\""));
        QCOMPARE(m_fixture->server().sessionCount(), 1); // the bystander only
    }

    // --- connection caps ------------------------------------------------------------

    void connectionCap_503BeyondMaxConnections()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.maxConnections = 4; // the bystander's WebSocket is one of them
        options.headerTimeoutMs = 30'000;
        QVERIFY(start(options));
        std::vector<std::unique_ptr<HttpTestClient>> idle;
        for (int i = 0; i < 3; ++i) {
            idle.push_back(std::make_unique<HttpTestClient>(m_fixture->port()));
            QVERIFY(idle.back()->connectToServer());
        }
        QTRY_COMPARE(m_fixture->server().httpConnectionCount(), 3);

        HttpTestClient refused(m_fixture->port());
        QVERIFY(refused.connectToServer());
        TANDEM_COMPARE_ERROR(refused.readResponse(), 503, QStringLiteral("too_many_connections"));
        QVERIFY(refused.waitForDisconnected(2'000));
        ManualWebSocket refusedSocket;
        QVERIFY(!refusedSocket.open(m_fixture->port(), wsTarget()));
        QCOMPARE(refusedSocket.handshakeStatus(), 503);

        // The connections that are in keep being served.
        QCOMPARE(idle.front()->request("GET", "/api/health").status, 200);
        const qsizetype from = m_bystander->received().size();
        m_bystander->sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
        QVERIFY(m_bystander->waitForType(QStringLiteral("pong"), 2'000, from).has_value());

        // One leaves: room for one more.
        idle.pop_back();
        QTRY_COMPARE(m_fixture->server().httpConnectionCount(), 2);
        QCOMPARE(httpRequest(m_fixture->port(), "GET", "/api/health").status, 200);
    }

    void reconnectStorm_thousandHttpClients_servedOrCleanly503_data()
    {
        QTest::addColumn<int>("maxConnections");
        QTest::newRow("default cap") << sync::ServerOptions().maxConnections;
        QTest::newRow("cap of 100") << 100;
    }

    void reconnectStorm_thousandHttpClients_servedOrCleanly503()
    {
        QFETCH(int, maxConnections);
        constexpr int clients = 1'000;
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.maxConnections = maxConnections;
        options.headerTimeoutMs = 30'000;
        options.idleTimeoutMs = 60'000;
        QVERIFY(start(options));
        QCOMPARE(options.listenBacklog, 1'024);

        std::vector<StormClient> storm(clients);
        QObject context;
        const quint16 port = m_fixture->port();
        for (StormClient &client : storm) {
            QTcpSocket *socket = client.socket.get();
            connect(socket, &QTcpSocket::connected, &context, [socket, port] {
                socket->write(HttpTestClient::requestBytes("GET", "/api/health", {}, {}, port));
            });
            connect(socket, &QTcpSocket::readyRead, &context, [&client] {
                client.received += client.socket->readAll();
                const qsizetype end = client.received.indexOf("\r\n\r\n");
                if (end < 0 || client.done)
                    return;
                static const QRegularExpression length(QStringLiteral("Content-Length: (\\d+)"));
                const auto match = length.match(QString::fromLatin1(client.received.first(end)));
                client.status = client.received.split(' ').value(1).toInt();
                client.done = match.hasMatch() && client.received.size() >= end + 4 + match.captured(1).toInt();
            });
            socket->connectToHost(QHostAddress::LocalHost, port);
        }
        const auto finished = [&] {
            return std::count_if(storm.cbegin(), storm.cend(), [](const StormClient &c) { return c.done; });
        };
        QTRY_COMPARE_WITH_TIMEOUT(finished(), clients, 30'000);
        const int ok
            = int(std::count_if(storm.cbegin(), storm.cend(), [](const StormClient &c) { return c.status == 200; }));
        const int busy = int(std::count_if(storm.cbegin(), storm.cend(), [](const StormClient &c) {
            return c.status == 503 && c.received.contains("\"too_many_connections\"");
        }));
        QCOMPARE(ok + busy, clients);
        // The answered clients keep their (keep-alive) connections, so exactly
        // the cap's worth are in (less the bystander's WebSocket).
        QCOMPARE(ok, std::min(clients, maxConnections - 1));

        // Everyone leaves; the server is as good as new.
        storm.clear();
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().httpConnectionCount(), 0, 10'000);
        QVERIFY(othersServed());
    }

    void reconnectStorm_thousandWebSocketsTwice_allWelcomed()
    {
        constexpr int clients = 1'000;
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.headerTimeoutMs = 30'000;
        options.authTimeoutMs = 30'000;
        options.silenceTimeoutMs = 60'000;
        options.pingIntervalMs = 30'000;
        QVERIFY(start(options));
        for (int round = 0; round < 2; ++round) {
            std::vector<std::unique_ptr<QWebSocket>> sockets;
            int welcomed = 0;
            QObject context;
            for (int i = 0; i < clients; ++i) {
                sockets.push_back(std::make_unique<QWebSocket>());
                connect(sockets.back().get(), &QWebSocket::textMessageReceived, &context,
                        [&welcomed](const QString &text) {
                            if (text.contains(QStringLiteral("\"welcome\"")))
                                ++welcomed;
                        });
                sockets.back()->open(tokenUrl());
            }
            QTRY_COMPARE_WITH_TIMEOUT(welcomed, clients, 60'000);
            QTRY_COMPARE(m_fixture->server().sessionCount(), clients + 1);
            // A network blip: every one of them drops at once (no close handshake)...
            for (auto &socket : sockets)
                socket->abort();
            sockets.clear();
            QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().sessionCount(), 1, 20'000);
            // ... and all come back in the next round.
        }
        QVERIFY(othersServed());
        QTRY_COMPARE(m_fixture->server().httpConnectionCount(), 0);
    }

    // --- socket options ------------------------------------------------------------------

    void acceptedSockets_tcpNoDelaySet()
    {
#ifdef Q_OS_UNIX
        QVERIFY(start());
        HttpTestClient http(m_fixture->port());
        QVERIFY(http.connectToServer());
        QCOMPARE(http.request("GET", "/api/health").status, 200);
        // The server's end of the connection, found among this process's sockets.
        QCOMPARE(noDelayOf(m_fixture->port(), http.socket().localPort()), 1);
        // The probe tells the two apart: our client's end does not set it.
        QCOMPARE(noDelayOf(http.socket().localPort(), m_fixture->port()), 0);

        // A WebSocket keeps the accepted socket, and with it the option.
        ManualWebSocket socket;
        QVERIFY(socket.open(m_fixture->port(), wsTarget()));
        QVERIFY(socket.waitFor([&] { return !socket.messages().isEmpty(); }, 5'000));
        QCOMPARE(type(socket.messages().constFirst()), QStringLiteral("welcome"));
        QCOMPARE(noDelayOf(m_fixture->port(), socket.localPort()), 1);
#else
        QFAIL("this check reads socket options through POSIX calls");
#endif
    }

    // --- backpressure ----------------------------------------------------------------------

    void backpressure_stalledReader_closed4008AfterLaggingTimeout_othersUnaffected()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.maxUnsentBytes = 64 * 1024;
        options.laggingTimeoutMs = 1'500;
        options.silenceTimeoutMs = 60'000; // it never answers pings either: not what this is about
        options.pingIntervalMs = 30'000;
        QVERIFY(start(options));
        ManualWebSocket stalled(4 * 1024);
        QVERIFY(stalled.open(m_fixture->port(), wsTarget()));
        QVERIFY(stalled.waitFor([&] { return !stalled.messages().isEmpty(); }, 5'000));
        QCOMPARE(type(stalled.messages().constFirst()), QStringLiteral("welcome"));
        stalled.setReading(false);
        QCOMPARE(m_fixture->server().feed().subscriberCount(m_alice.user.id), 2);

        // 300 events of ~16 KB: far more than the kernel buffers and the limit hold.
        constexpr int events = 300;
        const QString description(16'000, u'd');
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < events; ++i) {
            makeTask(QStringLiteral("task %1").arg(i), description);
            QCoreApplication::processEvents(); // each change goes out on its own
        }
        const qint64 produced = clock.elapsed();
        // The bystander got every one of them, in order, while the other lagged.
        QTRY_COMPARE_WITH_TIMEOUT(eventSeqs(m_bystander->received()).size(), events, 20'000);
        QCOMPARE(eventSeqs(m_bystander->received()), range(1, events));

        // The laggard is dropped from the feed when it is closed.
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().feed().subscriberCount(m_alice.user.id), 1, 10'000);
        const qint64 closedAt = clock.elapsed();
        QVERIFY2(closedAt >= options.laggingTimeoutMs, qPrintable(QString::number(closedAt)));
        QVERIFY2(closedAt <= produced + options.laggingTimeoutMs + 1'500,
                 qPrintable(QStringLiteral("%1 ms (production took %2 ms)").arg(closedAt).arg(produced)));

        // Reading now, it finds what was queued before it fell behind, then 4008.
        stalled.setReading(true);
        QVERIFY(stalled.waitFor([&] { return stalled.closeCode().has_value(); }, 10'000));
        QCOMPARE(*stalled.closeCode(), 4008);
        const QList<qint64> got = eventSeqs(stalled.messages());
        QVERIFY(!got.isEmpty());
        QCOMPARE(got, range(1, got.size()));
        QVERIFY2(got.size() < events, qPrintable(QStringLiteral("%1 of %2 events queued").arg(got.size()).arg(events)));
        QVERIFY(stalled.waitFor([&] { return stalled.isDisconnected(); }, 5'000));
        QTRY_COMPARE(m_fixture->server().sessionCount(), 1);
        QVERIFY(othersServed());
    }

    void backpressure_stalledReaderNeverReads_releasedWhenSilent()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.maxUnsentBytes = 64 * 1024;
        options.laggingTimeoutMs = 2'000; // the bystander, in this process, must drain 5 MB within it
        options.silenceTimeoutMs = 8'000;
        options.pingIntervalMs = 1'000; // the bystander's pongs keep it from being silent
        QVERIFY(start(options));
        ManualWebSocket stalled(4 * 1024);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(stalled.open(m_fixture->port(), wsTarget()));
        QVERIFY(stalled.waitFor([&] { return !stalled.messages().isEmpty(); }, 5'000));
        stalled.setReading(false);
        // One import of ~5 MB: one batch, written out whole before the session
        // pauses, so far more than the kernel takes stays queued in the server.
        QList<TaskDraft> drafts;
        for (int i = 0; i < 300; ++i) {
            TaskDraft draft;
            draft.title = QStringLiteral("task %1").arg(i);
            draft.description = QString(16'000, u'd');
            drafts.append(draft);
        }
        TANDEM_VERIFY_OK(m_fixture->tasks().createMany(m_alice.user.id, drafts));
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().feed().subscriberCount(m_alice.user.id), 1, 10'000);
        const qint64 closedAt = clock.elapsed();
        // Closed with 4008, it cannot see the close frame behind megabytes it
        // will never read; as a silent peer the server lets it go all the same.
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture->server().sessionCount(), 1, 15'000);
        const qint64 releasedAt = clock.elapsed();
        QVERIFY2(closedAt < options.silenceTimeoutMs && releasedAt >= options.silenceTimeoutMs
                     && releasedAt <= options.silenceTimeoutMs + 2'000,
                 qPrintable(QStringLiteral("closed at %1 ms, released at %2 ms").arg(closedAt).arg(releasedAt)));
        stalled.setReading(true);
        QVERIFY(stalled.waitFor([&] { return stalled.isDisconnected(); }, 5'000));
        QVERIFY(othersServed());
    }

    void backpressure_readerResumes_catchesUpFromLogWithoutGap()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.maxUnsentBytes = 64 * 1024;
        options.laggingTimeoutMs = 30'000;
        options.silenceTimeoutMs = 60'000;
        options.pingIntervalMs = 30'000;
        QVERIFY(start(options));
        // The server says when it stops sending live events to the laggard
        // (its info messages are off in ctest, whose rules beat setFilterRules()).
        s_previousFilter = QLoggingCategory::installFilter(&enableSessionInfo);
        const auto restore = qScopeGuard([] { QLoggingCategory::installFilter(s_previousFilter); });
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("^backpressure: pausing live events")));

        ManualWebSocket stalled(4 * 1024);
        QVERIFY(stalled.open(m_fixture->port(), wsTarget()));
        QVERIFY(stalled.waitFor([&] { return !stalled.messages().isEmpty(); }, 5'000));
        stalled.setReading(false);
        constexpr int events = 300;
        const QString description(16'000, u'd');
        for (int i = 0; i < events; ++i) {
            makeTask(QStringLiteral("task %1").arg(i), description);
            QCoreApplication::processEvents();
        }
        QTRY_COMPARE_WITH_TIMEOUT(eventSeqs(m_bystander->received()).size(), events, 20'000);

        // It reads again: everything arrives, from the log, each seq once, in order.
        stalled.setReading(true);
        QVERIFY(stalled.waitFor([&] { return eventSeqs(stalled.messages()).size() >= events; }, 20'000));
        QCOMPARE(eventSeqs(stalled.messages()), range(1, events));
        // And live events flow again.
        makeTask(QStringLiteral("after"));
        QVERIFY(stalled.waitFor([&] { return eventSeqs(stalled.messages()).size() == events + 1; }, 5'000));
        QCOMPARE(eventSeqs(stalled.messages()).constLast(), events + 1);
        QVERIFY(!stalled.closeCode().has_value());
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_server_limits.moc"
