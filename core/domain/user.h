#pragma once

#include "result.h"

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace tandem {

struct User
{
    QUuid id;
    QString username; // as the user typed it; unique ignoring case
    QString passwordHash; // libsodium Argon2id string; empty until a password is set
    QDateTime createdAt;

    bool hasPassword() const { return !passwordHash.isEmpty(); }
    friend bool operator==(const User &, const User &) = default;
};

// A phone or computer that paired with a one-time code instead of a
// password, and the token it holds (by its jti). Listed on the desktop with
// its last use; revoking it signs that token out.
struct Device
{
    QUuid id;
    QUuid userId;
    QString name; // what the device called itself, e.g. "Pixel 8 (Chrome)"
    QString tokenId;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime expiresAt; // when its token expires

    friend bool operator==(const Device &, const Device &) = default;
};

namespace DeviceLimits {
inline constexpr qsizetype MaxName = 64; // characters (code points)
} // namespace DeviceLimits

namespace UserLimits {
inline constexpr qsizetype MinUsername = 3;
inline constexpr qsizetype MaxUsername = 64;
} // namespace UserLimits

// 3 to 64 of A-Z a-z 0-9 . _ -
Result<void> validateUsername(const QString &username);
// A device's name as given, trimmed: 1 to 64 characters, no control
// characters; Validation "deviceName" otherwise.
Result<QString> validDeviceName(const QString &name);
// Turns an operating-system account name into a valid username ("Zoë Smith" -> "Zo__Smith").
QString usernameFromSystemAccount(const QString &accountName);

} // namespace tandem
