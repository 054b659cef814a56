#include "credentials.h"

#include "auth/authsupport.h"
#include "domain/task.h"

#include <QStringList>

#include <sodium.h>

#include <string>

namespace tandem {

namespace {
// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int groupLength = 4;
constexpr int inviteGroups = 4;
constexpr int pairingGroups = 2;

QString generateCode(int groups)
{
    auth::sodiumReady();
    const qsizetype length = groups * groupLength;
    QString code;
    code.reserve(length);
    for (qsizetype i = 0; i < length; ++i)
        code += QLatin1Char(alphabet[randombytes_uniform(sizeof alphabet - 1)]);
    return code;
}

std::optional<QString> normalizeCode(const QString &typed, int groups)
{
    const qsizetype length = groups * groupLength;
    QString normalized;
    normalized.reserve(length);
    for (const QChar c : typed) {
        if (c == u'-' || c.isSpace())
            continue;
        char16_t u = c.toUpper().unicode();
        if (u == u'O')
            u = u'0';
        else if (u == u'I' || u == u'L')
            u = u'1';
        if (u > 0x7f || !std::char_traits<char>::find(alphabet, sizeof alphabet - 1, char(u)))
            return std::nullopt;
        normalized += QChar(u);
        if (normalized.size() > length)
            return std::nullopt;
    }
    if (normalized.size() != length)
        return std::nullopt;
    return normalized;
}

QString hashCode(const QString &normalized)
{
    const QByteArray bytes = normalized.toLatin1();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(bytes.constData()),
                       static_cast<unsigned long long>(bytes.size()));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

QString displayCode(const QString &normalized)
{
    QStringList parts;
    for (qsizetype at = 0; at < normalized.size(); at += groupLength)
        parts.append(normalized.mid(at, groupLength));
    return parts.join(u'-');
}
} // namespace

Result<void> validatePassword(const QString &password)
{
    const qsizetype length = codePointCount(password);
    if (length < PasswordLimits::Min || length > PasswordLimits::Max)
        return Error::validation(
            QStringLiteral("password"),
            QStringLiteral("must be %1 to %2 characters long").arg(PasswordLimits::Min).arg(PasswordLimits::Max));
    return {};
}

namespace InviteCode {
QString generate()
{
    return generateCode(inviteGroups);
}
std::optional<QString> normalize(const QString &typed)
{
    return normalizeCode(typed, inviteGroups);
}
QString hash(const QString &normalized)
{
    return hashCode(normalized);
}
QString display(const QString &normalized)
{
    return displayCode(normalized);
}
} // namespace InviteCode

namespace PairingCode {
QString generate()
{
    return generateCode(pairingGroups);
}
std::optional<QString> normalize(const QString &typed)
{
    return normalizeCode(typed, pairingGroups);
}
} // namespace PairingCode

} // namespace tandem
