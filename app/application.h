#pragma once

#include "commandline.h"
#include "domain/result.h"
#include "domain/user.h"
#include "store/storeconfig.h"

#include <QObject>

#include <memory>

namespace tandem {

class AccountService;
class BackgroundRunner;
class ChatService;
class Maintenance;
class MainWindow;
class SignalWatcher;
class Store;
class TaskService;

// Decides where the data lives: --database, else --data-dir, else the
// settings' database/url, else the SQLite file in the app-data folder.
// Any invalid source is an error, never a silent fallback.
Result<StoreConfig> resolveStoreConfig(const LaunchOptions &options);

// The composition root: builds the store and the services once, and hands
// them to the parts that need them. Nothing else creates services.
class Application final : public QObject
{
    Q_OBJECT

public:
    explicit Application(const LaunchOptions &options, QObject *parent = nullptr);
    ~Application() override;
    Q_DISABLE_COPY_MOVE(Application)

    // Opens the store, ensures the local owner, and shows the window (or
    // starts headless). On failure the error says what to do.
    Result<void> start();

private:
    void stop(int signalNumber);

    LaunchOptions m_options;
    // Declared in dependency order, so they are destroyed in reverse.
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<Maintenance> m_maintenance;
    std::unique_ptr<BackgroundRunner> m_runner;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SignalWatcher> m_signals;
    User m_owner;
};

} // namespace tandem
