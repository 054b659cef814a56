#pragma once

#include "domain/clock.h"
#include "domain/result.h"
#include "domain/user.h"
#include "store/store.h"

#include <QObject>

#include <chrono>

namespace tandem {

// A pairing code as shown: "XXXX-XXXX" and when it stops working.
struct IssuedPairingCode
{
    QString code;
    QDateTime expiresAt;
};

// Accounts: the desktop's local owner now; registration and sign-in build on it.
class AccountService final : public QObject
{
    Q_OBJECT

public:
    explicit AccountService(Store &store, Clock clock = {}, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AccountService)

    // The account the desktop acts as: the one named after the operating-
    // system account, created (without a password) on first start.
    Result<User> ensureLocalOwner(const QString &systemAccountName);

    // `passwordHash` may be empty (no password yet). A taken name is Conflict.
    Result<User> createUser(const QString &username, const QString &passwordHash = {});
    // The same, redeeming the invite whose code hashes to `inviteHash` in the
    // same transaction: Forbidden (nothing written) when it is unknown, used or expired.
    Result<User> createUserWithInvite(const QString &username, const QString &passwordHash, const QString &inviteHash);
    Result<User> user(const QUuid &id) const;

    // Sets the password for signing in from elsewhere (8-1024 characters).
    // Blocking: it hashes with Argon2id (tens of ms), so keep it off the GUI thread.
    Result<void> setPassword(const QUuid &userId, const QString &password);
    // A single-use invite code ("XXXX-XXXX-XXXX-XXXX") for someone to register
    // with while registration needs one; shown once, stored only hashed.
    Result<QString> issueInvite(const QUuid &issuedBy, std::chrono::seconds validity = std::chrono::hours(24 * 7));
    Result<std::optional<User>> userByName(const QString &username) const;

    // Paired devices. A one-time code ("XXXX-XXXX", valid for `validity`,
    // one device) for a phone or another computer to sign in as `userId`
    // without a password (AuthService::pair redeems it); shown once, stored
    // only hashed.
    Result<IssuedPairingCode> issuePairingCode(const QUuid &userId,
                                               std::chrono::seconds validity = std::chrono::minutes(10));
    // The user's paired devices, the most recently used first.
    Result<QList<Device>> devices(const QUuid &userId) const;
    // Signs the device's token out and forgets the device (NotFound unless
    // `userId` owns it); emits tokenRevoked() so its connections close at once.
    Result<void> revokeDevice(const QUuid &userId, const QUuid &deviceId);

Q_SIGNALS:
    // A paired device's token was revoked (from any thread): whatever it
    // opened (WebSocket sessions) must close now.
    void tokenRevoked(const QString &tokenId);

private:
    Result<User> newUser(const QString &username, const QString &passwordHash) const;

    Store &m_store;
    Clock m_clock;
};

// The operating-system account running this process ("alice", or "owner").
QString systemAccountName();

} // namespace tandem
