#pragma once

#include <QObject>
#include <QString>
#include <QUuid>

namespace tandem {

class BackgroundRunner;
class ChatService;

// The chat UI's own edits to conversations (create, rename, delete), run
// through ChatService on the background worker. Views call these and forget:
// lists change when the committed change comes back through
// ChatService::changed, like any other writer's.
class ChatActions final : public QObject
{
    Q_OBJECT

public:
    ChatActions(ChatService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatActions)

    // Starts storing an empty conversation and returns its id at once. Work
    // queued on the same runner afterwards (such as loading its messages)
    // sees it; anything else should wait for created().
    QUuid createSession();
    void rename(const QUuid &sessionId, const QString &title);
    void remove(const QUuid &sessionId);

Q_SIGNALS:
    // The conversation createSession() returned is stored.
    void created(const QUuid &sessionId);
    // A change was refused or could not be stored; nothing changed. The
    // message says why, in words for the user.
    void failed(const QString &message);
    // createSession() could not store the conversation (failed() fires too).
    void createFailed(const QUuid &sessionId, const QString &message);

private:
    ChatService &m_service;
    BackgroundRunner &m_runner;
    QUuid m_ownerId;
};

} // namespace tandem
