// SigningKeyLoader: the token signing key in the OS keychain (the real Secret
// Service, which scripts/test starts: TANDEM_TEST_KEYCHAIN=1), or in an
// owner-only key file where there is no keychain.
#include "auth/signingkey.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <qt6keychain/keychain.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/inotify.h>
#include <unistd.h>
#endif

using namespace tandem;

namespace {

const QString keychainPlace = QStringLiteral("the OS keychain");

// The outcome of one load(): the key and where it is kept, or the error.
struct Loaded
{
    QByteArray key;
    QString whereKept;
    QString error;
};

std::optional<Loaded> load(SigningKeyLoader &loader)
{
    QSignalSpy loaded(&loader, &SigningKeyLoader::loaded);
    QSignalSpy failed(&loader, &SigningKeyLoader::failed);
    loader.load();
    if (loaded.count() + failed.count() != 0)
        return std::nullopt; // answered inside load(): a broken contract
    if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 30000))
        return std::nullopt;
    QTest::qWait(0); // a second answer would be queued by now
    if (loaded.count() + failed.count() != 1)
        return std::nullopt;
    if (failed.count())
        return Loaded{{}, {}, failed.first().first().value<Error>().message};
    return Loaded{loaded.first().at(0).toByteArray(), loaded.first().at(1).toString(), {}};
}

int fileMode(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
#else
    Q_UNUSED(path)
    return 0600;
#endif
}

// Reads the keychain entry directly through QtKeychain.
std::optional<QString> readEntry(const QString &service, const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    QSignalSpy finished(job, &QKeychain::Job::finished);
    job->start();
    if (!finished.wait(30000) || job->error() != QKeychain::NoError)
        return std::nullopt;
    return job->textData();
}

bool deleteEntry(const QString &service, const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    QSignalSpy finished(job, &QKeychain::Job::finished);
    job->start();
    return finished.wait(30000) && (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound);
}

} // namespace

// The keychain tests need a Secret Service; without one they fail (never skip).
#define TANDEM_REQUIRE_KEYCHAIN()                                                                                      \
    if (qEnvironmentVariable("TANDEM_TEST_KEYCHAIN") != u"1")                                                          \
        QFAIL("no Secret Service for this test: run it through scripts/test, or wrap it as in "                        \
              "`source scripts/lib/keychain.sh; tandem_with_keychain ctest ...` (TANDEM_TEST_KEYCHAIN=1 is not set)");

class TestSigningKey : public QObject
{
    Q_OBJECT

private:
    QString m_service;

    void useTestEntry(SigningKeyLoader &loader) const
    {
        loader.setKeychainEntry(m_service, QStringLiteral("jwt-signing-key"));
    }

private Q_SLOTS:
    void init()
    {
        // Never the real "Tandem" entry, even where the test runs in a desktop session.
        m_service = QStringLiteral("Tandem-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void cleanup()
    {
        if (qEnvironmentVariable("TANDEM_TEST_KEYCHAIN") == u"1")
            QVERIFY(deleteEntry(m_service, QStringLiteral("jwt-signing-key")));
    }

    // --- the key file ----------------------------------------------------

    void file_firstLoad_createsAnOwnerOnlyKeyFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString directory = dir.filePath(QStringLiteral("nested/data"));
        SigningKeyLoader loader(directory);
        loader.setUseKeychain(false);
        QCOMPARE(loader.keyFilePath(), QDir(directory).filePath(QStringLiteral("jwt-signing-key")));
        const auto result = load(loader);
        QVERIFY(result);
        QCOMPARE(result->error, QString());
        QCOMPARE(result->key.size(), SigningKeyLoader::KeySize);
        QCOMPARE(result->whereKept, QDir::toNativeSeparators(loader.keyFilePath()));
        QCOMPARE(fileMode(loader.keyFilePath()), 0600);
        QFile file(loader.keyFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QByteArray::fromBase64(file.readAll().trimmed()), result->key);
        // Nothing else is left in the directory (no temporary file).
        QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("jwt-signing-key")});
    }

    void file_secondLoad_returnsTheSameKey()
    {
        QTemporaryDir dir;
        SigningKeyLoader first(dir.path());
        first.setUseKeychain(false);
        const auto a = load(first);
        QVERIFY(a && a->error.isEmpty());
        const auto again = load(first);
        SigningKeyLoader second(dir.path());
        second.setUseKeychain(false);
        const auto b = load(second);
        QVERIFY(again && b);
        QCOMPARE(again->key, a->key);
        QCOMPARE(b->key, a->key);

        QTemporaryDir otherDir;
        SigningKeyLoader other(otherDir.path());
        other.setUseKeychain(false);
        const auto c = load(other);
        QVERIFY(c && c->error.isEmpty());
        QCOMPARE_NE(c->key, a->key); // random, not derived from anything
    }

#ifdef Q_OS_LINUX
    void file_neverHasWiderPermissions_evenForAMoment()
    {
        // With no umask to narrow it, a file created with default permissions
        // would be world-readable; and a chmod after creating it would show as
        // an IN_ATTRIB event. Neither may happen.
        QTemporaryDir dir;
        const mode_t previous = ::umask(0);
        auto restore = qScopeGuard([previous] { ::umask(previous); });
        const int watcher = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        QVERIFY(watcher >= 0);
        auto closeWatcher = qScopeGuard([watcher] { ::close(watcher); });
        QVERIFY(
            ::inotify_add_watch(watcher, QFile::encodeName(dir.path()).constData(), IN_CREATE | IN_ATTRIB | IN_MOVED_TO)
            >= 0);

        SigningKeyLoader loader(dir.path());
        loader.setUseKeychain(false);
        const auto result = load(loader);
        QVERIFY(result && result->error.isEmpty());

        QStringList events;
        alignas(inotify_event) char buffer[4096];
        for (;;) {
            const ssize_t length = ::read(watcher, buffer, sizeof buffer);
            if (length <= 0)
                break;
            for (ssize_t at = 0; at < length;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                const QString name = event->len ? QString::fromLocal8Bit(event->name) : QString();
                if (event->mask & IN_CREATE)
                    events.append(QStringLiteral("create ") + name);
                if (event->mask & IN_ATTRIB)
                    events.append(QStringLiteral("attrib ") + name);
                if (event->mask & IN_MOVED_TO)
                    events.append(QStringLiteral("moved-to ") + name);
                at += ssize_t(sizeof(inotify_event) + event->len);
            }
        }
        QVERIFY2(!events.filter(QStringLiteral("create ")).isEmpty(), qPrintable(events.join(u',')));
        QVERIFY2(events.filter(QStringLiteral("attrib ")).isEmpty(), qPrintable(events.join(u',')));
        QCOMPARE(fileMode(loader.keyFilePath()), 0600);
    }
#endif

#ifdef Q_OS_UNIX
    void file_readableByOthers_refused()
    {
        QTemporaryDir dir;
        SigningKeyLoader loader(dir.path());
        loader.setUseKeychain(false);
        QVERIFY(load(loader));
        QVERIFY(QFile::setPermissions(loader.keyFilePath(),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        const auto result = load(loader);
        QVERIFY(result);
        QVERIFY(result->key.isEmpty());
        QVERIFY2(result->error.contains(QStringLiteral("readable by other users")), qPrintable(result->error));
        QVERIFY2(result->error.contains(QStringLiteral("chmod 600")), qPrintable(result->error));
    }
#endif

    void file_damaged_refused()
    {
        QTemporaryDir dir;
        SigningKeyLoader loader(dir.path());
        loader.setUseKeychain(false);
        QFile file(loader.keyFilePath());
        QVERIFY(file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write("dG9vIHNob3J0\n"); // "too short"
        file.close();
        const auto result = load(loader);
        QVERIFY(result);
        QVERIFY(result->key.isEmpty());
        QVERIFY2(result->error.contains(QStringLiteral("damaged")), qPrintable(result->error));
    }

    void noKeychainReachable_usesTheFileAndSaysSo()
    {
        // A headless host: no session bus at all.
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-bus")));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tandem.*.debug=false"));
        const QString keyDir = dir.filePath(QStringLiteral("data"));
        const QString keyFile = QDir(keyDir).filePath(QStringLiteral("jwt-signing-key"));
        QByteArray firstKey;
        for (int run = 0; run < 2; ++run) {
            QProcess probe;
            probe.setProcessEnvironment(environment);
            probe.start(QStringLiteral(TANDEM_SIGNINGKEYPROBE_PATH), {keyDir});
            QVERIFY2(probe.waitForFinished(60000), qPrintable(probe.errorString()));
            const QString out = QString::fromUtf8(probe.readAllStandardOutput()).trimmed();
            const QString err = QString::fromUtf8(probe.readAllStandardError());
            QCOMPARE(out, QStringLiteral("loaded 32 ") + QDir::toNativeSeparators(keyFile));
            QVERIFY2(err.contains(QStringLiteral("no OS keychain")), qPrintable(err));
            QVERIFY2(err.contains(QStringLiteral("readable only by you")), qPrintable(err));
            QCOMPARE(err.count(QStringLiteral("no OS keychain")), 1);
            QCOMPARE(fileMode(keyFile), 0600);
            QFile file(keyFile);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray key = file.readAll();
            if (run == 0)
                firstKey = key;
            QCOMPARE(key, firstKey); // the second start keeps the key
        }
    }

    // --- the OS keychain -------------------------------------------------

    void keychain_firstLoad_storesTheKeyInTheSecretService()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        QTemporaryDir dir;
        SigningKeyLoader loader(dir.path());
        useTestEntry(loader);
        const auto result = load(loader);
        QVERIFY(result);
        QCOMPARE(result->error, QString());
        QCOMPARE(result->whereKept, keychainPlace);
        QCOMPARE(result->key.size(), SigningKeyLoader::KeySize);
        QVERIFY(!QFile::exists(loader.keyFilePath())); // no copy on disk

        // Through QtKeychain ...
        const auto stored = readEntry(m_service, QStringLiteral("jwt-signing-key"));
        QVERIFY(stored);
        QCOMPARE(QByteArray::fromBase64(stored->toLatin1()), result->key);
        // ... and straight from the Secret Service, with libsecret's own tool.
        const QString secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
        QVERIFY2(!secretTool.isEmpty(), "secret-tool is missing (Debian package libsecret-tools)");
        QProcess lookup;
        lookup.start(secretTool,
                     {QStringLiteral("lookup"), QStringLiteral("server"), m_service, QStringLiteral("user"),
                      QStringLiteral("jwt-signing-key")});
        QVERIFY(lookup.waitForFinished(30000));
        QCOMPARE(QByteArray::fromBase64(lookup.readAllStandardOutput().trimmed()), result->key);

        // A second loader (a restart) gets the same key.
        SigningKeyLoader again(dir.path());
        useTestEntry(again);
        const auto second = load(again);
        QVERIFY(second);
        QCOMPARE(second->whereKept, keychainPlace);
        QCOMPARE(second->key, result->key);
    }

    void keychain_emptyButKeyFileExists_movesTheFileKeyIntoTheKeychain()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        QTemporaryDir dir;
        SigningKeyLoader headless(dir.path());
        headless.setUseKeychain(false);
        const auto fromFile = load(headless);
        QVERIFY(fromFile && fromFile->error.isEmpty());
        QVERIFY(QFile::exists(headless.keyFilePath()));

        SigningKeyLoader loader(dir.path());
        useTestEntry(loader);
        const auto moved = load(loader);
        QVERIFY(moved);
        QCOMPARE(moved->error, QString());
        QCOMPARE(moved->whereKept, keychainPlace);
        QCOMPARE(moved->key, fromFile->key); // tokens already handed out stay valid
        QVERIFY(!QFile::exists(loader.keyFilePath()));

        SigningKeyLoader again(dir.path());
        useTestEntry(again);
        const auto second = load(again);
        QVERIFY(second);
        QCOMPARE(second->key, fromFile->key);
    }

    void keychain_damagedEntry_replacedWithANewKey()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        auto *job = new QKeychain::WritePasswordJob(m_service);
        job->setAutoDelete(true);
        job->setKey(QStringLiteral("jwt-signing-key"));
        job->setTextData(QStringLiteral("not a key"));
        QSignalSpy written(job, &QKeychain::Job::finished);
        job->start();
        QVERIFY(written.wait(30000));

        QTemporaryDir dir;
        SigningKeyLoader loader(dir.path());
        useTestEntry(loader);
        const auto result = load(loader);
        QVERIFY(result);
        QCOMPARE(result->whereKept, keychainPlace);
        QCOMPARE(result->key.size(), SigningKeyLoader::KeySize);
        const auto stored = readEntry(m_service, QStringLiteral("jwt-signing-key"));
        QVERIFY(stored);
        QCOMPARE(QByteArray::fromBase64(stored->toLatin1()), result->key);
    }
};

QTEST_GUILESS_MAIN(TestSigningKey)
#include "tst_signing_key.moc"
