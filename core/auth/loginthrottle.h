#pragma once

#include "domain/clock.h"
#include "domain/result.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>
#include <chrono>

namespace tandem {

// Slows down password guessing, in memory, on three counts: per account and
// client address together (its case-folded username and the address), per
// account from anywhere, and per address over all accounts. Each count has a
// number of free consecutive failures (PairFreeFailures, AccountFreeFailures,
// AddressFreeFailures); after failure n of a count (n >= its free number) the
// next attempt it covers is refused until 2^(n - free) seconds after that
// failure (1 s, 2 s, 4 s, ... at most MaxDelay). So on loopback, where every
// client shares one address, someone mistyping their password five times
// waits alone; others are slowed only after far more failures from that
// address. A refused attempt is not a failure: it neither counts nor extends
// the wait. A success clears its account's counts (the pair and the account);
// the address's count is cleared only by time, so one good password does not
// reset a sweep over many accounts. Counts idle for a day are forgotten.
//
// Thread-safe. Each Tandem process keeps its own counts.
class LoginThrottle final
{
public:
    static constexpr int PairFreeFailures = 5;
    static constexpr int AccountFreeFailures = 20;
    static constexpr int AddressFreeFailures = 100;
    static constexpr int FreeFailures = PairFreeFailures; // the first limit a person meets
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
    struct Key
    {
        QString key; // empty: not tracked
        int freeFailures = 0;
    };

    // The counts an attempt by `username` from `address` touches.
    static std::array<Key, 3> keysFor(const QString &username, const QString &address);
    // Milliseconds until `entry` allows another attempt at `now` (0: allowed).
    static qint64 waitMs(const Entry &entry, int freeFailures, const QDateTime &now);
    void forgetIdle(const QDateTime &now);

    Clock m_clock;
    mutable QMutex m_mutex;
    QHash<QString, Entry> m_entries; // keys "p:<address>/<folded username>", "a:<folded username>", "i:<address>"
};

} // namespace tandem
