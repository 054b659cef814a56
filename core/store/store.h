#pragma once

#include "domain/change.h"
#include "domain/chat.h"
#include "domain/result.h"
#include "domain/task.h"
#include "domain/taskquery.h"
#include "domain/user.h"
#include "storeconfig.h"

#include <QDateTime>
#include <QList>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

namespace tandem {

struct TaskList
{
    QList<Task> tasks;
    qint64 seq = 0; // the change-log position the list reflects
};

struct Snapshot
{
    QList<Task> tasks;
    QList<ChatSession> sessions;
    qint64 seq = 0;
};

struct ChangeBatch
{
    QList<Change> changes; // ascending seq, without gaps
    qint64 head = 0; // the owner's latest seq when read
    bool more = false; // changes after the last one returned exist
    bool truncated = false; // `since` is older than the log keeps: take a snapshot
};

struct CompactionStats
{
    qint64 changes = 0;
    qint64 operations = 0;
    qint64 tombstones = 0;
};

// What a mutation wants committed: one change-log row each.
struct Draft
{
    ChangeKind kind;
    Entity entity; // the complete state after the change (a tombstone for deletes)
};

// Reads inside a write transaction, so checks and writes see the same state.
class WriteContext
{
public:
    // By id alone, whatever the owner, tombstones included.
    virtual Result<std::optional<Task>> taskById(const QUuid &id) = 0;
    virtual Result<std::optional<ChatSession>> sessionById(const QUuid &id) = 0;

protected:
    ~WriteContext() = default;
};

using Mutation = std::function<Result<QList<Draft>>(WriteContext &)>;

// The SQL layer over QtSql, the same for SQLite and PostgreSQL. It is the only
// code that writes SQL. Thread-safe: every thread gets its own connection.
//
// Retention: change-log rows, operation records (idempotency) and tombstones
// are kept for at least the retention period (90 days by default) and removed
// by compact(); a client whose last seen seq is older gets a snapshot.
class Store final
{
public:
    // PostgreSQL: every writing transaction NOTIFYs this channel with
    // "<ownerId>:<seq>" (the owner's new head) when it commits.
    static constexpr const char *ChangeChannel = "tandem_changes";

    static Result<std::unique_ptr<Store>> open(const StoreConfig &config);
    ~Store();
    Q_DISABLE_COPY_MOVE(Store)

    const StoreConfig &config() const;

    // Accounts. insertUser also creates the owner's change-log head.
    Result<User> insertUser(const User &user);
    Result<std::optional<User>> userById(const QUuid &id);
    Result<std::optional<User>> userByName(const QString &username);
    Result<void> setPasswordHash(const QUuid &userId, const QString &hash);

    Result<std::optional<Task>> task(const QUuid &ownerId, const QUuid &id);
    Result<TaskList> tasks(const QUuid &ownerId, const TaskQuery &query);

    Result<std::optional<ChatSession>> session(const QUuid &ownerId, const QUuid &id);
    // Live sessions, most recently updated first.
    Result<QList<ChatSession>> sessions(const QUuid &ownerId);
    // In the order they were written; `limit` > 0 keeps only the latest ones.
    Result<QList<ChatMessage>> messages(const QUuid &ownerId, const QUuid &sessionId, int limit = 0);

    Result<Snapshot> snapshot(const QUuid &ownerId);
    Result<ChangeBatch> changesSince(const QUuid &ownerId, qint64 since, int limit);
    Result<qint64> head(const QUuid &ownerId);

    // The one write path. In one transaction: takes the owner's log head
    // (serialising the owner's writers), returns the original changes if
    // `opId` has committed before (replayed = true, nothing written), else
    // runs `mutation`, stores each draft's entity, appends one change-log row
    // per draft with the next seq, records the operation, and commits.
    Result<QList<Change>> write(const QUuid &ownerId, const QUuid &opId, const QDateTime &at, const Mutation &mutation);
    // A unit of work: `work` runs in one transaction on this thread's
    // connection, taking `ownerId`'s log head first, and every write() it
    // makes on this thread (any service's) joins it, each in a savepoint of
    // its own, so a failed write takes back only itself. All of it commits
    // when `work` succeeds, else none of it does; the change notifications of
    // the writes (afterCommit) wait for the commit and are dropped with a
    // rollback. A unit inside a unit is part of the outer one.
    Result<void> inUnit(const QUuid &ownerId, const std::function<Result<void>()> &work);
    // Runs `action` now, or, inside a unit on this thread, once it commits.
    void afterCommit(std::function<void()> action);
    // How many write transactions this store has committed (each a durable
    // commit: an fsync on SQLite's default settings), for tests and benchmarks.
    quint64 durableCommits() const;

    // The changes operation `opId` committed (replayed = true), or nothing if
    // it never did (or its record was trimmed). Reads only.
    Result<QList<Change>> operationChanges(const QUuid &ownerId, const QUuid &opId);

    // Binds `opId` to the request it came with (`fingerprint`: method, path and
    // a hash of the body) the first time it is used; later, the same
    // fingerprint is fine and another one is a Validation error with reason
    // "idempotency_key_reused". Committed on its own, before the operation runs:
    // a key whose operation never ran stays bound to that request.
    Result<void> bindRequestKey(const QUuid &ownerId, const QUuid &opId, const QByteArray &fingerprint,
                                const QDateTime &at);

    // Removes change-log rows, operation records and tombstones older than
    // `cutoff`, moving each owner's log floor up; also token revocations and
    // invites that expired before `cutoff`.
    Result<CompactionStats> compact(const QDateTime &cutoff);

    // Authentication (core/auth). A signed-out token's id (jti), kept until
    // the token would have expired, so every process sharing the database
    // refuses it; a paired device holding it is removed. Revoking twice is harmless.
    Result<void> revokeToken(const QString &jti, const QUuid &userId, const QDateTime &expiresAt);
    Result<bool> isTokenRevoked(const QString &jti);
    // An invite to register, stored by the hash of its code only.
    Result<void> insertInvite(const QString &codeHash, const QUuid &issuedBy, const QDateTime &createdAt,
                              const QDateTime &expiresAt);
    // In one transaction: insertUser, and marks the invite `codeHash` used by
    // the new user at `usedAt`. Forbidden, with nothing written, when there is
    // no such invite or it was used or has expired (so two registrations can
    // never both redeem one code); Conflict when the username is taken.
    Result<User> insertUserWithInvite(const User &user, const QString &codeHash, const QDateTime &usedAt);

    // Paired devices (core/auth). A one-time pairing code, stored by the hash
    // of its code only.
    Result<void> insertPairingCode(const QString &codeHash, const QUuid &userId, const QDateTime &createdAt,
                                   const QDateTime &expiresAt);
    // In one transaction: marks the code `codeHash` used at device.createdAt
    // and inserts `device` for the code's user (device.userId is set from
    // it). Forbidden (AuthService words it), with nothing written, when the
    // code is unknown, used or expired: two devices can never both redeem one.
    Result<Device> pairDevice(const QString &codeHash, Device device);
    // The user's devices, the most recently used first.
    Result<QList<Device>> devices(const QUuid &userId);
    // Moves the last use of the device holding token `tokenId` forward to
    // `at`; false when no device holds it (a password sign-in's token).
    Result<bool> touchDevice(const QString &tokenId, const QDateTime &at);
    // In one transaction: revokes the device's token and removes the device.
    // NotFound unless `userId` owns it. Returns the device as it was.
    Result<Device> revokeDevice(const QUuid &userId, const QUuid &deviceId);

    // The assistant's state for one of the owner's conversations (JSON text;
    // empty when there is none yet). Deleted with the session.
    Result<QString> assistantState(const QUuid &ownerId, const QUuid &sessionId);
    Result<void> setAssistantState(const QUuid &ownerId, const QUuid &sessionId, const QString &state,
                                   const QDateTime &at);

private:
    struct Private;
    explicit Store(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace tandem
