#pragma once

#include "domain/result.h"
#include "storeconfig.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace tandem::store {

class Connection;

// A statement that has run. Iterate rows with next(); the statement is reset
// when this goes out of scope, so SQLite never sees a reader left open.
class Rows final
{
public:
    explicit Rows(QSqlQuery *query)
        : m_query(query)
    { }
    Rows(Rows &&other) noexcept
        : m_query(std::exchange(other.m_query, nullptr))
    { }
    Rows &operator=(Rows &&) = delete;
    Rows(const Rows &) = delete;
    ~Rows();

    bool next() { return m_query->next(); }
    QVariant value(int column) const { return m_query->value(column); }
    QString text(int column) const { return m_query->value(column).toString(); }
    qint64 integer(int column) const { return m_query->value(column).toLongLong(); }
    bool isNull(int column) const { return m_query->isNull(column); }
    int affected() const { return m_query->numRowsAffected(); }

private:
    QSqlQuery *m_query;
};

// One open database connection, used by one thread only. Statements are
// prepared once and kept for the life of the connection.
class Connection final
{
public:
    Connection(const StoreConfig &config, const QString &name);
    ~Connection();
    Q_DISABLE_COPY_MOVE(Connection)

    Result<void> open();
    void close();
    // Closes and unregisters the connection for good (the store is going away),
    // from whichever thread; the owning thread's later cleanup then touches
    // nothing of QtSql's, even during process exit.
    void release();
    bool isOpen() const { return m_db.isOpen(); }
    StoreEngine engine() const { return m_config.engine; }
    QSqlDatabase &database() { return m_db; }

    // Runs a prepared statement with positional bind values.
    Result<Rows> run(const QString &sql, std::initializer_list<QVariant> values = {});
    Result<Rows> run(const QString &sql, const QVariantList &values);
    // Runs a statement that takes no parameters, without preparing it
    // (PRAGMA, BEGIN, SET, DDL in migrations).
    Result<void> execute(const QString &sql);

    // After a failure: is the server connection still usable?
    bool isAlive();

    // A person-readable account of the last failure of `query`.
    Error errorFor(const QSqlError &error, const QString &doing) const;
    // SQLite: whether the last failure was SQLITE_BUSY / SQLITE_LOCKED, which
    // some statements (a journal-mode switch) return without waiting.
    bool lastFailureWasBusy() const { return m_lastBusy; }

    // A unit of work open on this connection (Store::inUnit): writes join it
    // with savepoints, and what waits for its commit runs then (or never).
    int unitDepth = 0;
    std::vector<std::function<void()>> afterCommit;
    // The unit's owner's change-log head, read once when the unit began and
    // moved by each of its writes; written back (and, on PostgreSQL,
    // announced) once, just before the unit commits.
    QUuid unitOwner;
    qint64 unitHead = 0;
    qint64 unitFloor = 0;
    bool unitHeadMoved = false;

private:
    Result<QSqlQuery *> prepared(const QString &sql);

    StoreConfig m_config;
    QString m_name;
    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    bool m_released = false;
    mutable bool m_lastBusy = false;
    std::mutex m_releaseMutex; // release() may come from the store's thread while this thread ends
};

// Binds a null of the right type for both drivers.
QVariant nullText();
QVariant nullInteger();

} // namespace tandem::store
