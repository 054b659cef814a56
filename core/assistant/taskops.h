#pragma once

#include "conversation.h"
#include "domain/change.h"
#include "domain/chat.h"
#include "domain/result.h"
#include "domain/task.h"

#include <QList>
#include <QUuid>

#include <functional>

namespace tandem {
class TaskService;
}

namespace tandem::assistant {

class TaskCatalog;

// Carries out the assistant's task changes through TaskService (the one
// mutation path), keeps the catalog current, and records what each change
// did: the actions for the message, and the steps for undo and redo.
class TaskOps final
{
public:
    // `nextOpId` gives each change its opId (derived from the message's, so a
    // retried message repeats rather than duplicates).
    TaskOps(TaskService &tasks, TaskCatalog &catalog, const QUuid &ownerId, std::function<QUuid()> nextOpId);
    Q_DISABLE_COPY_MOVE(TaskOps)

    Result<Task> create(const TaskDraft &draft);
    Result<Task> update(QUuid taskId, const TaskPatch &patch);
    Result<Task> setStatus(QUuid taskId, TaskStatus status);
    Result<Task> remove(QUuid taskId);
    Result<Task> restore(QUuid taskId);

    // Reverses `group` (last step first) / applies it again, as new changes.
    // `applied` says how many steps went through, also when one fails.
    Result<void> undo(const StepGroup &group, qsizetype *applied = nullptr);
    Result<void> redo(const StepGroup &group, qsizetype *applied = nullptr);

    // Takes the last group off `from` (the undo or redo stack) and undoes or
    // redoes it; what went through moves to `to`, and when a step fails the
    // rest stays on `from`, so nothing of the history is lost.
    Result<StepGroup> undoLast(QList<StepGroup> &from, QList<StepGroup> &to, bool undo);

    const QList<TaskAction> &actions() const { return m_actions; }
    const StepGroup &steps() const { return m_steps; }

private:
    Result<Task> record(Result<Change> change, TaskActionKind kind);

    TaskService &m_tasks;
    TaskCatalog &m_catalog;
    QUuid m_ownerId;
    std::function<QUuid()> m_nextOpId;
    QList<TaskAction> m_actions;
    StepGroup m_steps;
};

// A patch read back from an undo record (taskPatchToJson wrote it); an
// unreadable record is an empty patch.
TaskPatch patchFromJson(const QJsonObject &json);
// The same fields as `patch` sets, with the values `task` has now; for a
// status change of a repeating task also its due and lastCompletedAt (what
// completing an occurrence changes), so the result undoes it.
TaskPatch patchOfCurrent(const Task &task, const TaskPatch &patch);

} // namespace tandem::assistant
