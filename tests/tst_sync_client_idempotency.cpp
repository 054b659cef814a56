// SyncClient across a connection lost between the commit and the ack: the
// client replays the same opId, the server applies it once and answers with
// the original ack.
#include "domain/json.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "sync/syncclient.h"
#include "syncfixture.h"
#include "tcpproxy.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace tandem;
using sync::SyncClient;

namespace {

// The JSON object that starts at `start` in `bytes` (a WebSocket text frame's
// payload), found by matching braces outside strings.
QJsonObject objectAt(const QByteArray &bytes, qsizetype start)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = start; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return QJsonDocument::fromJson(bytes.mid(start, i - start + 1)).object();
    }
    return {};
}

// Every ack for `opId` the server sent through the proxy, in order.
QList<QJsonObject> acksFor(const QList<QByteArray> &streams, const QUuid &opId)
{
    QList<QJsonObject> acks;
    for (const QByteArray &stream : streams) {
        for (qsizetype at = stream.indexOf("{\"type\":\"ack\""); at >= 0;
             at = stream.indexOf("{\"type\":\"ack\"", at + 1)) {
            const QJsonObject ack = objectAt(stream, at);
            if (ack.value(QStringLiteral("opId")).toString() == uuidText(opId))
                acks.append(ack);
        }
    }
    return acks;
}

} // namespace

class TestSyncClientIdempotency : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::SyncFixture> m_fixture;
    AuthToken m_alice;

private Q_SLOTS:
    void init()
    {
        QString error;
        m_fixture = test::SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        m_alice = alice.value();
    }

    void cleanup() { m_fixture.reset(); }

    void replay_ackLostAfterCommit_appliesOnceAndAnswersWithTheSameAck_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("create") << QStringLiteral("task_create");
        // With a base revision, a second application would be a conflict.
        QTest::newRow("update") << QStringLiteral("task_update");
        // A second application would be NotFound.
        QTest::newRow("delete") << QStringLiteral("task_delete");
    }

    void replay_ackLostAfterCommit_appliesOnceAndAnswersWithTheSameAck()
    {
        QFETCH(QString, command);
        const QUuid owner = m_alice.user.id;
        QUuid existing;
        if (command != u"task_create") {
            TaskDraft draft;
            draft.title = QStringLiteral("existing");
            auto created = m_fixture->tasks().create(owner, draft);
            TANDEM_VERIFY_OK(created);
            existing = created->entityId();
        }

        test::TcpProxy proxy(m_fixture->port());
        QVERIFY(proxy.listen());
        proxy.cutWhenServerSends("\"type\":\"ack\"");
        auto created = SyncClient::create(test::SyncFixture::fastClientOptions());
        TANDEM_VERIFY_OK(created);
        SyncClient &client = *created.value();
        client.start(test::SyncFixture::webSocketUrl(proxy.port()), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client.isLoading(), 10'000);
        QCOMPARE(client.tasks().size(), existing.isNull() ? 0 : 1);

        QSignalSpy acked(&client, &SyncClient::opAcknowledged);
        QSignalSpy failed(&client, &SyncClient::opFailed);
        Result<QUuid> op = Error::storage({});
        if (command == u"task_create") {
            TaskDraft draft;
            draft.title = QStringLiteral("made once");
            op = client.createTask(draft);
        } else if (command == u"task_update") {
            TaskPatch patch;
            patch.title = QStringLiteral("renamed once");
            op = client.updateTask(existing, patch, 1);
        } else {
            op = client.deleteTask(existing, 1);
        }
        TANDEM_VERIFY_OK(op);
        QCOMPARE(client.pendingCount(), 1);

        // The server committed it and the ack was lost on the way.
        QTRY_VERIFY_WITH_TIMEOUT(proxy.hasCut(), 10'000);
        QVERIFY(proxy.droppedBytes().contains(uuidText(op.value()).toLatin1()));
        auto log = m_fixture->changeLog(owner);
        TANDEM_VERIFY_OK(log);
        const auto committed = [&](const QList<Change> &changes) {
            QList<Change> mine;
            for (const Change &change : changes) {
                if (change.opId == op.value())
                    mine.append(change);
            }
            return mine;
        };
        QCOMPARE(committed(log.value()).size(), 1);
        const qint64 seq = committed(log.value()).constFirst().seq;

        // Reconnected, replayed, acknowledged with the original seq.
        QTRY_COMPARE_WITH_TIMEOUT(acked.count(), 1, 15'000);
        QCOMPARE(acked.at(0).at(0).value<QUuid>(), op.value());
        QCOMPARE(acked.at(0).at(1).toLongLong(), seq);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(client.pendingCount(), 0);
        QVERIFY(proxy.connectionCount() >= 2);

        // Applied once: one change for the opId, nothing else written.
        log = m_fixture->changeLog(owner);
        TANDEM_VERIFY_OK(log);
        QCOMPARE(committed(log.value()).size(), 1);
        QCOMPARE(log->size(), existing.isNull() ? 1 : 2);

        // The same ack, byte for byte in meaning: the one lost and the replay's.
        const QList<QJsonObject> acks = acksFor(proxy.serverBytes(), op.value());
        QCOMPARE(acks.size(), 2);
        QCOMPARE(acks.at(0), acks.at(1));
        QCOMPARE(acks.at(1).value(QStringLiteral("seq")).toInteger(), seq);

        auto serverTasks = m_fixture->serverTasks(owner);
        TANDEM_VERIFY_OK(serverTasks);
        if (command == u"task_delete") {
            QVERIFY(serverTasks->isEmpty());
        } else {
            QCOMPARE(serverTasks->size(), 1);
            QCOMPARE(serverTasks->constFirst().revision, existing.isNull() ? 1 : 2);
            const QJsonObject ackTask
                = acks.at(1).value(QStringLiteral("data")).toObject().value(QStringLiteral("task")).toObject();
            QCOMPARE(ackTask, taskToJson(serverTasks->constFirst()));
        }
        QTRY_COMPARE_WITH_TIMEOUT(client.appliedSeq(), seq, 5'000);
        QCOMPARE(client.tasks(), serverTasks.value());
    }
};

QTEST_GUILESS_MAIN(TestSyncClientIdempotency)
#include "tst_sync_client_idempotency.moc"
