#pragma once

#include "domain/change.h"
#include "domain/chat.h"
#include "domain/result.h"
#include "services/taskservice.h"
#include "store/store.h"

#include <QObject>
#include <QUuid>

#include <optional>

namespace tandem {

struct SessionPatch
{
    std::optional<QString> title;
    std::optional<bool> isActive;
};

// The only way conversations change; the same contract as TaskService.
class ChatService final : public QObject
{
    Q_OBJECT

public:
    explicit ChatService(Store &store, Clock clock = {}, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatService)

    // An empty title becomes "New chat".
    Result<Change> createSession(const QUuid &ownerId, const QString &title = {},
                                 std::optional<QUuid> sessionId = std::nullopt,
                                 const QUuid &opId = QUuid::createUuid());
    Result<Change> updateSession(const QUuid &ownerId, const QUuid &sessionId, const SessionPatch &patch,
                                 const QUuid &opId = QUuid::createUuid());
    Result<Change> deleteSession(const QUuid &ownerId, const QUuid &sessionId, const QUuid &opId = QUuid::createUuid());

    // Appends a message and moves the session's updatedAt: two change-log rows
    // (chat_message_created, then chat_session_updated) in one transaction.
    // Returns the message's change.
    Result<Change> addMessage(const QUuid &ownerId, const QUuid &sessionId, ChatRole role, const QString &content,
                              const QList<TaskAction> &actions = {}, const QUuid &opId = QUuid::createUuid());

    Result<ChatSession> session(const QUuid &ownerId, const QUuid &sessionId) const;
    Result<QList<ChatSession>> sessions(const QUuid &ownerId) const;
    Result<QList<ChatMessage>> messages(const QUuid &ownerId, const QUuid &sessionId, int limit = 0) const;
    // The assistant's memory of the conversation as it stored it (JSON text, empty
    // when none yet), so a view can tell whether the last reply awaits an answer.
    Result<QString> assistantState(const QUuid &ownerId, const QUuid &sessionId) const;

Q_SIGNALS:
    // Same contract as TaskService::changed.
    void changed(const tandem::Change &change);

private:
    Result<QList<Change>> commit(const QUuid &ownerId, const QUuid &opId, const QDateTime &now,
                                 const Mutation &mutation);
    QDateTime now() const;

    Store &m_store;
    Clock m_clock;
};

} // namespace tandem
