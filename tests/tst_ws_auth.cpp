// Who may talk to the sync server (docs/protocol.md, "Connecting", "Tokens",
// "Origin"): the WebSocket's first-message authentication and its deadline,
// every way a token can be wrong (forged with the server's own key where that
// matters), and the Origin check for HTTP and the WebSocket upgrade.
#include "auth/accountservice.h"
#include "auth/jwt.h"
#include "domain/json.h"
#include "httptestclient.h"
#include "manualwebsocket.h"
#include "sync/syncserver.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QWebSocket>

using namespace tandem;
using namespace tandem::test;
using namespace std::chrono_literals;

namespace {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A JWT made by hand: `header` and `claims` as given, signed with HMAC-SHA256
// under `key` (no signature at all when `key` is empty).
QString forge(const QJsonObject &header, const QJsonObject &claims, const QByteArray &key,
              QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256)
{
    const QByteArray input = base64Url(compact(header)) + '.' + base64Url(compact(claims));
    const QByteArray signature
        = key.isEmpty() ? QByteArray() : base64Url(QMessageAuthenticationCode::hash(input, key, algorithm));
    return QString::fromLatin1(input + '.' + signature);
}

QJsonObject hs256()
{
    return {{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
}

// The claims the server mints, for `userId`, issued now.
QJsonObject claimsFor(const QUuid &userId)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return {{QStringLiteral("sub"), uuidText(userId)},
            {QStringLiteral("iat"), now},
            {QStringLiteral("nbf"), now},
            {QStringLiteral("exp"), now + 3600},
            {QStringLiteral("iss"), QStringLiteral("tandem")},
            {QStringLiteral("aud"), QStringLiteral("tandem-api")},
            {QStringLiteral("jti"), uuidText(QUuid::createUuid())}};
}

} // namespace

class TestWsAuth : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;

    bool start(sync::ServerOptions options = SyncFixture::fastServerOptions())
    {
        QString error;
        m_fixture = SyncFixture::createWithUser(QStringLiteral("alice"), &m_alice, &error, std::move(options));
        if (!m_fixture)
            qWarning("%s", qPrintable(error));
        return m_fixture != nullptr;
    }

    QUrl tokenUrl(const QString &token) const
    {
        // JWTs are URL-safe (base64url and dots).
        QUrl url = m_fixture->webSocketUrl();
        url.setQuery(QStringLiteral("token=") + token);
        return url;
    }

    // How long until the server closes `client`, which has just connected.
    qint64 closedAfter(RawWsClient &client, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        if (!QTest::qWaitFor([&] { return !client.isConnected(); }, timeoutMs))
            return -1;
        return clock.elapsed();
    }

private Q_SLOTS:
    void cleanup() { m_fixture.reset(); }

    // --- the first message ----------------------------------------------------

    void noAuthMessage_closed1008AfterAuthTimeout()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.authTimeoutMs = 600;
        QVERIFY(start(options));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl()));
        const qint64 elapsed = closedAfter(client, 5'000);
        QVERIFY2(elapsed >= 500 && elapsed <= 2'000, qPrintable(QString::number(elapsed)));
        QCOMPARE(client.closeCode(), 1008);
        QVERIFY(client.received().isEmpty());
        QTRY_COMPARE(m_fixture->server().sessionCount(), 0);
    }

    void noAuthMessage_defaultOptions_closedAfterFiveSeconds()
    {
        // The real defaults, only moved to a free port.
        sync::ServerOptions options;
        QCOMPARE(options.authTimeoutMs, 5'000);
        options.port = 0;
        QVERIFY(start(options));
        QCOMPARE(m_fixture->server().options().authTimeoutMs, 5'000);
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl()));
        const qint64 elapsed = closedAfter(client, 10'000);
        QVERIFY2(elapsed >= 4'950 && elapsed <= 6'000, qPrintable(QString::number(elapsed)));
        QCOMPARE(client.closeCode(), 1008);
    }

    void authMessage_justBeforeTimeout_accepted()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.authTimeoutMs = 800;
        QVERIFY(start(options));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl()));
        QTest::qWait(400);
        client.sendJson({{QStringLiteral("type"), QStringLiteral("auth")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), m_alice.token}}}});
        QVERIFY(client.waitForType(QStringLiteral("welcome")).has_value());
        // Authenticated: the deadline no longer applies.
        QTest::qWait(800);
        QVERIFY(client.isConnected());
    }

    void firstMessageNotAuth_closed1008_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ping") << QStringLiteral("{\"type\":\"ping\"}");
        QTest::newRow("sync_request") << QStringLiteral("{\"type\":\"sync_request\",\"data\":{\"since\":0}}");
        QTest::newRow("command") << QStringLiteral("{\"type\":\"task_create\",\"opId\":\"0d5f1a9e-8c37-4f6b-9a51-"
                                                   "3b2e6c7d8e90\",\"data\":{\"task\":{\"title\":\"x\"}}}");
        QTest::newRow("malformed JSON") << QStringLiteral("{\"type\":\"auth\"");
        QTest::newRow("auth without token") << QStringLiteral("{\"type\":\"auth\",\"data\":{}}");
        QTest::newRow("auth with empty token") << QStringLiteral("{\"type\":\"auth\",\"data\":{\"token\":\"\"}}");
        QTest::newRow("auth with a number") << QStringLiteral("{\"type\":\"auth\",\"data\":{\"token\":42}}");
        QTest::newRow("token outside data") << QStringLiteral("{\"type\":\"auth\",\"token\":\"x\"}");
    }

    void firstMessageNotAuth_closed1008()
    {
        QFETCH(QString, text);
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl()));
        client.sendText(text);
        QVERIFY(closedAfter(client, 5'000) >= 0);
        QCOMPARE(client.closeCode(), 1008);
        QVERIFY(client.received().isEmpty());
        QCOMPARE(m_fixture->store().head(m_alice.user.id).value(), 0);
    }

    // --- tokens ---------------------------------------------------------------

    void token_each_acceptedOnlyWhenValid_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("control: as signed in") << QStringLiteral("issued") << true;
        QTest::newRow("control: minted by JwtCodec") << QStringLiteral("codec") << true;
        QTest::newRow("control: forged by hand with the key") << QStringLiteral("forged") << true;
        QTest::newRow("bad signature") << QStringLiteral("other key") << false;
        QTest::newRow("signature removed") << QStringLiteral("unsigned") << false;
        QTest::newRow("signature of another token") << QStringLiteral("swapped signature") << false;
        QTest::newRow("alg none") << QStringLiteral("alg none") << false;
        QTest::newRow("alg none, signed anyway") << QStringLiteral("alg none signed") << false;
        QTest::newRow("alg HS384") << QStringLiteral("HS384") << false;
        QTest::newRow("expired") << QStringLiteral("expired") << false;
        QTest::newRow("wrong audience") << QStringLiteral("audience") << false;
        QTest::newRow("audience list without ours") << QStringLiteral("audience list") << false;
        QTest::newRow("wrong issuer") << QStringLiteral("issuer") << false;
        QTest::newRow("not valid before an hour from now") << QStringLiteral("future") << false;
        QTest::newRow("unknown user") << QStringLiteral("stranger") << false;
        QTest::newRow("no jti") << QStringLiteral("no jti") << false;
        QTest::newRow("revoked by logout") << QStringLiteral("revoked") << false;
        QTest::newRow("garbage") << QStringLiteral("garbage") << false;
        QTest::newRow("over 8 KiB") << QStringLiteral("huge") << false;
    }

    void token_each_acceptedOnlyWhenValid()
    {
        QFETCH(QString, kind);
        QFETCH(bool, accepted);
        QVERIFY(start());
        const QByteArray key = SyncFixture::signingKey();
        const QUuid alice = m_alice.user.id;
        QJsonObject claims = claimsFor(alice);
        QString token;
        if (kind == u"issued") {
            token = m_alice.token;
        } else if (kind == u"codec") {
            token = JwtCodec(key, QStringLiteral("tandem"), QStringLiteral("tandem-api"))
                        .mint(alice, QDateTime::currentDateTimeUtc(), 1h);
        } else if (kind == u"forged") {
            token = forge(hs256(), claims, key);
        } else if (kind == u"other key") {
            token = forge(hs256(), claims, QByteArray(32, 'x'));
        } else if (kind == u"unsigned") {
            token = forge(hs256(), claims, {});
        } else if (kind == u"swapped signature") {
            const QString other = forge(hs256(), claimsFor(alice), key);
            token = forge(hs256(), claims, {}) + other.section(u'.', 2);
        } else if (kind == u"alg none") {
            token = forge(
                {{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("typ"), QStringLiteral("JWT")}},
                claims, {});
        } else if (kind == u"alg none signed") {
            token = forge(
                {{QStringLiteral("alg"), QStringLiteral("none")}, {QStringLiteral("typ"), QStringLiteral("JWT")}},
                claims, key);
        } else if (kind == u"HS384") {
            token = forge(
                {{QStringLiteral("alg"), QStringLiteral("HS384")}, {QStringLiteral("typ"), QStringLiteral("JWT")}},
                claims, key, QCryptographicHash::Sha384);
        } else if (kind == u"expired") {
            const qint64 then = QDateTime::currentSecsSinceEpoch() - 7200;
            claims[QStringLiteral("iat")] = then;
            claims[QStringLiteral("nbf")] = then;
            claims[QStringLiteral("exp")] = then + 3600;
            token = forge(hs256(), claims, key);
        } else if (kind == u"audience") {
            claims[QStringLiteral("aud")] = QStringLiteral("someone-else");
            token = forge(hs256(), claims, key);
        } else if (kind == u"audience list") {
            claims[QStringLiteral("aud")] = QJsonArray{QStringLiteral("a"), QStringLiteral("b")};
            token = forge(hs256(), claims, key);
        } else if (kind == u"issuer") {
            claims[QStringLiteral("iss")] = QStringLiteral("evil");
            token = forge(hs256(), claims, key);
        } else if (kind == u"future") {
            const qint64 later = QDateTime::currentSecsSinceEpoch() + 3600;
            claims[QStringLiteral("iat")] = later;
            claims[QStringLiteral("nbf")] = later;
            claims[QStringLiteral("exp")] = later + 3600;
            token = forge(hs256(), claims, key);
        } else if (kind == u"stranger") {
            token = forge(hs256(), claimsFor(QUuid::createUuid()), key);
        } else if (kind == u"no jti") {
            claims.remove(QStringLiteral("jti"));
            token = forge(hs256(), claims, key);
        } else if (kind == u"revoked") {
            const HttpResult login
                = httpRequest(m_fixture->port(), "POST", "/api/auth/login",
                              compact({{QStringLiteral("username"), QStringLiteral("alice")},
                                       {QStringLiteral("password"), SyncFixture::defaultPassword()}}));
            QCOMPARE(login.status, 200);
            token = login.json().value(QStringLiteral("token")).toString();
            QCOMPARE(httpRequest(m_fixture->port(), "GET", "/api/auth/me", {}, bearer(token)).status, 200);
            QCOMPARE(httpRequest(m_fixture->port(), "POST", "/api/auth/logout", {}, bearer(token)).status, 204);
        } else if (kind == u"garbage") {
            token = QStringLiteral("abc.def");
        } else if (kind == u"huge") {
            claims[QStringLiteral("padding")] = QString(9'000, u'p');
            token = forge(hs256(), claims, key);
        }
        QVERIFY(!token.isEmpty());

        // A token over 8 KiB does not fit in a request head (8 KiB) at all.
        const bool fitsInHead = token.size() < 8'000;

        // REST
        const HttpResult response = httpRequest(m_fixture->port(), "GET", "/api/tasks", {}, bearer(token));
        if (accepted)
            QCOMPARE(response.status, 200);
        else if (fitsInHead)
            TANDEM_COMPARE_ERROR(response, 401, QStringLiteral("unauthorized"));
        else
            TANDEM_COMPARE_ERROR(response, 431, QStringLiteral("head_too_large"));

        // WebSocket, first message
        RawWsClient byMessage;
        QVERIFY(byMessage.open(m_fixture->webSocketUrl()));
        byMessage.sendJson({{QStringLiteral("type"), QStringLiteral("auth")},
                            {QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), token}}}});
        if (accepted) {
            const auto welcome = byMessage.waitForType(QStringLiteral("welcome"));
            QVERIFY(welcome.has_value());
            QCOMPARE(welcome->value(QStringLiteral("data")).toObject().value(QStringLiteral("userId")).toString(),
                     uuidText(alice));
        } else {
            QTRY_VERIFY(!byMessage.isConnected());
            QCOMPARE(byMessage.closeCode(), 1008);
            QVERIFY(byMessage.received().isEmpty());
        }

        // WebSocket, ?token= in the URL: refused as soon as the handshake is done.
        QWebSocket byUrl;
        QObject context;
        bool upgraded = false;
        QStringList received;
        connect(&byUrl, &QWebSocket::connected, &context, [&] { upgraded = true; });
        connect(&byUrl, &QWebSocket::textMessageReceived, &context, [&](const QString &text) {
            if (!text.startsWith(QStringLiteral("{\"type\":\"heartbeat\"")))
                received.append(text);
        });
        byUrl.open(tokenUrl(token));
        if (accepted) {
            QTRY_COMPARE(received.size(), 1);
            QVERIFY(received.constFirst().contains(QStringLiteral("\"welcome\"")));
        } else {
            QTRY_COMPARE(byUrl.state(), QAbstractSocket::UnconnectedState);
            QCOMPARE(upgraded, fitsInHead);
            if (fitsInHead)
                QCOMPARE(int(byUrl.closeCode()), 1008);
            QVERIFY(received.isEmpty());
        }
        QTRY_COMPARE(m_fixture->server().sessionCount(), accepted ? 2 : 0);
    }

    // --- Origin -----------------------------------------------------------------

    void origin_foreign_403ForHttpAndUpgrade_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("another site") << QByteArray("http://evil.example");
        QTest::newRow("another port") << QByteArray("http://127.0.0.1:1");
        QTest::newRow("https on our port") << QByteArray("https://127.0.0.1:{port}");
        QTest::newRow("lookalike of an allowed one") << QByteArray("https://tasks.example.evil.example");
        QTest::newRow("allowed one on another port") << QByteArray("https://tasks.example:8443");
        QTest::newRow("null") << QByteArray("null");
    }

    void origin_foreign_403ForHttpAndUpgrade()
    {
        QFETCH(QByteArray, origin);
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.allowedOrigins = {QStringLiteral("https://tasks.example")};
        QVERIFY(start(options));
        origin.replace("{port}", QByteArray::number(m_fixture->port()));

        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "GET", "/api/health", {}, {{"Origin", origin}}), 403,
                             QStringLiteral("forbidden_origin"));
        // Not even a sign-in gets through.
        const HttpResult login = httpRequest(m_fixture->port(), "POST", "/api/auth/login",
                                             compact({{QStringLiteral("username"), QStringLiteral("alice")},
                                                      {QStringLiteral("password"), SyncFixture::defaultPassword()}}),
                                             {{"Origin", origin}});
        TANDEM_COMPARE_ERROR(login, 403, QStringLiteral("forbidden_origin"));

        ManualWebSocket socket;
        QVERIFY(!socket.open(m_fixture->port(), "/ws?token=" + m_alice.token.toLatin1(), {{"Origin", origin}}));
        QCOMPARE(socket.handshakeStatus(), 403);
        QVERIFY2(socket.handshakeResponse().contains("\"forbidden_origin\""), socket.handshakeResponse().constData());
        QCOMPARE(m_fixture->server().sessionCount(), 0);

        // Qt's own client, as a page at that origin would connect.
        QWebSocket browser(QString::fromLatin1(origin));
        QObject context;
        bool welcomed = false;
        connect(&browser, &QWebSocket::textMessageReceived, &context, [&] { welcomed = true; });
        browser.open(tokenUrl(m_alice.token));
        QCOMPARE(browser.state(), QAbstractSocket::ConnectingState);
        QTRY_COMPARE(browser.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(!welcomed);
        QCOMPARE(m_fixture->server().sessionCount(), 0);
    }

    void origin_ownOrAllowedOrNone_accepted_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("no Origin (not a browser)") << QByteArray();
        QTest::newRow("127.0.0.1") << QByteArray("http://127.0.0.1:{port}");
        QTest::newRow("localhost") << QByteArray("http://localhost:{port}");
        QTest::newRow("localhost, upper case") << QByteArray("http://LOCALHOST:{port}");
        QTest::newRow("allowed") << QByteArray("https://tasks.example");
        QTest::newRow("allowed, trailing slash") << QByteArray("https://tasks.example/");
        QTest::newRow("allowed with its port") << QByteArray("http://10.0.0.5:3000");
    }

    void origin_ownOrAllowedOrNone_accepted()
    {
        QFETCH(QByteArray, origin);
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.allowedOrigins = {QStringLiteral("https://tasks.example"), QStringLiteral("http://10.0.0.5:3000/")};
        QVERIFY(start(options));
        origin.replace("{port}", QByteArray::number(m_fixture->port()));
        const HttpHeaders headers = origin.isEmpty() ? HttpHeaders() : HttpHeaders{{"Origin", origin}};

        QCOMPARE(httpRequest(m_fixture->port(), "GET", "/api/health", {}, headers).status, 200);
        QCOMPARE(httpRequest(m_fixture->port(), "GET", "/api/tasks", {}, bearer(m_alice.token, headers)).status, 200);

        ManualWebSocket socket;
        QVERIFY2(socket.open(m_fixture->port(), "/ws?token=" + m_alice.token.toLatin1(), headers),
                 socket.handshakeResponse().constData());
        QVERIFY(socket.waitFor(
            [&] {
                const auto messages = socket.messages();
                return !messages.isEmpty()
                    && messages.constFirst().value(QStringLiteral("type")).toString() == u"welcome";
            },
            5'000));
    }
};

QTEST_GUILESS_MAIN(TestWsAuth)
#include "tst_ws_auth.moc"
