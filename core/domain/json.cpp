#include "json.h"

#include "isotime.h"
#include "jsonfields.h"

#include <QJsonArray>

#include <cmath>

namespace tandem {

using domain::detail::FieldReader;
using domain::detail::Need;

std::optional<qint64> jsonCount(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    // Qt keeps an integer literal that fits in 64 bits exact, so any count up
    // to 2^63-1 reads back as written; a fraction, a negative number or one
    // beyond 2^63-1 (held as a double) is no count.
    constexpr qint64 notACount = -1;
    const qint64 integer = value.toInteger(notACount);
    if (integer >= 0)
        return integer;
    const double number = value.toDouble();
    if (!(number >= 0) || number != std::floor(number) || number > 9007199254740991.0)
        return std::nullopt;
    return qint64(number);
}

std::optional<qsizetype> invalidJsonEscape(QByteArrayView json)
{
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (c == '"') {
            inString = false;
        } else if (c == '\\') {
            if (i + 1 >= json.size())
                return i;
            switch (json[i + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
            case 'u': // its four hex digits are the parser's to check
                ++i;
                break;
            default:
                return i;
            }
        }
    }
    return std::nullopt;
}

QString invalidEscapeMessage(QByteArrayView json, qsizetype at)
{
    const QString escape = QString::fromUtf8(json.sliced(at, std::min<qsizetype>(2, json.size() - at)));
    return QStringLiteral("the JSON holds the escape %1 at offset %2, which JSON does not define; use \\\", "
                          "\\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX")
        .arg(escape)
        .arg(at);
}

QString uuidText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

std::optional<QUuid> uuidFromText(QStringView text)
{
    if (text.size() != 36)
        return std::nullopt;
    const QUuid id = QUuid::fromString(text);
    if (id.isNull())
        return std::nullopt;
    return id;
}

QJsonObject userToJson(const User &user)
{
    return QJsonObject{
        {QStringLiteral("id"), uuidText(user.id)},
        {QStringLiteral("username"), user.username},
        {QStringLiteral("createdAt"), formatTimestamp(user.createdAt)},
    };
}

QJsonObject deviceToJson(const Device &device)
{
    return QJsonObject{
        {QStringLiteral("id"), uuidText(device.id)},
        {QStringLiteral("name"), device.name},
        {QStringLiteral("createdAt"), formatTimestamp(device.createdAt)},
        {QStringLiteral("lastUsedAt"), formatTimestamp(device.lastUsedAt)},
        {QStringLiteral("expiresAt"), formatTimestamp(device.expiresAt)},
    };
}

Result<User> userFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    User user;
    user.id = r.uuid(QStringLiteral("id"), Need::Required);
    user.username = r.string(QStringLiteral("username"), Need::Required);
    user.createdAt = r.timestamp(QStringLiteral("createdAt"), Need::Optional);
    if (r.failed())
        return r.error();
    if (auto valid = validateUsername(user.username); !valid)
        return valid.error();
    return user;
}

QJsonObject sessionToJson(const ChatSession &session)
{
    QJsonObject json{
        {QStringLiteral("id"), uuidText(session.id)},
        {QStringLiteral("ownerId"), uuidText(session.ownerId)},
        {QStringLiteral("title"), session.title},
        {QStringLiteral("createdAt"), formatTimestamp(session.createdAt)},
        {QStringLiteral("updatedAt"), formatTimestamp(session.updatedAt)},
        {QStringLiteral("isActive"), session.isActive},
        {QStringLiteral("revision"), double(session.revision)},
    };
    if (session.isDeleted())
        json.insert(QStringLiteral("deletedAt"), formatTimestamp(session.deletedAt));
    return json;
}

Result<ChatSession> sessionFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ChatSession session;
    session.id = r.uuid(QStringLiteral("id"), Need::Required);
    session.ownerId = r.uuid(QStringLiteral("ownerId"), Need::Required);
    session.title = r.string(QStringLiteral("title"), Need::Required);
    session.createdAt = r.timestamp(QStringLiteral("createdAt"), Need::Required);
    session.updatedAt = r.timestamp(QStringLiteral("updatedAt"), Need::Required);
    session.isActive = r.boolean(QStringLiteral("isActive"), Need::Required);
    session.deletedAt = r.timestamp(QStringLiteral("deletedAt"), Need::Optional);
    session.revision = r.integer(QStringLiteral("revision"), Need::Optional, 0, qint64(1) << 53);
    if (r.failed())
        return r.error();
    if (auto valid = validateSessionTitle(session.title); !valid)
        return valid.error();
    return session;
}

QJsonObject taskActionToJson(const TaskAction &action)
{
    QJsonObject json{
        {QStringLiteral("kind"), taskActionKindName(action.kind)},
        {QStringLiteral("taskId"), uuidText(action.taskId)},
    };
    if (!action.title.isEmpty())
        json.insert(QStringLiteral("title"), action.title);
    return json;
}

QJsonObject messageToJson(const ChatMessage &message)
{
    QJsonArray actions;
    for (const TaskAction &action : message.actions)
        actions.append(taskActionToJson(action));
    return QJsonObject{
        {QStringLiteral("id"), uuidText(message.id)},
        {QStringLiteral("sessionId"), uuidText(message.sessionId)},
        {QStringLiteral("ownerId"), uuidText(message.ownerId)},
        {QStringLiteral("role"), chatRoleName(message.role)},
        {QStringLiteral("content"), message.content},
        {QStringLiteral("createdAt"), formatTimestamp(message.createdAt)},
        {QStringLiteral("actions"), actions},
    };
}

Result<ChatMessage> messageFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ChatMessage message;
    message.id = r.uuid(QStringLiteral("id"), Need::Required);
    message.sessionId = r.uuid(QStringLiteral("sessionId"), Need::Required);
    message.ownerId = r.uuid(QStringLiteral("ownerId"), Need::Required);
    const QString role = r.string(QStringLiteral("role"), Need::Required);
    message.content = r.string(QStringLiteral("content"), Need::Required);
    message.createdAt = r.timestamp(QStringLiteral("createdAt"), Need::Required);
    const QJsonArray actions = r.array(QStringLiteral("actions"), Need::Optional);
    if (r.failed())
        return r.error();
    if (const auto parsed = chatRoleFromName(role))
        message.role = *parsed;
    else
        return Error::validation(QStringLiteral("role"), QStringLiteral("must be user or assistant"));
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const QString field = QStringLiteral("actions[%1]").arg(i);
        if (!actions.at(i).isObject())
            return Error::validation(field, QStringLiteral("must be an object {kind, taskId}"));
        const QJsonObject object = actions.at(i).toObject();
        FieldReader a(object);
        const QString kindName = a.string(QStringLiteral("kind"), Need::Required);
        const QUuid taskId = a.uuid(QStringLiteral("taskId"), Need::Required);
        const QString title = a.string(QStringLiteral("title"), Need::Optional);
        if (a.failed())
            return Error::validation(field + u'.' + a.error().field, a.error().message);
        if (title.size() > TaskLimits::MaxTitle * 2) // UTF-16 units: at most MaxTitle code points
            return Error::validation(field + QStringLiteral(".title"), QStringLiteral("is too long"));
        const auto kind = taskActionKindFromName(kindName);
        if (!kind)
            return Error::validation(
                field + QStringLiteral(".kind"),
                QStringLiteral("must be one of created, updated, completed, reopened, deleted, restored"));
        message.actions.append(TaskAction{*kind, taskId, title});
    }
    if (auto valid = validateMessageContent(message.content); !valid)
        return valid.error();
    return message;
}

QJsonObject entityToJson(const Entity &entity)
{
    if (const auto *task = std::get_if<Task>(&entity))
        return taskToJson(*task);
    if (const auto *session = std::get_if<ChatSession>(&entity))
        return sessionToJson(*session);
    return messageToJson(std::get<ChatMessage>(entity));
}

Result<Entity> entityFromJson(ChangeKind kind, const QJsonObject &json)
{
    if (isTaskChange(kind)) {
        auto task = taskFromJson(json);
        if (!task)
            return task.error();
        return Entity(std::move(task).value());
    }
    if (isSessionChange(kind)) {
        auto session = sessionFromJson(json);
        if (!session)
            return session.error();
        return Entity(std::move(session).value());
    }
    auto message = messageFromJson(json);
    if (!message)
        return message.error();
    return Entity(std::move(message).value());
}

} // namespace tandem
