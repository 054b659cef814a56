#pragma once

#include "wsframe.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <QUrlQuery>

class QTcpSocket;

namespace tandem::sync {

struct HttpRequest;

// The server's end of one WebSocket, over the TCP socket the HTTP layer
// accepted: answers the upgrade, reads frames through WsFrameParser (a
// protocol error closes with its code, then the TCP connection), answers
// pings, runs the close handshake and writes frames, pre-built ones as they
// are. Knows nothing of Tandem's messages; WsSession does.
class WsConnection final : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of `socket`, whose upgrade request `request` has been
    // read and validated (parseRequestHead), and answers it with 101.
    WsConnection(QTcpSocket *socket, const HttpRequest &request, qint64 maxMessageBytes, int closeTimeoutMs,
                 QObject *parent = nullptr);
    ~WsConnection() override;
    Q_DISABLE_COPY_MOVE(WsConnection)

    // The Sec-WebSocket-Accept value for a Sec-WebSocket-Key (RFC 6455 4.2.2).
    static QByteArray acceptKey(QByteArrayView key);

    const QUrlQuery &query() const { return m_query; }
    // Neither closing nor closed: messages may still be sent.
    bool isOpen() const { return m_state == State::Open; }

    // Writes a frame built with wsFrame(), the same bytes for every socket.
    void sendFrame(const QByteArray &frame);
    void sendText(QByteArrayView utf8);
    void ping(QByteArrayView payload = {});
    // Sends a close frame and waits for the peer's (or, once our bytes are
    // out, closeTimeoutMs), then closes the TCP connection.
    void close(int code, const QString &reason);
    // Drops the TCP connection at once, unsent bytes and all.
    void abort();
    // Hands what is queued to the kernel now instead of at the next
    // write notification.
    void flush();
    qint64 bytesToWrite() const;

Q_SIGNALS:
    // A complete frame of any kind arrived (the peer is alive).
    void heard();
    // A whole text message, valid UTF-8. Not emitted once closing.
    void textMessageReceived(const QByteArray &utf8);
    // A whole binary message. Not emitted once closing.
    void binaryMessageReceived(const QByteArray &data);
    void bytesWritten();
    // The TCP connection is gone; the connection may be deleted.
    void disconnected();

private:
    enum class State { Open, Closing, Closed };

    void onReadyRead();
    void handle(WsEvent event);
    void write(const QByteArray &bytes);
    void onCloseTimeout();

    QTcpSocket *m_socket;
    QUrlQuery m_query;
    WsFrameParser m_parser;
    State m_state = State::Open;
    int m_closeTimeoutMs;
    bool m_direct = true; // plain TCP: may write to the descriptor itself
    QTimer m_closeTimer;
};

} // namespace tandem::sync
