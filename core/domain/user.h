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

namespace UserLimits {
inline constexpr qsizetype MinUsername = 3;
inline constexpr qsizetype MaxUsername = 64;
} // namespace UserLimits

// 3 to 64 of A-Z a-z 0-9 . _ -
Result<void> validateUsername(const QString &username);
// Turns an operating-system account name into a valid username ("Zoë Smith" -> "Zo__Smith").
QString usernameFromSystemAccount(const QString &accountName);

} // namespace tandem
