#pragma once

#include "assistant/quickadd.h"
#include "domain/change.h"
#include "domain/task.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QUuid>

#include <functional>
#include <memory>

class QUndoStack;

namespace tandem {

class BackgroundRunner;
class TaskService;
struct TaskUndoStep;

// The dashboard's edits, run through TaskService on the background worker.
// Views call these and forget: the rows change when the committed change
// comes back through TaskService::changed, like any other writer's. Every
// change that commits lands on the window's undo stack; undoing applies the
// inverse with the revision this window left, so a change made elsewhere in
// between is reported (failed()) and the stack is cleared, never overwritten.
class TaskActions final : public QObject
{
    Q_OBJECT

public:
    TaskActions(TaskService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TaskActions)

    // Adds a task from what was typed in the quick-add line: the title, and
    // any due date, priority and #tags in it (see assistant::QuickAddParser).
    void create(const QString &text);
    // Every edit carries the revision the user saw: a task changed elsewhere
    // in between is answered by conflicted(), never overwritten.
    void setStatus(const QUuid &taskId, TaskStatus status, qint64 revision);
    // Changes the fields set in `patch`. An empty title is refused here, with
    // failed(titleRequiredMessage()), before anything is sent; so is an empty
    // patch. Returns whether the edit was sent.
    bool update(const QUuid &taskId, const TaskPatch &patch, qint64 revision);
    static QString titleRequiredMessage();
    void remove(const QList<QUuid> &taskIds);
    // Undo and redo of every change above (Edit ▸ Undo, the toast's Undo).
    QUndoStack *undoStack() const { return m_undoStack; }

Q_SIGNALS:
    // A change was refused or could not be stored; nothing changed. The
    // message says why, in words for the user.
    void failed(const QString &message);
    // remove() deleted `count` tasks; `title` names the first. Fires after
    // the deletion is on the undo stack.
    void removed(int count, const QString &title);
    // setStatus() completed the task; fires after it is on the undo stack.
    void completed(const QString &title);
    // A change of this window's committed (an edit, an add, a delete, an undo
    // or redo): whatever said a save failed is no longer true.
    void saved();
    // An edit committed; `task` is its new state.
    void updated(const tandem::Task &task);
    // An edit was refused because the task had changed since `revision`;
    // `current` is the task as it is now.
    void conflicted(const tandem::Task &current);
    // An edit found the task gone (deleted elsewhere).
    void vanished(const QUuid &taskId);
    // Any writer (this window, another device, the assistant) committed a
    // change to one of the owner's tasks; a deletion carries the tombstone
    // (Task::isDeleted()). Fires on the GUI thread after the commit.
    void taskCommitted(const tandem::Task &task);

private:
    using Describe = std::function<void(const Task &before, const Task &after)>;
    void runEdit(const QUuid &taskId, qint64 revision, std::function<Result<Change>()> edit, Describe onDone);
    void push(const QString &text, QList<TaskUndoStep> steps);
    void replay(const QList<TaskUndoStep> &steps, bool undo);

    TaskService &m_service;
    BackgroundRunner &m_runner;
    QUuid m_ownerId;
    QUndoStack *m_undoStack = nullptr;
    // Each task's revision after this window's last write; read and written
    // on the worker only (one job at a time), so it needs no lock.
    std::shared_ptr<QHash<QUuid, qint64>> m_written;
};

// The quick-add line's reading of `text`, in this computer's time zone and locale.
assistant::QuickAdd parseQuickAdd(const QString &text);

} // namespace tandem
