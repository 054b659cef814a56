#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "serveroptions.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace tandem::sync {

class HttpConnection;

// Answers a request, now or later, at most once; a no-op once the
// connection is gone.
class HttpReply
{
public:
    HttpReply() = default;
    HttpReply(HttpConnection *connection, quint64 exchange)
        : m_connection(connection)
        , m_exchange(exchange)
    { }
    void operator()(const HttpResponse &response) const;

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_exchange = 0;
};

// What a connection asks of the server it belongs to.
class HttpHandler
{
public:
    virtual bool isOriginAllowed(const QByteArray &origin) const = 0;
    virtual void handleRequest(const HttpRequest &request, const HttpReply &reply) = 0;
    // Takes over `socket`, read up to the end of the upgrade request's head.
    virtual void handleUpgrade(const HttpRequest &request, QTcpSocket *socket) = 0;

protected:
    ~HttpHandler() = default;
};

// One TCP connection speaking HTTP/1.1: reads each request head under
// strict limits and timeouts, then its body, hands it to the handler and
// writes the answer; keeps the connection alive between requests; hands a
// WebSocket upgrade on once its head is read.
class HttpConnection final : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QTcpSocket *socket, HttpHandler &handler, const ServerOptions &options, QObject *parent = nullptr);
    ~HttpConnection() override;
    Q_DISABLE_COPY_MOVE(HttpConnection)

    void respond(quint64 exchange, const HttpResponse &response);

Q_SIGNALS:
    // The connection closed or was handed on; it may be deleted now.
    void finished(tandem::sync::HttpConnection *connection);

private:
    enum class State { Head, Body, Handling, Closing, HandedOn };

    void onReadyRead();
    void onTimeout();
    void fail(int status, const QByteArray &code, const QString &message);
    void startTimer(int ms);
    void finish();

    QTcpSocket *m_socket;
    HttpHandler &m_handler;
    const ServerOptions &m_options;
    State m_state = State::Head;
    HeadParse m_head;
    quint64 m_exchange = 0;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    bool m_sawBytes = false;
    QTimer m_timer;
};

} // namespace tandem::sync
