// TaskService on a real store (the engine named by TANDEM_TEST_ENGINE): CRUD,
// revisions and conflicts, tombstones, idempotent replay, the changed()
// signal, every filter and sort, and a property test proving that the SQL
// answer to a query equals TaskQuery::matches() + TaskQuery::lessThan().
#include "auth/accountservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace tandem;

namespace tandem {

static char *toString(const Task &task)
{
    return qstrdup(QJsonDocument(taskToJson(task)).toJson(QJsonDocument::Compact).constData());
}

static char *toString(const Due &due)
{
    return QTest::toString(due.isNone() ? QStringLiteral("<no due>") : due.toIsoString());
}

} // namespace tandem

Q_DECLARE_METATYPE(tandem::TaskQuery)
Q_DECLARE_METATYPE(tandem::TaskPatch)
Q_DECLARE_METATYPE(tandem::ChangeKind)

namespace {

QDateTime utc(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), QTimeZone::utc());
}

QDateTime zoned(const char *zone, int day, int hour, int minute = 0, int second = 0, int msec = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute, second, msec), QTimeZone(zone));
}

Due dueText(const char16_t *text)
{
    return Due::fromIsoString(QStringView(text)).value_or(Due());
}

TaskDraft draftOf(const QString &title)
{
    TaskDraft draft;
    draft.title = title;
    return draft;
}

QStringList titlesOf(const QList<Task> &tasks)
{
    QStringList titles;
    for (const Task &task : tasks)
        titles.append(task.title);
    return titles;
}

QStringList describe(const QList<Task> &tasks)
{
    QStringList lines;
    for (const Task &task : tasks)
        lines.append(task.title + QStringLiteral(" [") + uuidText(task.id) + u']');
    return lines;
}

QString describe(const TaskQuery &query)
{
    QStringList parts;
    QStringList statuses;
    for (TaskStatus status : query.statuses)
        statuses.append(taskStatusName(status));
    QStringList priorities;
    for (TaskPriority priority : query.priorities)
        priorities.append(taskPriorityName(priority));
    parts << QStringLiteral("statuses=") + statuses.join(u',') << QStringLiteral("priorities=") + priorities.join(u',')
          << QStringLiteral("tag='") + query.tag + u'\'' << QStringLiteral("text='") + query.text + u'\''
          << QStringLiteral("dueFilter=%1").arg(int(query.dueFilter))
          << QStringLiteral("dueAfter=") + (query.dueAfter.isValid() ? formatIsoDateTime(query.dueAfter) : QString())
          << QStringLiteral("dueBefore=") + (query.dueBefore.isValid() ? formatIsoDateTime(query.dueBefore) : QString())
          << QStringLiteral("zone=") + QString::fromUtf8(query.timeZone.id())
          << QStringLiteral("sort=") + taskSortName(query.sort, query.reversed)
          << QStringLiteral("limit=%1").arg(query.limit);
    return parts.join(u' ');
}

// The answer TaskQuery gives in memory, which the store's SQL must equal.
QList<Task> inMemoryAnswer(const QList<Task> &all, const TaskQuery &query)
{
    QList<Task> answer;
    for (const Task &task : all) {
        if (query.matches(task))
            answer.append(task);
    }
    std::sort(answer.begin(), answer.end(), [&](const Task &a, const Task &b) { return query.lessThan(a, b); });
    if (query.limit > 0 && answer.size() > query.limit)
        answer.resize(query.limit);
    return answer;
}

template<typename T> const T &pick(QRandomGenerator &rng, const QList<T> &list)
{
    return list.at(rng.bounded(int(list.size())));
}

} // namespace

class TestTaskService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    QUuid m_owner;
    QUuid m_other;
    QDateTime m_now; // what the injected clock reads

    qint64 head() const { return m_store->head(m_owner).value(); }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<tandem::Change>(); }

    void init()
    {
        TANDEM_TEST_DATABASE(database);
        m_db = std::move(database);
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        AccountService accounts(*m_store);
        auto alice = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        auto mallory = accounts.createUser(QStringLiteral("mallory"));
        TANDEM_VERIFY_OK(mallory);
        m_owner = alice->id;
        m_other = mallory->id;
        m_now = utc(11, 20, 8);
        m_tasks = std::make_unique<TaskService>(*m_store, [this] { return m_now; });
    }

    void cleanup()
    {
        m_tasks.reset();
        m_store.reset();
        m_db.reset();
    }

    // --- create -----------------------------------------------------------

    void create_validDraft_storesTaskAtRevisionOne()
    {
        TaskDraft draft = draftOf(QStringLiteral("Buy milk"));
        draft.description = QStringLiteral("2 litres\nsemi-skimmed");
        draft.priority = TaskPriority::High;
        draft.due = dueText(u"2026-11-27T09:00:00+01:00");
        draft.tags = {QStringLiteral("Home"), QStringLiteral("errands")};
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->kind, ChangeKind::TaskCreated);
        QCOMPARE(created->seq, 1);
        QCOMPARE(created->ownerId, m_owner);
        QVERIFY(!created->replayed);
        QCOMPARE(created->at, m_now);
        const Task *task = created->task();
        QVERIFY(task);
        QVERIFY(!task->id.isNull());
        QCOMPARE(task->ownerId, m_owner);
        QCOMPARE(task->title, draft.title);
        QCOMPARE(task->description, draft.description);
        QCOMPARE(task->status, TaskStatus::Pending);
        QCOMPARE(task->priority, TaskPriority::High);
        QCOMPARE(task->due, draft.due);
        QCOMPARE(task->tags, draft.tags);
        QCOMPARE(task->revision, 1);
        QCOMPARE(task->createdAt, m_now);
        QCOMPARE(task->updatedAt, m_now);
        QVERIFY(!task->completedAt.isValid());
        QVERIFY(!task->isDeleted());
        auto read = m_tasks->get(m_owner, task->id);
        TANDEM_VERIFY_OK(read);
        QCOMPARE(read.value(), *task);
        QCOMPARE(head(), 1);
    }

    void create_untrimmedInput_isNormalised()
    {
        TaskDraft draft = draftOf(QStringLiteral("  Buy milk \t"));
        draft.tags = {QStringLiteral(" home "), QStringLiteral("work")};
        draft.description = QStringLiteral("  kept as typed  ");
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->task()->title, QStringLiteral("Buy milk"));
        QCOMPARE(created->task()->tags, (QStringList{QStringLiteral("home"), QStringLiteral("work")}));
        QCOMPARE(m_tasks->get(m_owner, created->entityId())->description, QStringLiteral("  kept as typed  "));
    }

    void create_clockWithOffset_storesTheSameInstantInUtc()
    {
        m_now = zoned("Europe/Berlin", 20, 9, 30, 5, 250);
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("t")));
        TANDEM_VERIFY_OK(created);
        const Task read = m_tasks->get(m_owner, created->entityId()).value();
        QCOMPARE(read.createdAt.toMSecsSinceEpoch(), m_now.toMSecsSinceEpoch());
        QCOMPARE(read.createdAt.offsetFromUtc(), 0);
    }

    void create_invalidDraft_failsAndWritesNothing_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QString>("field");

        QTest::newRow("empty title") << QString() << QString() << QStringList() << QStringLiteral("title");
        QTest::newRow("blank title") << QStringLiteral(" \t ") << QString() << QStringList() << QStringLiteral("title");
        QTest::newRow("501 character title")
            << QStringLiteral("a").repeated(501) << QString() << QStringList() << QStringLiteral("title");
        QTest::newRow("control character in title")
            << QStringLiteral("a\x01") << QString() << QStringList() << QStringLiteral("title");
        QTest::newRow("20001 character description") << QStringLiteral("t") << QStringLiteral("d").repeated(20001)
                                                     << QStringList() << QStringLiteral("description");
        QTest::newRow("duplicate tags") << QStringLiteral("t") << QString()
                                        << QStringList{QStringLiteral("Work"), QStringLiteral("work")}
                                        << QStringLiteral("tags[1]");
        QTest::newRow("duplicate after trimming")
            << QStringLiteral("t") << QString() << QStringList{QStringLiteral("a"), QStringLiteral(" A ")}
            << QStringLiteral("tags[1]");
        QStringList tooMany;
        for (int i = 0; i < 51; ++i)
            tooMany.append(QStringLiteral("t%1").arg(i));
        QTest::newRow("51 tags") << QStringLiteral("t") << QString() << tooMany << QStringLiteral("tags");
    }

    void create_invalidDraft_failsAndWritesNothing()
    {
        QFETCH(QString, title);
        QFETCH(QString, description);
        QFETCH(QStringList, tags);
        QFETCH(QString, field);
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        TaskDraft draft = draftOf(title);
        draft.description = description;
        draft.tags = tags;
        auto created = m_tasks->create(m_owner, draft);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(created.error().field, field);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 0);
        QVERIFY(m_tasks->query(m_owner, {})->tasks.isEmpty());
    }

    void create_completedDraft_stampsCompletedAt()
    {
        TaskDraft draft = draftOf(QStringLiteral("already done"));
        draft.status = TaskStatus::Completed;
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->task()->completedAt, m_now);
        QCOMPARE(m_tasks->get(m_owner, created->entityId())->completedAt, m_now);
    }

    void create_clientId_isUsed()
    {
        const QUuid id = QUuid::createUuid();
        TaskDraft draft = draftOf(QStringLiteral("mine"));
        draft.id = id;
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->entityId(), id);
        QCOMPARE(m_tasks->get(m_owner, id)->title, QStringLiteral("mine"));
    }

    void create_duplicateClientId_conflictsWithCurrentTask()
    {
        TaskDraft draft = draftOf(QStringLiteral("first"));
        draft.id = QUuid::createUuid();
        auto first = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(first);
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        draft.title = QStringLiteral("second");
        auto second = m_tasks->create(m_owner, draft);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::Conflict);
        const auto current = taskFromJson(second.error().details.value(u"task").toObject());
        TANDEM_VERIFY_OK(current);
        QCOMPARE(current.value(), *first->task());
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 1);
        QCOMPARE(m_tasks->get(m_owner, *draft.id)->title, QStringLiteral("first"));
    }

    void create_idOfAnotherOwnersTask_conflictsWithoutRevealingIt()
    {
        TaskDraft draft = draftOf(QStringLiteral("mallory's secret"));
        draft.id = QUuid::createUuid();
        TANDEM_VERIFY_OK(m_tasks->create(m_other, draft));
        draft.title = QStringLiteral("mine");
        auto taken = m_tasks->create(m_owner, draft);
        QVERIFY(!taken.ok());
        QCOMPARE(taken.error().code, ErrorCode::Conflict);
        QVERIFY(taken.error().details.isEmpty());
        QVERIFY(!taken.error().message.contains(QStringLiteral("secret")));
        QCOMPARE(m_tasks->get(m_other, *draft.id)->title, QStringLiteral("mallory's secret"));
        QCOMPARE(head(), 0);
    }

    void create_idOfOwnTombstone_conflicts()
    {
        TaskDraft draft = draftOf(QStringLiteral("gone"));
        draft.id = QUuid::createUuid();
        TANDEM_VERIFY_OK(m_tasks->create(m_owner, draft));
        TANDEM_VERIFY_OK(m_tasks->remove(m_owner, *draft.id));
        auto again = m_tasks->create(m_owner, draft);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        QCOMPARE(m_tasks->get(m_owner, *draft.id).error().code, ErrorCode::NotFound);
    }

    // --- createMany -------------------------------------------------------

    void createMany_validDrafts_commitsThemInOneOperation()
    {
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        const QUuid op = QUuid::createUuid();
        auto created = m_tasks->createMany(
            m_owner, {draftOf(QStringLiteral("a")), draftOf(QStringLiteral("b")), draftOf(QStringLiteral("c"))}, op);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(created->at(i).seq, i + 1);
            QCOMPARE(created->at(i).kind, ChangeKind::TaskCreated);
            QCOMPARE(created->at(i).opId, op);
            QCOMPARE(spy.at(i).at(0).value<Change>().seq, i + 1);
        }
        QCOMPARE(titlesOf({*created->at(0).task(), *created->at(1).task(), *created->at(2).task()}),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(spy.count(), 3);
        QCOMPARE(head(), 3);
    }

    void createMany_oneInvalidDraft_writesNothing()
    {
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        auto created = m_tasks->createMany(
            m_owner, {draftOf(QStringLiteral("fine")), draftOf(QStringLiteral("   ")), draftOf(QStringLiteral("ok"))});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(created.error().field, QStringLiteral("tasks[1].title"));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 0);
        QVERIFY(m_tasks->query(m_owner, {})->tasks.isEmpty());
    }

    void createMany_takenClientIdInTheMiddle_writesNothing()
    {
        TaskDraft existing = draftOf(QStringLiteral("existing"));
        existing.id = QUuid::createUuid();
        TANDEM_VERIFY_OK(m_tasks->create(m_owner, existing));
        TaskDraft clash = draftOf(QStringLiteral("clash"));
        clash.id = existing.id;
        auto created = m_tasks->createMany(m_owner, {draftOf(QStringLiteral("new")), clash});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Conflict);
        QCOMPARE(head(), 1);
        QCOMPARE(titlesOf(m_tasks->query(m_owner, {})->tasks), QStringList{QStringLiteral("existing")});
    }

    void createMany_sameClientIdTwice_conflictsAndWritesNothing()
    {
        const QUuid id = QUuid::createUuid();
        TaskDraft first = draftOf(QStringLiteral("first"));
        first.id = id;
        TaskDraft second = draftOf(QStringLiteral("second"));
        second.id = id;
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        auto created = m_tasks->createMany(m_owner, {first, second});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Conflict);
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 0);
        QCOMPARE(m_tasks->get(m_owner, id).error().code, ErrorCode::NotFound);
    }

    void createMany_noDrafts_writesNothing()
    {
        auto created = m_tasks->createMany(m_owner, {});
        TANDEM_VERIFY_OK(created);
        QVERIFY(created->isEmpty());
        QCOMPARE(head(), 0);
    }

    // --- update, setStatus, revisions --------------------------------------

    void update_fields_changesThemAndRaisesRevision()
    {
        TaskDraft draft = draftOf(QStringLiteral("before"));
        draft.tags = {QStringLiteral("old")};
        draft.due = Due::onDate(QDate(2026, 11, 27));
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        const QDateTime createdAt = m_now;
        m_now = m_now.addSecs(60);
        TaskPatch patch;
        patch.title = QStringLiteral(" after ");
        patch.description = QStringLiteral("details");
        patch.priority = TaskPriority::Urgent;
        patch.due = Due();
        patch.tags = QStringList{QStringLiteral("new"), QStringLiteral(" other ")};
        auto updated = m_tasks->update(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(updated);
        QCOMPARE(updated->kind, ChangeKind::TaskUpdated);
        QCOMPARE(updated->seq, 2);
        const Task read = m_tasks->get(m_owner, created->entityId()).value();
        QCOMPARE(read, *updated->task());
        QCOMPARE(read.title, QStringLiteral("after"));
        QCOMPARE(read.description, QStringLiteral("details"));
        QCOMPARE(read.priority, TaskPriority::Urgent);
        QVERIFY(read.due.isNone());
        QCOMPARE(read.tags, (QStringList{QStringLiteral("new"), QStringLiteral("other")}));
        QCOMPARE(read.status, TaskStatus::Pending);
        QCOMPARE(read.revision, 2);
        QCOMPARE(read.createdAt, createdAt);
        QCOMPARE(read.updatedAt, m_now);
    }

    void update_invalidPatch_failsAndKeepsTask()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("keep")));
        TANDEM_VERIFY_OK(created);
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        TaskPatch patch;
        patch.title = QStringLiteral("  ");
        auto updated = m_tasks->update(m_owner, created->entityId(), patch);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error().code, ErrorCode::Validation);
        QCOMPARE(updated.error().field, QStringLiteral("title"));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(m_tasks->get(m_owner, created->entityId()).value(), *created->task());
    }

    void update_changeKind_isStatusChangedOnlyForStatusAlone_data()
    {
        QTest::addColumn<TaskPatch>("patch");
        QTest::addColumn<ChangeKind>("kind");

        TaskPatch patch;
        patch.status = TaskStatus::InProgress;
        QTest::newRow("status only") << patch << ChangeKind::TaskStatusChanged;
        patch.status = TaskStatus::Completed;
        QTest::newRow("status to completed") << patch << ChangeKind::TaskStatusChanged;
        patch.title = QStringLiteral("Subject");
        QTest::newRow("status and the same title") << patch << ChangeKind::TaskStatusChanged;
        patch.title = QStringLiteral("  Subject ");
        QTest::newRow("status and the same title untrimmed") << patch << ChangeKind::TaskStatusChanged;
        patch.tags = QStringList{QStringLiteral("a")};
        QTest::newRow("status and the same tags") << patch << ChangeKind::TaskStatusChanged;
        patch.title = QStringLiteral("Other");
        QTest::newRow("status and a new title") << patch << ChangeKind::TaskUpdated;

        patch = {};
        patch.title = QStringLiteral("Other");
        QTest::newRow("title only") << patch << ChangeKind::TaskUpdated;
        patch = {};
        patch.priority = TaskPriority::Low;
        QTest::newRow("priority only") << patch << ChangeKind::TaskUpdated;
        patch.status = TaskStatus::InProgress;
        QTest::newRow("status and priority") << patch << ChangeKind::TaskUpdated;
        patch = {};
        patch.due = Due();
        patch.status = TaskStatus::Completed;
        QTest::newRow("status and cleared due") << patch << ChangeKind::TaskUpdated;
        patch = {};
        patch.tags = QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("tags only") << patch << ChangeKind::TaskUpdated;
        patch = {};
        patch.description = QStringLiteral("more");
        QTest::newRow("description only") << patch << ChangeKind::TaskUpdated;
    }

    void update_changeKind_isStatusChangedOnlyForStatusAlone()
    {
        QFETCH(TaskPatch, patch);
        QFETCH(ChangeKind, kind);
        TaskDraft draft = draftOf(QStringLiteral("Subject"));
        draft.tags = {QStringLiteral("a")};
        draft.due = Due::onDate(QDate(2026, 11, 27));
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        auto updated = m_tasks->update(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(updated);
        QCOMPARE(updated->kind, kind);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Change>().kind, kind);
        QCOMPARE(updated->task()->revision, 2);
    }

    void setStatus_completeAndReopen_stampsAndClearsCompletedAt()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("chore")));
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();

        m_now = utc(11, 21, 9);
        const QDateTime completedAt = m_now;
        auto done = m_tasks->setStatus(m_owner, id, TaskStatus::Completed);
        TANDEM_VERIFY_OK(done);
        QCOMPARE(done->kind, ChangeKind::TaskStatusChanged);
        QCOMPARE(done->task()->completedAt, completedAt);
        QCOMPARE(m_tasks->get(m_owner, id)->completedAt, completedAt);

        // Completing again keeps the first completion time.
        m_now = utc(11, 21, 10);
        auto again = m_tasks->setStatus(m_owner, id, TaskStatus::Completed);
        TANDEM_VERIFY_OK(again);
        QCOMPARE(again->task()->completedAt, completedAt);
        QCOMPARE(again->task()->updatedAt, m_now);

        m_now = utc(11, 21, 11);
        auto reopened = m_tasks->setStatus(m_owner, id, TaskStatus::InProgress);
        TANDEM_VERIFY_OK(reopened);
        QCOMPARE(reopened->kind, ChangeKind::TaskStatusChanged);
        QVERIFY(!reopened->task()->completedAt.isValid());
        const Task read = m_tasks->get(m_owner, id).value();
        QVERIFY(!read.completedAt.isValid());
        QCOMPARE(read.status, TaskStatus::InProgress);
        TANDEM_VERIFY_OK(validateTask(read));
    }

    void setStatus_repeatingTask_movesDueInOneChange()
    {
        TaskDraft draft = draftOf(QStringLiteral("Water the plants"));
        draft.due = dueText(u"2026-11-20");
        RepeatRule rule = RepeatRule::every(RepeatUnit::Week);
        rule.addWeekday(2);
        rule.addWeekday(5);
        draft.repeat = rule;
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();
        const qint64 before = head();
        QSignalSpy changed(m_tasks.get(), &TaskService::changed);

        m_now = utc(11, 20, 18);
        auto done = m_tasks->setStatus(m_owner, id, TaskStatus::Completed, created->task()->revision);
        TANDEM_VERIFY_OK(done);
        QCOMPARE(head(), before + 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(done->kind, ChangeKind::TaskUpdated);
        const Task read = m_tasks->get(m_owner, id).value();
        QCOMPARE(read.status, TaskStatus::Pending);
        QCOMPARE(read.due, dueText(u"2026-11-24")); // Friday the 20th -> Tuesday the 24th
        QCOMPARE(read.lastCompletedAt, m_now);
        QVERIFY(!read.completedAt.isValid());
        QCOMPARE(read.revision, created->task()->revision + 1);
        QVERIFY(read.repeat);
        QCOMPARE(*read.repeat, rule);

        // The same through a status patch (REST PATCH, the assistant), and stopping the repeat.
        m_now = utc(11, 24, 9);
        TaskPatch complete;
        complete.status = TaskStatus::Completed;
        auto again = m_tasks->update(m_owner, id, complete);
        TANDEM_VERIFY_OK(again);
        QCOMPARE(again->task()->due, dueText(u"2026-11-27"));
        TaskPatch stop;
        stop.repeat = std::optional<RepeatRule>();
        auto stopped = m_tasks->update(m_owner, id, stop);
        TANDEM_VERIFY_OK(stopped);
        QVERIFY(!m_tasks->get(m_owner, id)->repeat);
        auto closed = m_tasks->setStatus(m_owner, id, TaskStatus::Completed);
        TANDEM_VERIFY_OK(closed);
        QCOMPARE(closed->task()->status, TaskStatus::Completed);
        QCOMPARE(closed->kind, ChangeKind::TaskStatusChanged);
    }

    void create_repeatWithoutDue_isValidationError()
    {
        TaskDraft draft = draftOf(QStringLiteral("Stretch"));
        draft.repeat = RepeatRule::every(RepeatUnit::Day);
        auto created = m_tasks->create(m_owner, draft);
        QVERIFY(!created);
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(created.error().field, QStringLiteral("due"));
    }

    void update_statusPatch_stampsAndClearsCompletedAt()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("chore")));
        TANDEM_VERIFY_OK(created);
        m_now = utc(11, 22, 9);
        TaskPatch patch;
        patch.status = TaskStatus::Completed;
        auto done = m_tasks->update(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(done);
        QCOMPARE(done->task()->completedAt, m_now);
        patch.status = TaskStatus::Pending;
        m_now = m_now.addSecs(5);
        auto reopened = m_tasks->update(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(reopened);
        QVERIFY(!m_tasks->get(m_owner, created->entityId())->completedAt.isValid());
    }

    void revision_everyChange_risesByOne()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("r")));
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();
        QList<qint64> revisions{created->task()->revision};
        TaskPatch patch;
        patch.title = QStringLiteral("r2");
        auto updated = m_tasks->update(m_owner, id, patch);
        TANDEM_VERIFY_OK(updated);
        revisions.append(updated->task()->revision);
        auto completed = m_tasks->setStatus(m_owner, id, TaskStatus::Completed);
        TANDEM_VERIFY_OK(completed);
        revisions.append(completed->task()->revision);
        auto removed = m_tasks->remove(m_owner, id);
        TANDEM_VERIFY_OK(removed);
        revisions.append(removed->task()->revision);
        auto restored = m_tasks->restore(m_owner, id);
        TANDEM_VERIFY_OK(restored);
        revisions.append(restored->task()->revision);
        QCOMPARE(revisions, (QList<qint64>{1, 2, 3, 4, 5}));
        QCOMPARE(m_tasks->get(m_owner, id)->revision, 5);
    }

    void mutation_staleBaseRevision_conflictsWithCurrentTask_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::newRow("update") << QStringLiteral("update");
        QTest::newRow("setStatus") << QStringLiteral("setStatus");
        QTest::newRow("remove") << QStringLiteral("remove");
    }

    void mutation_staleBaseRevision_conflictsWithCurrentTask()
    {
        QFETCH(QString, operation);
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("shared")));
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();
        TaskPatch elsewhere;
        elsewhere.title = QStringLiteral("changed elsewhere");
        TANDEM_VERIFY_OK(m_tasks->update(m_owner, id, elsewhere, 1)); // now at revision 2
        const Task current = m_tasks->get(m_owner, id).value();
        QCOMPARE(current.revision, 2);

        const auto run = [&](qint64 base) -> Result<Change> {
            TaskPatch patch;
            patch.title = QStringLiteral("mine");
            if (operation == u"update")
                return m_tasks->update(m_owner, id, patch, base);
            if (operation == u"setStatus")
                return m_tasks->setStatus(m_owner, id, TaskStatus::Completed, base);
            return m_tasks->remove(m_owner, id, base);
        };
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        for (qint64 stale : {qint64(1), qint64(3), qint64(0)}) {
            auto result = run(stale);
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, ErrorCode::Conflict);
            const auto reported = taskFromJson(result.error().details.value(u"task").toObject());
            TANDEM_VERIFY_OK(reported);
            QCOMPARE(reported.value(), current);
        }
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 2);
        QCOMPARE(m_tasks->get(m_owner, id).value(), current);

        auto fresh = run(2);
        TANDEM_VERIFY_OK(fresh);
        QCOMPARE(fresh->task()->revision, 3);
        QCOMPARE(spy.count(), 1);
    }

    void update_staleRevisionOnDeletedTask_isNotFound()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("gone")));
        TANDEM_VERIFY_OK(created);
        TANDEM_VERIFY_OK(m_tasks->remove(m_owner, created->entityId()));
        TaskPatch patch;
        patch.title = QStringLiteral("edited offline");
        for (qint64 base : {qint64(1), qint64(2)}) {
            auto updated = m_tasks->update(m_owner, created->entityId(), patch, base);
            QVERIFY(!updated.ok());
            QCOMPARE(updated.error().code, ErrorCode::NotFound);
            QVERIFY(updated.error().details.isEmpty());
        }
    }

    // --- not found, other owners -------------------------------------------

    void operation_unknownOrForeignTask_isNotFound_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<bool>("foreign"); // mallory's task, else an id nobody has

        for (const char *operation : {"get", "update", "setStatus", "remove", "restore"}) {
            QTest::addRow("%s unknown", operation) << QString::fromLatin1(operation) << false;
            QTest::addRow("%s another owner's", operation) << QString::fromLatin1(operation) << true;
        }
    }

    void operation_unknownOrForeignTask_isNotFound()
    {
        QFETCH(QString, operation);
        QFETCH(bool, foreign);
        QUuid id = QUuid::createUuid();
        Task before;
        if (foreign) {
            auto theirs = m_tasks->create(m_other, draftOf(QStringLiteral("mallory's")));
            TANDEM_VERIFY_OK(theirs);
            id = theirs->entityId();
            if (operation == u"restore")
                TANDEM_VERIFY_OK(m_tasks->remove(m_other, id));
            before = m_store->task(m_other, id).value().value_or(Task());
        }
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        Error error;
        if (operation == u"get") {
            error = m_tasks->get(m_owner, id).error();
        } else if (operation == u"update") {
            TaskPatch patch;
            patch.title = QStringLiteral("hijacked");
            error = m_tasks->update(m_owner, id, patch).error();
        } else if (operation == u"setStatus") {
            error = m_tasks->setStatus(m_owner, id, TaskStatus::Completed).error();
        } else if (operation == u"remove") {
            error = m_tasks->remove(m_owner, id).error();
        } else {
            error = m_tasks->restore(m_owner, id).error();
        }
        QCOMPARE(errorCodeName(error.code), errorCodeName(ErrorCode::NotFound));
        QVERIFY(error.details.isEmpty());
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 0);
        if (foreign) {
            const auto after = m_store->task(m_other, id);
            TANDEM_VERIFY_OK(after);
            QCOMPARE(after.value().value_or(Task()), before);
        }
    }

    // --- tombstones -------------------------------------------------------

    void remove_task_leavesTombstoneAndHidesIt()
    {
        TaskDraft draft = draftOf(QStringLiteral("short-lived"));
        draft.tags = {QStringLiteral("temp")};
        auto created = m_tasks->create(m_owner, draft);
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();
        m_now = utc(11, 20, 9);
        auto removed = m_tasks->remove(m_owner, id);
        TANDEM_VERIFY_OK(removed);
        QCOMPARE(removed->kind, ChangeKind::TaskDeleted);
        QCOMPARE(removed->task()->deletedAt, m_now);
        QCOMPARE(removed->task()->updatedAt, m_now);
        QCOMPARE(removed->task()->title, QStringLiteral("short-lived")); // the last state
        QCOMPARE(removed->task()->revision, 2);

        QCOMPARE(m_tasks->get(m_owner, id).error().code, ErrorCode::NotFound);
        TaskQuery byTag;
        byTag.tag = QStringLiteral("temp");
        QVERIFY(m_tasks->query(m_owner, byTag)->tasks.isEmpty());
        QVERIFY(m_tasks->query(m_owner, {})->tasks.isEmpty());
        TaskPatch patch;
        patch.title = QStringLiteral("zombie");
        QCOMPARE(m_tasks->update(m_owner, id, patch).error().code, ErrorCode::NotFound);
        QCOMPARE(m_tasks->setStatus(m_owner, id, TaskStatus::Completed).error().code, ErrorCode::NotFound);
        QCOMPARE(m_tasks->remove(m_owner, id).error().code, ErrorCode::NotFound);

        // A client that was away learns of the delete from the log, tombstone and all.
        auto log = m_store->changesSince(m_owner, 1, 10);
        TANDEM_VERIFY_OK(log);
        QCOMPARE(log->changes.size(), 1);
        QCOMPARE(log->changes.first().kind, ChangeKind::TaskDeleted);
        QCOMPARE(*log->changes.first().task(), *removed->task());
    }

    void restore_deletedTask_comesBackWithSameId()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("undo me")));
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();
        TANDEM_VERIFY_OK(m_tasks->remove(m_owner, id));
        m_now = utc(11, 20, 10);
        auto restored = m_tasks->restore(m_owner, id);
        TANDEM_VERIFY_OK(restored);
        QCOMPARE(restored->kind, ChangeKind::TaskCreated);
        QVERIFY(!restored->task()->isDeleted());
        QCOMPARE(restored->task()->revision, 3);
        QCOMPARE(restored->task()->updatedAt, m_now);
        const Task read = m_tasks->get(m_owner, id).value();
        QCOMPARE(read, *restored->task());
        QCOMPARE(titlesOf(m_tasks->query(m_owner, {})->tasks), QStringList{QStringLiteral("undo me")});

        auto live = m_tasks->restore(m_owner, id);
        QVERIFY(!live.ok());
        QCOMPARE(live.error().code, ErrorCode::Conflict);
    }

    // --- idempotency --------------------------------------------------------

    void operation_repeatedOpId_replaysOriginalWithoutWriting_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char *operation : {"create", "createMany", "update", "setStatus", "remove", "restore"})
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void operation_repeatedOpId_replaysOriginalWithoutWriting()
    {
        QFETCH(QString, operation);
        auto subject = m_tasks->create(m_owner, draftOf(QStringLiteral("subject")));
        TANDEM_VERIFY_OK(subject);
        const QUuid id = subject->entityId();
        if (operation == u"restore")
            TANDEM_VERIFY_OK(m_tasks->remove(m_owner, id));

        // The second call asks for something different: a replay must ignore it.
        const auto run = [&](const QUuid &op, int attempt) -> Result<QList<Change>> {
            const QString title = QStringLiteral("attempt %1").arg(attempt);
            Result<Change> one = Error::storage(QStringLiteral("unreachable"));
            if (operation == u"create") {
                one = m_tasks->create(m_owner, draftOf(title), op);
            } else if (operation == u"createMany") {
                return m_tasks->createMany(m_owner, {draftOf(title), draftOf(title + QStringLiteral(" b"))}, op);
            } else if (operation == u"update") {
                TaskPatch patch;
                patch.title = title;
                one = m_tasks->update(m_owner, id, patch, std::nullopt, op);
            } else if (operation == u"setStatus") {
                one = m_tasks->setStatus(m_owner, id, attempt == 1 ? TaskStatus::Completed : TaskStatus::InProgress,
                                         std::nullopt, op);
            } else if (operation == u"remove") {
                one = m_tasks->remove(m_owner, id, std::nullopt, op);
            } else {
                one = m_tasks->restore(m_owner, id, op);
            }
            if (!one)
                return one.error();
            return QList<Change>{one.value()};
        };

        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        const QUuid op = QUuid::createUuid();
        m_now = utc(11, 20, 12);
        auto first = run(op, 1);
        TANDEM_VERIFY_OK(first);
        QCOMPARE(spy.count(), first->size());
        const qint64 headAfterFirst = head();
        const auto stateAfterFirst = m_store->snapshot(m_owner);
        TANDEM_VERIFY_OK(stateAfterFirst);

        m_now = utc(11, 20, 13);
        auto second = run(op, 2);
        TANDEM_VERIFY_OK(second);
        QCOMPARE(second->size(), first->size());
        for (qsizetype i = 0; i < first->size(); ++i) {
            const Change &original = first->at(i);
            const Change &replay = second->at(i);
            QVERIFY(!original.replayed);
            QVERIFY(replay.replayed);
            QCOMPARE(replay.seq, original.seq);
            QCOMPARE(replay.kind, original.kind);
            QCOMPARE(replay.opId, op);
            QCOMPARE(replay.at, original.at);
            QVERIFY(replay.task());
            QCOMPARE(*replay.task(), *original.task());
        }
        QCOMPARE(spy.count(), first->size()); // no second signal
        QCOMPARE(head(), headAfterFirst);
        const auto stateAfterReplay = m_store->snapshot(m_owner);
        TANDEM_VERIFY_OK(stateAfterReplay);
        QCOMPARE(stateAfterReplay->tasks, stateAfterFirst->tasks);
    }

    void create_replayAfterLaterChanges_returnsOriginalChange()
    {
        const QUuid op = QUuid::createUuid();
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("v1")), op);
        TANDEM_VERIFY_OK(created);
        TaskPatch patch;
        patch.title = QStringLiteral("v2");
        TANDEM_VERIFY_OK(m_tasks->update(m_owner, created->entityId(), patch));
        auto replay = m_tasks->create(m_owner, draftOf(QStringLiteral("v1")), op);
        TANDEM_VERIFY_OK(replay);
        QVERIFY(replay->replayed);
        QCOMPARE(replay->seq, 1);
        QCOMPARE(replay->task()->title, QStringLiteral("v1"));
        QCOMPARE(replay->task()->revision, 1);
        QCOMPARE(head(), 2);
        QCOMPARE(m_tasks->get(m_owner, created->entityId())->title, QStringLiteral("v2"));
    }

    void update_failedOpIdRetried_commits()
    {
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("t")));
        TANDEM_VERIFY_OK(created);
        const QUuid op = QUuid::createUuid();
        TaskPatch patch;
        patch.title = QStringLiteral("retried");
        auto stale = m_tasks->update(m_owner, created->entityId(), patch, 7, op);
        QVERIFY(!stale.ok());
        // A failed operation is not recorded, so the same opId may try again.
        auto retried = m_tasks->update(m_owner, created->entityId(), patch, 1, op);
        TANDEM_VERIFY_OK(retried);
        QVERIFY(!retried->replayed);
        QCOMPARE(retried->task()->title, QStringLiteral("retried"));
        QCOMPARE(head(), 2);
    }

    void create_sameOpIdForAnotherOwner_isIndependent()
    {
        const QUuid op = QUuid::createUuid();
        auto mine = m_tasks->create(m_owner, draftOf(QStringLiteral("mine")), op);
        TANDEM_VERIFY_OK(mine);
        auto theirs = m_tasks->create(m_other, draftOf(QStringLiteral("theirs")), op);
        TANDEM_VERIFY_OK(theirs);
        QVERIFY(!theirs->replayed);
        QCOMPARE(theirs->task()->title, QStringLiteral("theirs"));
        QCOMPARE(theirs->task()->ownerId, m_other);
    }

    // --- the changed() signal ----------------------------------------------

    void changed_everyCommittedChange_firesOnceInSeqOrder()
    {
        QSignalSpy spy(m_tasks.get(), &TaskService::changed);
        QList<qint64> headsSeenInSlot;
        const auto connection = connect(m_tasks.get(), &TaskService::changed, this, [&](const Change &) {
            headsSeenInSlot.append(m_store->head(m_owner).value());
        });
        const auto disconnect = qScopeGuard([&] { QObject::disconnect(connection); });

        QList<Change> returned;
        auto created = m_tasks->create(m_owner, draftOf(QStringLiteral("a")));
        TANDEM_VERIFY_OK(created);
        returned.append(created.value());
        const QUuid id = created->entityId();
        TaskPatch patch;
        patch.title = QStringLiteral("b");
        auto updated = m_tasks->update(m_owner, id, patch);
        TANDEM_VERIFY_OK(updated);
        returned.append(updated.value());
        auto completed = m_tasks->setStatus(m_owner, id, TaskStatus::Completed);
        TANDEM_VERIFY_OK(completed);
        returned.append(completed.value());
        auto removed = m_tasks->remove(m_owner, id);
        TANDEM_VERIFY_OK(removed);
        returned.append(removed.value());
        auto restored = m_tasks->restore(m_owner, id);
        TANDEM_VERIFY_OK(restored);
        returned.append(restored.value());
        auto many = m_tasks->createMany(m_owner, {draftOf(QStringLiteral("c")), draftOf(QStringLiteral("d"))});
        TANDEM_VERIFY_OK(many);
        returned += many.value();

        // Failures emit nothing.
        QVERIFY(!m_tasks->create(m_owner, draftOf(QString())).ok());
        QVERIFY(!m_tasks->update(m_owner, id, patch, 1).ok());
        QVERIFY(!m_tasks->remove(m_owner, QUuid::createUuid()).ok());

        const QList<ChangeKind> kinds{ChangeKind::TaskCreated, ChangeKind::TaskUpdated, ChangeKind::TaskStatusChanged,
                                      ChangeKind::TaskDeleted, ChangeKind::TaskCreated, ChangeKind::TaskCreated,
                                      ChangeKind::TaskCreated};
        QCOMPARE(spy.count(), kinds.size());
        for (int i = 0; i < spy.count(); ++i) {
            const Change signalled = spy.at(i).at(0).value<Change>();
            QCOMPARE(signalled.seq, i + 1);
            QCOMPARE(signalled.kind, kinds.at(i));
            QCOMPARE(signalled.seq, returned.at(i).seq);
            QCOMPARE(signalled.opId, returned.at(i).opId);
            QCOMPARE(*signalled.task(), *returned.at(i).task());
            QVERIFY(!signalled.replayed);
        }
        // When the signal fires the change is already committed.
        QCOMPARE(headsSeenInSlot, (QList<qint64>{1, 2, 3, 4, 5, 7, 7}));
    }

    // --- queries: filters ---------------------------------------------------

    void query_filter_selectsExactly_data()
    {
        QTest::addColumn<TaskQuery>("query");
        QTest::addColumn<QStringList>("titles"); // in title order

        const QString buy = QStringLiteral("Buy milk");
        const QString call = QStringLiteral("Call STRASSE office");
        const QString pay = QStringLiteral("Pay rent");
        const QString read = QStringLiteral("Read book");
        const QString street = QStringLiteral("Straße fegen");
        const QString water = QStringLiteral("Water plants");
        const QString uber = QStringLiteral("über alles");
        const QStringList all{buy, call, pay, read, street, water, uber};

        TaskQuery base;
        base.sort = TaskSort::Title;
        base.timeZone = QTimeZone("Europe/Berlin");
        TaskQuery q = base;
        QTest::newRow("no filter") << q << all;

        q = base;
        q.statuses = {TaskStatus::Pending};
        QTest::newRow("status pending") << q << QStringList{buy, pay, read, water};
        q.statuses = {TaskStatus::InProgress, TaskStatus::Completed};
        QTest::newRow("status in progress or completed") << q << QStringList{call, street, uber};
        q.statuses = {TaskStatus::Pending, TaskStatus::InProgress, TaskStatus::Completed};
        QTest::newRow("every status") << q << all;

        q = base;
        q.priorities = {TaskPriority::High};
        QTest::newRow("priority high") << q << QStringList{street};
        q.priorities = {TaskPriority::None, TaskPriority::Urgent};
        QTest::newRow("priority none or urgent") << q << QStringList{call, pay, water};
        q.priorities = {TaskPriority::Medium, TaskPriority::Low};
        q.statuses = {TaskStatus::Pending};
        QTest::newRow("priority and status together") << q << QStringList{buy, read};

        q = base;
        q.tag = QStringLiteral("work");
        QTest::newRow("tag, other case") << q << QStringList{buy};
        q.tag = QStringLiteral("WORK");
        QTest::newRow("tag, upper case") << q << QStringList{buy};
        q.tag = QStringLiteral(" home ");
        QTest::newRow("tag, untrimmed") << q << QStringList{read, street};
        q.tag = QStringLiteral("über");
        QTest::newRow("tag, non-ASCII case") << q << QStringList{street};
        q.tag = QStringLiteral("wor");
        QTest::newRow("tag, no partial match") << q << QStringList();
        q.tag = QStringLiteral("   ");
        QTest::newRow("tag, blank means any") << q << all;

        q = base;
        q.text = QStringLiteral("milk");
        QTest::newRow("text in title or description") << q << QStringList{buy, pay};
        q.text = QStringLiteral("MILK");
        QTest::newRow("text, upper case") << q << QStringList{buy, pay};
        q.text = QStringLiteral("STRASSE");
        QTest::newRow("text STRASSE finds straße") << q << QStringList{call, street};
        q.text = QStringLiteral("straße");
        QTest::newRow("text straße finds STRASSE") << q << QStringList{call, street};
        q.text = QStringLiteral("ÜBER");
        QTest::newRow("text ÜBER finds über") << q << QStringList{call, uber};
        q.text = QStringLiteral("über");
        QTest::newRow("text über") << q << QStringList{call, uber};
        q.text = QStringLiteral("uber");
        QTest::newRow("text uber finds über (accents ignored)") << q << QStringList{call, uber};
        q.text = QStringLiteral("%");
        QTest::newRow("text percent is literal") << q << QStringList{pay};
        q.text = QStringLiteral("e_n");
        QTest::newRow("text underscore is literal") << q << QStringList{pay};
        q.text = QStringLiteral("y r");
        QTest::newRow("text with a space") << q << QStringList{pay};
        q.text = QStringLiteral("xyzzy");
        QTest::newRow("text found nowhere") << q << QStringList();
        q.text = QStringLiteral("fegen");
        q.tag = QStringLiteral("home");
        QTest::newRow("text and tag together") << q << QStringList{street};

        q = base;
        q.dueFilter = DueFilter::HasDue;
        QTest::newRow("has a due date") << q << QStringList{buy, call, read, street, water, uber};
        q.dueFilter = DueFilter::NoDue;
        QTest::newRow("no due date") << q << QStringList{pay};

        q = base;
        q.dueAfter = zoned("Europe/Berlin", 27, 0);
        q.dueBefore = zoned("Europe/Berlin", 28, 0);
        QTest::newRow("due on Nov 27 in Berlin") << q << QStringList{buy, street, uber};
        q.statuses = {TaskStatus::InProgress};
        QTest::newRow("due on Nov 27 in Berlin, in progress") << q << QStringList{street, uber};
        q = base;
        q.timeZone = QTimeZone("America/New_York");
        q.dueAfter = zoned("America/New_York", 27, 0);
        q.dueBefore = zoned("America/New_York", 28, 0);
        QTest::newRow("due on Nov 27 in New York") << q << QStringList{buy, call, street};
        q.dueAfter = utc(11, 27, 5); // the same instants, given in UTC
        q.dueBefore = utc(11, 28, 5);
        QTest::newRow("due on Nov 27 in New York, bounds in UTC") << q << QStringList{buy, call, street};
        q = base;
        q.dueAfter = zoned("Europe/Berlin", 28, 0);
        QTest::newRow("due from Nov 28 in Berlin") << q << QStringList{call, read};
        q = base;
        q.dueBefore = zoned("Europe/Berlin", 27, 12);
        QTest::newRow("due before noon Nov 27 in Berlin") << q << QStringList{buy, water, uber};
        q.dueBefore = zoned("Europe/Berlin", 27, 0);
        QTest::newRow("due before Nov 27 in Berlin") << q << QStringList{water};
        q = base;
        q.dueAfter = zoned("Europe/Berlin", 26, 23, 59, 59, 999);
        QTest::newRow("due after the last millisecond of Nov 26")
            << q << QStringList{buy, call, read, street, water, uber};
        q = base;
        q.dueAfter = q.dueBefore = zoned("Europe/Berlin", 27, 12);
        QTest::newRow("an instant inside a whole-day due") << q << QStringList{buy};
        q = base;
        q.dueAfter = zoned("Europe/Berlin", 27, 0);
        q.dueFilter = DueFilter::NoDue;
        QTest::newRow("range and no due contradict") << q << QStringList();

        q = base;
        q.limit = 2;
        QTest::newRow("limit") << q << QStringList{buy, call};
        q.limit = 100;
        QTest::newRow("limit above the count") << q << all;
        q.limit = 1;
        q.reversed = true;
        QTest::newRow("limit after reversing") << q << QStringList{uber};
    }

    void query_filter_selectsExactly()
    {
        QFETCH(TaskQuery, query);
        QFETCH(QStringList, titles);

        struct Spec
        {
            QString title;
            TaskStatus status;
            TaskPriority priority;
            QStringList tags;
            Due due;
            QString description;
        };
        const QList<Spec> specs{
            {QStringLiteral("Buy milk"),
             TaskStatus::Pending,
             TaskPriority::Low,
             {QStringLiteral("Work")},
             Due::onDate(QDate(2026, 11, 27)),
             QString()},
            {QStringLiteral("Straße fegen"),
             TaskStatus::InProgress,
             TaskPriority::High,
             {QStringLiteral("ÜBER"), QStringLiteral("home")},
             dueText(u"2026-11-27T23:30:00+01:00"),
             QString()},
            {QStringLiteral("Call STRASSE office"),
             TaskStatus::Completed,
             TaskPriority::Urgent,
             {QStringLiteral("work-stuff")},
             dueText(u"2026-11-28T03:00:00Z"),
             QStringLiteral("About the über plan")},
            {QStringLiteral("Pay rent"),
             TaskStatus::Pending,
             TaskPriority::None,
             {},
             Due(),
             QStringLiteral("Milk money: 100% due_now")},
            {QStringLiteral("Read book"),
             TaskStatus::Pending,
             TaskPriority::Medium,
             {QStringLiteral("home")},
             Due::onDate(QDate(2026, 11, 28)),
             QString()},
            {QStringLiteral("über alles"),
             TaskStatus::InProgress,
             TaskPriority::Low,
             {},
             dueText(u"2026-11-26T23:30:00Z"),
             QString()},
            {QStringLiteral("Water plants"),
             TaskStatus::Pending,
             TaskPriority::None,
             {QStringLiteral("garden")},
             Due::onDate(QDate(2026, 11, 26)),
             QString()},
        };
        for (const Spec &spec : specs) {
            TaskDraft draft = draftOf(spec.title);
            draft.status = spec.status;
            draft.priority = spec.priority;
            draft.tags = spec.tags;
            draft.due = spec.due;
            draft.description = spec.description;
            TANDEM_VERIFY_OK(m_tasks->create(m_owner, draft));
            m_now = m_now.addSecs(1);
        }
        // Never listed: a tombstone and another owner's task that match everything else.
        TaskDraft decoy = draftOf(QStringLiteral("Buy milk too"));
        decoy.tags = {QStringLiteral("Work"), QStringLiteral("home")};
        decoy.due = Due::onDate(QDate(2026, 11, 27));
        decoy.description = QStringLiteral("STRASSE über 100% due_now");
        auto deleted = m_tasks->create(m_owner, decoy);
        TANDEM_VERIFY_OK(deleted);
        TANDEM_VERIFY_OK(m_tasks->remove(m_owner, deleted->entityId()));
        TANDEM_VERIFY_OK(m_tasks->create(m_other, decoy));

        auto result = m_tasks->query(m_owner, query);
        TANDEM_VERIFY_OK(result);
        QCOMPARE(titlesOf(result->tasks), titles);
        QCOMPARE(result->seq, head());

        // matches() and lessThan() give the same answer in memory.
        const QList<Task> all = m_store->snapshot(m_owner)->tasks;
        QCOMPARE(all.size(), specs.size());
        QCOMPARE(titlesOf(inMemoryAnswer(all, query)), titles);
    }

    void query_invalid_isRefused_data()
    {
        QTest::addColumn<TaskQuery>("query");
        QTest::addColumn<QString>("field");

        TaskQuery q;
        q.limit = -1;
        QTest::newRow("negative limit") << q << QStringLiteral("limit");
        q = {};
        q.dueAfter = utc(11, 28, 0);
        q.dueBefore = utc(11, 27, 0);
        QTest::newRow("after later than before") << q << QStringLiteral("dueAfter");
    }

    void query_invalid_isRefused()
    {
        QFETCH(TaskQuery, query);
        QFETCH(QString, field);
        auto result = m_tasks->query(m_owner, query);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field, field);
    }

    // --- queries: sorts -----------------------------------------------------

    void query_sort_ordersAsDocumented_data()
    {
        QTest::addColumn<TaskSort>("sort");
        QTest::addColumn<bool>("reversed");
        QTest::addColumn<QStringList>("titles");

        const QString banana = QStringLiteral("banana");
        const QString apple = QStringLiteral("Apple");
        const QString cherry = QStringLiteral("cherry");
        const QString pie = QStringLiteral("apple pie");
        const QString apfel = QStringLiteral("Äpfel");
        const auto reversedList = [](QStringList list) {
            std::reverse(list.begin(), list.end());
            return list;
        };
        const QStringList due{pie, apple, banana, apfel, cherry};
        const QStringList priority{cherry, pie, banana, apple, apfel};
        const QStringList created{apfel, pie, cherry, apple, banana};
        const QStringList updated{cherry, banana, apfel, pie, apple};
        const QStringList title{apple, pie, banana, cherry, apfel};
        QTest::newRow("due") << TaskSort::Due << false << due;
        QTest::newRow("-due") << TaskSort::Due << true << reversedList(due);
        QTest::newRow("priority") << TaskSort::Priority << false << priority;
        QTest::newRow("-priority") << TaskSort::Priority << true << reversedList(priority);
        QTest::newRow("created") << TaskSort::Created << false << created;
        QTest::newRow("-created") << TaskSort::Created << true << reversedList(created);
        QTest::newRow("updated") << TaskSort::Updated << false << updated;
        QTest::newRow("-updated") << TaskSort::Updated << true << reversedList(updated);
        QTest::newRow("title") << TaskSort::Title << false << title;
        QTest::newRow("-title") << TaskSort::Title << true << reversedList(title);
    }

    void query_sort_ordersAsDocumented()
    {
        QFETCH(TaskSort, sort);
        QFETCH(bool, reversed);
        QFETCH(QStringList, titles);

        const QDateTime start = utc(11, 20, 8);
        const auto createAt = [&](int minute, const QString &title, TaskPriority priority, const Due &due) {
            m_now = start.addSecs(60 * minute);
            TaskDraft draft = draftOf(title);
            draft.priority = priority;
            draft.due = due;
            auto created = m_tasks->create(m_owner, draft);
            return created.ok() ? created->entityId() : QUuid();
        };
        // banana and Äpfel share a due key (the end of Nov 27 in UTC); priority decides.
        const QUuid banana
            = createAt(0, QStringLiteral("banana"), TaskPriority::High, Due::onDate(QDate(2026, 11, 27)));
        createAt(1, QStringLiteral("Apple"), TaskPriority::Low, dueText(u"2026-11-27T10:00:00Z"));
        const QUuid cherry = createAt(2, QStringLiteral("cherry"), TaskPriority::Urgent, Due());
        createAt(3, QStringLiteral("apple pie"), TaskPriority::High, dueText(u"2026-11-26T09:00:00+01:00"));
        createAt(4, QStringLiteral("Äpfel"), TaskPriority::None, Due::onDate(QDate(2026, 11, 27)));
        QVERIFY(!banana.isNull() && !cherry.isNull());
        TaskPatch touch;
        touch.description = QStringLiteral("touched");
        m_now = start.addSecs(600);
        TANDEM_VERIFY_OK(m_tasks->update(m_owner, banana, touch));
        m_now = start.addSecs(660);
        TANDEM_VERIFY_OK(m_tasks->update(m_owner, cherry, touch));

        TaskQuery query;
        query.sort = sort;
        query.reversed = reversed;
        auto result = m_tasks->query(m_owner, query);
        TANDEM_VERIFY_OK(result);
        QCOMPARE(titlesOf(result->tasks), titles);
        QCOMPARE(titlesOf(inMemoryAnswer(m_store->snapshot(m_owner)->tasks, query)), titles);
    }

    void query_sortTies_breakByCreatedThenId_data()
    {
        QTest::addColumn<TaskSort>("sort");
        QTest::addColumn<bool>("reversed");
        QTest::addColumn<QStringList>("titles");

        // "tAsK" was created first; the other three together, with ids 1 < 2 < 3.
        const QStringList ascending{QStringLiteral("tAsK"), QStringLiteral("TASK"), QStringLiteral("task"),
                                    QStringLiteral("Task")};
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        const QStringList newest{QStringLiteral("TASK"), QStringLiteral("task"), QStringLiteral("Task"),
                                 QStringLiteral("tAsK")};
        QStringList oldest = newest;
        std::reverse(oldest.begin(), oldest.end());
        QTest::newRow("title") << TaskSort::Title << false << ascending;
        QTest::newRow("-title") << TaskSort::Title << true << descending;
        QTest::newRow("due") << TaskSort::Due << false << ascending;
        QTest::newRow("-due") << TaskSort::Due << true << descending;
        QTest::newRow("priority") << TaskSort::Priority << false << ascending;
        QTest::newRow("updated") << TaskSort::Updated << false << newest;
        QTest::newRow("created") << TaskSort::Created << false << newest;
        QTest::newRow("-created") << TaskSort::Created << true << oldest;
    }

    void query_sortTies_breakByCreatedThenId()
    {
        QFETCH(TaskSort, sort);
        QFETCH(bool, reversed);
        QFETCH(QStringList, titles);

        const auto withId = [](const QString &title, int n) {
            TaskDraft draft = draftOf(title);
            draft.id = QUuid(QStringLiteral("00000000-0000-4000-8000-00000000000%1").arg(n));
            return draft;
        };
        m_now = utc(11, 20, 7, 59);
        TANDEM_VERIFY_OK(m_tasks->create(m_owner, withId(QStringLiteral("tAsK"), 9)));
        m_now = utc(11, 20, 8);
        // Created in a shuffled order, in one operation: the same createdAt.
        TANDEM_VERIFY_OK(m_tasks->createMany(
            m_owner,
            {withId(QStringLiteral("task"), 2), withId(QStringLiteral("Task"), 3), withId(QStringLiteral("TASK"), 1)}));
        TaskQuery query;
        query.sort = sort;
        query.reversed = reversed;
        auto result = m_tasks->query(m_owner, query);
        TANDEM_VERIFY_OK(result);
        QCOMPARE(titlesOf(result->tasks), titles);
        QCOMPARE(titlesOf(inMemoryAnswer(m_store->snapshot(m_owner)->tasks, query)), titles);
    }

    // --- the property: SQL == matches() + lessThan() -------------------------

    void query_randomQueries_equalInMemoryAnswer()
    {
        QRandomGenerator rng(20261127);
        const QStringList titleStems{
            QStringLiteral("Apple"),        QStringLiteral("apple"),   QStringLiteral("APPLE"),
            QStringLiteral("Äpfel"),        QStringLiteral("äpfel"),   QStringLiteral("Straße"),
            QStringLiteral("STRASSE"),      QStringLiteral("strasse"), QStringLiteral("über"),
            QStringLiteral("ÜBER"),         QStringLiteral("Über"),    QStringLiteral("İstanbul"),
            QStringLiteral("istanbul"),     QStringLiteral("東京"),    QStringLiteral("Ωmega"),
            QStringLiteral("ωMEGA"),        QStringLiteral("🎂 cake"),  QStringLiteral("Zebra"),
            QStringLiteral("zebra"),        QStringLiteral("a"),       QStringLiteral("B"),
            QStringLiteral("ﬁle"),          QStringLiteral("ΟΔΟΣ"),    QStringLiteral("zz top"),
            QStringLiteral("Café Lumière"), QStringLiteral("cafe"),    QStringLiteral("Ana’s")};
        const QStringList titleSuffixes{
            QString(),           QString(), QStringLiteral(" report"), QStringLiteral(" 2"), QStringLiteral(" Plan"),
            QStringLiteral(" ß")};
        const QStringList descriptions{QString(),
                                       QString(),
                                       QStringLiteral("milk and honey"),
                                       QStringLiteral("STRASSE 5"),
                                       QStringLiteral("über alles"),
                                       QStringLiteral("tab\there"),
                                       QStringLiteral("line\nbreak"),
                                       QStringLiteral("emoji 🎉 party"),
                                       QStringLiteral("100% done_now"),
                                       QStringLiteral("οδος")};
        const QStringList tagPool{QStringLiteral("Work"),   QStringLiteral("home"),   QStringLiteral("ÜBER"),
                                  QStringLiteral("Straße"), QStringLiteral("urgent"), QStringLiteral("🏷️"),
                                  QStringLiteral("q3")};
        const QList<int> offsets{0, 3600, 7200, -18000, 19800, 50400, -36000, -39600};
        const QList<QByteArray> zones{"UTC",          "Europe/Berlin",      "America/New_York",
                                      "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago"};
        const QDate firstDay(2026, 11, 20);
        const int days = 14;
        const QList<QDateTime> createdTimes{utc(11, 19, 10), utc(11, 19, 10).addMSecs(1), utc(11, 19, 11),
                                            utc(11, 19, 12), utc(11, 19, 12).addMSecs(250)};
        const QList<QDateTime> updatedTimes{utc(11, 19, 13), utc(11, 19, 14), utc(11, 19, 14).addMSecs(1),
                                            utc(11, 19, 15)};

        const auto variant = [&](const QString &text) {
            switch (rng.bounded(4)) {
            case 0:
                return text.toUpper();
            case 1:
                return text.toLower();
            default:
                return text;
            }
        };
        const auto randomDue = [&]() -> Due {
            switch (rng.bounded(4)) {
            case 0:
                return Due();
            case 1:
                return Due::onDate(firstDay.addDays(rng.bounded(days)));
            default: {
                const QDateTime dayStart(firstDay.addDays(rng.bounded(days)), QTime(0, 0), QTimeZone::utc());
                // Half-hour steps hit local midnights; the last millisecond of a UTC day
                // ties with the sort key of a date-only due.
                const QDateTime instant = rng.bounded(8) == 0 ? dayStart.addMSecs(86'400'000 - 1)
                                                              : dayStart.addSecs(1800 * rng.bounded(48));
                return Due::at(instant.toOffsetFromUtc(pick(rng, offsets)));
            }
            }
        };
        const auto randomTags = [&] {
            QStringList pool = tagPool;
            QStringList tags;
            for (int n = rng.bounded(4); n > 0; --n)
                tags.append(variant(pool.takeAt(rng.bounded(int(pool.size())))));
            return tags;
        };
        const auto randomDraft = [&] {
            TaskDraft draft = draftOf(pick(rng, titleStems) + pick(rng, titleSuffixes));
            draft.description = pick(rng, descriptions);
            draft.status = TaskStatus(rng.bounded(3));
            draft.priority = TaskPriority(rng.bounded(5));
            draft.due = randomDue();
            draft.tags = randomTags();
            return draft;
        };

        // ~300 tasks, in batches that share a createdAt.
        QHash<QUuid, Task> live;
        while (live.size() < 300) {
            m_now = pick(rng, createdTimes);
            QList<TaskDraft> batch;
            for (int n = 1 + rng.bounded(8); n > 0; --n)
                batch.append(randomDraft());
            auto created = m_tasks->createMany(m_owner, batch);
            TANDEM_VERIFY_OK(created);
            for (const Change &change : std::as_const(created.value()))
                live.insert(change.entityId(), *change.task());
        }
        // Then changes, so updatedAt, status and completedAt vary; some tasks are deleted.
        for (int i = 0; i < 150; ++i) {
            const QList<QUuid> ids = live.keys();
            const QUuid id = ids.at(rng.bounded(int(ids.size())));
            m_now = pick(rng, updatedTimes);
            Result<Change> change = Error::storage(QStringLiteral("unreachable"));
            switch (rng.bounded(5)) {
            case 0:
                change = m_tasks->setStatus(m_owner, id, TaskStatus(rng.bounded(3)));
                break;
            case 1: {
                TaskPatch patch;
                patch.priority = TaskPriority(rng.bounded(5));
                patch.due = randomDue();
                change = m_tasks->update(m_owner, id, patch);
                break;
            }
            case 2: {
                TaskPatch patch;
                patch.title = pick(rng, titleStems);
                patch.tags = randomTags();
                change = m_tasks->update(m_owner, id, patch);
                break;
            }
            case 3:
                change = m_tasks->remove(m_owner, id);
                break;
            default: {
                TaskPatch patch;
                patch.description = pick(rng, descriptions);
                change = m_tasks->update(m_owner, id, patch);
                break;
            }
            }
            TANDEM_VERIFY_OK(change);
            if (change->task()->isDeleted())
                live.remove(id);
            else
                live.insert(id, *change->task());
        }
        // Another owner's tasks must never show up.
        for (int i = 0; i < 10; ++i)
            TANDEM_VERIFY_OK(m_tasks->create(m_other, randomDraft()));

        // What the store holds is exactly what the service reported.
        auto everything = m_tasks->query(m_owner, TaskQuery());
        TANDEM_VERIFY_OK(everything);
        QCOMPARE(everything->tasks.size(), live.size());
        for (const Task &task : std::as_const(everything->tasks))
            QCOMPARE(task, live.value(task.id));
        const QList<Task> all = everything->tasks;

        const QStringList texts{
            QStringLiteral("apple"),    QStringLiteral("APPLE"),   QStringLiteral("äpfel"),  QStringLiteral("ÄPFEL"),
            QStringLiteral("strasse"),  QStringLiteral("STRASSE"), QStringLiteral("straße"), QStringLiteral("ss"),
            QStringLiteral("über"),     QStringLiteral("ÜBER"),    QStringLiteral("uber"),   QStringLiteral("istanbul"),
            QStringLiteral("İstanbul"), QStringLiteral("東京"),    QStringLiteral("ΩMEGA"),  QStringLiteral("🎂"),
            QStringLiteral("e"),        QStringLiteral("MILK"),    QStringLiteral("100%"),   QStringLiteral("done_now"),
            QStringLiteral("\n"),       QStringLiteral("FILE"),    QStringLiteral("οδοσ"),   QStringLiteral(" "),
            QStringLiteral("t r"),      QStringLiteral("cafe"),    QStringLiteral("CAFÉ"),   QStringLiteral("lumiere"),
            QStringLiteral("ana's")};
        const auto randomInstant = [&](const QTimeZone &zone) {
            const QDate day = firstDay.addDays(rng.bounded(-1, days + 1));
            switch (rng.bounded(3)) {
            case 0: // a local midnight
                return QDateTime(day, QTime(0, 0), zone);
            case 1:
                return QDateTime(day, QTime(0, 0), QTimeZone::utc()).addSecs(1800 * rng.bounded(48));
            default:
                return QDateTime(day, QTime(0, 0), QTimeZone::utc()).addMSecs(rng.bounded(86'400'000));
            }
        };

        int nonEmpty = 0;
        int truncated = 0;
        int ranged = 0;
        for (int i = 0; i < 400; ++i) {
            TaskQuery query;
            if (rng.bounded(3) == 0) {
                for (int s = 0; s < 3; ++s) {
                    if (rng.bounded(2) == 0)
                        query.statuses.append(TaskStatus(s));
                }
            }
            if (rng.bounded(3) == 0) {
                for (int p = 0; p < 5; ++p) {
                    if (rng.bounded(2) == 0)
                        query.priorities.append(TaskPriority(p));
                }
            }
            if (rng.bounded(5) == 0) {
                const int which = rng.bounded(int(tagPool.size()) + 2);
                query.tag = which < tagPool.size()
                    ? variant(tagPool.at(which))
                    : (which == tagPool.size() ? QStringLiteral("  ") : QStringLiteral(" work "));
            }
            if (rng.bounded(4) == 0)
                query.text = pick(rng, texts);
            query.dueFilter = DueFilter(rng.bounded(5) < 3 ? 0 : rng.bounded(3));
            query.timeZone = QTimeZone(pick(rng, zones));
            if (rng.bounded(5) < 2) {
                ++ranged;
                if (rng.bounded(3) != 0)
                    query.dueAfter = randomInstant(query.timeZone);
                if (rng.bounded(3) != 0)
                    query.dueBefore = randomInstant(query.timeZone);
                if (query.dueAfter.isValid() && query.dueBefore.isValid() && query.dueAfter > query.dueBefore)
                    std::swap(query.dueAfter, query.dueBefore);
            }
            query.sort = TaskSort(rng.bounded(5));
            query.reversed = rng.bounded(2) == 1;
            if (rng.bounded(10) < 3)
                query.limit = 1 + rng.bounded(25);

            auto result = m_tasks->query(m_owner, query);
            TANDEM_VERIFY_OK(result);
            const QList<Task> expected = inMemoryAnswer(all, query);
            const QStringList actualLines = describe(result->tasks);
            const QStringList expectedLines = describe(expected);
            if (actualLines != expectedLines)
                qWarning().noquote() << "query" << i << "differs:" << describe(query);
            QCOMPARE(actualLines, expectedLines);
            if (!expected.isEmpty())
                ++nonEmpty;
            if (query.limit > 0 && expected.size() == query.limit)
                ++truncated;
        }
        // The queries exercised something: not all empty, some limited, some ranged.
        QVERIFY(nonEmpty > 200);
        QVERIFY(truncated > 20);
        QVERIFY(ranged > 100);
    }
};

QTEST_GUILESS_MAIN(TestTaskService)
#include "tst_task_service.moc"
