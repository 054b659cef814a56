// One conversation as the user reads it (offscreen): it stays at the newest
// message unless the user scrolled up to read; yes/no questions get quick
// replies; task chips keep their names after the task is deleted; messages
// show their time and the day they were sent; the list of conversations
// shows when each was last active and how it ended.
#include "assistant/assistantservice.h"
#include "auth/accountservice.h"
#include "chat/chatautoscroll.h"
#include "chat/chatbubbledelegate.h"
#include "chat/chatdock.h"
#include "chat/chatinput.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatpanel.h"
#include "chat/chatquickreplies.h"
#include "chat/chatsessionmodel.h"
#include "chat/chattime.h"
#include "common/backgroundrunner.h"
#include "fakeassistantclient.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListView>
#include <QMainWindow>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <atomic>

using namespace tandem;

class TestChatConversation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<BackgroundRunner> m_runner;
    std::unique_ptr<test::FakeAssistantClient> m_fake;
    User m_owner;
    // ChatService's clock: set by the test, a millisecond later at every change so order is never a tie.
    std::atomic<qint64> m_now{0};

    struct Host
    {
        std::unique_ptr<QMainWindow> window;
        ChatDock *dock = nullptr;
        ChatPanel *panel() const { return dock->panel(); }
        ChatMessageModel *messages() const { return dock->messageModel(); }
        QScrollBar *bar() const { return dock->panel()->messageView()->verticalScrollBar(); }
        bool atEnd() const { return bar()->maximum() > 0 && bar()->value() == bar()->maximum(); }
    };

    Host makeHost(AssistantClient &client, QSize size = {1100, 560})
    {
        Host host;
        host.window = std::make_unique<QMainWindow>();
        auto *central = new QLabel(QStringLiteral("tasks"), host.window.get());
        host.window->setCentralWidget(central);
        host.dock = new ChatDock(*m_chats, *m_tasks, client, *m_runner, m_owner.id, host.window.get());
        host.window->addDockWidget(Qt::RightDockWidgetArea, host.dock);
        host.window->resize(size);
        host.window->resizeDocks({host.dock}, {420}, Qt::Horizontal);
        host.window->show();
        return host;
    }

    void setNow(const QDateTime &at) { m_now = at.toMSecsSinceEpoch(); }

    QUuid newSession(const QString &title)
    {
        auto created = m_chats->createSession(m_owner.id, title);
        return created ? created->entityId() : QUuid();
    }

    void say(const QUuid &sessionId, ChatRole role, const QString &content, const QList<TaskAction> &actions = {})
    {
        TANDEM_VERIFY_OK(m_chats->addMessage(m_owner.id, sessionId, role, content, actions));
    }

    QUuid addTask(const QString &title, const QStringList &tags = {})
    {
        TaskDraft draft;
        draft.title = title;
        draft.tags = tags;
        auto change = m_tasks->create(m_owner.id, draft);
        return change ? change->task()->id : QUuid();
    }

    // Thirty short messages, more than the view shows at once, in a shown dock.
    Host openLongConversation(const QUuid &chat)
    {
        for (int i = 0; i < 30; ++i)
            say(chat, i % 2 ? ChatRole::Assistant : ChatRole::User, QStringLiteral("message %1").arg(i));
        return makeHost(*m_fake);
    }

    static QString longText(int words)
    {
        QStringList list;
        for (int i = 0; i < words; ++i)
            list.append(QStringLiteral("word%1").arg(i));
        return list.join(u' ');
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Times and dates as a British user reads them.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QString error;
        m_db = test::TestDatabase::create(StoreEngine::Sqlite, &error);
        QVERIFY2(m_db, qPrintable(error));
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        m_tasks = std::make_unique<TaskService>(*m_store);
        setNow(QDateTime::currentDateTimeUtc());
        m_chats = std::make_unique<ChatService>(
            *m_store, [this] { return QDateTime::fromMSecsSinceEpoch(m_now.fetch_add(1) + 1, QTimeZone::utc()); });
        m_runner = std::make_unique<BackgroundRunner>();
        m_accounts = std::make_unique<AccountService>(*m_store);
        auto owner = m_accounts->ensureLocalOwner(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner.value();
        m_fake = std::make_unique<test::FakeAssistantClient>(*m_chats, m_owner.id);
        QSettings().clear();
    }

    void cleanup()
    {
        m_runner.reset();
        m_fake.reset();
        m_accounts.reset();
        m_chats.reset();
        m_tasks.reset();
        m_store.reset();
        m_db.reset();
    }

    void autoScroll_openSendReplyGrowAndResize_staysAtNewest()
    {
        const QUuid chat = newSession(QStringLiteral("Long"));
        Host host = openLongConversation(chat);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        // On open.
        QTRY_COMPARE(host.messages()->rowCount(), 30);
        QTRY_VERIFY(host.atEnd());
        QVERIFY(host.panel()->autoScroll()->isFollowing());

        // On send and on the reply (a long one, many lines tall).
        m_fake->reply = longText(300);
        host.panel()->input()->setFocus();
        QTest::keyClicks(host.panel()->input(), QStringLiteral("tell me everything"));
        QTest::keyClick(host.panel()->input(), Qt::Key_Return);
        QTRY_COMPARE(host.messages()->rowCount(), 32);
        QTRY_VERIFY(host.atEnd());
        QVERIFY(host.bar()->maximum() > 0);

        // A message that arrives from elsewhere.
        say(chat, ChatRole::Assistant, longText(200));
        QTRY_COMPARE(host.messages()->rowCount(), 33);
        QTRY_VERIFY(host.atEnd());

        // On resize: narrower rows grow taller; the view stays at the end.
        const int before = host.bar()->maximum();
        host.window->resizeDocks({host.dock}, {320}, Qt::Horizontal);
        QTRY_VERIFY(host.bar()->maximum() > before);
        QTRY_VERIFY(host.atEnd());
        QVERIFY(host.panel()->autoScroll()->newMessagesButton()->isHidden());
    }

    void autoScroll_userScrolledUp_staysAndOffersNewMessagesButton()
    {
        const QUuid chat = newSession(QStringLiteral("Long"));
        Host host = openLongConversation(chat);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        QTRY_COMPARE(host.messages()->rowCount(), 30);
        QTRY_VERIFY(host.atEnd());
        QPushButton *button = host.panel()->autoScroll()->newMessagesButton();

        // The user scrolls up to read.
        host.bar()->setValue(0);
        QVERIFY(!host.panel()->autoScroll()->isFollowing());
        say(chat, ChatRole::Assistant, QStringLiteral("a reply while reading"));
        QTRY_COMPARE(host.messages()->rowCount(), 31);
        QTRY_VERIFY(button->isVisible());
        QCoreApplication::processEvents();
        QCOMPARE(host.bar()->value(), 0); // not yanked down
        // Nor by a resize while reading (a shorter view: a longer scroll range).
        const int range = host.bar()->maximum();
        host.window->resize(host.window->width(), host.window->height() - 100);
        QTRY_VERIFY(host.bar()->maximum() > range);
        QVERIFY(!host.atEnd());
        QVERIFY(!host.panel()->autoScroll()->isFollowing());
        QCOMPARE(button->text(), QStringLiteral("New messages ↓"));
        QVERIFY(!button->accessibleName().isEmpty());

        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(host.atEnd());
        QVERIFY(button->isHidden());
        QVERIFY(host.panel()->autoScroll()->isFollowing());

        // Scrolling back to the end by hand follows again, and hides the button.
        host.bar()->setValue(0);
        say(chat, ChatRole::Assistant, QStringLiteral("another"));
        QTRY_VERIFY(button->isVisible());
        host.bar()->setValue(host.bar()->maximum());
        QVERIFY(button->isHidden());
        say(chat, ChatRole::Assistant, QStringLiteral("and one more"));
        QTRY_COMPARE(host.messages()->rowCount(), 33);
        QTRY_VERIFY(host.atEnd());
        QVERIFY(button->isHidden());
    }

    void quickReplies_confirmationQuestion_sendAnswerAndDisappear()
    {
        // The real assistant asks before deleting several tasks.
        assistant::AssistantService service(*m_store, *m_tasks, *m_chats);
        test::ServiceAssistantClient client(service, m_owner.id);
        const QUuid a = addTask(QStringLiteral("Old report"), {QStringLiteral("old")});
        const QUuid b = addTask(QStringLiteral("Old invoice"), {QStringLiteral("old")});
        Host host = makeHost(client);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        ChatQuickReplies *replies = host.panel()->quickReplies();
        QVERIFY(replies->isHidden());

        host.panel()->input()->setFocus();
        QTest::keyClicks(host.panel()->input(), QStringLiteral("delete all tasks tagged old"));
        QTest::keyClick(host.panel()->input(), Qt::Key_Return);
        QTRY_COMPARE(host.messages()->rowCount(), 2);
        QVERIFY(host.messages()->index(1, 0).data().toString().contains(QStringLiteral("yes / no")));
        QTRY_VERIFY(host.messages()->awaitsYesNo());
        QTRY_VERIFY(replies->isVisible());
        QVERIFY(replies->yesButton()->isVisible());
        QVERIFY(replies->noButton()->isVisible());
        QVERIFY(m_tasks->get(m_owner.id, a).ok()); // nothing yet

        // The question survives reopening the conversation (it is the assistant's stored state).
        const QUuid chat = host.panel()->sessionId();
        host.panel()->setSessionId({});
        QTRY_VERIFY(replies->isHidden());
        host.panel()->setSessionId(chat);
        QTRY_VERIFY(replies->isVisible());

        QTest::mouseClick(replies->yesButton(), Qt::LeftButton);
        QTRY_COMPARE(host.messages()->rowCount(), 4);
        QCOMPARE(host.messages()->index(2, 0).data().toString(), QStringLiteral("Yes"));
        QTRY_VERIFY(!m_tasks->get(m_owner.id, a).ok());
        QVERIFY(!m_tasks->get(m_owner.id, b).ok());
        QTRY_VERIFY(!host.panel()->isBusy());
        QVERIFY(!host.messages()->awaitsYesNo());
        QVERIFY(replies->isHidden());

        // "No" is sent just the same, and changes nothing.
        addTask(QStringLiteral("Stale draft"), {QStringLiteral("stale")});
        const QUuid c = addTask(QStringLiteral("Stale note"), {QStringLiteral("stale")});
        host.panel()->input()->setFocus();
        QTest::keyClicks(host.panel()->input(), QStringLiteral("delete all tasks tagged stale"));
        QTest::keyClick(host.panel()->input(), Qt::Key_Return);
        QTRY_VERIFY(replies->isVisible());
        QTest::mouseClick(replies->noButton(), Qt::LeftButton);
        QTRY_COMPARE(host.messages()->rowCount(), 8);
        QCOMPARE(host.messages()->index(6, 0).data().toString(), QStringLiteral("No"));
        QTRY_VERIFY(replies->isHidden());
        QVERIFY(m_tasks->get(m_owner.id, c).ok());
    }

    void quickReplies_ordinaryReply_noButtons()
    {
        assistant::AssistantService service(*m_store, *m_tasks, *m_chats);
        test::ServiceAssistantClient client(service, m_owner.id);
        Host host = makeHost(client);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        host.panel()->input()->setFocus();
        QTest::keyClicks(host.panel()->input(), QStringLiteral("add buy milk tomorrow"));
        QTest::keyClick(host.panel()->input(), Qt::Key_Return);
        QTRY_COMPARE(host.messages()->rowCount(), 2);
        QTRY_VERIFY(!host.panel()->isBusy());
        m_runner->waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(!host.messages()->awaitsYesNo());
        QVERIFY(host.panel()->quickReplies()->isHidden());
    }

    void chips_taskDeletedLater_keepNameStruckThrough()
    {
        // The assistant records each task's title with what it did.
        assistant::AssistantService service(*m_store, *m_tasks, *m_chats);
        const QUuid chat = newSession(QStringLiteral("Chat"));
        auto turn = service.sendNow(m_owner.id, chat, QStringLiteral("add Buy oat milk"), QTimeZone::systemTimeZone());
        TANDEM_VERIFY_OK(turn);
        QCOMPARE(turn->actions.size(), 1);
        QCOMPARE(turn->actions.first().title, QStringLiteral("Buy oat milk"));
        const QUuid milk = turn->actions.first().taskId;

        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_COMPARE(model.rowCount(), 2);
        QTRY_COMPARE(model.index(1, 0).data(ChatMessageModel::ActionLabelsRole).toStringList(),
                     QStringList{QStringLiteral("Added “Buy oat milk”")});
        QCOMPARE(model.index(1, 0).data(ChatMessageModel::ActionGoneRole).toList(), QVariantList{false});

        // Deleted elsewhere: the chip keeps its name, marked gone, no longer a link.
        TANDEM_VERIFY_OK(m_tasks->remove(m_owner.id, milk));
        QCOMPARE(model.index(1, 0).data(ChatMessageModel::ActionLabelsRole).toStringList(),
                 QStringList{QStringLiteral("Added “Buy oat milk”")});
        QCOMPARE(model.index(1, 0).data(ChatMessageModel::ActionGoneRole).toList(), QVariantList{true});
        QCOMPARE(model.index(1, 0).data(ChatMessageModel::ActionTaskIdsRole).toList(), QVariantList{QUuid()});

        // And after a restart, when only the message remembers the name.
        ChatMessageModel reopened(*m_chats, *m_tasks, *m_runner, m_owner.id);
        reopened.setSessionId(chat);
        QTRY_COMPARE(reopened.rowCount(), 2);
        QTRY_VERIFY(!reopened.isLoading());
        QCOMPARE(reopened.index(1, 0).data(ChatMessageModel::ActionLabelsRole).toStringList(),
                 QStringList{QStringLiteral("Added “Buy oat milk”")});
        QCOMPARE(reopened.index(1, 0).data(ChatMessageModel::ActionGoneRole).toList(), QVariantList{true});
        QVERIFY(reopened.index(1, 0).data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("Buy oat milk")));
    }

    void timestamps_messagesOverTwoDays_showTimeAndDaySeparators()
    {
        const QDateTime now = QDateTime::currentDateTime();
        const QDateTime yesterday(now.date().addDays(-1), QTime(9, 30));
        setNow(yesterday.addSecs(-60).toUTC());
        const QUuid chat = newSession(QStringLiteral("Days"));
        setNow(yesterday.toUTC());
        say(chat, ChatRole::User, QStringLiteral("yesterday's question"));
        say(chat, ChatRole::Assistant, QStringLiteral("yesterday's answer"));
        const QDateTime today(now.date(), QTime(0, 5));
        setNow(today.toUTC());
        say(chat, ChatRole::User, QStringLiteral("today's question"));

        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::DaySeparatorRole).toString(), QStringLiteral("Yesterday"));
        QCOMPARE(model.index(1, 0).data(ChatMessageModel::DaySeparatorRole).toString(), QString());
        QCOMPARE(model.index(2, 0).data(ChatMessageModel::DaySeparatorRole).toString(), QStringLiteral("Today"));
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::TimeRole).toString(), QStringLiteral("09:30"));
        QCOMPARE(model.index(2, 0).data(ChatMessageModel::TimeRole).toString(), QStringLiteral("00:05"));
        QVERIFY(model.index(0, 0).data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("09:30")));

        // The bubble with a separator above it is taller than the same bubble without one.
        QListView view;
        view.setModel(&model);
        ChatBubbleDelegate delegate(&view);
        view.resize(400, 300);
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = QRect(0, 0, 400, 0);
        const int first = delegate.sizeHint(option, model.index(0, 0)).height();
        const int second = delegate.sizeHint(option, model.index(1, 0)).height();
        QVERIFY2(first > second + 10, qPrintable(QStringLiteral("%1 vs %2").arg(first).arg(second)));
    }

    void timeOfDay_localeWithSeconds_showsMinutes_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("C") << QLocale::c() << QStringLiteral("14:05");
        QTest::newRow("en_GB") << QLocale(QLocale::English, QLocale::UnitedKingdom) << QStringLiteral("14:05");
        QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates) << QStringLiteral("2:05 PM");
    }

    void timeOfDay_localeWithSeconds_showsMinutes()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, expected);
        const QDateTime at(QDate(2026, 12, 8), QTime(14, 5, 37));
        QString shown = chattime::timeOfDay(at, locale);
        shown.replace(QChar(0x202f), u' '); // newer CLDR data puts a narrow space before "PM"
        QCOMPARE(shown, expected);
    }

    void dayLabel_data()
    {
        QTest::addColumn<int>("daysAgo");
        QTest::addColumn<QString>("expected");
        const QDate today(2026, 12, 8);
        const QLocale locale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("today") << 0 << QStringLiteral("Today");
        QTest::newRow("yesterday") << 1 << QStringLiteral("Yesterday");
        QTest::newRow("this week") << 3 << locale.dayName(today.addDays(-3).dayOfWeek());
        QTest::newRow("this year") << 30 << QStringLiteral("Nov 8");
        QTest::newRow("last year") << 400 << locale.toString(today.addDays(-400), QLocale::ShortFormat);
    }

    void dayLabel()
    {
        QFETCH(int, daysAgo);
        QFETCH(QString, expected);
        const QDate today(2026, 12, 8);
        QCOMPARE(chattime::dayLabel(today.addDays(-daysAgo), today, QLocale(QLocale::English, QLocale::UnitedStates)),
                 expected);
    }

    void sessionList_datesAndPreviews_followNewMessages()
    {
        const QDateTime now = QDateTime::currentDateTime();
        const QDateTime old(now.date().addDays(-20), QTime(8, 0));
        setNow(old.toUTC());
        const QUuid trip = newSession(QStringLiteral("Trip"));
        say(trip, ChatRole::Assistant, QStringLiteral("Added “Book   flights”\nto your list."));
        const QDateTime yesterday(now.date().addDays(-1), QTime(18, 0));
        setNow(yesterday.toUTC());
        const QUuid work = newSession(QStringLiteral("Work"));
        say(work, ChatRole::User, QStringLiteral("what's due?"));
        const QDateTime today(now.date(), QTime(0, 7));
        setNow(today.toUTC());
        const QUuid fresh = newSession(QStringLiteral("Fresh"));

        ChatSessionModel model(*m_chats, *m_runner, m_owner.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QTRY_COMPARE(model.rowCount(), 3);
        const auto at = [&model](const QUuid &id, int role) {
            return model.indexOf(id).data(role).toString();
        };
        QCOMPARE(at(trip, ChatSessionModel::PreviewRole), QStringLiteral("Added “Book flights” to your list."));
        QCOMPARE(at(work, ChatSessionModel::PreviewRole), QStringLiteral("what's due?"));
        QCOMPARE(at(fresh, ChatSessionModel::PreviewRole), QString());
        QCOMPARE(at(fresh, ChatSessionModel::LastActivityRole), QStringLiteral("Today 00:07"));
        QCOMPARE(at(work, ChatSessionModel::LastActivityRole), QStringLiteral("Yesterday"));
        QCOMPARE(at(trip, ChatSessionModel::LastActivityRole), chattime::dayLabel(old.date(), now.date(), QLocale()));
        QVERIFY(at(trip, Qt::ToolTipRole).contains(QStringLiteral("Book flights")));

        // A new message moves its conversation up, with its words as the preview.
        setNow(QDateTime(now.date(), QTime(0, 9)).toUTC());
        say(trip, ChatRole::User, QStringLiteral("and a hotel"));
        QTRY_COMPARE(model.sessionAt(0).id, trip);
        QCOMPARE(at(trip, ChatSessionModel::PreviewRole), QStringLiteral("and a hotel"));
        QVERIFY(at(trip, ChatSessionModel::LastActivityRole).startsWith(QStringLiteral("Today ")));
    }
};

QTEST_MAIN(TestChatConversation)
#include "tst_chat_conversation.moc"
