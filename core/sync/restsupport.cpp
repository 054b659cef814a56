#include "restsupport.h"

#include "domain/json.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tandem::sync::detail {

HttpResponse methodNotAllowed(const QByteArray &allowed)
{
    return HttpResponse::error(405, "method_not_allowed",
                               QStringLiteral("use %1 here").arg(QString::fromLatin1(allowed)))
        .withHeader("Allow", allowed);
}

HttpResponse notFound()
{
    return HttpResponse::error(404, "not_found", QStringLiteral("no such resource"));
}

HttpResponse validation(const QString &field, const QString &message)
{
    return HttpResponse::fromError(Error::validation(field, message));
}

bool isGet(const HttpRequest &request)
{
    return request.method == "GET" || request.method == "HEAD";
}

Result<QJsonObject> jsonBody(const HttpRequest &request, bool allowEmpty, HttpResponse *failure)
{
    if (request.body.isEmpty()) {
        if (allowEmpty)
            return QJsonObject();
        *failure = HttpResponse::error(400, "bad_json", QStringLiteral("a JSON object body is required"));
        return Error::validation({}, {});
    }
    const QByteArray type = request.header("content-type").toLower();
    if (!type.startsWith("application/json")) {
        *failure = HttpResponse::error(415, "unsupported_media_type",
                                       QStringLiteral("send the body as JSON (Content-Type: application/json)"));
        return Error::validation({}, {});
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *failure = HttpResponse::error(400, "bad_json",
                                       error.error != QJsonParseError::NoError
                                           ? QStringLiteral("the body is not valid JSON (%1 at offset %2)")
                                                 .arg(error.errorString())
                                                 .arg(error.offset)
                                           : QStringLiteral("the body must be a JSON object"));
        return Error::validation({}, {});
    }
    if (const auto at = invalidJsonEscape(request.body)) {
        *failure = HttpResponse::error(422, "validation", invalidEscapeMessage(request.body, *at));
        return Error::validation({}, {});
    }
    return document.object();
}

Result<QUuid> operationId(const HttpRequest &request, const QUuid &userId, Store &store)
{
    const QByteArray key = request.header("idempotency-key");
    if (key.isEmpty())
        return QUuid::createUuid();
    if (key.size() > 255)
        return Error::validation(QStringLiteral("Idempotency-Key"), QStringLiteral("must be at most 255 characters"));
    QUuid opId;
    if (const auto id = uuidFromText(QString::fromLatin1(key))) {
        opId = *id;
    } else {
        // Derive a stable UUID per user and key, so any client-chosen text works.
        static const QUuid ns = QUuid::fromString(QStringLiteral("6f9a3c1e-2b7d-4e8a-9c5f-0d1e2f3a4b5c"));
        opId = QUuid::createUuidV5(ns, uuidText(userId).toLatin1() + ':' + key);
    }
    // The key belongs to this request: its method, path and body.
    const QByteArray fingerprint = request.method + ' ' + request.path.toUtf8() + ' '
        + QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    if (auto bound = store.bindRequestKey(userId, opId, fingerprint, QDateTime::currentDateTimeUtc()); !bound)
        return bound.error();
    return opId;
}

HttpResponse deletedResponse(const Result<Change> &removed)
{
    if (!removed)
        return HttpResponse::fromError(removed.error());
    HttpResponse done = HttpResponse::noContent();
    if (removed->replayed)
        done.withHeader("Idempotent-Replayed", "true");
    return done;
}

std::optional<QUuid> pathId(const QString &segment)
{
    return uuidFromText(segment);
}

Result<QTimeZone> timeZoneFrom(const QJsonObject &body)
{
    const QJsonValue value = body.value(QStringLiteral("timeZone"));
    if (value.isUndefined() || value.isNull())
        return QTimeZone::systemTimeZone();
    const QTimeZone zone(value.toString().toUtf8());
    if (!value.isString() || !zone.isValid())
        return Error::validation(QStringLiteral("timeZone"),
                                 QStringLiteral("must be an IANA time zone such as Europe/Berlin"));
    return zone;
}

} // namespace tandem::sync::detail
