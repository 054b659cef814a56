#include "httpresponse.h"

#include "protocol.h"
#include "reststatic.h"

#include <QJsonDocument>

#include <algorithm>

namespace tandem::sync {

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Validation:
        return 422;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::Storage:
        return 503;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::RateLimited:
        return 429;
    }
    return 500;
}

int httpStatusFor(const Error &error)
{
    // The refusals only HTTP has carry their own status in their wire code.
    if (error.reason == u"bad_json")
        return 400;
    if (error.reason == u"unsupported_media_type")
        return 415;
    if (error.reason == u"unavailable")
        return 503;
    return httpStatusFor(error.code);
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return jsonText(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::jsonText(int status, const QByteArray &utf8Json)
{
    HttpResponse response;
    response.status = status;
    response.body = utf8Json;
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

HttpResponse HttpResponse::error(int status, const QByteArray &code, const QString &message, const QJsonObject &extra)
{
    QJsonObject error = extra;
    error.insert(QStringLiteral("code"), QString::fromLatin1(code));
    error.insert(QStringLiteral("message"), message);
    return json(status, QJsonObject{{QStringLiteral("error"), error}});
}

HttpResponse HttpResponse::fromError(const Error &anyError)
{
    const Error error = publicError(anyError);
    QJsonObject extra = error.details;
    if (!error.field.isEmpty())
        extra.insert(QStringLiteral("field"), error.field);
    HttpResponse response
        = HttpResponse::error(httpStatusFor(error), error.wireCode().toLatin1(), error.toString(), extra);
    if (error.code == ErrorCode::RateLimited)
        response.withHeader("Retry-After",
                            QByteArray::number(error.details.value(QStringLiteral("retryAfter")).toInt(1)));
    if (error.code == ErrorCode::Unauthorized)
        response.withHeader("WWW-Authenticate", "Bearer"); // RFC 6750: say which scheme to use
    return response;
}

HttpResponse &HttpResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray HttpResponse::serialize(bool keepAlive, bool headRequest) const
{
    QByteArray out;
    out.reserve(256 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    const bool bodiless = status == 204 || status == 304;
    if (!bodiless)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    // API answers are never cached; a static file says how it may be.
    const bool ownCaching = std::any_of(headers.cbegin(), headers.cend(), [](const auto &header) {
        return header.first.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    });
    if (!ownCaching)
        out += "Cache-Control: no-store\r\n";
    for (const auto &[name, value] : securityHeaders())
        out += name + ": " + value + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!headRequest && !bodiless)
        out += body;
    return out;
}

} // namespace tandem::sync
