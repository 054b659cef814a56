#pragma once

// Store's internals, shared by its parts: store.cpp (opening, lifetime,
// units of work, compaction), storequeries.cpp (reads), storewrites.cpp (the
// write path) and storeaccounts.cpp (users, tokens, invites, assistant state).
// Private to core/store.

#include "connection.h"
#include "store.h"
#include "storelog.h"

#include <QList>
#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace tandem {

namespace store::detail {
// A new store's id, which names its connections on every thread.
quint64 takeStoreId();
} // namespace store::detail

struct Store::Private
{
    using Connection = store::Connection;

    StoreConfig config;
    quint64 storeId = store::detail::takeStoreId();
    QMutex mutex;
    QList<std::weak_ptr<Connection>> connections;

    bool sqlite() const { return config.engine == StoreEngine::Sqlite; }

    // This thread's connection to this store, opened if it is not (store.cpp).
    Result<Connection *> connection();

    // Runs `work` on this thread's connection. On PostgreSQL a dropped server
    // connection is reopened and the work tried once more: reads are
    // harmless to repeat, and writes carry an opId that makes them idempotent.
    template<typename T, typename Work> Result<T> withConnection(Work &&work)
    {
        auto connection = this->connection();
        if (!connection)
            return connection.error();
        Result<T> result = work(*connection.value());
        if (result.ok() || sqlite() || result.error().code != ErrorCode::Storage || connection.value()->isAlive())
            return result;
        qCWarning(store::lcStore) << "the PostgreSQL connection was lost; reconnecting";
        connection.value()->close();
        if (auto reopened = connection.value()->open(); !reopened)
            return result;
        return work(*connection.value());
    }

    // Transaction control runs for every read and write, so on SQLite it goes
    // through the prepared-statement cache instead of being parsed each time
    // (PostgreSQL cannot prepare BEGIN or COMMIT).
    static Result<void> control(Connection &c, const QString &sql)
    {
        if (c.engine() != StoreEngine::Sqlite)
            return c.execute(sql);
        auto done = c.run(sql);
        if (!done)
            return done.error();
        return {};
    }

    // A read of several statements sees one snapshot; inside a unit of work it
    // is already part of the unit's transaction (and sees its writes).
    Result<void> beginRead(Connection &c)
    {
        if (c.unitDepth > 0)
            return {};
        return control(
            c, sqlite() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    }

    Result<void> beginWrite(Connection &c)
    {
        return control(c, sqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    }

    // Every write transaction that commits is counted (Store::durableCommits()).
    std::atomic<quint64> commits{0};
    Result<void> commit(Connection &c)
    {
        auto done = control(c, QStringLiteral("COMMIT"));
        if (done)
            ++commits;
        return done;
    }
    // A write of one statement outside any transaction commits by itself.
    void committedAlone(const Connection &c)
    {
        if (c.unitDepth == 0)
            ++commits;
    }
    static void rollback(Connection &c) { (void)control(c, QStringLiteral("ROLLBACK")); }
    // One write statement that commits by itself (outside a unit).
    Result<void> writeAlone(const QString &sql, const QVariantList &values)
    {
        auto written = withConnection<bool>([&](Connection &c) -> Result<bool> {
            auto rows = c.run(sql, values);
            if (!rows)
                return rows.error();
            committedAlone(c);
            return true;
        });
        if (!written)
            return written.error();
        return {};
    }

    // Runs `work(Connection &)` in one write transaction (retried like
    // withConnection), rolled back unless it succeeds.
    template<typename T, typename Work> Result<T> inWriteTransaction(Work &&work)
    {
        return withConnection<T>([&](Connection &c) -> Result<T> {
            if (auto begun = beginWrite(c); !begun)
                return begun.error();
            Result<T> result = work(c);
            if (!result) {
                rollback(c);
                return result;
            }
            if (auto done = commit(c); !done) {
                rollback(c);
                return done.error();
            }
            return result;
        });
    }
    static void endRead(Connection &c)
    {
        if (c.unitDepth == 0)
            rollback(c);
    }

    // storeaccounts.cpp. In one transaction: the user's row, the owner's
    // change-log head, then `also` (if any); a failure anywhere rolls all of it back.
    Result<User> insertUser(const User &user, const std::function<Result<void>(Connection &)> &also);

    // storequeries.cpp
    Result<qint64> readHead(Connection &c, const QUuid &ownerId, bool forUpdate, qint64 *floor = nullptr);
    Result<void> moveHead(Connection &c, const QUuid &ownerId, qint64 seq);
    Result<std::optional<Task>> taskById(Connection &c, const QUuid &id);
    Result<std::optional<ChatSession>> sessionById(Connection &c, const QUuid &id);
    Result<QList<Task>> selectTasks(Connection &c, const QUuid &ownerId, const TaskQuery &query);
    Result<QList<ChatSession>> selectSessions(Connection &c, const QUuid &ownerId);
    Result<QList<Change>> selectChanges(Connection &c, const QUuid &ownerId, qint64 after, qint64 upTo, int limit);
    // The first and last seq operation `opId` committed, or nothing when
    // there is no record of it.
    Result<std::optional<std::pair<qint64, qint64>>> operationRange(Connection &c, const QUuid &ownerId,
                                                                    const QUuid &opId);
    // The changes `first` to `last`, marked replayed.
    Result<QList<Change>> replayedChanges(Connection &c, const QUuid &ownerId, qint64 first, qint64 last);

    // storewrites.cpp
    Result<void> persistTask(Connection &c, const Task &task);
    Result<void> persistSession(Connection &c, const ChatSession &session);
    Result<void> persistMessage(Connection &c, const ChatMessage &message, qint64 seq);
    Result<QList<Change>> writeOnce(Connection &c, const QUuid &ownerId, const QUuid &opId, const QDateTime &at,
                                    const Mutation &mutation);

    class TransactionContext;
};

} // namespace tandem
