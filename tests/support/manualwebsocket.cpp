#include "manualwebsocket.h"

#include "sync/wsframe.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace tandem::test {

ManualWebSocket::ManualWebSocket(int receiveBufferBytes)
    : m_receiveBufferBytes(receiveBufferBytes)
{ }

ManualWebSocket::~ManualWebSocket()
{
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

bool ManualWebSocket::open(quint16 port, const QByteArray &target, const HttpHeaders &extra, int timeoutMs)
{
#ifdef Q_OS_UNIX
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    if (m_receiveBufferBytes > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &m_receiveBufferBytes, sizeof m_receiveBufferBytes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // The kernel completes the TCP handshake from the listen backlog, so a
    // blocking connect needs nothing from the server's event loop.
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return false;
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);

    HttpHeaders headers{{"Upgrade", "websocket"},
                        {"Connection", "Upgrade"},
                        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                        {"Sec-WebSocket-Version", "13"}};
    headers += extra;
    const QByteArray request = HttpTestClient::requestBytes("GET", target, {}, headers, port);
    if (::send(m_fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
        return false;

    const bool answered = QTest::qWaitFor(
        [this] {
            pump();
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return m_disconnected;
            m_handshakeResponse = m_buffer.first(end + 4);
            m_handshakeStatus = m_handshakeResponse.split(' ').value(1).toInt();
            if (m_handshakeStatus != 101) {
                // Keep the error body too (it follows the head).
                (void)QTest::qWaitFor(
                    [this] {
                        pump();
                        return m_disconnected;
                    },
                    1'000);
                m_handshakeResponse = m_buffer;
                return true;
            }
            m_buffer.remove(0, end + 4);
            m_upgraded = true;
            decodeFrames();
            return true;
        },
        timeoutMs);
    return answered && m_upgraded;
#else
    Q_UNUSED(port)
    Q_UNUSED(target)
    Q_UNUSED(extra)
    Q_UNUSED(timeoutMs)
    return false;
#endif
}

quint16 ManualWebSocket::localPort() const
{
#ifdef Q_OS_UNIX
    sockaddr_in address{};
    socklen_t length = sizeof address;
    if (m_fd < 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return 0;
    return ntohs(address.sin_port);
#else
    return 0;
#endif
}

bool ManualWebSocket::sendText(const QByteArray &utf8)
{
    // Clients mask every frame (RFC 6455 5.3).
    return sendBytes(sync::wsClientFrame(sync::WsOpcode::Text, utf8, QRandomGenerator::global()->generate()));
}

bool ManualWebSocket::sendBytes(const QByteArray &bytes)
{
#ifdef Q_OS_UNIX
    qsizetype sent = 0;
    const bool done = QTest::qWaitFor(
        [&] {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                return true;
            return sent == bytes.size();
        },
        5'000);
    return done && sent == bytes.size();
#else
    Q_UNUSED(bytes)
    return false;
#endif
}

void ManualWebSocket::pump()
{
#ifdef Q_OS_UNIX
    if (!m_reading || m_fd < 0 || m_disconnected)
        return;
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            m_buffer.append(chunk, n);
            m_bytesReceived += n;
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            m_disconnected = true;
        break;
    }
    if (m_upgraded)
        decodeFrames();
#endif
}

void ManualWebSocket::decodeFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto byte = [this](qsizetype i) {
            return quint8(m_buffer.at(i));
        };
        const int opcode = byte(0) & 0x0f;
        quint64 length = byte(1) & 0x7f;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (quint64(byte(2)) << 8) | byte(3);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | byte(2 + i);
            offset = 10;
        }
        // Servers never mask (RFC 6455 5.1).
        if (quint64(m_buffer.size()) < offset + length)
            return;
        m_frames.append(Frame{opcode, m_buffer.sliced(offset, qsizetype(length))});
        m_buffer.remove(0, offset + qsizetype(length));
    }
}

bool ManualWebSocket::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            pump();
            return condition();
        },
        timeoutMs);
}

QList<QJsonObject> ManualWebSocket::messages() const
{
    QList<QJsonObject> messages;
    for (const Frame &frame : m_frames) {
        if (frame.opcode == Text)
            messages.append(QJsonDocument::fromJson(frame.payload).object());
    }
    return messages;
}

int ManualWebSocket::count(int opcode) const
{
    return int(std::count_if(m_frames.cbegin(), m_frames.cend(),
                             [opcode](const Frame &frame) { return frame.opcode == opcode; }));
}

std::optional<int> ManualWebSocket::closeCode() const
{
    for (const Frame &frame : m_frames) {
        if (frame.opcode == Close && frame.payload.size() >= 2)
            return qFromBigEndian<quint16>(frame.payload.constData());
    }
    return std::nullopt;
}

} // namespace tandem::test
