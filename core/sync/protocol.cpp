#include "protocol.h"

#include "domain/isotime.h"
#include "domain/json.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>

namespace tandem::sync {

namespace {

Q_LOGGING_CATEGORY(lcProtocol, "tandem.sync.protocol")

Error badJson(const QString &message)
{
    Error error = Error::validation({}, message);
    error.reason = QStringLiteral("bad_json");
    return error;
}

Error prefixed(Error error, const QString &prefix)
{
    error.field = error.field.isEmpty() ? prefix : prefix + u'.' + error.field;
    return error;
}

std::optional<QUuid> readUuid(const QJsonValue &value)
{
    return value.isString() ? uuidFromText(value.toString()) : std::nullopt;
}

// An optional non-negative integer member; an error when present but not one.
Result<std::optional<qint64>> readCount(const QJsonObject &object, const QString &key, const QString &field)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    const auto count = jsonCount(value);
    if (!count)
        return Error::validation(field, QStringLiteral("must be a non-negative integer"));
    return count;
}

} // namespace

Result<ClientMessage> decodeClientMessage(QByteArrayView utf8)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badJson(QStringLiteral("the message is not valid JSON (%1 at offset %2)")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!document.isObject())
        return badJson(QStringLiteral("the message must be a JSON object"));
    if (const auto at = invalidJsonEscape(utf8)) // malformed JSON, however lenient Qt's parser is
        return badJson(invalidEscapeMessage(utf8, *at));
    const QJsonObject envelope = document.object();
    const QJsonValue type = envelope.value(QStringLiteral("type"));
    if (!type.isString())
        return badJson(QStringLiteral("the message needs a string \"type\""));
    const QJsonValue dataValue = envelope.value(QStringLiteral("data"));
    if (!dataValue.isUndefined() && !dataValue.isNull() && !dataValue.isObject())
        return badJson(QStringLiteral("\"data\" must be an object"));
    const QJsonObject data = dataValue.toObject();

    ClientMessage message;
    const QJsonValue opId = envelope.value(QStringLiteral("opId"));
    if (!opId.isUndefined() && !opId.isNull()) {
        message.opId = readUuid(opId);
        if (!message.opId)
            return Error::validation(QStringLiteral("opId"), QStringLiteral("must be a UUID"));
    }

    const QString name = type.toString();
    if (name == u"auth") {
        message.type = ClientMessageType::Auth;
        // Both shapes are the contract: {"data":{"token":…}} like every other
        // message, and {"token":…} as the sync issue first specified it.
        const bool inData = data.contains(QStringLiteral("token"));
        const QJsonValue token = inData ? data.value(QStringLiteral("token")) : envelope.value(QStringLiteral("token"));
        if (!token.isString() || token.toString().isEmpty())
            return Error::validation(inData || !envelope.contains(QStringLiteral("token"))
                                         ? QStringLiteral("data.token")
                                         : QStringLiteral("token"),
                                     QStringLiteral("must be a non-empty string"));
        message.token = token.toString();
        return message;
    }
    if (name == u"ping") {
        message.type = ClientMessageType::Ping;
        return message;
    }
    if (name == u"sync_request") {
        message.type = ClientMessageType::SyncRequest;
        auto since = readCount(data, QStringLiteral("since"), QStringLiteral("data.since"));
        if (!since)
            return since.error();
        message.since = since.value();
        return message;
    }

    const bool isCommand = name == u"task_create" || name == u"task_update" || name == u"task_delete";
    if (!isCommand) {
        Error error = Error::validation(QStringLiteral("type"),
                                        QStringLiteral("unknown message type \"%1\"").arg(name.left(64)));
        error.reason = QStringLiteral("unknown_type");
        return error;
    }
    if (!message.opId)
        return Error::validation(QStringLiteral("opId"), QStringLiteral("commands need an opId (a UUID)"));
    // QJsonObject keeps its keys sorted, so the same data hashes the same however it was written.
    message.fingerprint = name.toUtf8() + ' '
        + QCryptographicHash::hash(QJsonDocument(data).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
              .toHex();

    if (name == u"task_create") {
        message.type = ClientMessageType::TaskCreate;
        const QJsonValue task = data.value(QStringLiteral("task"));
        if (!task.isObject())
            return Error::validation(QStringLiteral("data.task"), QStringLiteral("must be an object"));
        auto draft = taskDraftFromJson(task.toObject());
        if (!draft)
            return prefixed(draft.error(), QStringLiteral("data.task"));
        message.draft = std::move(draft).value();
        return message;
    }

    const auto id = readUuid(data.value(QStringLiteral("id")));
    if (!id)
        return Error::validation(QStringLiteral("data.id"), QStringLiteral("must be a task id (a UUID)"));
    message.taskId = *id;
    auto revision = readCount(data, QStringLiteral("revision"), QStringLiteral("data.revision"));
    if (!revision)
        return revision.error();
    message.revision = revision.value();
    if (name == u"task_delete") {
        message.type = ClientMessageType::TaskDelete;
        return message;
    }
    message.type = ClientMessageType::TaskUpdate;
    const QJsonValue changes = data.value(QStringLiteral("changes"));
    if (!changes.isObject())
        return Error::validation(QStringLiteral("data.changes"), QStringLiteral("must be an object"));
    auto patch = taskPatchFromJson(changes.toObject());
    if (!patch)
        return prefixed(patch.error(), QStringLiteral("data.changes"));
    if (patch->isEmpty()) // as PATCH /api/tasks/{id} refuses it: it would only bump the revision
        return Error::validation(QStringLiteral("data.changes"), QStringLiteral("name at least one field to change"));
    message.patch = std::move(patch).value();
    return message;
}

std::optional<QUuid> opIdOf(QByteArrayView utf8)
{
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray());
    return readUuid(document.object().value(QStringLiteral("opId")));
}

QString entityJsonText(const Entity &entity)
{
    if (const auto *task = std::get_if<Task>(&entity))
        return taskJsonText(*task);
    return QString::fromUtf8(QJsonDocument(entityToJson(entity)).toJson(QJsonDocument::Compact));
}

QString encodeEvent(const Change &change)
{
    const char *member = isTaskChange(change.kind) ? "task" : (isSessionChange(change.kind) ? "session" : "message");
    QString out;
    out.reserve(512);
    out += u"{\"type\":\"";
    out += changeKindName(change.kind);
    out += u"\",\"seq\":";
    out += QString::number(change.seq);
    out += u",\"opId\":\"";
    out += uuidText(change.opId);
    out += u"\",\"data\":{\"";
    out += QLatin1String(member);
    out += u"\":";
    out += entityJsonText(change.entity);
    out += u",\"userId\":\"";
    out += uuidText(change.ownerId);
    out += u"\",\"timestamp\":\"";
    out += formatTimestamp(change.at);
    out += u"\"}}";
    return out;
}

QString encodeWelcome(const QUuid &userId, qint64 head)
{
    return QStringLiteral("{\"type\":\"welcome\",\"data\":{\"userId\":\"%1\",\"seq\":%2}}")
        .arg(uuidText(userId))
        .arg(head);
}

QString encodeAck(const Change &change)
{
    const char *member = isTaskChange(change.kind) ? "task" : (isSessionChange(change.kind) ? "session" : "message");
    return QStringLiteral("{\"type\":\"ack\",\"opId\":\"%1\",\"seq\":%2,\"data\":{\"%3\":%4}}")
        .arg(uuidText(change.opId))
        .arg(change.seq)
        .arg(QLatin1String(member), entityJsonText(change.entity));
}

Error publicError(const Error &error)
{
    if (error.code != ErrorCode::Storage)
        return error;
    qCWarning(lcProtocol) << "answering a database failure:" << error.message;
    Error shown = Error::storage(QStringLiteral("the server cannot use its database right now; try again in a moment"));
    shown.reason = error.reason;
    return shown;
}

QString encodeError(const std::optional<QUuid> &opId, const Error &anyError)
{
    const Error error = publicError(anyError);
    QJsonObject data{{QStringLiteral("code"), error.wireCode()}, {QStringLiteral("message"), error.toString()}};
    if (!error.field.isEmpty())
        data.insert(QStringLiteral("field"), error.field);
    for (auto it = error.details.begin(); it != error.details.end(); ++it)
        data.insert(it.key(), it.value());
    QJsonObject message{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("data"), data}};
    if (opId)
        message.insert(QStringLiteral("opId"), uuidText(*opId));
    return QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

QString encodePong()
{
    return QStringLiteral("{\"type\":\"pong\"}");
}

QString encodeHeartbeat(qint64 head)
{
    return QStringLiteral("{\"type\":\"heartbeat\",\"data\":{\"seq\":%1}}").arg(head);
}

QString encodeSyncResponse(qint64 since, const ChangeBatch &batch)
{
    QString out;
    out.reserve(64 + 512 * batch.changes.size());
    out += u"{\"type\":\"sync_response\",\"data\":{\"since\":";
    out += QString::number(since);
    out += u",\"seq\":";
    out += QString::number(batch.head);
    out += u",\"more\":";
    out += batch.more ? u"true" : u"false";
    out += u",\"changes\":[";
    for (qsizetype i = 0; i < batch.changes.size(); ++i) {
        if (i > 0)
            out += u',';
        out += encodeEvent(batch.changes.at(i));
    }
    out += u"]}}";
    return out;
}

QString encodeSnapshot(qint64 since, const Snapshot &snapshot)
{
    QString out;
    out.reserve(64 + 400 * snapshot.tasks.size());
    out += u"{\"type\":\"sync_response\",\"data\":{\"full\":true,\"since\":";
    out += QString::number(since);
    out += u",\"seq\":";
    out += QString::number(snapshot.seq);
    out += u",\"more\":false,\"tasks\":[";
    for (qsizetype i = 0; i < snapshot.tasks.size(); ++i) {
        if (i > 0)
            out += u',';
        out += taskJsonText(snapshot.tasks.at(i));
    }
    out += u"],\"sessions\":[";
    for (qsizetype i = 0; i < snapshot.sessions.size(); ++i) {
        if (i > 0)
            out += u',';
        out += QString::fromUtf8(QJsonDocument(sessionToJson(snapshot.sessions.at(i))).toJson(QJsonDocument::Compact));
    }
    out += u"]}}";
    return out;
}

} // namespace tandem::sync
