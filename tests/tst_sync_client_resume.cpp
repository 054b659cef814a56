// SyncClient resuming after time away: exactly the missed changes, in order,
// once each; and a snapshot when the server's log no longer reaches back.
#include "domain/json.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "sync/protocol.h"
#include "sync/syncclient.h"
#include "syncfixture.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace tandem;
using sync::SyncClient;

class TestSyncClientResume : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::SyncFixture> m_fixture;
    AuthToken m_alice;

    std::unique_ptr<SyncClient> newClient()
    {
        auto client = SyncClient::create(test::SyncFixture::fastClientOptions());
        if (!client)
            return nullptr;
        return std::move(client).value();
    }

    TaskDraft draft(const QString &title)
    {
        TaskDraft d;
        d.title = title;
        return d;
    }

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

    void resume_afterThousandChanges_receivesEachOnceInOrder()
    {
        const QUuid owner = m_alice.user.id;
        // Something to update and delete while the client is away.
        QList<QUuid> existing;
        for (int i = 0; i < 10; ++i) {
            auto created = m_fixture->tasks().create(owner, draft(QStringLiteral("existing %1").arg(i)));
            TANDEM_VERIFY_OK(created);
            existing.append(created->entityId());
        }
        auto client = newClient();
        QVERIFY(client);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client->isLoading(), 10'000);
        QCOMPARE(client->tasks().size(), 10);
        client->stop();
        QCOMPARE(client->state(), SyncClient::State::Offline);
        const qint64 before = client->appliedSeq();
        QCOMPARE(before, 10);

        QList<qint64> seqs;
        QList<QUuid> opIds;
        connect(client.get(), &SyncClient::eventApplied, this, [&](const Change &change) {
            seqs.append(change.seq);
            opIds.append(change.opId);
        });
        QSignalSpy changed(client.get(), &SyncClient::taskChanged);
        QSignalSpy removed(client.get(), &SyncClient::taskRemoved);
        QSignalSpy resets(client.get(), &SyncClient::replicaReset);

        // 1,000 changes while it is away: 700 creates, 290 updates, 10 deletes.
        QList<QUuid> madeOps;
        QList<QUuid> live = existing;
        for (int i = 0; i < 1000; ++i) {
            const QUuid op = QUuid::createUuid();
            madeOps.append(op);
            if (i % 100 == 99) {
                TANDEM_VERIFY_OK(m_fixture->tasks().remove(owner, live.takeFirst(), std::nullopt, op));
            } else if (i % 10 >= 7) {
                TaskPatch patch;
                patch.title = QStringLiteral("updated %1").arg(i);
                TANDEM_VERIFY_OK(m_fixture->tasks().update(owner, live.at(i % live.size()), patch, std::nullopt, op));
            } else {
                auto created = m_fixture->tasks().create(owner, draft(QStringLiteral("new %1").arg(i)), op);
                TANDEM_VERIFY_OK(created);
                live.append(created->entityId());
            }
        }
        QCOMPARE(seqs.size(), 0); // nothing arrives while stopped

        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_COMPARE_WITH_TIMEOUT(seqs.size(), 1000, 30'000);
        // One more change as a barrier: once it is in, anything repeated would be too.
        const QUuid barrierOp = QUuid::createUuid();
        TANDEM_VERIFY_OK(m_fixture->tasks().create(owner, draft(QStringLiteral("barrier")), barrierOp));
        madeOps.append(barrierOp);
        QTRY_COMPARE_WITH_TIMEOUT(seqs.size(), 1001, 10'000);

        for (int i = 0; i < seqs.size(); ++i)
            QCOMPARE(seqs.at(i), before + 1 + i);
        QCOMPARE(opIds, madeOps);
        QCOMPARE(resets.count(), 0); // resumed from the log, not a snapshot
        QCOMPARE(changed.count(), 700 + 290 + 1);
        QCOMPARE(removed.count(), 10);
        QCOMPARE(client->appliedSeq(), before + 1001);

        auto serverTasks = m_fixture->serverTasks(owner);
        TANDEM_VERIFY_OK(serverTasks);
        QCOMPARE(client->tasks(), serverTasks.value());
    }

    void resume_sinceOlderThanLog_getsSnapshotEqualToServer()
    {
        const QUuid owner = m_alice.user.id;
        QList<QUuid> ids;
        for (int i = 0; i < 20; ++i) {
            auto created = m_fixture->tasks().create(owner, draft(QStringLiteral("task %1").arg(i)));
            TANDEM_VERIFY_OK(created);
            ids.append(created->entityId());
        }
        auto client = newClient();
        QVERIFY(client);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client->isLoading(), 10'000);
        client->stop();
        QCOMPARE(client->appliedSeq(), 20);

        // Away: more work, then the log is trimmed past the client's position.
        for (int i = 0; i < 30; ++i)
            TANDEM_VERIFY_OK(m_fixture->tasks().create(owner, draft(QStringLiteral("later %1").arg(i))));
        for (int i = 0; i < 5; ++i) {
            TaskPatch patch;
            patch.status = TaskStatus::Completed;
            TANDEM_VERIFY_OK(m_fixture->tasks().update(owner, ids.at(i), patch));
        }
        for (int i = 5; i < 10; ++i)
            TANDEM_VERIFY_OK(m_fixture->tasks().remove(owner, ids.at(i)));
        auto compacted = m_fixture->store().compact(QDateTime::currentDateTimeUtc().addDays(1));
        TANDEM_VERIFY_OK(compacted);
        QVERIFY(compacted->changes > 0);
        auto batch = m_fixture->store().changesSince(owner, client->appliedSeq(), 10);
        TANDEM_VERIFY_OK(batch);
        QVERIFY(batch->truncated); // the precondition: the log no longer reaches back to the client

        QSignalSpy resets(client.get(), &SyncClient::replicaReset);
        QSignalSpy events(client.get(), &SyncClient::eventApplied);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_COMPARE_WITH_TIMEOUT(resets.count(), 1, 10'000);
        auto head = m_fixture->store().head(owner);
        TANDEM_VERIFY_OK(head);
        QCOMPARE(client->appliedSeq(), head.value());
        QCOMPARE(events.count(), 0);

        auto serverTasks = m_fixture->serverTasks(owner);
        TANDEM_VERIFY_OK(serverTasks);
        QCOMPARE(serverTasks->size(), 45);
        QCOMPARE(client->tasks(), serverTasks.value());
        QCOMPARE(client->confirmedTasks(), serverTasks.value());

        // And it carries on live from the snapshot's seq.
        auto after = m_fixture->tasks().create(owner, draft(QStringLiteral("after the snapshot")));
        TANDEM_VERIFY_OK(after);
        QTRY_COMPARE_WITH_TIMEOUT(events.count(), 1, 10'000);
        QCOMPARE(client->appliedSeq(), after->seq);
        QVERIFY(client->task(after->entityId()).has_value());
    }

    void liveEvents_whileConnected_arriveOnceInOrder()
    {
        const QUuid owner = m_alice.user.id;
        auto client = newClient();
        QVERIFY(client);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client->isLoading(), 10'000);
        QList<qint64> seqs;
        connect(client.get(), &SyncClient::eventApplied, this, [&](const Change &change) { seqs.append(change.seq); });
        for (int i = 0; i < 200; ++i) {
            TANDEM_VERIFY_OK(m_fixture->tasks().create(owner, draft(QStringLiteral("live %1").arg(i))));
            if (i % 20 == 0)
                QCoreApplication::processEvents(); // let some go out one by one
        }
        QTRY_COMPARE_WITH_TIMEOUT(seqs.size(), 200, 20'000);
        for (int i = 0; i < seqs.size(); ++i)
            QCOMPARE(seqs.at(i), i + 1);
        QCOMPARE(client->state(), SyncClient::State::Connected);
        QCOMPARE(client->statusText(), QStringLiteral("connected"));
    }

    void chatChanges_liveAndInTheSnapshot_keepSessionsInStep()
    {
        const QUuid owner = m_alice.user.id;
        auto early = m_fixture->chats().createSession(owner, QStringLiteral("Before"));
        TANDEM_VERIFY_OK(early);
        auto client = newClient();
        QVERIFY(client);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client->isLoading(), 10'000);
        QCOMPARE(client->sessions().size(), 1); // from the snapshot
        QCOMPARE(client->sessions().constFirst().title, QStringLiteral("Before"));

        QSignalSpy sessionChanged(client.get(), &SyncClient::sessionChanged);
        QSignalSpy sessionRemoved(client.get(), &SyncClient::sessionRemoved);
        QSignalSpy messages(client.get(), &SyncClient::messageReceived);
        auto session = m_fixture->chats().createSession(owner, QStringLiteral("Plans"));
        TANDEM_VERIFY_OK(session);
        const QUuid id = session->entityId();
        TANDEM_VERIFY_OK(m_fixture->chats().addMessage(owner, id, ChatRole::User, QStringLiteral("hello")));
        TANDEM_VERIFY_OK(m_fixture->chats().deleteSession(owner, early->entityId()));
        QTRY_COMPARE_WITH_TIMEOUT(sessionRemoved.count(), 1, 10'000);
        QCOMPARE(sessionRemoved.at(0).at(0).value<QUuid>(), early->entityId());
        QCOMPARE(sessionChanged.count(), 2); // created, then moved by the message
        QCOMPARE(messages.count(), 1);
        QCOMPARE(messages.at(0).at(0).value<ChatMessage>().content, QStringLiteral("hello"));
        auto serverSessions = m_fixture->store().sessions(owner);
        TANDEM_VERIFY_OK(serverSessions);
        QCOMPARE(client->sessions(), serverSessions.value());
    }

    void start_asAnotherUser_replacesTheReplica()
    {
        TANDEM_VERIFY_OK(m_fixture->tasks().create(m_alice.user.id, draft(QStringLiteral("alice's"))));
        auto bob = m_fixture->registerUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(bob);
        TANDEM_VERIFY_OK(m_fixture->tasks().create(bob->user.id, draft(QStringLiteral("bob's"))));
        auto client = newClient();
        QVERIFY(client);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client->isLoading(), 10'000);
        QCOMPARE(client->userId(), m_alice.user.id);
        QCOMPARE(client->tasks().constFirst().title, QStringLiteral("alice's"));

        QSignalSpy resets(client.get(), &SyncClient::replicaReset);
        client->start(m_fixture->webSocketUrl(), bob->token);
        QTRY_VERIFY_WITH_TIMEOUT(resets.count() >= 2, 10'000); // emptied, then bob's snapshot
        QTRY_COMPARE_WITH_TIMEOUT(client->userId(), bob->user.id, 10'000);
        QCOMPARE(client->tasks().size(), 1);
        QCOMPARE(client->tasks().constFirst().title, QStringLiteral("bob's"));
        QCOMPARE(client->appliedSeq(), 1);
    }

    // The gap rules against a scripted server (the real encoders, a fake
    // change log): an event ahead of the replica is held and the gap fetched;
    // a heartbeat ahead asks too; pages are followed; repeats are ignored.
    void gapAndHeartbeat_aheadOfReplica_fetchMissingPagesAndApplyEachOnce()
    {
        QWebSocketServer server(QStringLiteral("fake"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QWebSocket *peer = nullptr;
        QList<QJsonObject> heard;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            peer = server.nextPendingConnection();
            connect(peer, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
                const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
                if (message.value(QStringLiteral("type")) != QStringLiteral("ping")) // keep-alives come any time
                    heard.append(message);
            });
        });
        const auto lastHeard = [&] {
            return heard.isEmpty() ? QJsonObject() : heard.constLast();
        };
        const auto sinceOf = [](const QJsonObject &message) {
            return message.value(QStringLiteral("data")).toObject().value(QStringLiteral("since"));
        };

        const QUuid owner = QUuid::createUuid();
        QList<Change> log;
        for (int seq = 1; seq <= 5; ++seq) {
            Task task;
            task.id = QUuid::createUuid();
            task.ownerId = owner;
            task.title = QStringLiteral("task %1").arg(seq);
            task.createdAt = task.updatedAt = QDateTime::currentDateTimeUtc();
            task.revision = 1;
            Change change;
            change.seq = seq;
            change.kind = ChangeKind::TaskCreated;
            change.ownerId = owner;
            change.opId = QUuid::createUuid();
            change.at = task.createdAt;
            change.entity = task;
            log.append(change);
        }
        const auto page = [&](qint64 since, qint64 last, bool more) {
            ChangeBatch batch;
            batch.changes = log.mid(since, last - since);
            batch.head = more ? 5 : last;
            batch.more = more;
            return sync::encodeSyncResponse(since, batch);
        };

        auto client = newClient();
        QVERIFY(client);
        QList<qint64> seqs;
        connect(client.get(), &SyncClient::eventApplied, this, [&](const Change &change) { seqs.append(change.seq); });
        client->start(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.serverPort())), QStringLiteral("token"));
        QTRY_COMPARE(heard.size(), 1);
        QCOMPARE(lastHeard().value(QStringLiteral("type")), QStringLiteral("auth"));
        peer->sendTextMessage(sync::encodeWelcome(owner, 1));
        QTRY_COMPARE(heard.size(), 2);
        QCOMPARE(lastHeard().value(QStringLiteral("type")), QStringLiteral("sync_request"));
        QVERIFY(sinceOf(lastHeard()).isUndefined()); // a fresh replica asks for a snapshot
        Snapshot snapshot;
        snapshot.tasks = {*log.at(0).task()};
        snapshot.seq = 1;
        peer->sendTextMessage(sync::encodeSnapshot(0, snapshot));
        QTRY_VERIFY(!client->isLoading());
        QCOMPARE(client->appliedSeq(), 1);

        // Seq 3 before 2: held back, and the gap asked for from 1.
        peer->sendTextMessage(sync::encodeEvent(log.at(2)));
        QTRY_COMPARE(heard.size(), 3);
        QCOMPARE(lastHeard().value(QStringLiteral("type")), QStringLiteral("sync_request"));
        QCOMPARE(sinceOf(lastHeard()).toInteger(), 1);
        QCOMPARE(client->appliedSeq(), 1);
        QVERIFY(seqs.isEmpty());
        peer->sendTextMessage(page(1, 3, false));
        QTRY_COMPARE(seqs, (QList<qint64>{2, 3}));

        // A heartbeat ahead of us: ask, and follow more=true to the end.
        peer->sendTextMessage(sync::encodeHeartbeat(5));
        QTRY_COMPARE(heard.size(), 4);
        QCOMPARE(sinceOf(lastHeard()).toInteger(), 3);
        peer->sendTextMessage(page(3, 4, true));
        QTRY_COMPARE(heard.size(), 5);
        QCOMPARE(sinceOf(lastHeard()).toInteger(), 4);
        peer->sendTextMessage(page(4, 5, false));
        QTRY_COMPARE(seqs, (QList<qint64>{2, 3, 4, 5}));

        // A repeat and a heartbeat that is not ahead change nothing and ask
        // nothing; the heartbeat after them is the barrier that shows they
        // were read.
        peer->sendTextMessage(sync::encodeEvent(log.at(4)));
        peer->sendTextMessage(sync::encodeHeartbeat(5));
        peer->sendTextMessage(sync::encodeHeartbeat(6));
        QTRY_COMPARE(heard.size(), 6);
        QCOMPARE(lastHeard().value(QStringLiteral("type")), QStringLiteral("sync_request"));
        QCOMPARE(sinceOf(lastHeard()).toInteger(), 5);
        QCOMPARE(seqs, (QList<qint64>{2, 3, 4, 5}));
        QCOMPARE(client->appliedSeq(), 5);
        QCOMPARE(client->tasks().size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestSyncClientResume)
#include "tst_sync_client_resume.moc"
