// libFuzzer target for what a WebSocket client sends: the frame parser
// (tandem::sync::WsFrameParser) on the raw bytes, and the message decoder
// (tandem::sync::decodeClientMessage) on the input as text and on every text
// message the parser yields. Any text must decode to a well-formed message or
// to an error the session can send back; any bytes must parse to messages and
// control frames within the RFC's limits, or to one error with the close code
// the RFC names, the same however they are split.

#include "sync/protocol.h"
#include "sync/wsframe.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using tandem::ErrorCode;
using tandem::sync::ClientMessageType;
using tandem::sync::decodeClientMessage;
using tandem::sync::WsEvent;
using tandem::sync::WsFrameParser;

constexpr qint64 maxMessageBytes = 4096;

[[noreturn]] void violated(const char *what, QByteArrayView input)
{
    std::fprintf(stderr, "decodeClientMessage or WsFrameParser broke its contract: %s\ninput (%lld bytes): %.*s\n",
                 what, static_cast<long long>(input.size()), int(std::min<qsizetype>(input.size(), 512)), input.data());
    std::abort();
}

#define FUZZ_CHECK(condition, input)                                                                                   \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            violated(#condition, input);                                                                               \
    } while (false)

void check(QByteArrayView input)
{
    const auto message = decodeClientMessage(input);
    if (!message) {
        const tandem::Error &error = message.error();
        // The session answers with {"type":"error","data":{"code":..., "field"?:...}}:
        // it needs a code a client can act on and a message a person can read.
        FUZZ_CHECK(error.code == ErrorCode::Validation, input);
        FUZZ_CHECK(!error.reason.isEmpty() || !error.field.isEmpty(), input);
        FUZZ_CHECK(!error.message.isEmpty(), input);
        FUZZ_CHECK(!error.wireCode().isEmpty(), input);
        return;
    }
    switch (message->type) {
    case ClientMessageType::Auth:
        FUZZ_CHECK(!message->token.isEmpty(), input);
        break;
    case ClientMessageType::Ping:
        break;
    case ClientMessageType::SyncRequest:
        FUZZ_CHECK(!message->since || *message->since >= 0, input);
        break;
    case ClientMessageType::TaskCreate:
        FUZZ_CHECK(message->opId && !message->opId->isNull(), input);
        break;
    case ClientMessageType::TaskUpdate:
    case ClientMessageType::TaskDelete:
        FUZZ_CHECK(message->opId && !message->opId->isNull(), input);
        FUZZ_CHECK(!message->taskId.isNull(), input);
        FUZZ_CHECK(!message->revision || *message->revision >= 0, input);
        break;
    }
}

// Puts the fuzzer's bytes where the decoder's deeper validation reads them,
// inside an envelope that is otherwise valid: the task of a task_create, the
// changes of a task_update, the data of a sync_request.
QByteArray wrapped(char selector, QByteArrayView body)
{
    static constexpr char opId[] = "\"opId\":\"0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90\"";
    QByteArray text;
    text.reserve(body.size() + 160);
    switch (static_cast<unsigned char>(selector) % 4) {
    case 0:
        text.append("{\"type\":\"task_create\",").append(opId).append(",\"data\":{\"task\":");
        text.append(body).append("}}");
        break;
    case 1:
        text.append("{\"type\":\"task_update\",").append(opId);
        text.append(",\"data\":{\"id\":\"3b2e6c7d-8c37-4f6b-9a51-0d5f1a9e8e90\",\"revision\":3,\"changes\":");
        text.append(body).append("}}");
        break;
    case 2:
        text.append("{\"type\":\"sync_request\",\"data\":").append(body).append('}');
        break;
    default:
        text.append("{\"type\":\"task_delete\",").append(opId).append(",\"data\":").append(body).append('}');
        break;
    }
    return text;
}

QList<WsEvent> parseFrames(QByteArrayView input, qsizetype step)
{
    WsFrameParser parser(maxMessageBytes);
    QList<WsEvent> events;
    for (qsizetype at = 0; at < input.size(); at += step) {
        parser.feed(input.sliced(at, std::min(step, input.size() - at)));
        while (auto event = parser.next())
            events.append(std::move(event).value());
    }
    return events;
}

void checkFrames(QByteArrayView input)
{
    using Kind = WsEvent::Kind;
    const QList<WsEvent> events = parseFrames(input, std::max<qsizetype>(input.size(), 1));
    for (qsizetype i = 0; i < events.size(); ++i) {
        const WsEvent &event = events.at(i);
        switch (event.kind) {
        case Kind::Error:
            FUZZ_CHECK(i == events.size() - 1, input); // nothing after an error
            FUZZ_CHECK(event.code == 1002 || event.code == 1007 || event.code == 1009, input);
            FUZZ_CHECK(!event.error.isEmpty(), input);
            break;
        case Kind::Text:
            FUZZ_CHECK(tandem::sync::isValidUtf8(event.payload), input);
            FUZZ_CHECK(event.payload.size() <= maxMessageBytes, input);
            check(event.payload);
            break;
        case Kind::Binary:
            FUZZ_CHECK(event.payload.size() <= maxMessageBytes, input);
            break;
        case Kind::Ping:
        case Kind::Pong:
        case Kind::Close:
            FUZZ_CHECK(event.payload.size() <= 125, input);
            FUZZ_CHECK(event.kind != Kind::Close || (event.code >= 1000 && event.code <= 4999), input);
            break;
        }
    }
    // Split into pieces the input's first byte sizes: the same events.
    const qsizetype step = input.isEmpty() ? 1 : 1 + static_cast<unsigned char>(input.front()) % 7;
    const QList<WsEvent> split = parseFrames(input, step);
    FUZZ_CHECK(split.size() == events.size(), input);
    for (qsizetype i = 0; i < events.size(); ++i) {
        FUZZ_CHECK(split.at(i).kind == events.at(i).kind, input);
        FUZZ_CHECK(split.at(i).payload == events.at(i).payload, input);
        FUZZ_CHECK(split.at(i).code == events.at(i).code, input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    check(input);
    checkFrames(input);
    if (!input.isEmpty()) {
        const QByteArray inner = wrapped(input.front(), input.sliced(1));
        check(inner);
    }
    return 0;
}
