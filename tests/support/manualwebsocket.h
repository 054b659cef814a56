#pragma once

#include "httptestclient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <functional>
#include <optional>

namespace tandem::test {

// A WebSocket client written by hand over a plain POSIX socket, for what Qt's
// QWebSocket will not do: stop reading (so the server's send buffers fill),
// never answer protocol pings, or look at every frame the server sends,
// pings included. The kernel's receive buffer can be made small so a client
// that stops reading backs the server up quickly. Unix only.
class ManualWebSocket final
{
public:
    enum Opcode { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };
    struct Frame
    {
        int opcode = 0;
        QByteArray payload;
    };

    // `receiveBufferBytes` > 0 sets SO_RCVBUF before connecting.
    explicit ManualWebSocket(int receiveBufferBytes = 0);
    ~ManualWebSocket();
    Q_DISABLE_COPY_MOVE(ManualWebSocket)

    // Connects to 127.0.0.1:`port` and sends an upgrade request for `target`
    // ("/ws", "/ws?token=...") with `extra` headers. True when the server
    // answered 101; the answer is in handshakeStatus() / handshakeResponse().
    bool open(quint16 port, const QByteArray &target, const HttpHeaders &extra = {}, int timeoutMs = 5'000);
    int handshakeStatus() const { return m_handshakeStatus; }
    // This end's TCP port (0 before open()).
    quint16 localPort() const;
    const QByteArray &handshakeResponse() const { return m_handshakeResponse; }

    // While not reading, received bytes stay in the kernel (and the server's
    // buffers fill up); pump() does nothing.
    void setReading(bool reading) { m_reading = reading; }
    bool sendText(const QByteArray &utf8);
    // Sends `bytes` as they are: frames built by hand, broken ones included.
    bool sendBytes(const QByteArray &bytes);

    // Reads what has arrived and decodes complete frames.
    void pump();
    // Runs the event loop (and pump()) until `condition` holds.
    bool waitFor(const std::function<bool()> &condition, int timeoutMs);

    const QList<Frame> &frames() const { return m_frames; }
    // The text frames, decoded as JSON objects.
    QList<QJsonObject> messages() const;
    int count(int opcode) const;
    qint64 bytesReceived() const { return m_bytesReceived; }
    // The server closed or reset the TCP connection.
    bool isDisconnected() const { return m_disconnected; }
    // The status code of the server's close frame, once one arrived.
    std::optional<int> closeCode() const;

private:
    void decodeFrames();

    int m_fd = -1;
    int m_receiveBufferBytes = 0;
    bool m_reading = true;
    bool m_disconnected = false;
    bool m_upgraded = false;
    int m_handshakeStatus = 0;
    QByteArray m_handshakeResponse;
    QByteArray m_buffer;
    QList<Frame> m_frames;
    qint64 m_bytesReceived = 0;
};

} // namespace tandem::test
