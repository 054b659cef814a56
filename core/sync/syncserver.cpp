#include "syncserver.h"

#include "auth/accountservice.h"
#include "auth/authservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/changelistener.h"
#include "store/store.h"
#include "wsconnection.h"
#include "wssession.h"

#include <QHostInfo>
#include <QLoggingCategory>
#include <QNetworkInterface>
#if QT_CONFIG(ssl)
#include <QSslServer>
#endif
#include <QTcpSocket>
#include <QUrl>

namespace tandem::sync {

namespace {
Q_LOGGING_CATEGORY(lcServer, "tandem.sync.server")

QByteArray normalizedOrigin(QByteArrayView origin)
{
    QByteArray text = origin.trimmed().toByteArray().toLower();
    while (text.endsWith('/'))
        text.chop(1);
    return text;
}
// A QSslServer serving `options.tls` (HTTPS and WSS), or plain TCP.
std::unique_ptr<QTcpServer> makeListener(const ServerOptions &options)
{
#if QT_CONFIG(ssl)
    if (!options.tls.isEmpty()) {
        auto server = std::make_unique<QSslServer>();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(options.tls.chain);
        tls.setPrivateKey(options.tls.key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients show no certificate
        server->setSslConfiguration(tls);
        server->setHandshakeTimeout(options.headerTimeoutMs);
        QObject::connect(server.get(), &QSslServer::errorOccurred, server.get(),
                         [](QSslSocket *, QAbstractSocket::SocketError error) {
                             qCInfo(lcServer) << "a TLS handshake failed:" << error;
                         });
        return server;
    }
#else
    Q_UNUSED(options)
#endif
    return std::make_unique<QTcpServer>();
}

} // namespace

SyncServer::SyncServer(SyncContext context, ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_options(std::move(options))
    , m_feed(m_context.store, m_options.pollIntervalMs)
    , m_api(m_context, m_options, this)
{
    if (m_options.lan)
        m_options.bindAddress = QHostAddress::Any;
    m_tcp = makeListener(m_options);
    m_tcp->setMaxPendingConnections(m_options.listenBacklog);
#if QT_VERSION >= QT_VERSION_CHECK(6, 3, 0)
    m_tcp->setListenBacklogSize(m_options.listenBacklog);
#endif
    // Not newConnection: a QSslServer emits it before the TLS handshake.
    connect(m_tcp.get(), &QTcpServer::pendingConnectionAvailable, this, &SyncServer::onNewConnection);
    // Queued from whichever thread signed out: sessions live on this one.
    connect(&m_context.auth, &AuthService::tokenRevoked, this, &SyncServer::onTokenRevoked);
    connect(&m_context.accounts, &AccountService::tokenRevoked, this, &SyncServer::onTokenRevoked);
    // Local commits, from any thread, wake the feed (queued onto this thread).
    connect(&m_context.tasks, &TaskService::changed, &m_feed, &ChangeFeed::notifyChange);
    connect(&m_context.chats, &ChatService::changed, &m_feed, &ChangeFeed::notifyChange);
}

SyncServer::~SyncServer()
{
    close();
}

Result<void> SyncServer::listen()
{
    if (!m_tcp->listen(m_options.bindAddress, m_options.port)) {
        const QString where = QStringLiteral("%1:%2").arg(m_options.bindAddress.toString()).arg(m_options.port);
        if (m_tcp->serverError() == QAbstractSocket::AddressInUseError)
            return Error::conflict(QStringLiteral("port %1 is already in use (another Tandem?); choose another with "
                                                  "--port, or stop the program using it")
                                       .arg(where));
        return Error::storage(QStringLiteral("cannot listen on %1: %2").arg(where, m_tcp->errorString()));
    }
    computeOwnOrigins();
    if (m_options.lan && !isTls())
        qCWarning(lcServer) << "serving the network without TLS: passwords and tokens cross it in clear text; "
                               "pass --tls-cert and --tls-key to encrypt";
    if (m_context.store.config().engine == StoreEngine::Postgres) {
        m_listener = std::make_unique<ChangeListener>(m_context.store.config(), m_options.pollIntervalMs);
        connect(m_listener.get(), &ChangeListener::headMoved, &m_feed, &ChangeFeed::notify);
        connect(m_listener.get(), &ChangeListener::resubscribed, &m_feed, &ChangeFeed::notifyAll);
        if (auto started = m_listener->start(); !started) {
            // The 2 s poll still brings other hosts' changes; say why they are slower.
            qCWarning(lcServer) << "change notifications are off:" << started.error().message;
        }
    }
    qCInfo(lcServer) << "listening on" << url();
    return {};
}

void SyncServer::close()
{
    m_tcp->close();
    m_listener.reset();
    // Children of this object: deleted now if we are being destroyed, else soon.
    for (WsSession *session : std::as_const(m_sessions))
        session->deleteLater();
    m_sessions.clear();
    for (HttpConnection *connection : std::as_const(m_http))
        connection->deleteLater();
    m_http.clear();
}

QString SyncServer::url() const
{
    QHostAddress host = m_tcp->serverAddress();
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4 || host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHost;
    const QString text
        = host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + host.toString() + u']' : host.toString();
    return QStringLiteral("%1://%2:%3").arg(isTls() ? u"https" : u"http", text).arg(m_tcp->serverPort());
}

void SyncServer::computeOwnOrigins()
{
    m_origins.clear();
    const QByteArray port = QByteArray::number(m_tcp->serverPort());
    QList<QByteArray> hosts{"localhost", "127.0.0.1", "[::1]"};
    QList<QHostAddress> addresses{m_tcp->serverAddress()};
    if (m_options.lan || m_tcp->serverAddress() == QHostAddress::Any) {
        addresses += QNetworkInterface::allAddresses();
        const QByteArray name = QHostInfo::localHostName().toLower().toLatin1();
        if (!name.isEmpty())
            hosts += {name, name + ".local"};
    }
    for (const QHostAddress &address : std::as_const(addresses)) {
        if (address.isNull() || address == QHostAddress::Any)
            continue;
        QHostAddress plain = address;
        plain.setScopeId({});
        hosts += plain.protocol() == QAbstractSocket::IPv6Protocol ? "[" + plain.toString().toLatin1() + "]"
                                                                   : plain.toString().toLatin1();
    }
    // The page's own origin: its scheme is the one this port speaks.
    const QByteArray scheme = isTls() ? "https://" : "http://";
    const QByteArray defaultPort = isTls() ? "443" : "80";
    for (const QByteArray &host : std::as_const(hosts)) {
        m_origins.insert(scheme + host + ":" + port);
        if (port == defaultPort)
            m_origins.insert(scheme + host);
    }
    for (const QString &origin : std::as_const(m_options.allowedOrigins))
        m_origins.insert(normalizedOrigin(origin.toLatin1()));
}

bool SyncServer::isOriginAllowed(const QByteArray &origin) const
{
    return m_origins.contains(normalizedOrigin(origin));
}

void SyncServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const QHostAddress peer = socket->peerAddress();
        const bool serverFull = connectionCount() >= m_options.maxConnections;
        if (serverFull || m_perAddress->value(peer) >= m_options.maxConnectionsPerAddress) {
            socket->write(
                HttpResponse::error(503, "too_many_connections",
                                    serverFull ? QStringLiteral("the server has too many connections; try again soon")
                                               : QStringLiteral("this address has too many connections open; close "
                                                                "some and try again"))
                    .serialize(false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        // Counted for the socket's life, whether it stays HTTP or becomes a WebSocket.
        ++(*m_perAddress)[peer];
        connect(socket, &QObject::destroyed, this, [counts = m_perAddress, peer] {
            if (--(*counts)[peer] <= 0)
                counts->remove(peer);
        });
        auto *connection = new HttpConnection(socket, *this, m_options, &m_connectionRoot);
        m_http.insert(connection);
        connect(connection, &HttpConnection::finished, this, [this](HttpConnection *finished) {
            m_http.remove(finished);
            finished->deleteLater();
        });
    }
}

void SyncServer::handleRequest(const HttpRequest &request, const HttpReply &reply)
{
    m_api.handle(request, reply);
}

void SyncServer::handleUpgrade(const HttpRequest &request, QTcpSocket *socket)
{
    auto *connection = new WsConnection(socket, request, m_options.maxMessageBytes, m_options.closeTimeoutMs);
    auto *session = new WsSession(connection, m_context, m_feed, m_options, &m_connectionRoot);
    m_sessions.insert(session);
    connect(session, &WsSession::finished, this, [this](WsSession *finished) {
        m_sessions.remove(finished);
        finished->deleteLater();
        Q_EMIT sessionCountChanged(int(m_sessions.size()));
    });
    Q_EMIT sessionCountChanged(int(m_sessions.size()));
}

void SyncServer::onTokenRevoked(const QString &tokenId)
{
    for (WsSession *session : std::as_const(m_sessions)) {
        if (session->tokenId() == tokenId)
            session->revoke();
    }
}

} // namespace tandem::sync
