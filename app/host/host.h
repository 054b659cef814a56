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
class ChatService;
class Maintenance;
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

// The part of Tandem that runs without a window, for the desktop app and for
// tandem-server alike: it opens the store, builds the services once, keeps
// history trimmed and runs the sync server on its own thread. The desktop's
// composition root (desktop/application.h) adds the windows on top.
class Host final : public QObject
{
    Q_OBJECT

public:
    explicit Host(const LaunchOptions &options, QObject *parent = nullptr);
    ~Host() override;
    Q_DISABLE_COPY_MOVE(Host)

    // Opens the store, builds the services and ensures the local owner account.
    Result<void> open();
    // After open(): starts maintenance and the sync server. Headless, it
    // prints the "listening" line and a server failure ends the process.
    Result<void> start();
    // Listens again with the current sharing settings, without waiting for
    // the sync thread: returns at once (an error when the settings are
    // invalid, and nothing changes); listening() or serverFailed(), then
    // serverRestarted() follow. Every connection is closed; the assistant stays.
    Result<void> restartServer();
    // Swaps only the assistant's engine for what the AI model's settings say
    // now; the server and its connections stay. assistantReloaded() follows.
    void reloadAssistant();

    // One-shot commands (after open()).
    Result<QString> issueInvite();
    Result<void> setPassword(const QString &password);

    Store &store() { return *m_store; }
    TaskService &tasks() { return *m_tasks; }
    ChatService &chats() { return *m_chats; }
    AccountService &accounts() { return *m_accounts; }
    const User &owner() const { return m_owner; }
    const LaunchOptions &options() const { return m_options; }

Q_SIGNALS:
    // The server runs (again): `host` lives on the sync thread until serverStopping().
    void serverStarted(tandem::SyncHost *host);
    // The server is about to stop; `host` is still valid while this runs.
    void serverStopping(tandem::SyncHost *host);
    // It listens on `url` (the LAN address with --lan).
    void listening(const QString &url);
    // It could not listen; the desktop keeps working on its own data.
    void serverFailed(const tandem::Error &error);
    // A restartServer() has finished (after its listening() or serverFailed()).
    void serverRestarted();
    // The assistant's engine reloadAssistant() asked for answers now.
    void assistantReloaded(bool usesModel);
    // The desktop should explain the OS keychain: the AI model waits for its key.
    void keychainConsentNeeded();
    // SIGINT or SIGTERM: the process is about to quit.
    void terminating();

private:
    Result<void> startServer();
    void stopServer();
    void onListening(const QString &url, const QString &keyKeptIn);
    void onServerFailed(const Error &error);

    LaunchOptions m_options;
    sync::ServerOptions m_serverOptions;
    // Declared in dependency order, so they are destroyed in reverse.
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<Maintenance> m_maintenance;
    QThread m_syncThread;
    std::unique_ptr<SyncHost> m_sync;
    std::unique_ptr<SignalWatcher> m_signals;
    User m_owner;
};

} // namespace tandem
