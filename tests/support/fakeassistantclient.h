#pragma once

// Test doubles for the chat UI's AssistantClient (header-only: only tests
// that link tandem_ui include this).
#include "assistant/assistantservice.h"
#include "chat/assistantclient.h"
#include "services/chatservice.h"

#include <QPointer>
#include <QTimeZone>

#include <optional>

namespace tandem::test {

// Answers on the spot with a canned reply, stored through ChatService the way
// the real assistant stores a turn (the user's message, then the reply with
// its actions), so views see real changes. The turn itself is reported later
// on the context's thread, as the contract says.
class FakeAssistantClient final : public AssistantClient
{
public:
    struct Sent
    {
        QUuid sessionId;
        QString content;
    };

    FakeAssistantClient(ChatService &chats, const QUuid &ownerId)
        : m_chats(chats)
        , m_ownerId(ownerId)
    { }

    QList<Sent> sent;
    QString reply = QStringLiteral("Done.");
    QList<TaskAction> actions; // reported with every reply
    std::optional<Error> failNext; // the next turn fails with it, storing nothing
    bool hold = false; // keep turns in flight until release()

    int held() const { return int(m_held.size()); }

    void send(const QUuid &sessionId, const QString &content, QObject *context,
              std::function<void(Result<assistant::AssistantTurn>)> done) override
    {
        sent.append({sessionId, content});
        Turn turn{sessionId, content, context, std::move(done)};
        if (hold)
            m_held.append(std::move(turn));
        else
            answer(turn);
    }

    // Answers every held turn.
    void release()
    {
        const QList<Turn> turns = std::exchange(m_held, {});
        for (const Turn &turn : turns)
            answer(turn);
    }

private:
    struct Turn
    {
        QUuid sessionId;
        QString content;
        QPointer<QObject> context;
        std::function<void(Result<assistant::AssistantTurn>)> done;
    };

    void answer(const Turn &turn)
    {
        if (failNext) {
            report(turn, *std::exchange(failNext, std::nullopt));
            return;
        }
        auto user = m_chats.addMessage(m_ownerId, turn.sessionId, ChatRole::User, turn.content);
        if (!user) {
            report(turn, user.error());
            return;
        }
        auto answer = m_chats.addMessage(m_ownerId, turn.sessionId, ChatRole::Assistant, reply, actions);
        if (!answer) {
            report(turn, answer.error());
            return;
        }
        assistant::AssistantTurn result;
        result.userMessage = *user->message();
        result.assistantMessage = *answer->message();
        result.actions = actions;
        report(turn, result);
    }

    static void report(const Turn &turn, const Result<assistant::AssistantTurn> &result)
    {
        QPointer<QObject> context = turn.context;
        if (!context)
            return;
        QMetaObject::invokeMethod(
            context.data(),
            [context, done = turn.done, result] {
                if (context)
                    done(result);
            },
            Qt::QueuedConnection);
    }

    ChatService &m_chats;
    QUuid m_ownerId;
    QList<Turn> m_held;
};

// The real AssistantService (its built-in engine), called on the test's own
// thread: realistic replies and actions for screenshots and end-to-end checks.
class ServiceAssistantClient final : public AssistantClient
{
public:
    ServiceAssistantClient(assistant::AssistantService &service, const QUuid &ownerId)
        : m_service(service)
        , m_ownerId(ownerId)
    { }

    void send(const QUuid &sessionId, const QString &content, QObject *context,
              std::function<void(Result<assistant::AssistantTurn>)> done) override
    {
        m_service.send(m_ownerId, sessionId, content, QTimeZone::systemTimeZone(), QUuid::createUuid(), context,
                       std::move(done));
    }

private:
    assistant::AssistantService &m_service;
    QUuid m_ownerId;
};

} // namespace tandem::test
