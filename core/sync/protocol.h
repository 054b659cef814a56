#pragma once

#include "domain/change.h"
#include "domain/result.h"
#include "domain/task.h"
#include "store/store.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace tandem::sync {

// The WebSocket wire contract (docs/protocol.md). Every message is a JSON
// object {"type": ..., "seq"?: N, "opId"?: "...", "data": {...}}.

enum class ClientMessageType { Auth, Ping, SyncRequest, TaskCreate, TaskUpdate, TaskDelete };

struct ClientMessage
{
    ClientMessageType type = ClientMessageType::Ping;
    std::optional<QUuid> opId;
    // auth
    QString token;
    // sync_request
    std::optional<qint64> since;
    // task_create
    TaskDraft draft;
    // task_update / task_delete
    QUuid taskId;
    TaskPatch patch;
    std::optional<qint64> revision;
    // commands: the type and a hash of the data, what the opId is bound to
    QByteArray fingerprint;
};

// Decodes one client text message. Errors carry reason "bad_json" (not a
// JSON object, or a malformed envelope), "unknown_type", or a validation
// error naming the field (e.g. "data.task.title", "opId").
Result<ClientMessage> decodeClientMessage(QByteArrayView utf8);
// The valid opId of a message decodeClientMessage() refused, if it has one,
// so the error answers the command it belongs to.
std::optional<QUuid> opIdOf(QByteArrayView utf8);

// Server messages, as compact JSON text.
QString encodeEvent(const Change &change);
QString encodeWelcome(const QUuid &userId, qint64 head);
QString encodeAck(const Change &change);
QString encodeError(const std::optional<QUuid> &opId, const Error &error);
QString encodePong();
QString encodeHeartbeat(qint64 head);
QString encodeSyncResponse(qint64 since, const ChangeBatch &batch);
QString encodeSnapshot(qint64 since, const Snapshot &snapshot);

// The JSON text of a change's entity (task, session or message).
QString entityJsonText(const Entity &entity);

// What a client may see of an error. A storage error's message names files,
// tables and, on PostgreSQL, quotes the failing SQL back: it is logged here
// and replaced by a generic one. Other errors pass unchanged.
Error publicError(const Error &error);

} // namespace tandem::sync
