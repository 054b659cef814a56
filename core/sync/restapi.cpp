#include "restapi.h"

#include "auth/authservice.h"
#include "domain/json.h"
#include "restareas.h"
#include "restsupport.h"

#include <QByteArrayList>

#include <algorithm>

namespace tandem::sync {

using namespace rest;

struct RestApi::Route
{
    QByteArray method; // "GET" answers HEAD too
    QStringList pattern;
    Access access; // the same for every route of one pattern
    Handler handler = nullptr; // one of the two
    AsyncHandler asyncHandler = nullptr;
};

namespace {

QStringList segments(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

// Whether `path` fits `pattern`: a literal segment matches itself, "{id}" a
// UUID (collected into `ids`), "*" any one segment and a last "**" any rest.
bool fits(const QStringList &pattern, const QStringList &path, QList<QUuid> *ids = nullptr)
{
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &segment = pattern.at(i);
        if (segment == u"**")
            return true;
        if (i >= path.size())
            return false;
        if (segment == u"{id}") {
            const auto id = uuidFromText(path.at(i));
            if (!id)
                return false;
            if (ids)
                ids->append(*id);
        } else if (segment != u"*" && segment != path.at(i)) {
            return false;
        }
    }
    return pattern.size() == path.size();
}

bool allows(const QByteArray &routeMethod, const QByteArray &method)
{
    return routeMethod == method || (routeMethod == "GET" && method == "HEAD");
}

} // namespace

template<typename AnyHandler>
void RestApi::route(const QByteArray &method, const char *pattern, AnyHandler handler, Access access)
{
    Route route{method, segments(QString::fromLatin1(pattern)), access};
    if constexpr (std::is_same_v<AnyHandler, AsyncHandler>)
        route.asyncHandler = handler;
    else
        route.handler = handler;
    m_routes.push_back(std::move(route));
}

RestApi::RestApi(SyncContext &context, const ServerOptions &options, QObject *asyncContext)
    : m_services(std::make_unique<RestServices>(
        RestServices{context, asyncContext, StaticFiles(), MinuteLimit(options.chatMessagesPerMinute)}))
{
    // Open to anyone.
    route("GET", "/api/health", web::health, Access::Open);
    route("POST", "/api/auth/register", auth::registerUser, Access::Open);
    route("POST", "/api/auth/login", auth::login, Access::Open);
    route("POST", "/api/auth/pair", devices::pair, Access::Open);

    // Signed-in areas: here a caller without a valid token gets 401 for any
    // path, even one that does not exist, so it cannot probe which do.
    for (const char *area : {"/api/auth/*", "/api/tasks/**", "/api/chat/**", "/api/devices/**"})
        m_signedInAreas.append(segments(QString::fromLatin1(area)));

    route("GET", "/api/auth/me", auth::me);
    route("POST", "/api/auth/logout", auth::logout);
    route("POST", "/api/auth/invites", auth::invite);

    route("POST", "/api/devices/pairing-code", devices::pairingCode);
    route("GET", "/api/devices", devices::list);
    route("DELETE", "/api/devices/{id}", devices::revoke);

    route("GET", "/api/tasks", tasks::list);
    route("POST", "/api/tasks", tasks::create);
    route("GET", "/api/tasks/lists", tasks::listCounts);
    route("POST", "/api/tasks/quick", tasks::quickAdd);
    route("GET", "/api/tasks/{id}", tasks::get);
    route("PATCH", "/api/tasks/{id}", tasks::update);
    route("DELETE", "/api/tasks/{id}", tasks::remove);
    route("POST", "/api/tasks/{id}/restore", tasks::restore);

    route("GET", "/api/chat/sessions", chat::sessions);
    route("POST", "/api/chat/sessions", chat::createSession);
    route("GET", "/api/chat/sessions/{id}", chat::session);
    route("PATCH", "/api/chat/sessions/{id}", chat::updateSession);
    route("DELETE", "/api/chat/sessions/{id}", chat::deleteSession);
    route("GET", "/api/chat/sessions/{id}/messages", chat::messages);
    route("POST", "/api/chat/sessions/{id}/messages", chat::postMessage);

    // Any other path: the web page's files (web::file), else 404.
}

RestApi::~RestApi() = default;

QByteArray RestApi::allowedMethods(const QList<const Route *> &routes)
{
    QByteArrayList allowed;
    for (const QByteArray method : {"GET", "POST", "PATCH", "DELETE"}) {
        if (std::any_of(routes.cbegin(), routes.cend(), [&](const Route *route) { return route->method == method; }))
            allowed += method == "GET" ? QByteArrayList{"GET", "HEAD"} : QByteArrayList{method};
    }
    return allowed.join(", ");
}

void RestApi::handle(const HttpRequest &request, const HttpReply &reply)
{
    const Responder respond(reply);
    const QStringList path = segments(request.path);
    RestCall call{request, *m_services, {}, {}};

    // The routes of the first pattern that fits, one per method.
    const auto first = std::find_if(m_routes.cbegin(), m_routes.cend(),
                                    [&](const Route &route) { return fits(route.pattern, path); });
    QList<const Route *> here;
    for (auto it = first; it != m_routes.cend(); ++it) {
        if (it->pattern == first->pattern)
            here.append(&*it);
    }

    const bool signedIn = here.isEmpty() ? std::any_of(m_signedInAreas.cbegin(), m_signedInAreas.cend(),
                                                       [&](const QStringList &area) { return fits(area, path); })
                                         : here.constFirst()->access == Access::SignedIn;
    if (signedIn) {
        auto identity = authenticate(request);
        if (!identity) {
            respond(identity.error());
            return;
        }
        call.identity = identity.value();
    }
    if (here.isEmpty()) {
        respond(web::file(call));
        return;
    }

    const auto chosen = std::find_if(here.cbegin(), here.cend(),
                                     [&](const Route *route) { return allows(route->method, request.method); });
    if (chosen == here.cend()) {
        respond(methodNotAllowed(allowedMethods(here)));
        return;
    }
    const Route &route = **chosen;
    fits(route.pattern, path, &call.ids);
    if (route.handler) {
        respond(route.handler(call));
        return;
    }
    if (auto started = route.asyncHandler(call, respond); !started)
        respond(started.error());
}

Result<TokenIdentity> RestApi::authenticate(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Bearer "))
        return Error::unauthorized(QStringLiteral("sign in and send Authorization: Bearer <token>"));
    auto identity = m_services->context.auth.authenticate(QString::fromLatin1(authorization.mid(7).trimmed()));
    // REST answers every refused token 401 "unauthorized" (the WebSocket's
    // finer reasons, such as invalid_token, are not part of this contract).
    if (!identity && identity.error().code == ErrorCode::Unauthorized)
        return Error::unauthorized(identity.error().message);
    return identity;
}

} // namespace tandem::sync
