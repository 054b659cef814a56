// ReminderScheduler under a fake clock on a real store: it announces a task
// at its due (or the lead minutes before), once per due, never for a task
// completed, deleted or re-dated away, and a date-only due at 09:00 local.
#include "auth/accountservice.h"
#include "services/reminderscheduler.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace tandem;

class TestReminderScheduler : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    User m_owner;
    QDateTime m_now;
    const QDateTime m_start{QDate(2026, 11, 20), QTime(8, 0), QTimeZone::utc()};

    Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    std::unique_ptr<ReminderScheduler> makeScheduler(int leadMinutes = 0, const QTimeZone &zone = QTimeZone::utc())
    {
        auto scheduler = std::make_unique<ReminderScheduler>(*m_tasks, m_owner.id, clock(), zone);
        scheduler->setLeadMinutes(leadMinutes);
        return scheduler;
    }

    // Loads the open tasks as the desktop does, off the scheduler's own query.
    void load(ReminderScheduler &scheduler)
    {
        auto open = m_tasks->query(m_owner.id, ReminderScheduler::openTasksQuery());
        QVERIFY(open.ok());
        scheduler.reset(open->tasks);
    }

    QUuid addTask(const QString &title, const Due &due)
    {
        TaskDraft draft;
        draft.title = title;
        draft.due = due;
        auto created = m_tasks->create(m_owner.id, draft);
        return created ? created->entityId() : QUuid();
    }

    static QStringList titles(const QSignalSpy &spy)
    {
        QStringList result;
        for (const auto &arguments : spy)
            result.append(arguments.at(0).value<Task>().title);
        return result;
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_db = test::TestDatabase::create(StoreEngine::Sqlite, &error);
        QVERIFY2(m_db, qPrintable(error));
        auto store = m_db->open();
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        m_now = m_start;
        m_tasks = std::make_unique<TaskService>(*m_store, clock());
        AccountService accounts(*m_store);
        auto owner = accounts.ensureLocalOwner(QStringLiteral("alice"));
        QVERIFY(owner.ok());
        m_owner = owner.value();
    }

    void cleanup()
    {
        m_tasks.reset();
        m_store.reset();
        m_db.reset();
    }

    void checkNow_atDue_announcesOnceWithItsDue()
    {
        const QDateTime due = m_start.addSecs(3600);
        const QUuid id = addTask(QStringLiteral("Call Dana"), Due::at(due));
        auto scheduler = makeScheduler();
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QCOMPARE(spy.size(), 0);
        QCOMPARE(scheduler->nextReminderAt(), due);

        m_now = due.addSecs(-1);
        scheduler->checkNow();
        QCOMPARE(spy.size(), 0);
        m_now = due;
        scheduler->checkNow();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<Task>().id, id);
        QCOMPARE(spy.at(0).at(1).toDateTime(), due);
        QVERIFY(!scheduler->nextReminderAt().isValid());

        m_now = due.addSecs(60);
        scheduler->checkNow();
        QCOMPARE(spy.size(), 1); // never twice for the same due
    }

    void leadMinutes_announcesThatManyMinutesBeforeAndNotAgainAtDue()
    {
        const QDateTime due = m_start.addSecs(3600);
        addTask(QStringLiteral("Leave for the airport"), Due::at(due));
        auto scheduler = makeScheduler(15);
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QCOMPARE(scheduler->nextReminderAt(), due.addSecs(-15 * 60));
        m_now = due.addSecs(-15 * 60);
        scheduler->checkNow();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(1).toDateTime(), due);
        m_now = due;
        scheduler->checkNow();
        QCOMPARE(spy.size(), 1);
    }

    void change_beforeDue_cancelsOrMovesTheReminder_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("announcedAtOldDue");
        QTest::addColumn<int>("announcedAtNewDue");
        QTest::newRow("completed") << QStringLiteral("complete") << 0 << 0;
        QTest::newRow("deleted") << QStringLiteral("delete") << 0 << 0;
        QTest::newRow("re-dated later") << QStringLiteral("redate") << 0 << 1;
        QTest::newRow("due cleared") << QStringLiteral("clear") << 0 << 0;
        QTest::newRow("title edited") << QStringLiteral("rename") << 1 << 1;
    }

    void change_beforeDue_cancelsOrMovesTheReminder()
    {
        QFETCH(QString, change);
        QFETCH(int, announcedAtOldDue);
        QFETCH(int, announcedAtNewDue);
        const QDateTime due = m_start.addSecs(3600);
        const QDateTime later = due.addSecs(2 * 3600);
        const QUuid id = addTask(QStringLiteral("Water the plants"), Due::at(due));
        auto scheduler = makeScheduler();
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);

        m_now = m_start.addSecs(600);
        if (change == u"complete") {
            TANDEM_VERIFY_OK(m_tasks->setStatus(m_owner.id, id, TaskStatus::Completed));
        } else if (change == u"delete") {
            TANDEM_VERIFY_OK(m_tasks->remove(m_owner.id, id));
        } else {
            TaskPatch patch;
            if (change == u"redate")
                patch.due = Due::at(later);
            else if (change == u"clear")
                patch.due = Due();
            else
                patch.title = QStringLiteral("Water the plants and the herbs");
            TANDEM_VERIFY_OK(m_tasks->update(m_owner.id, id, patch));
        }
        m_now = due;
        scheduler->checkNow();
        QCOMPARE(spy.size(), announcedAtOldDue);
        m_now = later;
        scheduler->checkNow();
        QCOMPARE(spy.size(), announcedAtNewDue);
        if (!spy.isEmpty() && change == u"rename")
            QCOMPARE(spy.at(0).at(0).value<Task>().title, QStringLiteral("Water the plants and the herbs"));
    }

    void reopened_withTheSameDue_isNotAnnouncedTwice()
    {
        const QDateTime due = m_start.addSecs(2 * 3600);
        const QUuid id = addTask(QStringLiteral("Pay rent"), Due::at(due));
        auto scheduler = makeScheduler(150); // announced at start: its lead window is open
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QCOMPARE(spy.size(), 1);
        TANDEM_VERIFY_OK(m_tasks->setStatus(m_owner.id, id, TaskStatus::Completed));
        TANDEM_VERIFY_OK(m_tasks->setStatus(m_owner.id, id, TaskStatus::Pending));
        QCOMPARE(spy.size(), 1);
        m_now = due;
        scheduler->checkNow();
        QCOMPARE(spy.size(), 1);
        QVERIFY(!scheduler->nextReminderAt().isValid());
    }

    void dateOnlyDue_isAnnouncedAtNineLocal()
    {
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        const QDate day = m_start.date().addDays(1);
        addTask(QStringLiteral("Dentist"), Due::onDate(day));
        auto scheduler = makeScheduler(0, berlin);
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        const QDateTime nine = QDateTime(day, QTime(9, 0), berlin);
        QCOMPARE(scheduler->nextReminderAt(), nine.toUTC());
        QCOMPARE(nine.toUTC().time(), QTime(8, 0)); // November: UTC+1
        m_now = nine.addSecs(-1);
        scheduler->checkNow();
        QCOMPARE(spy.size(), 0);
        m_now = nine;
        scheduler->checkNow();
        QCOMPARE(titles(spy), QStringList{QStringLiteral("Dentist")});
    }

    void start_overdueTaskIsQuietButOneInsideTheLeadWindowIsAnnounced()
    {
        addTask(QStringLiteral("Overdue since yesterday"), Due::at(m_start.addDays(-1)));
        addTask(QStringLiteral("Due in ten minutes"), Due::at(m_start.addSecs(600)));
        addTask(QStringLiteral("Due tomorrow"), Due::at(m_start.addDays(1)));
        auto scheduler = makeScheduler(15);
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QCOMPARE(titles(spy), QStringList{QStringLiteral("Due in ten minutes")});
        QCOMPARE(scheduler->nextReminderAt(), m_start.addDays(1).addSecs(-15 * 60));
    }

    void newTask_dueSoon_isScheduledWithoutReload()
    {
        auto scheduler = makeScheduler();
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QVERIFY(!scheduler->nextReminderAt().isValid());
        const QDateTime due = m_start.addSecs(1800);
        addTask(QStringLiteral("Stand-up"), Due::at(due));
        QCOMPARE(scheduler->nextReminderAt(), due);
        m_now = due.addSecs(5);
        scheduler->checkNow();
        QCOMPARE(titles(spy), QStringList{QStringLiteral("Stand-up")});
    }

    void changeAfterTheLoadRan_winsOverTheOlderLoad()
    {
        const QDateTime due = m_start.addSecs(600);
        const QUuid id = addTask(QStringLiteral("Buy milk"), Due::at(due));
        auto scheduler = makeScheduler();
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        auto snapshot = m_tasks->query(m_owner.id, ReminderScheduler::openTasksQuery());
        QVERIFY(snapshot.ok());
        TANDEM_VERIFY_OK(m_tasks->setStatus(m_owner.id, id, TaskStatus::Completed));
        scheduler->reset(snapshot->tasks); // the load finished after the change arrived
        QVERIFY(!scheduler->nextReminderAt().isValid());
        m_now = due;
        scheduler->checkNow();
        QCOMPARE(spy.size(), 0);
    }

    void disabled_announcesNothingAndMissedRemindersStayQuiet()
    {
        const QDateTime due = m_start.addSecs(600);
        addTask(QStringLiteral("Submit the form"), Due::at(due));
        auto scheduler = makeScheduler();
        scheduler->setEnabled(false);
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QVERIFY(!scheduler->nextReminderAt().isValid());
        m_now = due.addSecs(60);
        scheduler->checkNow();
        scheduler->setEnabled(true);
        QCOMPARE(spy.size(), 0);
    }

    void timer_wakesAtTheNextReminderOnItsOwn()
    {
        // A clock that moves with real time, 300 ms before the due.
        const QDateTime due = m_start.addSecs(3600);
        addTask(QStringLiteral("Tea is ready"), Due::at(due));
        QElapsedTimer elapsed;
        elapsed.start();
        const QDateTime base = due.addMSecs(-300);
        m_now = base;
        auto scheduler = std::make_unique<ReminderScheduler>(
            *m_tasks, m_owner.id, [&] { return base.addMSecs(elapsed.elapsed()); }, QTimeZone::utc());
        QSignalSpy spy(scheduler.get(), &ReminderScheduler::reminderDue);
        load(*scheduler);
        QCOMPARE(spy.size(), 0);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.size(), 1);
        QVERIFY(elapsed.elapsed() >= 300);
        QVERIFY(!scheduler->nextReminderAt().isValid());
    }
};

QTEST_GUILESS_MAIN(TestReminderScheduler)
#include "tst_reminder_scheduler.moc"
