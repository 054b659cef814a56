#include "netloop.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdexcept>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tandem::bench {

namespace {

constexpr int opContinuation = 0x0;
constexpr int opText = 0x1;
constexpr int opBinary = 0x2;
constexpr int opClose = 0x8;
constexpr int opPing = 0x9;
constexpr int opPong = 0xA;

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        const auto a = static_cast<unsigned char>(text[i]);
        const auto b = static_cast<unsigned char>(prefix[i]);
        if (std::tolower(a) != std::tolower(b))
            return false;
    }
    return true;
}

// Finds header `name` (lower-case) in an HTTP head; false when it is absent.
bool headerValue(std::string_view head, std::string_view name, std::string_view *value)
{
    size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos && pos + 2 < head.size()) {
        const size_t start = pos + 2;
        const size_t end = head.find("\r\n", start);
        const std::string_view line = head.substr(start, end == std::string_view::npos ? end : end - start);
        if (startsWithNoCase(line, name) && line.size() > name.size() && line[name.size()] == ':') {
            std::string_view v = line.substr(name.size() + 1);
            while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
                v.remove_prefix(1);
            while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
                v.remove_suffix(1);
            *value = v;
            return true;
        }
        pos = end;
    }
    return false;
}

} // namespace

NetLoop::NetLoop(std::string host, std::uint16_t port)
    : m_host(std::move(host))
    , m_port(port)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0)
        throw std::runtime_error(std::string("epoll_create1: ") + std::strerror(errno));
}

NetLoop::~NetLoop()
{
    for (auto &connection : m_connections) {
        if (connection->fd >= 0)
            ::close(connection->fd);
    }
    ::close(m_epoll);
}

Connection *NetLoop::connectSocket(Connection::Kind kind, int index)
{
    auto owned = std::make_unique<Connection>();
    Connection *connection = owned.get();
    connection->kind = kind;
    connection->index = index;
    m_connections.push_back(std::move(owned));

    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail(connection, std::string("socket: ") + std::strerror(errno));
        return connection;
    }
    connection->fd = fd;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    ::inet_pton(AF_INET, m_host.c_str(), &address.sin_addr);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) < 0 && errno != EINPROGRESS) {
        fail(connection, std::string("connect: ") + std::strerror(errno));
        return connection;
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.ptr = connection;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    connection->writeWatched = true;
    return connection;
}

Connection *NetLoop::openWebSocket(const std::string &path, int index)
{
    Connection *connection = connectSocket(Connection::Kind::WebSocket, index);
    if (connection->state == Connection::State::Closed)
        return connection;
    // Servers check the key's form, not its randomness.
    connection->out = "GET " + path + " HTTP/1.1\r\nHost: " + m_host + ':' + std::to_string(m_port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    return connection;
}

Connection *NetLoop::openHttp(int index)
{
    return connectSocket(Connection::Kind::Http, index);
}

void NetLoop::close(Connection *connection)
{
    if (connection->fd >= 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, connection->fd, nullptr);
        ::close(connection->fd);
        connection->fd = -1;
    }
    if (connection->kind == Connection::Kind::WebSocket && connection->state == Connection::State::Open)
        --m_open;
    connection->state = Connection::State::Closed;
}

void NetLoop::fail(Connection *connection, const std::string &why)
{
    if (connection->state == Connection::State::Closed)
        return;
    connection->closeReason = why;
    close(connection);
    if (onClosed)
        onClosed(*connection);
}

void NetLoop::watchWrites(Connection *connection, bool on)
{
    if (connection->writeWatched == on || connection->fd < 0)
        return;
    epoll_event event{};
    event.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    event.data.ptr = connection;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection->fd, &event);
    connection->writeWatched = on;
}

void NetLoop::queue(Connection *connection, std::string_view bytes)
{
    if (connection->state == Connection::State::Closed)
        return;
    connection->out.append(bytes);
    if (connection->state != Connection::State::Connecting)
        flush(connection);
}

void NetLoop::flush(Connection *connection)
{
    while (!connection->out.empty()) {
        const ssize_t n = ::send(connection->fd, connection->out.data(), connection->out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            if (errno == EINTR)
                continue;
            fail(connection, std::string("send: ") + std::strerror(errno));
            return;
        }
        connection->out.erase(0, size_t(n));
    }
    watchWrites(connection, !connection->out.empty());
}

void NetLoop::sendFrame(Connection *connection, int opcode, std::string_view payload)
{
    std::string frame;
    frame.reserve(payload.size() + 14);
    frame.push_back(char(0x80 | opcode));
    if (payload.size() < 126) {
        frame.push_back(char(0x80 | payload.size()));
    } else if (payload.size() <= 0xffff) {
        frame.push_back(char(0x80 | 126));
        frame.push_back(char((payload.size() >> 8) & 0xff));
        frame.push_back(char(payload.size() & 0xff));
    } else {
        frame.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.push_back(char((std::uint64_t(payload.size()) >> shift) & 0xff));
    }
    // xorshift32: masks need not be secret here, only present.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    char mask[4];
    std::memcpy(mask, &m_maskState, 4);
    frame.append(mask, 4);
    for (size_t i = 0; i < payload.size(); ++i)
        frame.push_back(char(payload[i] ^ mask[i % 4]));
    queue(connection, frame);
}

void NetLoop::sendText(Connection *connection, std::string_view text)
{
    sendFrame(connection, opText, text);
}

void NetLoop::request(Connection *connection, std::string_view method, std::string_view path, std::string_view body,
                      std::string_view bearerToken)
{
    std::string text;
    text.reserve(256 + body.size());
    text.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ").append(m_host);
    text.append(":").append(std::to_string(m_port)).append("\r\n");
    if (!bearerToken.empty())
        text.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
    if (!body.empty() || method == "POST") {
        text.append("Content-Type: application/json\r\nContent-Length: ").append(std::to_string(body.size()));
        text.append("\r\n");
    }
    text.append("\r\n").append(body);
    connection->httpWaiting = true;
    queue(connection, text);
}

void NetLoop::readable(Connection *connection)
{
    char buffer[65536];
    bool closed = false;
    for (;;) {
        const ssize_t n = ::recv(connection->fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            connection->in.append(buffer, size_t(n));
            m_bytesReceived += std::uint64_t(n);
            if (size_t(n) < sizeof buffer)
                break;
            continue;
        }
        if (n == 0) {
            closed = true;
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            fail(connection, std::string("recv: ") + std::strerror(errno));
            return;
        }
        break;
    }
    parse(connection, Clock::now());
    if (closed)
        fail(connection,
             connection->closeReason.empty() ? "the server closed the connection" : connection->closeReason);
}

void NetLoop::parse(Connection *connection, Clock::time_point now)
{
    if (connection->kind == Connection::Kind::Http) {
        while (connection->state == Connection::State::Open && parseHttp(connection, now)) { }
        return;
    }
    if (connection->state == Connection::State::Upgrading && !parseUpgrade(connection))
        return;
    if (connection->state == Connection::State::Open)
        parseFrames(connection, now);
}

bool NetLoop::parseUpgrade(Connection *connection)
{
    const size_t end = connection->in.find("\r\n\r\n");
    if (end == std::string::npos)
        return false;
    const std::string_view head(connection->in.data(), end + 2);
    if (head.rfind("HTTP/1.1 101", 0) != 0) {
        fail(connection, "the upgrade was refused: " + std::string(head.substr(0, head.find("\r\n"))));
        return false;
    }
    connection->in.erase(0, end + 4);
    connection->state = Connection::State::Open;
    ++m_open;
    if (onOpen)
        onOpen(*connection);
    return connection->state == Connection::State::Open;
}

bool NetLoop::parseFrames(Connection *connection, Clock::time_point now)
{
    std::string &in = connection->in;
    size_t pos = 0;
    while (connection->state == Connection::State::Open && in.size() - pos >= 2) {
        const auto b0 = static_cast<unsigned char>(in[pos]);
        const auto b1 = static_cast<unsigned char>(in[pos + 1]);
        const bool fin = b0 & 0x80;
        const int opcode = b0 & 0x0f;
        const bool masked = b1 & 0x80;
        std::uint64_t length = b1 & 0x7f;
        size_t header = 2;
        if (length == 126) {
            if (in.size() - pos < 4)
                break;
            length = (std::uint64_t(static_cast<unsigned char>(in[pos + 2])) << 8)
                | static_cast<unsigned char>(in[pos + 3]);
            header = 4;
        } else if (length == 127) {
            if (in.size() - pos < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | static_cast<unsigned char>(in[pos + 2 + size_t(i)]);
            header = 10;
        }
        const size_t maskAt = pos + header;
        if (masked)
            header += 4;
        if (in.size() - pos < header + length)
            break;
        std::string_view payload(in.data() + pos + header, size_t(length));
        std::string unmasked;
        if (masked) {
            unmasked.assign(payload);
            for (size_t i = 0; i < unmasked.size(); ++i)
                unmasked[i] = char(unmasked[i] ^ in[maskAt + i % 4]);
            payload = unmasked;
        }
        pos += header + size_t(length);

        switch (opcode) {
        case opText:
        case opBinary:
            if (fin) {
                if (opcode == opText && onText)
                    onText(*connection, payload, now);
            } else {
                connection->fragments.assign(payload);
            }
            break;
        case opContinuation:
            connection->fragments.append(payload);
            if (fin && onText) {
                const std::string message = std::move(connection->fragments);
                connection->fragments.clear();
                onText(*connection, message, now);
            }
            break;
        case opPing:
            sendFrame(connection, opPong, payload);
            break;
        case opPong:
            break;
        case opClose: {
            std::string reason = "the server closed the WebSocket";
            if (payload.size() >= 2) {
                const int code = (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
                reason += " (" + std::to_string(code) + " " + std::string(payload.substr(2)) + ")";
            }
            sendFrame(connection, opClose, payload.substr(0, std::min<size_t>(payload.size(), 2)));
            fail(connection, reason);
            return false;
        }
        default:
            fail(connection, "an unknown WebSocket opcode arrived");
            return false;
        }
    }
    if (connection->state != Connection::State::Closed)
        in.erase(0, pos);
    return true;
}

bool NetLoop::parseHttp(Connection *connection, Clock::time_point now)
{
    std::string &in = connection->in;
    const size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos)
        return false;
    const std::string_view head(in.data(), end + 2);
    HttpAnswer answer;
    if (head.rfind("HTTP/1.", 0) != 0 || head.size() < 12) {
        fail(connection, "a malformed HTTP answer arrived");
        return false;
    }
    answer.status = std::atoi(std::string(head.substr(9, 3)).c_str());
    std::string_view value;
    if (headerValue(head, "transfer-encoding", &value)) {
        fail(connection, "chunked HTTP answers are not supported by the load client");
        return false;
    }
    size_t length = 0;
    if (headerValue(head, "content-length", &value))
        length = size_t(std::stoull(std::string(value)));
    if (in.size() < end + 4 + length)
        return false;
    answer.body = in.substr(end + 4, length);
    in.erase(0, end + 4 + length);
    connection->httpWaiting = false;
    if (onHttp)
        onHttp(*connection, answer, now);
    return true;
}

bool NetLoop::runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    epoll_event events[1024];
    for (;;) {
        if (done())
            return true;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        const int n = ::epoll_wait(m_epoll, events, 1024, int(std::min<long long>(left, 100)));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
        }
        for (int i = 0; i < n; ++i) {
            auto *connection = static_cast<Connection *>(events[i].data.ptr);
            if (connection->fd < 0)
                continue;
            if (events[i].events & EPOLLOUT) {
                if (connection->state == Connection::State::Connecting) {
                    int error = 0;
                    socklen_t size = sizeof error;
                    ::getsockopt(connection->fd, SOL_SOCKET, SO_ERROR, &error, &size);
                    if (error != 0) {
                        fail(connection, std::string("connect: ") + std::strerror(error));
                        continue;
                    }
                    connection->state = connection->kind == Connection::Kind::WebSocket ? Connection::State::Upgrading
                                                                                        : Connection::State::Open;
                }
                flush(connection);
            }
            if (connection->fd >= 0 && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                readable(connection);
        }
    }
}

} // namespace tandem::bench
