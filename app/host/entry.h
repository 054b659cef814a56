#pragma once

#include "domain/result.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QCoreApplication;

namespace tandem {

class Host;
struct LaunchOptions;

// What a window adds to the host. tandem-server has none; the desktop app
// has one unless it runs --headless.
struct FrontEnd
{
    // The application object for a window (a QApplication).
    std::function<std::unique_ptr<QCoreApplication>(int &argc, char **argv)> makeApplication;
    // Wires the front end to `host` before it starts, and returns what shows
    // the window once it has; the returned object lives until the event loop ends.
    std::function<std::shared_ptr<void>(Host &host, Result<void> *shown)> build;
    // Optional, for a run with a window, before the store opens: hands the
    // start to a process already running for the same data. Returns the exit
    // code when this process is done (it was handed over, or it failed).
    std::function<std::optional<int>(const LaunchOptions &options)> handOver;
};

// main() for both executables: parses the command line, answers --help and
// --version, opens the store, runs --invite / --set-password, or starts the
// host (with `frontEnd`'s window unless headless; always headless without
// one) and runs the event loop. Returns the exit code.
int runTandem(int argc, char *argv[], const FrontEnd *frontEnd);

} // namespace tandem
