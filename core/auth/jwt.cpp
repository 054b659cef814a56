#include "jwt.h"

#include "authsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

#include <cmath>

namespace tandem {

namespace {

constexpr QByteArray::Base64Options base64url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
// The latest instant a NumericDate may name (9999-12-31T23:59:59Z): larger
// values cannot be a real expiry and would overflow QDateTime arithmetic.
constexpr double maxNumericDate = 253402300799.0;

Error invalidToken(const QString &message)
{
    return Error::unauthorized(message, QStringLiteral("invalid_token"));
}

Error malformed()
{
    return invalidToken(QStringLiteral("the token is malformed; sign in again"));
}

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Strict base64url without padding: only the alphabet, and a length that
// some byte string encodes to.
std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 4 == 1)
        return std::nullopt;
    for (char c : text) {
        if (!isBase64UrlChar(c))
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

std::optional<QJsonObject> decodeObject(QByteArrayView text)
{
    const auto bytes = decodeBase64Url(text);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A NumericDate claim (seconds since the epoch, possibly fractional).
std::optional<QDateTime> numericDate(const QJsonObject &claims, QLatin1StringView name)
{
    const QJsonValue value = claims.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > maxNumericDate)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(qint64(std::floor(seconds * 1000.0)), Qt::UTC);
}

QString nonEmptyString(const QJsonObject &claims, QLatin1StringView name)
{
    const QJsonValue value = claims.value(name);
    return value.isString() ? value.toString() : QString();
}

} // namespace

JwtCodec::JwtCodec(QByteArray key, QString issuer, QString audience)
    : m_key(std::move(key))
    , m_issuer(std::move(issuer))
    , m_audience(std::move(audience))
{
    Q_ASSERT_X(m_key.size() >= 32, "JwtCodec", "the HS256 key must have at least 256 bits");
}

QByteArray JwtCodec::signature(const QByteArray &signingInput) const
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(m_key.constData()),
                                size_t(m_key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(signingInput.constData()),
                                  static_cast<unsigned long long>(signingInput.size()));
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    return QByteArray(reinterpret_cast<const char *>(mac), sizeof mac).toBase64(base64url);
}

QString JwtCodec::mint(const QUuid &userId, const QDateTime &now, std::chrono::seconds lifetime, const QUuid &jti) const
{
    static const QByteArray header = QJsonDocument(QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")},
                                                               {QStringLiteral("typ"), QStringLiteral("JWT")}})
                                         .toJson(QJsonDocument::Compact)
                                         .toBase64(base64url);
    const qint64 issued = now.toSecsSinceEpoch();
    const QJsonObject claims{
        {QStringLiteral("sub"), userId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("iss"), m_issuer},
        {QStringLiteral("aud"), m_audience},
        {QStringLiteral("iat"), issued},
        {QStringLiteral("nbf"), issued},
        {QStringLiteral("exp"), issued + qint64(lifetime.count())},
        {QStringLiteral("jti"), jti.toString(QUuid::WithoutBraces)},
    };
    const QByteArray signingInput
        = header + '.' + QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(base64url);
    return QString::fromLatin1(signingInput + '.' + signature(signingInput));
}

Result<JwtClaims> JwtCodec::verify(QStringView token, const QDateTime &now) const
{
    if (token.size() > MaxTokenLength)
        return invalidToken(QStringLiteral("the token is too long"));
    if (m_key.size() < 32 || !auth::sodiumReady())
        return invalidToken(QStringLiteral("this server cannot check tokens (it has no valid signing key)"));
    for (QChar c : token) {
        if (c.unicode() > 0x7f)
            return malformed();
    }
    const QByteArray text = token.toLatin1();
    const QList<QByteArray> parts = text.split('.');
    if (parts.size() != 3 || parts.at(2).isEmpty())
        return malformed();

    const auto header = decodeObject(parts.at(0));
    if (!header)
        return malformed();
    // The algorithm is ours to choose: a header naming any other is refused
    // outright, whatever its signature. "crit" names extensions we do not implement.
    if (header->value(QLatin1StringView("alg")) != QJsonValue(QStringLiteral("HS256"))
        || header->contains(QLatin1StringView("crit")))
        return invalidToken(QStringLiteral("the token is not signed the way this server signs tokens"));
    if (const QJsonValue typ = header->value(QLatin1StringView("typ"));
        !typ.isUndefined() && typ.toString().compare(u"JWT", Qt::CaseInsensitive) != 0)
        return malformed();

    // Compare the encoded signatures, so a signature with different trailing
    // bits (the same bytes, another spelling) is refused too.
    const QByteArray expected = signature(text.first(parts.at(0).size() + 1 + parts.at(1).size()));
    const QByteArrayView given = parts.at(2);
    if (given.size() != expected.size()
        || sodium_memcmp(given.data(), expected.constData(), size_t(expected.size())) != 0)
        return invalidToken(QStringLiteral("the token's signature is not valid; sign in again"));

    const auto claims = decodeObject(parts.at(1));
    if (!claims)
        return malformed();
    JwtClaims result;
    result.subject = nonEmptyString(*claims, QLatin1StringView("sub"));
    result.id = nonEmptyString(*claims, QLatin1StringView("jti"));
    result.issuer = nonEmptyString(*claims, QLatin1StringView("iss"));
    const auto expires = numericDate(*claims, QLatin1StringView("exp"));
    const auto issued = numericDate(*claims, QLatin1StringView("iat"));
    if (result.subject.isEmpty() || result.id.isEmpty() || !expires || !issued)
        return invalidToken(QStringLiteral("the token lacks a required claim"));
    result.expiresAt = *expires;
    result.issuedAt = *issued;
    if (claims->contains(QLatin1StringView("nbf"))) {
        const auto notBefore = numericDate(*claims, QLatin1StringView("nbf"));
        if (!notBefore)
            return malformed();
        result.notBefore = *notBefore;
    }

    if (result.issuer != m_issuer)
        return invalidToken(QStringLiteral("the token was issued by another server"));
    const QJsonValue audience = claims->value(QLatin1StringView("aud"));
    bool ours = audience.isString() && audience.toString() == m_audience;
    if (audience.isArray()) {
        const QJsonArray audiences = audience.toArray();
        ours = audiences.contains(QJsonValue(m_audience));
    }
    if (!ours)
        return invalidToken(QStringLiteral("the token is meant for another service"));
    result.audience = m_audience;

    const QDateTime utcNow = now.toUTC();
    if (result.expiresAt <= utcNow)
        return Error::unauthorized(QStringLiteral("the token has expired; sign in again"),
                                   QStringLiteral("token_expired"));
    const QDateTime latestStart = utcNow.addSecs(Leeway.count());
    if (result.issuedAt > latestStart || (result.notBefore.isValid() && result.notBefore > latestStart))
        return invalidToken(QStringLiteral("the token is not valid yet; check this computer's clock"));
    return result;
}

} // namespace tandem
