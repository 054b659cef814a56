#pragma once

#include "auth/authservice.h"
#include "domain/result.h"
#include "sync/serveroptions.h"
#include "sync/syncclient.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QWebSocket;

namespace tandem {

namespace assistant {
class AssistantService;
}
class AccountService;
class ChatService;
class Store;
class TaskService;
namespace sync {
class SyncServer;
}
} // namespace tandem

namespace tandem::test {

// A whole sync server in the test's process: a fresh database for the engine
// under test, the services, an AuthService and a SyncServer listening on
// 127.0.0.1 on a free port, with timers short enough for tests.
class SyncFixture final
{
public:
    // Heartbeats every 250 ms, silent peers dropped after 3 s, auth within 2 s.
    static sync::ServerOptions fastServerOptions();

    // Reconnects within 20-300 ms, pings every 200 ms and gives a connection
    // up after 1.5 s of silence; the jitter comes from a generator seeded
    // with `seed`.
    static sync::SyncClient::Options fastClientOptions(quint32 seed = 1, const QString &outboxPath = {});

    // On failure returns nullptr and sets `error`.
    static std::unique_ptr<SyncFixture> create(QString *error, sync::ServerOptions options = fastServerOptions());
    // create() and registerUser(`username`) in one: the user's token in `user`;
    // nullptr (and `error`) when either fails.
    static std::unique_ptr<SyncFixture> createWithUser(const QString &username, AuthToken *user, QString *error,
                                                       sync::ServerOptions options = fastServerOptions());
    ~SyncFixture();
    Q_DISABLE_COPY_MOVE(SyncFixture)

    Store &store() { return *m_store; }
    TaskService &tasks() { return *m_tasks; }
    ChatService &chats() { return *m_chats; }
    AccountService &accounts() { return *m_accounts; }
    AuthService &auth() { return *m_auth; }
    assistant::AssistantService &assistant() { return *m_assistant; }
    sync::SyncServer &server() { return *m_server; }
    TestDatabase &database() { return *m_database; }

    quint16 port() const;
    QUrl httpUrl() const; // http://127.0.0.1:PORT
    QUrl webSocketUrl() const; // ws://127.0.0.1:PORT/ws
    // The same URL pointed at another port (a proxy in front of the server).
    static QUrl webSocketUrl(quint16 port);

    // Registers a user through AuthService and returns the signed-in token,
    // running the event loop until the (hashing) registration finishes.
    Result<AuthToken> registerUser(const QString &username);
    Result<AuthToken> registerUser(const QString &username, const QString &password);
    // The password registerUser(username) gives.
    static QString defaultPassword();
    // The key the fixture's AuthService signs with, for forging tokens.
    static QByteArray signingKey();
    // The desktop's own account ("owner", without a password), as the app
    // makes it: the server's local owner, the one that may issue invites.
    const User &localOwner() const { return m_owner; }

    // The owner's live tasks as the server has them, in SyncClient::tasks() order.
    Result<QList<Task>> serverTasks(const QUuid &ownerId);
    // The owner's whole change log, paging through it.
    Result<QList<Change>> changeLog(const QUuid &ownerId);

    // Pins the assistant's "now" (and so REST quick-add's) to `instant`;
    // an invalid instant goes back to the wall clock.
    void setNow(const QDateTime &instant) { m_now = instant; }

    // Stops listening and drops every connection (clients see the server go);
    // listen() again on the same port brings it back.
    void stopServer();
    Result<void> restartServer();

private:
    SyncFixture() = default;
    Result<void> startServer(quint16 port);

    sync::ServerOptions m_options;
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<assistant::AssistantService> m_assistant;
    std::unique_ptr<sync::SyncServer> m_server;
    quint16 m_port = 0;
    User m_owner;
    QDateTime m_now;
};

// A bare WebSocket client for protocol-level tests: it sends exactly what it
// is told and records every text message it receives, decoded.
class RawWsClient final : public QObject
{
    Q_OBJECT

public:
    explicit RawWsClient(QObject *parent = nullptr);
    ~RawWsClient() override;
    Q_DISABLE_COPY_MOVE(RawWsClient)

    // Opens the socket and, with a token, authenticates; true once the
    // welcome arrived (or, without a token, once the socket is open).
    bool open(const QUrl &url, const QString &token = {}, int timeoutMs = 5000);
    void close();
    bool isConnected() const;

    void sendJson(const QJsonObject &message);
    void sendText(const QString &text);

    // Every message received so far, in order.
    const QList<QJsonObject> &received() const { return m_received; }
    // The first message from `from` on (an index into received()) that
    // matches, waiting up to `timeoutMs`; its index in `index` when given.
    std::optional<QJsonObject> waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 5000,
                                       qsizetype from = 0, qsizetype *index = nullptr);
    std::optional<QJsonObject> waitForType(const QString &type, int timeoutMs = 5000, qsizetype from = 0);

    int closeCode() const { return m_closeCode; }

Q_SIGNALS:
    void messageReceived(const QJsonObject &message);
    void disconnected();

private:
    std::unique_ptr<QWebSocket> m_socket;
    QList<QJsonObject> m_received;
    int m_closeCode = -1;
};

} // namespace tandem::test
