#pragma once

#include "domain/clock.h"
#include "domain/result.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <chrono>

namespace tandem {

// Slows down password guessing, in memory, per account (its case-folded
// username) and per client address. The first FreeFailures consecutive
// failures cost nothing; after failure n (n >= FreeFailures) the next attempt
// is refused until 2^(n - FreeFailures) seconds after that failure (1 s, 2 s,
// 4 s, ... at most MaxDelay). A refused attempt is not a failure: it neither
// counts nor extends the wait. A success clears the account's and the
// address's counts. Counts idle for a day are forgotten.
//
// Thread-safe. Each Tandem process keeps its own counts.
class LoginThrottle final
{
public:
    static constexpr int FreeFailures = 5;
    static constexpr std::chrono::seconds MaxDelay{15 * 60};

    explicit LoginThrottle(Clock clock = {});
    Q_DISABLE_COPY_MOVE(LoginThrottle)

    // Ok, or RateLimited (reason "rate_limited") with details["retryAfter"]:
    // the whole seconds to wait (at least 1). An empty address is not tracked.
    Result<void> check(const QString &username, const QString &address) const;
    void recordFailure(const QString &username, const QString &address);
    void recordSuccess(const QString &username, const QString &address);

private:
    struct Entry
    {
        int failures = 0;
        QDateTime lastFailure;
    };

    static QString accountKey(const QString &username);
    static QString addressKey(const QString &address);
    // Milliseconds until `entry` allows another attempt at `now` (0: allowed).
    static qint64 waitMs(const Entry &entry, const QDateTime &now);
    void forgetIdle(const QDateTime &now);

    Clock m_clock;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries; // keys "a:<folded username>" and "i:<address>"
};

} // namespace tandem
