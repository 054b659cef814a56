#include "loginthrottle.h"

#include <QMutexLocker>

#include <algorithm>

namespace tandem {

namespace {

// Sweep idle counts once the table is this big, so a stream of made-up names
// or addresses cannot grow it without bound.
constexpr qsizetype sweepThreshold = 4096;
constexpr qint64 forgetAfterSecs = 24 * 60 * 60;

} // namespace

LoginThrottle::LoginThrottle(Clock clock)
    : m_clock(std::move(clock))
{ }

std::array<LoginThrottle::Key, 3> LoginThrottle::keysFor(const QString &username, const QString &address)
{
    const QString folded = username.toCaseFolded();
    if (address.isEmpty()) // one unknown place: the pair's limit, and the account's
        return {Key{QStringLiteral("p:/") + folded, PairFreeFailures},
                Key{QStringLiteral("a:") + folded, AccountFreeFailures}, Key{}};
    return {Key{QStringLiteral("p:") + address + u'/' + folded, PairFreeFailures},
            Key{QStringLiteral("a:") + folded, AccountFreeFailures},
            Key{QStringLiteral("i:") + address, AddressFreeFailures}};
}

qint64 LoginThrottle::waitMs(const Entry &entry, int freeFailures, const QDateTime &now)
{
    if (entry.failures < freeFailures)
        return 0;
    // 2^(failures - free) seconds, capped; the shift is bounded so it cannot overflow.
    const int exponent = std::min(entry.failures - freeFailures, 20);
    const qint64 delaySecs = std::min<qint64>(qint64(1) << exponent, MaxDelay.count());
    const qint64 until = entry.lastFailure.toMSecsSinceEpoch() + delaySecs * 1000;
    return std::max<qint64>(0, until - now.toMSecsSinceEpoch());
}

Result<void> LoginThrottle::check(const QString &username, const QString &address) const
{
    const QDateTime now = nowFrom(m_clock);
    qint64 wait = 0;
    {
        QMutexLocker lock(&m_mutex);
        for (const Key &key : keysFor(username, address)) {
            if (key.key.isEmpty())
                continue;
            const auto it = m_entries.constFind(key.key);
            if (it != m_entries.cend())
                wait = std::max(wait, waitMs(*it, key.freeFailures, now));
        }
    }
    if (wait == 0)
        return {};
    const int retryAfter = int((wait + 999) / 1000);
    Error error = Error::rateLimited(
        QStringLiteral("too many failed sign-in attempts; try again in %1 s").arg(retryAfter), retryAfter);
    error.reason = QStringLiteral("rate_limited");
    return error;
}

void LoginThrottle::recordFailure(const QString &username, const QString &address)
{
    const QDateTime now = nowFrom(m_clock);
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= sweepThreshold)
        forgetIdle(now);
    for (const Key &key : keysFor(username, address)) {
        if (key.key.isEmpty())
            continue;
        Entry &entry = m_entries[key.key];
        if (entry.lastFailure.isValid() && entry.lastFailure.secsTo(now) > forgetAfterSecs)
            entry.failures = 0;
        ++entry.failures;
        entry.lastFailure = now;
    }
}

void LoginThrottle::recordSuccess(const QString &username, const QString &address)
{
    const auto keys = keysFor(username, address);
    QMutexLocker lock(&m_mutex);
    // The pair and the account; never the address (see the class comment).
    for (const Key &key : keys) {
        if (!key.key.isEmpty() && !key.key.startsWith(u"i:"))
            m_entries.remove(key.key);
    }
}

void LoginThrottle::forgetIdle(const QDateTime &now)
{
    const qint64 cutoff = now.toMSecsSinceEpoch() - forgetAfterSecs * 1000;
    m_entries.removeIf([cutoff](const auto &it) { return it.value().lastFailure.toMSecsSinceEpoch() < cutoff; });
}

} // namespace tandem
