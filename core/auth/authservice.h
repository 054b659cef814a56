#pragma once

#include "auth/jwt.h"
#include "auth/loginthrottle.h"
#include "domain/clock.h"
#include "domain/result.h"
#include "domain/user.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

namespace tandem {

class AccountService;
class Store;

// A signed-in session: the bearer token, its user (without the password
// hash) and when the token expires.
struct AuthToken
{
    QString token;
    User user;
    QDateTime expiresAt;
};

// A device that redeemed a pairing code, and the token it signs in with.
struct PairedDevice
{
    AuthToken token;
    Device device;
};

// Who a valid token speaks for.
struct TokenIdentity
{
    QUuid userId;
    QString tokenId; // the jti; what logout() revokes
    QDateTime expiresAt;
};

// Registration, sign-in and bearer tokens. Errors map 1:1 to the wire
// (Error::wireCode() and the ErrorCode's HTTP status):
//   Validation "username"/"password" (422), Conflict "username_taken" (409),
//   Forbidden "invite_required"/"invalid_invite" (403), Unauthorized
//   "invalid_credentials"/"invalid_token"/"token_expired" (401), RateLimited
//   "rate_limited" with details.retryAfter (429), Storage (500).
//
// Threads: every member function may be called from any thread. Password
// hashing and verification (Argon2id, tens of milliseconds and 19 MiB each)
// run only on this service's own thread pool, never on the caller's thread.
class AuthService final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString issuer = QStringLiteral("tandem");
        QString audience = QStringLiteral("tandem-api");
        std::chrono::seconds tokenLifetime = std::chrono::hours(24 * 30);
        std::chrono::seconds deviceTokenLifetime = std::chrono::hours(24 * 365); // paired devices
        std::chrono::seconds deviceTouchInterval = std::chrono::seconds(60); // last use is stored this often
        bool registrationNeedsInvite = false;
    };

    // `signingKey`: the 256-bit HS256 key (SigningKeyLoader). `store` and
    // `accounts` must outlive this service.
    AuthService(Store &store, AccountService &accounts, QByteArray signingKey, Options options, Clock clock = {},
                QObject *parent = nullptr);
    // Waits for the pool's queued and running jobs. Their `done` callbacks
    // still arrive through their contexts' event loops (they do not use the service).
    ~AuthService() override;
    Q_DISABLE_COPY_MOVE(AuthService)

    // The server turns this on with --lan: registering then needs an invite.
    void setRegistrationNeedsInvite(bool needed);
    bool registrationNeedsInvite() const { return m_needsInvite.load(); }

    // Asynchronous. `done` is called once, on `context`'s thread (from its
    // event loop, never before this returns), and not at all if `context` is
    // destroyed first. The checks that need no hashing answer at once
    // (through the event loop too); the rest runs on the service's pool.
    //
    // registerUser: a username (3-64 of A-Z a-z 0-9 . _ -, unique ignoring
    // case), a password of 8-1024 characters and, while registration needs
    // one, an invite code (redeemed in the same transaction that creates the
    // user). Success signs the new user in.
    void registerUser(const QString &username, const QString &password, const QString &inviteCode,
                      const QString &clientAddress, QObject *context, std::function<void(Result<AuthToken>)> done);
    // login: one error for an unknown user, a wrong password and a user
    // without a password, in about the same time. After 5 failures for the
    // account or the address, RateLimited (checked before any hashing).
    void login(const QString &username, const QString &password, const QString &clientAddress, QObject *context,
               std::function<void(Result<AuthToken>)> done);

    // Synchronous (no hashing; one write transaction): redeems a pairing code
    // (AccountService::issuePairingCode) for a device token of the code's
    // user. Forbidden "invalid_pairing_code" for an unknown, used or expired
    // code (or text that cannot be one); Validation "code"/"deviceName";
    // RateLimited as login is, per address and over all addresses.
    Result<PairedDevice> pair(const QString &code, const QString &deviceName, const QString &clientAddress);

    // Synchronous and fast (no hashing; two indexed reads): the token's
    // signature and claims, then that its user still exists and that it was
    // not signed out. Thread-safe.
    Result<TokenIdentity> authenticate(QStringView token) const;
    // Signs out one token: it is refused from now on by every Tandem process
    // sharing the database. The user's other tokens stay valid. Emits
    // tokenRevoked() on success.
    Result<void> logout(const TokenIdentity &identity);

    // A single-use invite code ("XXXX-XXXX-XXXX-XXXX", 80 random bits, from
    // an alphabet without look-alikes; case, dashes and spaces do not matter
    // when typed, and O/I/L are read as 0/1/1). Only its SHA-256 is stored.
    Result<QString> issueInvite(const QUuid &issuedBy, std::chrono::seconds validity = std::chrono::hours(24 * 7));

    // Blocking (hashes on the calling thread): call it off the UI thread.
    Result<void> setPassword(const QUuid &userId, const QString &password);

    // For tests: called on the worker thread just before each password hash
    // or verification. Set it before the first call that hashes.
    void setWorkerHook(std::function<void()> hook);

Q_SIGNALS:
    // A token was signed out in this process (from any thread): whatever it
    // opened (WebSocket sessions) must close now.
    void tokenRevoked(const QString &tokenId);

private:
    using Done = std::function<void(Result<AuthToken>)>;

    void deliver(QFuture<Result<AuthToken>> future, QObject *context, Done done);
    Result<AuthToken> registerOnPool(const QString &username, const QString &password, const QString &codeHash);
    Result<AuthToken> loginOnPool(const QString &username, const QString &password, const QString &clientAddress);
    Result<AuthToken> signIn(User user);
    const QString &dummyHash();
    void runHook() const;
    // Stores a paired device's last use, at most once per deviceTouchInterval per token.
    void touchDevice(const QString &tokenId, const QDateTime &now) const;

    Store &m_store;
    AccountService &m_accounts;
    JwtCodec m_codec;
    Options m_options;
    Clock m_clock;
    std::atomic<bool> m_needsInvite;
    LoginThrottle m_throttle;
    std::once_flag m_dummyOnce;
    QString m_dummyHash;
    std::function<void()> m_hook;
    mutable std::mutex m_touchMutex;
    mutable QHash<QString, QDateTime> m_touched; // token id -> when its last use was last stored
    // Declared last, so it is destroyed first: its jobs use the members above.
    QThreadPool m_pool;
};

} // namespace tandem
