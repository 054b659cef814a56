// Paired devices: one-time pairing codes redeemed for device tokens, the
// device list with last use, revocation and sign-out, on the engine named by
// TANDEM_TEST_ENGINE.
#include "auth/accountservice.h"
#include "auth/authservice.h"
#include "auth/credentials.h"
#include "auth/jwt.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QRegularExpression>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

using namespace tandem;
using namespace std::chrono_literals;

namespace {
const QByteArray signingKey(32, 'k');
const QString here = QStringLiteral("127.0.0.1");
} // namespace

class TestDevicePairing : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<AuthService> m_auth;
    QDateTime m_now;
    QUuid m_owner;

    QString issue(const QUuid &user)
    {
        auto code = m_accounts->issuePairingCode(user);
        if (!code) {
            qWarning() << code.error().toString();
            return {};
        }
        return code->code;
    }

private Q_SLOTS:
    void init()
    {
        TANDEM_TEST_DATABASE(db);
        m_db = std::move(db);
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
        m_accounts = std::make_unique<AccountService>(*m_store, [this] { return m_now; });
        m_auth = std::make_unique<AuthService>(*m_store, *m_accounts, signingKey, AuthService::Options{},
                                               [this] { return m_now; });
        auto owner = m_accounts->createUser(QStringLiteral("owner"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner->id;
    }

    void cleanup()
    {
        m_auth.reset();
        m_accounts.reset();
        m_store.reset();
        m_db.reset();
    }

    void codesLookLikeTheyAreShownAndExpireInTenMinutes()
    {
        auto code = m_accounts->issuePairingCode(m_owner);
        TANDEM_VERIFY_OK(code);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"))
                     .match(code->code)
                     .hasMatch(),
                 qPrintable(code->code));
        QCOMPARE(m_now.secsTo(code->expiresAt), 600);
        QVERIFY(issue(m_owner) != code->code);
        QVERIFY(!m_accounts->issuePairingCode(QUuid::createUuid()));
    }

    void aCodePairsADeviceWhoseTokenSignsIn()
    {
        const QString code = issue(m_owner);
        auto paired = m_auth->pair(code, QStringLiteral("  Pixel 8 (Chrome)  "), here);
        TANDEM_VERIFY_OK(paired);
        QCOMPARE(paired->device.name, QStringLiteral("Pixel 8 (Chrome)"));
        QCOMPARE(paired->device.userId, m_owner);
        QCOMPARE(paired->token.user.id, m_owner);
        QVERIFY(paired->token.user.passwordHash.isEmpty());
        QCOMPARE(m_now.daysTo(paired->token.expiresAt), 365);

        auto identity = m_auth->authenticate(paired->token.token);
        TANDEM_VERIFY_OK(identity);
        QCOMPARE(identity->userId, m_owner);
        QCOMPARE(identity->tokenId, paired->device.tokenId);

        auto devices = m_accounts->devices(m_owner);
        TANDEM_VERIFY_OK(devices);
        QCOMPARE(devices->size(), 1);
        QCOMPARE(devices->constFirst(), paired->device);
    }

    void aCodeIsSingleUseTypedAnyWayAndOnlyForTenMinutes()
    {
        const QString code = issue(m_owner);
        // As a person might type it: lower case, no dash, O for 0.
        QString typed = code.toLower().remove(u'-');
        typed.replace(u'0', u'o');
        TANDEM_VERIFY_OK(m_auth->pair(typed, QStringLiteral("Laptop"), here));
        auto again = m_auth->pair(code, QStringLiteral("Another"), QStringLiteral("10.0.0.9"));
        QVERIFY(!again);
        QCOMPARE(again.error().wireCode(), QStringLiteral("invalid_pairing_code"));
        QCOMPARE(again.error().code, ErrorCode::Forbidden);

        const QString late = issue(m_owner);
        m_now = m_now.addSecs(601);
        auto expired = m_auth->pair(late, QStringLiteral("Tablet"), QStringLiteral("10.0.0.8"));
        QVERIFY(!expired);
        QCOMPARE(expired.error().wireCode(), QStringLiteral("invalid_pairing_code"));
        QCOMPARE(m_accounts->devices(m_owner)->size(), 1);
    }

    void twoDevicesRacingForOneCodeGetOnePairing()
    {
        const QString code = issue(m_owner);
        constexpr int count = 4;
        QSemaphore ready;
        QSemaphore go;
        QList<QFuture<bool>> racers;
        // Its own pool: its threads (and their database connections) end
        // before the store does, so nothing of theirs outlives the test.
        QThreadPool pool;
        pool.setMaxThreadCount(count);
        for (int i = 0; i < count; ++i) {
            racers.append(QtConcurrent::run(&pool, [&, i] {
                ready.release();
                go.acquire();
                return m_auth->pair(code, QStringLiteral("racer %1").arg(i), QStringLiteral("10.0.1.%1").arg(i)).ok();
            }));
        }
        QVERIFY(ready.tryAcquire(count, 30000));
        go.release(count);
        int winners = 0;
        for (auto &racer : racers)
            winners += racer.result() ? 1 : 0;
        pool.waitForDone();
        QCOMPARE(winners, 1);
        QCOMPARE(m_accounts->devices(m_owner)->size(), 1);
    }

    void badInputIsRefusedWithTheFieldAtFault()
    {
        const QString code = issue(m_owner);
        auto noName = m_auth->pair(code, QStringLiteral("   "), here);
        QVERIFY(!noName);
        QCOMPARE(noName.error().field, QStringLiteral("deviceName"));
        auto longName = m_auth->pair(code, QString(65, u'x'), here);
        QVERIFY(!longName);
        QCOMPARE(longName.error().field, QStringLiteral("deviceName"));
        auto control = m_auth->pair(code, QStringLiteral("a\nb"), here);
        QVERIFY(!control);
        QCOMPARE(control.error().field, QStringLiteral("deviceName"));
        for (const QString &junk : {QString(), QStringLiteral("ABCD"), QStringLiteral("ABCD-EFGH-J"),
                                    QStringLiteral("ABCD-EFGU"), QStringLiteral("\u00c9BCD-EFGH")}) {
            auto refused = m_auth->pair(junk, QStringLiteral("Phone"), QStringLiteral("10.0.2.1"));
            QVERIFY2(!refused, qPrintable(junk));
            QCOMPARE(refused.error().wireCode(), QStringLiteral("invalid_pairing_code"));
        }
        // The code survived the refused attempts.
        TANDEM_VERIFY_OK(m_auth->pair(code, QStringLiteral("Phone"), here));
    }

    void guessingCodesIsThrottledPerAddressAndOverall()
    {
        const QString code = issue(m_owner);
        const QString guesser = QStringLiteral("10.0.3.1");
        for (int i = 0; i < LoginThrottle::PairFreeFailures; ++i)
            QCOMPARE(m_auth->pair(QStringLiteral("AAAA-AAAA"), QStringLiteral("x"), guesser).error().wireCode(),
                     QStringLiteral("invalid_pairing_code"));
        auto limited = m_auth->pair(code, QStringLiteral("x"), guesser);
        QVERIFY(!limited);
        QCOMPARE(limited.error().code, ErrorCode::RateLimited);
        QVERIFY(limited.error().details.value(QStringLiteral("retryAfter")).toInt() >= 1);
        // Someone else on another address still pairs, until the guesses
        // from every address add up to the overall limit.
        TANDEM_VERIFY_OK(m_auth->pair(code, QStringLiteral("Phone"), here));
        for (int i = 0; i < LoginThrottle::AccountFreeFailures; ++i)
            (void)m_auth->pair(QStringLiteral("AAAA-AAAA"), QStringLiteral("x"), QStringLiteral("10.0.4.%1").arg(i));
        auto overall = m_auth->pair(issue(m_owner), QStringLiteral("x"), QStringLiteral("10.0.5.1"));
        QVERIFY(!overall);
        QCOMPARE(overall.error().code, ErrorCode::RateLimited);
    }

    void revokingADeviceSignsItsTokenOutAndSaysWhich()
    {
        auto first = m_auth->pair(issue(m_owner), QStringLiteral("Phone"), here);
        auto second = m_auth->pair(issue(m_owner), QStringLiteral("Laptop"), here);
        TANDEM_VERIFY_OK(first);
        TANDEM_VERIFY_OK(second);
        QSignalSpy revoked(m_accounts.get(), &AccountService::tokenRevoked);

        // Another user cannot revoke it, nor learn that it exists.
        auto other = m_accounts->createUser(QStringLiteral("other"));
        TANDEM_VERIFY_OK(other);
        auto foreign = m_accounts->revokeDevice(other->id, first->device.id);
        QVERIFY(!foreign);
        QCOMPARE(foreign.error().code, ErrorCode::NotFound);
        QCOMPARE(m_accounts->devices(other->id)->size(), 0);

        TANDEM_VERIFY_OK(m_accounts->revokeDevice(m_owner, first->device.id));
        QCOMPARE(revoked.size(), 1);
        QCOMPARE(revoked.constFirst().constFirst().toString(), first->device.tokenId);
        auto refused = m_auth->authenticate(first->token.token);
        QVERIFY(!refused);
        QCOMPARE(refused.error().wireCode(), QStringLiteral("invalid_token"));
        TANDEM_VERIFY_OK(m_auth->authenticate(second->token.token));
        auto left = m_accounts->devices(m_owner);
        QCOMPARE(left->size(), 1);
        QCOMPARE(left->constFirst().name, QStringLiteral("Laptop"));
        QCOMPARE(m_accounts->revokeDevice(m_owner, first->device.id).error().code, ErrorCode::NotFound);
    }

    void aDeviceThatSignsOutIsNoLongerListed()
    {
        auto paired = m_auth->pair(issue(m_owner), QStringLiteral("Phone"), here);
        TANDEM_VERIFY_OK(paired);
        auto identity = m_auth->authenticate(paired->token.token);
        TANDEM_VERIFY_OK(identity);
        TANDEM_VERIFY_OK(m_auth->logout(identity.value()));
        QCOMPARE(m_accounts->devices(m_owner)->size(), 0);
        QVERIFY(!m_auth->authenticate(paired->token.token));
    }

    void lastUseMovesWithUseButIsNotWrittenForEveryRequest()
    {
        auto paired = m_auth->pair(issue(m_owner), QStringLiteral("Phone"), here);
        TANDEM_VERIFY_OK(paired);
        const QDateTime pairedAt = paired->device.lastUsedAt;
        m_now = m_now.addSecs(3600);
        const quint64 before = m_store->durableCommits();
        for (int i = 0; i < 20; ++i)
            TANDEM_VERIFY_OK(m_auth->authenticate(paired->token.token));
        QCOMPARE(m_store->durableCommits() - before, quint64(1));
        QCOMPARE(m_accounts->devices(m_owner)->constFirst().lastUsedAt, pairedAt.addSecs(3600));

        // A password sign-in's token is no device: nothing is written for it.
        m_now = m_now.addSecs(3600);
        const quint64 mid = m_store->durableCommits();
        JwtCodec codec(signingKey, QStringLiteral("tandem"), QStringLiteral("tandem-api"));
        const QString token = codec.mint(m_owner, m_now, 1h);
        for (int i = 0; i < 5; ++i)
            TANDEM_VERIFY_OK(m_auth->authenticate(token));
        QCOMPARE(m_store->durableCommits(), mid);
    }

    void expiredCodesAndDevicesAreCompactedAway()
    {
        (void)issue(m_owner);
        auto paired = m_auth->pair(issue(m_owner), QStringLiteral("Phone"), here);
        TANDEM_VERIFY_OK(paired);
        TANDEM_VERIFY_OK(m_store->compact(m_now.addDays(30)));
        QCOMPARE(m_accounts->devices(m_owner)->size(), 1); // its token is still good
        TANDEM_VERIFY_OK(m_store->compact(m_now.addDays(400)));
        QCOMPARE(m_accounts->devices(m_owner)->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDevicePairing)
#include "tst_device_pairing.moc"
