#include "restsupport.h"

#include "domain/json.h"
#include "store/store.h"
#include "synccontext.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tandem::sync::rest {

MinuteLimit::MinuteLimit(int perMinute)
    : m_perMinute(perMinute)
{ }

std::optional<int> MinuteLimit::wait(const QUuid &user)
{
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 now = m_clock.elapsed();
    constexpr qint64 windowMs = 60'000;
    QList<qint64> &sent = m_sent[user];
    while (!sent.isEmpty() && now - sent.constFirst() >= windowMs)
        sent.removeFirst();
    if (sent.size() >= m_perMinute)
        return int((sent.constFirst() + windowMs - now + 999) / 1000);
    sent.append(now);
    if (m_sent.size() > 4096) // forget users who have been quiet for a minute
        m_sent.removeIf(
            [now](const auto &it) { return it.value().isEmpty() || now - it.value().constLast() >= windowMs; });
    return std::nullopt;
}

void Responder::operator()(const Result<HttpResponse> &result) const
{
    m_reply(result ? result.value() : HttpResponse::fromError(result.error()));
}

namespace {

Error withReason(Error error, const char *reason)
{
    error.reason = QString::fromLatin1(reason);
    return error;
}

} // namespace

Error badJson(const QString &message)
{
    return withReason(Error::validation({}, message), "bad_json");
}

Error unsupportedMediaType(const QString &message)
{
    return withReason(Error::validation({}, message), "unsupported_media_type");
}

Error unavailable(const QString &message)
{
    // Not a Storage error: publicError would replace the message with the database's.
    return withReason(Error::forbidden(message), "unavailable");
}

Error noSuchResource()
{
    return Error::notFound(QStringLiteral("no such resource"));
}

HttpResponse methodNotAllowed(const QByteArray &allowed)
{
    return HttpResponse::error(405, "method_not_allowed",
                               QStringLiteral("use %1 here").arg(QString::fromLatin1(allowed)))
        .withHeader("Allow", allowed);
}

bool isGet(const HttpRequest &request)
{
    return request.method == "GET" || request.method == "HEAD";
}

Result<QJsonObject> jsonBody(const HttpRequest &request, EmptyBody empty)
{
    if (request.body.isEmpty()) {
        if (empty == EmptyBody::Allowed)
            return QJsonObject();
        return badJson(QStringLiteral("a JSON object body is required"));
    }
    const QByteArray type = request.header("content-type").toLower();
    if (!type.startsWith("application/json"))
        return unsupportedMediaType(QStringLiteral("send the body as JSON (Content-Type: application/json)"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return badJson(
            QStringLiteral("the body is not valid JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return badJson(QStringLiteral("the body must be a JSON object"));
    if (const auto at = invalidJsonEscape(request.body))
        return Error::validation({}, invalidEscapeMessage(request.body, *at));
    return document.object();
}

Result<QUuid> operationId(const RestCall &call)
{
    const HttpRequest &request = call.request;
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
        opId = QUuid::createUuidV5(ns, uuidText(call.user()).toLatin1() + ':' + key);
    }
    // The key belongs to this request: its method, path and body.
    const QByteArray fingerprint = request.method + ' ' + request.path.toUtf8() + ' '
        + QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    if (auto bound
        = call.context().store.bindRequestKey(call.user(), opId, fingerprint, QDateTime::currentDateTimeUtc());
        !bound)
        return bound.error();
    return opId;
}

Result<Edit> editRequest(const RestCall &call)
{
    auto opId = operationId(call);
    if (!opId)
        return opId.error();
    auto body = jsonBody(call.request);
    if (!body)
        return body.error();
    return Edit{opId.value(), body.value()};
}

Result<std::optional<qint64>> revisionFrom(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    const auto revision = jsonCount(value);
    if (!revision)
        return Error::validation(QStringLiteral("revision"), QStringLiteral("must be a non-negative integer"));
    return std::optional<qint64>(*revision);
}

QJsonValue queryNumber(const HttpRequest &request, const QString &name)
{
    const QString text = request.query.queryItemValue(name, QUrl::FullyDecoded);
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &error);
    if (error.error == QJsonParseError::NoError && document.array().size() == 1 && document.array().first().isDouble())
        return document.array().first();
    return text;
}

HttpResponse replayMarked(HttpResponse response, const Change &change)
{
    if (change.replayed)
        response.withHeader("Idempotent-Replayed", "true");
    return response;
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

} // namespace tandem::sync::rest
