#pragma once

// What every REST area shares (private to core/sync): the call a handler
// gets, the way an asynchronous handler answers later, and the readers of a
// request's body, Idempotency-Key and revision. Each returns a Result, so a
// handler reads as a straight line of `if (!x) return x.error();`.

#include "auth/authservice.h"
#include "domain/change.h"
#include "domain/result.h"
#include "httpconnection.h"
#include "httprequest.h"
#include "httpresponse.h"
#include "reststatic.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimeZone>
#include <QUuid>

#include <optional>

namespace tandem::sync {
struct SyncContext;
} // namespace tandem::sync

namespace tandem::sync::rest {

// At most `perMinute` events per user in any sliding minute.
class MinuteLimit final
{
public:
    explicit MinuteLimit(int perMinute);

    // Counts one event for `user`, or, over the limit, counts nothing and
    // returns the seconds until one is allowed again.
    std::optional<int> wait(const QUuid &user);
    int perMinute() const { return m_perMinute; }

private:
    int m_perMinute;
    QElapsedTimer m_clock;
    QHash<QUuid, QList<qint64>> m_sent; // ms on m_clock of each user's events in the last minute
};

// What the areas work through; RestApi owns it for its whole life. State an
// area keeps between requests (a rate limit, the web page's files) lives here.
struct RestServices
{
    SyncContext &context;
    QObject *asyncContext; // owns asynchronous work's answers: they are dropped with it
    StaticFiles files;
    MinuteLimit chatMessages;
};

// One request as its handler sees it. Valid only while the handler runs:
// asynchronous work copies what it needs.
struct RestCall
{
    const HttpRequest &request;
    RestServices &services;
    TokenIdentity identity; // the signed-in caller; empty on open routes
    QList<QUuid> ids; // the route's {id} segments, in order

    SyncContext &context() const { return services.context; }
    const QUuid &user() const { return identity.userId; }
};

// Returned by a handler that has handed its Responder to asynchronous work,
// which will answer through it exactly once.
struct Pending
{
};

// Answers one request with a handler's result: the response, or the error as
// HttpResponse::fromError words it. The one place a Result becomes a reply.
// Cheap to copy into a callback; a no-op once the connection is gone.
class Responder final
{
public:
    explicit Responder(HttpReply reply)
        : m_reply(std::move(reply))
    { }
    void operator()(const Result<HttpResponse> &result) const;

private:
    HttpReply m_reply;
};

// The two kinds of handler a route names.
using Handler = Result<HttpResponse> (*)(const RestCall &call);
using AsyncHandler = Result<Pending> (*)(const RestCall &call, Responder respond);

// Refusals only HTTP has; HttpResponse::fromError gives them their status by
// their wire code (docs/protocol.md, Errors).
Error badJson(const QString &message); // 400 bad_json
Error unsupportedMediaType(const QString &message); // 415 unsupported_media_type
Error unavailable(const QString &message); // 503 unavailable: a part of the server is not running
Error noSuchResource(); // 404 not_found

HttpResponse methodNotAllowed(const QByteArray &allowed); // 405 with its Allow header

bool isGet(const HttpRequest &request); // GET or HEAD

enum class EmptyBody { Refused, Allowed };

// The JSON object a request carries; an allowed empty body is {}.
Result<QJsonObject> jsonBody(const HttpRequest &request, EmptyBody empty = EmptyBody::Refused);

// The opId of a mutation: the Idempotency-Key header when given (any text
// up to 255 characters; a UUID is used as is), else a fresh one. A given key
// is bound to this request's method, path and body on first use; reusing it
// for another request is 422 idempotency_key_reused.
Result<QUuid> operationId(const RestCall &call);

// What a PATCH reads: its opId first, so that even a body refused next uses
// up the Idempotency-Key (as it always has), then its JSON body.
struct Edit
{
    QUuid opId;
    QJsonObject body;
};
Result<Edit> editRequest(const RestCall &call);

// The revision a change is made against: "revision" in a PATCH body, or
// ?revision= on a DELETE (read by queryNumber). One rule for both, the one for
// every count on the wire: an integer 0..2^63-1. Absent or null is no revision.
Result<std::optional<qint64>> revisionFrom(const QJsonValue &value);

// A query parameter as the JSON number it spells ("7" is 7; "soon" stays
// text), so a number in a URL obeys the same rule as one in a body. Absent or
// empty: undefined.
QJsonValue queryNumber(const HttpRequest &request, const QString &name);

// `response`, marked Idempotent-Replayed: true when `change` was a replay, as
// every replayed answer is (a DELETE's 204 included).
HttpResponse replayMarked(HttpResponse response, const Change &change);

// The "timeZone" member of a body: an IANA name; absent means the server's zone.
Result<QTimeZone> timeZoneFrom(const QJsonObject &body);

} // namespace tandem::sync::rest
