// One `tandem` process per data, proven with real processes: a second start
// for the same data opens a window in the first and exits 0; other data runs
// on its own; a crashed first process is taken over; the socket is the
// user's alone; --headless and the one-shot commands are not handed over.
#include "domain/settingsschema.h"
#include "mainwindow/windowsession.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/stat.h>
#endif

using namespace tandem;

namespace {
constexpr int startupMs = 30'000;
} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::vector<std::unique_ptr<QProcess>> m_running;

    QString runtimeDir() const { return m_home.filePath(QStringLiteral("runtime")); }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("TANDEM_REPORT_FIRST_PAINT"), QStringLiteral("1"));
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no reminders over the user's own bus
        return env;
    }

    // Starts `tandem` on `dataDir` and waits until its window has painted
    // (nullptr if it never does: it ended, or handed over).
    QProcess *startDesktop(const QString &dataDir, QByteArray *output = nullptr)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment());
        process->start(QStringLiteral(TANDEM_APP_PATH),
                       {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--port"), QStringLiteral("0")});
        if (!process->waitForStarted())
            return nullptr;
        QByteArray out;
        const bool painted = QTest::qWaitFor(
            [&] {
                out += process->readAllStandardOutput();
                return out.contains("first window painted") || process->state() == QProcess::NotRunning;
            },
            startupMs);
        if (output)
            *output = out + process->readAllStandardError();
        if (!painted || !out.contains("first window painted"))
            return nullptr;
        m_running.push_back(std::move(process));
        return m_running.back().get();
    }

    struct Outcome
    {
        int exitCode = -1;
        QString err;
    };

    Outcome run(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANDEM_APP_PATH), arguments);
        Outcome outcome;
        if (!process.waitForFinished(startupMs)) {
            process.kill();
            process.waitForFinished();
            return outcome;
        }
        outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        outcome.err = QString::fromLocal8Bit(process.readAllStandardError());
        return outcome;
    }

    static bool terminate(QProcess *process)
    {
        process->terminate();
        return process->waitForFinished(15'000) && process->exitStatus() == QProcess::NormalExit
            && process->exitCode() == 0;
    }

    // How many windows the settings file says were open at quit.
    qsizetype savedWindows() const
    {
        QSettings file(m_home.filePath(QStringLiteral("config/Tandem/Tandem.conf")), QSettings::IniFormat);
        const AppSettings settings(file);
        const auto sessions = decodeWindowSessions(settings.value(Settings::windowSet));
        return sessions ? sessions->size() : -1;
    }

    QStringList sockets() const
    {
        return QDir(runtimeDir()).entryList({QStringLiteral("tandem-*.socket")}, QDir::System | QDir::Files);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QDir().mkpath(runtimeDir()));
        QVERIFY(QFile::setPermissions(runtimeDir(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }

    void cleanup()
    {
        for (const auto &process : m_running) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished();
            }
        }
        m_running.clear();
        QFile::remove(m_home.filePath(QStringLiteral("config/Tandem/Tandem.conf")));
    }

    void secondStart_sameData_opensAWindowInTheFirstAndExitsZero()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QByteArray output;
        QProcess *first = startDesktop(data, &output);
        QVERIFY2(first, output.constData());

        const Outcome second = run({QStringLiteral("--data-dir"), data, QStringLiteral("--port"), QStringLiteral("0")});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(second.err.contains(QStringLiteral("already running")), qPrintable(second.err));
        // Another spelling of the same folder is the same data.
        const Outcome third = run({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data/../data")),
                                   QStringLiteral("--port"), QStringLiteral("0")});
        QCOMPARE(third.exitCode, 0);
        QCOMPARE(first->state(), QProcess::Running);

        QVERIFY(terminate(first));
        QCOMPARE(savedWindows(), 3); // its own and one for each later start
    }

    void secondStart_otherData_runsOnItsOwn()
    {
        QTemporaryDir one;
        QTemporaryDir two;
        QByteArray output;
        QProcess *first = startDesktop(one.path(), &output);
        QVERIFY2(first, output.constData());
        QProcess *second = startDesktop(two.path(), &output);
        QVERIFY2(second, output.constData()); // painted its own window: not handed over
        QCOMPARE(first->state(), QProcess::Running);
        QCOMPARE(sockets().size(), 2);
        QVERIFY(terminate(second));
        QVERIFY(terminate(first));
    }

    void crashedFirst_isTakenOverByTheNextStart()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir dir;
        QByteArray output;
        QProcess *crashed = startDesktop(dir.path(), &output);
        QVERIFY2(crashed, output.constData());
        ::kill(pid_t(crashed->processId()), SIGKILL); // leaves its lock file and socket behind
        QVERIFY(crashed->waitForFinished(10'000));
        QCOMPARE(sockets().size(), 1);

        QProcess *next = startDesktop(dir.path(), &output);
        QVERIFY2(next, output.constData()); // became the first itself
        const Outcome later
            = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"), QStringLiteral("0")});
        QCOMPARE(later.exitCode, 0); // and serves later starts
        QVERIFY(terminate(next));
#endif
    }

    void socket_isPrivateToTheUser()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir dir;
        QByteArray output;
        QProcess *first = startDesktop(dir.path(), &output);
        QVERIFY2(first, output.constData());
        const QStringList found = sockets();
        QCOMPARE(found.size(), 1);
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(QDir(runtimeDir()).filePath(found.first())).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_mode & (S_IRWXG | S_IRWXO), mode_t(0));
        QVERIFY(terminate(first));
#endif
    }

    void headlessAndOneShot_sameData_areNotHandedOver()
    {
        QTemporaryDir dir;
        QByteArray output;
        QProcess *first = startDesktop(dir.path(), &output);
        QVERIFY2(first, output.constData());

        const Outcome invite = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--invite")});
        QCOMPARE(invite.exitCode, 0);
        QVERIFY2(!invite.err.contains(QStringLiteral("already running")), qPrintable(invite.err));

        QProcess headless;
        headless.setProcessEnvironment(environment());
        headless.start(QStringLiteral(TANDEM_APP_PATH),
                       {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(),
                        QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(headless.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += headless.readAllStandardError()).contains("running headless"), startupMs);
        QVERIFY(terminate(&headless));
        QVERIFY(terminate(first));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_single_instance.moc"
