#pragma once

#include "domain/change.h"
#include "domain/result.h"
#include "domain/task.h"

#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace tandem::sync {

// The client's half of the WebSocket wire contract (protocol.h is the
// server's): what a client sends, and a strict reading of what it receives.

// {"type":"auth","data":{"token":...}}
QString encodeAuth(const QString &token);
// {"type":"sync_request","data":{"since":N}}; without `since`, a snapshot.
QString encodeSyncRequest(std::optional<qint64> since);
// {"type":"ping"}
QString encodePing();
// {"type":kind,"opId":...,"data":data}
QString encodeCommand(const QString &kind, const QUuid &opId, const QJsonObject &data);

// The "data" of task_create, as taskDraftFromJson reads it back (patches use
// tandem::taskPatchToJson from domain/json.h).
QJsonObject taskDraftToJson(const TaskDraft &draft);
QJsonObject taskCreateData(const TaskDraft &draft);
QJsonObject taskUpdateData(const QUuid &taskId, const TaskPatch &patch, std::optional<qint64> baseRevision);
QJsonObject taskDeleteData(const QUuid &taskId, std::optional<qint64> baseRevision);

// One server message: the envelope, with `data` left for the reader of `type`.
struct ServerMessage
{
    QString type;
    std::optional<qint64> seq;
    std::optional<QUuid> opId;
    QJsonObject data;
};

// A JSON object with a string "type"; "seq" (a non-negative integer),
// "opId" (a UUID) and "data" (an object) are checked when present.
Result<ServerMessage> decodeServerMessage(QStringView text);
// The same for an envelope already parsed (the changes of a sync_response).
Result<ServerMessage> decodeServerMessage(const QJsonObject &envelope);

// An event (task_created ... chat_message_created), from its envelope, as a
// change-log row. Errors name the field; an unknown event type is Validation
// with reason "unknown_type" (a newer server), which a client may skip.
Result<Change> changeFromEvent(const ServerMessage &message);

// The Error an {"type":"error","data":{...}} message describes: `code` back to
// an ErrorCode (a finer code such as "bad_json" is kept as the reason), the
// message without the "field: " prefix the server adds, and every other member
// of `data` (e.g. "task" on a conflict) in `details`.
Error errorFromWire(const QJsonObject &data);
// Storage and rate-limit failures may succeed if tried again; every other
// error is the server's final word on an operation.
bool isTransient(const Error &error);

} // namespace tandem::sync
