// The server's RFC 6455 frame codec (sync/wsframe.h) on bytes alone: the
// RFC's own examples, every length encoding, fragmentation with control
// frames in between, every refusal with the close code the RFC names, and
// any split of the input down to one byte at a time.
#include "sync/wsframe.h"

#include <QTest>

using namespace tandem::sync;

namespace {

using Kind = WsEvent::Kind;
constexpr quint32 mask = 0x37fa213d;
constexpr qint64 limit = 1000;

QList<WsEvent> drain(WsFrameParser &parser)
{
    QList<WsEvent> events;
    while (auto event = parser.next())
        events.append(std::move(event).value());
    return events;
}

// Feeds `bytes` in pieces of `step` bytes (0: all at once), taking events as they come.
QList<WsEvent> parse(const QByteArray &bytes, qsizetype step = 0, qint64 maxMessageBytes = limit)
{
    WsFrameParser parser(maxMessageBytes);
    if (step == 0) {
        parser.feed(bytes);
        return drain(parser);
    }
    QList<WsEvent> events;
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        parser.feed(QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at)));
        events += drain(parser);
    }
    return events;
}

QByteArray frame(WsOpcode opcode, const QByteArray &payload, bool fin = true)
{
    return wsClientFrame(opcode, payload, mask, fin);
}

QByteArray closeFrame(int code, const QByteArray &reason)
{
    QByteArray payload;
    payload.append(char(code >> 8)).append(char(code & 0xff)).append(reason);
    return frame(WsOpcode::Close, payload);
}

} // namespace

class TestWsFrame final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wsFrame_rfcExamples_sameBytes()
    {
        // RFC 6455 5.7: an unmasked "Hello", and 256 bytes and 64 KiB of binary.
        QCOMPARE(wsFrame(WsOpcode::Text, "Hello"), QByteArray::fromHex("810548656c6c6f"));
        QCOMPARE(wsFrame(WsOpcode::Binary, QByteArray(256, 'x')).first(4), QByteArray::fromHex("827e0100"));
        QCOMPARE(wsFrame(WsOpcode::Binary, QByteArray(65536, 'x')).first(10),
                 QByteArray::fromHex("827f0000000000010000"));
        QCOMPARE(wsFrame(WsOpcode::Binary, QByteArray(65536, 'x')).size(), 65536 + 10);
    }

    void parse_rfcMaskedHello_text()
    {
        const QList<WsEvent> events = parse(QByteArray::fromHex("818537fa213d7f9f4d5158"));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).kind, Kind::Text);
        QCOMPARE(events.at(0).payload, QByteArray("Hello"));
    }

    void parse_lengths_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("lengthField"); // the 7-bit length the header carries
        QTest::addColumn<int>("step");
        for (const int step : {0, 1, 7}) {
            QTest::addRow("empty/step %d", step) << 0 << 0 << step;
            QTest::addRow("125: 7-bit/step %d", step) << 125 << 125 << step;
            QTest::addRow("126: 16-bit/step %d", step) << 126 << 126 << step;
            QTest::addRow("65535: 16-bit/step %d", step) << 65535 << 126 << step;
            QTest::addRow("65536: 64-bit/step %d", step) << 65536 << 127 << step;
            QTest::addRow("70000: 64-bit/step %d", step) << 70000 << 127 << step;
        }
    }

    void parse_lengths()
    {
        QFETCH(int, size);
        QFETCH(int, lengthField);
        QFETCH(int, step);
        QByteArray payload(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            payload[i] = char('a' + i % 26);
        const QByteArray bytes = frame(WsOpcode::Text, payload);
        QCOMPARE(quint8(bytes.at(1)), quint8(0x80 | lengthField));
        const QList<WsEvent> events = parse(bytes, step, 100'000);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).kind, Kind::Text);
        QCOMPARE(events.at(0).payload, payload);
    }

    void parse_fragmentedWithControlFrames_messageWhole()
    {
        const QByteArray bytes = frame(WsOpcode::Text, "{\"type\":", false) + frame(WsOpcode::Ping, "p1")
            + frame(WsOpcode::Continuation, "\"auth\",", false) + frame(WsOpcode::Pong, "p2")
            + frame(WsOpcode::Continuation, "\"token\":\"t\"}") + frame(WsOpcode::Binary, "\x01\x02", false)
            + frame(WsOpcode::Continuation, "\x03") + closeFrame(1000, "bye");
        for (const qsizetype step : {0, 1, 2, 5}) {
            const QList<WsEvent> events = parse(bytes, step);
            QCOMPARE(events.size(), 5);
            QCOMPARE(events.at(0).kind, Kind::Ping);
            QCOMPARE(events.at(0).payload, QByteArray("p1"));
            QCOMPARE(events.at(1).kind, Kind::Pong);
            QCOMPARE(events.at(1).payload, QByteArray("p2"));
            QCOMPARE(events.at(2).kind, Kind::Text);
            QCOMPARE(events.at(2).payload, QByteArray("{\"type\":\"auth\",\"token\":\"t\"}"));
            QCOMPARE(events.at(3).kind, Kind::Binary);
            QCOMPARE(events.at(3).payload, QByteArray("\x01\x02\x03"));
            QCOMPARE(events.at(4).kind, Kind::Close);
            QCOMPARE(events.at(4).code, 1000);
            QCOMPARE(events.at(4).payload, QByteArray("bye"));
        }
    }

    void parse_utf8SplitAcrossFragments_accepted()
    {
        const QByteArray euro = "\xe2\x82\xac";
        const QList<WsEvent> events
            = parse(frame(WsOpcode::Text, euro.first(1), false) + frame(WsOpcode::Continuation, euro.sliced(1)), 1);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).payload, euro);
    }

    void parse_closeWithoutCode_noStatus()
    {
        const QList<WsEvent> events = parse(frame(WsOpcode::Close, {}));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).kind, Kind::Close);
        QCOMPARE(events.at(0).code, WsCloseCode::NoStatus);
    }

    void parse_messageAtLimit_accepted()
    {
        QCOMPARE(parse(frame(WsOpcode::Text, QByteArray(limit, 'x'))).constFirst().kind, Kind::Text);
        const QByteArray half(limit / 2, 'x');
        const QList<WsEvent> events
            = parse(frame(WsOpcode::Text, half, false) + frame(WsOpcode::Continuation, half), 3);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).payload.size(), limit);
    }

    void parse_refused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        const int protocol = WsCloseCode::ProtocolError;
        QTest::newRow("unmasked text (RFC example)") << QByteArray::fromHex("810548656c6c6f") << protocol;
        QTest::newRow("unmasked empty ping") << QByteArray::fromHex("8900") << protocol;
        QByteArray rsv = frame(WsOpcode::Text, "x");
        for (const auto &[name, bit] : {std::pair{"RSV1 set", 0x40}, {"RSV2 set", 0x20}, {"RSV3 set", 0x10}}) {
            QByteArray bytes = rsv;
            bytes[0] = char(bytes.at(0) | bit);
            QTest::newRow(name) << bytes << protocol;
        }
        for (const int opcode : {0x3, 0x7, 0xB, 0xF}) {
            QByteArray bytes = rsv;
            bytes[0] = char(0x80 | opcode);
            QTest::newRow(qPrintable(QStringLiteral("unknown opcode %1").arg(opcode))) << bytes << protocol;
        }
        QTest::newRow("ping of 126 bytes") << frame(WsOpcode::Ping, QByteArray(126, 'p')) << protocol;
        QTest::newRow("fragmented ping") << frame(WsOpcode::Ping, "p", false) << protocol;
        QTest::newRow("fragmented close") << wsClientFrame(WsOpcode::Close, {}, mask, false) << protocol;
        QTest::newRow("continuation without a start") << frame(WsOpcode::Continuation, "x") << protocol;
        QTest::newRow("text inside a fragmented text")
            << frame(WsOpcode::Text, "a", false) + frame(WsOpcode::Text, "b") << protocol;
        QTest::newRow("binary inside a fragmented text")
            << frame(WsOpcode::Text, "a", false) + frame(WsOpcode::Binary, "b") << protocol;
        QTest::newRow("close of one byte") << frame(WsOpcode::Close, "\x03") << protocol;
        for (const int code : {0, 999, 1004, 1005, 1006, 1015, 2999, 5000}) {
            QTest::newRow(qPrintable(QStringLiteral("close with code %1").arg(code)))
                << closeFrame(code, {}) << protocol;
        }
        QTest::newRow("64-bit length with its top bit")
            << QByteArray::fromHex("82ff8000000000000001") + QByteArray(4, '\0') << protocol;

        const int invalid = WsCloseCode::InvalidPayload;
        QTest::newRow("text 0xff") << frame(WsOpcode::Text, "ok \xff") << invalid;
        QTest::newRow("text overlong '/'") << frame(WsOpcode::Text, "\xc0\xaf") << invalid;
        QTest::newRow("text surrogate") << frame(WsOpcode::Text, "\xed\xa0\x80") << invalid;
        QTest::newRow("text past U+10FFFF") << frame(WsOpcode::Text, "\xf4\x90\x80\x80") << invalid;
        QTest::newRow("text cut inside a character") << frame(WsOpcode::Text, "\xe2\x82") << invalid;
        QTest::newRow("text invalid across fragments")
            << frame(WsOpcode::Text, "\xe2", false) + frame(WsOpcode::Continuation, "\x28\xa1") << invalid;
        QTest::newRow("close reason 0xff") << closeFrame(1000, "\xff") << invalid;

        const int tooBig = WsCloseCode::TooBig;
        QTest::newRow("frame over the limit") << frame(WsOpcode::Text, QByteArray(limit + 1, 'x')) << tooBig;
        QTest::newRow("binary over the limit") << frame(WsOpcode::Binary, QByteArray(limit + 1, 'x')) << tooBig;
        QTest::newRow("message over the limit in fragments")
            << frame(WsOpcode::Text, QByteArray(600, 'x'), false) + frame(WsOpcode::Continuation, QByteArray(600, 'x'))
            << tooBig;
    }

    void parse_refused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        for (const qsizetype step : {0, 1}) {
            WsFrameParser parser(limit);
            QList<WsEvent> events;
            for (qsizetype at = 0; at < bytes.size(); at += step == 0 ? bytes.size() : step) {
                parser.feed(QByteArrayView(bytes).sliced(at, step == 0 ? bytes.size() : 1));
                events += drain(parser);
            }
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.at(0).kind, Kind::Error);
            QCOMPARE(events.at(0).code, code);
            QVERIFY(!events.at(0).error.isEmpty());
            QVERIFY(parser.hasFailed());
            // Nothing more, whatever follows.
            parser.feed(frame(WsOpcode::Text, "after"));
            QVERIFY(!parser.next());
        }
    }

    void parse_oversizedHeader_refusedBeforePayload()
    {
        // A 2^40-byte frame is refused on its header: nothing is buffered for it.
        WsFrameParser parser(limit);
        parser.feed(QByteArray(QByteArray::fromHex("82ff0000010000000000") + QByteArray(4, '\0')));
        const auto event = parser.next();
        QVERIFY(event);
        QCOMPARE(event->kind, Kind::Error);
        QCOMPARE(event->code, WsCloseCode::TooBig);
    }

    void parse_unmaskedHeader_refusedOnTwoBytes()
    {
        WsFrameParser parser(limit);
        parser.feed(QByteArray::fromHex("817e"));
        const auto event = parser.next();
        QVERIFY(event);
        QCOMPARE(event->code, WsCloseCode::ProtocolError);
    }

    void wsClosePayload_longReason_cutOnCharacter()
    {
        const QByteArray payload = wsClosePayload(4008, QString(200, QChar(0xe9))); // é: two bytes each
        QVERIFY(payload.size() <= 125);
        QCOMPARE(payload.first(2), QByteArray::fromHex("0fa8"));
        QVERIFY(isValidUtf8(payload.sliced(2)));
        QCOMPARE(payload.size(), 2 + 122);
        QCOMPARE(wsClosePayload(WsCloseCode::NoStatus, QStringLiteral("x")), QByteArray());
    }

    void isValidUtf8_table_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("hello") << true;
        QTest::newRow("2-byte") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("3-byte") << QByteArray("\xe2\x82\xac") << true;
        QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("NUL") << QByteArray(1, '\0') << true;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
        QTest::newRow("overlong 2-byte") << QByteArray("\xc1\xbf") << false;
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x9f\xbf") << false;
        QTest::newRow("overlong 4-byte") << QByteArray("\xf0\x8f\xbf\xbf") << false;
        QTest::newRow("surrogate") << QByteArray("\xed\xbf\xbf") << false;
        QTest::newRow("past U+10FFFF") << QByteArray("\xf5\x80\x80\x80") << false;
        QTest::newRow("truncated") << QByteArray("\xf0\x9f\x98") << false;
        QTest::newRow("bad continuation") << QByteArray("\xe2\x28\xa1") << false;
    }

    void isValidUtf8_table()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(bytes), valid);
    }
};

QTEST_GUILESS_MAIN(TestWsFrame)
#include "tst_ws_frame.moc"
