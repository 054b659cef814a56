#include "json.h"

#include "isotime.h"
#include "jsonfields.h"

#include <QJsonArray>

namespace tandem {

using domain::detail::FieldReader;
using domain::detail::Need;

namespace {

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
        {QStringLiteral("repeat"), task.repeat ? QJsonValue(repeatToJson(*task.repeat)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("lastCompletedAt"), optionalTimestamp(task.lastCompletedAt)},
    };
    if (task.isDeleted())
        json.insert(QStringLiteral("deletedAt"), formatTimestamp(task.deletedAt));
    return json;
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
    task.repeat = r.repeat(QStringLiteral("repeat"));
    task.lastCompletedAt = r.timestamp(QStringLiteral("lastCompletedAt"), Need::Optional);
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
    draft.repeat = r.repeat(QStringLiteral("repeat"));
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
    if (patch.repeat)
        json.insert(QStringLiteral("repeat"),
                    *patch.repeat ? QJsonValue(repeatToJson(**patch.repeat)) : QJsonValue(QJsonValue::Null));
    if (patch.lastCompletedAt)
        json.insert(QStringLiteral("lastCompletedAt"), optionalTimestamp(*patch.lastCompletedAt));
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
    if (r.has(QStringLiteral("repeat")))
        patch.repeat = r.repeat(QStringLiteral("repeat"));
    if (r.has(QStringLiteral("lastCompletedAt")))
        patch.lastCompletedAt = r.timestamp(QStringLiteral("lastCompletedAt"), Need::Optional);
    if (r.failed())
        return r.error();
    return patch;
}

} // namespace tandem
