// AuthService: registration (open and by invite), sign-in with throttling,
// bearer tokens and their revocation, on the engine named by TANDEM_TEST_ENGINE.
#include "auth/accountservice.h"
#include "auth/authservice.h"
#include "auth/jwt.h"
#include "auth/passwordhasher.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <limits>

using namespace tandem;
using namespace std::chrono_literals;

namespace {

const QByteArray signingKey(32, 'k');
const QString here = QStringLiteral("127.0.0.1");
const QString goodPassword = QStringLiteral("correct horse");

// The fields a person or a client sees of an error.
QString describe(const Error &error)
{
    return QStringLiteral("%1|%2|%3|%4|%5")
        .arg(errorCodeName(error.code), error.message, error.field, error.wireCode(),
             QString::fromUtf8(QJsonDocument(error.details).toJson(QJsonDocument::Compact)));
}

} // namespace

// Announces an answer, so a test can wait for exactly that moment (spy.wait()).
class Answered final : public QObject
{
    Q_OBJECT

Q_SIGNALS:
    void answered();
};

class TestAuthService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<AuthService> m_auth;
    QDateTime m_now;
    std::atomic<int> m_hashes{0};
    QMutex m_threadsMutex;
    QList<QThread *> m_hashThreads;

    std::unique_ptr<AuthService> makeService(Store &store, AccountService &accounts)
    {
        auto service = std::make_unique<AuthService>(store, accounts, signingKey, AuthService::Options{},
                                                     [this] { return m_now; });
        return service;
    }

    using Call = std::function<void(QObject *, std::function<void(Result<AuthToken>)>)>;

    Result<AuthToken> await(const Call &call)
    {
        std::optional<Result<AuthToken>> result;
        Answered context;
        QSignalSpy spy(&context, &Answered::answered);
        call(&context, [&result, &context](Result<AuthToken> answer) {
            result.emplace(std::move(answer));
            Q_EMIT context.answered();
        });
        if (!result && !spy.wait(60000))
            return Error::storage(QStringLiteral("no answer within 60 s"));
        return *result;
    }

    Result<AuthToken> registerUser(const QString &username, const QString &password = goodPassword,
                                   const QString &invite = {})
    {
        return await([&](QObject *context, auto done) {
            m_auth->registerUser(username, password, invite, here, context, std::move(done));
        });
    }

    Result<AuthToken> login(const QString &username, const QString &password, const QString &address = here)
    {
        return await(
            [&](QObject *context, auto done) { m_auth->login(username, password, address, context, std::move(done)); });
    }

    QUuid owner()
    {
        auto existing = m_accounts->userByName(QStringLiteral("owner"));
        if (existing && existing.value())
            return existing.value()->id;
        auto created = m_accounts->createUser(QStringLiteral("owner"));
        return created ? created->id : QUuid();
    }

private Q_SLOTS:
    void init()
    {
        TANDEM_TEST_DATABASE(db);
        m_db = std::move(db);
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        m_now = QDateTime::currentDateTimeUtc();
        m_accounts = std::make_unique<AccountService>(*m_store, [this] { return m_now; });
        m_auth = makeService(*m_store, *m_accounts);
        m_hashes = 0;
        m_hashThreads.clear();
        m_auth->setWorkerHook([this] {
            ++m_hashes;
            QMutexLocker lock(&m_threadsMutex);
            m_hashThreads.append(QThread::currentThread());
        });
    }

    void cleanup()
    {
        m_auth.reset();
        m_accounts.reset();
        m_store.reset();
        m_db.reset();
    }

    // --- registration ----------------------------------------------------

    void register_open_signsInWithAToken()
    {
        auto registered = registerUser(QStringLiteral("Alice"));
        TANDEM_VERIFY_OK(registered);
        QCOMPARE(registered->user.username, QStringLiteral("Alice"));
        QVERIFY(registered->user.passwordHash.isEmpty()); // never handed out
        QCOMPARE(registered->expiresAt.toSecsSinceEpoch(), m_now.toSecsSinceEpoch() + 30 * 24 * 3600);
        auto identity = m_auth->authenticate(registered->token);
        TANDEM_VERIFY_OK(identity);
        QCOMPARE(identity->userId, registered->user.id);
        QCOMPARE(identity->expiresAt, registered->expiresAt);

        auto stored = m_store->userById(registered->user.id);
        TANDEM_VERIFY_OK(stored);
        QVERIFY(stored.value());
        QVERIFY(PasswordHasher::verify(stored.value()->passwordHash, goodPassword));
        TANDEM_VERIFY_OK(m_store->head(registered->user.id)); // an owner with a change log
    }

    void register_passwordLength_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("accepted");
        const QString key = QStringLiteral("🔑"); // one character, two UTF-16 units
        QTest::newRow("7") << QString(7, u'p') << false;
        QTest::newRow("8") << QString(8, u'p') << true;
        QTest::newRow("1024") << QString(1024, u'p') << true;
        QTest::newRow("1025") << QString(1025, u'p') << false;
        QTest::newRow("7 emoji (14 UTF-16 units)") << key.repeated(7) << false;
        QTest::newRow("1024 emoji (2048 UTF-16 units)") << key.repeated(1024) << true;
    }

    void register_passwordLength()
    {
        QFETCH(QString, password);
        QFETCH(bool, accepted);
        auto registered = registerUser(QStringLiteral("alice"), password);
        QCOMPARE(registered.ok(), accepted);
        if (!accepted) {
            QCOMPARE(registered.error().code, ErrorCode::Validation);
            QCOMPARE(registered.error().field, QStringLiteral("password"));
            QCOMPARE(m_hashes.load(), 0); // refused before hashing
        }
    }

    void register_badUsername_validationError_data()
    {
        QTest::addColumn<QString>("username");
        QTest::newRow("too short") << QStringLiteral("al");
        QTest::newRow("too long") << QString(65, u'a');
        QTest::newRow("space") << QStringLiteral("al ice");
        QTest::newRow("non-ASCII") << QStringLiteral("zoë");
    }

    void register_badUsername_validationError()
    {
        QFETCH(QString, username);
        auto registered = registerUser(username);
        QVERIFY(!registered);
        QCOMPARE(registered.error().code, ErrorCode::Validation);
        QCOMPARE(registered.error().field, QStringLiteral("username"));
    }

    void register_usernameTakenIgnoringCase_conflict()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("Alice")));
        auto again = registerUser(QStringLiteral("aLICE"));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(again.error().reason, QStringLiteral("username_taken"));
        QCOMPARE(again.error().wireCode(), QStringLiteral("username_taken"));
        // A password-less local owner's name is taken too.
        QVERIFY(!owner().isNull());
        auto ownerName = registerUser(QStringLiteral("OWNER"));
        QVERIFY(!ownerName);
        QCOMPARE(ownerName.error().wireCode(), QStringLiteral("username_taken"));
    }

    void register_inviteRequired_refusesWithoutAValidInvite_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("invite_required");
        QTest::newRow("blank") << QStringLiteral("blank") << QStringLiteral("invite_required");
        QTest::newRow("malformed") << QStringLiteral("malformed") << QStringLiteral("invalid_invite");
        QTest::newRow("unknown") << QStringLiteral("unknown") << QStringLiteral("invalid_invite");
        QTest::newRow("used") << QStringLiteral("used") << QStringLiteral("invalid_invite");
        QTest::newRow("expired") << QStringLiteral("expired") << QStringLiteral("invalid_invite");
    }

    void register_inviteRequired_refusesWithoutAValidInvite()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        m_auth->setRegistrationNeedsInvite(true);
        QVERIFY(m_auth->registrationNeedsInvite());
        QString code;
        if (kind == u"blank") {
            code = QStringLiteral("  ");
        } else if (kind == u"malformed") {
            code = QStringLiteral("not-a-code");
        } else if (kind == u"unknown") {
            code = QStringLiteral("ABCD-EFGH-JKMN-PQRS");
        } else if (kind == u"used") {
            auto invite = m_auth->issueInvite(owner());
            TANDEM_VERIFY_OK(invite);
            code = invite.value();
            TANDEM_VERIFY_OK(registerUser(QStringLiteral("first"), goodPassword, code));
        } else if (kind == u"expired") {
            auto invite = m_auth->issueInvite(owner(), 1h);
            TANDEM_VERIFY_OK(invite);
            code = invite.value();
            m_now = m_now.addSecs(3601);
        }
        auto registered = registerUser(QStringLiteral("alice"), goodPassword, code);
        QVERIFY(!registered);
        QCOMPARE(registered.error().code, ErrorCode::Forbidden);
        QCOMPARE(registered.error().wireCode(), reason);
        auto user = m_store->userByName(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(user);
        QVERIFY(!user.value()); // nothing created
    }

    void register_validInvite_succeedsOnceWhateverTheSpelling()
    {
        m_auth->setRegistrationNeedsInvite(true);
        auto invite = m_auth->issueInvite(owner());
        TANDEM_VERIFY_OK(invite);
        const QString typed = invite.value().toLower().replace(u'-', u' ');
        auto registered = registerUser(QStringLiteral("alice"), goodPassword, typed);
        TANDEM_VERIFY_OK(registered);
        TANDEM_VERIFY_OK(m_auth->authenticate(registered->token));
        auto again = registerUser(QStringLiteral("bob"), goodPassword, invite.value());
        QVERIFY(!again);
        QCOMPARE(again.error().wireCode(), QStringLiteral("invalid_invite"));
    }

    void insertUserWithInvite_failure_writesNothing()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        const QString hash = QStringLiteral("cd").repeated(32);
        TANDEM_VERIFY_OK(m_store->insertInvite(hash, owner(), m_now, m_now.addDays(1)));
        // A taken name rolls the redemption back: the invite stays usable.
        User clash{QUuid::createUuid(), QStringLiteral("ALICE"), QString(), m_now};
        auto taken = m_store->insertUserWithInvite(clash, hash, m_now);
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::Conflict);
        User bob{QUuid::createUuid(), QStringLiteral("bob"), QString(), m_now};
        TANDEM_VERIFY_OK(m_store->insertUserWithInvite(bob, hash, m_now));
        // A used invite creates no user.
        User carol{QUuid::createUuid(), QStringLiteral("carol"), QString(), m_now};
        auto used = m_store->insertUserWithInvite(carol, hash, m_now);
        QVERIFY(!used);
        QCOMPARE(used.error().code, ErrorCode::Forbidden);
        auto found = m_store->userByName(QStringLiteral("carol"));
        TANDEM_VERIFY_OK(found);
        QVERIFY(!found.value());
    }

    void register_inviteNotNeeded_ignoresTheCode()
    {
        auto registered = registerUser(QStringLiteral("alice"), goodPassword, QStringLiteral("whatever"));
        TANDEM_VERIFY_OK(registered);
        m_auth->setRegistrationNeedsInvite(true);
        auto refused = registerUser(QStringLiteral("bob"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().wireCode(), QStringLiteral("invite_required"));
        m_auth->setRegistrationNeedsInvite(false);
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("bob")));
    }

    void register_concurrentSameInvite_exactlyOneSucceeds()
    {
        m_auth->setRegistrationNeedsInvite(true);
        auto invite = m_auth->issueInvite(owner());
        TANDEM_VERIFY_OK(invite);
        QList<std::optional<Result<AuthToken>>> results(4);
        QObject context;
        for (int i = 0; i < 4; ++i) {
            m_auth->registerUser(QStringLiteral("racer%1").arg(i), goodPassword, invite.value(), here, &context,
                                 [&results, i](Result<AuthToken> answer) { results[i].emplace(std::move(answer)); });
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(results.cbegin(), results.cend(), [](const auto &r) { return r.has_value(); }), 60000);
        int succeeded = 0;
        for (const auto &result : std::as_const(results)) {
            if (result->ok())
                ++succeeded;
            else
                QCOMPARE(result->error().wireCode(), QStringLiteral("invalid_invite"));
        }
        QCOMPARE(succeeded, 1);
    }

    void insertUserWithInvite_racingThreads_exactlyOneRedeems()
    {
        // Straight at the store, many threads released together.
        const QUuid issuer = owner();
        const QString hash = QStringLiteral("ab").repeated(32);
        TANDEM_VERIFY_OK(m_store->insertInvite(hash, issuer, m_now, m_now.addDays(1)));
        constexpr int racers = 6;
        QSemaphore ready;
        QSemaphore go;
        QList<QFuture<Result<User>>> futures;
        QThreadPool pool;
        pool.setMaxThreadCount(racers);
        for (int i = 0; i < racers; ++i) {
            futures.append(QtConcurrent::run(&pool, [&, i] {
                User user{QUuid::createUuid(), QStringLiteral("thread%1").arg(i), QString(), m_now};
                ready.release();
                go.acquire();
                return m_store->insertUserWithInvite(user, hash, m_now);
            }));
        }
        QVERIFY(ready.tryAcquire(racers, 30000));
        go.release(racers);
        int succeeded = 0;
        for (auto &future : futures) {
            const Result<User> result = future.result();
            if (result.ok())
                ++succeeded;
            else
                QCOMPARE(result.error().code, ErrorCode::Forbidden);
        }
        QCOMPARE(succeeded, 1);
    }

    // --- sign-in ----------------------------------------------------------

    void login_rightPassword_signsIn()
    {
        auto registered = registerUser(QStringLiteral("Alice"));
        TANDEM_VERIFY_OK(registered);
        auto signedIn = login(QStringLiteral("alice"), goodPassword); // the name ignores case
        TANDEM_VERIFY_OK(signedIn);
        QCOMPARE(signedIn->user.id, registered->user.id);
        QCOMPARE(signedIn->user.username, QStringLiteral("Alice"));
        QVERIFY(signedIn->user.passwordHash.isEmpty());
        QCOMPARE_NE(signedIn->token, registered->token);
        auto identity = m_auth->authenticate(signedIn->token);
        TANDEM_VERIFY_OK(identity);
        QCOMPARE(identity->userId, registered->user.id);
    }

    void login_failures_lookAlike()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        QVERIFY(!owner().isNull()); // exists, without a password
        const QList<std::pair<QString, QString>> attempts{
            {QStringLiteral("nobody"), goodPassword}, // unknown user
            {QStringLiteral("alice"), QStringLiteral("wrong password")},
            {QStringLiteral("alice"), QStringLiteral("Correct Horse")},
            {QStringLiteral("owner"), goodPassword}, // no password set
            {QStringLiteral("owner"), QString()},
        };
        QString first;
        int hashesBefore = m_hashes;
        for (const auto &[username, password] : attempts) {
            auto refused = login(username, password, QStringLiteral("10.0.0.%1").arg(hashesBefore));
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
            QCOMPARE(refused.error().wireCode(), QStringLiteral("invalid_credentials"));
            if (first.isEmpty())
                first = describe(refused.error());
            QCOMPARE(describe(refused.error()), first);
            // Each did one Argon2id verification, even without an account or a password.
            QCOMPARE(m_hashes.load(), hashesBefore + 1);
            hashesBefore = m_hashes;
        }
    }

    void login_unknownOrPasswordlessUser_takesAsLongAsAWrongPassword()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        QVERIFY(!owner().isNull());
        int attempt = 0;
        // The fastest of three: load on the machine can only make an attempt slower.
        const auto fastest = [&](const QString &username) {
            qint64 best = std::numeric_limits<qint64>::max();
            for (int i = 0; i < 3; ++i) {
                QElapsedTimer timer;
                timer.start();
                const auto refused
                    = login(username, QStringLiteral("wrong password"), QStringLiteral("10.1.0.%1").arg(++attempt));
                best = std::min(best, timer.elapsed());
                if (refused.ok() || refused.error().code != ErrorCode::Unauthorized)
                    return qint64(-1);
            }
            return best;
        };
        (void)fastest(QStringLiteral("warm-up")); // the dummy hash is made on first use
        const qint64 wrongPassword = fastest(QStringLiteral("alice"));
        const qint64 unknown = fastest(QStringLiteral("nobody"));
        const qint64 passwordless = fastest(QStringLiteral("owner"));
        const QString timings = QStringLiteral("wrong password %1 ms, unknown user %2 ms, no password %3 ms")
                                    .arg(wrongPassword)
                                    .arg(unknown)
                                    .arg(passwordless);
        QVERIFY2(wrongPassword > 0, qPrintable(timings));
        // An Argon2id verification takes tens of milliseconds; a lookup alone, about one.
        QVERIFY2(unknown * 10 >= wrongPassword * 3, qPrintable(timings));
        QVERIFY2(passwordless * 10 >= wrongPassword * 3, qPrintable(timings));
    }

    void login_fiveFailures_rateLimitedBeforeHashing()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("guess%1").arg(i)).error().wireCode(),
                     QStringLiteral("invalid_credentials"));
        const int hashes = m_hashes;
        auto limited = login(QStringLiteral("alice"), goodPassword); // even the right one
        QVERIFY(!limited);
        QCOMPARE(limited.error().code, ErrorCode::RateLimited);
        QCOMPARE(limited.error().wireCode(), QStringLiteral("rate_limited"));
        QCOMPARE(limited.error().details.value(QStringLiteral("retryAfter")).toInt(), 1);
        QCOMPARE(m_hashes.load(), hashes); // no hashing for a refused attempt

        m_now = m_now.addSecs(1);
        QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("guess6")).error().wireCode(),
                 QStringLiteral("invalid_credentials"));
        QCOMPARE(
            login(QStringLiteral("alice"), goodPassword).error().details.value(QStringLiteral("retryAfter")).toInt(),
            2);
        m_now = m_now.addSecs(2);
        TANDEM_VERIFY_OK(login(QStringLiteral("alice"), goodPassword)); // and the count starts again
        for (int i = 0; i < 4; ++i)
            QVERIFY(!login(QStringLiteral("alice"), QStringLiteral("again%1").arg(i)));
        TANDEM_VERIFY_OK(login(QStringLiteral("alice"), goodPassword));
    }

    void login_failuresFromOneAddress_limitThatAccountThereOnly()
    {
        // On loopback every client shares one address: others' typos there
        // must not lock Alice out (LoginThrottle's per-address limit is far
        // higher, tested in tst_login_throttle).
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        const QString shared = QStringLiteral("203.0.113.9");
        for (int i = 0; i < LoginThrottle::PairFreeFailures; ++i)
            QVERIFY(!login(QStringLiteral("user%1").arg(i), goodPassword, shared));
        TANDEM_VERIFY_OK(login(QStringLiteral("alice"), goodPassword, shared));
        for (int i = 0; i < LoginThrottle::PairFreeFailures; ++i)
            QVERIFY(!login(QStringLiteral("alice"), QStringLiteral("wrong%1").arg(i), shared));
        auto limited = login(QStringLiteral("alice"), goodPassword, shared);
        QVERIFY(!limited);
        QCOMPARE(limited.error().code, ErrorCode::RateLimited);
        TANDEM_VERIFY_OK(login(QStringLiteral("alice"), goodPassword, QStringLiteral("198.51.100.1")));
    }

    void setPassword_thenLogin_works()
    {
        const QUuid id = owner();
        QCOMPARE(login(QStringLiteral("owner"), goodPassword).error().wireCode(),
                 QStringLiteral("invalid_credentials"));
        auto tooShort = m_auth->setPassword(id, QStringLiteral("short"));
        QVERIFY(!tooShort);
        QCOMPARE(tooShort.error().field, QStringLiteral("password"));
        TANDEM_VERIFY_OK(m_auth->setPassword(id, goodPassword));
        auto signedIn = login(QStringLiteral("owner"), goodPassword);
        TANDEM_VERIFY_OK(signedIn);
        QCOMPARE(signedIn->user.id, id);
        auto missing = m_auth->setPassword(QUuid::createUuid(), goodPassword);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    // --- tokens -----------------------------------------------------------

    void authenticate_badTokens_refused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("garbage") << QStringLiteral("garbage") << QStringLiteral("invalid_token");
        QTest::newRow("another key") << QStringLiteral("another key") << QStringLiteral("invalid_token");
        QTest::newRow("deleted user") << QStringLiteral("deleted user") << QStringLiteral("invalid_token");
        QTest::newRow("signed out") << QStringLiteral("signed out") << QStringLiteral("invalid_token");
        QTest::newRow("expired") << QStringLiteral("expired") << QStringLiteral("token_expired");
    }

    void authenticate_badTokens_refused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        auto registered = registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(registered);
        QString token = registered->token;
        if (kind == u"garbage") {
            token = QStringLiteral("Bearer nonsense");
        } else if (kind == u"another key") {
            token = JwtCodec(QByteArray(32, 'x'), QStringLiteral("tandem"), QStringLiteral("tandem-api"))
                        .mint(registered->user.id, m_now, 1h);
        } else if (kind == u"deleted user") {
            // Signed with the right key, for an account that does not exist (any more).
            token = JwtCodec(signingKey, QStringLiteral("tandem"), QStringLiteral("tandem-api"))
                        .mint(QUuid::createUuid(), m_now, 1h);
        } else if (kind == u"signed out") {
            auto identity = m_auth->authenticate(token);
            TANDEM_VERIFY_OK(identity);
            TANDEM_VERIFY_OK(m_auth->logout(identity.value()));
        } else if (kind == u"expired") {
            TANDEM_VERIFY_OK(m_auth->authenticate(token));
            m_now = registered->expiresAt;
        }
        auto identity = m_auth->authenticate(token);
        QVERIFY(!identity);
        QCOMPARE(identity.error().code, ErrorCode::Unauthorized);
        QCOMPARE(identity.error().wireCode(), reason);
    }

    void logout_oneToken_leavesTheOthersValid()
    {
        auto first = registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(first);
        auto second = login(QStringLiteral("alice"), goodPassword);
        TANDEM_VERIFY_OK(second);
        auto firstIdentity = m_auth->authenticate(first->token);
        TANDEM_VERIFY_OK(firstIdentity);
        TANDEM_VERIFY_OK(m_auth->logout(firstIdentity.value()));
        TANDEM_VERIFY_OK(m_auth->logout(firstIdentity.value())); // twice is harmless
        QCOMPARE(m_auth->authenticate(first->token).error().wireCode(), QStringLiteral("invalid_token"));
        TANDEM_VERIFY_OK(m_auth->authenticate(second->token));
    }

    void logout_seenByAnotherProcessOnTheSameDatabase()
    {
        // A second Store on the same database stands for another Tandem process.
        auto otherStore = m_db->open();
        TANDEM_VERIFY_OK(otherStore);
        AccountService otherAccounts(*otherStore.value());
        auto other = makeService(*otherStore.value(), otherAccounts);
        auto registered = registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(registered);
        auto identity = other->authenticate(registered->token);
        TANDEM_VERIFY_OK(identity);
        TANDEM_VERIFY_OK(m_auth->logout(identity.value()));
        QCOMPARE(other->authenticate(registered->token).error().wireCode(), QStringLiteral("invalid_token"));
    }

    void issueInvite_returnsAReadableSingleUseCode()
    {
        auto first = m_auth->issueInvite(owner());
        auto second = m_auth->issueInvite(owner());
        TANDEM_VERIFY_OK(first);
        TANDEM_VERIFY_OK(second);
        static const QRegularExpression format(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"));
        QVERIFY2(format.match(first.value()).hasMatch(), qPrintable(first.value()));
        QCOMPARE_NE(first.value(), second.value());
        auto unknown = m_auth->issueInvite(QUuid::createUuid());
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QVERIFY(!m_auth->issueInvite(owner(), 0s));
    }

    void compact_dropsExpiredRevocationsAndInvites()
    {
        const QUuid id = owner();
        TANDEM_VERIFY_OK(m_store->revokeToken(QStringLiteral("old"), id, m_now.addDays(-2)));
        TANDEM_VERIFY_OK(m_store->revokeToken(QStringLiteral("live"), id, m_now.addDays(2)));
        const QString oldInvite = QStringLiteral("0a").repeated(32);
        const QString liveInvite = QStringLiteral("0b").repeated(32);
        TANDEM_VERIFY_OK(m_store->insertInvite(oldInvite, id, m_now.addDays(-9), m_now.addDays(-2)));
        TANDEM_VERIFY_OK(m_store->insertInvite(liveInvite, id, m_now, m_now.addDays(2)));
        TANDEM_VERIFY_OK(m_store->compact(m_now.addDays(-1)));
        QCOMPARE(m_store->isTokenRevoked(QStringLiteral("old")).value(), false);
        QCOMPARE(m_store->isTokenRevoked(QStringLiteral("live")).value(), true);
        // An invite's hash is its key: inserting it again works only once the old row is gone.
        TANDEM_VERIFY_OK(m_store->insertInvite(oldInvite, id, m_now, m_now.addDays(1)));
        QVERIFY(!m_store->insertInvite(liveInvite, id, m_now, m_now.addDays(1)));
    }

    // --- threads ----------------------------------------------------------

    void login_hashesOffTheCallersThread_answersOnTheContextsThread()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        m_hashThreads.clear();

        // A context on this thread.
        QThread *answeredOn = nullptr;
        QObject context;
        bool done = false;
        m_auth->login(QStringLiteral("alice"), goodPassword, here, &context, [&](Result<AuthToken> result) {
            answeredOn = QThread::currentThread();
            done = result.ok();
        });
        QVERIFY(!done); // never before login() returns
        QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        QCOMPARE(answeredOn, QThread::currentThread());

        // A context on another thread, with login() called from this one.
        QThread other;
        auto *remote = new QObject;
        remote->moveToThread(&other);
        connect(&other, &QThread::finished, remote, &QObject::deleteLater);
        other.start();
        auto stop = qScopeGuard([&] {
            other.quit();
            other.wait();
        });
        std::atomic<QThread *> answeredThere{nullptr};
        m_auth->login(QStringLiteral("alice"), goodPassword, here, remote,
                      [&](Result<AuthToken>) { answeredThere = QThread::currentThread(); });
        QTRY_VERIFY_WITH_TIMEOUT(answeredThere.load() != nullptr, 60000);
        QCOMPARE(answeredThere.load(), &other);

        QMutexLocker lock(&m_threadsMutex);
        QCOMPARE(m_hashThreads.size(), 2);
        for (QThread *thread : std::as_const(m_hashThreads)) {
            QCOMPARE_NE(thread, QThread::currentThread());
            QCOMPARE_NE(thread, &other);
        }
    }

    void login_callersEventLoop_keepsRunningWhileHashing()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        // The worker waits until this thread's event loop has run a timer five
        // times: were the hashing on this thread, it would wait forever.
        QSemaphore gate;
        std::atomic<bool> waitedForTheLoop{false};
        m_auth->setWorkerHook([&] { waitedForTheLoop = gate.tryAcquire(1, 20000); });
        int ticks = 0;
        QTimer timer;
        timer.setInterval(1);
        connect(&timer, &QTimer::timeout, this, [&] {
            if (++ticks == 5)
                gate.release();
        });
        timer.start();
        auto signedIn = login(QStringLiteral("alice"), goodPassword);
        TANDEM_VERIFY_OK(signedIn);
        QVERIFY(waitedForTheLoop);
        QVERIFY(ticks >= 5);
    }

    void login_contextDestroyedFirst_noCallback()
    {
        TANDEM_VERIFY_OK(registerUser(QStringLiteral("alice")));
        QSemaphore gate;
        m_auth->setWorkerHook([&] { gate.tryAcquire(1, 20000); });
        bool goneCalled = false;
        bool aliveCalled = false;
        auto gone = std::make_unique<QObject>();
        QObject alive;
        m_auth->login(QStringLiteral("alice"), goodPassword, here, gone.get(),
                      [&](Result<AuthToken>) { goneCalled = true; });
        m_auth->login(QStringLiteral("alice"), goodPassword, here, &alive,
                      [&](Result<AuthToken>) { aliveCalled = true; });
        gone.reset(); // while its job is still running
        gate.release(2);
        m_auth.reset(); // waits for both jobs
        QTRY_VERIFY_WITH_TIMEOUT(aliveCalled, 30000);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(!goneCalled);
    }
};

QTEST_GUILESS_MAIN(TestAuthService)
#include "tst_auth_service.moc"
