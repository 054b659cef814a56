#include "maintenance.h"

#include "store/store.h"

#include <QLoggingCategory>
#include <QThreadPool>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcMaintenance, "tandem.maintenance")
constexpr int dayMs = 24 * 60 * 60 * 1000;
} // namespace

Maintenance::Maintenance(Store &store, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
{
    m_pool.setMaxThreadCount(1);
    m_timer.setInterval(dayMs);
    connect(&m_timer, &QTimer::timeout, this, &Maintenance::runOnce);
}

Maintenance::~Maintenance()
{
    m_timer.stop();
    // The job holds a reference to the store: let it finish, and let its
    // thread (and that thread's database connection) end while the store lives.
    m_pool.waitForDone();
}

void Maintenance::start()
{
    runOnce();
    m_timer.start();
}

void Maintenance::runOnce()
{
    const QDateTime now = nowFrom(m_clock);
    const QDateTime cutoff = now.addDays(-RetentionDays);
    Store *store = &m_store;
    m_pool.start([store, cutoff] {
        auto stats = store->compact(cutoff);
        if (!stats) {
            qCWarning(lcMaintenance) << "could not trim old history:" << stats.error().message;
            return;
        }
        if (stats->changes || stats->operations || stats->tombstones)
            qCInfo(lcMaintenance) << "trimmed history older than" << cutoff << ":" << stats->changes << "changes,"
                                  << stats->operations << "operation records," << stats->tombstones << "tombstones";
    });
}

} // namespace tandem
