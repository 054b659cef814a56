#include "syncfixture.h"

#include "assistant/assistantservice.h"

#include "auth/accountservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "sync/synccontext.h"
#include "sync/syncserver.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QWebSocket>

#include <algorithm>

namespace tandem::test {

sync::ServerOptions SyncFixture::fastServerOptions()
{
    sync::ServerOptions options;
    options.bindAddress = QHostAddress::LocalHost;
    options.port = 0;
    options.headerTimeoutMs = 2'000;
    options.authTimeoutMs = 2'000;
    options.pingIntervalMs = 250;
    options.silenceTimeoutMs = 3'000;
    options.pollIntervalMs = 200;
    return options;
}

sync::SyncClient::Options SyncFixture::fastClientOptions(quint32 seed, const QString &outboxPath)
{
    sync::SyncClient::Options options;
    options.outboxPath = outboxPath;
    options.backoffBase = std::chrono::milliseconds(20);
    options.backoffCap = std::chrono::milliseconds(300);
    options.stablePeriod = std::chrono::milliseconds(2'000);
    options.pingInterval = std::chrono::milliseconds(200);
    options.silenceTimeout = std::chrono::milliseconds(1'500);
    auto generator = std::make_shared<QRandomGenerator>(seed);
    options.random = [generator] {
        return generator->generateDouble();
    };
    return options;
}

std::unique_ptr<SyncFixture> SyncFixture::create(QString *error, sync::ServerOptions options)
{
    std::unique_ptr<SyncFixture> fixture(new SyncFixture);
    fixture->m_options = std::move(options);
    fixture->m_database = TestDatabase::create(engineUnderTest(), error);
    if (!fixture->m_database)
        return nullptr;
    auto store = fixture->m_database->open();
    if (!store) {
        *error = QStringLiteral("cannot open the test store: ") + store.error().toString();
        return nullptr;
    }
    fixture->m_store = std::move(store).value();
    fixture->m_tasks = std::make_unique<TaskService>(*fixture->m_store);
    fixture->m_chats = std::make_unique<ChatService>(*fixture->m_store);
    fixture->m_accounts = std::make_unique<AccountService>(*fixture->m_store);
    auto owner = fixture->m_accounts->ensureLocalOwner(QStringLiteral("owner"));
    if (!owner) {
        *error = QStringLiteral("cannot create the local owner: ") + owner.error().toString();
        return nullptr;
    }
    fixture->m_owner = owner.value();
    // A fixed test key: tokens only have to verify within this process.
    fixture->m_auth
        = std::make_unique<AuthService>(*fixture->m_store, *fixture->m_accounts, signingKey(), AuthService::Options{});
    fixture->m_assistant = std::make_unique<assistant::AssistantService>(
        *fixture->m_store, *fixture->m_tasks, *fixture->m_chats,
        [raw = fixture.get()] { return raw->m_now.isValid() ? raw->m_now : QDateTime::currentDateTimeUtc(); });
    if (auto started = fixture->startServer(fixture->m_options.port); !started) {
        *error = QStringLiteral("cannot start the sync server: ") + started.error().toString();
        return nullptr;
    }
    return fixture;
}

std::unique_ptr<SyncFixture> SyncFixture::createWithUser(const QString &username, AuthToken *user, QString *error,
                                                         sync::ServerOptions options)
{
    auto fixture = create(error, std::move(options));
    if (!fixture)
        return nullptr;
    auto registered = fixture->registerUser(username);
    if (!registered) {
        *error = QStringLiteral("cannot register %1: ").arg(username) + registered.error().toString();
        return nullptr;
    }
    *user = registered.value();
    return fixture;
}

SyncFixture::~SyncFixture()
{
    // Connections first, then the services they use, then the database.
    m_server.reset();
    m_assistant.reset();
    m_auth.reset();
}

Result<void> SyncFixture::startServer(quint16 port)
{
    sync::ServerOptions options = m_options;
    options.port = port;
    m_server = std::make_unique<sync::SyncServer>(
        sync::SyncContext{*m_store, *m_tasks, *m_chats, *m_accounts, *m_auth, m_owner.id, m_assistant.get()}, options);
    if (auto listening = m_server->listen(); !listening) {
        m_server.reset();
        return listening.error();
    }
    m_port = m_server->port();
    return {};
}

Result<QList<Task>> SyncFixture::serverTasks(const QUuid &ownerId)
{
    auto snapshot = m_store->snapshot(ownerId);
    if (!snapshot)
        return snapshot.error();
    QList<Task> tasks = snapshot->tasks;
    std::sort(tasks.begin(), tasks.end(), [](const Task &a, const Task &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id.toString() < b.id.toString();
    });
    return tasks;
}

Result<QList<Change>> SyncFixture::changeLog(const QUuid &ownerId)
{
    QList<Change> changes;
    qint64 since = 0;
    for (;;) {
        auto batch = m_store->changesSince(ownerId, since, 1000);
        if (!batch)
            return batch.error();
        if (batch->truncated)
            return Error::storage(QStringLiteral("the change log was compacted"));
        changes += batch->changes;
        if (!batch->more || batch->changes.isEmpty())
            return changes;
        since = batch->changes.constLast().seq;
    }
}

void SyncFixture::stopServer()
{
    m_server.reset();
}

Result<void> SyncFixture::restartServer()
{
    if (m_server)
        return {};
    return startServer(m_port);
}

quint16 SyncFixture::port() const
{
    return m_port;
}

QUrl SyncFixture::httpUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl SyncFixture::webSocketUrl() const
{
    return webSocketUrl(m_port);
}

QUrl SyncFixture::webSocketUrl(quint16 port)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
}

QString SyncFixture::defaultPassword()
{
    return QStringLiteral("correct horse battery staple");
}

QByteArray SyncFixture::signingKey()
{
    return QByteArray(32, 'k');
}

Result<AuthToken> SyncFixture::registerUser(const QString &username)
{
    return registerUser(username, defaultPassword());
}

Result<AuthToken> SyncFixture::registerUser(const QString &username, const QString &password)
{
    std::optional<Result<AuthToken>> outcome;
    QObject context;
    m_auth->registerUser(username, password, {}, QStringLiteral("127.0.0.1"), &context,
                         [&outcome](Result<AuthToken> result) { outcome = std::move(result); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30'000))
        return Error::storage(QStringLiteral("registering %1 took longer than 30 s").arg(username));
    return std::move(*outcome);
}

RawWsClient::RawWsClient(QObject *parent)
    : QObject(parent)
{ }

RawWsClient::~RawWsClient()
{
    if (m_socket)
        m_socket->disconnect(this);
}

bool RawWsClient::open(const QUrl &url, const QString &token, int timeoutMs)
{
    m_socket = std::make_unique<QWebSocket>();
    m_received.clear();
    m_closeCode = -1;
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        m_received.append(message);
        Q_EMIT messageReceived(message);
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        m_closeCode = int(m_socket->closeCode());
        Q_EMIT disconnected();
    });
    m_socket->open(url);
    if (!QTest::qWaitFor([this] { return m_socket->state() == QAbstractSocket::ConnectedState; }, timeoutMs))
        return false;
    if (token.isEmpty())
        return true;
    sendJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), token}}}});
    return waitForType(QStringLiteral("welcome"), timeoutMs).has_value();
}

void RawWsClient::close()
{
    if (m_socket)
        m_socket->close();
}

bool RawWsClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawWsClient::sendJson(const QJsonObject &message)
{
    sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void RawWsClient::sendText(const QString &text)
{
    if (m_socket)
        m_socket->sendTextMessage(text);
}

std::optional<QJsonObject> RawWsClient::waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs,
                                                qsizetype from, qsizetype *index)
{
    std::optional<QJsonObject> found;
    (void)QTest::qWaitFor(
        [&] {
            for (qsizetype i = from; i < m_received.size(); ++i) {
                if (match(m_received.at(i))) {
                    found = m_received.at(i);
                    if (index)
                        *index = i;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

std::optional<QJsonObject> RawWsClient::waitForType(const QString &type, int timeoutMs, qsizetype from)
{
    return waitFor([&type](const QJsonObject &message) { return message.value(QStringLiteral("type")) == type; },
                   timeoutMs, from);
}

} // namespace tandem::test
