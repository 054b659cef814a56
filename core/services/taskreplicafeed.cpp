#include "taskreplicafeed.h"

#include "services/taskreplica.h"
#include "services/taskservice.h"

#include <QMetaObject>
#include <QPointer>

#include <memory>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tandem {

TaskReplicaFeed::TaskReplicaFeed(TaskService &service, TaskReplica &replica, const QUuid &ownerId, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_replica(replica)
    , m_ownerId(ownerId)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_service, &TaskService::changed, this, &TaskReplicaFeed::applyChange);
}

TaskReplicaFeed::~TaskReplicaFeed()
{
    m_pool.waitForDone();
}

void TaskReplicaFeed::load()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_pending.clear();
    m_replica.setLoading(true);
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    QPointer<TaskReplicaFeed> self(this);
    m_pool.start([self, service, owner, generation] {
        TaskQuery everything;
        everything.sort = TaskSort::Created;
        everything.reversed = true; // oldest first
        auto contents = std::make_shared<TaskReplica::Contents>();
        qint64 seq = 0;
        QString error;
        {
            auto result = service->query(owner, everything);
            // Building the index (folding every title, the keys) happens here too.
            if (result) {
                seq = result->seq;
                *contents = TaskReplica::Contents(result->tasks);
            } else {
                error = result.error().message;
            }
        }
#if defined(__GLIBC__)
        // The store's rows and the list they came in are gone; their pages go
        // back to the system rather than stay resident for good.
        malloc_trim(0);
#endif
        // The feed waits for this job in its destructor, so it is alive here;
        // the queued call is dropped if it goes before the call runs.
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, contents, seq, error] {
                if (!self || generation != self->m_generation)
                    return; // a newer load is on its way
                self->m_loading = false;
                if (!error.isEmpty()) {
                    self->m_pending.clear();
                    self->m_replica.failLoad(error);
                    return;
                }
                self->m_replica.reset(std::move(*contents));
                const QList<Change> pending = std::exchange(self->m_pending, {});
                for (const Change &change : pending) {
                    if (change.seq > seq)
                        self->applyChange(change);
                }
            },
            Qt::QueuedConnection);
    });
}

void TaskReplicaFeed::applyChange(const Change &change)
{
    const Task *task = change.task();
    if (!task || change.ownerId != m_ownerId)
        return;
    if (m_loading) {
        m_pending.append(change);
        return;
    }
    m_replica.apply(*task);
}

} // namespace tandem
