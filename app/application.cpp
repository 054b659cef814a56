#include "application.h"

#include "common/backgroundrunner.h"
#include "mainwindow/mainwindow.h"
#include "services/accountservice.h"
#include "services/chatservice.h"
#include "services/maintenance.h"
#include "services/taskservice.h"
#include "signalwatcher.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <cstdio>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcApp, "tandem.app")
}

Result<StoreConfig> resolveStoreConfig(const LaunchOptions &options)
{
    if (!options.databaseUrl.isEmpty())
        return parseDatabaseUrl(options.databaseUrl);
    if (!options.dataDir.isEmpty())
        return StoreConfig::sqliteFile(sqliteFileInDirectory(QDir(options.dataDir).absolutePath()));

    const QSettings settings;
    const QVariant configured = settings.value(QStringLiteral("database/url"));
    if (configured.isValid() && !configured.toString().trimmed().isEmpty()) {
        const QString where = QDir::toNativeSeparators(settings.fileName());
        auto config = parseDatabaseUrl(configured.toString());
        if (!config)
            return Error::validation(QStringLiteral("database/url"),
                                     QStringLiteral("the setting database/url in %1 is invalid: %2; fix or remove it")
                                         .arg(where, config.error().message));
        if (!config->password.isEmpty())
            return Error::validation(QStringLiteral("database/url"),
                                     QStringLiteral("the setting database/url in %1 contains a password; remove it "
                                                    "and keep the password in ~/.pgpass or PGPASSWORD instead")
                                         .arg(where));
        return config;
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        return Error::storage(
            QStringLiteral("this system reports no folder for application data; pass --data-dir DIR"));
    return StoreConfig::sqliteFile(sqliteFileInDirectory(dir));
}

Application::Application(const LaunchOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{ }

Application::~Application()
{
    // The window and the worker go first: they use the services and the store.
    m_window.reset();
    m_runner.reset();
}

Result<void> Application::start()
{
    auto config = resolveStoreConfig(m_options);
    if (!config)
        return config.error();
    auto store = Store::open(config.value());
    if (!store)
        return store.error();
    m_store = std::move(store).value();

    m_tasks = std::make_unique<TaskService>(*m_store);
    m_chats = std::make_unique<ChatService>(*m_store);
    m_accounts = std::make_unique<AccountService>(*m_store);
    auto owner = m_accounts->ensureLocalOwner(systemAccountName());
    if (!owner)
        return owner.error();
    m_owner = owner.value();

    m_maintenance = std::make_unique<Maintenance>(*m_store);
    m_maintenance->start();

    m_signals = std::make_unique<SignalWatcher>();
    connect(m_signals.get(), &SignalWatcher::terminationRequested, this, &Application::stop);

    if (m_options.headless) {
        const StoreConfig &where = m_store->config();
        std::fprintf(stderr, "Tandem is running headless for %s on the %s. Press Ctrl+C to stop.\n",
                     qPrintable(m_owner.username), qPrintable(where.describe()));
        std::fflush(stderr);
        return {};
    }

    m_runner = std::make_unique<BackgroundRunner>();
    m_window = std::make_unique<MainWindow>(*m_tasks, *m_runner, m_owner, m_store->config().describe());
    m_window->show();
    return {};
}

void Application::stop(int signalNumber)
{
    qCInfo(lcApp) << "stopping on signal" << signalNumber;
    if (m_window)
        m_window->close();
    QCoreApplication::quit();
}

} // namespace tandem
