#pragma once

#include "domain/user.h"

#include <QMainWindow>
#include <QUrl>

class QLabel;

namespace tandem {

class AccountService;
class AssistantClient;
class BackgroundRunner;
class ChatDock;
class ChatService;
class DashboardView;
class TaskActions;
class TaskModel;
class TaskReplica;
class TaskService;

// Composes the dashboard, the assistant's dock, menus and status bar. Holds no
// logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // `replica`: the owner's tasks in memory, shared by every window (loaded by its feeder).
    MainWindow(TaskService &tasks, TaskReplica &replica, ChatService &chats, AccountService &accounts,
               AssistantClient &assistant, BackgroundRunner &runner, const User &owner,
               const QString &storeDescription, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    DashboardView *dashboard() const { return m_dashboard; }
    ChatDock *chatDock() const { return m_chatDock; }
    // Shows whether other devices can connect (and if not, why).
    void setSyncStatus(const QString &text, bool running);
    // Where the sync server listens (empty when it is off): Settings ▸ Devices builds pairing links from it.
    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    TaskModel *taskModel() const { return m_model; }

Q_SIGNALS:
    // The user saved new sharing settings (network access, port, origins).
    void serverSettingsChanged();
    // The user saved new AI-model settings (they are read when the server starts).
    void assistantSettingsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createChatDock(TaskService &tasks, ChatService &chats, AssistantClient &assistant);
    void showError(const QString &message);
    void updateCount();
    void showAbout();
    void showSettings();

    TaskModel *m_model = nullptr;
    TaskActions *m_actions = nullptr;
    DashboardView *m_dashboard = nullptr;
    ChatDock *m_chatDock = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QString m_storeDescription;
    QString m_syncStatus;
    QUrl m_serverUrl;
    AccountService &m_accounts;
    BackgroundRunner &m_runner;
    User m_owner;
};

} // namespace tandem
