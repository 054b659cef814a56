#pragma once

#include "domain/change.h"
#include "domain/clock.h"
#include "domain/result.h"
#include "store/store.h"

namespace tandem {

// The common tail of every mutation: commit through the store, then emit
// `signal` once per change-log row written (none for a replayed opId).
template<typename Service>
Result<QList<Change>> commitAndNotify(Store &store, Service *service, void (Service::*signal)(const Change &),
                                      const QUuid &ownerId, const QUuid &opId, const QDateTime &at,
                                      const Mutation &mutation)
{
    auto changes = store.write(ownerId, opId, at, mutation);
    if (!changes)
        return changes;
    for (const Change &change : std::as_const(changes.value())) {
        if (!change.replayed)
            Q_EMIT(service->*signal)(change);
    }
    return changes;
}

} // namespace tandem
