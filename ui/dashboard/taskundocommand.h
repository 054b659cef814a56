#pragma once

#include "domain/change.h"
#include "domain/result.h"

#include <QList>
#include <QUndoCommand>
#include <QUuid>

#include <functional>

namespace tandem {

class TaskService;

// One task's half of an undoable change: how to take it back and how to do it
// again. Each runs on the worker with the revision this window's last write
// left the task at, so a change made elsewhere in between is a Conflict.
struct TaskUndoStep
{
    using Apply = std::function<Result<Change>(TaskService &service, const QUuid &ownerId, qint64 revision)>;
    QUuid taskId;
    QString title;
    Apply undo;
    Apply redo;
};

// A change this window made, on its QUndoStack. It was already applied when it
// is pushed, so the stack's first redo() does nothing; later undo()/redo()
// hand the steps to `replay`, which applies them through TaskService.
class TaskUndoCommand final : public QUndoCommand
{
public:
    using Replay = std::function<void(const QList<TaskUndoStep> &steps, bool undo)>;
    TaskUndoCommand(const QString &text, QList<TaskUndoStep> steps, Replay replay);

    void undo() override;
    void redo() override;

private:
    QList<TaskUndoStep> m_steps;
    Replay m_replay;
    bool m_applied = true;
};

} // namespace tandem
