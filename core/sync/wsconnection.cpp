#include "wsconnection.h"

#include "httprequest.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace tandem::sync {

namespace {
Q_LOGGING_CATEGORY(lcConnection, "tandem.sync.websocket")
} // namespace

WsConnection::WsConnection(QTcpSocket *socket, const HttpRequest &request, qint64 maxMessageBytes, int closeTimeoutMs,
                           QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_query(request.query)
    , m_parser(maxMessageBytes)
    , m_closeTimeoutMs(closeTimeoutMs)
{
    m_socket->setParent(this);
#if QT_CONFIG(ssl)
    m_direct = !qobject_cast<QSslSocket *>(m_socket); // TLS must go through QSslSocket
#endif
    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, &WsConnection::onCloseTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &WsConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &WsConnection::bytesWritten);
#if QT_CONFIG(ssl)
    // Encrypted bytes drain later than bytesWritten() says: backpressure needs both.
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket))
        connect(tls, &QSslSocket::encryptedBytesWritten, this, &WsConnection::bytesWritten);
#endif
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_state = State::Closed;
        m_closeTimer.stop();
        Q_EMIT disconnected();
    });
    // No subprotocol and no extension is offered back: RSV bits stay errors.
    m_socket->write("HTTP/1.1 101 Switching Protocols\r\n"
                    "Upgrade: websocket\r\n"
                    "Connection: Upgrade\r\n"
                    "Sec-WebSocket-Accept: "
                    + acceptKey(request.header("sec-websocket-key")) + "\r\n\r\n");
    m_socket->flush();
    // A client may send its first frame right behind the request.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &WsConnection::onReadyRead, Qt::QueuedConnection);
}

WsConnection::~WsConnection() = default;

QByteArray WsConnection::acceptKey(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

qint64 WsConnection::bytesToWrite() const
{
#if QT_CONFIG(ssl)
    // Over TLS what waits is mostly already encrypted, in the TCP socket's buffer.
    if (const auto *tls = qobject_cast<const QSslSocket *>(m_socket))
        return tls->bytesToWrite() + tls->encryptedBytesToWrite();
#endif
    return m_socket->bytesToWrite();
}

void WsConnection::write(const QByteArray &bytes)
{
    if (m_state == State::Closed || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
#ifdef Q_OS_UNIX
    // With nothing queued, straight to the kernel: QAbstractSocket would turn
    // its write notifier on and, after flushing, off again, two epoll_ctl
    // calls per socket per event on top of the write itself. What the kernel
    // does not take queues behind, in order, as before.
    if (m_direct && m_socket->bytesToWrite() == 0) {
        const ssize_t sent = ::send(int(m_socket->socketDescriptor()), bytes.constData(), size_t(bytes.size()),
                                    MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == bytes.size())
            return;
        if (sent > 0) {
            m_socket->write(bytes.sliced(sent));
            return;
        }
    }
#endif
    m_socket->write(bytes);
}

void WsConnection::sendFrame(const QByteArray &frame)
{
    if (m_state == State::Open)
        write(frame);
}

void WsConnection::sendText(QByteArrayView utf8)
{
    if (m_state == State::Open)
        write(wsFrame(WsOpcode::Text, utf8));
}

void WsConnection::ping(QByteArrayView payload)
{
    if (m_state == State::Open)
        write(wsFrame(WsOpcode::Ping, payload.first(std::min<qsizetype>(payload.size(), 125))));
}

void WsConnection::flush()
{
    if (m_state != State::Closed)
        m_socket->flush();
}

void WsConnection::close(int code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    write(wsFrame(WsOpcode::Close, wsClosePayload(code, reason)));
    m_socket->flush();
    m_closeTimer.start(m_closeTimeoutMs);
}

void WsConnection::onCloseTimeout()
{
    if (m_state != State::Closing)
        return;
    // A peer still taking our bytes gets them, close frame included; one that
    // reads nothing at all is the session's silence timeout's to drop.
    if (bytesToWrite() > 0) {
        m_closeTimer.start(m_closeTimeoutMs);
        return;
    }
    m_socket->disconnectFromHost();
}

void WsConnection::abort()
{
    m_state = State::Closed;
    m_closeTimer.stop();
    m_socket->abort();
}

void WsConnection::onReadyRead()
{
    if (m_state == State::Closed)
        return;
    m_parser.feed(m_socket->readAll());
    while (m_state != State::Closed) {
        auto event = m_parser.next();
        if (!event)
            return;
        handle(std::move(event).value());
    }
}

void WsConnection::handle(WsEvent event)
{
    if (event.kind == WsEvent::Kind::Error) {
        // Fail the connection (RFC 6455 7.1.7): say why, and stop.
        qCInfo(lcConnection) << "closing" << event.code << event.error;
        if (m_state == State::Open)
            write(wsFrame(WsOpcode::Close, wsClosePayload(event.code, event.error)));
        m_state = State::Closed;
        m_closeTimer.stop();
        m_socket->disconnectFromHost();
        return;
    }
    Q_EMIT heard();
    switch (event.kind) {
    case WsEvent::Kind::Text:
        if (m_state == State::Open)
            Q_EMIT textMessageReceived(event.payload);
        return;
    case WsEvent::Kind::Binary:
        if (m_state == State::Open)
            Q_EMIT binaryMessageReceived(event.payload);
        return;
    case WsEvent::Kind::Ping:
        if (m_state == State::Open)
            write(wsFrame(WsOpcode::Pong, event.payload));
        return;
    case WsEvent::Kind::Pong:
        return;
    case WsEvent::Kind::Close:
        // Echo the peer's close unless it answers ours, then end the TCP connection.
        if (m_state == State::Open)
            write(wsFrame(WsOpcode::Close,
                          event.code == WsCloseCode::NoStatus
                              ? QByteArray()
                              : wsClosePayload(event.code, QString::fromUtf8(event.payload))));
        m_state = State::Closed;
        m_closeTimer.stop();
        m_socket->disconnectFromHost();
        return;
    case WsEvent::Kind::Error:
        return;
    }
}

} // namespace tandem::sync
