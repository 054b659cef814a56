#include "reststatic.h"

#include "restareas.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>

namespace tandem::sync {

namespace {

QByteArray contentTypeFor(const QString &path)
{
    if (path.endsWith(u".html"))
        return "text/html; charset=utf-8";
    if (path.endsWith(u".js"))
        return "text/javascript; charset=utf-8";
    if (path.endsWith(u".css"))
        return "text/css; charset=utf-8";
    if (path.endsWith(u".svg"))
        return "image/svg+xml";
    if (path.endsWith(u".png"))
        return "image/png";
    if (path.endsWith(u".json") || path.endsWith(u".webmanifest"))
        return "application/manifest+json";
    return "application/octet-stream";
}

} // namespace

StaticFiles::StaticFiles()
{
    QDirIterator files(QStringLiteral(":/web"), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString resource = files.next();
        QFile file(resource);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        File entry;
        entry.bytes = file.readAll();
        entry.contentType = contentTypeFor(resource);
        entry.etag = '"' + QCryptographicHash::hash(entry.bytes, QCryptographicHash::Sha256).toHex().left(32) + '"';
        m_files.insert(resource.mid(QStringLiteral(":/web").size()), entry);
    }
}

std::optional<HttpResponse> StaticFiles::answer(const HttpRequest &request) const
{
    const QString path = request.path == u"/" ? QStringLiteral("/index.html") : request.path;
    const auto it = m_files.constFind(path);
    if (it == m_files.cend())
        return std::nullopt;
    HttpResponse response;
    response.withHeader("ETag", it->etag).withHeader("Cache-Control", "no-cache");
    const QByteArray ifNoneMatch = request.header("if-none-match");
    if (!ifNoneMatch.isEmpty()
        && (ifNoneMatch == "*" || ifNoneMatch.split(',').contains(it->etag)
            || ifNoneMatch.split(',').contains(' ' + it->etag))) {
        response.status = 304;
        response.contentType.clear();
        return response;
    }
    response.status = 200;
    response.contentType = it->contentType;
    response.body = it->bytes;
    return response;
}

const QList<std::pair<QByteArray, QByteArray>> &securityHeaders()
{
    // connect-src 'self' covers this origin's ws:/wss: in current browsers;
    // they are named too for older ones. No inline script or style anywhere.
    static const QList<std::pair<QByteArray, QByteArray>> headers{
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; "
         "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    };
    return headers;
}

} // namespace tandem::sync

namespace tandem::sync::rest::web {

Result<HttpResponse> health(const RestCall &)
{
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                          {QStringLiteral("version"), QStringLiteral(TANDEM_VERSION)}});
}

Result<HttpResponse> file(const RestCall &call)
{
    const auto found = call.services.files.answer(call.request);
    if (!found)
        return noSuchResource();
    if (!isGet(call.request))
        return methodNotAllowed("GET, HEAD");
    return *found;
}

} // namespace tandem::sync::rest::web
