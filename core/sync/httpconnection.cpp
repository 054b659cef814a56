#include "httpconnection.h"

#include <QTcpSocket>

namespace tandem::sync {

void HttpReply::operator()(const HttpResponse &response) const
{
    if (m_connection)
        m_connection->respond(m_exchange, response);
}

HttpConnection::HttpConnection(QTcpSocket *socket, HttpHandler &handler, const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_options(options)
{
    m_socket->setParent(this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    startTimer(m_options.headerTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::startTimer(int ms)
{
    m_timer.start(ms);
}

void HttpConnection::finish()
{
    if (m_state == State::HandedOn)
        return;
    m_timer.stop();
    m_state = State::Closing;
    Q_EMIT finished(this);
}

void HttpConnection::fail(int status, const QByteArray &code, const QString &message)
{
    m_keepAlive = false;
    m_state = State::Handling;
    respond(m_exchange, HttpResponse::error(status, code, message));
}

void HttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Head:
        // An idle keep-alive connection just closes; a half-sent head is told why.
        if (m_sawBytes)
            fail(408, "request_timeout", QStringLiteral("the request head did not arrive in time"));
        else
            m_socket->disconnectFromHost();
        return;
    case State::Body:
        fail(408, "request_timeout", QStringLiteral("the request body did not arrive in time"));
        return;
    case State::Handling:
    case State::Closing:
    case State::HandedOn:
        return;
    }
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Head) {
        if (m_socket->bytesAvailable() == 0)
            return;
        if (!m_sawBytes) {
            // From the first byte, the whole head must arrive within the header timeout.
            m_sawBytes = true;
            startTimer(m_options.headerTimeoutMs);
        }
        // Peek, don't read: the head is consumed only once it is complete.
        const QByteArray buffered = m_socket->peek(m_options.limits.maxHeadBytes + 1);
        m_head = parseRequestHead(buffered, m_options.limits);
        if (m_head.state == HeadParse::State::Incomplete)
            return;
        if (m_head.state == HeadParse::State::Failed) {
            fail(m_head.status, m_head.code, m_head.message);
            return;
        }
        m_head.request.peer = m_socket->peerAddress();
        const QByteArray origin = m_head.request.header("origin");
        if (!origin.isEmpty() && !m_handler.isOriginAllowed(origin)) {
            fail(403, "forbidden_origin",
                 QStringLiteral("requests from %1 are not allowed; add it to the allowed origins in the settings")
                     .arg(QString::fromLatin1(origin.left(200))));
            return;
        }
        if (m_head.websocketUpgrade) {
            if (m_head.request.path != u"/ws") {
                fail(404, "not_found", QStringLiteral("WebSocket connections are served at /ws"));
                return;
            }
            m_timer.stop();
            m_state = State::HandedOn;
            disconnect(m_socket, nullptr, this, nullptr);
            m_socket->skip(m_head.headLength); // frames may follow at once
            QTcpSocket *socket = m_socket;
            m_socket = nullptr;
            m_handler.handleUpgrade(m_head.request, socket);
            Q_EMIT finished(this);
            return;
        }
        m_socket->skip(m_head.headLength);
        m_state = State::Body;
        m_headRequest = m_head.request.method == "HEAD";
        startTimer(m_options.bodyTimeoutMs);
    }
    if (m_state == State::Body) {
        if (m_socket->bytesAvailable() < m_head.contentLength)
            return;
        m_head.request.body = m_socket->read(m_head.contentLength);
        m_keepAlive = m_head.keepAlive;
        m_state = State::Handling;
        m_timer.stop();
        m_handler.handleRequest(m_head.request, HttpReply(this, ++m_exchange));
    }
}

void HttpConnection::respond(quint64 exchange, const HttpResponse &response)
{
    if (!m_socket || exchange != m_exchange || m_state != State::Handling)
        return;
    m_socket->write(response.serialize(m_keepAlive, m_headRequest));
    m_socket->flush(); // now, not after whatever else this event-loop turn sends
    if (!m_keepAlive) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    }
    m_state = State::Head;
    m_sawBytes = false;
    m_head = HeadParse();
    startTimer(m_options.idleTimeoutMs);
    // A pipelined request may already be waiting; the head timer applies once bytes arrive.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

} // namespace tandem::sync
