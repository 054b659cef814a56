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
#include <functional>

namespace tandem {

namespace {

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
    m_window = std::make_unique<MainWindow>(m_host.tasks(), *m_replica, m_host.chats(), m_host.accounts(),
                                            *m_assistant, *m_runner, m_host.owner(),
                                            m_host.store().config().describe());
    connect(m_window.get(), &MainWindow::serverSettingsChanged, this, &Application::restartServer);
    connect(m_window.get(), &MainWindow::assistantSettingsChanged, this, &Application::restartServer);
    const bool reporting = qEnvironmentVariableIsSet("TANDEM_REPORT_FIRST_PAINT");
    if (reporting) {
        connect(m_replica.get(), &TaskReplica::loadingChanged, this, [](bool loading) {
            if (!loading)
                report("tasks loaded");
        });
    }
    // The window paints first (it says "Loading tasks…"), then the tasks load
    // on the feed's worker, which would otherwise compete with the first frame.
    const auto load = [this] {
        if (!m_replica->isLoaded() && !m_replica->isLoading())
            m_feed->load();
    };
    m_window->installEventFilter(new AfterFirstPaint(
        [reporting, load] {
            if (reporting)
                report("first window painted");
            load();
        },
        this));
    QTimer::singleShot(loadAnywayMs, this, load);
    m_window->show();
    return {};
}

void Application::restartServer()
{
    if (auto started = m_host.restartServer(); !started && m_window)
        m_window->setSyncStatus(tr("Sync is off: %1").arg(started.error().message), false);
}

} // namespace tandem
