#pragma once

#include "domain/change.h"
#include "domain/clock.h"
#include "domain/result.h"
#include "store/store.h"

#include <QPointer>

namespace tandem {

// The common tail of every mutation: commit through the store, then emit
// `signal` once per change-log row written (none for a replayed opId), once
// the write has committed (at the end of a Store::inUnit if it joined one).
template<typename Service>
Result<QList<Change>> commitAndNotify(Store &store, Service *service, void (Service::*signal)(const Change &),
                                      const QUuid &ownerId, const QUuid &opId, const QDateTime &at,
                                      const Mutation &mutation)
{
    auto changes = store.write(ownerId, opId, at, mutation);
    if (!changes)
        return changes;
    // After the commit: at once, or when the unit of work this write joined commits.
    QList<Change> committed;
    for (const Change &change : std::as_const(changes.value())) {
        if (!change.replayed)
            committed.append(change);
    }
    if (!committed.isEmpty()) {
        QPointer<Service> guard(service);
        store.afterCommit([guard, signal, committed] {
            if (guard) {
                for (const Change &change : committed)
                    Q_EMIT(guard.data()->*signal)(change);
            }
        });
    }
    return changes;
}

} // namespace tandem
