#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace tandem::sync {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // extra headers

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse jsonText(int status, const QByteArray &utf8Json);
    static HttpResponse noContent();
    // {"error":{"code":...,"message":...}} plus any `extra` members inside "error".
    static HttpResponse error(int status, const QByteArray &code, const QString &message,
                              const QJsonObject &extra = {});
    // Maps a service error to its status and wire code.
    static HttpResponse fromError(const Error &error);

    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value);

    // The bytes on the wire. `keepAlive` chooses the Connection header.
    QByteArray serialize(bool keepAlive, bool headRequest = false) const;
};

int httpStatusFor(ErrorCode code);
// The status of an error on the wire: its code's, except for the refusals only
// HTTP has, named by their reason: bad_json 400, unsupported_media_type 415,
// unavailable 503.
int httpStatusFor(const Error &error);
QByteArray httpReasonPhrase(int status);

} // namespace tandem::sync
