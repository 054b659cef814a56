#pragma once

#include "domain/user.h"

#include <QMainWindow>
#include <QUrl>

class QLabel;

namespace tandem {

class AccountService;
class Appearance;
class AssistantClient;
class BackgroundRunner;
class CentralStack;
class ChatDock;
class ChatService;
class DashboardView;
class TaskActions;
class TaskModel;
class TaskReplica;
class TaskService;
struct WindowSession;

// Composes the dashboard, the assistant's dock, menus and status bar. Holds no
// logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // `replica`: the owner's tasks in memory, shared by every window (loaded by its feeder).
    MainWindow(TaskService &tasks, TaskReplica &replica, ChatService &chats, AccountService &accounts,
               AssistantClient &assistant, BackgroundRunner &runner, const User &owner, const QString &storeDescription,
               QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    DashboardView *dashboard() const { return m_dashboard; }
    ChatDock *chatDock() const { return m_chatDock; }
    // The dashboard, or the full-page chat in its place.
    CentralStack *centralStack() const { return m_central; }
    // Shows whether other devices can connect (and if not, why).
    void setSyncStatus(const QString &text, bool running);
    // Where the sync server listens (empty when it is off): Settings ▸ Sync & devices builds pairing links from it.
    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    TaskModel *taskModel() const { return m_model; }
    // What this window brings back at the next start (folds an expanded chat back beside the tasks).
    WindowSession saveSession();
    void restoreSession(const WindowSession &session);
    // The application's theme, which Settings ▸ Appearance previews and saves (may stay unset).
    void setAppearance(Appearance *appearance) { m_appearance = appearance; }

Q_SIGNALS:
    // The user saved new sharing settings (network access, port, origins).
    void serverSettingsChanged();
    // The user saved new AI-model settings (they are read when the server starts).
    void assistantSettingsChanged();
    // The settings dialog closed: whoever applies settings at run time (the tray, reminders) reads them again.
    void settingsClosed();
    // File ▸ New Window: the owner of the windows opens another one.
    void newWindowRequested();
    // File ▸ Quit: the owner saves the windows and ends the process.
    void quitRequested();
    // The window was closed (it is hidden, not destroyed): its owner decides
    // whether it goes or waits in the tray. Do not delete it from this signal.
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createChatDock(TaskService &tasks, ChatService &chats, AssistantClient &assistant);
    void showError(const QString &message);
    void updateCount();
    void showAbout();
    void showSettings();
    void showShortcuts();

    TaskModel *m_model = nullptr;
    TaskActions *m_actions = nullptr;
    DashboardView *m_dashboard = nullptr;
    CentralStack *m_central = nullptr;
    ChatDock *m_chatDock = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QString m_storeDescription;
    QString m_syncStatus;
    QUrl m_serverUrl;
    Appearance *m_appearance = nullptr;
    AccountService &m_accounts;
    BackgroundRunner &m_runner;
    User m_owner;
};

} // namespace tandem
