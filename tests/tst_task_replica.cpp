// TaskReplica, its feed from TaskService, the list order and groups on its
// keys, and SmartListCounts: the in-memory side of the desktop's lists.
#include "auth/accountservice.h"
#include "domain/smartlist.h"
#include "services/smartlistcounts.h"
#include "services/tasklistorder.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>

using namespace tandem;

namespace {

const QDateTime epoch(QDate(2026, 1, 1), QTime(8, 0), QTimeZone::utc());

Task makeTask(const QString &title, int n, const Due &due = {}, TaskPriority priority = TaskPriority::None,
              TaskStatus status = TaskStatus::Pending, const QStringList &tags = {})
{
    Task task;
    task.id = QUuid::createUuid();
    task.title = title;
    task.due = due;
    task.priority = priority;
    task.status = status;
    task.tags = tags;
    task.createdAt = epoch.addSecs(n * 60);
    task.updatedAt = epoch.addSecs(n * 90 % 7000);
    if (status == TaskStatus::Completed)
        task.completedAt = task.updatedAt;
    task.revision = 1;
    return task;
}

// A spread of tasks for every list: overdue, today, tomorrow, later, undated, completed.
QList<Task> mixedTasks(const QDate &today)
{
    const QDateTime now = QDateTime::currentDateTime();
    QList<Task> tasks;
    int n = 0;
    tasks << makeTask(QStringLiteral("Pay rent"), n++, Due::onDate(today.addDays(-2)), TaskPriority::High);
    tasks << makeTask(QStringLiteral("Call mum"), n++, Due::at(now.addSecs(-3600)), TaskPriority::None,
                      TaskStatus::Pending, {QStringLiteral("home")});
    tasks << makeTask(QStringLiteral("Café with Ana"), n++, Due::onDate(today), TaskPriority::Low,
                      TaskStatus::InProgress, {QStringLiteral("Social")});
    tasks << makeTask(QStringLiteral("dentist"), n++, Due::onDate(today.addDays(1)), TaskPriority::Urgent);
    tasks << makeTask(QStringLiteral("Book flights"), n++, Due::onDate(today.addDays(9)), TaskPriority::Medium,
                      TaskStatus::Pending, {QStringLiteral("travel"), QStringLiteral("home")});
    tasks << makeTask(QStringLiteral("Zebra crossing survey"), n++, {}, TaskPriority::Low);
    tasks << makeTask(QStringLiteral("éclair recipe"), n++, {}, TaskPriority::None, TaskStatus::Pending,
                      {QStringLiteral("Home")});
    tasks << makeTask(QStringLiteral("File taxes"), n++, Due::onDate(today.addDays(-5)), TaskPriority::Urgent,
                      TaskStatus::Completed);
    tasks << makeTask(QStringLiteral("Water plants"), n++, {}, TaskPriority::None, TaskStatus::Completed,
                      {QStringLiteral("home")});
    // Same due and priority as "dentist": the creation time and then the id break the tie.
    tasks << makeTask(QStringLiteral("Dentist (again)"), n++, Due::onDate(today.addDays(1)), TaskPriority::Urgent);
    return tasks;
}

QStringList titlesOf(std::vector<const TaskReplica::Entry *> entries)
{
    QStringList titles;
    for (const TaskReplica::Entry *entry : entries)
        titles.append(entry->task.title);
    titles.sort();
    return titles;
}

} // namespace

class TestTaskReplica : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apply_newerVersion_replacesAndOlderIsIgnored()
    {
        TaskReplica replica;
        Task task = makeTask(QStringLiteral("first"), 1);
        replica.reset(QList<Task>{task});
        QSignalSpy about(&replica, &TaskReplica::taskAboutToChange);
        QSignalSpy changed(&replica, &TaskReplica::taskChanged);
        const TaskReplica::Entry *entry = replica.find(task.id);
        QVERIFY(entry);
        task.title = QStringLiteral("second");
        task.revision = 2;
        replica.apply(task);
        QCOMPARE(about.size(), 1);
        QCOMPARE(changed.size(), 1);
        // The entry keeps its address and shows the new version.
        QCOMPARE(replica.find(task.id), entry);
        QCOMPARE(entry->task.title, QStringLiteral("second"));
        Task stale = task;
        stale.title = QStringLiteral("stale");
        stale.revision = 1;
        replica.apply(stale);
        QCOMPARE(entry->task.title, QStringLiteral("second"));
        QCOMPARE(changed.size(), 1);
    }

    void apply_tombstone_removesAndOlderVersionStaysGone()
    {
        TaskReplica replica;
        Task task = makeTask(QStringLiteral("doomed"), 1);
        Task other = makeTask(QStringLiteral("stays"), 2);
        replica.reset(QList<Task>{task, other});
        QSignalSpy changed(&replica, &TaskReplica::taskChanged);
        Task tombstone = task;
        tombstone.revision = 2;
        tombstone.deletedAt = epoch;
        replica.apply(tombstone);
        QCOMPARE(replica.size(), 1);
        QVERIFY(!replica.find(task.id));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(1).value<const TaskReplica::Entry *>(), nullptr);
        replica.apply(task); // revision 1 arriving late
        QVERIFY(!replica.find(task.id));
        // The moved entry is still found by its id.
        QCOMPARE(replica.find(other.id)->task.title, QStringLiteral("stays"));
        // An undo brings it back with a newer revision.
        task.revision = 3;
        replica.apply(task);
        QVERIFY(replica.find(task.id));
    }

    void remove_vanishedTask_isForgotten()
    {
        TaskReplica replica;
        const Task task = makeTask(QStringLiteral("gone elsewhere"), 1);
        replica.reset(QList<Task>{task});
        replica.remove(task.id);
        QCOMPARE(replica.size(), 0);
        replica.apply(task); // the same revision again: still gone
        QCOMPARE(replica.size(), 0);
    }

    void select_text_foldsCaseAndAccents_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("titles");
        QTest::newRow("cafe finds Café") << QStringLiteral("cafe") << QStringList{QStringLiteral("Café with Ana")};
        QTest::newRow("ECLAIR finds éclair")
            << QStringLiteral("ECLAIR") << QStringList{QStringLiteral("éclair recipe")};
        QTest::newRow("dentist, any case")
            << QStringLiteral("DENTIST") << QStringList{QStringLiteral("Dentist (again)"), QStringLiteral("dentist")};
        QTest::newRow("nothing") << QStringLiteral("xylophone") << QStringList{};
    }

    void select_text_foldsCaseAndAccents()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, titles);
        TaskReplica replica;
        replica.reset(mixedTasks(QDate::currentDate()));
        TaskQuery query;
        query.text = text;
        QCOMPARE(titlesOf(replica.select(TaskMatcher(query))), titles);
    }

    void select_afterManyChanges_searchesTheCurrentText()
    {
        // Enough rewrites that the text buffer compacts under the replica.
        TaskReplica replica;
        Task task = makeTask(QStringLiteral("v0"), 1);
        replica.reset(QList<Task>{task, makeTask(QStringLiteral("bystander"), 2)});
        for (int i = 1; i <= 3000; ++i) {
            task.title = QStringLiteral("version %1 ").arg(i) + QString(40, u'x');
            task.revision = i + 1;
            replica.apply(task);
        }
        TaskQuery query;
        query.text = QStringLiteral("version 3000 ");
        QCOMPARE(titlesOf(replica.select(TaskMatcher(query))).size(), 1);
        query.text = QStringLiteral("version 2999 ");
        QCOMPARE(titlesOf(replica.select(TaskMatcher(query))).size(), 0);
        query.text = QStringLiteral("bystander");
        QCOMPARE(titlesOf(replica.select(TaskMatcher(query))).size(), 1);
    }

    void lessThan_eachSort_agreesWithTaskQuery_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("reversed");
        for (TaskSort sort :
             {TaskSort::Due, TaskSort::Priority, TaskSort::Created, TaskSort::Updated, TaskSort::Title}) {
            QTest::addRow("%s", qPrintable(taskSortName(sort, false))) << int(sort) << false;
            QTest::addRow("%s", qPrintable(taskSortName(sort, true))) << int(sort) << true;
        }
    }

    void lessThan_eachSort_agreesWithTaskQuery()
    {
        QFETCH(int, sort);
        QFETCH(bool, reversed);
        TaskReplica replica;
        const QList<Task> tasks = mixedTasks(QDate::currentDate());
        replica.reset(tasks);
        TaskQuery query;
        query.sort = TaskSort(sort);
        query.reversed = reversed;
        const TaskOrder order = TaskOrder::of(query.sort, query.reversed);
        int compared = 0;
        for (const Task &a : tasks) {
            for (const Task &b : tasks) {
                QCOMPARE(order.lessThan(*replica.find(a.id), *replica.find(b.id)), query.lessThan(a, b));
                ++compared;
            }
        }
        QCOMPARE(compared, int(tasks.size() * tasks.size()));
    }

    void lessThan_columnOrders_statusThenTags()
    {
        TaskReplica replica;
        const QList<Task> tasks = mixedTasks(QDate::currentDate());
        replica.reset(tasks);
        std::vector<const TaskReplica::Entry *> entries = replica.select(TaskMatcher(TaskQuery{}));
        const TaskOrder byStatus{TaskOrderKey::Status, false};
        std::sort(entries.begin(), entries.end(), [&](auto *a, auto *b) { return byStatus.lessThan(*a, *b); });
        QCOMPARE(entries.front()->task.status, TaskStatus::Pending);
        QCOMPARE(entries.back()->task.status, TaskStatus::Completed);
        const TaskOrder byTags{TaskOrderKey::Tags, false};
        std::sort(entries.begin(), entries.end(), [&](auto *a, auto *b) { return byTags.lessThan(*a, *b); });
        QCOMPARE(entries.front()->firstTagKey, QStringLiteral("home"));
        QVERIFY(entries.back()->task.tags.isEmpty()); // untagged last
    }

    void groupOf_eachKindOfTask_fallsInItsGroup()
    {
        TaskReplica replica;
        const QDate today = QDate::currentDate();
        replica.reset(mixedTasks(today));
        const TaskGroups when(TaskGrouping::When, QDateTime::currentDateTimeUtc());
        const auto groupOf = [&](const char *title) {
            const auto all = replica.select(TaskMatcher(TaskQuery{}));
            const auto it = std::find_if(all.cbegin(), all.cend(),
                                         [&](auto *entry) { return entry->task.title == QString::fromUtf8(title); });
            return it == all.cend() ? qint64(-1) : when.groupOf(**it);
        };
        QCOMPARE(groupOf("Pay rent"), TaskGroups::Overdue);
        QCOMPARE(groupOf("Call mum"), TaskGroups::Overdue); // a time an hour ago
        QCOMPARE(groupOf("Café with Ana"), TaskGroups::Today);
        QCOMPARE(groupOf("dentist"), TaskGroups::Tomorrow);
        QCOMPARE(groupOf("Book flights"), TaskGroups::Later);
        QCOMPARE(groupOf("Zebra crossing survey"), TaskGroups::NoDate);
        QCOMPARE(groupOf("File taxes"), TaskGroups::Completed);
        const TaskGroups days(TaskGrouping::Day, QDateTime::currentDateTimeUtc());
        QCOMPARE(days.groupOf(*replica.find(replica
                                                .select(TaskMatcher([] {
                                                    TaskQuery q;
                                                    q.text = QStringLiteral("flights");
                                                    return q;
                                                }()))
                                                .front()
                                                ->task.id)),
                 today.addDays(9).toJulianDay());
    }

    void counts_everySmartList_matchesItsQuery_data()
    {
        QTest::addColumn<QString>("list");
        for (const SmartList list : allSmartLists)
            QTest::newRow(qPrintable(smartListName(list))) << smartListName(list);
    }

    void counts_everySmartList_matchesItsQuery()
    {
        QFETCH(QString, list);
        const SmartList smartList = *smartListFromName(list);
        const QList<Task> tasks = mixedTasks(QDate::currentDate());
        TaskReplica replica;
        replica.reset(tasks);
        SmartListCounts counts(replica);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        counts.recount(now);
        const TaskQuery query = smartListQuery(smartList, now, QTimeZone::systemTimeZone());
        const auto expected
            = std::count_if(tasks.cbegin(), tasks.cend(), [&](const Task &t) { return query.matches(t); });
        QCOMPARE(counts.count(smartList), int(expected));
        QVERIFY(expected > 0); // the spread puts something in every list
    }

    void counts_liveChange_movesTaskBetweenLists()
    {
        const QDate today = QDate::currentDate();
        TaskReplica replica;
        Task task = makeTask(QStringLiteral("someday"), 1);
        replica.reset(QList<Task>{task});
        SmartListCounts counts(replica);
        QSignalSpy changed(&counts, &SmartListCounts::changed);
        QCOMPARE(counts.count(SmartList::NoDate), 1);
        QCOMPARE(counts.count(SmartList::Today), 0);
        task.due = Due::onDate(today);
        task.revision = 2;
        replica.apply(task);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(counts.count(SmartList::NoDate), 0);
        QCOMPARE(counts.count(SmartList::Today), 1);
        QCOMPARE(counts.count(SmartList::All), 1);
        task.status = TaskStatus::Completed;
        task.completedAt = epoch;
        task.revision = 3;
        replica.apply(task);
        QCOMPARE(counts.count(SmartList::Today), 0);
        QCOMPARE(counts.count(SmartList::All), 0);
        QCOMPARE(counts.count(SmartList::Completed), 1);
        replica.remove(task.id);
        QCOMPARE(counts.count(SmartList::Completed), 0);
    }

    void counts_tags_countOpenTasksAndFollowChanges()
    {
        TaskReplica replica;
        replica.reset(mixedTasks(QDate::currentDate()));
        SmartListCounts counts(replica);
        QList<SmartListCounts::Tag> tags = counts.tags();
        QStringList keys;
        for (const auto &tag : tags)
            keys.append(tag.key);
        QCOMPARE(keys, (QStringList{QStringLiteral("home"), QStringLiteral("social"), QStringLiteral("travel")}));
        // "home", "Home": one tag; the completed "Water plants" is not open.
        QCOMPARE(tags.at(0).open, 3);
        QCOMPARE(tags.at(0).all, 4);
        Task tagged = makeTask(QStringLiteral("New #garden"), 50, {}, TaskPriority::None, TaskStatus::Pending,
                               {QStringLiteral("garden")});
        replica.apply(tagged);
        tags = counts.tags();
        QCOMPARE(tags.at(0).name, QStringLiteral("garden"));
        QCOMPARE(tags.at(0).open, 1);
        replica.remove(tagged.id);
        QCOMPARE(counts.tags().size(), 3);
    }

    void feed_load100k_doesNotBlockTheEventLoop()
    {
        QString error;
        auto db = test::TestDatabase::create(StoreEngine::Sqlite, &error);
        QVERIFY2(db, qPrintable(error));
        auto opened = db->open();
        TANDEM_VERIFY_OK(opened);
        std::unique_ptr<Store> store = std::move(opened).value();
        TaskService service(*store);
        AccountService accounts(*store);
        auto owner = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        constexpr int count = 100'000;
        QList<TaskDraft> drafts;
        drafts.reserve(count);
        for (int i = 0; i < count; ++i) {
            TaskDraft draft;
            draft.title = QStringLiteral("Task number %1 for the load").arg(i);
            if (i % 3 == 0)
                draft.due = Due::onDate(QDate::currentDate().addDays(i % 40 - 10));
            drafts.append(draft);
        }
        TANDEM_VERIFY_OK(service.createMany(owner->id, drafts));

        TaskReplica replica;
        TaskReplicaFeed feed(service, replica, owner->id);
        int ticksWhileLoading = 0;
        QTimer ticker;
        ticker.setInterval(1);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (replica.isLoading())
                ++ticksWhileLoading;
        });
        ticker.start();
        QElapsedTimer call;
        call.start();
        feed.load();
        const qint64 callMs = call.elapsed();
        QVERIFY(replica.isLoading());
        // A write while the load runs is not lost.
        TaskDraft late;
        late.title = QStringLiteral("written during the load");
        auto created = service.create(owner->id, late);
        TANDEM_VERIFY_OK(created);
        QTRY_VERIFY_WITH_TIMEOUT(!replica.isLoading(), 120'000);
        QCOMPARE(replica.size(), count + 1);
        QVERIFY(replica.find(created->entityId()));
        // The GUI thread kept turning while the worker read and indexed.
        QVERIFY2(ticksWhileLoading >= 3, qPrintable(QString::number(ticksWhileLoading)));
        QVERIFY2(callMs < 50, qPrintable(QString::number(callMs)));
    }
};

QTEST_GUILESS_MAIN(TestTaskReplica)
#include "tst_task_replica.moc"
