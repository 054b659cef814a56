#include "application.h"

#include "chat/assistantbridge.h"
#include "common/backgroundrunner.h"
#include "host.h"
#include "mainwindow/mainwindow.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "store/store.h"
#include "synchost.h"

#include <QDateTime>
#include <QEvent>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace tandem {

namespace {

// Opt-in, for bench/web and bench/ui: with TANDEM_REPORT_FIRST_PAINT set, prints one line on
// stdout once the window's first paint has been handled, with the wall clock
// in milliseconds since the epoch; the benchmark subtracts the time it started
// the process. The app then runs on as usual.
class FirstPaintReporter final : public QObject
{
public:
    using QObject::QObject;
    Q_DISABLE_COPY_MOVE(FirstPaintReporter)

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stdout, "Tandem first window painted at %lld\n",
                             static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
                std::fflush(stdout);
                deleteLater();
            });
        }
        return false;
    }
};

} // namespace

Application::Application(Host &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
{ }

Application::~Application()
{
    // The window and the worker go first: they use the services and the store.
    m_window.reset();
    m_feed.reset();
    m_replica.reset();
    m_runner.reset();
}

void Application::attach()
{
    m_assistant = std::make_unique<AssistantBridge>(m_host.owner().id);
    connect(&m_host, &Host::serverStarted, this,
            [this](SyncHost *sync) { m_assistant->attach(sync, [sync] { return sync->assistant(); }); });
    connect(&m_host, &Host::serverStopping, this, [this] { m_assistant->detach(); });
    connect(&m_host, &Host::listening, this, [this](const QString &url) {
        if (m_window) {
            m_window->setSyncStatus(tr("Sync server on %1").arg(url), true);
            m_window->setServerUrl(QUrl(url));
        }
    });
    connect(&m_host, &Host::serverFailed, this, [this](const Error &error) {
        // The desktop keeps working on its own data; it only says why others cannot connect.
        if (m_window)
            m_window->setSyncStatus(tr("Sync is off: %1").arg(error.message), false);
    });
    connect(&m_host, &Host::terminating, this, [this] {
        if (m_window)
            m_window->close();
    });
}

Result<void> Application::show()
{
    m_runner = std::make_unique<BackgroundRunner>();
    m_replica = std::make_unique<TaskReplica>();
    m_feed = std::make_unique<TaskReplicaFeed>(m_host.tasks(), *m_replica, m_host.owner().id);
    m_feed->load();
    m_window = std::make_unique<MainWindow>(m_host.tasks(), *m_replica, m_host.chats(), m_host.accounts(),
                                            *m_assistant, *m_runner, m_host.owner(),
                                            m_host.store().config().describe());
    connect(m_window.get(), &MainWindow::serverSettingsChanged, this, &Application::restartServer);
    connect(m_window.get(), &MainWindow::assistantSettingsChanged, this, &Application::restartServer);
    if (qEnvironmentVariableIsSet("TANDEM_REPORT_FIRST_PAINT")) {
        m_window->installEventFilter(new FirstPaintReporter(this));
        // And when the tasks are in memory (bench/ui), which the first paint does not wait for.
        connect(m_replica.get(), &TaskReplica::loadingChanged, this, [](bool loading) {
            if (loading)
                return;
            std::fprintf(stdout, "Tandem tasks loaded at %lld\n",
                         static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
            std::fflush(stdout);
        });
    }
    m_window->show();
    return {};
}

void Application::restartServer()
{
    if (auto started = m_host.restartServer(); !started && m_window)
        m_window->setSyncStatus(tr("Sync is off: %1").arg(started.error().message), false);
}

} // namespace tandem
