// AuthService: paired devices (pairing codes redeemed for device tokens, and
// their last use).
#include "authservice.h"

#include "auth/authsupport.h"
#include "auth/credentials.h"
#include "store/store.h"

namespace tandem {

namespace {

// The sign-in throttle's "account" for pairing: no username can look like it,
// so failed codes from every address add up here as well as per address.
const QString pairingAccount = QStringLiteral("#pairing");

Error invalidPairingCode()
{
    Error error = Error::forbidden(QStringLiteral(
        "this pairing code is not valid: it is unknown, used or expired; show a new one on the desktop"));
    error.reason = QStringLiteral("invalid_pairing_code");
    return error;
}

} // namespace

Result<PairedDevice> AuthService::pair(const QString &code, const QString &deviceName, const QString &clientAddress)
{
    if (auto allowed = m_throttle.check(pairingAccount, clientAddress); !allowed)
        return allowed.error();
    auto name = validDeviceName(deviceName);
    if (!name)
        return name.error();
    const auto normalized = PairingCode::normalize(code);
    if (!normalized) {
        m_throttle.recordFailure(pairingAccount, clientAddress);
        return invalidPairingCode();
    }

    const QDateTime now = nowFrom(m_clock);
    const QDateTime nowSeconds = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
    const QUuid tokenId = QUuid::createUuid();
    Device device;
    device.id = QUuid::createUuid();
    device.name = name.value();
    device.tokenId = tokenId.toString(QUuid::WithoutBraces);
    device.createdAt = nowSeconds;
    device.lastUsedAt = nowSeconds;
    device.expiresAt = nowSeconds.addSecs(qint64(m_options.deviceTokenLifetime.count()));
    auto paired = m_store.pairDevice(InviteCode::hash(*normalized), device);
    if (!paired) {
        if (paired.error().code != ErrorCode::Forbidden)
            return paired.error();
        m_throttle.recordFailure(pairingAccount, clientAddress);
        return invalidPairingCode();
    }
    auto user = m_store.userById(paired->userId);
    if (!user)
        return user.error();
    if (!user.value())
        return Error::notFound(QStringLiteral("the pairing code's account no longer exists"));

    PairedDevice result;
    result.device = std::move(paired).value();
    result.token.token = m_codec.mint(result.device.userId, now, m_options.deviceTokenLifetime, tokenId);
    result.token.expiresAt = result.device.expiresAt;
    result.token.user = *user.value();
    result.token.user.passwordHash.clear();
    qCInfo(auth::lcAuth) << "paired the device" << result.device.name << "for" << result.token.user.username;
    return result;
}

void AuthService::touchDevice(const QString &tokenId, const QDateTime &now) const
{
    {
        const std::lock_guard lock(m_touchMutex);
        const auto last = m_touched.constFind(tokenId);
        if (last != m_touched.cend() && last->secsTo(now) < qint64(m_options.deviceTouchInterval.count()))
            return;
        if (m_touched.size() > 10'000)
            m_touched.clear(); // a bound, not a cache that matters: at worst one more write per token
        m_touched.insert(tokenId, now);
    }
    // Whole seconds, as the token's times are.
    if (auto touched = m_store.touchDevice(tokenId, QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC));
        !touched)
        qCWarning(auth::lcAuth) << "could not store a device's last use:" << touched.error().message;
}

} // namespace tandem
