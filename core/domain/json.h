#pragma once

#include "change.h"
#include "chat.h"
#include "result.h"
#include "task.h"
#include "user.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace tandem {

// JSON codecs: camelCase keys, ISO 8601 times, UUIDs without braces.
//
// Decoding is strict: a missing required field, a wrong type, an unknown
// status/priority/role or an out-of-range value is an error naming the field.
// Unknown keys are ignored so newer clients can talk to older servers.

QString uuidText(const QUuid &id);
// A non-negative integer a JSON number holds exactly (seqs, revisions,
// counts): an integer literal up to 2^63 - 1, or an integral double up to
// 2^53 - 1; nothing for any other value.
std::optional<qint64> jsonCount(const QJsonValue &value);
std::optional<QUuid> uuidFromText(QStringView text);

// Where JSON text holds a backslash escape RFC 8259 does not define ("\x41",
// "\q", "\'"): the offset of its backslash, or nothing. QJsonDocument reads
// such an escape as the bare letter; every reader of untrusted JSON (REST
// bodies, WebSocket messages) refuses it first, so nothing is silently changed.
std::optional<qsizetype> invalidJsonEscape(QByteArrayView json);
// "the JSON holds the escape \q at offset 12, which JSON does not define; …"
QString invalidEscapeMessage(QByteArrayView json, qsizetype at);

// {"unit","interval","weekdays","monthDay","timeZone"}: every key always
// written (null or [] when unused); on input only "unit" is required. Errors
// name the rule's field ("interval"); inside a task it is "repeat.interval".
QJsonObject repeatToJson(const RepeatRule &rule);
Result<RepeatRule> repeatFromJson(const QJsonObject &json);
// The compact text of repeatToJson(rule), as QJsonDocument writes it.
QString repeatJsonText(const RepeatRule &rule);

QJsonObject taskToJson(const Task &task);
// A complete task, as the server sends it (snapshots, events, the change log).
Result<Task> taskFromJson(const QJsonObject &json);
// A new task from a client: `title` is required; `id`, `description`, `status`,
// `priority`, `due`, `tags` and `repeat` are optional. Server-assigned fields are ignored.
Result<TaskDraft> taskDraftFromJson(const QJsonObject &json);
// A partial task from a client. `due: null` clears the due date, `repeat:
// null` stops the repeat; `lastCompletedAt` (null or a timestamp) is for undo.
Result<TaskPatch> taskPatchFromJson(const QJsonObject &json);
// Only the fields the patch sets; a cleared due date is `due: null`.
QJsonObject taskPatchToJson(const TaskPatch &patch);

// The compact JSON text of taskToJson(task), exactly as QJsonDocument writes
// it (keys sorted), without building a QJsonObject: the change log and the
// sync server write one per change, so this is a hot path.
QString taskJsonText(const Task &task);
// ["a","b"], as QJsonDocument writes a QJsonArray of strings.
QString stringListJsonText(const QStringList &list);
// Appends `text` as a JSON string literal, escaped as QJsonDocument does.
void appendJsonString(QString &out, QStringView text);

QJsonObject userToJson(const User &user); // never includes the password hash
Result<User> userFromJson(const QJsonObject &json);
QJsonObject deviceToJson(const Device &device); // never includes the token id

QJsonObject sessionToJson(const ChatSession &session);
Result<ChatSession> sessionFromJson(const QJsonObject &json);

QJsonObject messageToJson(const ChatMessage &message);
Result<ChatMessage> messageFromJson(const QJsonObject &json);

QJsonObject taskActionToJson(const TaskAction &action);

QJsonObject entityToJson(const Entity &entity);
// Decodes the entity a change of `kind` carries.
Result<Entity> entityFromJson(ChangeKind kind, const QJsonObject &json);

} // namespace tandem
