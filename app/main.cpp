// Tandem's entry point: parse the command line, build the application, run.
#include "application.h"
#include "commandline.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStringList>

#include <cstdio>
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
        break;
    }
    if (!options.headless && !displayAvailable()) {
        printLine(stderr,
                  QStringLiteral("tandem: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run "
                                 "'tandem --headless' or start it from a desktop session."));
        return ExitCode::Failure;
    }
    // Quiet by default: warnings and errors only, unless asked otherwise.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("*.debug=false\ntandem.*.info=true")
                                                         : QStringLiteral("*.debug=false\n*.info=false"));

    std::unique_ptr<QCoreApplication> app = options.headless ? std::make_unique<QCoreApplication>(argc, argv)
                                                             : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Tandem"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Tandem"));

    Application tandem(options);
    if (auto started = tandem.start(); !started) {
        printLine(stderr, QStringLiteral("tandem: ") + started.error().message);
        return ExitCode::Failure;
    }
    return app->exec();
}
