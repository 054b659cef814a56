#pragma once

#include "domain/result.h"

#include <QString>

#include <optional>

namespace tandem {

namespace PasswordLimits {
inline constexpr qsizetype Min = 8; // characters (code points), as a person counts them
inline constexpr qsizetype Max = 1024;
} // namespace PasswordLimits

// Length rules for a new password: Validation "password" when broken.
Result<void> validatePassword(const QString &password);

// Single-use invite codes: 16 characters of Crockford's base32 (80 random
// bits), shown as XXXX-XXXX-XXXX-XXXX. Only their SHA-256 is stored.
namespace InviteCode {
// A fresh code in its normalized form (16 characters, no dashes).
QString generate();
// What a person typed, as issued: upper case, no dashes or spaces, O read as
// 0 and I/L as 1; nullopt when it cannot be a code.
std::optional<QString> normalize(const QString &typed);
// The stored form of a normalized code.
QString hash(const QString &normalized);
// "ABCD-EFGH-JKMN-PQRS"
QString display(const QString &normalized);
} // namespace InviteCode

// One-time pairing codes the desktop shows for a device to sign in without a
// password: 8 characters of the same alphabet (40 random bits), shown as
// XXXX-XXXX, good for ten minutes and one device, and tried under the
// sign-in throttle. Stored hashed (InviteCode::hash) and shown with
// InviteCode::display.
namespace PairingCode {
QString generate();
std::optional<QString> normalize(const QString &typed);
} // namespace PairingCode

} // namespace tandem
