#pragma once

#include "chat.h"
#include "task.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QUuid>

#include <optional>
#include <variant>

namespace tandem {

// The kinds of change-log rows. The names are the WebSocket event types.
enum class ChangeKind {
    TaskCreated,
    TaskUpdated,
    TaskStatusChanged, // an update whose only effect is the status
    TaskDeleted,
    ChatSessionCreated,
    ChatSessionUpdated,
    ChatSessionDeleted,
    ChatMessageCreated,
};

QString changeKindName(ChangeKind kind);
std::optional<ChangeKind> changeKindFromName(QStringView name);
bool isTaskChange(ChangeKind kind);
bool isSessionChange(ChangeKind kind);

using Entity = std::variant<Task, ChatSession, ChatMessage>;

// One committed row of the change log: the entity's state after the change.
struct Change
{
    qint64 seq = 0; // per owner: rises by exactly one with every committed change
    ChangeKind kind = ChangeKind::TaskUpdated;
    QUuid ownerId;
    QUuid opId; // the operation that caused it
    QDateTime at;
    Entity entity;
    bool replayed = false; // true when returned for a repeated opId; nothing was written

    QUuid entityId() const;
    const Task *task() const { return std::get_if<Task>(&entity); }
    const ChatSession *session() const { return std::get_if<ChatSession>(&entity); }
    const ChatMessage *message() const { return std::get_if<ChatMessage>(&entity); }
};

} // namespace tandem

Q_DECLARE_METATYPE(tandem::Change)
