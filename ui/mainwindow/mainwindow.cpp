#include "mainwindow.h"

#include "domain/settingsschema.h"

#include "windowsession.h"

#include "chat/chatdock.h"
#include "chat/chatpage.h"
#include "common/shortcutsdialog.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskactions.h"
#include "dashboard/taskmodel.h"
#include "mainwindow/centralstack.h"
#include "settings/settingsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QUndoStack>

namespace tandem {

namespace {
constexpr int errorMessageMs = 10'000;
constexpr int chatDockWidth = 380;
} // namespace

MainWindow::MainWindow(TaskService &tasks, TaskReplica &replica, ChatService &chats, AccountService &accounts,
                       AssistantClient &assistant, BackgroundRunner &runner, const User &owner,
                       const QString &storeDescription, QWidget *parent)
    : QMainWindow(parent)
    , m_storeDescription(storeDescription)
    , m_accounts(accounts)
    , m_runner(runner)
    , m_owner(owner)
{
    setWindowTitle(tr("Tandem"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tandem.svg")));
    setObjectName(QStringLiteral("MainWindow"));

    m_model = new TaskModel(replica, this);
    m_actions = new TaskActions(tasks, runner, owner.id, this);
    m_dashboard = new DashboardView(*m_model, *m_actions, this);
    m_central = new CentralStack(m_dashboard, this);
    setCentralWidget(m_central);
    createChatDock(tasks, chats, assistant);

    m_countLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_countLabel);
    m_syncLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_syncLabel);
    auto *where = new QLabel(tr("Signed in as %1").arg(owner.username), this);
    where->setToolTip(storeDescription);
    statusBar()->addPermanentWidget(where);

    createMenus();

    connect(m_actions, &TaskActions::failed, this, &MainWindow::showError);
    connect(m_model, &TaskModel::loadFailed, this, &MainWindow::showError);
    connect(m_actions, &TaskActions::conflicted, this, [this](const Task &current) {
        showError(tr("“%1” was changed elsewhere; showing the current version.").arg(current.title));
    });
    connect(m_actions, &TaskActions::vanished, this, [this] { showError(tr("That task was deleted elsewhere.")); });
    // A failure message stops being true once a later change of this window is saved.
    connect(m_actions, &TaskActions::saved, statusBar(), &QStatusBar::clearMessage);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCount);

    resize(1100, 660);
    m_chatDock->restorePlacement(ChatPlacement::Docked);
    // Grouping is a preference: a new window starts with the choice made last in any window.
    m_dashboard->groupAction()->setChecked(AppSettings().value(Settings::windowGroupByDate));
    // Only the user's choice (the menu), not a window set up another way, becomes the preference.
    connect(m_dashboard->groupAction(), &QAction::triggered, this,
            [](bool grouped) { AppSettings().setValue(Settings::windowGroupByDate, grouped); });
    updateCount();
}

MainWindow::~MainWindow()
{
    // An editor still open commits as it loses focus on the way out; its
    // answer must not reach this half-destroyed window.
    disconnect(m_actions, nullptr, this, nullptr);
    disconnect(m_model, nullptr, this, nullptr);
}

void MainWindow::createChatDock(TaskService &tasks, ChatService &chats, AssistantClient &assistant)
{
    m_chatDock = new ChatDock(chats, tasks, assistant, m_runner, m_owner.id, this);
    addDockWidget(Qt::RightDockWidgetArea, m_chatDock);
    resizeDocks({m_chatDock}, {chatDockWidth}, Qt::Horizontal);
    m_central->setPage(m_chatDock->page());
    connect(m_chatDock, &ChatDock::pageRequested, m_central, &CentralStack::showPage);
    connect(m_chatDock, &ChatDock::taskActivated, this, [this](const QUuid &taskId) {
        m_chatDock->setExpanded(false); // the task shows in the dashboard, which the full page hides
        m_dashboard->selectTask(taskId);
    });
    connect(m_chatDock, &ChatDock::failed, this, &MainWindow::showError);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newTask = file->addAction(tr("&New Task"), m_dashboard, &DashboardView::focusAddLine);
    newTask->setShortcut(QKeySequence::New);
    QAction *newWindow = file->addAction(tr("New &Window"), this, &MainWindow::newWindowRequested);
    newWindow->setObjectName(QStringLiteral("newWindowAction"));
    newWindow->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction *closeWindow = file->addAction(tr("&Close Window"), this, &QWidget::close);
    closeWindow->setObjectName(QStringLiteral("closeWindowAction"));
    closeWindow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::quitRequested);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_actions->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    edit->addAction(undo);
    QAction *redo = m_actions->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Redo)) {
        if (!redoKeys.contains(key))
            redoKeys.append(key);
    }
    redo->setShortcuts(redoKeys);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(m_dashboard->editAction());
    edit->addAction(m_dashboard->renameAction());
    edit->addAction(m_dashboard->toggleDoneAction());
    edit->addAction(m_dashboard->deleteAction());
    edit->addSeparator();
    edit->addAction(m_dashboard->findAction());
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    preferences->setObjectName(QStringLiteral("settingsAction"));
    // Ctrl+, everywhere (only macOS has it as the platform's Preferences key).
    QList<QKeySequence> preferenceKeys{QKeySequence(Qt::CTRL | Qt::Key_Comma)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Preferences)) {
        if (!preferenceKeys.contains(key))
            preferenceKeys.append(key);
    }
    preferences->setShortcuts(preferenceKeys);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_dashboard->showCompletedAction());
    view->addAction(m_dashboard->groupAction());
    view->addSeparator();
    view->addAction(m_chatDock->toggleAction());
    view->addAction(m_chatDock->focusInputAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction *about = help->addAction(tr("&About Tandem"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_accounts, m_runner, m_owner, m_syncStatus, m_serverUrl, this, m_appearance,
                                      m_storeDescription);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::serverSettingsChanged, this, &MainWindow::serverSettingsChanged);
    connect(dialog, &SettingsDialog::assistantSettingsChanged, this, &MainWindow::assistantSettingsChanged);
    connect(dialog, &QDialog::finished, this, &MainWindow::settingsClosed);
    dialog->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setSyncStatus(const QString &text, bool running)
{
    m_syncStatus = text;
    if (!running)
        m_serverUrl.clear();
    m_syncLabel->setText(running ? tr("Sync on") : tr("Sync off"));
    m_syncLabel->setToolTip(text);
    if (!running)
        showError(text);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, errorMessageMs);
}

void MainWindow::updateCount()
{
    const int count = m_model->taskCount();
    m_countLabel->setText(count == 1 ? tr("1 task") : tr("%1 tasks").arg(count));
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Tandem"),
                                tr("<b>Tandem %1</b><p>Your tasks and an assistant, side by side.</p><p>Data: %2</p>")
                                    .arg(QApplication::applicationVersion(), m_storeDescription.toHtmlEscaped()),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

WindowSession MainWindow::saveSession()
{
    // Where the chat is, taken before the page folds back so that the docks' state is the side panel's.
    const QString placement = chatPlacementName(m_chatDock->placement());
    m_chatDock->setExpanded(false);
    return {saveGeometry(), saveState(), m_dashboard->showCompletedAction()->isChecked(), placement};
}

void MainWindow::restoreSession(const WindowSession &session)
{
    if (!session.geometry.isEmpty())
        restoreGeometry(session.geometry);
    if (!session.state.isEmpty())
        restoreState(session.state);
    m_dashboard->showCompletedAction()->setChecked(session.showCompleted);
    m_chatDock->restorePlacement(chatPlacementFromName(session.chatPlacement));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    event->accept();
    Q_EMIT closed();
}

} // namespace tandem
