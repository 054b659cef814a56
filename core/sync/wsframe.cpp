#include "wsframe.h"

#include <QtEndian>

#include <utility>

namespace tandem::sync {

namespace {

constexpr qsizetype maxControlPayload = 125;

bool isKnownOpcode(int opcode)
{
    switch (opcode) {
    case int(WsOpcode::Continuation):
    case int(WsOpcode::Text):
    case int(WsOpcode::Binary):
    case int(WsOpcode::Close):
    case int(WsOpcode::Ping):
    case int(WsOpcode::Pong):
        return true;
    default:
        return false;
    }
}

// The codes a peer may put in a close frame (RFC 6455 7.4): the defined ones
// that are not reserved for "no frame" situations, and the private ranges.
bool isValidCloseCode(int code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

void appendHeader(QByteArray &frame, quint8 first, qsizetype length, bool masked)
{
    const quint8 maskBit = masked ? 0x80 : 0x00;
    frame.append(char(first));
    if (length < 126) {
        frame.append(char(maskBit | quint8(length)));
    } else if (length <= 0xffff) {
        frame.append(char(maskBit | 126));
        frame.append(char(length >> 8)).append(char(length & 0xff));
    } else {
        frame.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(length) >> shift) & 0xff));
    }
}

} // namespace

QByteArray wsFrame(WsOpcode opcode, QByteArrayView payload)
{
    QByteArray frame;
    frame.reserve(payload.size() + 10);
    appendHeader(frame, 0x80 | quint8(opcode), payload.size(), false);
    frame.append(payload);
    return frame;
}

QByteArray wsClientFrame(WsOpcode opcode, QByteArrayView payload, quint32 maskKey, bool fin, bool masked)
{
    QByteArray frame;
    frame.reserve(payload.size() + 14);
    appendHeader(frame, (fin ? 0x80 : 0x00) | quint8(opcode), payload.size(), masked);
    if (!masked)
        return frame.append(payload);
    const char key[4] = {char(maskKey >> 24), char(maskKey >> 16), char(maskKey >> 8), char(maskKey)};
    frame.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ key[i % 4]));
    return frame;
}

QByteArray wsClosePayload(int code, const QString &reason)
{
    if (code == WsCloseCode::NoStatus)
        return {};
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(quint16(code), payload.data());
    QByteArray text = reason.toUtf8();
    if (text.size() > maxControlPayload - 2) {
        qsizetype end = maxControlPayload - 2;
        while (end > 0 && (quint8(text.at(end)) & 0xC0) == 0x80) // not inside a character
            --end;
        text.truncate(end);
    }
    return payload + text;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const quint8 lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int extra = 0;
        quint8 low = 0x80, high = 0xBF; // the allowed range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
            if (lead == 0xE0)
                low = 0xA0; // overlong
            else if (lead == 0xED)
                high = 0x9F; // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
            if (lead == 0xF0)
                low = 0x90; // overlong
            else if (lead == 0xF4)
                high = 0x8F; // past U+10FFFF
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        if (p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += extra + 1;
    }
    return true;
}

WsFrameParser::WsFrameParser(qint64 maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{ }

void WsFrameParser::feed(QByteArrayView bytes)
{
    if (m_failed || bytes.isEmpty())
        return;
    if (m_consumed > 0 && m_consumed == m_buffer.size()) {
        m_buffer.resize(0);
        m_consumed = 0;
    } else if (m_consumed > 64 * 1024) {
        m_buffer.remove(0, m_consumed);
        m_consumed = 0;
    }
    m_buffer.append(bytes);
}

WsEvent WsFrameParser::fail(int code, const QString &message)
{
    m_failed = true;
    m_buffer.clear();
    m_message.clear();
    m_consumed = 0;
    return WsEvent{WsEvent::Kind::Error, {}, code, message};
}

std::optional<WsEvent> WsFrameParser::next()
{
    while (!m_failed) {
        const auto *data = reinterpret_cast<const quint8 *>(m_buffer.constData()) + m_consumed;
        const qsizetype available = m_buffer.size() - m_consumed;
        if (available < 2)
            return std::nullopt;
        const bool fin = data[0] & 0x80;
        const int opcodeValue = data[0] & 0x0F;
        const bool masked = data[1] & 0x80;
        const int shortLength = data[1] & 0x7F;
        // Judged on the first two bytes, before any payload is waited for.
        if (data[0] & 0x70)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("reserved bits set, but no extension was agreed"));
        if (!isKnownOpcode(opcodeValue))
            return fail(WsCloseCode::ProtocolError, QStringLiteral("unknown opcode %1").arg(opcodeValue));
        if (!masked)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("a client's frames must be masked"));
        const auto opcode = WsOpcode(opcodeValue);
        const bool control = opcodeValue & 0x8;
        if (control && !fin)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("a control frame must not be fragmented"));
        if (control && shortLength > maxControlPayload)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("a control frame's payload is at most 125 bytes"));
        if (opcode == WsOpcode::Continuation && !m_fragmented)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("a continuation frame without a message"));
        if ((opcode == WsOpcode::Text || opcode == WsOpcode::Binary) && m_fragmented)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("a new message inside a fragmented one"));

        const int lengthBytes = shortLength == 126 ? 2 : (shortLength == 127 ? 8 : 0);
        if (available < 2 + lengthBytes)
            return std::nullopt;
        quint64 length = quint64(shortLength);
        if (lengthBytes == 2)
            length = qFromBigEndian<quint16>(data + 2);
        else if (lengthBytes == 8)
            length = qFromBigEndian<quint64>(data + 2);
        if (length >> 63)
            return fail(WsCloseCode::ProtocolError, QStringLiteral("a frame length with its top bit set"));
        const quint64 limit = quint64(m_maxMessageBytes);
        if (length > limit || (!control && quint64(m_message.size()) + length > limit))
            return fail(WsCloseCode::TooBig, QStringLiteral("a message over %1 bytes").arg(m_maxMessageBytes));

        const qsizetype headerLength = 2 + lengthBytes + 4;
        if (quint64(available) < quint64(headerLength) + length)
            return std::nullopt;
        const quint8 *key = data + 2 + lengthBytes;
        const quint8 *body = data + headerLength;
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        char *out = payload.data();
        for (qsizetype i = 0; i < qsizetype(length); ++i)
            out[i] = char(body[i] ^ key[i & 3]);
        m_consumed += headerLength + qsizetype(length);

        if (control)
            return controlEvent(opcode, std::move(payload));
        if (opcode != WsOpcode::Continuation) {
            m_messageOpcode = opcode;
            m_message = std::move(payload);
        } else {
            m_message.append(payload);
        }
        m_fragmented = !fin;
        if (!fin)
            continue;
        QByteArray message = std::exchange(m_message, QByteArray());
        if (m_messageOpcode == WsOpcode::Binary)
            return WsEvent{WsEvent::Kind::Binary, std::move(message), 0, {}};
        if (!isValidUtf8(message))
            return fail(WsCloseCode::InvalidPayload, QStringLiteral("a text message that is not valid UTF-8"));
        return WsEvent{WsEvent::Kind::Text, std::move(message), 0, {}};
    }
    return std::nullopt;
}

WsEvent WsFrameParser::controlEvent(WsOpcode opcode, QByteArray payload)
{
    if (opcode == WsOpcode::Ping)
        return WsEvent{WsEvent::Kind::Ping, std::move(payload), 0, {}};
    if (opcode == WsOpcode::Pong)
        return WsEvent{WsEvent::Kind::Pong, std::move(payload), 0, {}};
    // Close
    if (payload.isEmpty())
        return WsEvent{WsEvent::Kind::Close, {}, WsCloseCode::NoStatus, {}};
    if (payload.size() == 1)
        return fail(WsCloseCode::ProtocolError, QStringLiteral("a close frame with a one-byte payload"));
    const int code = qFromBigEndian<quint16>(payload.constData());
    if (!isValidCloseCode(code))
        return fail(WsCloseCode::ProtocolError, QStringLiteral("a close frame with the invalid code %1").arg(code));
    QByteArray reason = payload.sliced(2);
    if (!isValidUtf8(reason))
        return fail(WsCloseCode::InvalidPayload, QStringLiteral("a close reason that is not valid UTF-8"));
    return WsEvent{WsEvent::Kind::Close, std::move(reason), code, {}};
}

} // namespace tandem::sync
