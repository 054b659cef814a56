#include "syncclient.h"

#include "clientprotocol.h"
#include "domain/json.h"
#include "store/outboxstore.h"
#include "syncclientlog.h"

#include <QNetworkRequest>
#include <QWebSocket>

#include <algorithm>
#include <cmath>

namespace tandem::sync {

namespace detail {
Q_LOGGING_CATEGORY(lcClient, "tandem.sync.client")
}

using detail::lcClient;

namespace {

constexpr int policyCloseCode = 1008;

QUrl webSocketUrl(const QUrl &serverUrl)
{
    QUrl url = serverUrl;
    if (url.scheme() == u"http")
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == u"https")
        url.setScheme(QStringLiteral("wss"));
    if (url.path().isEmpty() || url.path() == u"/")
        url.setPath(QStringLiteral("/ws"));
    return url;
}

QString pendingText(int count)
{
    return count == 1 ? QStringLiteral("1 pending change") : QStringLiteral("%1 pending changes").arg(count);
}

} // namespace

Result<std::unique_ptr<SyncClient>> SyncClient::create(Options options)
{
    std::unique_ptr<SyncClient> client(new SyncClient(std::move(options)));
    if (auto loaded = client->loadOutbox(); !loaded)
        return loaded.error();
    return client;
}

SyncClient::SyncClient(Options options)
    : m_options(std::move(options))
    , m_backoff(m_options.backoffBase, m_options.backoffCap, m_options.random)
    , m_reconnectTimer(this)
    , m_silenceTimer(this)
    , m_pingTimer(this)
    , m_stableTimer(this)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SyncClient::openSocket);
    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this,
            [this] { dropConnection(QStringLiteral("heard nothing from the server")); });
    connect(&m_pingTimer, &QTimer::timeout, this, [this] { send(encodePing()); });
    m_stableTimer.setSingleShot(true);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });
}

SyncClient::~SyncClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

// ---- connection -------------------------------------------------------------

void SyncClient::start(const QUrl &serverUrl, const QString &token)
{
    if (m_running)
        stop();
    m_url = webSocketUrl(serverUrl);
    m_token = token;
    m_running = true;
    m_backoff.reset();
    openSocket();
}

void SyncClient::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    discardSocket();
    setState(State::Offline);
}

void SyncClient::openSocket()
{
    if (!m_running)
        return;
    discardSocket();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, &SyncClient::onConnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &SyncClient::onText);
    connect(socket, &QWebSocket::pong, this, &SyncClient::hearFromServer);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketGone(socket); });
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError error) {
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError error) {
#endif
        qCInfo(lcClient) << "socket error" << error << socket->errorString();
        // A refused or failed connect may never report disconnected().
        if (socket->state() == QAbstractSocket::UnconnectedState)
            onSocketGone(socket);
    });
    setState(State::Connecting);
    // Covers the TCP connect, the handshake and the welcome.
    m_silenceTimer.start(m_options.silenceTimeout);
    qCInfo(lcClient) << "connecting to" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    socket->open(QNetworkRequest(m_url));
}

void SyncClient::onConnected()
{
    hearFromServer();
    // The token goes in the first message, not the URL, so it stays out of logs.
    send(encodeAuth(m_token));
}

void SyncClient::hearFromServer()
{
    if (m_socket)
        m_silenceTimer.start(m_options.silenceTimeout);
}

void SyncClient::send(const QString &text)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->sendTextMessage(text);
}

void SyncClient::dropConnection(const QString &why)
{
    if (!m_socket)
        return;
    qCInfo(lcClient) << "dropping the connection:" << why;
    onSocketGone(m_socket);
}

void SyncClient::discardSocket()
{
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_silenceTimer.stop();
    m_pingTimer.stop();
    m_stableTimer.stop();
    m_welcomed = false;
    m_syncing = false;
    m_caughtUp = false;
    m_buffered.clear(); // fetched again from the log after the next welcome
    for (PendingOp &op : m_outbox)
        op.sent = false;
}

void SyncClient::onSocketGone(QWebSocket *socket)
{
    if (socket != m_socket)
        return; // an earlier attempt's late signal
    const auto closeCode = socket->closeCode();
    const QString closeReason = socket->closeReason();
    const bool wasWelcomed = m_welcomed;
    discardSocket();
    if (!m_running) {
        setState(State::Offline);
        return;
    }
    // 1008 before the welcome is a refused token, unless our auth message
    // merely arrived too late (the server says so in the reason).
    if (int(closeCode) == policyCloseCode && !wasWelcomed && !closeReason.contains(u"timed out")) {
        qCWarning(lcClient) << "the server refused the token:" << closeReason;
        m_running = false;
        setState(State::Offline);
        Q_EMIT authenticationFailed(Error::unauthorized(
            closeReason.isEmpty() ? QStringLiteral("the server refused the sign-in token") : closeReason,
            QStringLiteral("invalid_token")));
        return;
    }
    qCInfo(lcClient) << "connection lost" << int(closeCode) << closeReason;
    scheduleReconnect();
}

void SyncClient::scheduleReconnect()
{
    const auto delay = m_backoff.next();
    m_reconnectDeadline.setRemainingTime(delay);
    m_reconnectTimer.start(delay);
    setState(State::Reconnecting);
    Q_EMIT reconnectScheduled(qint64(delay.count()), m_backoff.attempt());
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

int SyncClient::reconnectInSeconds() const
{
    if (m_state != State::Reconnecting || !m_reconnectTimer.isActive())
        return 0;
    return int(std::ceil(double(std::max<qint64>(0, m_reconnectDeadline.remainingTime())) / 1000.0));
}

QString SyncClient::statusText() const
{
    const int pending = pendingCount();
    switch (m_state) {
    case State::Connected:
        return QStringLiteral("connected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Reconnecting: {
        const QString text = QStringLiteral("reconnecting in %1 s").arg(reconnectInSeconds());
        return pending == 0 ? text : text + QStringLiteral(" with ") + pendingText(pending);
    }
    case State::Offline:
        break;
    }
    return pending == 0 ? QStringLiteral("offline") : QStringLiteral("offline with ") + pendingText(pending);
}

// ---- messages ---------------------------------------------------------------

void SyncClient::onText(const QString &text)
{
    hearFromServer();
    auto message = decodeServerMessage(text);
    if (!message) {
        qCWarning(lcClient) << "ignoring a malformed server message:" << message.error().toString();
        return;
    }
    const QString &type = message->type;
    if (!m_welcomed) {
        if (type == u"welcome")
            onWelcome(message.value());
        else
            qCInfo(lcClient) << "ignoring" << type << "before the welcome";
        return;
    }
    if (type == u"ack") {
        onAck(message.value());
    } else if (type == u"error") {
        onError(message.value());
    } else if (type == u"sync_response") {
        onSyncResponse(message.value());
    } else if (type == u"heartbeat") {
        onHeartbeat(message.value());
    } else if (type == u"pong" || type == u"welcome") {
        // Liveness only.
    } else if (message->seq) {
        // An event. One that does not decode still takes its seq, so the
        // replica moves on instead of asking for it forever.
        auto change = changeFromEvent(message.value());
        if (!change && change.error().reason != u"unknown_type")
            qCWarning(lcClient) << "skipping event" << *message->seq << type << change.error().toString();
        receiveEvent(*message->seq, change ? std::optional<Change>(std::move(change).value()) : std::nullopt);
    } else {
        qCInfo(lcClient) << "ignoring a message of unknown type" << type;
    }
}

void SyncClient::onWelcome(const ServerMessage &message)
{
    const QJsonValue user = message.data.value(QStringLiteral("userId"));
    const auto userId = user.isString() ? uuidFromText(user.toString()) : std::nullopt;
    if (!userId) {
        dropConnection(QStringLiteral("the welcome names no user"));
        return;
    }
    m_welcomed = true;
    if (!m_userId.isNull() && *userId != m_userId) {
        // Another account: nothing we hold is theirs.
        qCInfo(lcClient) << "signed in as another user; starting the replica afresh";
        m_confirmed.clear();
        m_sessions.clear();
        m_acked.clear();
        m_applied = 0;
        m_hasState = false;
        m_userId = *userId;
        recomputeAll();
        Q_EMIT replicaReset();
    } else if (m_userId.isNull()) {
        m_userId = *userId;
        refreshTasks(pendingTaskIds()); // local creates made before now get their owner
    }
    setState(State::Connected);
    m_stableTimer.start(m_options.stablePeriod);
    m_pingTimer.start(m_options.pingInterval);
    requestSync();
}

void SyncClient::onHeartbeat(const ServerMessage &message)
{
    const QJsonValue seq = message.data.value(QStringLiteral("seq"));
    if (seq.isDouble() && qint64(seq.toDouble()) > m_applied)
        requestSync(); // something was missed (or is on its way; a repeat is harmless)
}

} // namespace tandem::sync
