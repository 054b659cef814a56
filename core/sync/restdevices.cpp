#include "restareas.h"

#include "auth/accountservice.h"
#include "auth/authservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "synccontext.h"

#include <QJsonArray>

// Pairing a device with a one-time code (POST /api/auth/pair) and the caller's
// paired devices under /api/devices.

namespace tandem::sync::rest::devices {

Result<HttpResponse> pair(const RestCall &call)
{
    auto body = jsonBody(call.request);
    if (!body)
        return body.error();
    const QJsonValue code = body->value(QStringLiteral("code"));
    const QJsonValue name = body->value(QStringLiteral("deviceName"));
    if (!code.isString())
        return Error::validation(QStringLiteral("code"),
                                 QStringLiteral("must be a string: the code the desktop shows"));
    if (!name.isString())
        return Error::validation(QStringLiteral("deviceName"), QStringLiteral("must be a string"));
    auto paired = call.context().auth.pair(code.toString(), name.toString(), call.request.peer.toString());
    if (!paired)
        return paired.error();
    QJsonObject answer = auth::tokenJson(paired->token);
    answer.insert(QStringLiteral("device"), deviceToJson(paired->device));
    return HttpResponse::json(201, answer);
}

Result<HttpResponse> pairingCode(const RestCall &call)
{
    if (auto body = jsonBody(call.request, EmptyBody::Allowed); !body)
        return body.error();
    auto issued = call.context().accounts.issuePairingCode(call.user());
    if (!issued)
        return issued.error();
    return HttpResponse::json(201,
                              QJsonObject{{QStringLiteral("code"), issued->code},
                                          {QStringLiteral("expiresAt"), formatTimestamp(issued->expiresAt)}});
}

Result<HttpResponse> list(const RestCall &call)
{
    auto devices = call.context().accounts.devices(call.user());
    if (!devices)
        return devices.error();
    QJsonArray array;
    for (const Device &device : std::as_const(devices.value()))
        array.append(deviceToJson(device));
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("devices"), array}});
}

Result<HttpResponse> revoke(const RestCall &call)
{
    if (auto revoked = call.context().accounts.revokeDevice(call.user(), call.ids.constFirst()); !revoked)
        return revoked.error();
    return HttpResponse::noContent();
}

} // namespace tandem::sync::rest::devices
