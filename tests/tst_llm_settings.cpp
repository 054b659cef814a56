// LlmSettings (endpoint, model, enabled in QSettings, validated) and
// LlmKeyStore (the API key in the OS keychain, the real Secret Service that
// scripts/test starts: TANDEM_TEST_KEYCHAIN=1; without a keychain the key is
// kept nowhere).
#include "assistant/llmsettings.h"
#include "testdatabase.h"

#include <QDirIterator>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tandem;
using namespace tandem::assistant;

namespace {

const QString testKey = QStringLiteral("sk-tandem-test-KEYCHAIN-0c1d2e3f4a5b");

// The outcome of one LlmKeyStore call: which signal, and what it carried.
struct Answer
{
    QString signal; // "loaded", "saved", "removed", "failed"
    QString key;
    Error error;
};

std::optional<Answer> await(LlmKeyStore &store, const std::function<void()> &call)
{
    QSignalSpy loaded(&store, &LlmKeyStore::loaded);
    QSignalSpy saved(&store, &LlmKeyStore::saved);
    QSignalSpy removed(&store, &LlmKeyStore::removed);
    QSignalSpy failed(&store, &LlmKeyStore::failed);
    const auto count = [&] {
        return loaded.count() + saved.count() + removed.count() + failed.count();
    };
    call();
    if (count() != 0)
        return std::nullopt; // answered inside the call: a broken contract
    if (!QTest::qWaitFor([&] { return count() > 0; }, 30000))
        return std::nullopt;
    QTest::qWait(0);
    if (count() != 1)
        return std::nullopt;
    if (loaded.count())
        return Answer{QStringLiteral("loaded"), loaded.first().first().toString(), {}};
    if (saved.count())
        return Answer{QStringLiteral("saved"), {}, {}};
    if (removed.count())
        return Answer{QStringLiteral("removed"), {}, {}};
    return Answer{QStringLiteral("failed"), {}, failed.first().first().value<Error>()};
}

} // namespace

// The keychain tests need a Secret Service; without one they fail (never skip).
#define TANDEM_REQUIRE_KEYCHAIN()                                                                                      \
    if (qEnvironmentVariable("TANDEM_TEST_KEYCHAIN") != u"1")                                                          \
        QFAIL("no Secret Service for this test: run it through scripts/test, or wrap it as in "                        \
              "`source scripts/lib/keychain.sh; tandem_with_keychain ctest ...` (TANDEM_TEST_KEYCHAIN=1 is not set)");

class TestLlmSettings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;

    std::unique_ptr<QSettings> settings()
    {
        return std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        settings()->clear();
        // Never the real "Tandem" entry, even where the test runs in a desktop session.
        m_service = QStringLiteral("Tandem-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    // --- settings ---------------------------------------------------------

    void load_invalidEndpoint_errorNamesTheSetting_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("another scheme") << QStringLiteral("ftp://localhost:11434/v1");
        QTest::newRow("no scheme") << QStringLiteral("localhost:11434/v1");
        QTest::newRow("no host") << QStringLiteral("http:///v1");
        QTest::newRow("words") << QStringLiteral("my ollama");
        QTest::newRow("credentials in the URL") << QStringLiteral("https://user:secret@api.example.org/v1");
        QTest::newRow("a key in the query") << QStringLiteral("https://api.example.org/v1?api-key=secret");
    }

    void load_invalidEndpoint_errorNamesTheSetting()
    {
        QFETCH(QString, endpoint);
        auto stored = settings();
        stored->setValue(QStringLiteral("assistant/endpoint"), endpoint);
        stored->setValue(QStringLiteral("assistant/model"), QStringLiteral("llama3.1"));
        auto loaded = LlmSettings::load(*stored);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::Validation);
        QCOMPARE(loaded.error().field, QStringLiteral("assistant/endpoint"));
        QVERIFY(loaded.error().toString().contains(QStringLiteral("http://")));
        QVERIFY(!loaded.error().toString().contains(QStringLiteral("secret")));
    }

    void load_enabledWithoutModelOrEndpoint_errorNamesWhichOne()
    {
        auto stored = settings();
        stored->setValue(QStringLiteral("assistant/enabled"), true);
        stored->setValue(QStringLiteral("assistant/model"), QStringLiteral("llama3.1"));
        auto noEndpoint = LlmSettings::load(*stored);
        QVERIFY(!noEndpoint);
        QCOMPARE(noEndpoint.error().field, QStringLiteral("assistant/endpoint"));

        stored->setValue(QStringLiteral("assistant/endpoint"), QStringLiteral("http://localhost:11434/v1"));
        stored->remove(QStringLiteral("assistant/model"));
        auto noModel = LlmSettings::load(*stored);
        QVERIFY(!noModel);
        QCOMPARE(noModel.error().field, QStringLiteral("assistant/model"));

        // Disabled, nothing is needed.
        stored->setValue(QStringLiteral("assistant/enabled"), false);
        auto disabled = LlmSettings::load(*stored);
        TANDEM_VERIFY_OK(disabled);
        QVERIFY(!disabled->enabled);
    }

    void load_timeoutOutOfRange_errorNamesIt()
    {
        auto stored = settings();
        stored->setValue(QStringLiteral("assistant/timeoutSeconds"), 0);
        auto loaded = LlmSettings::load(*stored);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().field, QStringLiteral("assistant/timeoutSeconds"));
    }

    void save_thenLoad_roundTripsWithoutAKey()
    {
        LlmSettings written;
        written.enabled = true;
        written.endpoint = QUrl(QStringLiteral("http://localhost:11434/v1"));
        written.model = QStringLiteral(" llama3.1 ");
        written.timeoutSeconds = 90;
        auto stored = settings();
        TANDEM_VERIFY_OK(written.save(*stored));
        auto loaded = LlmSettings::load(*stored);
        TANDEM_VERIFY_OK(loaded);
        QCOMPARE(loaded->enabled, true);
        QCOMPARE(loaded->endpoint, written.endpoint);
        QCOMPARE(loaded->model, QStringLiteral("llama3.1"));
        QCOMPARE(loaded->timeoutSeconds, 90);
        QCOMPARE(stored->allKeys(),
                 (QStringList{QStringLiteral("assistant/enabled"), QStringLiteral("assistant/endpoint"),
                              QStringLiteral("assistant/model"), QStringLiteral("assistant/timeoutSeconds")}));
    }

    void save_invalid_writesNothing()
    {
        LlmSettings written;
        written.enabled = true;
        written.endpoint = QUrl(QStringLiteral("file:///etc/passwd"));
        written.model = QStringLiteral("llama3.1");
        auto stored = settings();
        auto saved = written.save(*stored);
        QVERIFY(!saved);
        QCOMPARE(saved.error().field, QStringLiteral("assistant/endpoint"));
        QVERIFY(stored->allKeys().isEmpty());
    }

    void makeLlmEngine_followsTheSettings()
    {
        auto stored = settings();
        Error error = Error::notFound(QStringLiteral("untouched"));
        // Not enabled: no engine, and no error.
        QVERIFY(!makeLlmEngineFromSettings(*stored, QString(), &error));
        QCOMPARE(error.message, QStringLiteral("untouched"));

        stored->setValue(QStringLiteral("assistant/enabled"), true);
        stored->setValue(QStringLiteral("assistant/endpoint"), QStringLiteral("not a url"));
        stored->setValue(QStringLiteral("assistant/model"), QStringLiteral("llama3.1"));
        QVERIFY(!makeLlmEngineFromSettings(*stored, QString(), &error));
        QCOMPARE(error.field, QStringLiteral("assistant/endpoint"));

        stored->setValue(QStringLiteral("assistant/endpoint"), QStringLiteral("https://api.openai.com/v1"));
        stored->setValue(QStringLiteral("assistant/timeoutSeconds"), 45);
        auto engine = makeLlmEngineFromSettings(*stored, testKey, &error);
        QVERIFY(engine);
        QCOMPARE(engine->config().baseUrl, QUrl(QStringLiteral("https://api.openai.com/v1")));
        QCOMPARE(engine->config().model, QStringLiteral("llama3.1"));
        QCOMPARE(engine->config().apiKey, testKey);
        QCOMPARE(engine->config().timeoutMs, 45000);
    }

    // --- the key in the OS keychain ----------------------------------------

    void keychain_saveLoadRemove_roundTrip()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        LlmKeyStore store;
        store.setKeychainEntry(m_service, QStringLiteral("llm-api-key"));

        auto none = await(store, [&] { store.load(); });
        QVERIFY2(none, "load(): no single answer, later");
        QCOMPARE(none->signal, QStringLiteral("loaded"));
        QCOMPARE(none->key, QString());

        auto saved = await(store, [&] { store.save(testKey); });
        QVERIFY2(saved, "save(): no single answer, later");
        QVERIFY2(saved->signal == u"saved", qPrintable(saved->error.message));

        // A second store (as after a restart) reads the same key.
        LlmKeyStore other;
        other.setKeychainEntry(m_service, QStringLiteral("llm-api-key"));
        auto loaded = await(other, [&] { other.load(); });
        QVERIFY(loaded);
        QVERIFY2(loaded->signal == u"loaded", qPrintable(loaded->error.message));
        QCOMPARE(loaded->key, testKey);

        auto removed = await(store, [&] { store.remove(); });
        QVERIFY(removed);
        QVERIFY2(removed->signal == u"removed", qPrintable(removed->error.message));
        auto gone = await(store, [&] { store.load(); });
        QVERIFY(gone);
        QCOMPARE(gone->signal, QStringLiteral("loaded"));
        QCOMPARE(gone->key, QString());
        // Removing what is not there is fine.
        auto again = await(store, [&] { store.remove(); });
        QVERIFY(again);
        QCOMPARE(again->signal, QStringLiteral("removed"));
    }

    void keychain_saveEmpty_failsLater()
    {
        LlmKeyStore store;
        store.setKeychainEntry(m_service, QStringLiteral("llm-api-key"));
        auto answer = await(store, [&] { store.save(QStringLiteral("  ")); });
        QVERIFY(answer);
        QCOMPARE(answer->signal, QStringLiteral("failed"));
        QCOMPARE(answer->error.code, ErrorCode::Validation);
    }

    void noKeychainReachable_saveFails_andTheKeyIsKeptNowhere()
    {
        // A headless host: no session bus at all, and a home of its own to search afterwards.
        QTemporaryDir dir;
        const QString home = dir.filePath(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(home));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-bus")));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tandem.*=true"));
        QProcess probe;
        probe.setProcessEnvironment(environment);
        probe.setWorkingDirectory(home);
        probe.start(QStringLiteral(TANDEM_LLMKEYPROBE_PATH), {m_service});
        QVERIFY2(probe.waitForStarted(30000), qPrintable(probe.errorString()));
        probe.write(testKey.toUtf8() + '\n');
        probe.closeWriteChannel();
        QVERIFY2(probe.waitForFinished(60000), qPrintable(probe.errorString()));
        const QString out = QString::fromUtf8(probe.readAllStandardOutput()).trimmed();
        const QString err = QString::fromUtf8(probe.readAllStandardError());
        QVERIFY2(out.startsWith(QStringLiteral("failed ")), qPrintable(out + u'\n' + err));
        QVERIFY2(out.contains(QStringLiteral("keychain")) && out.contains(QStringLiteral("cannot be stored")),
                 qPrintable(out));
        QVERIFY(!out.contains(testKey));
        QVERIFY(!err.contains(testKey));
        // No file anywhere in that home (settings, caches, a fallback store) holds it.
        QDirIterator files(home, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(testKey.toUtf8()), qPrintable(file.fileName()));
        }
    }
};

QTEST_GUILESS_MAIN(TestLlmSettings)
#include "tst_llm_settings.moc"
