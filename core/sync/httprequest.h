#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace tandem::sync {

struct HttpLimits
{
    qsizetype maxHeadBytes = 8 * 1024; // request line + headers, CRLFCRLF included (else 431)
    qint64 maxBodyBytes = 1024 * 1024; // (else 413)
    int maxHeaders = 100; // (else 431)
};

struct HttpRequest
{
    QByteArray method; // "GET"
    QByteArray target; // "/api/tasks?status=pending", as sent
    QString path; // "/api/tasks", percent-decoded
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
    QByteArray body;
    QHostAddress peer;

    QByteArray header(QByteArrayView name) const; // first value, or empty
    bool hasHeader(QByteArrayView name) const;
};

// The outcome of looking at the bytes received so far for a request head.
struct HeadParse
{
    enum class State { Incomplete, Complete, Failed };
    State state = State::Incomplete;
    int status = 0; // for Failed: the HTTP status to answer (400, 405, 411, 413, 431, 501, 505)
    QByteArray code; // for Failed: the error code for the JSON body ("bad_request", ...)
    QString message; // for Failed: what was wrong, for a person
    HttpRequest request; // for Complete: method, target, path, query and headers
    qsizetype headLength = 0; // for Complete: bytes up to and including the blank line
    qint64 contentLength = 0; // for Complete
    bool keepAlive = true; // for Complete: HTTP/1.1 default unless "Connection: close"
    bool websocketUpgrade = false;
};

// Parses an HTTP/1.1 (or 1.0) request head from the start of `buffer`
// without consuming anything, so a caller reads it only once it is whole.
// Strict: CRLF line ends, a single Content-Length,
// no Transfer-Encoding (bodies are small JSON), no obsolete line folding.
HeadParse parseRequestHead(QByteArrayView buffer, const HttpLimits &limits = {});

} // namespace tandem::sync
