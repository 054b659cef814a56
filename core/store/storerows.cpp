#include "storerows.h"

#include "domain/isotime.h"
#include "domain/json.h"
#include "storelog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tandem::store::detail {

namespace {

QDateTime optionalInstant(const Rows &rows, int column)
{
    return rows.isNull(column) ? QDateTime() : timestampFromMsecs(rows.integer(column));
}

} // namespace

const QString taskColumns
    = QStringLiteral("t.id, t.owner_id, t.title, t.description, t.status, t.priority, t.due, t.tags, t.created_at, "
                     "t.updated_at, t.completed_at, t.deleted_at, t.revision, t.repeat_rule, t.last_completed_at");

const QString sessionColumns
    = QStringLiteral("s.id, s.owner_id, s.title, s.is_active, s.created_at, s.updated_at, s.deleted_at, s.revision");

const QString messageColumns
    = QStringLiteral("m.id, m.session_id, m.owner_id, m.role, m.content, m.actions, m.created_at");

QVariant text(const QUuid &id)
{
    return uuidText(id);
}

QVariant nonNull(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

Error unreadable(const QString &what, const QString &id, const QString &why)
{
    qCWarning(store::lcStore) << "unreadable" << what << id << why;
    return Error::storage(QStringLiteral("the stored %1 %2 cannot be read (%3); the database may have been "
                                         "written by another program")
                              .arg(what, id, why));
}

Result<Task> taskFromRow(const Rows &rows)
{
    Task task;
    const QString id = rows.text(0);
    const auto taskId = uuidFromText(id);
    const auto ownerId = uuidFromText(rows.text(1));
    if (!taskId || !ownerId)
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad id"));
    task.id = *taskId;
    task.ownerId = *ownerId;
    task.title = rows.text(2);
    task.description = rows.text(3);
    const auto status = taskStatusFromName(rows.text(4));
    const qint64 priority = rows.integer(5);
    if (!status || priority < 0 || priority > 4)
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad status or priority"));
    task.status = *status;
    task.priority = TaskPriority(priority);
    const auto due = Due::fromIsoString(rows.text(6));
    if (!due)
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad due date"));
    task.due = *due;
    const QJsonDocument tags = QJsonDocument::fromJson(rows.text(7).toUtf8());
    if (!tags.isArray())
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad tags"));
    const QJsonArray tagArray = tags.array();
    task.tags.reserve(tagArray.size());
    for (const QJsonValue &tag : tagArray)
        task.tags.append(tag.toString());
    task.createdAt = timestampFromMsecs(rows.integer(8));
    task.updatedAt = timestampFromMsecs(rows.integer(9));
    task.completedAt = optionalInstant(rows, 10);
    task.deletedAt = optionalInstant(rows, 11);
    task.revision = rows.integer(12);
    if (!rows.isNull(13)) {
        const QJsonDocument rule = QJsonDocument::fromJson(rows.text(13).toUtf8());
        auto repeat = rule.isObject() ? repeatFromJson(rule.object()) : Result<RepeatRule>(Error::validation({}, {}));
        if (!repeat)
            return unreadable(QStringLiteral("task"), id, QStringLiteral("bad repeat rule"));
        task.repeat = repeat.value();
    }
    task.lastCompletedAt = optionalInstant(rows, 14);
    return task;
}

Result<ChatSession> sessionFromRow(const Rows &rows)
{
    ChatSession session;
    const QString id = rows.text(0);
    const auto sessionId = uuidFromText(id);
    const auto ownerId = uuidFromText(rows.text(1));
    if (!sessionId || !ownerId)
        return unreadable(QStringLiteral("chat session"), id, QStringLiteral("bad id"));
    session.id = *sessionId;
    session.ownerId = *ownerId;
    session.title = rows.text(2);
    session.isActive = rows.integer(3) != 0;
    session.createdAt = timestampFromMsecs(rows.integer(4));
    session.updatedAt = timestampFromMsecs(rows.integer(5));
    session.deletedAt = optionalInstant(rows, 6);
    session.revision = rows.integer(7);
    return session;
}

Result<ChatMessage> messageFromRow(const Rows &rows)
{
    const QString id = rows.text(0);
    // Reuse the strict JSON codec for the action list and the field rules.
    const QJsonDocument actions = QJsonDocument::fromJson(rows.text(5).toUtf8());
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("sessionId"), rows.text(1)},
        {QStringLiteral("ownerId"), rows.text(2)},
        {QStringLiteral("role"), rows.text(3)},
        {QStringLiteral("content"), rows.text(4)},
        {QStringLiteral("actions"), actions.array()},
        {QStringLiteral("createdAt"), formatTimestamp(timestampFromMsecs(rows.integer(6)))},
    };
    auto message = messageFromJson(json);
    if (!message)
        return unreadable(QStringLiteral("chat message"), id, message.error().toString());
    return message;
}

} // namespace tandem::store::detail
