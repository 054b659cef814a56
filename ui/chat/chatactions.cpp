#include "chatactions.h"

#include "common/backgroundrunner.h"
#include "services/chatservice.h"

namespace tandem {

ChatActions::ChatActions(ChatService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_runner(runner)
    , m_ownerId(ownerId)
{ }

QUuid ChatActions::createSession()
{
    const QUuid id = QUuid::createUuid();
    ChatService *service = &m_service;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this, [service, owner, id] { return service->createSession(owner, {}, id); },
        [this, id](const Result<Change> &result) {
            if (!result) {
                const QString message = tr("Could not start a new chat: %1").arg(result.error().toString());
                Q_EMIT createFailed(id, message);
                Q_EMIT failed(message);
                return;
            }
            Q_EMIT created(id);
        });
    return id;
}

void ChatActions::rename(const QUuid &sessionId, const QString &title)
{
    SessionPatch patch;
    patch.title = title;
    ChatService *service = &m_service;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this, [service, owner, sessionId, patch] { return service->updateSession(owner, sessionId, patch); },
        [this](const Result<Change> &result) {
            if (!result)
                Q_EMIT failed(tr("Could not rename the chat: %1").arg(result.error().toString()));
        });
}

void ChatActions::remove(const QUuid &sessionId)
{
    ChatService *service = &m_service;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this, [service, owner, sessionId] { return service->deleteSession(owner, sessionId); },
        [this](const Result<Change> &result) {
            // Already gone elsewhere is what the user wanted.
            if (!result && result.error().code != ErrorCode::NotFound)
                Q_EMIT failed(tr("Could not delete the chat: %1").arg(result.error().message));
        });
}

} // namespace tandem
