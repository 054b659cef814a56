#pragma once

#include "changefeed.h"
#include "domain/result.h"
#include "httpconnection.h"
#include "restapi.h"
#include "serveroptions.h"
#include "synccontext.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>

#include <memory>

namespace tandem {
class ChangeListener;
}

namespace tandem::sync {

class WsSession;

// One port, HTTP and WebSocket. A small front on QTcpServer reads each
// request head under strict limits (QHttpServer in Qt 6.4 has none), answers
// REST itself, and turns WebSocket upgrades into WsConnections, its own
// RFC 6455 framing (Qt 6.4's QWebSocket takes unmasked client frames).
// With TLS credentials it serves HTTPS and WSS on the same port instead.
// Everything lives on the thread this object lives on.
class SyncServer final
    : public QObject
    , private HttpHandler
{
    Q_OBJECT

public:
    SyncServer(SyncContext context, ServerOptions options, QObject *parent = nullptr);
    ~SyncServer() override;
    Q_DISABLE_COPY_MOVE(SyncServer)

    // Starts listening (and, on PostgreSQL, LISTENing for other hosts'
    // changes). A port in use is an error that says so.
    Result<void> listen();
    void close();

    bool isListening() const { return m_tcp->isListening(); }
    quint16 port() const { return m_tcp->serverPort(); }
    QString url() const; // "http://127.0.0.1:8263", "https://..." with TLS
    bool isTls() const { return !m_options.tls.isEmpty(); }
    const ServerOptions &options() const { return m_options; }

    int httpConnectionCount() const { return int(m_http.size()); }
    int sessionCount() const { return int(m_sessions.size()); }
    ChangeFeed &feed() { return m_feed; }

Q_SIGNALS:
    // A WebSocket client finished authenticating or left (for status displays).
    void sessionCountChanged(int count);

private:
    bool isOriginAllowed(const QByteArray &origin) const override;
    void handleRequest(const HttpRequest &request, const HttpReply &reply) override;
    void handleUpgrade(const HttpRequest &request, QTcpSocket *socket) override;

    void onNewConnection();
    void onTokenRevoked(const QString &tokenId);
    void computeOwnOrigins();
    int connectionCount() const { return int(m_http.size() + m_sessions.size()); }

    SyncContext m_context;
    ServerOptions m_options;
    std::unique_ptr<QTcpServer> m_tcp; // a QSslServer with TLS
    ChangeFeed m_feed;
    RestApi m_api;
    std::unique_ptr<ChangeListener> m_listener;
    QSet<HttpConnection *> m_http;
    QSet<WsSession *> m_sessions;
    // Open TCP connections (HTTP or WebSocket) per peer; shared with each
    // socket's destroyed() handler, which may run after this server is gone.
    std::shared_ptr<QHash<QHostAddress, int>> m_perAddress = std::make_shared<QHash<QHostAddress, int>>();
    QSet<QByteArray> m_origins; // lower-case "http://host:port"
    // Parent of every connection and session. Declared last, so it (and they)
    // go before the feed and the services they use.
    QObject m_connectionRoot;
};

} // namespace tandem::sync
