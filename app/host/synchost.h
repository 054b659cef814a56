#pragma once

#include "domain/result.h"
#include "sync/serveroptions.h"

#include <QObject>
#include <QUuid>

#include <memory>

namespace tandem {

class AccountService;
class AuthService;
class ChatService;
class SigningKeyLoader;
class Store;
class TaskService;

namespace sync {
class SyncServer;
}
namespace assistant {
class AssistantService;
class LlmKeyStore;
} // namespace assistant

// Owns what runs on the sync thread: the signing key, the auth service, the
// assistant and the server. Created on the main thread, moved to the sync
// thread; start() and stop() run there.
class SyncHost final : public QObject
{
    Q_OBJECT

public:
    SyncHost(Store &store, TaskService &tasks, ChatService &chats, AccountService &accounts, const QUuid &ownerId,
             sync::ServerOptions options, QString keyDirectory);
    ~SyncHost() override;
    Q_DISABLE_COPY_MOVE(SyncHost)

    // Starts the assistant, loads the signing key, then listens. Emits
    // listening() or failed(); the assistant keeps answering the desktop's
    // chat either way (offline, or with the port taken).
    void start();
    // Closes every connection and drops the server (call on the sync thread).
    void stop();

    // The assistant from start() until stop(), else nullptr. Sync thread only.
    assistant::AssistantService *assistant() const { return m_assistant.get(); }

Q_SIGNALS:
    void listening(const QString &url, const QString &keyKeptIn);
    void failed(const tandem::Error &error);

private:
    void startServer(const QByteArray &key, const QString &keptIn);
    void useLanguageModelIfEnabled();

    Store &m_store;
    TaskService &m_tasks;
    ChatService &m_chats;
    AccountService &m_accounts;
    QUuid m_ownerId;
    sync::ServerOptions m_options;
    QString m_keyDirectory;
    std::unique_ptr<SigningKeyLoader> m_keyLoader;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<assistant::AssistantService> m_assistant;
    std::unique_ptr<assistant::LlmKeyStore> m_llmKeys;
    std::unique_ptr<sync::SyncServer> m_server;
};

} // namespace tandem
