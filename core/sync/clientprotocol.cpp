#include "clientprotocol.h"

#include "domain/isotime.h"
#include "domain/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tandem::sync {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonValue dueValue(const Due &due)
{
    return due.isNone() ? QJsonValue(QJsonValue::Null) : QJsonValue(due.toIsoString());
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (ErrorCode code : {ErrorCode::Validation, ErrorCode::NotFound, ErrorCode::Conflict, ErrorCode::Forbidden,
                           ErrorCode::Storage, ErrorCode::Unauthorized, ErrorCode::RateLimited}) {
        if (name == errorCodeName(code))
            return code;
    }
    return std::nullopt;
}

} // namespace

QString encodeAuth(const QString &token)
{
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                               {QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), token}}}});
}

QString encodeSyncRequest(std::optional<qint64> since)
{
    QJsonObject data;
    if (since)
        data.insert(QStringLiteral("since"), double(*since));
    return compact(
        QJsonObject{{QStringLiteral("type"), QStringLiteral("sync_request")}, {QStringLiteral("data"), data}});
}

QString encodePing()
{
    return QStringLiteral("{\"type\":\"ping\"}");
}

QString encodeCommand(const QString &kind, const QUuid &opId, const QJsonObject &data)
{
    return compact(QJsonObject{
        {QStringLiteral("type"), kind}, {QStringLiteral("opId"), uuidText(opId)}, {QStringLiteral("data"), data}});
}

QJsonObject taskDraftToJson(const TaskDraft &draft)
{
    QJsonObject json{
        {QStringLiteral("title"), draft.title},
        {QStringLiteral("description"), draft.description},
        {QStringLiteral("status"), taskStatusName(draft.status)},
        {QStringLiteral("priority"), taskPriorityName(draft.priority)},
        {QStringLiteral("due"), dueValue(draft.due)},
        {QStringLiteral("tags"), QJsonArray::fromStringList(draft.tags)},
    };
    if (draft.id)
        json.insert(QStringLiteral("id"), uuidText(*draft.id));
    if (draft.repeat)
        json.insert(QStringLiteral("repeat"), repeatToJson(*draft.repeat));
    return json;
}

QJsonObject taskCreateData(const TaskDraft &draft)
{
    return QJsonObject{{QStringLiteral("task"), taskDraftToJson(draft)}};
}

QJsonObject taskUpdateData(const QUuid &taskId, const TaskPatch &patch, std::optional<qint64> baseRevision)
{
    QJsonObject data{{QStringLiteral("id"), uuidText(taskId)}, {QStringLiteral("changes"), taskPatchToJson(patch)}};
    if (baseRevision)
        data.insert(QStringLiteral("revision"), double(*baseRevision));
    return data;
}

QJsonObject taskDeleteData(const QUuid &taskId, std::optional<qint64> baseRevision)
{
    QJsonObject data{{QStringLiteral("id"), uuidText(taskId)}};
    if (baseRevision)
        data.insert(QStringLiteral("revision"), double(*baseRevision));
    return data;
}

Result<ServerMessage> decodeServerMessage(QStringView text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error::validation({}, QStringLiteral("the server sent a message that is not a JSON object"));
    return decodeServerMessage(document.object());
}

Result<ServerMessage> decodeServerMessage(const QJsonObject &envelope)
{
    ServerMessage message;
    const QJsonValue type = envelope.value(QStringLiteral("type"));
    if (!type.isString() || type.toString().isEmpty())
        return Error::validation(QStringLiteral("type"), QStringLiteral("must be a non-empty string"));
    message.type = type.toString();
    if (const QJsonValue seq = envelope.value(QStringLiteral("seq")); !seq.isUndefined()) {
        message.seq = jsonCount(seq);
        if (!message.seq)
            return Error::validation(QStringLiteral("seq"), QStringLiteral("must be a non-negative integer"));
    }
    if (const QJsonValue opId = envelope.value(QStringLiteral("opId")); !opId.isUndefined() && !opId.isNull()) {
        message.opId = opId.isString() ? uuidFromText(opId.toString()) : std::nullopt;
        if (!message.opId)
            return Error::validation(QStringLiteral("opId"), QStringLiteral("must be a UUID"));
    }
    if (const QJsonValue data = envelope.value(QStringLiteral("data")); !data.isUndefined() && !data.isNull()) {
        if (!data.isObject())
            return Error::validation(QStringLiteral("data"), QStringLiteral("must be an object"));
        message.data = data.toObject();
    }
    return message;
}

Result<Change> changeFromEvent(const ServerMessage &message)
{
    Change change;
    const auto kind = changeKindFromName(message.type);
    if (!kind) {
        Error error = Error::validation(QStringLiteral("type"),
                                        QStringLiteral("unknown event type \"%1\"").arg(message.type.left(64)));
        error.reason = QStringLiteral("unknown_type");
        return error;
    }
    change.kind = *kind;
    if (!message.seq || *message.seq < 1)
        return Error::validation(QStringLiteral("seq"), QStringLiteral("an event needs a seq of 1 or more"));
    change.seq = *message.seq;
    if (!message.opId)
        return Error::validation(QStringLiteral("opId"), QStringLiteral("an event needs an opId"));
    change.opId = *message.opId;
    const QJsonValue owner = message.data.value(QStringLiteral("userId"));
    const auto ownerId = owner.isString() ? uuidFromText(owner.toString()) : std::nullopt;
    if (!ownerId)
        return Error::validation(QStringLiteral("data.userId"), QStringLiteral("must be a UUID"));
    change.ownerId = *ownerId;
    const QJsonValue at = message.data.value(QStringLiteral("timestamp"));
    const auto instant = at.isString() ? parseIsoDateTime(at.toString()) : std::nullopt;
    if (!instant)
        return Error::validation(QStringLiteral("data.timestamp"), QStringLiteral("must be an ISO 8601 date-time"));
    change.at = instant->toUTC();
    const QString member = isTaskChange(change.kind)
        ? QStringLiteral("task")
        : (isSessionChange(change.kind) ? QStringLiteral("session") : QStringLiteral("message"));
    const QJsonValue entity = message.data.value(member);
    if (!entity.isObject())
        return Error::validation(QStringLiteral("data.") + member, QStringLiteral("must be an object"));
    auto decoded = entityFromJson(change.kind, entity.toObject());
    if (!decoded) {
        Error error = decoded.error();
        error.field = QStringLiteral("data.") + member + (error.field.isEmpty() ? QString() : u'.' + error.field);
        return error;
    }
    change.entity = std::move(decoded).value();
    return change;
}

Error errorFromWire(const QJsonObject &data)
{
    const QString name = data.value(QStringLiteral("code")).toString();
    Error error;
    if (const auto code = errorCodeFromName(name)) {
        error.code = *code;
    } else {
        // A finer code ("bad_json", "unknown_type", ...) or one from a newer
        // server: keep it, and read it as a refusal of this input.
        error.code = ErrorCode::Validation;
        error.reason = name.isEmpty() ? QStringLiteral("unknown") : name;
    }
    error.field = data.value(QStringLiteral("field")).toString();
    error.message = data.value(QStringLiteral("message")).toString();
    const QString prefix = error.field + QStringLiteral(": ");
    if (!error.field.isEmpty() && error.message.startsWith(prefix))
        error.message = error.message.mid(prefix.size());
    if (error.message.isEmpty())
        error.message = QStringLiteral("the server refused the change (%1)").arg(name);
    for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
        if (it.key() != u"code" && it.key() != u"message" && it.key() != u"field")
            error.details.insert(it.key(), it.value());
    }
    return error;
}

bool isTransient(const Error &error)
{
    return error.code == ErrorCode::Storage || error.code == ErrorCode::RateLimited;
}

} // namespace tandem::sync
