#pragma once

#include "domain/change.h"

#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QUuid>

namespace tandem {

class TaskReplica;
class TaskService;

// Drives a TaskReplica from this process's TaskService: load() reads every
// task of the owner on a worker thread (and builds the replica's contents
// there), then every committed change is applied as TaskService::changed
// reports it. Changes that commit while a load runs are kept and applied
// after it, when newer than what it read. A failed load is reported
// through TaskReplica::loadFailed.
class TaskReplicaFeed final : public QObject
{
    Q_OBJECT

public:
    TaskReplicaFeed(TaskService &service, TaskReplica &replica, const QUuid &ownerId, QObject *parent = nullptr);
    // Waits for a load under way (its result is dropped).
    ~TaskReplicaFeed() override;
    Q_DISABLE_COPY_MOVE(TaskReplicaFeed)

    // Starts a load; a newer load supersedes one under way.
    void load();
    // Applies one committed change (ignored for other owners and non-tasks).
    void applyChange(const Change &change);

private:
    TaskService &m_service;
    TaskReplica &m_replica;
    QUuid m_ownerId;
    QThreadPool m_pool; // one thread that never expires: it keeps its database connection
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<Change> m_pending; // changes that arrived while a load ran
};

} // namespace tandem
