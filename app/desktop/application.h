#pragma once

#include "domain/result.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace tandem {

class Appearance;
class AssistantBridge;
class BackgroundRunner;
class Host;
class MainWindow;
class Notifier;
class ReminderPresenter;
class ReminderScheduler;
class SingleInstance;
class TrayIcon;
class WindowSet;
class TaskReplica;
class TaskReplicaFeed;

// The desktop's composition root: the windows, their worker and their way to
// the assistant, the tray icon and the reminders, on top of the Host (store,
// services, sync server). Nothing else creates services.
class Application final : public QObject
{
    Q_OBJECT

public:
    // `instance`, when given, brings later starts for the same data here as new windows.
    explicit Application(Host &host, SingleInstance *instance = nullptr, QObject *parent = nullptr);
    ~Application() override;
    Q_DISABLE_COPY_MOVE(Application)

    // Call before Host::start(), so the chat follows the server from its first start.
    void attach();
    // After Host::start(): restores the saved windows, the tray and the reminders.
    Result<void> show();

private:
    std::unique_ptr<MainWindow> makeWindow();
    void wire(MainWindow *window);
    // Loads the tasks into the replica once (after the first paint, or a second later at the latest).
    void loadTasks();
    void startTray();
    void startReminders();
    // Reads the settings that apply without a restart: keep running in the tray, reminders.
    void applySettings();
    void setSyncStatus(const QString &text, bool running);
    void restartServer();
    // Settings ▸ Appearance, the assistant's engine swap and the keychain explanation.
    void connectSettings();
    void explainKeychain();

    Host &m_host;
    SingleInstance *m_instance = nullptr;
    QString m_syncText;
    bool m_syncRunning = false;
    QUrl m_serverUrl;
    bool m_reportFirstPaint = false;
    bool m_waitingFirstPaint = false; // the first window's first paint starts loading the tasks
    // The chat window's way to the assistant on the sync thread; it outlives that thread.
    std::unique_ptr<AssistantBridge> m_assistant;
    std::unique_ptr<BackgroundRunner> m_runner;
    std::unique_ptr<WindowSet> m_windows;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<ReminderScheduler> m_reminders;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<ReminderPresenter> m_presenter;
    std::unique_ptr<Appearance> m_appearance;
    bool m_explainingKeychain = false;
    // The owner's tasks in memory, shared by the windows, and what keeps them current.
    std::unique_ptr<TaskReplica> m_replica;
    std::unique_ptr<TaskReplicaFeed> m_feed;
};

} // namespace tandem
