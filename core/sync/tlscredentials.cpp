#include "tlscredentials.h"

#include <QFile>

namespace tandem::sync {

bool TlsCredentials::isEmpty() const
{
#if QT_CONFIG(ssl)
    return chain.isEmpty();
#else
    return true;
#endif
}

#if QT_CONFIG(ssl)
namespace {

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::validation(what, QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    return file.readAll();
}

// Whether `key` is the private half of `certificate`'s public key. Qt has no
// call for it; both DER forms (PKCS#1 or SEC1 for the private key) carry the
// public part — the RSA modulus and exponent, the EC point — and those bytes
// end the public key's encoding, so the private key must contain them.
bool keyMatches(const QSslCertificate &certificate, const QSslKey &key)
{
    const QByteArray publicDer = certificate.publicKey().toDer();
    const QByteArray privateDer = key.toDer();
    const qsizetype tail = std::min<qsizetype>(publicDer.size(), 48);
    return tail >= 32 && privateDer.contains(publicDer.right(tail));
}

} // namespace

Result<TlsCredentials> loadTlsCredentials(const QString &certificateFile, const QString &keyFile)
{
    const QString certWhat = QStringLiteral("--tls-cert");
    const QString keyWhat = QStringLiteral("--tls-key");
    auto certificateBytes = readFile(certificateFile, certWhat);
    if (!certificateBytes)
        return certificateBytes.error();
    auto keyBytes = readFile(keyFile, keyWhat);
    if (!keyBytes)
        return keyBytes.error();
    TlsCredentials credentials;
    credentials.chain = QSslCertificate::fromData(certificateBytes.value(), QSsl::Pem);
    if (credentials.chain.isEmpty() || credentials.chain.constFirst().isNull())
        return Error::validation(certWhat,
                                 QStringLiteral("%1 %2 holds no PEM certificate").arg(certWhat, certificateFile));
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        credentials.key = QSslKey(keyBytes.value(), algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!credentials.key.isNull())
            break;
    }
    if (credentials.key.isNull())
        return Error::validation(
            keyWhat, QStringLiteral("%1 %2 holds no unencrypted PEM private key (RSA or EC)").arg(keyWhat, keyFile));
    if (!keyMatches(credentials.chain.constFirst(), credentials.key))
        return Error::validation(
            keyWhat,
            QStringLiteral("the key in %1 does not belong to the certificate in %2").arg(keyFile, certificateFile));
    return credentials;
}
#else
Result<TlsCredentials> loadTlsCredentials(const QString &, const QString &)
{
    return Error::validation(QStringLiteral("--tls-cert"),
                             QStringLiteral("this build of Tandem has no TLS support (Qt without OpenSSL)"));
}
#endif

} // namespace tandem::sync
