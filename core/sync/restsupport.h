#pragma once

// What every REST area shares: the common answers and reading a request's
// method, body, path ids and Idempotency-Key. Private to core/sync; the areas
// are restapi.cpp (routing, auth), resttasks.cpp and restchat.cpp.

#include "domain/change.h"
#include "domain/result.h"
#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>
#include <QUuid>

#include <optional>

namespace tandem {
class Store;
}

namespace tandem::sync::detail {

HttpResponse methodNotAllowed(const QByteArray &allowed);
HttpResponse notFound();
HttpResponse validation(const QString &field, const QString &message);

bool isGet(const HttpRequest &request);

// The JSON object a request carries. Empty bodies are {} when allowed.
Result<QJsonObject> jsonBody(const HttpRequest &request, bool allowEmpty, HttpResponse *failure);

// The opId of a mutation: the Idempotency-Key header when given (any text
// up to 255 characters; a UUID is used as is), else a fresh one. A given key
// is bound to this request's method, path and body on first use; reusing it
// for another request is 422 idempotency_key_reused.
Result<QUuid> operationId(const HttpRequest &request, const QUuid &userId, Store &store);

std::optional<QUuid> pathId(const QString &segment);

// The answer to a DELETE: 204 (with Idempotent-Replayed: true when it was a
// replay, as every replayed answer says), or the error.
HttpResponse deletedResponse(const Result<Change> &removed);

// The "timeZone" member of a body: an IANA name; absent means the server's zone.
Result<QTimeZone> timeZoneFrom(const QJsonObject &body);

} // namespace tandem::sync::detail
