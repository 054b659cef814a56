#pragma once

// SyncClient's logging category, shared by its parts: syncclient.cpp (the
// connection), syncclientreplica.cpp (the confirmed state) and
// syncclientoutbox.cpp (the outbox and the visible state). Private to core/sync.

#include <QLoggingCategory>

namespace tandem::sync::detail {
Q_DECLARE_LOGGING_CATEGORY(lcClient)
}
