#include "taskservice.h"

#include "domain/json.h"

#include <QSet>

namespace tandem {

namespace {

Error notFound()
{
    return Error::notFound(QStringLiteral("no such task; it may have been deleted"));
}

Error staleRevision(const Task &current, qint64 base)
{
    return Error::conflict(QStringLiteral("the task was changed elsewhere (you had revision %1, it is now at %2); "
                                          "reload it and try again")
                               .arg(base)
                               .arg(current.revision),
                           QJsonObject{{QStringLiteral("task"), taskToJson(current)}});
}

// taskFromDraft(), with an id chosen here when the client chose none, validated.
Result<Task> newTask(const QUuid &ownerId, const TaskDraft &draft, const QDateTime &now)
{
    Task task = taskFromDraft(ownerId, draft, now);
    if (task.id.isNull())
        task.id = QUuid::createUuid();
    if (auto valid = validateTask(task); !valid)
        return valid.error();
    return task;
}

} // namespace

TaskService::TaskService(Store &store, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
{ }

QDateTime TaskService::now() const
{
    return nowFrom(m_clock);
}

Result<QList<Change>> TaskService::commit(const QUuid &ownerId, const QUuid &opId, const QDateTime &now,
                                          const Mutation &mutation)
{
    return commitAndNotify(m_store, this, &TaskService::changed, ownerId, opId, now, mutation);
}

Result<Change> TaskService::create(const QUuid &ownerId, const TaskDraft &draft, const QUuid &opId)
{
    auto changes = createMany(ownerId, {draft}, opId);
    if (!changes)
        return changes.error();
    if (changes->isEmpty())
        return Error::storage(QStringLiteral("the task was not created"));
    return changes->constFirst();
}

Result<QList<Change>> TaskService::createMany(const QUuid &ownerId, const QList<TaskDraft> &drafts, const QUuid &opId)
{
    const QDateTime at = now();
    QList<Task> tasks;
    tasks.reserve(drafts.size());
    QSet<QUuid> chosenIds;
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        // The store would upsert the second over the first, so refuse before writing.
        if (const auto &id = drafts.at(i).id) {
            if (chosenIds.contains(*id))
                return Error::conflict(QStringLiteral("tasks[%1] repeats the id of an earlier task").arg(i));
            chosenIds.insert(*id);
        }
        auto task = newTask(ownerId, drafts.at(i), at);
        if (!task) {
            Error error = task.error();
            if (drafts.size() > 1)
                error.field = QStringLiteral("tasks[%1].%2").arg(i).arg(error.field);
            return error;
        }
        tasks.append(std::move(task).value());
    }
    return commit(ownerId, opId, at, [&](WriteContext &context) -> Result<QList<Draft>> {
        QList<Draft> result;
        result.reserve(tasks.size());
        for (qsizetype i = 0; i < tasks.size(); ++i) {
            const Task &task = tasks.at(i);
            // Only client-chosen ids can collide; generated ones are fresh.
            if (drafts.at(i).id) {
                auto existing = context.taskById(task.id);
                if (!existing)
                    return existing.error();
                if (existing.value()) {
                    const Task &found = *existing.value();
                    if (found.ownerId == ownerId && !found.isDeleted())
                        return Error::conflict(QStringLiteral("a task with this id already exists"),
                                               QJsonObject{{QStringLiteral("task"), taskToJson(found)}});
                    return Error::conflict(QStringLiteral("this task id is already in use; choose another"));
                }
            }
            result.append(Draft{ChangeKind::TaskCreated, task});
        }
        return result;
    });
}

Result<Change> TaskService::mutateOne(const QUuid &ownerId, const QUuid &taskId, const QUuid &opId,
                                      std::optional<qint64> baseRevision,
                                      const std::function<Result<Draft>(const Task &, const QDateTime &)> &edit)
{
    const QDateTime at = now();
    auto changes = commit(ownerId, opId, at, [&](WriteContext &context) -> Result<QList<Draft>> {
        auto current = context.taskById(taskId);
        if (!current)
            return current.error();
        if (!current.value() || current.value()->ownerId != ownerId)
            return notFound();
        // A deleted task is NotFound (below), whatever revision the caller had.
        if (baseRevision && !current.value()->isDeleted() && *baseRevision != current.value()->revision)
            return staleRevision(*current.value(), *baseRevision);
        auto draft = edit(*current.value(), at);
        if (!draft)
            return draft.error();
        return QList<Draft>{std::move(draft).value()};
    });
    if (!changes)
        return changes.error();
    return changes->constFirst();
}

Result<Change> TaskService::update(const QUuid &ownerId, const QUuid &taskId, const TaskPatch &patch,
                                   std::optional<qint64> baseRevision, const QUuid &opId)
{
    return mutateOne(ownerId, taskId, opId, baseRevision,
                     [&](const Task &current, const QDateTime &at) -> Result<Draft> {
                         if (current.isDeleted())
                             return notFound();
                         // patchedTask() holds every rule, a repeating task's completion too.
                         const Task next = patchedTask(current, patch, at);
                         if (auto valid = validateTask(next); !valid)
                             return valid.error();
                         // An update whose only effect is the status is reported as such.
                         Task statusOnly = current;
                         statusOnly.status = next.status;
                         statusOnly.completedAt = next.completedAt;
                         statusOnly.updatedAt = next.updatedAt;
                         statusOnly.revision = next.revision;
                         const bool onlyStatus = next.status != current.status && statusOnly == next;
                         return Draft{onlyStatus ? ChangeKind::TaskStatusChanged : ChangeKind::TaskUpdated, next};
                     });
}

Result<Change> TaskService::setStatus(const QUuid &ownerId, const QUuid &taskId, TaskStatus status,
                                      std::optional<qint64> baseRevision, const QUuid &opId)
{
    return mutateOne(ownerId, taskId, opId, baseRevision,
                     [&](const Task &current, const QDateTime &at) -> Result<Draft> {
                         if (current.isDeleted())
                             return notFound();
                         TaskPatch patch;
                         patch.status = status;
                         // Completing a repeating task moves its due on: a task_updated.
                         const Task next = patchedTask(current, patch, at);
                         const bool moved = next.due != current.due || next.lastCompletedAt != current.lastCompletedAt;
                         return Draft{moved ? ChangeKind::TaskUpdated : ChangeKind::TaskStatusChanged, next};
                     });
}

Result<Change> TaskService::remove(const QUuid &ownerId, const QUuid &taskId, std::optional<qint64> baseRevision,
                                   const QUuid &opId)
{
    return mutateOne(ownerId, taskId, opId, baseRevision,
                     [&](const Task &current, const QDateTime &at) -> Result<Draft> {
                         if (current.isDeleted())
                             return notFound();
                         Task tombstone = current;
                         tombstone.deletedAt = at;
                         tombstone.updatedAt = at;
                         tombstone.revision = current.revision + 1;
                         return Draft{ChangeKind::TaskDeleted, tombstone};
                     });
}

Result<Change> TaskService::restore(const QUuid &ownerId, const QUuid &taskId, const QUuid &opId)
{
    return mutateOne(ownerId, taskId, opId, std::nullopt,
                     [&](const Task &current, const QDateTime &at) -> Result<Draft> {
                         if (!current.isDeleted())
                             return Error::conflict(QStringLiteral("the task is not deleted"),
                                                    QJsonObject{{QStringLiteral("task"), taskToJson(current)}});
                         Task restored = current;
                         restored.deletedAt = QDateTime();
                         restored.updatedAt = at;
                         restored.revision = current.revision + 1;
                         return Draft{ChangeKind::TaskCreated, restored};
                     });
}

Result<Task> TaskService::get(const QUuid &ownerId, const QUuid &taskId) const
{
    auto task = m_store.task(ownerId, taskId);
    if (!task)
        return task.error();
    if (!task.value())
        return notFound();
    return *task.value();
}

Result<TaskList> TaskService::query(const QUuid &ownerId, const TaskQuery &query) const
{
    if (query.limit < 0)
        return Error::validation(QStringLiteral("limit"), QStringLiteral("must not be negative"));
    if (query.dueAfter.isValid() && query.dueBefore.isValid() && query.dueAfter > query.dueBefore)
        return Error::validation(QStringLiteral("dueAfter"), QStringLiteral("must not be later than dueBefore"));
    return m_store.tasks(ownerId, query);
}

} // namespace tandem
