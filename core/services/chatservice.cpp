#include "chatservice.h"

namespace tandem {

namespace {

Error sessionNotFound()
{
    return Error::notFound(QStringLiteral("no such conversation; it may have been deleted"));
}

// The owner's session as the transaction sees it, or NotFound.
Result<ChatSession> liveSession(WriteContext &context, const QUuid &ownerId, const QUuid &sessionId)
{
    auto session = context.sessionById(sessionId);
    if (!session)
        return session.error();
    if (!session.value() || session.value()->ownerId != ownerId || session.value()->isDeleted())
        return sessionNotFound();
    return *session.value();
}

} // namespace

ChatService::ChatService(Store &store, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
{ }

QDateTime ChatService::now() const
{
    return nowFrom(m_clock);
}

Result<QList<Change>> ChatService::commit(const QUuid &ownerId, const QUuid &opId, const QDateTime &now,
                                          const Mutation &mutation)
{
    return commitAndNotify(m_store, this, &ChatService::changed, ownerId, opId, now, mutation);
}

Result<Change> ChatService::createSession(const QUuid &ownerId, const QString &title, std::optional<QUuid> sessionId,
                                          const QUuid &opId)
{
    const QDateTime at = now();
    ChatSession session;
    session.id = sessionId.value_or(QUuid::createUuid());
    session.ownerId = ownerId;
    session.title = title.trimmed().isEmpty() ? QStringLiteral("New chat") : title.trimmed();
    session.createdAt = at;
    session.updatedAt = at;
    session.isActive = true;
    session.revision = 1;
    if (session.id.isNull())
        return Error::validation(QStringLiteral("id"), QStringLiteral("must be a UUID"));
    if (auto valid = validateSessionTitle(session.title); !valid)
        return valid.error();
    auto changes = commit(ownerId, opId, at, [&](WriteContext &context) -> Result<QList<Draft>> {
        if (sessionId) {
            auto existing = context.sessionById(session.id);
            if (!existing)
                return existing.error();
            if (existing.value())
                return Error::conflict(QStringLiteral("this conversation id is already in use; choose another"));
        }
        return QList<Draft>{Draft{ChangeKind::ChatSessionCreated, session}};
    });
    if (!changes)
        return changes.error();
    return changes->constFirst();
}

Result<Change> ChatService::updateSession(const QUuid &ownerId, const QUuid &sessionId, const SessionPatch &patch,
                                          const QUuid &opId)
{
    const QDateTime at = now();
    std::optional<QString> title;
    if (patch.title) {
        title = patch.title->trimmed();
        if (auto valid = validateSessionTitle(*title); !valid)
            return valid.error();
    }
    auto changes = commit(ownerId, opId, at, [&](WriteContext &context) -> Result<QList<Draft>> {
        auto current = liveSession(context, ownerId, sessionId);
        if (!current)
            return current.error();
        ChatSession next = current.value();
        if (title)
            next.title = *title;
        if (patch.isActive)
            next.isActive = *patch.isActive;
        next.updatedAt = at;
        next.revision += 1;
        return QList<Draft>{Draft{ChangeKind::ChatSessionUpdated, next}};
    });
    if (!changes)
        return changes.error();
    return changes->constFirst();
}

Result<Change> ChatService::deleteSession(const QUuid &ownerId, const QUuid &sessionId, const QUuid &opId)
{
    const QDateTime at = now();
    auto changes = commit(ownerId, opId, at, [&](WriteContext &context) -> Result<QList<Draft>> {
        auto current = liveSession(context, ownerId, sessionId);
        if (!current)
            return current.error();
        ChatSession tombstone = current.value();
        tombstone.deletedAt = at;
        tombstone.updatedAt = at;
        tombstone.revision += 1;
        return QList<Draft>{Draft{ChangeKind::ChatSessionDeleted, tombstone}};
    });
    if (!changes)
        return changes.error();
    return changes->constFirst();
}

Result<Change> ChatService::addMessage(const QUuid &ownerId, const QUuid &sessionId, ChatRole role,
                                       const QString &content, const QList<TaskAction> &actions, const QUuid &opId)
{
    if (auto valid = validateMessageContent(content); !valid)
        return valid.error();
    if (actions.size() > ChatLimits::MaxActions)
        return Error::validation(
            QStringLiteral("actions"),
            QStringLiteral("has %1 entries; the limit is %2").arg(actions.size()).arg(ChatLimits::MaxActions));
    const QDateTime at = now();
    ChatMessage message;
    message.id = QUuid::createUuid();
    message.sessionId = sessionId;
    message.ownerId = ownerId;
    message.role = role;
    message.content = content;
    message.createdAt = at;
    message.actions = actions;
    auto changes = commit(ownerId, opId, at, [&](WriteContext &context) -> Result<QList<Draft>> {
        auto current = liveSession(context, ownerId, sessionId);
        if (!current)
            return current.error();
        ChatSession touched = current.value();
        touched.updatedAt = at;
        touched.revision += 1;
        return QList<Draft>{Draft{ChangeKind::ChatMessageCreated, message},
                            Draft{ChangeKind::ChatSessionUpdated, touched}};
    });
    if (!changes)
        return changes.error();
    return changes->constFirst();
}

Result<QString> ChatService::assistantState(const QUuid &ownerId, const QUuid &sessionId) const
{
    return m_store.assistantState(ownerId, sessionId);
}

Result<ChatSession> ChatService::session(const QUuid &ownerId, const QUuid &sessionId) const
{
    auto session = m_store.session(ownerId, sessionId);
    if (!session)
        return session.error();
    if (!session.value())
        return sessionNotFound();
    return *session.value();
}

Result<QList<ChatSession>> ChatService::sessions(const QUuid &ownerId) const
{
    return m_store.sessions(ownerId);
}

Result<QList<ChatMessage>> ChatService::messages(const QUuid &ownerId, const QUuid &sessionId, int limit) const
{
    auto session = m_store.session(ownerId, sessionId);
    if (!session)
        return session.error();
    if (!session.value())
        return sessionNotFound();
    return m_store.messages(ownerId, sessionId, limit);
}

} // namespace tandem
