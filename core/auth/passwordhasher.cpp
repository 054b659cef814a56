#include "passwordhasher.h"

#include "authsupport.h"

#include <QByteArray>
#include <QScopeGuard>

#include <sodium.h>

namespace tandem {

namespace {

// The password's UTF-8 bytes, wiped when the caller is done with them.
QByteArray passwordBytes(const QString &password)
{
    QByteArray bytes = password.toUtf8();
    bytes.detach();
    return bytes;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
}

} // namespace

Result<QString> PasswordHasher::hash(const QString &password)
{
    if (!auth::sodiumReady())
        return Error::storage(QStringLiteral("the password cannot be stored: the cryptography library did not start"));
    QByteArray bytes = passwordBytes(password);
    auto wiped = qScopeGuard([&] { wipe(bytes); });
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, bytes.constData(), static_cast<unsigned long long>(bytes.size()), OpsLimit, MemLimit)
        != 0) {
        qCWarning(auth::lcAuth) << "hashing a password failed: out of memory";
        return Error::storage(QStringLiteral("the password cannot be stored right now: the server is out of memory"));
    }
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QString &password)
{
    if (hash.isEmpty() || !auth::sodiumReady())
        return false;
    const QByteArray encoded = hash.toLatin1();
    if (encoded.size() >= qsizetype(crypto_pwhash_STRBYTES))
        return false;
    QByteArray bytes = passwordBytes(password);
    auto wiped = qScopeGuard([&] { wipe(bytes); });
    return crypto_pwhash_str_verify(encoded.constData(), bytes.constData(),
                                    static_cast<unsigned long long>(bytes.size()))
        == 0;
}

bool PasswordHasher::needsRehash(const QString &hash)
{
    if (!auth::sodiumReady())
        return true;
    // libsodium would accept an Argon2i string with the same parameters.
    if (!hash.startsWith(QLatin1StringView(crypto_pwhash_argon2id_STRPREFIX)))
        return true;
    const QByteArray encoded = hash.toLatin1();
    // 0: current parameters; 1: other ones; -1: malformed.
    return crypto_pwhash_str_needs_rehash(encoded.constData(), OpsLimit, MemLimit) != 0;
}

} // namespace tandem
