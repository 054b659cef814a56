#include "restapi.h"

#include "assistant/assistantservice.h"
#include "auth/authservice.h"
#include "domain/json.h"
#include "restsupport.h"
#include "services/chatservice.h"

#include <QJsonArray>

// The chat endpoints: /api/chat/sessions, its sessions and their messages.

namespace tandem::sync {

using namespace detail;

void RestApi::handleChat(const HttpRequest &request, const QStringList &path, const TokenIdentity &identity,
                         const HttpReply &reply)
{
    const QUuid user = identity.userId;
    if (path.isEmpty() || path.constFirst() != u"sessions" || path.size() > 3) {
        reply(notFound());
        return;
    }
    const auto sessionJson = [](const ChatSession &session) {
        return QJsonObject{{QStringLiteral("session"), sessionToJson(session)}};
    };
    if (path.size() == 1) {
        if (isGet(request)) {
            auto sessions = m_context.chats.sessions(user);
            if (!sessions) {
                reply(HttpResponse::fromError(sessions.error()));
                return;
            }
            QJsonArray array;
            for (const ChatSession &session : std::as_const(sessions.value()))
                array.append(sessionToJson(session));
            reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("sessions"), array}}));
            return;
        }
        if (request.method != "POST") {
            reply(methodNotAllowed("GET, HEAD, POST"));
            return;
        }
        HttpResponse failure;
        auto body = jsonBody(request, true, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        const QJsonValue title = body->value(QStringLiteral("title"));
        if (!title.isUndefined() && !title.isNull() && !title.isString()) {
            reply(validation(QStringLiteral("title"), QStringLiteral("must be a string")));
            return;
        }
        std::optional<QUuid> sessionId;
        const QJsonValue idValue = body->value(QStringLiteral("id"));
        if (!idValue.isUndefined() && !idValue.isNull()) {
            sessionId = idValue.isString() ? uuidFromText(idValue.toString()) : std::nullopt;
            if (!sessionId) {
                reply(validation(QStringLiteral("id"), QStringLiteral("must be a UUID")));
                return;
            }
        }
        auto opId = operationId(request, user, m_context.store);
        if (!opId) {
            reply(HttpResponse::fromError(opId.error()));
            return;
        }
        auto created = m_context.chats.createSession(user, title.toString(), sessionId, opId.value());
        reply(created ? HttpResponse::json(201, sessionJson(*created->session()))
                      : HttpResponse::fromError(created.error()));
        return;
    }

    const auto id = pathId(path.at(1));
    if (!id) {
        reply(notFound());
        return;
    }
    if (path.size() == 3) {
        if (path.at(2) != u"messages") {
            reply(notFound());
            return;
        }
        if (request.method == "POST") {
            postMessage(request, user, *id, reply);
            return;
        }
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD, POST"));
            return;
        }
        int limit = 0;
        if (const QString text = request.query.queryItemValue(QStringLiteral("limit")); !text.isEmpty()) {
            bool ok = false;
            limit = text.toInt(&ok);
            if (!ok || limit < 1 || limit > 10'000) {
                reply(validation(QStringLiteral("limit"), QStringLiteral("must be between 1 and 10000")));
                return;
            }
        }
        auto messages = m_context.chats.messages(user, *id, limit);
        if (!messages) {
            reply(HttpResponse::fromError(messages.error()));
            return;
        }
        QJsonArray array;
        for (const ChatMessage &message : std::as_const(messages.value()))
            array.append(messageToJson(message));
        reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("messages"), array}}));
        return;
    }
    if (isGet(request)) {
        auto session = m_context.chats.session(user, *id);
        reply(session ? HttpResponse::json(200, sessionJson(session.value()))
                      : HttpResponse::fromError(session.error()));
        return;
    }
    auto opId = operationId(request, user, m_context.store);
    if (!opId) {
        reply(HttpResponse::fromError(opId.error()));
        return;
    }
    if (request.method == "PATCH") {
        HttpResponse failure;
        auto body = jsonBody(request, false, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        SessionPatch patch;
        const QJsonValue title = body->value(QStringLiteral("title"));
        const QJsonValue active = body->value(QStringLiteral("isActive"));
        if (!title.isUndefined()) {
            if (!title.isString()) {
                reply(validation(QStringLiteral("title"), QStringLiteral("must be a string")));
                return;
            }
            patch.title = title.toString();
        }
        if (!active.isUndefined()) {
            if (!active.isBool()) {
                reply(validation(QStringLiteral("isActive"), QStringLiteral("must be true or false")));
                return;
            }
            patch.isActive = active.toBool();
        }
        if (!patch.title && !patch.isActive) {
            reply(validation(QStringLiteral("body"), QStringLiteral("name title or isActive to change")));
            return;
        }
        auto updated = m_context.chats.updateSession(user, *id, patch, opId.value());
        reply(updated ? HttpResponse::json(200, sessionJson(*updated->session()))
                      : HttpResponse::fromError(updated.error()));
        return;
    }
    if (request.method == "DELETE") {
        auto removed = m_context.chats.deleteSession(user, *id, opId.value());
        reply(deletedResponse(removed));
        return;
    }
    reply(methodNotAllowed("GET, HEAD, PATCH, DELETE"));
}

std::optional<int> RestApi::chatWait(const QUuid &user)
{
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 now = m_clock.elapsed();
    constexpr qint64 windowMs = 60'000;
    QList<qint64> &sent = m_chatSent[user];
    while (!sent.isEmpty() && now - sent.constFirst() >= windowMs)
        sent.removeFirst();
    if (sent.size() >= m_options.chatMessagesPerMinute)
        return int((sent.constFirst() + windowMs - now + 999) / 1000);
    sent.append(now);
    if (m_chatSent.size() > 4096) // forget users who have been quiet for a minute
        m_chatSent.removeIf(
            [now](const auto &it) { return it.value().isEmpty() || now - it.value().constLast() >= windowMs; });
    return std::nullopt;
}

void RestApi::postMessage(const HttpRequest &request, const QUuid &user, const QUuid &sessionId, const HttpReply &reply)
{
    if (!m_context.assistant) {
        reply(HttpResponse::error(503, "unavailable", QStringLiteral("the assistant is not running on this server")));
        return;
    }
    HttpResponse failure;
    auto body = jsonBody(request, false, &failure);
    if (!body) {
        reply(failure);
        return;
    }
    if (const auto wait = chatWait(user)) {
        Error limited
            = Error::rateLimited(QStringLiteral("more than %1 messages a minute to the assistant; try again in %2 s")
                                     .arg(m_options.chatMessagesPerMinute)
                                     .arg(*wait),
                                 *wait);
        limited.reason = QStringLiteral("rate_limited");
        reply(HttpResponse::fromError(limited));
        return;
    }
    const QJsonValue content = body->value(QStringLiteral("content"));
    if (!content.isString()) {
        reply(validation(QStringLiteral("content"), QStringLiteral("must be a string of 1 to 4000 characters")));
        return;
    }
    auto zone = timeZoneFrom(body.value());
    auto opId = operationId(request, user, m_context.store);
    if (!zone || !opId) {
        reply(HttpResponse::fromError(zone ? opId.error() : zone.error()));
        return;
    }
    m_context.assistant->send(
        user, sessionId, content.toString(), zone.value(), opId.value(), m_asyncContext,
        [reply](const Result<assistant::AssistantTurn> &turn) {
            if (!turn) {
                reply(HttpResponse::fromError(turn.error()));
                return;
            }
            QJsonArray actions;
            for (const TaskAction &action : turn->actions)
                actions.append(taskActionToJson(action));
            HttpResponse response = HttpResponse::json(
                201,
                QJsonObject{{QStringLiteral("userMessage"), messageToJson(turn->userMessage)},
                            {QStringLiteral("assistantMessage"), messageToJson(turn->assistantMessage)},
                            {QStringLiteral("actions"), actions}});
            if (turn->replayed)
                response.withHeader("Idempotent-Replayed", "true");
            reply(response);
        });
}

} // namespace tandem::sync
