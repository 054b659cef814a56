#pragma once

#include "domain/result.h"

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLockFile;

namespace tandem {

struct StoreConfig;

// One desktop process per data: a second `tandem` for the same store asks
// the running one for a new window and ends. The first process holds a lock
// file and a local socket, both in the user's private runtime folder (on
// Windows a named pipe; either restricted to the user), named after the store (the SQLite
// file's path, or PostgreSQL's host, port, database and role). A lock left by
// a crashed process is taken over (QLockFile checks its process id), and its
// leftover socket removed.
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    enum class Role {
        Primary, // this process serves the data; windowRequested() brings later starts here
        Forwarded, // a running process opened a window: this one should exit 0
    };

    explicit SingleInstance(const StoreConfig &store, QObject *parent = nullptr);
    ~SingleInstance() override;
    Q_DISABLE_COPY_MOVE(SingleInstance)

    // Becomes the primary, or hands the start to the running primary. Waits a
    // few seconds at most for a primary that is still starting; an error says
    // what to do when it never answers.
    Result<Role> claim();

    // The local socket's full name (tests look for it).
    QString serverName() const { return m_serverName; }

Q_SIGNALS:
    // Another start for the same data asked for a window (primary only).
    void windowRequested();

private:
    Result<Role> becomePrimary();
    bool askPrimary(QString *answer) const;
    void serve();

    QString m_serverName;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<QLocalServer> m_server;
};

// The store's identity for SingleInstance: equal for every spelling of the same data.
QString storeIdentity(const StoreConfig &store);

} // namespace tandem
