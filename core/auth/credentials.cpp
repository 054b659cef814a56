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
constexpr int groups = 4;
constexpr int groupLength = 4;
constexpr qsizetype codeLength = groups * groupLength;
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
    auth::sodiumReady();
    QString code;
    code.reserve(codeLength);
    for (qsizetype i = 0; i < codeLength; ++i)
        code += QLatin1Char(alphabet[randombytes_uniform(sizeof alphabet - 1)]);
    return code;
}

std::optional<QString> normalize(const QString &typed)
{
    QString normalized;
    normalized.reserve(codeLength);
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
    }
    if (normalized.size() != codeLength)
        return std::nullopt;
    return normalized;
}

QString hash(const QString &normalized)
{
    const QByteArray bytes = normalized.toLatin1();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char *>(bytes.constData()),
                       static_cast<unsigned long long>(bytes.size()));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

QString display(const QString &normalized)
{
    QStringList parts;
    for (int g = 0; g < groups; ++g)
        parts.append(normalized.mid(g * groupLength, groupLength));
    return parts.join(u'-');
}

} // namespace InviteCode

} // namespace tandem
