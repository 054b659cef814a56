#include "chat.h"

#include "task.h"

namespace tandem {

QString chatRoleName(ChatRole role)
{
    return role == ChatRole::User ? QStringLiteral("user") : QStringLiteral("assistant");
}

std::optional<ChatRole> chatRoleFromName(QStringView name)
{
    if (name == u"user")
        return ChatRole::User;
    if (name == u"assistant")
        return ChatRole::Assistant;
    return std::nullopt;
}

QString taskActionKindName(TaskActionKind kind)
{
    switch (kind) {
    case TaskActionKind::Created:
        return QStringLiteral("created");
    case TaskActionKind::Updated:
        return QStringLiteral("updated");
    case TaskActionKind::Completed:
        return QStringLiteral("completed");
    case TaskActionKind::Reopened:
        return QStringLiteral("reopened");
    case TaskActionKind::Deleted:
        return QStringLiteral("deleted");
    case TaskActionKind::Restored:
        return QStringLiteral("restored");
    }
    return QStringLiteral("updated");
}

std::optional<TaskActionKind> taskActionKindFromName(QStringView name)
{
    for (auto kind : {TaskActionKind::Created, TaskActionKind::Updated, TaskActionKind::Completed,
                      TaskActionKind::Reopened, TaskActionKind::Deleted, TaskActionKind::Restored}) {
        if (name == taskActionKindName(kind))
            return kind;
    }
    return std::nullopt;
}

Result<void> validateSessionTitle(const QString &title)
{
    const QString field = QStringLiteral("title");
    if (title.trimmed().isEmpty())
        return Error::validation(field, QStringLiteral("must not be empty"));
    if (title != title.trimmed())
        return Error::validation(field, QStringLiteral("must not start or end with spaces"));
    if (const auto length = codePointCount(title); length > ChatLimits::MaxSessionTitle)
        return Error::validation(
            field,
            QStringLiteral("is %1 characters long; the limit is %2").arg(length).arg(ChatLimits::MaxSessionTitle));
    if (hasBrokenSurrogates(title))
        return Error::validation(field, QStringLiteral("contains invalid Unicode (a broken surrogate pair)"));
    if (hasControlCharacters(title, false))
        return Error::validation(field, QStringLiteral("must not contain control characters or line breaks"));
    return {};
}

Result<void> validateMessageContent(const QString &content)
{
    const QString field = QStringLiteral("content");
    if (content.trimmed().isEmpty())
        return Error::validation(field, QStringLiteral("must not be empty"));
    if (const auto length = codePointCount(content); length > ChatLimits::MaxMessage)
        return Error::validation(
            field, QStringLiteral("is %1 characters long; the limit is %2").arg(length).arg(ChatLimits::MaxMessage));
    if (hasBrokenSurrogates(content))
        return Error::validation(field, QStringLiteral("contains invalid Unicode (a broken surrogate pair)"));
    if (hasControlCharacters(content, true))
        return Error::validation(field,
                                 QStringLiteral("must not contain control characters other than tab and line breaks"));
    return {};
}

} // namespace tandem
