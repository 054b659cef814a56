#include "taskundocommand.h"

#include <utility>

namespace tandem {

TaskUndoCommand::TaskUndoCommand(const QString &text, QList<TaskUndoStep> steps, Replay replay)
    : QUndoCommand(text)
    , m_steps(std::move(steps))
    , m_replay(std::move(replay))
{ }

void TaskUndoCommand::undo()
{
    m_replay(m_steps, true);
}

void TaskUndoCommand::redo()
{
    // QUndoStack::push() calls redo() on a change that has already committed.
    if (std::exchange(m_applied, false))
        return;
    m_replay(m_steps, false);
}

} // namespace tandem
