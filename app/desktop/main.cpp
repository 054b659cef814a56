// The desktop app's entry point: the host with a window on top (or headless with --headless).
#include "application.h"
#include "entry.h"
#include "host.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    using namespace tandem;
    FrontEnd desktop;
    desktop.makeApplication = [](int &count, char **values) -> std::unique_ptr<QCoreApplication> {
        return std::make_unique<QApplication>(count, values);
    };
    desktop.build = [](Host &host, Result<void> *shown) -> std::shared_ptr<void> {
        auto application = std::make_shared<Application>(host);
        application->attach();
        *shown = application->show();
        return application;
    };
    return runTandem(argc, argv, &desktop);
}
