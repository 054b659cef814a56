#pragma once

#include "assistant/quickadd.h"
#include "domain/task.h"

#include <QList>
#include <QObject>
#include <QUuid>

namespace tandem {

class BackgroundRunner;
class TaskService;

// The dashboard's edits, run through TaskService on the background worker.
// Views call these and forget: the rows change when the committed change
// comes back through TaskService::changed, like any other writer's.
class TaskActions final : public QObject
{
    Q_OBJECT

public:
    TaskActions(TaskService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TaskActions)

    // Adds a task from what was typed in the quick-add line: the title, and
    // any due date, priority and #tags in it (see assistant::QuickAddParser).
    void create(const QString &text);
    void setStatus(const QUuid &taskId, TaskStatus status);
    void remove(const QList<QUuid> &taskIds);
    // Brings back the tasks of the last remove(), with the same ids.
    void undoRemove();
    bool canUndoRemove() const { return !m_lastRemoved.isEmpty(); }

Q_SIGNALS:
    // A change was refused or could not be stored; nothing changed. The
    // message says why, in words for the user.
    void failed(const QString &message);
    // remove() deleted `count` tasks; `title` names the first.
    void removed(int count, const QString &title);
    void undoAvailableChanged(bool available);

private:
    TaskService &m_service;
    BackgroundRunner &m_runner;
    QUuid m_ownerId;
    QList<QUuid> m_lastRemoved;
};

// The quick-add line's reading of `text`, in this computer's time zone and locale.
assistant::QuickAdd parseQuickAdd(const QString &text);

} // namespace tandem
