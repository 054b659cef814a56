#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringView>
#include <QUuid>

#include <chrono>

namespace tandem {

// The registered claims Tandem puts in (and requires of) a token.
struct JwtClaims
{
    QString subject; // sub: the user's id
    QString issuer; // iss
    QString audience; // aud: ours (a token may name several)
    QString id; // jti: what logout revokes
    QDateTime issuedAt; // iat
    QDateTime notBefore; // nbf; invalid when the token has none
    QDateTime expiresAt; // exp
};

// JSON Web Tokens (RFC 7519) signed with HMAC-SHA256, and nothing else: the
// algorithm is fixed here, never taken from a token's header, so "none",
// HS384, RS256 and other confusions are refused before the signature is looked
// at. Immutable after construction, so one codec may be used from any number
// of threads at once.
class JwtCodec final
{
public:
    static constexpr qsizetype MaxTokenLength = 8 * 1024;
    static constexpr std::chrono::seconds Leeway{30}; // for clocks a little ahead of ours

    // `key` is the 256-bit signing key (see SigningKeyLoader).
    explicit JwtCodec(QByteArray key, QString issuer, QString audience);

    // A compact JWS: header {"alg":"HS256","typ":"JWT"}, claims sub, iat,
    // nbf (= iat), exp (= iat + lifetime), iss, aud and jti; base64url without
    // padding. Times are whole seconds (`now` is truncated).
    QString mint(const QUuid &userId, const QDateTime &now, std::chrono::seconds lifetime,
                 const QUuid &jti = QUuid::createUuid()) const;

    // The claims of a token this codec's key signed for our issuer and
    // audience, or Error::unauthorized with reason "token_expired" (exp <=
    // now) or "invalid_token" (anything else: malformed, over 8 KiB, another
    // algorithm, a bad signature, iat or nbf more than 30 s ahead of `now`,
    // another iss or aud, or sub, jti, exp, iat, iss or aud missing).
    Result<JwtClaims> verify(QStringView token, const QDateTime &now) const;

private:
    QByteArray signature(const QByteArray &signingInput) const;

    QByteArray m_key;
    QString m_issuer;
    QString m_audience;
};

} // namespace tandem
