#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace tandem::sync {

// The web companion's files (resources/web, compiled into the binary under
// :/web): "/" is index.html, every other file by its path. Each answer has
// its Content-Type, an ETag (a hash of the bytes) and Cache-Control: no-cache,
// so a browser revalidates and gets 304 Not Modified while nothing changed.
// Nothing is read from disk at run time and nothing else is served.
class StaticFiles final
{
public:
    StaticFiles(); // loads and hashes every file once

    // The answer for a GET or HEAD of `request.path`, or nothing when no file has that path.
    std::optional<HttpResponse> answer(const HttpRequest &request) const;
    bool isEmpty() const { return m_files.isEmpty(); }

private:
    struct File
    {
        QByteArray bytes;
        QByteArray contentType;
        QByteArray etag; // quoted
    };
    QHash<QString, File> m_files; // "/index.html", "/app.js", ...
};

// The headers every HTTP answer carries, whatever it is: a Content-Security-
// Policy without inline script, no framing, no sniffing, no referrer.
const QList<std::pair<QByteArray, QByteArray>> &securityHeaders();

} // namespace tandem::sync
