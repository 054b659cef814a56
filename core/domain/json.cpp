#include "json.h"

#include "isotime.h"

#include <QJsonArray>

#include <cmath>

namespace tandem {

std::optional<qint64> jsonCount(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!(number >= 0) || number != std::floor(number) || number > 9007199254740991.0)
        return std::nullopt;
    return qint64(number);
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

namespace {

enum class Need { Required, Optional };

// Reads fields one by one and remembers the first error, so decoders read as
// a flat list of fields instead of a ladder of checks.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object)
    { }

    bool failed() const { return m_error.has_value(); }
    Error error() const { return *m_error; }
    void fail(const QString &field, const QString &message)
    {
        if (!m_error)
            m_error = Error::validation(field, message);
    }

    bool has(const QString &key) const { return m_object.contains(key); }
    bool isNull(const QString &key) const { return m_object.value(key).isNull(); }

    QString string(const QString &key, Need need, const QString &fallback = {})
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need))
            return fallback;
        if (!value.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return fallback;
        }
        return value.toString();
    }

    QUuid uuid(const QString &key, Need need)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need))
            return {};
        const auto id = value.isString() ? uuidFromText(value.toString()) : std::nullopt;
        if (!id) {
            fail(key, QStringLiteral("must be a UUID such as \"0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90\""));
            return {};
        }
        return *id;
    }

    qint64 integer(const QString &key, Need need, qint64 min, qint64 max, qint64 fallback = 0)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need))
            return fallback;
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::isnan(number) || number != std::floor(number)) {
            fail(key, QStringLiteral("must be an integer"));
            return fallback;
        }
        if (number < double(min) || number > double(max)) {
            fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
            return fallback;
        }
        return qint64(number);
    }

    bool boolean(const QString &key, Need need, bool fallback = false)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need))
            return fallback;
        if (!value.isBool()) {
            fail(key, QStringLiteral("must be true or false"));
            return fallback;
        }
        return value.toBool();
    }

    // A timestamp; null counts as absent for optional fields.
    QDateTime timestamp(const QString &key, Need need)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need) || (need == Need::Optional && value.isNull()))
            return {};
        const auto instant = value.isString() ? parseIsoDateTime(value.toString()) : std::nullopt;
        if (!instant) {
            fail(key, QStringLiteral("must be an ISO 8601 date-time with an offset, such as \"2026-11-27T09:00:00Z\""));
            return {};
        }
        return instant->toUTC();
    }

    TaskStatus status(const QString &key, Need need)
    {
        const QString name = string(key, need);
        if (failed() || name.isNull())
            return TaskStatus::Pending;
        if (const auto status = taskStatusFromName(name))
            return *status;
        fail(key, QStringLiteral("must be one of pending, in_progress, completed"));
        return TaskStatus::Pending;
    }

    TaskPriority priority(const QString &key, Need need)
    {
        const QString name = string(key, need);
        if (failed() || name.isNull())
            return TaskPriority::None;
        if (const auto priority = taskPriorityFromName(name))
            return *priority;
        fail(key, QStringLiteral("must be one of none, low, medium, high, urgent"));
        return TaskPriority::None;
    }

    // null or "" means no due date.
    Due due(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || value.isUndefined() || value.isNull())
            return {};
        const auto due = value.isString() ? Due::fromIsoString(value.toString()) : std::nullopt;
        if (!due) {
            fail(key,
                 QStringLiteral("must be null, a date such as \"2026-11-27\" or a date-time with an offset such as "
                                "\"2026-11-27T09:00:00+01:00\""));
            return {};
        }
        return *due;
    }

    // null counts as an empty list.
    QStringList stringList(const QString &key, Need need)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need) || value.isNull())
            return {};
        if (!value.isArray()) {
            fail(key, QStringLiteral("must be an array of strings"));
            return {};
        }
        const QJsonArray array = value.toArray();
        QStringList list;
        list.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString()) {
                fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("must be a string"));
                return {};
            }
            list.append(array.at(i).toString());
        }
        return list;
    }

    QJsonArray array(const QString &key, Need need)
    {
        const QJsonValue value = m_object.value(key);
        if (failed() || absent(key, value, need) || value.isNull())
            return {};
        if (!value.isArray()) {
            fail(key, QStringLiteral("must be an array"));
            return {};
        }
        return value.toArray();
    }

private:
    // True when the key is missing (recording an error if it was required).
    bool absent(const QString &key, const QJsonValue &value, Need need)
    {
        if (!value.isUndefined())
            return false;
        if (need == Need::Required)
            fail(key, QStringLiteral("is required"));
        return true;
    }

    const QJsonObject &m_object;
    std::optional<Error> m_error;
};

QJsonValue optionalTimestamp(const QDateTime &instant)
{
    return instant.isValid() ? QJsonValue(formatTimestamp(instant)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject taskToJson(const Task &task)
{
    QJsonObject json{
        {QStringLiteral("id"), uuidText(task.id)},
        {QStringLiteral("ownerId"), uuidText(task.ownerId)},
        {QStringLiteral("title"), task.title},
        {QStringLiteral("description"), task.description},
        {QStringLiteral("status"), taskStatusName(task.status)},
        {QStringLiteral("priority"), taskPriorityName(task.priority)},
        {QStringLiteral("due"), task.due.isNone() ? QJsonValue(QJsonValue::Null) : QJsonValue(task.due.toIsoString())},
        {QStringLiteral("tags"), QJsonArray::fromStringList(task.tags)},
        {QStringLiteral("createdAt"), formatTimestamp(task.createdAt)},
        {QStringLiteral("updatedAt"), formatTimestamp(task.updatedAt)},
        {QStringLiteral("completedAt"), optionalTimestamp(task.completedAt)},
        {QStringLiteral("revision"), double(task.revision)},
    };
    if (task.isDeleted())
        json.insert(QStringLiteral("deletedAt"), formatTimestamp(task.deletedAt));
    return json;
}

void appendJsonString(QString &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += u'"';
    qsizetype plain = 0; // start of the run of characters that need no escape
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (u >= 0x20 && u != u'"' && u != u'\\')
            continue;
        out += text.sliced(plain, i - plain);
        plain = i + 1;
        switch (u) {
        case u'"':
            out += u"\\\"";
            break;
        case u'\\':
            out += u"\\\\";
            break;
        case u'\b':
            out += u"\\b";
            break;
        case u'\f':
            out += u"\\f";
            break;
        case u'\n':
            out += u"\\n";
            break;
        case u'\r':
            out += u"\\r";
            break;
        case u'\t':
            out += u"\\t";
            break;
        default:
            out += u"\\u00";
            out += QLatin1Char(hex[u >> 4]);
            out += QLatin1Char(hex[u & 0xf]);
        }
    }
    out += text.sliced(plain);
    out += u'"';
}

namespace {

void appendDigits(QString &out, int value, int width)
{
    char16_t digits[4];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out.append(reinterpret_cast<const QChar *>(digits), width);
}

// formatTimestamp() without QDateTime::toString: "2026-11-26T23:48:58.123Z".
void appendTimestamp(QString &out, const QDateTime &instant)
{
    const QDateTime utc = instant.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    if (date.year() < 0 || date.year() > 9999) {
        appendJsonString(out, formatTimestamp(instant));
        return;
    }
    out += u'"';
    appendDigits(out, date.year(), 4);
    out += u'-';
    appendDigits(out, date.month(), 2);
    out += u'-';
    appendDigits(out, date.day(), 2);
    out += u'T';
    appendDigits(out, time.hour(), 2);
    out += u':';
    appendDigits(out, time.minute(), 2);
    out += u':';
    appendDigits(out, time.second(), 2);
    out += u'.';
    appendDigits(out, time.msec(), 3);
    out += u"Z\"";
}

void appendOptionalTimestamp(QString &out, const QDateTime &instant)
{
    if (instant.isValid())
        appendTimestamp(out, instant);
    else
        out += u"null";
}

} // namespace

QString stringListJsonText(const QStringList &list)
{
    QString out;
    out += u'[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += u',';
        appendJsonString(out, list.at(i));
    }
    out += u']';
    return out;
}

QString taskJsonText(const Task &task)
{
    // Keys in QJsonObject's (sorted) order, so the text equals QJsonDocument's.
    QString out;
    out.reserve(360 + task.title.size() + task.description.size() + 16 * task.tags.size());
    out += u"{\"completedAt\":";
    appendOptionalTimestamp(out, task.completedAt);
    out += u",\"createdAt\":";
    appendTimestamp(out, task.createdAt);
    if (task.isDeleted()) {
        out += u",\"deletedAt\":";
        appendTimestamp(out, task.deletedAt);
    }
    out += u",\"description\":";
    appendJsonString(out, task.description);
    out += u",\"due\":";
    if (task.due.isNone())
        out += u"null";
    else
        appendJsonString(out, task.due.toIsoString());
    out += u",\"id\":\"";
    out += uuidText(task.id);
    out += u"\",\"ownerId\":\"";
    out += uuidText(task.ownerId);
    out += u"\",\"priority\":\"";
    out += taskPriorityName(task.priority);
    out += u"\",\"revision\":";
    out += QString::number(task.revision);
    out += u",\"status\":\"";
    out += taskStatusName(task.status);
    out += u"\",\"tags\":";
    out += stringListJsonText(task.tags);
    out += u",\"title\":";
    appendJsonString(out, task.title);
    out += u",\"updatedAt\":";
    appendTimestamp(out, task.updatedAt);
    out += u'}';
    return out;
}

Result<Task> taskFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Task task;
    task.id = r.uuid(QStringLiteral("id"), Need::Required);
    task.ownerId = r.uuid(QStringLiteral("ownerId"), Need::Required);
    task.title = r.string(QStringLiteral("title"), Need::Required);
    task.description = r.string(QStringLiteral("description"), Need::Optional);
    task.status = r.status(QStringLiteral("status"), Need::Required);
    task.priority = r.priority(QStringLiteral("priority"), Need::Required);
    task.due = r.due(QStringLiteral("due"));
    task.tags = r.stringList(QStringLiteral("tags"), Need::Optional);
    task.createdAt = r.timestamp(QStringLiteral("createdAt"), Need::Required);
    task.updatedAt = r.timestamp(QStringLiteral("updatedAt"), Need::Required);
    task.completedAt = r.timestamp(QStringLiteral("completedAt"), Need::Optional);
    task.deletedAt = r.timestamp(QStringLiteral("deletedAt"), Need::Optional);
    task.revision = r.integer(QStringLiteral("revision"), Need::Required, 0, qint64(1) << 53);
    if (r.failed())
        return r.error();
    if (auto valid = validateTask(task); !valid)
        return valid.error();
    return task;
}

Result<TaskDraft> taskDraftFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    TaskDraft draft;
    if (r.has(QStringLiteral("id")) && !r.isNull(QStringLiteral("id")))
        draft.id = r.uuid(QStringLiteral("id"), Need::Required);
    draft.title = r.string(QStringLiteral("title"), Need::Required);
    draft.description = r.string(QStringLiteral("description"), Need::Optional);
    draft.status = r.status(QStringLiteral("status"), Need::Optional);
    draft.priority = r.priority(QStringLiteral("priority"), Need::Optional);
    draft.due = r.due(QStringLiteral("due"));
    draft.tags = r.stringList(QStringLiteral("tags"), Need::Optional);
    if (r.failed())
        return r.error();
    return draft;
}

QJsonObject taskPatchToJson(const TaskPatch &patch)
{
    QJsonObject json;
    if (patch.title)
        json.insert(QStringLiteral("title"), *patch.title);
    if (patch.description)
        json.insert(QStringLiteral("description"), *patch.description);
    if (patch.status)
        json.insert(QStringLiteral("status"), taskStatusName(*patch.status));
    if (patch.priority)
        json.insert(QStringLiteral("priority"), taskPriorityName(*patch.priority));
    if (patch.due)
        json.insert(QStringLiteral("due"),
                    patch.due->isNone() ? QJsonValue(QJsonValue::Null) : QJsonValue(patch.due->toIsoString()));
    if (patch.tags)
        json.insert(QStringLiteral("tags"), QJsonArray::fromStringList(*patch.tags));
    return json;
}

Result<TaskPatch> taskPatchFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    TaskPatch patch;
    if (r.has(QStringLiteral("title")))
        patch.title = r.string(QStringLiteral("title"), Need::Required);
    if (r.has(QStringLiteral("description")))
        patch.description = r.isNull(QStringLiteral("description"))
            ? QString()
            : r.string(QStringLiteral("description"), Need::Required);
    if (r.has(QStringLiteral("status")))
        patch.status = r.status(QStringLiteral("status"), Need::Required);
    if (r.has(QStringLiteral("priority")))
        patch.priority = r.priority(QStringLiteral("priority"), Need::Required);
    if (r.has(QStringLiteral("due")))
        patch.due = r.due(QStringLiteral("due"));
    if (r.has(QStringLiteral("tags")))
        patch.tags = r.stringList(QStringLiteral("tags"), Need::Required);
    if (r.failed())
        return r.error();
    return patch;
}

QJsonObject userToJson(const User &user)
{
    return QJsonObject{
        {QStringLiteral("id"), uuidText(user.id)},
        {QStringLiteral("username"), user.username},
        {QStringLiteral("createdAt"), formatTimestamp(user.createdAt)},
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
    return QJsonObject{
        {QStringLiteral("kind"), taskActionKindName(action.kind)},
        {QStringLiteral("taskId"), uuidText(action.taskId)},
    };
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
        if (a.failed())
            return Error::validation(field + u'.' + a.error().field, a.error().message);
        const auto kind = taskActionKindFromName(kindName);
        if (!kind)
            return Error::validation(
                field + QStringLiteral(".kind"),
                QStringLiteral("must be one of created, updated, completed, reopened, deleted, restored"));
        message.actions.append(TaskAction{*kind, taskId});
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
