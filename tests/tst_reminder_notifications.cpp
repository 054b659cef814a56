// Reminders reach the desktop over D-Bus: DBusNotifier against a fake
// org.freedesktop.Notifications registered by this test on the session bus
// (scripts/test runs the keychain-labelled suites inside dbus-run-session),
// and the whole way from a task coming due to its click opening the task.
#include "dashboard/taskmodel.h"
#include "mainwindow/windowsession.h"
#include "mainwindow/windowset.h"
#include "mainwindowfixture.h"
#include "notify/dbusnotifier.h"
#include "notify/reminderpresenter.h"
#include "services/reminderscheduler.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QLocale>
#include <QSignalSpy>
#include <QVariantMap>

using namespace tandem;

namespace {

const QString serviceName = QStringLiteral("org.freedesktop.Notifications");
const QString objectPath = QStringLiteral("/org/freedesktop/Notifications");

// The desktop's notification daemon, as far as Tandem uses it.
class FakeNotifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown
    {
        uint id = 0;
        QString appName;
        QString summary;
        QString body;
        QStringList actions;
    };
    QList<Shown> shown;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(replacesId)
        Q_UNUSED(appIcon)
        Q_UNUSED(hints)
        Q_UNUSED(expireTimeout)
        const uint id = uint(shown.size()) + 41;
        shown.append({id, appName, summary, body, actions});
        Q_EMIT notified();
        return id;
    }
    QStringList GetCapabilities() { return {QStringLiteral("actions"), QStringLiteral("body")}; }
    void CloseNotification(uint id) { Q_EMIT NotificationClosed(id, 3); }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
    void notified(); // for the test's QSignalSpy (also on the bus, where nobody listens)
};

} // namespace

class TestReminderNotifications : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;
    FakeNotifications m_fake;
    QDBusConnection m_fakeBus{QStringLiteral("unset")};

    bool registerFake()
    {
        if (m_fakeBus.interface()->isServiceRegistered(serviceName))
            return true;
        return m_fakeBus.registerService(serviceName);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_f.isolate();
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "no D-Bus session bus: run this suite inside dbus-run-session (scripts/test does)");
        // The daemon on a connection of its own, as a real one would be.
        m_fakeBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notifications"));
        QVERIFY(m_fakeBus.isConnected());
        QVERIFY(m_fakeBus.registerObject(objectPath, &m_fake,
                                         QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    }

    void cleanupTestCase() { QDBusConnection::disconnectFromBus(QStringLiteral("fake-notifications")); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
        m_fake.shown.clear();
    }

    void cleanup() { m_f.close(); }

    void isAvailable_needsABusWithTheService()
    {
        QVERIFY(!DBusNotifier::isAvailable(QDBusConnection(QStringLiteral("no such connection"))));
        QVERIFY(registerFake());
        QVERIFY(DBusNotifier::isAvailable(QDBusConnection::sessionBus()));
    }

    void notify_callsNotifyWithADefaultAction()
    {
        QVERIFY(registerFake());
        DBusNotifier notifier(QDBusConnection::sessionBus());
        QSignalSpy notified(&m_fake, &FakeNotifications::notified);
        notifier.notify(QUuid::createUuid(), QStringLiteral("Call Dana"), QStringLiteral("Due now"));
        QVERIFY(notified.wait());
        QCOMPARE(m_fake.shown.size(), 1);
        QCOMPARE(m_fake.shown.at(0).appName, QStringLiteral("Tandem"));
        QCOMPARE(m_fake.shown.at(0).summary, QStringLiteral("Call Dana"));
        QCOMPARE(m_fake.shown.at(0).body, QStringLiteral("Due now"));
        QVERIFY(m_fake.shown.at(0).actions.size() == 2 && m_fake.shown.at(0).actions.at(0) == u"default");
    }

    void actionInvoked_default_activatesItsTaskOnly()
    {
        QVERIFY(registerFake());
        DBusNotifier notifier(QDBusConnection::sessionBus());
        QSignalSpy activated(&notifier, &Notifier::activated);
        const QUuid first = QUuid::createUuid();
        const QUuid second = QUuid::createUuid();
        notifier.notify(first, QStringLiteral("First"), QStringLiteral("Due now"));
        notifier.notify(second, QStringLiteral("Second"), QStringLiteral("Due now"));
        QTRY_COMPARE(m_fake.shown.size(), 2);
        // The bus delivers the daemon's replies (the ids) before the signals it sends after them.

        Q_EMIT m_fake.ActionInvoked(9999, QStringLiteral("default")); // someone else's notification
        Q_EMIT m_fake.ActionInvoked(m_fake.shown.at(1).id, QStringLiteral("snooze")); // not our action
        Q_EMIT m_fake.ActionInvoked(m_fake.shown.at(1).id, QStringLiteral("default"));
        QVERIFY(activated.wait());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toUuid(), second);

        // Once closed, a late click is ignored.
        Q_EMIT m_fake.NotificationClosed(m_fake.shown.at(0).id, 2);
        Q_EMIT m_fake.ActionInvoked(m_fake.shown.at(0).id, QStringLiteral("default"));
        Q_EMIT m_fake.ActionInvoked(m_fake.shown.at(1).id, QStringLiteral("default"));
        QVERIFY(activated.wait());
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.at(1).at(0).toUuid(), second);
    }

    void taskComingDue_isNotifiedAndItsClickOpensTheTask()
    {
        QVERIFY(registerFake());
        QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime due = now.addSecs(3600);
        TaskDraft draft;
        draft.title = QStringLiteral("Send the report");
        draft.due = Due::at(due);
        auto created = m_f.tasks->create(m_f.owner.id, draft);
        TANDEM_VERIFY_OK(created);
        m_f.addTask(QStringLiteral("Something else"));

        WindowSet windows([this] {
            return std::make_unique<MainWindow>(*m_f.tasks, *m_f.replica, *m_f.chats, *m_f.accounts, *m_f.assistant,
                                                *m_f.runner, m_f.owner, m_f.store->config().describe());
        });
        windows.setKeepRunning(true);
        MainWindow *window = windows.open(WindowSession{});
        QTRY_COMPARE(window->taskModel()->taskCount(), 2);
        windows.hideAll(); // Tandem waits in the tray

        const Clock clock = [&now] {
            return now;
        };
        ReminderScheduler scheduler(*m_f.tasks, m_f.owner.id, clock);
        scheduler.setLeadMinutes(10);
        DBusNotifier notifier(QDBusConnection::sessionBus());
        ReminderPresenter presenter(scheduler, notifier, clock);
        QObject::connect(&presenter, &ReminderPresenter::taskOpened, &windows, &WindowSet::openTask);
        scheduler.reset(m_f.tasks->query(m_f.owner.id, ReminderScheduler::openTasksQuery())->tasks);
        QCOMPARE(scheduler.nextReminderAt(), due.addSecs(-600));

        now = due.addSecs(-600);
        scheduler.checkNow();
        QTRY_COMPARE(m_fake.shown.size(), 1);
        QCOMPARE(m_fake.shown.at(0).summary, QStringLiteral("Send the report"));
        QCOMPARE(m_fake.shown.at(0).body, QStringLiteral("Due in 10 minutes"));

        Q_EMIT m_fake.ActionInvoked(m_fake.shown.at(0).id, QStringLiteral("default"));
        QTRY_VERIFY(window->isVisible());
        QTRY_COMPARE(test::detailPane(*window)->task().id, created->entityId());
        QVERIFY(test::detailPane(*window)->isVisible());
        QCOMPARE(test::taskList(*window)->currentIndex().data(TaskModel::TaskIdRole).toUuid(), created->entityId());
    }

    void dueText_saysHowSoon_data()
    {
        QTest::addColumn<int>("secondsAhead");
        QTest::addColumn<QString>("expected");
        QTest::newRow("now") << 0 << QStringLiteral("Due now");
        QTest::newRow("a moment ago") << -20 << QStringLiteral("Due now");
        QTest::newRow("one minute") << 60 << QStringLiteral("Due in 1 minute");
        QTest::newRow("a quarter hour") << 15 * 60 << QStringLiteral("Due in 15 minutes");
        QTest::newRow("two hours") << 2 * 3600 << QString();
    }

    void dueText_saysHowSoon()
    {
        QFETCH(int, secondsAhead);
        QFETCH(QString, expected);
        const QDateTime now(QDate(2026, 11, 20), QTime(12, 0), QTimeZone::utc());
        const QDateTime due = now.addSecs(secondsAhead);
        if (expected.isEmpty())
            expected
                = QStringLiteral("Due at %1").arg(QLocale().toString(due.toLocalTime().time(), QLocale::ShortFormat));
        QCOMPARE(ReminderPresenter::dueText(due, now), expected);
    }
};

QTEST_MAIN(TestReminderNotifications)
#include "tst_reminder_notifications.moc"
