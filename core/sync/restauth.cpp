#include "restareas.h"

#include "auth/authservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "store/store.h"
#include "synccontext.h"

// The account endpoints under /api/auth: register, login, me, logout and invites.

namespace tandem::sync::rest::auth {

namespace {

struct Credentials
{
    QString username;
    QString password;
    QJsonObject body;
};

Result<Credentials> credentialsFrom(const HttpRequest &request)
{
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    const QJsonValue username = body->value(QStringLiteral("username"));
    const QJsonValue password = body->value(QStringLiteral("password"));
    if (!username.isString())
        return Error::validation(QStringLiteral("username"), QStringLiteral("must be a string"));
    if (!password.isString())
        return Error::validation(QStringLiteral("password"), QStringLiteral("must be a string"));
    return Credentials{username.toString(), password.toString(), body.value()};
}

// What a sign-in answers with `status` once AuthService has hashed the password.
auto signedIn(Responder respond, int status)
{
    return [respond, status](const Result<AuthToken> &token) {
        if (!token) {
            respond(token.error());
            return;
        }
        respond(HttpResponse::json(status, tokenJson(token.value())));
    };
}

} // namespace

QJsonObject tokenJson(const AuthToken &token)
{
    return QJsonObject{
        {QStringLiteral("token"), token.token},
        {QStringLiteral("expiresAt"), formatTimestamp(token.expiresAt)},
        {QStringLiteral("user"), userToJson(token.user)},
    };
}

Result<Pending> registerUser(const RestCall &call, Responder respond)
{
    auto credentials = credentialsFrom(call.request);
    if (!credentials)
        return credentials.error();
    const QJsonValue invite = credentials->body.value(QStringLiteral("inviteCode"));
    if (!invite.isUndefined() && !invite.isNull() && !invite.isString())
        return Error::validation(QStringLiteral("inviteCode"), QStringLiteral("must be a string"));
    call.context().auth.registerUser(credentials->username, credentials->password, invite.toString(),
                                     call.request.peer.toString(), call.services.asyncContext, signedIn(respond, 201));
    return Pending();
}

Result<Pending> login(const RestCall &call, Responder respond)
{
    auto credentials = credentialsFrom(call.request);
    if (!credentials)
        return credentials.error();
    call.context().auth.login(credentials->username, credentials->password, call.request.peer.toString(),
                              call.services.asyncContext, signedIn(respond, 200));
    return Pending();
}

Result<HttpResponse> me(const RestCall &call)
{
    auto user = call.context().store.userById(call.user());
    if (!user)
        return user.error();
    if (!user.value())
        return Error::unauthorized(QStringLiteral("this account no longer exists"));
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("user"), userToJson(*user.value())}});
}

Result<HttpResponse> logout(const RestCall &call)
{
    if (auto done = call.context().auth.logout(call.identity); !done)
        return done.error();
    return HttpResponse::noContent();
}

Result<HttpResponse> invite(const RestCall &call)
{
    if (call.user() != call.context().localOwnerId)
        return Error::forbidden(QStringLiteral("only the desktop's owner can invite people"));
    auto code = call.context().auth.issueInvite(call.user());
    if (!code)
        return code.error();
    return HttpResponse::json(201, QJsonObject{{QStringLiteral("code"), code.value()}});
}

} // namespace tandem::sync::rest::auth
