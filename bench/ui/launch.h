#pragma once

#include "domain/user.h"
#include "store/store.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace tandem::bench {

// One start of a program that prints "... first window painted at <ms>" (and
// for Tandem "... tasks loaded at <ms>") when TANDEM_REPORT_FIRST_PAINT is set.
struct Start
{
    double firstPaintMs = 0; // from just before the process was started
    std::optional<double> loadedMs; // Tandem only: the tasks in memory
    double residentMiB = 0; // VmRSS once loaded and settled
};

// Starts `program` with `arguments` on the offscreen platform, waits for its
// lines, samples its memory after `settleMs`, then stops it. An error message
// instead when it does not paint within `timeoutMs`.
std::optional<Start> measureStart(const QString &program, const QStringList &arguments, bool waitForTasks, int settleMs,
                                  int timeoutMs, QString *error);

// A data directory's store as `tandem --data-dir` opens it, and its local owner.
struct DataDir
{
    std::unique_ptr<Store> store;
    User owner;
};
std::optional<DataDir> openDataDir(const QString &dataDir, QString *error);

// Seeds a fresh SQLite data directory with `count` tasks for the local owner
// (as `tandem --data-dir` finds it); false with `error` set when it cannot.
bool seedDataDir(const QString &dataDir, int count, QString *error);

// The minimal Qt Widgets program the launch is compared with: a main window
// with an empty tree view, reporting its first paint the way Tandem does.
int runPeerWindow(int argc, char *argv[]);

} // namespace tandem::bench
