#pragma once

#include "domain/change.h"
#include "domain/result.h"
#include "domain/task.h"
#include "domain/taskquery.h"
#include "services/servicesupport.h"
#include "store/store.h"

#include <QObject>
#include <QUuid>

#include <functional>
#include <optional>

namespace tandem {

// The only way tasks change. Every mutation validates its input, commits
// through the store together with its change-log row, and then emits
// changed(). Thread-safe: call it from any thread (the GUI calls it from a
// worker so the fsync never blocks painting).
class TaskService final : public QObject
{
    Q_OBJECT

public:
    explicit TaskService(Store &store, Clock clock = {}, QObject *parent = nullptr);

    // The service's clock: what "now" and "today" are for its changes and for
    // the smart lists of every surface.
    QDateTime now() const;
    Q_DISABLE_COPY_MOVE(TaskService)

    Result<Change> create(const QUuid &ownerId, const TaskDraft &draft, const QUuid &opId = QUuid::createUuid());
    // Creates every draft in one transaction (an import); all or nothing.
    Result<QList<Change>> createMany(const QUuid &ownerId, const QList<TaskDraft> &drafts,
                                     const QUuid &opId = QUuid::createUuid());
    // `baseRevision`, when given, must be the task's current revision, else
    // the update fails with Conflict and details {"task": current}.
    Result<Change> update(const QUuid &ownerId, const QUuid &taskId, const TaskPatch &patch,
                          std::optional<qint64> baseRevision = std::nullopt, const QUuid &opId = QUuid::createUuid());
    // Completing a repeating task completes one occurrence (domain stampStatus):
    // one task_updated change with the next due and lastCompletedAt.
    Result<Change> setStatus(const QUuid &ownerId, const QUuid &taskId, TaskStatus status,
                             std::optional<qint64> baseRevision = std::nullopt,
                             const QUuid &opId = QUuid::createUuid());
    // Leaves a tombstone (a task_deleted change carrying the last state).
    Result<Change> remove(const QUuid &ownerId, const QUuid &taskId, std::optional<qint64> baseRevision = std::nullopt,
                          const QUuid &opId = QUuid::createUuid());
    // Brings a deleted task back with the same id (undo); a task_created change.
    Result<Change> restore(const QUuid &ownerId, const QUuid &taskId, const QUuid &opId = QUuid::createUuid());

    Result<Task> get(const QUuid &ownerId, const QUuid &taskId) const;
    Result<TaskList> query(const QUuid &ownerId, const TaskQuery &query) const;

Q_SIGNALS:
    // Fires once per committed change-log row, after the commit, on the thread
    // that committed; receivers on other threads get it queued. Never fires
    // for a repeated opId (nothing was written). The store already holds the
    // change when this fires, so reading it back is safe.
    void changed(const tandem::Change &change);

private:
    Result<Change> mutateOne(const QUuid &ownerId, const QUuid &taskId, const QUuid &opId,
                             std::optional<qint64> baseRevision,
                             const std::function<Result<Draft>(const Task &current, const QDateTime &now)> &edit);
    Result<QList<Change>> commit(const QUuid &ownerId, const QUuid &opId, const QDateTime &now,
                                 const Mutation &mutation);

    Store &m_store;
    Clock m_clock;
};

} // namespace tandem
