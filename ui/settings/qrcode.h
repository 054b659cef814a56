#pragma once

#include <QImage>
#include <QString>

namespace tandem {

// `text` as a QR code (libqrencode, error correction level M), black modules
// on white with the standard four-module quiet zone, each module `scale`
// pixels square. A null image when the text cannot be encoded (too long).
QImage qrCodeImage(const QString &text, int scale = 6);

} // namespace tandem
