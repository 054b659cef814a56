#pragma once

#include "domain/result.h"

#include <QList>
#include <QString>
#include <QtNetwork/qtnetworkglobal.h>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslKey>
#endif

namespace tandem::sync {

// The certificate chain and private key the sync server serves HTTPS and
// WSS with (--tls-cert, --tls-key). Empty: plain HTTP and WS.
struct TlsCredentials
{
#if QT_CONFIG(ssl)
    QList<QSslCertificate> chain; // the server's own certificate first
    QSslKey key;
#endif
    bool isEmpty() const;
};

// Reads a PEM certificate (chain) and a PEM private key (RSA or EC,
// unencrypted) and checks that the key belongs to the certificate. Errors
// name the file and what is wrong with it, for the command line to print.
Result<TlsCredentials> loadTlsCredentials(const QString &certificateFile, const QString &keyFile);

} // namespace tandem::sync
