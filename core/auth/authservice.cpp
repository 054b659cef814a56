#include "authservice.h"

#include "auth/accountservice.h"
#include "auth/authsupport.h"
#include "auth/credentials.h"
#include "auth/passwordhasher.h"
#include "store/store.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <sodium.h>

#include <algorithm>

namespace tandem {

namespace {

Error invalidCredentials()
{
    return Error::unauthorized(QStringLiteral("the username or password is incorrect"),
                               QStringLiteral("invalid_credentials"));
}

Error withReason(Error error, const QString &reason)
{
    error.reason = reason;
    return error;
}

Error inviteRequired()
{
    return withReason(Error::forbidden(QStringLiteral("registering on this server needs an invite code; ask the "
                                                      "server's owner for one")),
                      QStringLiteral("invite_required"));
}

Error invalidInvite()
{
    return withReason(Error::forbidden(QStringLiteral("this invite code is not valid: it is unknown, used or expired")),
                      QStringLiteral("invalid_invite"));
}

Error usernameTaken(const QString &username)
{
    return withReason(Error::conflict(QStringLiteral("the username \"%1\" is taken").arg(username)),
                      QStringLiteral("username_taken"));
}

} // namespace

AuthService::AuthService(Store &store, AccountService &accounts, QByteArray signingKey, Options options, Clock clock,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_accounts(accounts)
    , m_codec(std::move(signingKey), options.issuer, options.audience)
    , m_options(std::move(options))
    , m_clock(std::move(clock))
    , m_needsInvite(m_options.registrationNeedsInvite)
    , m_throttle(m_clock)
{
    // Each job holds 19 MiB while it hashes: at most one per core, and two so
    // that one slow job never holds up every sign-in.
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    m_pool.setObjectName(QStringLiteral("tandem-auth"));
}

AuthService::~AuthService()
{
    m_pool.waitForDone();
}

void AuthService::setRegistrationNeedsInvite(bool needed)
{
    m_needsInvite.store(needed);
}

void AuthService::setWorkerHook(std::function<void()> hook)
{
    m_hook = std::move(hook);
}

void AuthService::runHook() const
{
    if (m_hook)
        m_hook();
}

void AuthService::deliver(QFuture<Result<AuthToken>> future, QObject *context, Done done)
{
    if (!context)
        return;
    // A QFutureWatcher that is a child of `context` delivers on its thread and
    // dies with it, so a destroyed context gets nothing. (Not QFuture::then(context):
    // in Qt 6.4 its continuation asserts that the context is still alive.)
    auto attach = [future, done = std::move(done)](QObject *parent) {
        auto *watcher = new QFutureWatcher<Result<AuthToken>>(parent);
        QObject::connect(watcher, &QFutureWatcherBase::finished, parent, [watcher, done] {
            watcher->deleteLater();
            done(watcher->result());
        });
        watcher->setFuture(future);
    };
    if (context->thread() == QThread::currentThread())
        attach(context);
    else
        QMetaObject::invokeMethod(
            context, [attach, context] { attach(context); }, Qt::QueuedConnection);
}

void AuthService::registerUser(const QString &username, const QString &password, const QString &inviteCode,
                               const QString &clientAddress, QObject *context, Done done)
{
    // Registration is not throttled here (an invite code has 80 random bits);
    // the address is part of the contract so that it can be.
    Q_UNUSED(clientAddress)
    const auto refuse = [&](Error error) {
        deliver(QtFuture::makeReadyFuture(Result<AuthToken>(std::move(error))), context, std::move(done));
    };
    if (auto valid = validateUsername(username); !valid)
        return refuse(valid.error());
    if (auto valid = validatePassword(password); !valid)
        return refuse(valid.error());
    QString codeHash;
    if (m_needsInvite.load()) {
        if (inviteCode.trimmed().isEmpty())
            return refuse(inviteRequired());
        const auto normalized = InviteCode::normalize(inviteCode);
        if (!normalized)
            return refuse(invalidInvite());
        codeHash = InviteCode::hash(*normalized);
    }
    deliver(QtConcurrent::run(
                &m_pool, [this, username, password, codeHash] { return registerOnPool(username, password, codeHash); }),
            context, std::move(done));
}

Result<AuthToken> AuthService::registerOnPool(const QString &username, const QString &password, const QString &codeHash)
{
    // Saves the hashing for the common case; the unique index decides races.
    auto existing = m_accounts.userByName(username);
    if (!existing)
        return existing.error();
    if (existing.value())
        return usernameTaken(username);
    runHook();
    auto hash = PasswordHasher::hash(password);
    if (!hash)
        return hash.error();
    Result<User> created = codeHash.isEmpty() ? m_accounts.createUser(username, hash.value())
                                              : m_accounts.createUserWithInvite(username, hash.value(), codeHash);
    if (!created) {
        if (created.error().code == ErrorCode::Conflict)
            return usernameTaken(username);
        if (created.error().code == ErrorCode::Forbidden)
            return invalidInvite();
        return created.error();
    }
    qCInfo(auth::lcAuth) << "registered" << username
                         << (codeHash.isEmpty() ? "(open registration)" : "(with an invite)");
    return signIn(std::move(created).value());
}

void AuthService::login(const QString &username, const QString &password, const QString &clientAddress,
                        QObject *context, Done done)
{
    // Refused attempts cost no hashing and never reach the pool.
    if (auto allowed = m_throttle.check(username, clientAddress); !allowed) {
        deliver(QtFuture::makeReadyFuture(Result<AuthToken>(allowed.error())), context, std::move(done));
        return;
    }
    deliver(QtConcurrent::run(
                &m_pool,
                [this, username, password, clientAddress] { return loginOnPool(username, password, clientAddress); }),
            context, std::move(done));
}

Result<AuthToken> AuthService::loginOnPool(const QString &username, const QString &password,
                                           const QString &clientAddress)
{
    // Again: attempts queued behind the failure that locked the account are refused too.
    if (auto allowed = m_throttle.check(username, clientAddress); !allowed)
        return allowed.error();
    if (password.size() > 4 * PasswordLimits::Max) {
        // Longer than any password can be: no account's would match.
        m_throttle.recordFailure(username, clientAddress);
        return invalidCredentials();
    }
    auto found = m_accounts.userByName(username);
    if (!found)
        return found.error();
    const std::optional<User> &user = found.value();
    runHook();
    bool matches = false;
    if (user && user->hasPassword()) {
        matches = PasswordHasher::verify(user->passwordHash, password);
    } else {
        // The same work as a real check, so the time taken does not tell
        // whether the account exists or has a password.
        (void)PasswordHasher::verify(dummyHash(), password);
    }
    if (!matches) {
        m_throttle.recordFailure(username, clientAddress);
        return invalidCredentials();
    }
    m_throttle.recordSuccess(username, clientAddress);
    if (PasswordHasher::needsRehash(user->passwordHash)) {
        if (auto rehashed = PasswordHasher::hash(password)) {
            if (auto saved = m_store.setPasswordHash(user->id, rehashed.value()); !saved)
                qCWarning(auth::lcAuth) << "could not store a stronger password hash:" << saved.error().message;
        }
    }
    return signIn(*user);
}

const QString &AuthService::dummyHash()
{
    std::call_once(m_dummyOnce, [this] {
        QByteArray random(32, Qt::Uninitialized);
        randombytes_buf(random.data(), size_t(random.size()));
        auto hash = PasswordHasher::hash(QString::fromLatin1(random.toHex()));
        if (hash)
            m_dummyHash = hash.value();
    });
    return m_dummyHash;
}

Result<AuthToken> AuthService::signIn(User user)
{
    const QDateTime now = nowFrom(m_clock);
    AuthToken token;
    token.token = m_codec.mint(user.id, now, m_options.tokenLifetime);
    token.expiresAt
        = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + qint64(m_options.tokenLifetime.count()), Qt::UTC);
    user.passwordHash.clear();
    token.user = std::move(user);
    return token;
}

Result<TokenIdentity> AuthService::authenticate(QStringView token) const
{
    auto claims = m_codec.verify(token, nowFrom(m_clock));
    if (!claims)
        return claims.error();
    const QUuid userId = QUuid::fromString(claims->subject);
    if (userId.isNull())
        return Error::unauthorized(QStringLiteral("the token names no user; sign in again"),
                                   QStringLiteral("invalid_token"));
    auto revoked = m_store.isTokenRevoked(claims->id);
    if (!revoked)
        return revoked.error();
    if (revoked.value())
        return Error::unauthorized(QStringLiteral("this token was signed out; sign in again"),
                                   QStringLiteral("invalid_token"));
    auto user = m_store.userById(userId);
    if (!user)
        return user.error();
    if (!user.value())
        return Error::unauthorized(QStringLiteral("the token's account no longer exists"),
                                   QStringLiteral("invalid_token"));
    touchDevice(claims->id, nowFrom(m_clock));
    return TokenIdentity{userId, claims->id, claims->expiresAt};
}

Result<void> AuthService::logout(const TokenIdentity &identity)
{
    if (identity.tokenId.isEmpty())
        return Error::validation(QStringLiteral("token"), QStringLiteral("must name a token"));
    auto revoked = m_store.revokeToken(identity.tokenId, identity.userId, identity.expiresAt);
    if (revoked)
        Q_EMIT tokenRevoked(identity.tokenId);
    return revoked;
}

Result<QString> AuthService::issueInvite(const QUuid &issuedBy, std::chrono::seconds validity)
{
    return m_accounts.issueInvite(issuedBy, validity);
}

Result<void> AuthService::setPassword(const QUuid &userId, const QString &password)
{
    return m_accounts.setPassword(userId, password);
}

} // namespace tandem
