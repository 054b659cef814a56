// The `tandem` executable as users and scripts meet it: flags, exit codes,
// one-line errors for every bad store, clean shutdown on signals.
#include "store/migrator.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace tandem;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QStringList errLines;
};

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort(); // closed again when `server` goes: nothing listens there
}

} // namespace

class TestAppCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        return env;
    }

    Outcome run(const QStringList &arguments, const QProcessEnvironment &env, bool dropPrivileges = false)
    {
        QProcess process;
        process.setProcessEnvironment(env);
#ifdef Q_OS_UNIX
        if (dropPrivileges && ::geteuid() == 0) {
            // Root ignores file permissions; run as nobody to meet a read-only file.
            process.setChildProcessModifier([] {
                if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                    ::_exit(99);
            });
        }
#else
        Q_UNUSED(dropPrivileges)
#endif
        process.start(QStringLiteral(TANDEM_APP_PATH), arguments);
        Outcome outcome;
        if (!process.waitForFinished(30'000)) {
            process.kill();
            process.waitForFinished();
            return outcome;
        }
        outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        outcome.out = QString::fromLocal8Bit(process.readAllStandardOutput());
        outcome.errLines = QString::fromLocal8Bit(process.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
        return outcome;
    }

    Outcome run(const QStringList &arguments)
    {
        return run(arguments, environment());
    }

    // A data dir holding a valid Tandem database (made by a headless start).
    QString makeDataDir(QTemporaryDir &dir)
    {
        const QString data = dir.filePath(QStringLiteral("data"));
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANDEM_APP_PATH),
                      {QStringLiteral("--headless"), QStringLiteral("--data-dir"), data});
        if (!process.waitForStarted())
            return {};
        QByteArray err;
        const bool ready = QTest::qWaitFor(
            [&] { return (err += process.readAllStandardError()).contains("running headless"); }, 10'000);
        process.terminate();
        process.waitForFinished();
        return ready && process.exitCode() == 0 ? data : QString();
    }

private Q_SLOTS:
    void version_printsVersion()
    {
        const Outcome outcome = run({QStringLiteral("--version")});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out.trimmed(), QStringLiteral(TANDEM_APP_NAME " " TANDEM_VERSION));
    }

    void help_listsEveryFlag()
    {
        const Outcome outcome = run({QStringLiteral("--help")});
        QCOMPARE(outcome.exitCode, 0);
        for (const char *flag :
             {"--data-dir", "--database", "--headless", "--tls-cert", "--tls-key", "--version", "--help"})
            QVERIFY2(outcome.out.contains(QLatin1String(flag)), flag);
    }

    void badArguments_usageErrorOnOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mention");
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("tasks.db")} << QStringLiteral("tasks.db");
        QTest::newRow("both stores") << QStringList{QStringLiteral("--data-dir"), QStringLiteral("/tmp/x"),
                                                    QStringLiteral("--database"), QStringLiteral("postgres://a@b/c")}
                                     << QStringLiteral("not both");
        QTest::newRow("bad scheme") << QStringList{QStringLiteral("--database"), QStringLiteral("mysql://a@b/c")}
                                    << QStringLiteral("mysql");
        QTest::newRow("no database name") << QStringList{QStringLiteral("--database"), QStringLiteral("postgres://a@b")}
                                          << QStringLiteral("no database");
        QTest::newRow("bad port") << QStringList{QStringLiteral("--database"), QStringLiteral("postgres://a@b:99999/c")}
                                  << QStringLiteral("--database");
        QTest::newRow("missing value") << QStringList{QStringLiteral("--data-dir")} << QStringLiteral("data-dir");
    }

    void badArguments_usageErrorOnOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mention);
        const Outcome outcome = run(QStringList{QStringLiteral("--headless")} + arguments);
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(outcome.errLines.size(), 1);
        QVERIFY2(outcome.errLines.first().contains(mention), qPrintable(outcome.errLines.first()));
    }

    void headless_sigtermAndSigint_stopCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void headless_sigtermAndSigint_stopCleanly()
    {
#ifdef Q_OS_UNIX
        QFETCH(int, signalNumber);
        QTemporaryDir dir;
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANDEM_APP_PATH),
                      {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path()});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("running headless"), 10'000);
        QVERIFY2(err.contains(dir.path().toLocal8Bit()), err.constData()); // says where the data lives
        ::kill(pid_t(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        // The owner account was created on first start.
        auto store = Store::open(StoreConfig::sqliteFile(dir.filePath(QStringLiteral("tandem.db"))));
        TANDEM_VERIFY_OK(store);
        auto owner = store.value()->userByName(qEnvironmentVariable("USER", QStringLiteral("owner")));
        TANDEM_VERIFY_OK(owner);
        QVERIFY(owner.value().has_value());
        QVERIFY(!owner.value()->hasPassword());
#endif
    }

    void headless_portInUse_failsOnOneLine()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const Outcome outcome = run({QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(),
                                     QStringLiteral("--port"), QString::number(blocker.serverPort())});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.out.isEmpty(), qPrintable(outcome.out)); // never claims to listen
        const QString last = outcome.errLines.isEmpty() ? QString() : outcome.errLines.constLast();
        QVERIFY2(last.contains(QStringLiteral("already in use"))
                     && last.contains(QString::number(blocker.serverPort())),
                 qPrintable(outcome.errLines.join(u'|')));
    }

    void headless_listening_printsExactlyOneStdoutLine()
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANDEM_APP_PATH),
                      {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"),
                       QStringLiteral("0")});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains('\n'), 15'000);
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
        out += process.readAllStandardOutput();
        const QList<QByteArray> lines = out.split('\n');
        QCOMPARE(lines.size(), 2); // one line, then the empty remainder
        QVERIFY2(QRegularExpression(QStringLiteral("^Tandem listening on http://127\\.0\\.0\\.1:\\d+$"))
                     .match(QString::fromUtf8(lines.first()))
                     .hasMatch(),
                 lines.first().constData());
    }

    void badServerFlags_usageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mention");
        QTest::newRow("port too big") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                      << QStringLiteral("--port");
        QTest::newRow("port not a number")
            << QStringList{QStringLiteral("--port"), QStringLiteral("http")} << QStringLiteral("--port");
        QTest::newRow("bind not an address")
            << QStringList{QStringLiteral("--bind"), QStringLiteral("localhost:80")} << QStringLiteral("--bind");
        QTest::newRow("lan and bind") << QStringList{QStringLiteral("--lan"), QStringLiteral("--bind"),
                                                     QStringLiteral("127.0.0.1")}
                                      << QStringLiteral("not both");
        QTest::newRow("tls cert without key")
            << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("c.pem")} << QStringLiteral("--tls-key");
        // Read once the application exists: still a usage error on one line.
        QTest::newRow("tls files missing")
            << QStringList{QStringLiteral("--tls-cert"), QStringLiteral("/nonexistent/c.pem"),
                           QStringLiteral("--tls-key"), QStringLiteral("/nonexistent/k.pem")}
            << QStringLiteral("/nonexistent/c.pem");
    }

    void badServerFlags_usageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mention);
        const Outcome outcome = run(QStringList{QStringLiteral("--headless")} + arguments);
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(outcome.errLines.size(), 1);
        QVERIFY2(outcome.errLines.first().contains(mention), qPrintable(outcome.errLines.first()));
    }

    void defaultDataDir_isAppDataLocation()
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANDEM_APP_PATH), {QStringLiteral("--headless")});
        QVERIFY(process.waitForStarted());
        // QStandardPaths::AppDataLocation: <data home>/<organization>/<application>
        const QString expected = m_home.filePath(QStringLiteral("data/Tandem/Tandem/tandem.db"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(expected), 10'000);
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
    }

    // The desktop app without a display says how to run it; tandem-server has
    // no window to need one and simply runs headless.
    void noDisplay_saysSoOrRunsHeadless()
    {
        QProcessEnvironment env = environment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        QTemporaryDir dir;
        if (TANDEM_APP_HAS_WINDOW) {
            const Outcome outcome = run({QStringLiteral("--data-dir"), dir.path()}, env);
            QCOMPARE(outcome.exitCode, 1);
            QCOMPARE(outcome.errLines.size(), 1);
            QVERIFY(outcome.errLines.first().contains(QStringLiteral("--headless")));
            return;
        }
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TANDEM_APP_PATH),
                      {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"), QStringLiteral("0")});
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).startsWith("Tandem listening on http://"),
                                 10'000);
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
    }

    void badSqliteFile_failsOnOneLineAndLeavesFileUntouched_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("mention");
        QTest::newRow("corrupt") << QStringLiteral("corrupt") << QStringLiteral("damaged");
        QTest::newRow("not a database") << QStringLiteral("garbage") << QStringLiteral("damaged");
        QTest::newRow("newer version") << QStringLiteral("newer") << QStringLiteral("newer Tandem");
        QTest::newRow("locked") << QStringLiteral("locked") << QStringLiteral("locked");
        QTest::newRow("read-only") << QStringLiteral("readonly") << QStringLiteral("read-only");
    }

    void badSqliteFile_failsOnOneLineAndLeavesFileUntouched()
    {
        QFETCH(QString, fault);
        QFETCH(QString, mention);
        QTemporaryDir dir;
        const QString data = makeDataDir(dir);
        QVERIFY(!data.isEmpty());
        const QString file = data + QStringLiteral("/tandem.db");
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")) || QFileInfo(file + QStringLiteral("-wal")).size() == 0);

        const QString connection = QStringLiteral("fault");
        bool holdLock = false;
        if (fault == u"corrupt") {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 8192);
            f.seek(f.size() / 2);
            f.write(QByteArray(4096, '\xA5')); // overwrite pages in the middle
        } else if (fault == u"garbage") {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(
                QByteArray("this is not an SQLite database, just some text that got here by mistake\n").repeated(100));
        } else if (fault == u"newer" || fault == u"locked") {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            if (fault == u"newer") {
                QVERIFY(
                    query.exec(QStringLiteral("PRAGMA user_version = %1").arg(store::Migrator::latestVersion() + 1)));
                db.close();
            } else {
                QVERIFY(query.exec(QStringLiteral("BEGIN EXCLUSIVE")));
                QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM users")));
                holdLock = true;
            }
        } else if (fault == u"readonly") {
            QVERIFY(
                QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
            // Let `nobody` (the privilege-dropped child when we are root) reach the file.
            QVERIFY(QFile::setPermissions(dir.path(),
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                              | QFileDevice::ReadOther | QFileDevice::ExeOther));
            QVERIFY(QFile::setPermissions(data,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                              | QFileDevice::ReadOther | QFileDevice::ExeOther));
        }
        const QByteArray before = fileHash(file);

        const Outcome outcome = run({QStringLiteral("--headless"), QStringLiteral("--data-dir"), data}, environment(),
                                    fault == u"readonly");
        if (holdLock) {
            QSqlDatabase db = QSqlDatabase::database(connection);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);

        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errLines.size(), 1);
        QVERIFY2(outcome.errLines.first().contains(mention), qPrintable(outcome.errLines.first()));
        QVERIFY2(outcome.errLines.first().contains(data), qPrintable(outcome.errLines.first())); // names the place
        QCOMPARE(fileHash(file), before);
    }

    void postgres_unreachableOrWrongPassword_failsOnOneLine()
    {
        const QString admin = test::postgresAdminUrl();
        if (admin.isEmpty())
            QFAIL("TANDEM_TEST_PG_URL is not set: scripts/test starts the PostgreSQL server this test needs");
        const int port = freePort();
        QVERIFY(port > 0);
        Outcome outcome = run({QStringLiteral("--headless"), QStringLiteral("--database"),
                               QStringLiteral("postgres://tandem:x@127.0.0.1:%1/tandem").arg(port)});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errLines.size(), 1);
        QVERIFY2(outcome.errLines.first().contains(QStringLiteral("cannot connect")),
                 qPrintable(outcome.errLines.first()));
        QVERIFY2(!outcome.errLines.first().contains(QStringLiteral(":x@")), "the password must not be printed");

        QUrl wrong(admin);
        wrong.setPassword(QStringLiteral("definitely-wrong"));
        outcome = run({QStringLiteral("--headless"), QStringLiteral("--database"), wrong.toString()});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errLines.size(), 1);
        QVERIFY2(outcome.errLines.first().contains(QStringLiteral("password")), qPrintable(outcome.errLines.first()));
        QVERIFY(!outcome.errLines.first().contains(QStringLiteral("definitely-wrong")));
    }

    void postgres_validUrl_runsHeadless()
    {
        QString error;
        auto database = test::TestDatabase::create(StoreEngine::Postgres, &error);
        QVERIFY2(database, qPrintable(error));
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANDEM_APP_PATH),
                      {QStringLiteral("--headless"), QStringLiteral("--database"), database->url()});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("running headless"), 15'000);
        QVERIFY(err.contains("PostgreSQL database"));
        QVERIFY2(!err.contains(database->config().password.toUtf8()), "the password must not be printed");
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
    }

    void settings_badDatabaseUrl_isReported_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("mention");
        QTest::newRow("invalid") << QStringLiteral("mysql://x@y/z") << QStringLiteral("database/url");
        QTest::newRow("password") << QStringLiteral("postgres://me:secret@localhost/tandem")
                                  << QStringLiteral("password");
    }

    void settings_badDatabaseUrl_isReported()
    {
        QFETCH(QString, url);
        QFETCH(QString, mention);
        QTemporaryDir config;
        QDir().mkpath(config.filePath(QStringLiteral("Tandem")));
        QFile settings(config.filePath(QStringLiteral("Tandem/Tandem.conf")));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write("[database]\nurl=" + url.toUtf8() + "\n");
        settings.close();
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        const Outcome outcome = run({QStringLiteral("--headless")}, env);
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errLines.size(), 1);
        QVERIFY2(outcome.errLines.first().contains(mention), qPrintable(outcome.errLines.first()));
        QVERIFY(!outcome.errLines.first().contains(QStringLiteral("secret")));
    }
};

QTEST_GUILESS_MAIN(TestAppCli)
#include "tst_app_cli.moc"
