#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::bench {

using Clock = std::chrono::steady_clock;

// One non-blocking TCP connection to the server under test, speaking either
// HTTP/1.1 (one request at a time, keep-alive) or, after the upgrade it starts
// with, WebSocket as a client. Only what the load client needs: no TLS, no
// extensions; server frames are unmasked, ours masked, as RFC 6455 wants.
struct Connection
{
    enum class Kind { Http, WebSocket };
    enum class State { Connecting, Upgrading, Open, Closed };

    Kind kind = Kind::Http;
    State state = State::Connecting;
    int fd = -1;
    int index = 0; // the caller's number for it
    std::string in; // received, not yet parsed
    std::string out; // not yet written
    std::string fragments; // a fragmented WebSocket message so far
    bool writeWatched = false;
    bool httpWaiting = false;
    bool welcomed = false; // the server's first message has arrived
    std::int64_t marker = -1; // the newest trigger number this subscriber has seen
    std::string closeReason;
};

struct HttpAnswer
{
    int status = 0;
    std::string body;
};

// An epoll loop over many connections in one thread: a thousand subscribers
// cost one epoll_wait and one read per message that arrives, nothing more.
class NetLoop final
{
public:
    NetLoop(std::string host, std::uint16_t port);
    ~NetLoop();
    NetLoop(const NetLoop &) = delete;
    NetLoop &operator=(const NetLoop &) = delete;

    // Opens a WebSocket to `path`; onOpen runs once the 101 arrives.
    Connection *openWebSocket(const std::string &path, int index);
    // Opens a keep-alive HTTP connection (requests go out once it connects).
    Connection *openHttp(int index);
    void close(Connection *connection);

    void sendText(Connection *connection, std::string_view text);
    // Sends one request; onHttp runs with the answer. One at a time per connection.
    void request(Connection *connection, std::string_view method, std::string_view path, std::string_view body,
                 std::string_view bearerToken = {});

    // Runs until `done` is true (checked after each wake-up) or `timeout`
    // passes; false on timeout.
    bool runUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout);

    std::function<void(Connection &)> onOpen;
    // A whole text message, and when its bytes were read.
    std::function<void(Connection &, std::string_view, Clock::time_point)> onText;
    std::function<void(Connection &, const HttpAnswer &, Clock::time_point)> onHttp;
    std::function<void(Connection &)> onClosed;

    std::uint64_t bytesReceived() const { return m_bytesReceived; }
    int openCount() const { return m_open; }

private:
    Connection *connectSocket(Connection::Kind kind, int index);
    void queue(Connection *connection, std::string_view bytes);
    void sendFrame(Connection *connection, int opcode, std::string_view payload);
    void flush(Connection *connection);
    void watchWrites(Connection *connection, bool on);
    void readable(Connection *connection);
    void parse(Connection *connection, Clock::time_point now);
    bool parseUpgrade(Connection *connection);
    bool parseFrames(Connection *connection, Clock::time_point now);
    bool parseHttp(Connection *connection, Clock::time_point now);
    void fail(Connection *connection, const std::string &why);

    std::string m_host;
    std::uint16_t m_port;
    int m_epoll = -1;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::uint64_t m_bytesReceived = 0;
    std::uint32_t m_maskState = 0x9e3779b9u;
    int m_open = 0;
};

} // namespace tandem::bench
