#pragma once

#include "domain/change.h"
#include "domain/result.h"
#include "store/store.h"

#include <QDateTime>

#include <functional>

namespace tandem {

// Where services get the time: injected in tests, the system clock otherwise.
using Clock = std::function<QDateTime()>;

inline QDateTime nowFrom(const Clock &clock)
{
    return (clock ? clock() : QDateTime::currentDateTimeUtc()).toUTC();
}

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
