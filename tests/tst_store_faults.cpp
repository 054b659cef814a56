// Store::open on a database it cannot use: a Storage error of one line that
// names the problem, and the database left exactly as it was found. The
// SQLite faults (locked, read-only, damaged, newer, not a file, no place for
// it) run in the sqlite run, the server faults (unreachable, wrong password,
// no such database) in the postgres run; parseDatabaseUrl's table in both.
#include "auth/accountservice.h"
#include "domain/json.h"
#include "services/taskservice.h"
#include "store/connection.h"
#include "store/migrator.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <map>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tandem;
using store::Connection;

namespace {

enum class Fault {
    LockedTransaction, // another program is inside BEGIN EXCLUSIVE (rollback journal)
    LockedWal, // another program holds a WAL database in exclusive locking mode
    ReadOnlyFile,
    ReadOnlyDirectory,
    RandomBytes, // not an SQLite file at all
    DamagedPage, // a valid file with garbage over one page in the middle
    NewerVersion,
    DirectoryInstead, // a directory where the file should be
    UncreatableDirectory, // the data directory cannot be made
    Unreachable, // nothing listens on the port
    WrongPassword,
    MissingDatabase,
};

// nobody:nogroup on Debian; a read-only file does not stop root.
constexpr uid_t nobodyId = 65534;

std::unique_ptr<Connection> rawConnection(const StoreConfig &config)
{
    static int next = 0;
    return std::make_unique<Connection>(config, QStringLiteral("tst-store-faults-%1").arg(next++));
}

// Every entry under `root` by relative path, with a hash of each file's bytes.
std::map<QString, QByteArray> treeFingerprint(const QString &root)
{
    std::map<QString, QByteArray> entries;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = QDir(root).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            entries[name] = QByteArrayLiteral("directory");
            continue;
        }
        QFile file(path);
        entries[name] = file.open(QIODevice::ReadOnly)
            ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()
            : QByteArrayLiteral("unreadable");
    }
    return entries;
}

struct Outcome
{
    bool opened = false;
    QString code; // errorCodeName()
    QString message;
};

Outcome openHere(const StoreConfig &config)
{
    auto store = Store::open(config);
    if (store)
        return {true, {}, {}};
    return {false, errorCodeName(store.error().code), store.error().message};
}

// Creates a Tandem database with a few tasks, closed again.
Result<void> createTandemDatabase(const StoreConfig &config, int tasks)
{
    auto opened = Store::open(config);
    if (!opened)
        return opened.error();
    AccountService accounts(*opened.value());
    auto owner = accounts.createUser(QStringLiteral("alice"));
    if (!owner)
        return owner.error();
    QList<TaskDraft> drafts;
    for (int i = 0; i < tasks; ++i) {
        TaskDraft draft;
        draft.title = QStringLiteral("task %1 ").arg(i) + QString(80, u'x');
        drafts.append(draft);
    }
    if (drafts.isEmpty())
        return {};
    TaskService service(*opened.value());
    auto created = service.createMany(owner->id, drafts);
    if (!created)
        return created.error();
    return {};
}

bool writeAt(const QString &path, qint64 offset, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.seek(offset) && file.write(bytes) == bytes.size();
}

} // namespace

Q_DECLARE_METATYPE(Fault)

class TestStoreFaults : public QObject
{
    Q_OBJECT

private:
    bool m_root = ::geteuid() == 0;
    // When root, a copy of the helper that the unprivileged child can run
    // wherever the build tree is.
    QTemporaryDir m_tools;
    QString m_writer = QStringLiteral(TANDEM_STOREWRITER_PATH);

    // Opens `dataDir` in a storewriter child process; as root, the child
    // first becomes nobody, so file permissions apply to it.
    Outcome openInChild(const QString &dataDir)
    {
        QProcess child;
        child.setProgram(m_writer);
        child.setArguments({QStringLiteral("--open-only"), QStringLiteral("--data-dir"), dataDir});
        child.setWorkingDirectory(QDir::rootPath());
        if (m_root) {
            child.setChildProcessModifier([] {
                if (::setgroups(0, nullptr) != 0 || ::setgid(nobodyId) != 0 || ::setuid(nobodyId) != 0)
                    ::_exit(126);
            });
        }
        child.start();
        if (!child.waitForFinished(30000))
            return {false, QStringLiteral("test"), QStringLiteral("the storewriter child did not finish")};
        const QString out = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
        const QString err = QString::fromUtf8(child.readAllStandardError()).trimmed();
        if (child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0 && out == u"opened")
            return {true, {}, {}};
        if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 2)
            return {false, QStringLiteral("test"),
                    QStringLiteral("the storewriter child failed to run (exit %1): %2").arg(child.exitCode()).arg(err)};
        const qsizetype colon = err.indexOf(QStringLiteral(": "));
        return {false, err.left(colon), err.mid(colon + 2)};
    }

    // Makes `path` (and what is in it) belong to nobody when running as root,
    // so the permission bits the test sets are the ones that matter.
    bool handToChild(const QString &path)
    {
        if (!m_root)
            return true;
        bool ok = ::chown(QFile::encodeName(path).constData(), nobodyId, nobodyId) == 0;
        QDirIterator it(path, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            ok = ::chown(QFile::encodeName(it.next()).constData(), nobodyId, nobodyId) == 0 && ok;
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_writer), qPrintable(m_writer));
        if (m_root) {
            QVERIFY(m_tools.isValid());
            const QString copy = m_tools.filePath(QStringLiteral("tandem_storewriter"));
            QVERIFY(QFile::copy(m_writer, copy));
            QVERIFY(::chmod(QFile::encodeName(m_tools.path()).constData(), 0755) == 0);
            QVERIFY(::chmod(QFile::encodeName(copy).constData(), 0755) == 0);
            m_writer = copy;
        }
    }

    // The harness behind the read-only rows: with writable files, the same
    // unprivileged child opens the store, so only the permissions make it fail.
    void openAsOtherUser_writableFiles_opens()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const StoreConfig config = StoreConfig::sqliteFile(sqliteFileInDirectory(dir.path()));
        TANDEM_VERIFY_OK(createTandemDatabase(config, 3));
        QVERIFY(handToChild(dir.path()));
        const Outcome outcome = openInChild(dir.path());
        QVERIFY2(outcome.opened, qPrintable(outcome.code + QStringLiteral(": ") + outcome.message));
    }

    void open_unusableDatabase_failsClearlyAndChangesNothing_data()
    {
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<QString>("expected"); // what the message must say

        if (test::engineUnderTest() == StoreEngine::Sqlite) {
            QTest::newRow("locked by a transaction") << Fault::LockedTransaction << QStringLiteral("is locked");
            QTest::newRow("locked in exclusive WAL mode") << Fault::LockedWal << QStringLiteral("is locked");
            QTest::newRow("read-only file") << Fault::ReadOnlyFile << QStringLiteral("is read-only");
            QTest::newRow("read-only directory") << Fault::ReadOnlyDirectory << QStringLiteral("is read-only");
            QTest::newRow("random bytes") << Fault::RandomBytes << QStringLiteral("is damaged");
            QTest::newRow("garbage over a page") << Fault::DamagedPage << QStringLiteral("is damaged");
            QTest::newRow("newer version") << Fault::NewerVersion << QStringLiteral("newer Tandem");
            QTest::newRow("directory instead of the file")
                << Fault::DirectoryInstead << QStringLiteral("is not a file");
            QTest::newRow("uncreatable data directory")
                << Fault::UncreatableDirectory << QStringLiteral("cannot create the data directory");
        } else {
            QTest::newRow("unreachable server") << Fault::Unreachable << QStringLiteral("Connection refused");
            QTest::newRow("wrong password") << Fault::WrongPassword << QStringLiteral("password authentication failed");
            QTest::newRow("missing database") << Fault::MissingDatabase << QStringLiteral("does not exist");
        }
    }

    void open_unusableDatabase_failsClearlyAndChangesNothing()
    {
        QFETCH(Fault, fault);
        QFETCH(QString, expected);

        QTemporaryDir root;
        QVERIFY(root.isValid());
        QString dataDir = root.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(dataDir));
        auto writable = qScopeGuard([&] { // so that QTemporaryDir can remove what a row made read-only
            if (!m_root)
                QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        });
        StoreConfig config = StoreConfig::sqliteFile(sqliteFileInDirectory(dataDir));
        config.busyTimeoutMs = 200;
        const QString file = config.sqlitePath;
        QStringList lockStatements; // run on another connection while the store opens
        bool inChild = false;
        std::unique_ptr<test::TestDatabase> server;

        switch (fault) {
        case Fault::LockedTransaction: {
            // A current database still in rollback-journal mode, as a fresh file is until Store::open.
            auto c = rawConnection(config);
            TANDEM_VERIFY_OK(c->open());
            TANDEM_VERIFY_OK(store::Migrator::migrate(*c));
            lockStatements = {QStringLiteral("BEGIN EXCLUSIVE")};
            break;
        }
        case Fault::LockedWal:
            TANDEM_VERIFY_OK(createTandemDatabase(config, 3));
            lockStatements = {QStringLiteral("PRAGMA locking_mode = EXCLUSIVE"), QStringLiteral("BEGIN EXCLUSIVE"),
                              QStringLiteral("UPDATE log_heads SET floor_seq = floor_seq")};
            break;
        case Fault::ReadOnlyFile:
            TANDEM_VERIFY_OK(createTandemDatabase(config, 3));
            QVERIFY(handToChild(root.path()));
            QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
            inChild = true;
            break;
        case Fault::ReadOnlyDirectory:
            TANDEM_VERIFY_OK(createTandemDatabase(config, 3));
            QVERIFY(handToChild(root.path()));
            QVERIFY(QFile::setPermissions(dataDir,
                                          QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                              | QFile::ReadOther | QFile::ExeOther));
            inChild = true;
            break;
        case Fault::RandomBytes: {
            QByteArray noise(16384, '\0');
            QRandomGenerator generator(42);
            for (char &byte : noise)
                byte = char(generator.bounded(256));
            QVERIFY(writeAt(file, 0, noise));
            break;
        }
        case Fault::DamagedPage: {
            TANDEM_VERIFY_OK(createTandemDatabase(config, 200));
            QFile db(file);
            QVERIFY(db.open(QIODevice::ReadOnly));
            const QByteArray header = db.read(100);
            db.close();
            const int pageSize = (quint8(header.at(16)) << 8) | quint8(header.at(17));
            const qint64 pages = QFileInfo(file).size() / pageSize;
            QVERIFY2(pages >= 8, qPrintable(QString::number(pages)));
            // No page of a fresh database is free, so every one belongs to a b-tree that quick_check reads.
            QVERIFY(writeAt(file, (pages / 2) * pageSize, QByteArray(pageSize, '\xA5')));
            break;
        }
        case Fault::NewerVersion: {
            TANDEM_VERIFY_OK(createTandemDatabase(config, 3));
            auto c = rawConnection(config);
            TANDEM_VERIFY_OK(c->open());
            TANDEM_VERIFY_OK(
                c->execute(QStringLiteral("PRAGMA user_version = %1").arg(store::Migrator::latestVersion() + 1)));
            break;
        }
        case Fault::DirectoryInstead:
            QVERIFY(QDir().mkpath(file));
            break;
        case Fault::UncreatableDirectory: {
            const QString blocker = root.filePath(QStringLiteral("blocker"));
            QVERIFY(writeAt(blocker, 0, QByteArrayLiteral("a file, not a directory")));
            dataDir = blocker + QStringLiteral("/data");
            config.sqlitePath = sqliteFileInDirectory(dataDir);
            break;
        }
        case Fault::Unreachable:
        case Fault::WrongPassword:
        case Fault::MissingDatabase: {
            QString error;
            server = test::TestDatabase::create(StoreEngine::Postgres, &error);
            QVERIFY2(server, qPrintable(error));
            config = server->config();
            if (fault == Fault::Unreachable) {
                QTcpServer probe;
                QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
                config.host = QStringLiteral("127.0.0.1");
                config.port = probe.serverPort();
            } else if (fault == Fault::WrongPassword) {
                config.password = QStringLiteral("not-") + config.password;
            } else {
                config.database = QStringLiteral("tandem_missing_") + QUuid::createUuid().toString(QUuid::Id128);
            }
            break;
        }
        }

        const auto before = treeFingerprint(root.path());
        std::unique_ptr<Connection> locker;
        if (!lockStatements.isEmpty()) {
            locker = rawConnection(StoreConfig::sqliteFile(file));
            TANDEM_VERIFY_OK(locker->open());
            for (const QString &statement : std::as_const(lockStatements))
                TANDEM_VERIFY_OK(locker->execute(statement));
        }
        const Outcome outcome = inChild ? openInChild(dataDir) : openHere(config);
        locker.reset(); // its file handles must be gone before the files are compared

        QVERIFY2(!outcome.opened, "the store opened");
        QVERIFY2(outcome.code == u"storage", qPrintable(outcome.code + QStringLiteral(": ") + outcome.message));
        QVERIFY2(outcome.message.contains(expected), qPrintable(outcome.message));
        QVERIFY2(!outcome.message.contains(u'\n'), qPrintable(outcome.message));
        if (fault == Fault::WrongPassword)
            QVERIFY(!outcome.message.contains(config.password));
        QCOMPARE(treeFingerprint(root.path()), before);
    }

    void parseDatabaseUrl_goodUrl_fillsConfig_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("options");

        QTest::newRow("everything") << QStringLiteral("postgres://alice:s3cret@db.lan:6543/tandem")
                                    << QStringLiteral("db.lan") << 6543 << QStringLiteral("tandem")
                                    << QStringLiteral("alice") << QStringLiteral("s3cret")
                                    << QStringLiteral("connect_timeout=5");
        QTest::newRow("postgresql scheme, default port, no password")
            << QStringLiteral("postgresql://alice@localhost/tandem") << QStringLiteral("localhost") << 5432
            << QStringLiteral("tandem") << QStringLiteral("alice") << QString() << QStringLiteral("connect_timeout=5");
        QTest::newRow("percent-encoded user and password")
            << QStringLiteral("postgres://al%40ice:p%40ss%3Aw%2Fo%25rd%20x@h/db") << QStringLiteral("h") << 5432
            << QStringLiteral("db") << QStringLiteral("al@ice") << QStringLiteral("p@ss:w/o%rd x")
            << QStringLiteral("connect_timeout=5");
        QTest::newRow("IPv6 host") << QStringLiteral("postgres://u@[::1]:5433/db") << QStringLiteral("::1") << 5433
                                   << QStringLiteral("db") << QStringLiteral("u") << QString()
                                   << QStringLiteral("connect_timeout=5");
        QTest::newRow("options kept, own timeout")
            << QStringLiteral("postgres://u@h/db?sslmode=require&connect_timeout=10&application_name=tandem")
            << QStringLiteral("h") << 5432 << QStringLiteral("db") << QStringLiteral("u") << QString()
            << QStringLiteral("sslmode=require;connect_timeout=10;application_name=tandem");
    }

    void parseDatabaseUrl_goodUrl_fillsConfig()
    {
        QFETCH(QString, url);
        auto parsed = parseDatabaseUrl(url);
        TANDEM_VERIFY_OK(parsed);
        QCOMPARE(parsed->engine, StoreEngine::Postgres);
        QTEST(parsed->host, "host");
        QTEST(parsed->port, "port");
        QTEST(parsed->database, "database");
        QTEST(parsed->user, "user");
        QTEST(parsed->password, "password");
        QTEST(parsed->connectOptions, "options");
        QVERIFY(!parsed->describe().contains(u"s3cret"));
    }

    void parseDatabaseUrl_badUrl_namesTheProblem_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << QStringLiteral("not a valid URL");
        QTest::newRow("not a URL") << QStringLiteral("tandem.db") << QStringLiteral("unsupported database URL scheme");
        QTest::newRow("other scheme") << QStringLiteral("mysql://u:s3cret@h/db")
                                      << QStringLiteral("unsupported database URL scheme \"mysql\"");
        QTest::newRow("no host") << QStringLiteral("postgres:///db") << QStringLiteral("names no host");
        QTest::newRow("no user") << QStringLiteral("postgres://h/db") << QStringLiteral("names no user");
        QTest::newRow("no database") << QStringLiteral("postgres://u:s3cret@h") << QStringLiteral("names no database");
        QTest::newRow("empty database") << QStringLiteral("postgres://u@h/") << QStringLiteral("names no database");
        QTest::newRow("nested path") << QStringLiteral("postgres://u@h/db/x") << QStringLiteral("names no database");
        QTest::newRow("port zero") << QStringLiteral("postgres://u@h:0/db") << QStringLiteral("between 1 and 65535");
        QTest::newRow("port too large") << QStringLiteral("postgres://u:s3cret@h:99999/db")
                                        << QStringLiteral("not a valid URL");
        QTest::newRow("port not a number")
            << QStringLiteral("postgres://u:s3cret@h:abc/db") << QStringLiteral("not a valid URL");
        QTest::newRow("password needing percent-encoding")
            << QStringLiteral("postgres://u:s3cret word@h/db") << QStringLiteral("not a valid URL");
        QTest::newRow("unknown option") << QStringLiteral("postgres://u@h/db?sslmod=require")
                                        << QStringLiteral("unknown URL option \"sslmod\"");
        QTest::newRow("option smuggling another option")
            << QStringLiteral("postgres://u@h/db?application_name=a%3Bsslmode%3Ddisable")
            << QStringLiteral("may not contain");
    }

    void parseDatabaseUrl_badUrl_namesTheProblem()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        auto parsed = parseDatabaseUrl(url);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::Validation);
        QCOMPARE(parsed.error().field, QStringLiteral("database"));
        const QString message = parsed.error().message;
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        // The message is shown and logged: a password in the URL must not be in it.
        QVERIFY2(!message.contains(u"s3cret"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_store_faults.moc"
