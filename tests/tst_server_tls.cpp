// Optional TLS (issue 8): --tls-cert and --tls-key are read and checked
// (a missing, unreadable or foreign file is a clear error), and a server
// with them speaks HTTPS and WSS on its one port. The certificates are made
// for the test with the openssl command line tool; clients trust the
// self-signed one by ignoring exactly its own error.
#include "sync/syncserver.h"
#include "sync/tlscredentials.h"
#include "syncfixture.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace tandem;
using namespace tandem::test;

class TestServerTls final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Runs the openssl tool; its output is shown when it fails.
    static bool openssl(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            qWarning("openssl %s failed: %s %s", qPrintable(arguments.join(u' ')), qPrintable(process.errorString()),
                     process.readAll().constData());
            return false;
        }
        return true;
    }

    // A self-signed certificate for 127.0.0.1 and its key, as NAME-cert.pem and NAME-key.pem.
    bool makeCertificate(const QString &name, const QString &keyType)
    {
        QStringList arguments{QStringLiteral("req"),
                              QStringLiteral("-x509"),
                              QStringLiteral("-newkey"),
                              keyType,
                              QStringLiteral("-nodes"),
                              QStringLiteral("-keyout"),
                              path(name + u"-key.pem"),
                              QStringLiteral("-out"),
                              path(name + u"-cert.pem"),
                              QStringLiteral("-days"),
                              QStringLiteral("2"),
                              QStringLiteral("-subj"),
                              QStringLiteral("/CN=127.0.0.1"),
                              QStringLiteral("-addext"),
                              QStringLiteral("subjectAltName=IP:127.0.0.1")};
        if (keyType == u"ec")
            arguments += {QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1")};
        return openssl(arguments);
    }

    sync::TlsCredentials credentials()
    {
        auto loaded = sync::loadTlsCredentials(path(QStringLiteral("ec-cert.pem")), path(QStringLiteral("ec-key.pem")));
        return loaded ? loaded.value() : sync::TlsCredentials{};
    }

    // Exactly the error of our own self-signed certificate, nothing else.
    QList<QSslError> expectedErrors()
    {
        return {QSslError(QSslError::SelfSignedCertificate, credentials().chain.constFirst())};
    }

    bool start()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.tls = credentials();
        QString error;
        m_fixture = SyncFixture::createWithUser(QStringLiteral("alice"), &m_alice, &error, options);
        if (!m_fixture)
            qWarning("%s", qPrintable(error));
        return m_fixture != nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
        QVERIFY(makeCertificate(QStringLiteral("ec"), QStringLiteral("ec")));
        QVERIFY(makeCertificate(QStringLiteral("rsa"), QStringLiteral("rsa:2048")));
        QVERIFY(openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                         QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-out"),
                         path(QStringLiteral("other-key.pem"))}));
        QFile garbage(path(QStringLiteral("garbage.pem")));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write("not a certificate\n");
    }

    void cleanup() { m_fixture.reset(); }

    void loadTlsCredentials_matchingPair_loaded_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("EC P-256") << QStringLiteral("ec");
        QTest::newRow("RSA 2048") << QStringLiteral("rsa");
    }

    void loadTlsCredentials_matchingPair_loaded()
    {
        QFETCH(QString, name);
        auto loaded = sync::loadTlsCredentials(path(name + u"-cert.pem"), path(name + u"-key.pem"));
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        QVERIFY(!loaded->isEmpty());
        QVERIFY(!loaded->key.isNull());
    }

    void loadTlsCredentials_badFiles_errorNamesTheFile_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("named"); // what the message must name
        const QString ecCert = QStringLiteral("ec-cert.pem");
        const QString ecKey = QStringLiteral("ec-key.pem");
        QTest::newRow("missing certificate") << QStringLiteral("nope.pem") << ecKey << QStringLiteral("nope.pem");
        QTest::newRow("missing key") << ecCert << QStringLiteral("nope.pem") << QStringLiteral("nope.pem");
        QTest::newRow("not a certificate") << QStringLiteral("garbage.pem") << ecKey << QStringLiteral("garbage.pem");
        QTest::newRow("not a key") << ecCert << QStringLiteral("garbage.pem") << QStringLiteral("garbage.pem");
        QTest::newRow("another EC key") << ecCert << QStringLiteral("other-key.pem") << QStringLiteral("other-key.pem");
        QTest::newRow("the RSA key of another certificate")
            << ecCert << QStringLiteral("rsa-key.pem") << QStringLiteral("rsa-key.pem");
        QTest::newRow("EC key for the RSA certificate")
            << QStringLiteral("rsa-cert.pem") << ecKey << QStringLiteral("ec-key.pem");
    }

    void loadTlsCredentials_badFiles_errorNamesTheFile()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, named);
        const auto loaded = sync::loadTlsCredentials(path(cert), path(key));
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains(path(named)), qPrintable(loaded.error().message));
    }

    void https_health_ok()
    {
        QVERIFY(start());
        QVERIFY2(m_fixture->server().url().startsWith(QStringLiteral("https://127.0.0.1:")),
                 qPrintable(m_fixture->server().url()));
        QSslSocket socket;
        socket.ignoreSslErrors(expectedErrors());
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_fixture->port());
        QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 10'000);
        socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"status\":\"ok\""), 10'000);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    void wss_auth_welcome()
    {
        QVERIFY(start());
        QWebSocket client;
        client.ignoreSslErrors(expectedErrors());
        QStringList received;
        QObject context;
        connect(&client, &QWebSocket::textMessageReceived, &context,
                [&](const QString &text) { received.append(text); });
        connect(&client, &QWebSocket::connected, &context, [&] {
            client.sendTextMessage(
                QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                                                            {QStringLiteral("token"), m_alice.token}})
                                      .toJson(QJsonDocument::Compact)));
        });
        QNetworkRequest request(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(m_fixture->port())));
        // The page's own origin on a TLS port is https.
        request.setRawHeader("Origin", "https://127.0.0.1:" + QByteArray::number(m_fixture->port()));
        client.open(request);
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), 10'000);
        QVERIFY2(received.constFirst().contains(QStringLiteral("\"welcome\"")), qPrintable(received.constFirst()));
    }

    void plainHttp_onTlsPort_notAnswered()
    {
        QVERIFY(start());
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_fixture->port());
        QVERIFY(socket.waitForConnected(5'000));
        socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        // The handshake fails and the server hangs up; no HTTP answer.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10'000);
        QVERIFY(!socket.readAll().contains("HTTP/1.1"));
    }
};

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
