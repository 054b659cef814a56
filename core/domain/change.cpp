#include "change.h"

namespace tandem {

namespace {

constexpr ChangeKind allKinds[] = {
    ChangeKind::TaskCreated,        ChangeKind::TaskUpdated,        ChangeKind::TaskStatusChanged,
    ChangeKind::TaskDeleted,        ChangeKind::ChatSessionCreated, ChangeKind::ChatSessionUpdated,
    ChangeKind::ChatSessionDeleted, ChangeKind::ChatMessageCreated,
};

} // namespace

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::TaskCreated:
        return QStringLiteral("task_created");
    case ChangeKind::TaskUpdated:
        return QStringLiteral("task_updated");
    case ChangeKind::TaskStatusChanged:
        return QStringLiteral("task_status_changed");
    case ChangeKind::TaskDeleted:
        return QStringLiteral("task_deleted");
    case ChangeKind::ChatSessionCreated:
        return QStringLiteral("chat_session_created");
    case ChangeKind::ChatSessionUpdated:
        return QStringLiteral("chat_session_updated");
    case ChangeKind::ChatSessionDeleted:
        return QStringLiteral("chat_session_deleted");
    case ChangeKind::ChatMessageCreated:
        return QStringLiteral("chat_message_created");
    }
    return {};
}

std::optional<ChangeKind> changeKindFromName(QStringView name)
{
    for (ChangeKind kind : allKinds) {
        if (name == changeKindName(kind))
            return kind;
    }
    return std::nullopt;
}

bool isTaskChange(ChangeKind kind)
{
    return kind == ChangeKind::TaskCreated || kind == ChangeKind::TaskUpdated || kind == ChangeKind::TaskStatusChanged
        || kind == ChangeKind::TaskDeleted;
}

bool isSessionChange(ChangeKind kind)
{
    return kind == ChangeKind::ChatSessionCreated || kind == ChangeKind::ChatSessionUpdated
        || kind == ChangeKind::ChatSessionDeleted;
}

QUuid Change::entityId() const
{
    return std::visit([](const auto &e) { return e.id; }, entity);
}

} // namespace tandem
