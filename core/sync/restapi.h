#pragma once

#include "httpconnection.h"
#include "serveroptions.h"
#include "synccontext.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace tandem {
struct TokenIdentity;
}

namespace tandem::sync {

namespace rest {
struct RestServices;
}

// The REST routes (docs/protocol.md): method and path to a handler, nothing
// else. Every /api answer is JSON; every error is {"error":{"code","message"}};
// another user's ids are 404; any path no route claims is a file of the web
// page or 404.
//
// How an area is built: it is one file, core/sync/rest<area>.cpp, whose
// handlers are declared in restareas.h under `namespace rest::<area>`. A
// handler is a plain function of the call (restsupport.h): a synchronous one
// returns Result<HttpResponse>, the response or the Error that
// HttpResponse::fromError turns into one; one whose work finishes later (a
// password hash, an assistant turn) takes a Responder, hands it to that work,
// which answers through it exactly once, and returns Pending, or an Error when
// it refuses before starting. To add an area: write the file, declare its
// handlers, add the file to core/sync/CMakeLists.txt and add one route line
// per method and path in the constructor (restapi.cpp). A route is open or
// needs a signed-in user; if the area's paths need one, add its prefix to the
// signed-in areas there too, so a caller without a token gets 401 rather than
// learning which paths exist. State an area keeps between requests belongs in
// rest::RestServices.
class RestApi final
{
public:
    // `asyncContext` owns the answers of asynchronous work started here.
    RestApi(SyncContext &context, const ServerOptions &options, QObject *asyncContext);
    ~RestApi();
    Q_DISABLE_COPY_MOVE(RestApi)

    void handle(const HttpRequest &request, const HttpReply &reply);

private:
    struct Route;
    enum class Access { Open, SignedIn };

    // `pattern` is a path whose "{id}" segments match a UUID.
    template<typename Handler>
    void route(const QByteArray &method, const char *pattern, Handler handler, Access access = Access::SignedIn);

    // The Allow header of a path with these routes: "GET, HEAD, POST", ...
    static QByteArray allowedMethods(const QList<const Route *> &routes);
    // The signed-in caller of `Authorization: Bearer TOKEN`, or why not (401).
    Result<TokenIdentity> authenticate(const HttpRequest &request) const;

    std::unique_ptr<rest::RestServices> m_services;
    std::vector<Route> m_routes;
    QList<QStringList> m_signedInAreas; // path patterns; "*" is any one segment, "**" any rest
};

} // namespace tandem::sync
