#include "restapi.h"

#include "auth/authservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "restsupport.h"
#include "store/store.h"

namespace tandem::sync {

using namespace detail;

namespace {

QJsonObject tokenResponse(const AuthToken &token)
{
    return QJsonObject{
        {QStringLiteral("token"), token.token},
        {QStringLiteral("expiresAt"), formatTimestamp(token.expiresAt)},
        {QStringLiteral("user"),
         QJsonObject{{QStringLiteral("id"), uuidText(token.user.id)},
                     {QStringLiteral("username"), token.user.username}}},
    };
}

} // namespace

RestApi::RestApi(SyncContext &context, const ServerOptions &options, QObject *asyncContext)
    : m_context(context)
    , m_options(options)
    , m_asyncContext(asyncContext)
{ }

void RestApi::handle(const HttpRequest &request, const HttpReply &reply)
{
    QStringList path = request.path.split(u'/', Qt::SkipEmptyParts);
    if (path.isEmpty() || path.constFirst() != u"api") {
        // The web companion's files; anything else outside /api is 404.
        if (auto file = m_static.answer(request)) {
            reply(isGet(request) ? *file : methodNotAllowed("GET, HEAD"));
            return;
        }
        reply(notFound());
        return;
    }
    path.removeFirst();
    if (path.isEmpty()) {
        reply(notFound());
        return;
    }
    const QString area = path.takeFirst();
    if (area == u"health" && path.isEmpty()) {
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD"));
            return;
        }
        reply(HttpResponse::json(200,
                                 QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                             {QStringLiteral("version"), QStringLiteral(TANDEM_VERSION)}}));
        return;
    }
    if (area == u"auth") {
        handleAuth(request, path, reply);
        return;
    }
    if (area != u"tasks" && area != u"chat") {
        reply(notFound());
        return;
    }

    auto identity = authenticate(request);
    if (!identity) {
        reply(HttpResponse::fromError(identity.error()));
        return;
    }
    if (area == u"tasks")
        handleTasks(request, path, identity.value(), reply);
    else
        handleChat(request, path, identity.value(), reply);
}

Result<TokenIdentity> RestApi::authenticate(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Bearer "))
        return Error::unauthorized(QStringLiteral("sign in and send Authorization: Bearer <token>"));
    auto identity = m_context.auth.authenticate(QString::fromLatin1(authorization.mid(7).trimmed()));
    // REST answers every refused token 401 "unauthorized" (the WebSocket's
    // finer reasons, such as invalid_token, are not part of this contract).
    if (!identity && identity.error().code == ErrorCode::Unauthorized)
        return Error::unauthorized(identity.error().message);
    return identity;
}

void RestApi::handleAuth(const HttpRequest &request, const QStringList &path, const HttpReply &reply)
{
    if (path.size() != 1) {
        reply(notFound());
        return;
    }
    const QString action = path.constFirst();
    const QString address = request.peer.toString();

    if (action == u"register" || action == u"login") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        HttpResponse failure;
        auto body = jsonBody(request, false, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        const QJsonValue username = body->value(QStringLiteral("username"));
        const QJsonValue password = body->value(QStringLiteral("password"));
        if (!username.isString()) {
            reply(validation(QStringLiteral("username"), QStringLiteral("must be a string")));
            return;
        }
        if (!password.isString()) {
            reply(validation(QStringLiteral("password"), QStringLiteral("must be a string")));
            return;
        }
        auto done = [reply, status = action == u"register" ? 201 : 200](const Result<AuthToken> &result) {
            reply(result ? HttpResponse::json(status, tokenResponse(result.value()))
                         : HttpResponse::fromError(result.error()));
        };
        if (action == u"register") {
            const QJsonValue invite = body->value(QStringLiteral("inviteCode"));
            if (!invite.isUndefined() && !invite.isNull() && !invite.isString()) {
                reply(validation(QStringLiteral("inviteCode"), QStringLiteral("must be a string")));
                return;
            }
            m_context.auth.registerUser(username.toString(), password.toString(), invite.toString(), address,
                                        m_asyncContext, done);
        } else {
            m_context.auth.login(username.toString(), password.toString(), address, m_asyncContext, done);
        }
        return;
    }

    // The rest need a signed-in user.
    auto identity = authenticate(request);
    if (!identity) {
        reply(HttpResponse::fromError(identity.error()));
        return;
    }
    if (action == u"me") {
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD"));
            return;
        }
        auto user = m_context.store.userById(identity->userId);
        if (!user || !user.value()) {
            reply(HttpResponse::fromError(user ? Error::unauthorized(QStringLiteral("this account no longer exists"))
                                               : user.error()));
            return;
        }
        reply(HttpResponse::json(200,
                                 QJsonObject{{QStringLiteral("user"),
                                              QJsonObject{{QStringLiteral("id"), uuidText(user.value()->id)},
                                                          {QStringLiteral("username"), user.value()->username}}}}));
        return;
    }
    if (action == u"logout") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        auto done = m_context.auth.logout(identity.value());
        reply(done ? HttpResponse::noContent() : HttpResponse::fromError(done.error()));
        return;
    }
    if (action == u"invites") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        if (identity->userId != m_context.localOwnerId) {
            reply(HttpResponse::error(403, "forbidden", QStringLiteral("only the desktop's owner can invite people")));
            return;
        }
        auto code = m_context.auth.issueInvite(identity->userId);
        reply(code ? HttpResponse::json(201, QJsonObject{{QStringLiteral("code"), code.value()}})
                   : HttpResponse::fromError(code.error()));
        return;
    }
    reply(notFound());
}

} // namespace tandem::sync
