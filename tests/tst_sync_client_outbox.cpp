// SyncClient's outbox: operations made offline survive a restart of the
// client, go out in order with their original opIds, and an operation the
// server refuses is rolled back, reported and removed. Also OutboxStore itself.
#include "domain/json.h"
#include "services/taskservice.h"
#include "store/outboxstore.h"
#include "store/store.h"
#include "sync/clientprotocol.h"
#include "sync/syncclient.h"
#include "syncfixture.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tandem;
using sync::SyncClient;

class TestSyncClientOutbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::SyncFixture> m_fixture;
    AuthToken m_alice;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString outboxPath() const { return m_dir->filePath(QStringLiteral("outbox.db")); }

    std::unique_ptr<SyncClient> newClient()
    {
        auto client = SyncClient::create(test::SyncFixture::fastClientOptions(1, outboxPath()));
        if (!client) {
            qWarning() << client.error().toString();
            return nullptr;
        }
        return std::move(client).value();
    }

    static TaskDraft draft(const QString &title)
    {
        TaskDraft d;
        d.title = title;
        return d;
    }

    static qint64 storedCount(const QString &path)
    {
        auto outbox = OutboxStore::open(path);
        if (!outbox)
            return -1;
        auto count = outbox.value()->count();
        return count ? count.value() : -1;
    }

    // Sets a raw value in the outbox file, as damage or a newer Tandem would.
    static bool tamper(const QString &path, const QString &sql)
    {
        const QString name = QStringLiteral("tamper-") + QUuid::createUuid().toString(QUuid::Id128);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            ok = db.open() && QSqlQuery(db).exec(sql);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

private Q_SLOTS:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QString error;
        m_fixture = test::SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        m_alice = alice.value();
    }

    void cleanup()
    {
        m_fixture.reset();
        m_dir.reset();
    }

    // ---- OutboxStore ---------------------------------------------------------

    void outboxStore_appendLoadRemove_keepsOrderAndContent()
    {
        auto opened = OutboxStore::open(outboxPath());
        TANDEM_VERIFY_OK(opened);
        OutboxStore &outbox = *opened.value();
        QList<OutboxEntry> made;
        for (int i = 0; i < 5; ++i) {
            OutboxEntry entry;
            entry.opId = QUuid::createUuid();
            entry.kind = i % 2 ? QStringLiteral("task_update") : QStringLiteral("task_create");
            entry.targetId = QUuid::createUuid();
            entry.data = QJsonObject{{QStringLiteral("n"), i}};
            entry.createdAt = QDateTime::currentDateTimeUtc();
            auto position = outbox.append(entry);
            TANDEM_VERIFY_OK(position);
            entry.position = position.value();
            made.append(entry);
        }
        QVERIFY(made.at(0).position < made.at(4).position);
        TANDEM_VERIFY_OK(outbox.remove(made.at(1).opId));
        TANDEM_VERIFY_OK(outbox.remove(QUuid::createUuid())); // not there: fine
        made.removeAt(1);
        opened.value().reset();

        auto reopened = OutboxStore::open(outboxPath());
        TANDEM_VERIFY_OK(reopened);
        auto loaded = reopened.value()->load();
        TANDEM_VERIFY_OK(loaded);
        QCOMPARE(loaded.value(), made);
    }

    void outboxStore_repeatedOpId_isConflict()
    {
        auto opened = OutboxStore::open(outboxPath());
        TANDEM_VERIFY_OK(opened);
        OutboxEntry entry;
        entry.opId = QUuid::createUuid();
        entry.kind = QStringLiteral("task_delete");
        entry.targetId = QUuid::createUuid();
        entry.createdAt = QDateTime::currentDateTimeUtc();
        TANDEM_VERIFY_OK(opened.value()->append(entry));
        auto again = opened.value()->append(entry);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        auto count = opened.value()->count();
        TANDEM_VERIFY_OK(count);
        QCOMPARE(count.value(), 1);
    }

    void outboxStore_damagedRow_isAnErrorNamingIt_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("kind") << QStringLiteral("UPDATE outbox SET kind = 'task_explode'");
        QTest::newRow("opId") << QStringLiteral("UPDATE outbox SET op_id = 'not-a-uuid'");
        QTest::newRow("data") << QStringLiteral("UPDATE outbox SET data = '[1,2'");
        QTest::newRow("time") << QStringLiteral("UPDATE outbox SET created_at = 'yesterday'");
    }

    void outboxStore_damagedRow_isAnErrorNamingIt()
    {
        QFETCH(QString, damage);
        {
            auto opened = OutboxStore::open(outboxPath());
            TANDEM_VERIFY_OK(opened);
            OutboxEntry entry;
            entry.opId = QUuid::createUuid();
            entry.kind = QStringLiteral("task_create");
            entry.targetId = QUuid::createUuid();
            entry.createdAt = QDateTime::currentDateTimeUtc();
            TANDEM_VERIFY_OK(opened.value()->append(entry));
        }
        QVERIFY(tamper(outboxPath(), damage));
        auto opened = OutboxStore::open(outboxPath());
        TANDEM_VERIFY_OK(opened);
        auto loaded = opened.value()->load();
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::Storage);
        QVERIFY2(loaded.error().message.contains(QStringLiteral("entry 1")), qPrintable(loaded.error().message));
        // And a client will not start on it rather than drop what it cannot read.
        auto client = SyncClient::create(test::SyncFixture::fastClientOptions(1, outboxPath()));
        QVERIFY(!client);
    }

    void outboxStore_newerSchema_isRefused()
    {
        TANDEM_VERIFY_OK(OutboxStore::open(outboxPath()));
        QVERIFY(tamper(outboxPath(), QStringLiteral("PRAGMA user_version = 99")));
        auto opened = OutboxStore::open(outboxPath());
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(QStringLiteral("newer")), qPrintable(opened.error().message));
    }

    // ---- SyncClient ----------------------------------------------------------

    void offlineOps_surviveRestart_andReplayInOrderWithTheSameOpIds()
    {
        const QUuid owner = m_alice.user.id;
        QList<QUuid> ops;
        QUuid a;
        QUuid b;
        {
            auto client = newClient();
            QVERIFY(client);
            QCOMPARE(client->state(), SyncClient::State::Offline);
            TaskDraft draftA = draft(QStringLiteral("A"));
            auto createA = client->createTask(draftA);
            TANDEM_VERIFY_OK(createA);
            QCOMPARE(client->tasks().size(), 1);
            a = client->tasks().constFirst().id; // chosen by the client
            QVERIFY(!a.isNull());
            TaskDraft draftB = draft(QStringLiteral("B"));
            b = QUuid::createUuid();
            draftB.id = b;
            auto createB = client->createTask(draftB);
            TANDEM_VERIFY_OK(createB);
            TaskPatch rename;
            rename.title = QStringLiteral("A, renamed");
            rename.status = TaskStatus::Completed;
            auto updateA = client->updateTask(a, rename);
            TANDEM_VERIFY_OK(updateA);
            auto deleteB = client->deleteTask(b);
            TANDEM_VERIFY_OK(deleteB);
            ops = {createA.value(), createB.value(), updateA.value(), deleteB.value()};

            // Shown at once, counted as pending.
            QCOMPARE(client->tasks().size(), 1);
            QCOMPARE(client->tasks().constFirst().title, QStringLiteral("A, renamed"));
            QVERIFY(client->tasks().constFirst().completedAt.isValid());
            QCOMPARE(client->pendingCount(), 4);
            QCOMPARE(client->statusText(), QStringLiteral("offline with 4 pending changes"));
        } // the client goes away without ever connecting
        QCOMPARE(storedCount(outboxPath()), 4);

        auto client = newClient();
        QVERIFY(client);
        QCOMPARE(client->pendingOpIds(), ops);
        QCOMPARE(client->tasks().size(), 1); // the outbox shows again before any sync
        QCOMPARE(client->tasks().constFirst().title, QStringLiteral("A, renamed"));

        QList<QUuid> acked;
        connect(client.get(), &SyncClient::opAcknowledged, this,
                [&](const QUuid &opId, qint64) { acked.append(opId); });
        QSignalSpy failed(client.get(), &SyncClient::opFailed);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_COMPARE_WITH_TIMEOUT(client->pendingCount(), 0, 10'000);
        QCOMPARE(acked, ops);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(storedCount(outboxPath()), 0);

        // The server applied them in the order made, under the same opIds.
        auto log = m_fixture->changeLog(owner);
        TANDEM_VERIFY_OK(log);
        QList<QUuid> logged;
        for (const Change &change : std::as_const(log.value()))
            logged.append(change.opId);
        QCOMPARE(logged, ops);
        auto serverTasks = m_fixture->serverTasks(owner);
        TANDEM_VERIFY_OK(serverTasks);
        QCOMPARE(serverTasks->size(), 1);
        QCOMPARE(serverTasks->constFirst().id, a);
        QCOMPARE(serverTasks->constFirst().title, QStringLiteral("A, renamed"));
        QCOMPARE(serverTasks->constFirst().status, TaskStatus::Completed);
        QTRY_COMPARE_WITH_TIMEOUT(client->appliedSeq(), 4, 5'000);
        QCOMPARE(client->tasks(), serverTasks.value());
    }

    void offlineCompletion_repeatingTask_predictsTheServersNextDue()
    {
        const QUuid owner = m_alice.user.id;
        auto client = newClient();
        QVERIFY(client);
        TaskDraft ferns = draft(QStringLiteral("Water the ferns"));
        ferns.due = Due::onDate(QDate(2099, 1, 10));
        ferns.repeat = RepeatRule::every(RepeatUnit::Day, 3);
        TANDEM_VERIFY_OK(client->createTask(ferns));
        const QUuid id = client->tasks().constFirst().id;
        TaskPatch complete;
        complete.status = TaskStatus::Completed;
        TANDEM_VERIFY_OK(client->updateTask(id, complete));
        // The optimistic copy follows the domain's rule: still open, three days on.
        const Task predicted = client->tasks().constFirst();
        QCOMPARE(predicted.status, TaskStatus::Pending);
        QCOMPARE(predicted.due, Due::onDate(QDate(2099, 1, 13)));
        QVERIFY(predicted.lastCompletedAt.isValid());

        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_COMPARE_WITH_TIMEOUT(client->pendingCount(), 0, 10'000);
        auto serverTasks = m_fixture->serverTasks(owner);
        TANDEM_VERIFY_OK(serverTasks);
        QCOMPARE(serverTasks->constFirst().due, predicted.due);
        QCOMPARE(serverTasks->constFirst().status, predicted.status);
        QTRY_COMPARE_WITH_TIMEOUT(client->tasks(), serverTasks.value(), 5'000);
    }

    void rejectedOp_rollsBackReportsAndLeavesTheOutbox_data()
    {
        QTest::addColumn<QString>("refusal");
        QTest::addColumn<int>("code");
        // Updated elsewhere while this client was offline with a stale base revision.
        QTest::newRow("stale revision") << QStringLiteral("stale") << int(ErrorCode::Conflict);
        // Deleted elsewhere while this client was offline.
        QTest::newRow("deleted elsewhere") << QStringLiteral("deleted") << int(ErrorCode::NotFound);
        // A create with an id the server already holds.
        QTest::newRow("taken id") << QStringLiteral("taken") << int(ErrorCode::Conflict);
    }

    void rejectedOp_rollsBackReportsAndLeavesTheOutbox()
    {
        QFETCH(QString, refusal);
        QFETCH(int, code);
        const QUuid owner = m_alice.user.id;
        auto existing = m_fixture->tasks().create(owner, draft(QStringLiteral("server's")));
        TANDEM_VERIFY_OK(existing);
        const QUuid id = existing->entityId();

        auto client = newClient();
        QVERIFY(client);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_VERIFY_WITH_TIMEOUT(!client->isLoading(), 10'000);
        QCOMPARE(client->tasks().size(), 1);
        client->stop();

        // Offline: the server moves on, and this client makes a change it will refuse.
        if (refusal == u"stale") {
            TaskPatch patch;
            patch.priority = TaskPriority::High;
            TANDEM_VERIFY_OK(m_fixture->tasks().update(owner, id, patch));
        } else if (refusal == u"deleted") {
            TANDEM_VERIFY_OK(m_fixture->tasks().remove(owner, id));
        }
        QSignalSpy changed(client.get(), &SyncClient::taskChanged);
        QSignalSpy removed(client.get(), &SyncClient::taskRemoved);
        Result<QUuid> op = Error::storage({});
        QUuid touched = id;
        if (refusal == u"taken") {
            // Unknown to this client: a create it believes is new, with an id that is in use.
            auto other = m_fixture->tasks().create(owner, draft(QStringLiteral("made elsewhere")));
            TANDEM_VERIFY_OK(other);
            TaskDraft mine = draft(QStringLiteral("mine"));
            mine.id = other->entityId();
            touched = other->entityId();
            op = client->createTask(mine);
        } else {
            TaskPatch patch;
            patch.title = QStringLiteral("edited offline");
            op = client->updateTask(id, patch, 1);
        }
        TANDEM_VERIFY_OK(op);
        QCOMPARE(client->task(touched)->title,
                 refusal == u"taken" ? QStringLiteral("mine") : QStringLiteral("edited offline"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(storedCount(outboxPath()), 1);

        QSignalSpy failed(client.get(), &SyncClient::opFailed);
        QSignalSpy acked(client.get(), &SyncClient::opAcknowledged);
        client->start(m_fixture->webSocketUrl(), m_alice.token);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10'000);
        QCOMPARE(failed.at(0).at(0).value<QUuid>(), op.value());
        const Error error = failed.at(0).at(1).value<Error>();
        QCOMPARE(int(error.code), code);
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(acked.count(), 0);
        QCOMPARE(client->pendingCount(), 0);
        QCOMPARE(storedCount(outboxPath()), 0);

        // Rolled back to exactly the server's state.
        auto serverTasks = m_fixture->serverTasks(owner);
        TANDEM_VERIFY_OK(serverTasks);
        QTRY_COMPARE_WITH_TIMEOUT(client->tasks(), serverTasks.value(), 5'000);
        if (refusal == u"stale") {
            // A conflict carries the server's current task.
            auto current = taskFromJson(error.details.value(QStringLiteral("task")).toObject());
            TANDEM_VERIFY_OK(current);
            QCOMPARE(current.value(), serverTasks->constFirst());
            QCOMPARE(client->task(id)->priority, TaskPriority::High);
            QCOMPARE(client->task(id)->title, QStringLiteral("server's"));
        } else if (refusal == u"deleted") {
            QVERIFY(!client->task(id));
            QVERIFY(removed.count() >= 1);
        } else {
            QCOMPARE(client->task(touched)->title, QStringLiteral("made elsewhere"));
        }
    }

    void localChange_invalid_isRefusedAtOnceAndNotQueued()
    {
        auto client = newClient();
        QVERIFY(client);
        auto blank = client->createTask(draft(QStringLiteral("   ")));
        QVERIFY(!blank);
        QCOMPARE(blank.error().code, ErrorCode::Validation);
        QCOMPARE(blank.error().field, QStringLiteral("title"));
        auto empty = client->updateTask(QUuid::createUuid(), TaskPatch{});
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, ErrorCode::Validation);
        TaskPatch tags;
        tags.tags = QStringList{QStringLiteral("x"), QStringLiteral("X")};
        auto duplicate = client->updateTask(QUuid::createUuid(), tags);
        QVERIFY(!duplicate);
        QCOMPARE(client->pendingCount(), 0);
        QCOMPARE(storedCount(outboxPath()), 0);
    }

    void wireDrafts_roundTripThroughTheServersReader()
    {
        // What the client writes is exactly what the server reads back.
        TaskDraft d = draft(QStringLiteral("round trip"));
        d.id = QUuid::createUuid();
        d.description = QStringLiteral("line one\nline two");
        d.status = TaskStatus::InProgress;
        d.priority = TaskPriority::Urgent;
        d.due = *Due::fromIsoString(u"2026-11-27T09:00:00+01:00");
        d.tags = {QStringLiteral("home"), QStringLiteral("urgent")};
        auto draftBack = taskDraftFromJson(sync::taskDraftToJson(d));
        TANDEM_VERIFY_OK(draftBack);
        QCOMPARE(draftBack->id, d.id);
        QCOMPARE(draftBack->title, d.title);
        QCOMPARE(draftBack->description, d.description);
        QCOMPARE(draftBack->status, d.status);
        QCOMPARE(draftBack->priority, d.priority);
        QCOMPARE(draftBack->due, d.due);
        QCOMPARE(draftBack->tags, d.tags);

        TaskPatch patch;
        patch.due = Due(); // clears
        patch.tags = QStringList{};
        auto patchBack = taskPatchFromJson(taskPatchToJson(patch));
        TANDEM_VERIFY_OK(patchBack);
        QVERIFY(patchBack->due.has_value());
        QVERIFY(patchBack->due->isNone());
        QVERIFY(patchBack->tags.has_value());
        QVERIFY(!patchBack->title.has_value());
    }
};

QTEST_GUILESS_MAIN(TestSyncClientOutbox)
#include "tst_sync_client_outbox.moc"
