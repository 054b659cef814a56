#include "taskops.h"

#include "catalog.h"
#include "domain/json.h"
#include "services/taskservice.h"

#include <QJsonArray>

namespace tandem::assistant {

TaskPatch patchFromJson(const QJsonObject &json)
{
    auto patch = taskPatchFromJson(json);
    return patch ? patch.value() : TaskPatch{};
}

TaskPatch patchOfCurrent(const Task &task, const TaskPatch &patch)
{
    TaskPatch current;
    if (patch.title)
        current.title = task.title;
    if (patch.description)
        current.description = task.description;
    if (patch.status)
        current.status = task.status;
    if (patch.priority)
        current.priority = task.priority;
    if (patch.due)
        current.due = task.due;
    if (patch.tags)
        current.tags = task.tags;
    if (patch.repeat)
        current.repeat = task.repeat;
    // Completing a repeating task also moves its due and records the
    // completion, so taking a status back restores those as they were.
    if (patch.repeat || patch.status || patch.lastCompletedAt)
        current.lastCompletedAt = task.lastCompletedAt;
    if ((patch.status || patch.repeat) && task.repeat)
        current.due = task.due;
    return current;
}

TaskOps::TaskOps(TaskService &tasks, TaskCatalog &catalog, const QUuid &ownerId, std::function<QUuid()> nextOpId)
    : m_tasks(tasks)
    , m_catalog(catalog)
    , m_ownerId(ownerId)
    , m_nextOpId(std::move(nextOpId))
{ }

Result<Task> TaskOps::record(Result<Change> change, TaskActionKind kind)
{
    if (!change)
        return change.error();
    const Task task = *change->task();
    m_catalog.apply(task);
    m_actions.append(TaskAction{kind, task.id, task.title});
    return task;
}

Result<Task> TaskOps::create(const TaskDraft &draft)
{
    auto task = record(m_tasks.create(m_ownerId, draft, m_nextOpId()), TaskActionKind::Created);
    if (task)
        m_steps.append(Step{Step::Kind::Create, task->id, task->title, {}, {}});
    return task;
}

Result<Task> TaskOps::update(QUuid taskId, const TaskPatch &patch)
{
    // The catalog is current (refreshed at the start of the turn, and fed
    // every change since); fall back to the store for a task it lacks.
    Result<Task> before = Error::notFound({});
    if (const auto *entry = m_catalog.find(taskId))
        before = entry->task;
    else
        before = m_tasks.get(m_ownerId, taskId);
    if (!before)
        return before.error();
    TaskActionKind kind = TaskActionKind::Updated;
    if (patch.status && !patch.title && !patch.description && !patch.priority && !patch.due && !patch.tags) {
        if (*patch.status == TaskStatus::Completed)
            kind = TaskActionKind::Completed;
        else if (before->status == TaskStatus::Completed)
            kind = TaskActionKind::Reopened;
    }
    auto task = record(m_tasks.update(m_ownerId, taskId, patch, std::nullopt, m_nextOpId()), kind);
    if (task)
        m_steps.append(Step{Step::Kind::Update, taskId, task->title,
                            taskPatchToJson(patchOfCurrent(before.value(), patch)),
                            taskPatchToJson(patchOfCurrent(task.value(), patch))});
    return task;
}

Result<Task> TaskOps::setStatus(QUuid taskId, TaskStatus status)
{
    TaskPatch patch;
    patch.status = status;
    return update(taskId, patch);
}

Result<Task> TaskOps::remove(QUuid taskId)
{
    auto task = record(m_tasks.remove(m_ownerId, taskId, std::nullopt, m_nextOpId()), TaskActionKind::Deleted);
    if (task)
        m_steps.append(Step{Step::Kind::Delete, taskId, task->title, {}, {}});
    return task;
}

Result<Task> TaskOps::restore(QUuid taskId)
{
    auto task = record(m_tasks.restore(m_ownerId, taskId, m_nextOpId()), TaskActionKind::Restored);
    if (task)
        m_steps.append(Step{Step::Kind::Restore, taskId, task->title, {}, {}});
    return task;
}

Result<void> TaskOps::undo(const StepGroup &group, qsizetype *applied)
{
    if (applied)
        *applied = 0;
    for (auto it = group.crbegin(); it != group.crend(); ++it) {
        Result<Task> done = Error::storage({});
        switch (it->kind) {
        case Step::Kind::Create:
        case Step::Kind::Restore:
            done = remove(it->taskId);
            break;
        case Step::Kind::Delete:
            done = restore(it->taskId);
            break;
        case Step::Kind::Update:
            done = update(it->taskId, patchFromJson(it->before));
            break;
        }
        if (!done)
            return done.error();
        if (applied)
            ++*applied;
    }
    return {};
}

Result<void> TaskOps::redo(const StepGroup &group, qsizetype *applied)
{
    if (applied)
        *applied = 0;
    for (const Step &step : group) {
        Result<Task> done = Error::storage({});
        switch (step.kind) {
        case Step::Kind::Create:
        case Step::Kind::Restore:
            done = restore(step.taskId); // undo deleted it; the same id comes back
            break;
        case Step::Kind::Delete:
            done = remove(step.taskId);
            break;
        case Step::Kind::Update:
            done = update(step.taskId, patchFromJson(step.after));
            break;
        }
        if (!done)
            return done.error();
        if (applied)
            ++*applied;
    }
    return {};
}

Result<StepGroup> TaskOps::undoLast(QList<StepGroup> &from, QList<StepGroup> &to, bool undo)
{
    const StepGroup group = from.takeLast();
    qsizetype applied = 0;
    auto done = undo ? this->undo(group, &applied) : redo(group, &applied);
    // An undo goes last step first; a redo first step first.
    const StepGroup went = undo ? group.mid(group.size() - applied) : group.first(applied);
    const StepGroup left = undo ? group.first(group.size() - applied) : group.mid(applied);
    if (!went.isEmpty())
        to.append(went);
    if (!left.isEmpty())
        from.append(left);
    if (!done)
        return done.error();
    return group;
}

} // namespace tandem::assistant
