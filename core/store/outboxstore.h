#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <memory>

namespace tandem {

namespace store {
class Connection;
}

// One operation a sync client has made and the server has not yet answered.
struct OutboxEntry
{
    qint64 position = 0; // assigned by append(); ascending in the order the ops were made
    QUuid opId;
    QString kind; // the wire command: "task_create", "task_update" or "task_delete"
    QUuid targetId; // the task the op is about
    QJsonObject data; // the command's "data" object, exactly as it goes on the wire
    QDateTime createdAt; // when it was made (UTC)

    friend bool operator==(const OutboxEntry &, const OutboxEntry &) = default;
};

// A sync client's outbox: its unacknowledged operations, in order, in a
// small SQLite file of its own (not the server's database), so they survive
// a restart. Every append and remove is durable when it returns (WAL,
// synchronous = FULL). One thread only, like store::Connection.
class OutboxStore final
{
public:
    static constexpr int SchemaVersion = 1;

    // Opens (creating when missing) the outbox file at `path` and brings its
    // schema up to date. A file from a newer Tandem is an error.
    static Result<std::unique_ptr<OutboxStore>> open(const QString &path);
    ~OutboxStore();
    Q_DISABLE_COPY_MOVE(OutboxStore)

    QString path() const { return m_path; }

    // Every stored entry, oldest first. Decoding is strict: a row that is not
    // exactly what append() writes is an error naming the row.
    Result<QList<OutboxEntry>> load();
    // Stores `entry` after every other and returns its position. A repeated
    // opId is Conflict.
    Result<qint64> append(const OutboxEntry &entry);
    // Removing an opId that is not stored is not an error.
    Result<void> remove(const QUuid &opId);
    Result<qint64> count();

private:
    OutboxStore(QString path, std::unique_ptr<store::Connection> connection);
    Result<void> migrate();

    QString m_path;
    std::unique_ptr<store::Connection> m_connection;
};

// The wire kinds an outbox entry may hold.
bool isOutboxKind(QStringView kind);

} // namespace tandem
