// The host's sync server while settings change: saving the assistant's
// settings swaps only its engine (browsers stay connected and the new engine
// answers), and restarting the server for new sharing settings returns at once
// instead of waiting for the sync thread.
#include "domain/settingsschema.h"

#include "assistant/llmsettings.h"
#include "fakemodelserver.h"
#include "host.h"
#include "httptestclient.h"
#include "syncfixture.h"
#include "synchost.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace tandem;
using namespace tandem::test;

namespace {
const QString password = QStringLiteral("correct horse battery");
// What "does not block the event loop" means here: far below a frame.
constexpr qint64 maxBlockingMs = 50;
// How long the sync thread stays busy in the restart test; a blocking restart would wait this long.
constexpr int busySyncThreadMs = 3000;

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

class TestSyncHost : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<Host> m_host;
    SyncHost *m_sync = nullptr;
    QUrl m_url;

    // A desktop host (not headless) on a free port, listening; false on failure.
    bool startHost()
    {
        LaunchOptions options;
        options.dataDir = m_dataDir.path();
        m_host = std::make_unique<Host>(options);
        if (auto opened = m_host->open(); !opened) {
            qWarning() << opened.error().message;
            return false;
        }
        if (auto passwordSet = m_host->setPassword(password); !passwordSet) {
            qWarning() << passwordSet.error().message;
            return false;
        }
        connect(m_host.get(), &Host::serverStarted, this, [this](SyncHost *sync) { m_sync = sync; });
        QSignalSpy listening(m_host.get(), &Host::listening);
        QSignalSpy failed(m_host.get(), &Host::serverFailed);
        if (auto started = m_host->start(); !started) {
            qWarning() << started.error().message;
            return false;
        }
        if (!QTest::qWaitFor([&] { return !listening.isEmpty() || !failed.isEmpty(); }, 10'000)
            || listening.isEmpty()) {
            qWarning() << "the host did not listen:"
                       << (failed.isEmpty() ? QStringLiteral("no answer")
                                            : failed.first().first().value<Error>().message);
            return false;
        }
        m_url = QUrl(listening.first().first().toString());
        return m_url.port() > 0;
    }

    QString signIn()
    {
        const HttpResult login = httpRequest(
            quint16(m_url.port()), "POST", "/api/auth/login",
            toJson({{QStringLiteral("username"), m_host->owner().username}, {QStringLiteral("password"), password}}));
        return login.status == 200 ? login.json().value(QStringLiteral("token")).toString() : QString();
    }

    QUrl webSocketUrl() const { return SyncFixture::webSocketUrl(quint16(m_url.port())); }

    static bool answersPing(RawWsClient &client)
    {
        const qsizetype from = client.received().size();
        client.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
        return client.waitForType(QStringLiteral("pong"), 5'000, from).has_value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_settingsDir.isValid() && m_dataDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    // One host for the suite, as in the app: one process, one sync thread (a
    // fresh thread per test would also ask the keychain for the signing key each time).
    void init()
    {
        QSettings().clear();
        AppSettings().setValue(Settings::serverPort, 0);
        if (!m_host)
            QVERIFY(startHost());
    }

    void cleanupTestCase()
    {
        m_host.reset();
        m_sync = nullptr;
    }

    void reloadAssistant_webSocketConnected_staysConnectedAndTheNewEngineAnswers()
    {
        const QString token = signIn();
        QVERIFY(!token.isEmpty());
        RawWsClient client;
        QVERIFY(client.open(webSocketUrl(), token));
        QSignalSpy disconnected(&client, &RawWsClient::disconnected);
        QSignalSpy restarted(m_host.get(), &Host::serverRestarted);

        // The user saves an AI model in Settings ▸ Assistant.
        FakeModelServer model;
        QString error;
        QVERIFY2(model.listen(&error), qPrintable(error));
        model.enqueue(FakeModelServer::text(QStringLiteral("Hello from the new model.")));
        assistant::LlmSettings llm;
        llm.enabled = true;
        llm.endpoint = model.baseUrl();
        llm.model = QStringLiteral("fake-model");
        QSettings settings;
        TANDEM_VERIFY_OK(llm.save(settings));
        settings.sync();
        QSignalSpy reloaded(m_host.get(), &Host::assistantReloaded);
        m_host->reloadAssistant();
        QVERIFY(reloaded.wait(10'000));
        QCOMPARE(reloaded.first().first().toBool(), true);

        QVERIFY(answersPing(client));
        QCOMPARE(disconnected.size(), 0);
        QCOMPARE(restarted.size(), 0);

        // The same server answers a chat turn with the new engine.
        const quint16 port = quint16(m_url.port());
        const HttpResult session = httpRequest(port, "POST", "/api/chat/sessions", {}, bearer(token));
        const QString sessionId
            = session.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(!sessionId.isEmpty());
        const QByteArray path = "/api/chat/sessions/" + sessionId.toLatin1() + "/messages";
        const HttpResult turn = httpRequest(
            port, "POST", path, toJson({{QStringLiteral("content"), QStringLiteral("hello")}}), bearer(token), 30'000);
        QCOMPARE(turn.status, 201);
        QCOMPARE(turn.json()
                     .value(QStringLiteral("assistantMessage"))
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString(),
                 QStringLiteral("Hello from the new model."));
        QCOMPARE(model.requests.size(), 1);
        QVERIFY(client.isConnected());

        // Turning the model off again swaps back to the built-in engine, still without a restart.
        settings.setValue(Settings::assistantEnabled.key(), false);
        settings.sync();
        m_host->reloadAssistant();
        QVERIFY(reloaded.wait(10'000));
        QCOMPARE(reloaded.last().first().toBool(), false);
        QVERIFY(answersPing(client));
        QCOMPARE(disconnected.size(), 0);
    }

    void reloadAssistant_keychainNotExplained_runsWithoutTheKeychainAndAsks()
    {
        QSignalSpy consent(m_host.get(), &Host::keychainConsentNeeded);
        QSignalSpy reloaded(m_host.get(), &Host::assistantReloaded);
        QSettings settings;
        assistant::LlmSettings llm;
        llm.enabled = true;
        llm.endpoint = QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
        llm.model = QStringLiteral("fake-model");
        TANDEM_VERIFY_OK(llm.save(settings));
        settings.sync();
        m_host->reloadAssistant();
        QVERIFY(reloaded.wait(10'000));
        QTRY_COMPARE(consent.size(), 1); // the desktop explains before any keychain prompt

        // A refusal is remembered: no question again, the model runs without a key.
        AppSettings app;
        assistant::recordKeychainConsent(app, false);
        app.sync();
        m_host->reloadAssistant();
        QVERIFY(reloaded.wait(10'000));
        QCOMPARE(reloaded.last().first().toBool(), true);
        QCOMPARE(consent.size(), 1);
    }

    void restartServer_syncThreadBusy_returnsAtOnceAndRestartsLater()
    {
        QVERIFY(m_sync);
        const QString token = signIn();
        RawWsClient client;
        QVERIFY(client.open(webSocketUrl(), token));
        QSignalSpy disconnected(&client, &RawWsClient::disconnected);
        QSignalSpy listening(m_host.get(), &Host::listening);
        QSignalSpy restarted(m_host.get(), &Host::serverRestarted);

        // The sync thread is busy (a long request, say): a restart that waited
        // for it would block the GUI that long.
        QSemaphore entered;
        QSemaphore release;
        QMetaObject::invokeMethod(
            m_sync,
            [&entered, &release] {
                entered.release();
                (void)release.tryAcquire(1, busySyncThreadMs);
            },
            Qt::QueuedConnection);
        QVERIFY(entered.tryAcquire(1, 5'000));

        QElapsedTimer blocked;
        blocked.start();
        const auto result = m_host->restartServer();
        const qint64 elapsed = blocked.elapsed();
        TANDEM_VERIFY_OK(result);
        qInfo("restartServer() returned in %lld ms with the sync thread busy", static_cast<long long>(elapsed));
        QVERIFY2(elapsed < maxBlockingMs, qPrintable(QStringLiteral("restartServer() took %1 ms").arg(elapsed)));
        QCOMPARE(restarted.size(), 0); // not done yet: the sync thread is still busy

        release.release();
        QVERIFY(restarted.wait(10'000));
        QCOMPARE(listening.size(), 1);
        QTRY_COMPARE(disconnected.size(), 1); // a restart closes the connections: they reconnect

        // The server listens again and takes new connections.
        m_url = QUrl(listening.first().first().toString());
        RawWsClient second;
        QVERIFY(second.open(webSocketUrl(), token));
        QVERIFY(answersPing(second));
    }

    void restartServer_invalidPortSetting_saysSoAndKeepsTheServer()
    {
        const QString token = signIn();
        RawWsClient client;
        QVERIFY(client.open(webSocketUrl(), token));
        QSignalSpy disconnected(&client, &RawWsClient::disconnected);
        QSettings().setValue(Settings::serverPort.key(), QStringLiteral("eighty"));
        const auto result = m_host->restartServer();
        QVERIFY(!result);
        QVERIFY(result.error().message.contains(Settings::serverPort.key()));
        QVERIFY(answersPing(client));
        QCOMPARE(disconnected.size(), 0);
    }
};

QTEST_MAIN(TestSyncHost)
#include "tst_sync_host.moc"
