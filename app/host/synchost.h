#pragma once

#include "domain/result.h"
#include "sync/serveroptions.h"

#include <QObject>
#include <QUuid>

#include <memory>
#include <optional>

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
// thread; start(), restart(), reloadAssistantEngine() and stop() run there.
class SyncHost final : public QObject
{
    Q_OBJECT

public:
    // `explainKeychainFirst`: the desktop explains the OS keychain before its
    // first prompt, so until the user has answered the AI model runs without
    // its key (keychainConsentNeeded()); headless, the keychain is used unless refused.
    SyncHost(Store &store, TaskService &tasks, ChatService &chats, AccountService &accounts, const QUuid &ownerId,
             sync::ServerOptions options, QString keyDirectory, bool explainKeychainFirst = false);
    ~SyncHost() override;
    Q_DISABLE_COPY_MOVE(SyncHost)

    // Starts the assistant, loads the signing key, then listens. Emits
    // listening() or failed(); the assistant keeps answering the desktop's
    // chat either way (offline, or with the port taken).
    void start();
    // Closes every connection and drops the server (call on the sync thread).
    void stop();
    // Listens again with `options` (new sharing settings): closes every
    // connection, keeps the signing key and the assistant (the desktop's chat
    // goes on answering). Emits listening() or failed(), then restarted().
    void restart(const sync::ServerOptions &options);
    // Reads the AI model's settings again and swaps only the assistant's
    // engine; the server, its sockets and the conversations stay. Emits
    // assistantEngineChanged() once the new engine answers.
    void reloadAssistantEngine();

    // The assistant from start() until stop(), else nullptr. Sync thread only.
    assistant::AssistantService *assistant() const { return m_assistant.get(); }

Q_SIGNALS:
    void listening(const QString &url, const QString &keyKeptIn);
    void failed(const tandem::Error &error);
    // After restart(), once listening() or failed() has been emitted for it.
    void restarted();
    // The engine reloadAssistantEngine() asked for is in place; `usesModel`:
    // a language model answers first (else the built-in engine alone).
    void assistantEngineChanged(bool usesModel);
    // The AI model needs its key from the OS keychain, and the user has not
    // been told why yet: it answers without a key until they have.
    void keychainConsentNeeded();

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
    bool m_explainKeychainFirst = false;
    // The signing key, kept for restart().
    QByteArray m_signingKey;
    QString m_signingKeyKeptIn;
    std::optional<Error> m_signingKeyError;
    std::unique_ptr<SigningKeyLoader> m_keyLoader;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<assistant::AssistantService> m_assistant;
    std::unique_ptr<assistant::LlmKeyStore> m_llmKeys;
    std::unique_ptr<sync::SyncServer> m_server;
};

} // namespace tandem
