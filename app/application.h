#pragma once

#include "commandline.h"
#include "domain/result.h"
#include "domain/user.h"
#include "store/storeconfig.h"
#include "sync/serveroptions.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace tandem {

class AccountService;
class AssistantBridge;
class BackgroundRunner;
class ChatService;
class Maintenance;
class MainWindow;
class SignalWatcher;
class Store;
class SyncHost;
class TaskService;

// Decides where the data lives: --database, else --data-dir, else the
// settings' database/url, else the SQLite file in the app-data folder.
// Any invalid source is an error, never a silent fallback.
Result<StoreConfig> resolveStoreConfig(const LaunchOptions &options);
// The sync server's options: flags first, then the settings (server/port,
// server/lan, server/allowedOrigins), then the defaults.
Result<sync::ServerOptions> resolveServerOptions(const LaunchOptions &options);

// The composition root: builds the store and the services once, and hands
// them to the parts that need them. Nothing else creates services.
class Application final : public QObject
{
    Q_OBJECT

public:
    explicit Application(const LaunchOptions &options, QObject *parent = nullptr);
    ~Application() override;
    Q_DISABLE_COPY_MOVE(Application)

    // Opens the store and ensures the local owner account.
    Result<void> open();
    // After open(): shows the window (or runs headless) and starts the sync
    // server. Headless, the server's outcome decides the exit code.
    Result<void> start();

    // One-shot commands (after open()).
    Result<QString> issueInvite();
    Result<void> setPassword(const QString &password);

private:
    void stop(int signalNumber);
    void onListening(const QString &url, const QString &keyKeptIn);
    void onServerFailed(const Error &error);
    Result<void> startServer();
    void stopServer();
    void restartServer();

    LaunchOptions m_options;
    sync::ServerOptions m_serverOptions;
    // Declared in dependency order, so they are destroyed in reverse.
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<Maintenance> m_maintenance;
    // The chat window's way to the assistant on the sync thread; it outlives that thread.
    std::unique_ptr<AssistantBridge> m_assistant;
    QThread m_syncThread;
    std::unique_ptr<SyncHost> m_sync;
    std::unique_ptr<BackgroundRunner> m_runner;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SignalWatcher> m_signals;
    User m_owner;
};

} // namespace tandem
