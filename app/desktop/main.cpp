// The desktop app's entry point: the host with windows on top (or headless with --headless).
#include "application.h"
#include "entry.h"
#include "host.h"
#include "singleinstance.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    using namespace tandem;
    // One process per data: later starts become windows of the first.
    std::shared_ptr<SingleInstance> instance;
    FrontEnd desktop;
    desktop.makeApplication = [](int &count, char **values) -> std::unique_ptr<QCoreApplication> {
        return std::make_unique<QApplication>(count, values);
    };
    desktop.handOver = [&instance](const LaunchOptions &options) -> std::optional<int> {
        auto store = resolveStoreConfig(options);
        if (!store)
            return std::nullopt; // opening the store reports it
        instance = std::make_shared<SingleInstance>(store.value());
        auto role = instance->claim();
        if (!role) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(programName(QCoreApplication::arguments())),
                         qPrintable(role.error().message));
            return ExitCode::Failure;
        }
        if (role.value() == SingleInstance::Role::Primary)
            return std::nullopt;
        std::fprintf(stderr, "Tandem is already running for the %s; it opened a new window.\n",
                     qPrintable(store->describe()));
        return ExitCode::Ok;
    };
    desktop.build = [&instance](Host &host, Result<void> *shown) -> std::shared_ptr<void> {
        auto application = std::make_shared<Application>(host, instance.get());
        application->attach();
        *shown = application->show();
        // The instance serves later starts as long as the windows live, and goes with them.
        return std::shared_ptr<void>(application.get(), [application, served = std::move(instance)](void *) mutable {
            application.reset();
            served.reset();
        });
    };
    return runTandem(argc, argv, &desktop);
}
