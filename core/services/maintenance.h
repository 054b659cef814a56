#pragma once

#include "services/taskservice.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

namespace tandem {

class Store;

// Keeps the change log, operation records and tombstones for the retention
// period (90 days) and drops what is older: once at start, then daily, on a
// worker thread so it never blocks the caller's event loop.
class Maintenance final : public QObject
{
    Q_OBJECT

public:
    static constexpr int RetentionDays = 90;

    explicit Maintenance(Store &store, Clock clock = {}, QObject *parent = nullptr);
    ~Maintenance() override;
    Q_DISABLE_COPY_MOVE(Maintenance)

    void start();

private:
    void runOnce();

    Store &m_store;
    Clock m_clock;
    QTimer m_timer;
    // Its own pool, not the global one: the global pool's threads outlive
    // main(), and with them their connections to a store long gone.
    QThreadPool m_pool;
};

} // namespace tandem
