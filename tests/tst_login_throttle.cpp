// LoginThrottle: exponential backoff after 5 consecutive failures, per
// account and client address, per account and per address, on an injected clock.
#include "auth/loginthrottle.h"
#include "testdatabase.h"

#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace tandem;

namespace {
const QString alice = QStringLiteral("alice");
const QString home = QStringLiteral("192.0.2.1");
} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now;
    std::unique_ptr<LoginThrottle> m_throttle;

    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

    void fail(int times, const QString &username = alice, const QString &address = home)
    {
        for (int i = 0; i < times; ++i)
            m_throttle->recordFailure(username, address);
    }

    // 0 when allowed, else the retryAfter the refusal carries.
    int retryAfter(const QString &username = alice, const QString &address = home) const
    {
        auto allowed = m_throttle->check(username, address);
        if (allowed)
            return 0;
        return allowed.error().details.value(QStringLiteral("retryAfter")).toInt(-1);
    }

private Q_SLOTS:
    void init()
    {
        m_now = QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC);
        m_throttle = std::make_unique<LoginThrottle>([this] { return m_now; });
    }

    void check_fourFailures_stillAllowed()
    {
        fail(4);
        QCOMPARE(retryAfter(), 0);
    }

    void check_fiveFailures_rateLimitedForOneSecond()
    {
        fail(5);
        auto refused = m_throttle->check(alice, home);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::RateLimited);
        QCOMPARE(refused.error().wireCode(), QStringLiteral("rate_limited"));
        QCOMPARE(refused.error().details.value(QStringLiteral("retryAfter")).toInt(), 1);
        advanceMs(999);
        QCOMPARE(retryAfter(), 1); // ceil(1 ms)
        advanceMs(1);
        QCOMPARE(retryAfter(), 0);
    }

    void check_furtherFailures_doubleTheWait()
    {
        fail(5);
        QList<int> waits;
        for (int i = 0; i < 6; ++i) {
            const int wait = retryAfter();
            waits.append(wait);
            advanceMs(wait * 1000);
            QCOMPARE(retryAfter(), 0);
            fail(1);
        }
        QCOMPARE(waits, (QList<int>{1, 2, 4, 8, 16, 32}));
    }

    void check_manyFailures_cappedAtFifteenMinutes()
    {
        fail(5 + 9); // 2^9 = 512 s: under the cap
        QCOMPARE(retryAfter(), 512);
        fail(1); // 1024 s: capped
        QCOMPARE(retryAfter(), 900);
        fail(40); // no overflow however many
        QCOMPARE(retryAfter(), 900);
        advanceMs(900 * 1000);
        QCOMPARE(retryAfter(), 0);
    }

    void check_refusedAttempts_doNotExtendTheWait()
    {
        fail(6); // 2 s
        for (int i = 0; i < 10; ++i) {
            QVERIFY(retryAfter() > 0);
            advanceMs(150);
        }
        QCOMPARE(retryAfter(), 1); // 1.5 s gone, 0.5 s left
        advanceMs(500);
        QCOMPARE(retryAfter(), 0);
    }

    void check_oneAccountsFailures_leaveOthersOnTheSameAddressAlone()
    {
        // Loopback: every client shares 127.0.0.1. Bob mistyping locks only Bob there.
        const QString loopback = QStringLiteral("127.0.0.1");
        fail(LoginThrottle::PairFreeFailures, QStringLiteral("bob"), loopback);
        QCOMPARE(retryAfter(QStringLiteral("bob"), loopback), 1);
        QCOMPARE(retryAfter(alice, loopback), 0);
        QCOMPARE(retryAfter(QStringLiteral("bob"), QStringLiteral("198.51.100.7")), 0);
    }

    void check_perAddress_onlyAfterFarMoreFailures()
    {
        const int limit = LoginThrottle::AddressFreeFailures;
        QVERIFY(limit >= 10 * LoginThrottle::PairFreeFailures);
        for (int i = 0; i < limit - 1; ++i)
            m_throttle->recordFailure(QStringLiteral("user%1").arg(i), home);
        QCOMPARE(retryAfter(QStringLiteral("someone-new"), home), 0);
        m_throttle->recordFailure(QStringLiteral("one-more"), home);
        QCOMPARE(retryAfter(QStringLiteral("someone-new"), home), 1);
        QCOMPARE(retryAfter(QStringLiteral("someone-new"), QStringLiteral("198.51.100.7")), 0);
        // A success does not reset a sweep over many accounts.
        m_throttle->recordSuccess(QStringLiteral("user0"), home);
        QCOMPARE(retryAfter(QStringLiteral("someone-new"), home), 1);
    }

    void check_perAccount_locksThatAccountFromOtherAddresses()
    {
        const int limit = LoginThrottle::AccountFreeFailures;
        for (int i = 0; i < limit - 1; ++i)
            m_throttle->recordFailure(alice, QStringLiteral("203.0.113.%1").arg(i));
        QCOMPARE(retryAfter(alice, QStringLiteral("198.51.100.7")), 0);
        m_throttle->recordFailure(alice, QStringLiteral("203.0.113.250"));
        QCOMPARE(retryAfter(alice, QStringLiteral("198.51.100.7")), 1);
        QCOMPARE(retryAfter(QStringLiteral("bob"), QStringLiteral("198.51.100.7")), 0);
    }

    void check_accountIgnoresCase()
    {
        fail(3, QStringLiteral("Alice"), QString());
        fail(2, QStringLiteral("ALICE"), QString());
        QCOMPARE(retryAfter(QStringLiteral("alice"), QString()), 1);
    }

    void check_emptyAddress_notTracked()
    {
        for (int i = 0; i < 5; ++i)
            m_throttle->recordFailure(QStringLiteral("user%1").arg(i), QString());
        QCOMPARE(retryAfter(QStringLiteral("someone-new"), QString()), 0);
    }

    void recordSuccess_resetsAccountAndAddress()
    {
        fail(4);
        m_throttle->recordSuccess(alice, home);
        fail(4);
        QCOMPARE(retryAfter(), 0); // 4 consecutive, not 8
        fail(1);
        QCOMPARE(retryAfter(), 1);
        advanceMs(1000);
        m_throttle->recordSuccess(alice, home);
        fail(1, QStringLiteral("bob"), home);
        QCOMPARE(retryAfter(), 0);
        QCOMPARE(retryAfter(QStringLiteral("bob"), home), 0);
    }

    void recordFailure_afterADayIdle_startsAgain()
    {
        fail(5);
        advanceMs(qint64(25) * 60 * 60 * 1000);
        fail(1);
        QCOMPARE(retryAfter(), 0);
    }

    void recordFailure_concurrently_countsEveryFailure()
    {
        QList<QFuture<void>> workers;
        for (int t = 0; t < 4; ++t)
            workers.append(QtConcurrent::run([this] { fail(2); }));
        for (auto &worker : workers)
            worker.waitForFinished();
        QCOMPARE(retryAfter(), 8); // 8 failures: 2^3 s
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_login_throttle.moc"
