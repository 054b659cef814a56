#include "application.h"

#include "domain/settingsschema.h"

#include "chat/assistantbridge.h"
#include "common/appearance.h"
#include "common/backgroundrunner.h"
#include "host.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/windowsession.h"
#include "mainwindow/windowset.h"
#include "notify/reminderpresenter.h"
#include "notify/traynotifier.h"
#include "services/reminderscheduler.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "services/taskservice.h"
#include "settings/keychainconsent.h"
#include "singleinstance.h"
#include "store/store.h"
#include "synchost.h"
#include "tray/trayicon.h"
#ifdef TANDEM_HAVE_DBUS_NOTIFICATIONS
#include "notify/dbusnotifier.h"
#endif

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QLoggingCategory>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <functional>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcDesktop, "tandem.desktop")

// Runs `then` once the watched window's first paint has been handled.
class AfterFirstPaint final : public QObject
{
public:
    AfterFirstPaint(std::function<void()> then, QObject *parent)
        : QObject(parent)
        , m_then(std::move(then))
    { }
    Q_DISABLE_COPY_MOVE(AfterFirstPaint)

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                m_then();
                deleteLater();
            });
        }
        return false;
    }

private:
    std::function<void()> m_then;
};

// Opt-in, for bench/web and bench/ui: with TANDEM_REPORT_FIRST_PAINT set,
// prints a line on stdout once the window's first paint has been handled, and
// one when the tasks are in memory, each with the wall clock in milliseconds
// since the epoch; the benchmark subtracts the time it started the process.
// The app then runs on as usual.
void report(const char *what)
{
    std::fprintf(stdout, "Tandem %s at %lld\n", what, static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
    std::fflush(stdout);
}

// Without a paint (a window that starts hidden), the tasks load after this anyway.
constexpr int loadAnywayMs = 1000;

} // namespace

Application::Application(Host &host, SingleInstance *instance, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_instance(instance)
{ }

Application::~Application()
{
    // The windows and the worker go first: they use the services and the store.
    m_presenter.reset();
    m_notifier.reset();
    m_reminders.reset();
    m_tray.reset();
    m_windows.reset();
    m_feed.reset();
    m_replica.reset();
    m_runner.reset();
    m_appearance.reset();
}

void Application::attach()
{
    m_assistant = std::make_unique<AssistantBridge>(m_host.owner().id);
    connect(&m_host, &Host::serverStarted, this,
            [this](SyncHost *sync) { m_assistant->attach(sync, [sync] { return sync->assistant(); }); });
    connect(&m_host, &Host::serverStopping, this, [this] { m_assistant->detach(); });
    connect(&m_host, &Host::listening, this, [this](const QString &url) {
        m_serverUrl = QUrl(url);
        setSyncStatus(tr("Sync server on %1").arg(url), true);
    });
    connect(&m_host, &Host::serverFailed, this, [this](const Error &error) {
        // The desktop keeps working on its own data; it only says why others cannot connect.
        m_serverUrl.clear();
        setSyncStatus(tr("Sync is off: %1").arg(error.message), false);
    });
    connect(&m_host, &Host::terminating, this, [this] {
        if (m_windows)
            m_windows->quit(); // saves the windows before the event loop ends
    });
}

Result<void> Application::show()
{
    // The window set decides when the last window ends the process (not while the tray holds it).
    QApplication::setQuitOnLastWindowClosed(false);
    // Before any window: it remembers the platform's own palette.
    m_appearance = std::make_unique<Appearance>();
    m_appearance->applySaved(AppSettings());
    m_reportFirstPaint = qEnvironmentVariableIsSet("TANDEM_REPORT_FIRST_PAINT");
    m_runner = std::make_unique<BackgroundRunner>();
    m_replica = std::make_unique<TaskReplica>();
    m_feed = std::make_unique<TaskReplicaFeed>(m_host.tasks(), *m_replica, m_host.owner().id);
    if (m_reportFirstPaint) {
        connect(m_replica.get(), &TaskReplica::loadingChanged, this, [](bool loading) {
            if (!loading)
                report("tasks loaded");
        });
    }
    // The first window paints first (it says "Loading tasks…"), then the tasks
    // load on the feed's worker, which would otherwise compete with the first frame.
    m_waitingFirstPaint = true;
    QTimer::singleShot(loadAnywayMs, this, &Application::loadTasks);
    m_windows = std::make_unique<WindowSet>([this] { return makeWindow(); });
    connect(m_windows.get(), &WindowSet::windowOpened, this, &Application::wire);
    connect(m_windows.get(), &WindowSet::quitRequested, this, [] { QCoreApplication::quit(); });
    // Ended some other way (the desktop session logs out): the windows are saved all the same.
    connect(qApp, &QCoreApplication::aboutToQuit, m_windows.get(), &WindowSet::quit);
    startTray();
    connectSettings();
    m_windows->restore();
    if (m_instance) {
        connect(m_instance, &SingleInstance::windowRequested, this, [this] {
            MainWindow *window = m_windows->open(WindowSession{});
            window->raise();
            window->activateWindow();
        });
    }
    startReminders();
    return {};
}

std::unique_ptr<MainWindow> Application::makeWindow()
{
    return std::make_unique<MainWindow>(m_host.tasks(), *m_replica, m_host.chats(), m_host.accounts(), *m_assistant,
                                        *m_runner, m_host.owner(), m_host.store().config().describe());
}

void Application::wire(MainWindow *window)
{
    connect(window, &MainWindow::serverSettingsChanged, this, &Application::restartServer);
    // Only the engine changes: the server and every browser's connection stay.
    connect(window, &MainWindow::assistantSettingsChanged, &m_host, &Host::reloadAssistant);
    connect(window, &MainWindow::settingsClosed, this, &Application::applySettings);
    window->setAppearance(m_appearance.get());
    if (!m_syncText.isEmpty()) {
        window->setSyncStatus(m_syncText, m_syncRunning);
        window->setServerUrl(m_serverUrl);
    }
    if (m_waitingFirstPaint) {
        m_waitingFirstPaint = false;
        window->installEventFilter(new AfterFirstPaint(
            [this] {
                if (m_reportFirstPaint)
                    report("first window painted");
                loadTasks();
            },
            this));
    }
}

void Application::loadTasks()
{
    if (!m_replica->isLoaded() && !m_replica->isLoading())
        m_feed->load();
}

void Application::startTray()
{
    if (!TrayIcon::isAvailable()) {
        qCInfo(lcDesktop) << "no system tray: closing the last window quits";
        return;
    }
    m_tray = std::make_unique<TrayIcon>(*m_windows);
    applySettings();
}

void Application::applySettings()
{
    const AppSettings settings;
    m_windows->setKeepRunning(m_tray && settings.value(Settings::keepRunningInTray));
    if (m_reminders) {
        m_reminders->setEnabled(settings.value(Settings::remindersEnabled));
        m_reminders->setLeadMinutes(settings.value(Settings::reminderLeadMinutes));
    }
}

void Application::startReminders()
{
    m_reminders = std::make_unique<ReminderScheduler>(m_host.tasks(), m_host.owner().id);
    applySettings();
#ifdef TANDEM_HAVE_DBUS_NOTIFICATIONS
    if (DBusNotifier::isAvailable(QDBusConnection::sessionBus()))
        m_notifier = std::make_unique<DBusNotifier>(QDBusConnection::sessionBus());
#endif
    if (!m_notifier && m_tray)
        m_notifier = std::make_unique<TrayNotifier>(m_tray->icon());
    if (!m_notifier) {
        qCWarning(lcDesktop) << "reminders are off: no notification service and no system tray";
        return;
    }
    m_presenter = std::make_unique<ReminderPresenter>(*m_reminders, *m_notifier);
    connect(m_presenter.get(), &ReminderPresenter::taskOpened, m_windows.get(), &WindowSet::openTask);
    TaskService &tasks = m_host.tasks();
    const QUuid owner = m_host.owner().id;
    m_runner->run(
        m_reminders.get(), [&tasks, owner] { return tasks.query(owner, ReminderScheduler::openTasksQuery()); },
        [this](const Result<TaskList> &open) {
            if (!open) {
                qCWarning(lcDesktop) << "reminders are off: cannot read the tasks:" << open.error().message;
                return;
            }
            m_reminders->reset(open->tasks);
        });
}

void Application::setSyncStatus(const QString &text, bool running)
{
    m_syncText = text;
    m_syncRunning = running;
    if (!m_windows)
        return;
    const auto windows = m_windows->windows();
    for (MainWindow *window : windows) {
        window->setSyncStatus(text, running);
        window->setServerUrl(m_serverUrl);
    }
}

void Application::connectSettings()
{
    connect(&m_host, &Host::keychainConsentNeeded, this, &Application::explainKeychain);
}

void Application::explainKeychain()
{
    const QList<MainWindow *> windows = m_windows ? m_windows->windows() : QList<MainWindow *>();
    MainWindow *window = windows.isEmpty() ? nullptr : windows.last(); // the one used last
    if (!window || m_explainingKeychain)
        return;
    m_explainingKeychain = true;
    keychainconsent::ask(window, this, [this](bool granted) {
        m_explainingKeychain = false;
        if (granted)
            m_host.reloadAssistant(); // now with the key from the keychain
    });
}

void Application::restartServer()
{
    if (auto started = m_host.restartServer(); !started) {
        m_serverUrl.clear();
        setSyncStatus(tr("Sync is off: %1").arg(started.error().message), false);
    }
}

} // namespace tandem
