#include "store.h"

#include "migrator.h"
#include "privatefiles.h"
#include "storeprivate.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThread>
#include <QThreadStorage>

#include <atomic>
#include <unordered_map>

namespace tandem {

namespace store {
Q_LOGGING_CATEGORY(lcStore, "tandem.store")
}

using store::Connection;

namespace {

std::atomic<quint64> nextStoreId{1};

// Each thread's connections, by store id. QThreadStorage (not thread_local)
// because Qt destroys it as the QThread finishes — before QThread::wait()
// returns, and for the main thread when QCoreApplication goes — so a
// connection is never closed while QtSql's own globals are being torn down.
struct ThreadConnections
{
    std::unordered_map<quint64, std::shared_ptr<Connection>> byStore;
};
QThreadStorage<ThreadConnections *> t_connections;

ThreadConnections &threadConnections()
{
    if (!t_connections.hasLocalData())
        t_connections.setLocalData(new ThreadConnections); // NOLINT: owned by QThreadStorage
    return *t_connections.localData();
}

} // namespace

quint64 store::detail::takeStoreId()
{
    return nextStoreId.fetch_add(1);
}

Result<Connection *> Store::Private::connection()
{
    auto &connectionsHere = threadConnections().byStore;
    auto it = connectionsHere.find(storeId);
    if (it != connectionsHere.end() && it->second->isOpen())
        return it->second.get();
    if (it == connectionsHere.end()) {
        const QString name = QStringLiteral("tandem-%1-%2").arg(storeId).arg(quintptr(QThread::currentThreadId()));
        auto connection = std::make_shared<Connection>(config, name);
        {
            QMutexLocker lock(&mutex);
            connections.append(connection);
        }
        it = connectionsHere.emplace(storeId, std::move(connection)).first;
    }
    if (auto opened = it->second->open(); !opened)
        return opened.error();
    return it->second.get();
}

Store::Store(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

Store::~Store()
{
    if (t_connections.hasLocalData())
        t_connections.localData()->byStore.erase(d->storeId);
    QMutexLocker lock(&d->mutex);
    // Other threads' connections too: their threads may outlive the store
    // (or even main()), so nothing may be left for them to clean up.
    for (const auto &weak : std::as_const(d->connections)) {
        if (auto connection = weak.lock())
            connection->release();
    }
}

const StoreConfig &Store::config() const
{
    return d->config;
}

namespace {

// Checks a SQLite location before opening it, so a missing or read-only
// place gets a clear message instead of a driver error.
Result<void> preflightSqlite(const QString &path)
{
    const QFileInfo file(path);
    const QString directory = file.absolutePath();
    // Owner-only before the database exists, so it is never readable by others.
    if (auto made = ensurePrivateDirectory(directory); !made)
        return made.error();
    const QFileInfo dir(directory);
    if (!dir.isWritable())
        return Error::storage(QStringLiteral("the data directory %1 is read-only; make it writable or choose another "
                                             "--data-dir")
                                  .arg(QDir::toNativeSeparators(directory)));
    if (file.exists()) {
        if (!file.isFile())
            return Error::storage(
                QStringLiteral("%1 is not a file; choose another --data-dir").arg(QDir::toNativeSeparators(path)));
        if (!file.isReadable() || !file.isWritable())
            return Error::storage(QStringLiteral("the database file %1 is read-only; make it writable or choose "
                                                 "another --data-dir")
                                      .arg(QDir::toNativeSeparators(path)));
    }
    return {};
}

} // namespace

Result<std::unique_ptr<Store>> Store::open(const StoreConfig &config)
{
    if (config.engine == StoreEngine::Sqlite) {
        if (auto ok = preflightSqlite(config.sqlitePath); !ok)
            return ok.error();
    }
    auto d = std::make_unique<Private>();
    d->config = config;
    // Owned from the start, so a refused open closes this thread's connection
    // at once instead of leaving it (and a SQLite file's -wal) open until the thread ends.
    std::unique_ptr<Store> store(new Store(std::move(d)));
    auto connection = store->d->connection();
    if (!connection)
        return connection.error();
    Connection &c = *connection.value();

    // Read the version first and touch nothing else, so a newer or foreign
    // file is refused exactly as it was found.
    auto version = store::Migrator::currentVersion(c);
    if (!version)
        return version.error();
    const int latest = store::Migrator::latestVersion();
    if (version.value() > latest) {
        Error error = store::newerSchemaError(version.value(), latest);
        error.message = config.describe() + QStringLiteral(": ") + error.message;
        return error;
    }

    if (config.engine == StoreEngine::Sqlite) {
        // Another process opening the same new file at the same moment may hold
        // it briefly (switching it to WAL); statements such as the journal-mode
        // switch answer SQLITE_BUSY at once instead of waiting, so wait here.
        QElapsedTimer waited;
        waited.start();
        const auto retry = [&](auto step) {
            for (;;) {
                auto result = step();
                if (result || !c.lastFailureWasBusy() || waited.elapsed() >= config.busyTimeoutMs)
                    return result;
                QThread::msleep(20);
            }
        };
        {
            auto check = retry([&] { return c.run(QStringLiteral("PRAGMA quick_check(1)")); });
            if (!check)
                return check.error();
            if (!check->next() || check->text(0) != u"ok") {
                // quick_check reports on several lines ("*** in database main ***\nPage 5: ...").
                return Error::storage(
                    QStringLiteral("the database file %1 is damaged (%2); restore it from a backup "
                                   "or choose another --data-dir")
                        .arg(QDir::toNativeSeparators(config.sqlitePath), check->text(0).simplified()));
            }
        }
        // Readers are never blocked in WAL mode, so ask for the write lock now:
        // a file another program holds locked fails here, clearly, not on the first edit.
        if (auto probe = c.execute(QStringLiteral("BEGIN IMMEDIATE")); !probe)
            return probe.error();
        (void)c.execute(QStringLiteral("ROLLBACK"));
        auto mode = retry([&] { return c.run(QStringLiteral("PRAGMA journal_mode = WAL")); });
        if (!mode)
            return mode.error();
        if (!mode->next() || mode->text(0).compare(u"wal", Qt::CaseInsensitive) != 0)
            return Error::storage(QStringLiteral("cannot switch %1 to write-ahead logging; is it on a network drive?")
                                      .arg(QDir::toNativeSeparators(config.sqlitePath)));
    }

    auto migrated = store::Migrator::migrate(c);
    if (!migrated)
        return migrated.error();
    if (config.engine == StoreEngine::Sqlite) {
        // The file SQLite just created, or one an older version left readable
        // by others; its -wal and -shm take the database file's mode.
        if (auto privately = makeFilePrivate(config.sqlitePath, true); !privately)
            return privately.error();
    }
    qCInfo(store::lcStore) << "opened" << config.describe() << "at schema version" << migrated.value();
    return store;
}

Result<CompactionStats> Store::compact(const QDateTime &cutoff)
{
    return d->withConnection<CompactionStats>([&](Connection &c) -> Result<CompactionStats> {
        if (auto begun = d->beginWrite(c); !begun)
            return begun.error();
        bool committed = false;
        auto guard = qScopeGuard([&] {
            if (!committed)
                Private::rollback(c);
        });
        const qint64 limit = cutoff.toMSecsSinceEpoch();
        CompactionStats stats;

        // Each owner's new floor: the newest old row. Rows are removed only up
        // to it, so what stays is always a contiguous tail of the log.
        QList<std::pair<QString, qint64>> floors;
        {
            auto rows = c.run(QStringLiteral("SELECT owner_id, MAX(seq) FROM change_log WHERE created_at < ? "
                                             "GROUP BY owner_id"),
                              {limit});
            if (!rows)
                return rows.error();
            while (rows->next())
                floors.append({rows->text(0), rows->integer(1)});
        }
        for (const auto &[owner, floor] : std::as_const(floors)) {
            auto raised
                = c.run(QStringLiteral("UPDATE log_heads SET floor_seq = ? WHERE owner_id = ? AND floor_seq < ?"),
                        {floor, owner, floor});
            if (!raised)
                return raised.error();
            auto removed
                = c.run(QStringLiteral("DELETE FROM change_log WHERE owner_id = ? AND seq <= ?"), {owner, floor});
            if (!removed)
                return removed.error();
            stats.changes += removed->affected();
        }
        const auto removeOld = [&](const QString &sql) -> Result<qint64> {
            auto rows = c.run(sql, {limit});
            if (!rows)
                return rows.error();
            return qint64(rows->affected());
        };
        auto operations = removeOld(QStringLiteral("DELETE FROM operations WHERE created_at < ?"));
        if (!operations)
            return operations.error();
        if (auto keys = removeOld(QStringLiteral("DELETE FROM request_keys WHERE created_at < ?")); !keys)
            return keys.error();
        stats.operations = operations.value();
        auto tasks = removeOld(QStringLiteral("DELETE FROM tasks WHERE deleted_at IS NOT NULL AND deleted_at < ?"));
        if (!tasks)
            return tasks.error();
        auto sessions
            = removeOld(QStringLiteral("DELETE FROM chat_sessions WHERE deleted_at IS NOT NULL AND deleted_at < ?"));
        if (!sessions)
            return sessions.error();
        stats.tombstones = tasks.value() + sessions.value();
        for (const auto *table : {"revoked_tokens", "invites", "pairing_codes", "devices"}) {
            auto expired
                = removeOld(QStringLiteral("DELETE FROM %1 WHERE expires_at < ?").arg(QLatin1StringView(table)));
            if (!expired)
                return expired.error();
        }
        if (auto done = d->commit(c); !done)
            return done.error();
        committed = true;
        return stats;
    });
}

} // namespace tandem
