#pragma once

#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace tandem {

struct ChatSession
{
    QUuid id;
    QUuid ownerId;
    QString title;
    QDateTime createdAt;
    QDateTime updatedAt; // also moves when a message is added
    bool isActive = true;
    QDateTime deletedAt; // valid only on a tombstone
    qint64 revision = 0;

    bool isDeleted() const { return deletedAt.isValid(); }
    friend bool operator==(const ChatSession &, const ChatSession &) = default;
};

enum class ChatRole { User, Assistant };
QString chatRoleName(ChatRole role);
std::optional<ChatRole> chatRoleFromName(QStringView name);

// What an assistant message did to a task, so the UI can link the two.
enum class TaskActionKind { Created, Updated, Completed, Reopened, Deleted, Restored };
QString taskActionKindName(TaskActionKind kind);
std::optional<TaskActionKind> taskActionKindFromName(QStringView name);

struct TaskAction
{
    TaskActionKind kind = TaskActionKind::Updated;
    QUuid taskId;
    // The task's title when the action was taken (may be empty in messages
    // stored before it was kept), so a chat can still name a task that is
    // gone. A caption, not part of what was done: equality ignores it.
    QString title;
    friend bool operator==(const TaskAction &a, const TaskAction &b)
    {
        return a.kind == b.kind && a.taskId == b.taskId;
    }
};

struct ChatMessage
{
    QUuid id;
    QUuid sessionId;
    QUuid ownerId;
    ChatRole role = ChatRole::User;
    QString content;
    QDateTime createdAt;
    QList<TaskAction> actions;

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

namespace ChatLimits {
inline constexpr qsizetype MaxSessionTitle = 200; // code points, after trimming
inline constexpr qsizetype MaxMessage = 32'000; // code points; the assistant takes 4,000 from users
inline constexpr qsizetype MaxActions = 1'000;
} // namespace ChatLimits

Result<void> validateSessionTitle(const QString &title);
Result<void> validateMessageContent(const QString &content);

} // namespace tandem
