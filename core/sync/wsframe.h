#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tandem::sync {

// RFC 6455 framing for the server's side of a WebSocket: no I/O, so it can
// be tested (and fuzzed) on bytes alone. Qt 6.4's QWebSocket accepts
// unmasked client frames; this parser refuses everything the RFC says a
// server must refuse, with the close code it names.

enum class WsOpcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

namespace WsCloseCode {
constexpr int Normal = 1000;
constexpr int ProtocolError = 1002;
constexpr int NoStatus = 1005; // never sent: what a close frame without a code means
constexpr int InvalidPayload = 1007;
constexpr int PolicyViolation = 1008;
constexpr int TooBig = 1009;
constexpr int InternalError = 1011;
} // namespace WsCloseCode

// A final, unmasked frame as a server sends it. Build it once and write the
// same bytes to every socket.
QByteArray wsFrame(WsOpcode opcode, QByteArrayView payload);
// A frame as a client sends it, masked with `maskKey` unless `masked` is
// false (tests and the fuzzer use it to build what a broken client sends).
QByteArray wsClientFrame(WsOpcode opcode, QByteArrayView payload, quint32 maskKey, bool fin = true, bool masked = true);
// A close frame's payload: the code, then `reason` cut on a character
// boundary to fit a control frame (123 bytes). Empty for NoStatus.
QByteArray wsClosePayload(int code, const QString &reason);
// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

// What the parser found: a whole message, a control frame, or the error that
// ends the connection.
struct WsEvent
{
    enum class Kind { Text, Binary, Ping, Pong, Close, Error };
    Kind kind = Kind::Error;
    // Text/Binary: the whole message (unmasked, fragments joined);
    // Ping/Pong: the payload; Close: the reason (UTF-8).
    QByteArray payload;
    // Close: the peer's code (NoStatus when it sent none);
    // Error: the code to close with (1002, 1007 or 1009).
    int code = 0;
    QString error; // Error: what was wrong, for the close reason and the log
};

// Incremental: feed() bytes as they arrive (any split, even one byte at a
// time), then take events with next() until it has none. Control frames may
// arrive between the fragments of a message. After an Error, nothing more.
class WsFrameParser final
{
public:
    explicit WsFrameParser(qint64 maxMessageBytes);

    void feed(QByteArrayView bytes);
    std::optional<WsEvent> next();
    bool hasFailed() const { return m_failed; }

private:
    WsEvent fail(int code, const QString &message);
    WsEvent controlEvent(WsOpcode opcode, QByteArray payload);

    qint64 m_maxMessageBytes;
    QByteArray m_buffer;
    qsizetype m_consumed = 0; // bytes of m_buffer already parsed
    QByteArray m_message; // the fragments of an unfinished message
    WsOpcode m_messageOpcode = WsOpcode::Text;
    bool m_fragmented = false;
    bool m_failed = false;
};

} // namespace tandem::sync
