#include "host.h"

#include "domain/settingsschema.h"

#include "auth/accountservice.h"
#include "services/chatservice.h"
#include "services/maintenance.h"
#include "services/taskservice.h"
#include "signalwatcher.h"
#include "store/store.h"
#include "sync/serveroptions.h"
#include "synchost.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

#include <cstdio>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcApp, "tandem.app")

// An address phones on the network can reach, for the --lan banner.
QString lanAddress()
{
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() && !address.isLinkLocal())
            return address.toString();
    }
    return QStringLiteral("127.0.0.1");
}
} // namespace

Result<StoreConfig> resolveStoreConfig(const LaunchOptions &options)
{
    if (!options.databaseUrl.isEmpty())
        return parseDatabaseUrl(options.databaseUrl);
    if (!options.dataDir.isEmpty())
        return StoreConfig::sqliteFile(sqliteFileInDirectory(QDir(options.dataDir).absolutePath()));

    const AppSettings settings;
    const QString configured = settings.value(Settings::databaseUrl);
    if (!configured.trimmed().isEmpty()) {
        const QString where = settings.fileName();
        auto config = parseDatabaseUrl(configured);
        if (!config)
            return Error::validation(Settings::databaseUrl.key(),
                                     QStringLiteral("the setting database/url in %1 is invalid: %2; fix or remove it")
                                         .arg(where, config.error().message));
        if (!config->password.isEmpty())
            return Error::validation(Settings::databaseUrl.key(),
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

Result<sync::ServerOptions> resolveServerOptions(const LaunchOptions &options)
{
    sync::ServerOptions server;
    const AppSettings settings;
    const QString where = settings.fileName();
    if (options.port) {
        server.port = *options.port;
    } else if (settings.contains(Settings::serverPort)) {
        const auto port = settings.read(Settings::serverPort);
        if (!port || *port < 0 || *port > 65535)
            return Error::validation(
                Settings::serverPort.key(),
                QStringLiteral("the setting server/port in %1 must be a number from 0 to 65535").arg(where));
        server.port = quint16(*port);
    }
    if (!options.bindAddress.isEmpty())
        server.bindAddress = QHostAddress(options.bindAddress);
    server.lan = options.lan || (options.bindAddress.isEmpty() && settings.value(Settings::serverLan));
    if (options.tls)
        server.tls = *options.tls;
    const QStringList origins = settings.value(Settings::serverAllowedOrigins);
    for (const QString &origin : origins) {
        if (!sync::isOrigin(origin))
            return Error::validation(Settings::serverAllowedOrigins.key(),
                                     QStringLiteral("the setting server/allowedOrigins in %1 holds \"%2\", which is "
                                                    "not an origin like https://tasks.example:8443")
                                         .arg(where, origin));
        server.allowedOrigins.append(origin.trimmed());
    }
    return server;
}

Host::Host(const LaunchOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_syncThread.setObjectName(QStringLiteral("tandem-sync"));
    // From the start: a SIGTERM while the store opens still ends the process cleanly
    // once the event loop runs.
    m_signals = std::make_unique<SignalWatcher>();
    connect(m_signals.get(), &SignalWatcher::terminationRequested, this, [this](int signalNumber) {
        qCInfo(lcApp) << "stopping on signal" << signalNumber;
        Q_EMIT terminating();
        QCoreApplication::quit();
    });
}

Host::~Host()
{
    stopServer();
}

Result<void> Host::open()
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
    return {};
}

Result<QString> Host::issueInvite()
{
    return m_accounts->issueInvite(m_owner.id);
}

Result<void> Host::setPassword(const QString &password)
{
    return m_accounts->setPassword(m_owner.id, password);
}

Result<void> Host::start()
{
    m_maintenance = std::make_unique<Maintenance>(*m_store);
    m_maintenance->start();

    if (auto started = startServer(); !started)
        return started;
    if (m_options.headless) {
        std::fprintf(stderr, "Tandem is running headless for %s on the %s. Press Ctrl+C to stop.\n",
                     qPrintable(m_owner.username), qPrintable(m_store->config().describe()));
        std::fflush(stderr);
    }
    return {};
}

Result<void> Host::startServer()
{
    auto serverOptions = resolveServerOptions(m_options);
    if (!serverOptions)
        return serverOptions.error();
    m_serverOptions = serverOptions.value();
    const StoreConfig &where = m_store->config();
    const QString keyDirectory = where.engine == StoreEngine::Sqlite
        ? QFileInfo(where.sqlitePath).absolutePath()
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_sync = std::make_unique<SyncHost>(*m_store, *m_tasks, *m_chats, *m_accounts, m_owner.id, m_serverOptions,
                                        keyDirectory, !m_options.headless);
    m_sync->moveToThread(&m_syncThread);
    connect(m_sync.get(), &SyncHost::listening, this, &Host::onListening);
    connect(m_sync.get(), &SyncHost::failed, this, &Host::onServerFailed);
    connect(m_sync.get(), &SyncHost::restarted, this, &Host::serverRestarted);
    connect(m_sync.get(), &SyncHost::assistantEngineChanged, this, &Host::assistantReloaded);
    connect(m_sync.get(), &SyncHost::keychainConsentNeeded, this, &Host::keychainConsentNeeded);
    Q_EMIT serverStarted(m_sync.get());
    m_syncThread.start();
    QMetaObject::invokeMethod(m_sync.get(), &SyncHost::start, Qt::QueuedConnection);
    return {};
}

void Host::stopServer()
{
    if (!m_sync)
        return;
    Q_EMIT serverStopping(m_sync.get());
    if (m_syncThread.isRunning())
        QMetaObject::invokeMethod(m_sync.get(), &SyncHost::stop, Qt::BlockingQueuedConnection);
    m_syncThread.quit();
    m_syncThread.wait();
    m_sync.reset();
}

Result<void> Host::restartServer()
{
    if (!m_sync)
        return startServer();
    auto serverOptions = resolveServerOptions(m_options);
    if (!serverOptions)
        return serverOptions.error();
    m_serverOptions = serverOptions.value();
    // Queued: the sync thread closes the connections and listens again while the GUI goes on.
    QMetaObject::invokeMethod(
        m_sync.get(), [sync = m_sync.get(), options = m_serverOptions] { sync->restart(options); },
        Qt::QueuedConnection);
    return {};
}

void Host::reloadAssistant()
{
    if (m_sync)
        QMetaObject::invokeMethod(m_sync.get(), &SyncHost::reloadAssistantEngine, Qt::QueuedConnection);
}

void Host::onListening(const QString &url, const QString &keyKeptIn)
{
    qCInfo(lcApp) << "sync server on" << url << "; token signing key in" << keyKeptIn;
    QString shown = url;
    if (m_serverOptions.lan)
        shown = QStringLiteral("%1://%2:%3").arg(QUrl(url).scheme(), lanAddress()).arg(QUrl(url).port());
    if (m_options.headless) {
        // Exactly one line on stdout: scripts wait for it.
        std::fprintf(stdout, "Tandem listening on %s\n", qPrintable(shown));
        std::fflush(stdout);
    }
    Q_EMIT listening(shown);
}

void Host::onServerFailed(const Error &error)
{
    if (m_options.headless) {
        std::fprintf(stderr, "tandem: %s\n", qPrintable(error.message));
        std::fflush(stderr);
        QCoreApplication::exit(ExitCode::Failure);
        return;
    }
    Q_EMIT serverFailed(error);
}

} // namespace tandem
