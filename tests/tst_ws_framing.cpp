// RFC 6455 framing end to end (issue 8): a raw TCP client sends what a
// broken or unusual client sends, and the real server answers as the RFC
// says: a close frame with 1002, 1007 or 1009 and then the end of the TCP
// connection; a pong with the ping's payload; fragmented messages joined;
// a client's close echoed.
#include "httptestclient.h"
#include "manualwebsocket.h"
#include "sync/syncserver.h"
#include "sync/wsconnection.h"
#include "sync/wsframe.h"
#include "syncfixture.h"

#include <QJsonDocument>
#include <QTest>

using namespace tandem;
using namespace tandem::sync;
using namespace tandem::test;

namespace {

constexpr quint32 mask = 0x1234abcd;

QByteArray masked(WsOpcode opcode, const QByteArray &payload, bool fin = true)
{
    return wsClientFrame(opcode, payload, mask, fin);
}

bool hasType(const QList<QJsonObject> &messages, const QString &type)
{
    return std::any_of(messages.cbegin(), messages.cend(), [&](const QJsonObject &message) {
        return message.value(QStringLiteral("type")).toString() == type;
    });
}

} // namespace

class TestWsFraming final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;

    bool start()
    {
        QString error;
        m_fixture = SyncFixture::createWithUser(QStringLiteral("alice"), &m_alice, &error);
        if (!m_fixture)
            qWarning("%s", qPrintable(error));
        return m_fixture != nullptr;
    }

    // Connected and welcomed, with a token in the URL.
    bool openAuthenticated(ManualWebSocket &client)
    {
        return client.open(m_fixture->port(), "/ws?token=" + m_alice.token.toLatin1())
            && client.waitFor([&] { return hasType(client.messages(), QStringLiteral("welcome")); }, 5'000);
    }

private Q_SLOTS:
    void cleanup() { m_fixture.reset(); }

    void violation_closeFrameWithCodeThenTcpClose_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        const QByteArray ping = "{\"type\":\"ping\"}";
        QTest::newRow("unmasked text: 1002") << wsClientFrame(WsOpcode::Text, ping, 0, true, false) << 1002;
        QByteArray reserved = masked(WsOpcode::Text, ping);
        reserved[0] = char(reserved.at(0) | 0x40);
        QTest::newRow("RSV1 without an extension: 1002") << reserved << 1002;
        QByteArray unknown = masked(WsOpcode::Text, ping);
        unknown[0] = char(0x83);
        QTest::newRow("unknown opcode: 1002") << unknown << 1002;
        QTest::newRow("continuation without a start: 1002") << masked(WsOpcode::Continuation, ping) << 1002;
        QTest::newRow("ping of 126 bytes: 1002") << masked(WsOpcode::Ping, QByteArray(126, 'p')) << 1002;
        QTest::newRow("invalid UTF-8: 1007")
            << masked(WsOpcode::Text, "{\"type\":\"ping\",\"x\":\"\xc0\xaf\"}") << 1007;
        // Refused on its header: the 2 MiB never need to be sent.
        QTest::newRow("frame over maxMessageBytes: 1009")
            << masked(WsOpcode::Text, QByteArray(2 * 1024 * 1024, 'x')).first(14) << 1009;
    }

    void violation_closeFrameWithCodeThenTcpClose()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QVERIFY(start());
        ManualWebSocket client;
        QVERIFY(openAuthenticated(client));
        QVERIFY(client.sendBytes(bytes));
        QVERIFY(client.waitFor([&] { return client.isDisconnected(); }, 5'000));
        QCOMPARE(client.closeCode(), code);
        // The close frame is the last thing the server sent.
        QCOMPARE(client.frames().constLast().opcode, int(ManualWebSocket::Close));
        QTRY_COMPARE(m_fixture->server().sessionCount(), 0);
    }

    void ping_answeredWithPongOfSamePayload()
    {
        QVERIFY(start());
        ManualWebSocket client;
        QVERIFY(openAuthenticated(client));
        const QByteArray payload = "are you there? \x01\x02";
        QVERIFY(client.sendBytes(masked(WsOpcode::Ping, payload)));
        QVERIFY(client.waitFor([&] { return client.count(ManualWebSocket::Pong) == 1; }, 5'000));
        const auto pong = std::find_if(client.frames().cbegin(), client.frames().cend(),
                                       [](const auto &frame) { return frame.opcode == ManualWebSocket::Pong; });
        QCOMPARE(pong->payload, payload);
        QVERIFY(!client.isDisconnected());
        QVERIFY(!client.closeCode().has_value());
    }

    void fragmentedAuth_withPingBetween_authenticates()
    {
        QVERIFY(start());
        ManualWebSocket client;
        QVERIFY(client.open(m_fixture->port(), "/ws"));
        const QByteArray auth = QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("auth")},
                                                          {QStringLiteral("token"), m_alice.token}})
                                    .toJson(QJsonDocument::Compact);
        const qsizetype third = auth.size() / 3;
        QByteArray bytes = masked(WsOpcode::Text, auth.first(third), false) + masked(WsOpcode::Ping, "between")
            + masked(WsOpcode::Continuation, auth.sliced(third, third), false)
            + masked(WsOpcode::Continuation, auth.sliced(2 * third));
        // Written in two pieces that split a frame header.
        QVERIFY(client.sendBytes(bytes.first(third + 7)));
        QTest::qWait(50);
        QVERIFY(client.sendBytes(bytes.sliced(third + 7)));
        QVERIFY(client.waitFor([&] { return hasType(client.messages(), QStringLiteral("welcome")); }, 5'000));
        QCOMPARE(client.count(ManualWebSocket::Pong), 1);
        QVERIFY(!client.closeCode().has_value());
    }

    void binaryMessage_badJsonError_connectionStays()
    {
        QVERIFY(start());
        ManualWebSocket client;
        QVERIFY(openAuthenticated(client));
        QVERIFY(client.sendBytes(masked(WsOpcode::Binary, QByteArray::fromHex("0001"))));
        QVERIFY(client.waitFor([&] { return hasType(client.messages(), QStringLiteral("error")); }, 5'000));
        QVERIFY(!client.closeCode().has_value());
    }

    void clientClose_echoedThenTcpClosed()
    {
        QVERIFY(start());
        ManualWebSocket client;
        QVERIFY(openAuthenticated(client));
        QVERIFY(client.sendBytes(masked(WsOpcode::Close, wsClosePayload(1000, QStringLiteral("bye")))));
        QVERIFY(client.waitFor([&] { return client.isDisconnected(); }, 5'000));
        QCOMPARE(client.closeCode(), 1000);
        QTRY_COMPARE(m_fixture->server().sessionCount(), 0);
    }

    void handshake_acceptKey_rfcExample()
    {
        // RFC 6455 1.3, and what the server answers ManualWebSocket's key with.
        QCOMPARE(WsConnection::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        QVERIFY(start());
        ManualWebSocket client;
        QVERIFY(openAuthenticated(client));
        QVERIFY(client.handshakeResponse().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }
};

QTEST_GUILESS_MAIN(TestWsFraming)
#include "tst_ws_framing.moc"
