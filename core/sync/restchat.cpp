#include "restareas.h"

#include "assistant/assistantservice.h"
#include "domain/json.h"
#include "serveroptions.h"
#include "services/chatservice.h"
#include "synccontext.h"

#include <QJsonArray>

// The chat endpoints: /api/chat/sessions, its sessions and their messages.

namespace tandem::sync::rest::chat {

namespace {

// The answer to a change of one session: {"session": ...}, marked when replayed.
Result<HttpResponse> changed(int status, const Result<Change> &change)
{
    if (!change)
        return change.error();
    return replayMarked(
        HttpResponse::json(status, QJsonObject{{QStringLiteral("session"), sessionToJson(*change->session())}}),
        change.value());
}

// What the assistant's turn answers, once its worker has finished.
Result<HttpResponse> turnAnswer(const Result<assistant::AssistantTurn> &turn)
{
    if (!turn)
        return turn.error();
    QJsonArray actions;
    for (const TaskAction &action : turn->actions)
        actions.append(taskActionToJson(action));
    HttpResponse response
        = HttpResponse::json(201,
                             QJsonObject{{QStringLiteral("userMessage"), messageToJson(turn->userMessage)},
                                         {QStringLiteral("assistantMessage"), messageToJson(turn->assistantMessage)},
                                         {QStringLiteral("actions"), actions}});
    if (turn->replayed)
        response.withHeader("Idempotent-Replayed", "true");
    return response;
}

} // namespace

Result<HttpResponse> sessions(const RestCall &call)
{
    auto found = call.context().chats.sessions(call.user());
    if (!found)
        return found.error();
    QJsonArray array;
    for (const ChatSession &session : std::as_const(found.value()))
        array.append(sessionToJson(session));
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("sessions"), array}});
}

Result<HttpResponse> createSession(const RestCall &call)
{
    auto body = jsonBody(call.request, EmptyBody::Allowed);
    if (!body)
        return body.error();
    const QJsonValue title = body->value(QStringLiteral("title"));
    if (!title.isUndefined() && !title.isNull() && !title.isString())
        return Error::validation(QStringLiteral("title"), QStringLiteral("must be a string"));
    std::optional<QUuid> sessionId;
    const QJsonValue idValue = body->value(QStringLiteral("id"));
    if (!idValue.isUndefined() && !idValue.isNull()) {
        sessionId = idValue.isString() ? uuidFromText(idValue.toString()) : std::nullopt;
        if (!sessionId)
            return Error::validation(QStringLiteral("id"), QStringLiteral("must be a UUID"));
    }
    auto opId = operationId(call);
    if (!opId)
        return opId.error();
    return changed(201, call.context().chats.createSession(call.user(), title.toString(), sessionId, opId.value()));
}

Result<HttpResponse> session(const RestCall &call)
{
    auto found = call.context().chats.session(call.user(), call.ids.at(0));
    if (!found)
        return found.error();
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("session"), sessionToJson(found.value())}});
}

Result<HttpResponse> updateSession(const RestCall &call)
{
    auto edit = editRequest(call);
    if (!edit)
        return edit.error();
    SessionPatch patch;
    const QJsonValue title = edit->body.value(QStringLiteral("title"));
    const QJsonValue active = edit->body.value(QStringLiteral("isActive"));
    if (!title.isUndefined()) {
        if (!title.isString())
            return Error::validation(QStringLiteral("title"), QStringLiteral("must be a string"));
        patch.title = title.toString();
    }
    if (!active.isUndefined()) {
        if (!active.isBool())
            return Error::validation(QStringLiteral("isActive"), QStringLiteral("must be true or false"));
        patch.isActive = active.toBool();
    }
    if (!patch.title && !patch.isActive)
        return Error::validation(QStringLiteral("body"), QStringLiteral("name title or isActive to change"));
    return changed(200, call.context().chats.updateSession(call.user(), call.ids.at(0), patch, edit->opId));
}

Result<HttpResponse> deleteSession(const RestCall &call)
{
    auto opId = operationId(call);
    if (!opId)
        return opId.error();
    auto removed = call.context().chats.deleteSession(call.user(), call.ids.at(0), opId.value());
    if (!removed)
        return removed.error();
    return replayMarked(HttpResponse::noContent(), removed.value());
}

Result<HttpResponse> messages(const RestCall &call)
{
    int limit = 0;
    if (const QString text = call.request.query.queryItemValue(QStringLiteral("limit")); !text.isEmpty()) {
        bool ok = false;
        limit = text.toInt(&ok);
        if (!ok || limit < 1 || limit > 10'000)
            return Error::validation(QStringLiteral("limit"), QStringLiteral("must be between 1 and 10000"));
    }
    auto found = call.context().chats.messages(call.user(), call.ids.at(0), limit);
    if (!found)
        return found.error();
    QJsonArray array;
    for (const ChatMessage &message : std::as_const(found.value()))
        array.append(messageToJson(message));
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("messages"), array}});
}

// The turn runs on the assistant's worker; `respond` answers when it is done.
Result<Pending> postMessage(const RestCall &call, Responder respond)
{
    assistant::AssistantService *const service = call.context().assistant;
    if (!service)
        return unavailable(QStringLiteral("the assistant is not running on this server"));
    auto body = jsonBody(call.request);
    if (!body)
        return body.error();
    MinuteLimit &limit = call.services.chatMessages;
    if (const auto wait = limit.wait(call.user())) {
        Error limited
            = Error::rateLimited(QStringLiteral("more than %1 messages a minute to the assistant; try again in %2 s")
                                     .arg(limit.perMinute())
                                     .arg(*wait),
                                 *wait);
        limited.reason = QStringLiteral("rate_limited");
        return limited;
    }
    const QJsonValue content = body->value(QStringLiteral("content"));
    if (!content.isString())
        return Error::validation(
            QStringLiteral("content"),
            QStringLiteral("must be a string of 1 to %1 characters").arg(assistant::AssistantService::MaxMessage));
    auto zone = timeZoneFrom(body.value());
    auto opId = operationId(call); // binds the key even when the zone is refused
    if (!zone)
        return zone.error();
    if (!opId)
        return opId.error();
    service->send(call.user(), call.ids.at(0), content.toString(), zone.value(), opId.value(),
                  call.services.asyncContext,
                  [respond](const Result<assistant::AssistantTurn> &turn) { respond(turnAnswer(turn)); });
    return Pending();
}

} // namespace tandem::sync::rest::chat
