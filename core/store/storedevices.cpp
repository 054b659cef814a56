#include "storeprivate.h"

#include "domain/isotime.h"
#include "domain/json.h"
#include "storerows.h"

namespace tandem {

using namespace store::detail;
using store::Connection;
using store::Rows;

namespace {

const QString deviceColumns = QStringLiteral("id, user_id, name, token_id, created_at, last_used_at, expires_at");

Result<Device> deviceFromRow(const Rows &rows)
{
    const auto id = uuidFromText(rows.text(0));
    const auto user = uuidFromText(rows.text(1));
    if (!id || !user)
        return unreadable(QStringLiteral("device"), rows.text(0), QStringLiteral("bad id"));
    Device device;
    device.id = *id;
    device.userId = *user;
    device.name = rows.text(2);
    device.tokenId = rows.text(3);
    device.createdAt = timestampFromMsecs(rows.integer(4));
    device.lastUsedAt = timestampFromMsecs(rows.integer(5));
    device.expiresAt = timestampFromMsecs(rows.integer(6));
    return device;
}

// Refuses token `jti` from now on and forgets the paired device holding it
// (a device that signs out or is revoked is no longer listed).
Result<void> revokeIn(Connection &c, const QString &jti, const QUuid &userId, const QDateTime &expiresAt)
{
    auto revoked = c.run(QStringLiteral("INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (?, ?, ?) "
                                        "ON CONFLICT (jti) DO NOTHING"),
                         {jti, text(userId), expiresAt.toMSecsSinceEpoch()});
    if (!revoked)
        return revoked.error();
    auto removed = c.run(QStringLiteral("DELETE FROM devices WHERE token_id = ?"), {jti});
    if (!removed)
        return removed.error();
    return {};
}

} // namespace

Result<void> Store::insertPairingCode(const QString &codeHash, const QUuid &userId, const QDateTime &createdAt,
                                      const QDateTime &expiresAt)
{
    return d->writeAlone(QStringLiteral("INSERT INTO pairing_codes (code_hash, user_id, created_at, expires_at) "
                                        "VALUES (?, ?, ?, ?)"),
                         {codeHash, text(userId), createdAt.toMSecsSinceEpoch(), expiresAt.toMSecsSinceEpoch()});
}

Result<Device> Store::pairDevice(const QString &codeHash, Device device)
{
    return d->inWriteTransaction<Device>([&](Connection &c) -> Result<Device> {
        const qint64 at = device.createdAt.toMSecsSinceEpoch();
        // Only one transaction can move used_at from NULL (the row lock on
        // PostgreSQL, the write lock on SQLite): a code pairs one device.
        auto redeemed = c.run(QStringLiteral("UPDATE pairing_codes SET used_at = ? "
                                             "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"),
                              {at, codeHash, at});
        if (!redeemed)
            return redeemed.error();
        if (redeemed->affected() != 1)
            return Error::forbidden(QStringLiteral("the pairing code is unknown, used or expired"));
        auto owner = c.run(QStringLiteral("SELECT user_id FROM pairing_codes WHERE code_hash = ?"), {codeHash});
        if (!owner)
            return owner.error();
        if (!owner->next())
            return Error::storage(QStringLiteral("the pairing code vanished while it was redeemed"));
        const auto userId = uuidFromText(owner->text(0));
        if (!userId)
            return unreadable(QStringLiteral("pairing code"), owner->text(0), QStringLiteral("bad user id"));
        device.userId = *userId;
        auto inserted
            = c.run(QStringLiteral("INSERT INTO devices (%1) VALUES (?, ?, ?, ?, ?, ?, ?)").arg(deviceColumns),
                    {text(device.id), text(device.userId), device.name, device.tokenId, at,
                     device.lastUsedAt.toMSecsSinceEpoch(), device.expiresAt.toMSecsSinceEpoch()});
        if (!inserted)
            return inserted.error();
        return device;
    });
}

Result<QList<Device>> Store::devices(const QUuid &userId)
{
    return d->withConnection<QList<Device>>([&](Connection &c) -> Result<QList<Device>> {
        auto rows = c.run(QStringLiteral("SELECT %1 FROM devices WHERE user_id = ? ORDER BY last_used_at DESC, id")
                              .arg(deviceColumns),
                          {text(userId)});
        if (!rows)
            return rows.error();
        QList<Device> devices;
        while (rows->next()) {
            auto device = deviceFromRow(rows.value());
            if (!device)
                return device.error();
            devices.append(std::move(device).value());
        }
        return devices;
    });
}

Result<bool> Store::touchDevice(const QString &tokenId, const QDateTime &at)
{
    return d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("UPDATE devices SET last_used_at = ? WHERE token_id = ? AND last_used_at < ?"),
                          {at.toMSecsSinceEpoch(), tokenId, at.toMSecsSinceEpoch()});
        if (!rows)
            return rows.error();
        const bool touched = rows->affected() > 0;
        if (touched)
            d->committedAlone(c);
        return touched;
    });
}

Result<Device> Store::revokeDevice(const QUuid &userId, const QUuid &deviceId)
{
    return d->inWriteTransaction<Device>([&](Connection &c) -> Result<Device> {
        auto rows = c.run(QStringLiteral("SELECT %1 FROM devices WHERE id = ? AND user_id = ?").arg(deviceColumns),
                          {text(deviceId), text(userId)});
        if (!rows)
            return rows.error();
        if (!rows->next())
            return Error::notFound(QStringLiteral("no such device"));
        auto device = deviceFromRow(rows.value());
        if (!device)
            return device.error();
        if (auto revoked = revokeIn(c, device->tokenId, userId, device->expiresAt); !revoked)
            return revoked.error();
        return device;
    });
}

Result<void> Store::revokeToken(const QString &jti, const QUuid &userId, const QDateTime &expiresAt)
{
    return d->inWriteTransaction<void>([&](Connection &c) { return revokeIn(c, jti, userId, expiresAt); });
}

} // namespace tandem
