#include "accountservice.h"

#include "auth/credentials.h"
#include "auth/passwordhasher.h"

#include <QLoggingCategory>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcAccounts, "tandem.accounts")
}

AccountService::AccountService(Store &store, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
{ }

Result<User> AccountService::ensureLocalOwner(const QString &systemAccountName)
{
    const QString username = usernameFromSystemAccount(systemAccountName);
    auto existing = m_store.userByName(username);
    if (!existing)
        return existing.error();
    if (existing.value())
        return *existing.value();
    auto created = createUser(username);
    if (!created && created.error().code == ErrorCode::Conflict) {
        // Another process sharing the database created it a moment ago.
        existing = m_store.userByName(username);
        if (existing && existing.value())
            return *existing.value();
    }
    if (created)
        qCInfo(lcAccounts) << "created the local owner account" << username;
    return created;
}

Result<User> AccountService::newUser(const QString &username, const QString &passwordHash) const
{
    if (auto valid = validateUsername(username); !valid)
        return valid.error();
    User user;
    user.id = QUuid::createUuid();
    user.username = username;
    user.passwordHash = passwordHash;
    user.createdAt = nowFrom(m_clock);
    return user;
}

Result<User> AccountService::createUser(const QString &username, const QString &passwordHash)
{
    auto user = newUser(username, passwordHash);
    if (!user)
        return user;
    return m_store.insertUser(user.value());
}

Result<User> AccountService::createUserWithInvite(const QString &username, const QString &passwordHash,
                                                  const QString &inviteHash)
{
    auto user = newUser(username, passwordHash);
    if (!user)
        return user;
    return m_store.insertUserWithInvite(user.value(), inviteHash, user->createdAt);
}

Result<User> AccountService::user(const QUuid &id) const
{
    auto user = m_store.userById(id);
    if (!user)
        return user.error();
    if (!user.value())
        return Error::notFound(QStringLiteral("no such user"));
    return *user.value();
}

Result<std::optional<User>> AccountService::userByName(const QString &username) const
{
    return m_store.userByName(username);
}

Result<void> AccountService::setPassword(const QUuid &userId, const QString &password)
{
    if (auto valid = validatePassword(password); !valid)
        return valid.error();
    auto hash = PasswordHasher::hash(password);
    if (!hash)
        return hash.error();
    return m_store.setPasswordHash(userId, hash.value());
}

Result<QString> AccountService::issueInvite(const QUuid &issuedBy, std::chrono::seconds validity)
{
    if (validity.count() <= 0)
        return Error::validation(QStringLiteral("validity"), QStringLiteral("must be positive"));
    auto issuer = user(issuedBy);
    if (!issuer)
        return issuer.error();
    const QString code = InviteCode::generate();
    const QDateTime now = nowFrom(m_clock);
    if (auto stored = m_store.insertInvite(InviteCode::hash(code), issuedBy, now, now.addSecs(validity.count()));
        !stored)
        return stored.error();
    qCInfo(lcAccounts) << issuer->username << "issued an invite, valid for" << validity.count() << "s";
    return InviteCode::display(code);
}

Result<IssuedPairingCode> AccountService::issuePairingCode(const QUuid &userId, std::chrono::seconds validity)
{
    if (validity.count() <= 0)
        return Error::validation(QStringLiteral("validity"), QStringLiteral("must be positive"));
    auto owner = user(userId);
    if (!owner)
        return owner.error();
    const QString code = PairingCode::generate();
    const QDateTime now = nowFrom(m_clock);
    const QDateTime expiresAt = now.addSecs(validity.count());
    if (auto stored = m_store.insertPairingCode(InviteCode::hash(code), userId, now, expiresAt); !stored)
        return stored.error();
    qCInfo(lcAccounts) << owner->username << "showed a pairing code, valid for" << validity.count() << "s";
    return IssuedPairingCode{InviteCode::display(code), expiresAt};
}

Result<QList<Device>> AccountService::devices(const QUuid &userId) const
{
    return m_store.devices(userId);
}

Result<void> AccountService::revokeDevice(const QUuid &userId, const QUuid &deviceId)
{
    auto device = m_store.revokeDevice(userId, deviceId);
    if (!device)
        return device.error();
    qCInfo(lcAccounts) << "revoked the device" << device->name;
    Q_EMIT tokenRevoked(device->tokenId);
    return {};
}

QString systemAccountName()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("owner");
}

} // namespace tandem
