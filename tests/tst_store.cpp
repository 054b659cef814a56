// The SQL layer: migrations, the write path (change log, idempotency,
// tombstones), reads and compaction, on the engine named by TANDEM_TEST_ENGINE.
#include "auth/accountservice.h"
#include "domain/json.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace tandem;

class TestStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    QUuid m_owner;

    Task newTask(const QString &title)
    {
        Task task;
        task.id = QUuid::createUuid();
        task.ownerId = m_owner;
        task.title = title;
        task.createdAt = task.updatedAt = QDateTime::currentDateTimeUtc();
        task.revision = 1;
        return task;
    }

    Result<QList<Change>> writeTask(const Task &task, ChangeKind kind, const QUuid &opId = QUuid::createUuid())
    {
        return m_store->write(m_owner, opId, QDateTime::currentDateTimeUtc(),
                              [&](WriteContext &) -> Result<QList<Draft>> {
                                  return QList<Draft>{{kind, task}};
                              });
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_db = test::TestDatabase::create(test::engineUnderTest(), &error);
        QVERIFY2(m_db, qPrintable(error));
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        AccountService accounts(*m_store);
        auto owner = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner->id;
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void open_existingDatabase_keepsData()
    {
        QVERIFY(writeTask(newTask(QStringLiteral("kept")), ChangeKind::TaskCreated));
        m_store.reset();
        auto reopened = m_db->open();
        TANDEM_VERIFY_OK(reopened);
        auto list = reopened.value()->tasks(m_owner, {});
        QVERIFY(list);
        QCOMPARE(list->tasks.size(), 1);
        QCOMPARE(list->tasks.first().title, QStringLiteral("kept"));
        QCOMPARE(list->seq, 1);
    }

    void write_assignsGaplessSeqPerOwner()
    {
        AccountService accounts(*m_store);
        auto bob = accounts.createUser(QStringLiteral("bob"));
        QVERIFY(bob);
        for (int i = 0; i < 5; ++i) {
            auto changes = writeTask(newTask(QStringLiteral("a%1").arg(i)), ChangeKind::TaskCreated);
            QVERIFY(changes);
            QCOMPARE(changes->first().seq, i + 1);
        }
        Task bobs = newTask(QStringLiteral("bob's"));
        bobs.ownerId = bob->id;
        auto bobChange = m_store->write(bob->id, QUuid::createUuid(), QDateTime::currentDateTimeUtc(),
                                        [&](WriteContext &) -> Result<QList<Draft>> {
                                            return QList<Draft>{{ChangeKind::TaskCreated, bobs}};
                                        });
        QVERIFY(bobChange);
        QCOMPARE(bobChange->first().seq, 1); // each owner has its own sequence
        auto batch = m_store->changesSince(m_owner, 0, 100);
        QVERIFY(batch);
        QCOMPARE(batch->changes.size(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(batch->changes.at(i).seq, i + 1);
        QCOMPARE(batch->head, 5);
        QVERIFY(!batch->more);
    }

    void changesSince_pagesWithMore()
    {
        for (int i = 0; i < 7; ++i)
            QVERIFY(writeTask(newTask(QStringLiteral("t%1").arg(i)), ChangeKind::TaskCreated));
        auto first = m_store->changesSince(m_owner, 0, 3);
        QVERIFY(first);
        QCOMPARE(first->changes.size(), 3);
        QVERIFY(first->more);
        auto rest = m_store->changesSince(m_owner, 3, 100);
        QVERIFY(rest);
        QCOMPARE(rest->changes.size(), 4);
        QCOMPARE(rest->changes.first().seq, 4);
        QVERIFY(!rest->more);
        const Task *task = rest->changes.last().task();
        QVERIFY(task);
        QCOMPARE(task->title, QStringLiteral("t6"));
    }

    void write_repeatedOpId_returnsOriginalAndWritesNothing()
    {
        const QUuid op = QUuid::createUuid();
        const Task task = newTask(QStringLiteral("once"));
        auto first = writeTask(task, ChangeKind::TaskCreated, op);
        QVERIFY(first);
        QVERIFY(!first->first().replayed);
        Task other = newTask(QStringLiteral("should not be written"));
        auto second = writeTask(other, ChangeKind::TaskCreated, op);
        QVERIFY(second);
        QCOMPARE(second->size(), 1);
        QVERIFY(second->first().replayed);
        QCOMPARE(second->first().seq, first->first().seq);
        QCOMPARE(second->first().task()->id, task.id);
        auto head = m_store->head(m_owner);
        QVERIFY(head);
        QCOMPARE(head.value(), 1);
        auto list = m_store->tasks(m_owner, {});
        QCOMPARE(list->tasks.size(), 1);
    }

    void write_failedMutation_rollsBackEverything()
    {
        auto failed = m_store->write(m_owner, QUuid::createUuid(), QDateTime::currentDateTimeUtc(),
                                     [](WriteContext &) -> Result<QList<Draft>> {
                                         return Error::validation(QStringLiteral("title"), QStringLiteral("bad"));
                                     });
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Validation);
        auto head = m_store->head(m_owner);
        QCOMPARE(head.value(), 0);
    }

    // --- units of work (Store::inUnit) ---------------------------------------

    void unit_writesCommitTogether_headAndLogGapless()
    {
        int ranAfterCommit = 0;
        qint64 headInside = -1;
        qint64 seenInside = -1;
        auto done = m_store->inUnit(m_owner, [&]() -> Result<void> {
            for (int i = 0; i < 3; ++i) {
                auto written = writeTask(newTask(QStringLiteral("u%1").arg(i)), ChangeKind::TaskCreated);
                if (!written)
                    return written.error();
            }
            m_store->afterCommit([&] { ++ranAfterCommit; });
            // Reads inside the unit see its writes, the head included.
            auto head = m_store->head(m_owner);
            auto batch = m_store->changesSince(m_owner, 0, 100);
            if (!head || !batch)
                return Error::storage(QStringLiteral("read failed"));
            headInside = head.value();
            seenInside = batch->changes.size();
            return {};
        });
        TANDEM_VERIFY_OK(done);
        QCOMPARE(headInside, 3);
        QCOMPARE(seenInside, 3);
        QCOMPARE(ranAfterCommit, 1);
        QCOMPARE(m_store->head(m_owner).value(), 3);
        // The next write, outside any unit, continues the sequence.
        auto after = writeTask(newTask(QStringLiteral("after")), ChangeKind::TaskCreated);
        TANDEM_VERIFY_OK(after);
        QCOMPARE(after->first().seq, 4);
        auto batch = m_store->changesSince(m_owner, 0, 100);
        TANDEM_VERIFY_OK(batch);
        QCOMPARE(batch->changes.size(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(batch->changes.at(i).seq, i + 1);
    }

    void unit_failedWriteInside_leavesTheOthersAndNoGap()
    {
        auto done = m_store->inUnit(m_owner, [&]() -> Result<void> {
            if (auto first = writeTask(newTask(QStringLiteral("kept 1")), ChangeKind::TaskCreated); !first)
                return first.error();
            auto failed = m_store->write(m_owner, QUuid::createUuid(), QDateTime::currentDateTimeUtc(),
                                         [](WriteContext &) -> Result<QList<Draft>> {
                                             return Error::validation(QStringLiteral("title"), QStringLiteral("bad"));
                                         });
            if (failed)
                return Error::storage(QStringLiteral("the failing write succeeded"));
            auto second = writeTask(newTask(QStringLiteral("kept 2")), ChangeKind::TaskCreated);
            if (!second)
                return second.error();
            if (second->first().seq != 2)
                return Error::storage(QStringLiteral("seq %1 after a failed write").arg(second->first().seq));
            return {};
        });
        TANDEM_VERIFY_OK(done);
        QCOMPARE(m_store->head(m_owner).value(), 2);
        QCOMPARE(m_store->tasks(m_owner, {})->tasks.size(), 2);
    }

    void unit_failure_rollsBackEveryWriteAndSkipsAfterCommit()
    {
        QVERIFY(writeTask(newTask(QStringLiteral("before")), ChangeKind::TaskCreated));
        int ranAfterCommit = 0;
        auto done = m_store->inUnit(m_owner, [&]() -> Result<void> {
            for (int i = 0; i < 2; ++i) {
                if (auto written = writeTask(newTask(QStringLiteral("gone")), ChangeKind::TaskCreated); !written)
                    return written.error();
            }
            m_store->afterCommit([&] { ++ranAfterCommit; });
            return Error::conflict(QStringLiteral("changed my mind"));
        });
        QVERIFY(!done);
        QCOMPARE(done.error().code, ErrorCode::Conflict);
        QCOMPARE(ranAfterCommit, 0);
        QCOMPARE(m_store->head(m_owner).value(), 1);
        QCOMPARE(m_store->tasks(m_owner, {})->tasks.size(), 1);
        // The sequence goes on from the last committed entry.
        auto next = writeTask(newTask(QStringLiteral("next")), ChangeKind::TaskCreated);
        TANDEM_VERIFY_OK(next);
        QCOMPARE(next->first().seq, 2);
    }

    void unit_writeForAnotherOwner_keepsBothSequences()
    {
        AccountService accounts(*m_store);
        auto bob = accounts.createUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(bob);
        auto done = m_store->inUnit(m_owner, [&]() -> Result<void> {
            if (auto mine = writeTask(newTask(QStringLiteral("mine")), ChangeKind::TaskCreated); !mine)
                return mine.error();
            Task bobs = newTask(QStringLiteral("bob's"));
            bobs.ownerId = bob->id;
            auto theirs = m_store->write(bob->id, QUuid::createUuid(), QDateTime::currentDateTimeUtc(),
                                         [&](WriteContext &) -> Result<QList<Draft>> {
                                             return QList<Draft>{{ChangeKind::TaskCreated, bobs}};
                                         });
            if (!theirs)
                return theirs.error();
            return {};
        });
        TANDEM_VERIFY_OK(done);
        QCOMPARE(m_store->head(m_owner).value(), 1);
        QCOMPARE(m_store->head(bob->id).value(), 1);
    }

    void write_duplicateMessageId_rollsBackTheWholeOperation()
    {
        ChatService chat(*m_store);
        auto session = chat.createSession(m_owner, QStringLiteral("s"));
        QVERIFY(session);
        ChatMessage message;
        message.id = QUuid::createUuid();
        message.sessionId = session->entityId();
        message.ownerId = m_owner;
        message.content = QStringLiteral("hi");
        message.createdAt = QDateTime::currentDateTimeUtc();
        auto once = m_store->write(m_owner, QUuid::createUuid(), message.createdAt,
                                   [&](WriteContext &) -> Result<QList<Draft>> {
                                       return QList<Draft>{{ChangeKind::ChatMessageCreated, message}};
                                   });
        QVERIFY(once);
        const qint64 before = m_store->head(m_owner).value();
        // The same message id again, after a task: the task must not survive.
        const Task task = newTask(QStringLiteral("must roll back"));
        auto twice = m_store->write(
            m_owner, QUuid::createUuid(), message.createdAt, [&](WriteContext &) -> Result<QList<Draft>> {
                return QList<Draft>{{ChangeKind::TaskCreated, task}, {ChangeKind::ChatMessageCreated, message}};
            });
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::Conflict);
        QCOMPARE(m_store->head(m_owner).value(), before);
        auto gone = m_store->task(m_owner, task.id);
        QVERIFY(gone);
        QVERIFY(!gone.value());
    }

    void task_otherOwner_isInvisible()
    {
        const Task task = newTask(QStringLiteral("private"));
        QVERIFY(writeTask(task, ChangeKind::TaskCreated));
        AccountService accounts(*m_store);
        auto mallory = accounts.createUser(QStringLiteral("mallory"));
        QVERIFY(mallory);
        auto seen = m_store->task(mallory->id, task.id);
        QVERIFY(seen);
        QVERIFY(!seen.value());
        auto list = m_store->tasks(mallory->id, {});
        QVERIFY(list);
        QVERIFY(list->tasks.isEmpty());
        auto changes = m_store->changesSince(mallory->id, 0, 100);
        QVERIFY(changes);
        QVERIFY(changes->changes.isEmpty());
    }

    void upsert_taskOfAnotherOwner_isRefused()
    {
        const Task task = newTask(QStringLiteral("mine"));
        QVERIFY(writeTask(task, ChangeKind::TaskCreated));
        AccountService accounts(*m_store);
        auto mallory = accounts.createUser(QStringLiteral("mallory"));
        Task stolen = task;
        stolen.ownerId = mallory->id;
        stolen.title = QStringLiteral("stolen");
        auto result = m_store->write(mallory->id, QUuid::createUuid(), QDateTime::currentDateTimeUtc(),
                                     [&](WriteContext &) -> Result<QList<Draft>> {
                                         return QList<Draft>{{ChangeKind::TaskUpdated, stolen}};
                                     });
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Conflict);
        QCOMPARE(m_store->task(m_owner, task.id).value()->title, QStringLiteral("mine"));
    }

    void text_storedVerbatim_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::newRow("sql injection") << QStringLiteral("Robert'); DROP TABLE tasks;--")
                                       << QStringLiteral("' OR '1'='1'; DELETE FROM users; --");
        QTest::newRow("quotes and backslashes")
            << QStringLiteral("\"quoted\" \\ back\\slash 'single'") << QStringLiteral("%_ LIKE wildcards %%");
        QTest::newRow("emoji") << QStringLiteral("Buy 🎂 and 🎉 for 👩‍👩‍👧")
                               << QStringLiteral("🏳️‍🌈 flags, skin tones 👍🏽");
        QTest::newRow("right to left") << QStringLiteral("לקנות חלב") << QStringLiteral("مرحبا بالعالم\nשורה שנייה");
        QTest::newRow("mixed scripts") << QStringLiteral("Straße Ωmega 東京 Ünïcödé")
                                       << QStringLiteral("tab\tand\r\nline breaks");
    }

    void text_storedVerbatim()
    {
        QFETCH(QString, title);
        QFETCH(QString, description);
        TaskService tasks(*m_store);
        TaskDraft draft;
        draft.title = title;
        draft.description = description;
        draft.tags = {QStringLiteral("🏷️"), QStringLiteral("'; --")};
        auto created = tasks.create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        auto read = tasks.get(m_owner, created->entityId());
        QVERIFY(read);
        QCOMPARE(read->title, title);
        QCOMPARE(read->description, description);
        QCOMPARE(read->tags, draft.tags);
        // Searching with the same text finds it; the text is data, not SQL.
        TaskQuery query;
        query.text = title.left(6);
        QCOMPARE(tasks.query(m_owner, query)->tasks.size(), 1);
        query = {};
        query.tag = QStringLiteral("'; --");
        QCOMPARE(tasks.query(m_owner, query)->tasks.size(), 1);
        // The change log carries the same text.
        auto log = m_store->changesSince(m_owner, 0, 10);
        QCOMPARE(log->changes.first().task()->title, title);
    }

    void delete_leavesTombstoneInLog()
    {
        TaskService tasks(*m_store);
        TaskDraft draft;
        draft.title = QStringLiteral("short-lived");
        auto created = tasks.create(m_owner, draft);
        QVERIFY(created);
        auto removed = tasks.remove(m_owner, created->entityId());
        QVERIFY(removed);
        QCOMPARE(removed->kind, ChangeKind::TaskDeleted);
        QVERIFY(removed->task()->isDeleted());
        QVERIFY(!m_store->task(m_owner, created->entityId()).value());
        QVERIFY(m_store->tasks(m_owner, {})->tasks.isEmpty());
        // A client that was away learns of the delete from the log.
        auto log = m_store->changesSince(m_owner, created->seq, 10);
        QCOMPARE(log->changes.size(), 1);
        QCOMPARE(log->changes.first().kind, ChangeKind::TaskDeleted);
        QCOMPARE(log->changes.first().entityId(), created->entityId());
        // Deleting again: it is gone.
        auto again = tasks.remove(m_owner, created->entityId());
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::NotFound);
        // Undo brings the same id back.
        auto restored = tasks.restore(m_owner, created->entityId());
        QVERIFY(restored);
        QCOMPARE(restored->kind, ChangeKind::TaskCreated);
        QCOMPARE(tasks.get(m_owner, created->entityId())->title, QStringLiteral("short-lived"));
    }

    void compact_removesOldRowsAndRaisesFloor()
    {
        TaskService tasks(*m_store);
        TaskDraft draft;
        draft.title = QStringLiteral("old");
        auto old = tasks.create(m_owner, draft);
        QVERIFY(old);
        QVERIFY(tasks.remove(m_owner, old->entityId()));
        QTest::qWait(5);
        const QDateTime cutoff = QDateTime::currentDateTimeUtc();
        QTest::qWait(5);
        draft.title = QStringLiteral("new");
        QVERIFY(tasks.create(m_owner, draft));

        auto stats = m_store->compact(cutoff);
        TANDEM_VERIFY_OK(stats);
        QCOMPARE(stats->changes, 2);
        QCOMPARE(stats->tombstones, 1);
        QCOMPARE(stats->operations, 2);

        auto tooOld = m_store->changesSince(m_owner, 0, 100);
        QVERIFY(tooOld);
        QVERIFY(tooOld->truncated);
        auto tail = m_store->changesSince(m_owner, 2, 100);
        QVERIFY(tail);
        QVERIFY(!tail->truncated);
        QCOMPARE(tail->changes.size(), 1);
        QCOMPARE(tail->changes.first().seq, 3);
        QCOMPARE(m_store->head(m_owner).value(), 3); // the head never moves back
    }

    void snapshot_matchesHead()
    {
        TaskService tasks(*m_store);
        ChatService chat(*m_store);
        TaskDraft draft;
        draft.title = QStringLiteral("a");
        QVERIFY(tasks.create(m_owner, draft));
        QVERIFY(chat.createSession(m_owner, QStringLiteral("talk")));
        auto snapshot = m_store->snapshot(m_owner);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->tasks.size(), 1);
        QCOMPARE(snapshot->sessions.size(), 1);
        QCOMPARE(snapshot->seq, 2);
    }

    void users_nameIsUniqueIgnoringCase()
    {
        AccountService accounts(*m_store);
        auto clash = accounts.createUser(QStringLiteral("ALICE"));
        QVERIFY(!clash);
        QCOMPARE(clash.error().code, ErrorCode::Conflict);
        auto found = accounts.userByName(QStringLiteral("Alice"));
        QVERIFY(found);
        QVERIFY(found.value());
        QCOMPARE(found.value()->id, m_owner);
        QVERIFY(m_store->setPasswordHash(m_owner, QStringLiteral("$argon2id$fake")));
        QCOMPARE(accounts.user(m_owner)->passwordHash, QStringLiteral("$argon2id$fake"));
    }

    void ensureLocalOwner_isStableAcrossStarts()
    {
        AccountService accounts(*m_store);
        auto first = accounts.ensureLocalOwner(QStringLiteral("Zoë Smith"));
        QVERIFY(first);
        QCOMPARE(first->username, QStringLiteral("Zo__Smith"));
        QVERIFY(!first->hasPassword());
        auto second = accounts.ensureLocalOwner(QStringLiteral("Zoë Smith"));
        QVERIFY(second);
        QCOMPARE(second->id, first->id);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
