// The assistant's chat in the real main window (offscreen): where it is
// (docked, full page, bubble, hidden) survives a restart; the full page takes
// the dashboard's place and Minimize brings the dashboard back; the bubble
// opens a compact chat anchored to it; Ctrl+L and Tab reach the chat from the
// keyboard; a narrow window folds the docked chat into its bubble. Also the
// screenshots for docs/.
#include "assistant/assistantservice.h"
#include "chat/chatbubblebutton.h"
#include "chat/chatdock.h"
#include "chat/chatinput.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatpage.h"
#include "chat/chatpanel.h"
#include "chat/chatpopover.h"
#include "chat/chatquickreplies.h"
#include "chat/chatsessionmodel.h"
#include "chatsamples.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskmodel.h"
#include "domain/settingsschema.h"
#include "mainwindow/centralstack.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/windowsession.h"
#include "mainwindowfixture.h"

#include <QDir>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace tandem;

class TestChatWindow : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;

    std::unique_ptr<MainWindow> makeWindow(QSize size = {1200, 680})
    {
        auto window = m_f.makeWindow(size);
        window->activateWindow();
        return window;
    }

    QUuid newSession(const QString &title, const QString &said = {})
    {
        auto created = m_f.chats->createSession(m_f.owner.id, title);
        if (!created)
            return {};
        if (!said.isEmpty())
            (void)m_f.chats->addMessage(m_f.owner.id, created->entityId(), ChatRole::User, said);
        return created->entityId();
    }

    static QWidget *focused() { return QApplication::focusWidget(); }

    static QString screenshotPath(const QString &name)
    {
        return QDir(qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath())).filePath(name);
    }

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
        QSettings().clear();
    }

    void cleanup() { m_f.close(); }

    void placement_acrossRestart_data()
    {
        QTest::addColumn<QString>("placement");
        QTest::newRow("docked") << QStringLiteral("docked");
        QTest::newRow("full page") << QStringLiteral("page");
        QTest::newRow("minimized") << QStringLiteral("minimized");
        QTest::newRow("hidden") << QStringLiteral("hidden");
    }

    void placement_acrossRestart()
    {
        QFETCH(QString, placement);
        WindowSession saved;
        {
            auto window = makeWindow();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            ChatDock *dock = window->chatDock();
            QCOMPARE(dock->placement(), ChatPlacement::Docked);
            if (placement == u"page")
                dock->expandAction()->trigger();
            else if (placement == u"minimized")
                dock->minimizeAction()->trigger();
            else if (placement == u"hidden")
                dock->toggleAction()->trigger();
            QCOMPARE(chatPlacementName(dock->placement()), placement);
            saved = window->saveSession(); // what the window set writes at quit
            QVERIFY(window->close());
        }
        // Through the settings file's bytes, as a restart reads them.
        const auto decoded = decodeWindowSessions(encodeWindowSessions({saved}));
        QVERIFY(decoded && decoded->size() == 1);
        QCOMPARE(decoded->first().chatPlacement, placement);

        auto window = makeWindow();
        window->restoreSession(decoded->first());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChatDock *dock = window->chatDock();
        QCOMPARE(chatPlacementName(dock->placement()), placement);
        QCOMPARE(dock->isVisible(), placement == u"docked");
        QCOMPARE(dock->bubble()->isVisible(), placement == u"minimized");
        QCOMPARE(window->centralStack()->isPageShown(), placement == u"page");
        QCOMPARE(window->dashboard()->isVisible(), placement != u"page");
        QCOMPARE(dock->page()->isVisible(), placement == u"page");
        QCOMPARE(dock->panel()->isVisible(), placement == u"docked" || placement == u"page");
    }

    void page_expand_replacesDashboardAndMinimizeBringsItBack()
    {
        const QUuid groceries = newSession(QStringLiteral("Groceries"), QStringLiteral("add oat milk"));
        const QUuid work = newSession(QStringLiteral("Quarterly report"), QStringLiteral("what's due this week?"));
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChatDock *dock = window->chatDock();
        ChatPage *page = dock->page();
        QTRY_COMPARE(dock->panel()->sessionId(), work);
        QVERIFY(window->dashboard()->isVisible());

        dock->expandAction()->trigger();
        QVERIFY(dock->isExpanded());
        QVERIFY(window->centralStack()->isPageShown());
        QVERIFY(!window->dashboard()->isVisible());
        QVERIFY(!dock->isVisible());
        QVERIFY(page->isVisible());
        QVERIFY(dock->panel()->isVisible());
        QVERIFY(page->isAncestorOf(dock->panel()));
        // The page fills the window's centre, not a strip of it.
        QCOMPARE(page->width(), window->centralStack()->width());
        QVERIFY(page->width() > window->width() - 10);
        // The navbar: the assistant's name, the conversation's title, Minimize.
        const auto labels = page->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
                            [](QLabel *label) { return label->text() == u"AI Task Assistant"; }));
        QCOMPARE(page->conversationTitle()->text(), QStringLiteral("Quarterly report"));
        QVERIFY(page->minimizeButton()->isVisible());
        // The conversations, the shown one selected.
        QListView *list = page->sessionList();
        QVERIFY(list->isVisible());
        QCOMPARE(list->model()->rowCount(), 2);
        QCOMPARE(list->currentIndex().data(ChatSessionModel::SessionIdRole).toUuid(), work);

        // Picking another shows it, title and all.
        list->setCurrentIndex(dock->sessionModel()->indexOf(groceries));
        QCOMPARE(dock->panel()->sessionId(), groceries);
        QCOMPARE(page->conversationTitle()->text(), QStringLiteral("Groceries"));
        QTRY_COMPARE(dock->messageModel()->rowCount(), 1);

        // New chat starts one and selects it once stored.
        QTest::mouseClick(page->newChatButton(), Qt::LeftButton);
        QTRY_COMPARE(list->model()->rowCount(), 3);
        QTRY_COMPARE(list->currentIndex().data(ChatSessionModel::SessionIdRole).toUuid(), dock->panel()->sessionId());
        QCOMPARE(page->conversationTitle()->text(), QStringLiteral("New chat"));

        // Minimize: the dashboard again, the chat in its bubble.
        QTest::mouseClick(page->minimizeButton(), Qt::LeftButton);
        QVERIFY(!window->centralStack()->isPageShown());
        QVERIFY(window->dashboard()->isVisible());
        QVERIFY(!page->isVisible());
        QVERIFY(dock->isMinimized());
        QVERIFY(dock->bubble()->isVisible());
        QVERIFY(!dock->expandAction()->isChecked());

        // Side panel: from the page back beside the dashboard.
        dock->setExpanded(true);
        QVERIFY(window->centralStack()->isPageShown());
        QTest::mouseClick(page->sideButton(), Qt::LeftButton);
        QVERIFY(window->dashboard()->isVisible());
        QVERIFY(dock->isVisible());
        QVERIFY(dock->isAncestorOf(dock->panel()));
    }

    void bubble_click_opensCompactChatAnchoredToIt()
    {
        const QUuid chat = newSession(QStringLiteral("Chat"), QStringLiteral("hello"));
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChatDock *dock = window->chatDock();
        QTRY_COMPARE(dock->panel()->sessionId(), chat);
        dock->minimize();
        ChatBubbleButton *bubble = dock->bubble();
        ChatPopover *popover = dock->popover();
        (void)m_f.chats->addMessage(m_f.owner.id, chat, ChatRole::Assistant, QStringLiteral("a reply"));
        QTRY_COMPARE(bubble->unread(), 1);

        QTest::mouseClick(bubble, Qt::LeftButton);
        QVERIFY(popover->isVisible());
        QVERIFY(popover->isAncestorOf(dock->panel()));
        QVERIFY(dock->isMinimized());
        QCOMPARE(bubble->unread(), 0);
        QVERIFY(bubble->isVisible());
        // Anchored: just above the bubble, right edges together, inside the window.
        const QRect card = popover->geometry();
        QVERIFY(card.bottom() < bubble->geometry().top());
        QVERIFY(bubble->geometry().top() - card.bottom() < 20);
        QVERIFY(qAbs(card.right() - bubble->geometry().right()) < 4);
        QVERIFY(window->rect().contains(card));
        QVERIFY(card.width() >= 300 && card.height() >= 300);
        QTRY_VERIFY(dock->panel()->input()->hasFocus());

        // It follows the window's size.
        window->resize(1300, 760);
        QTRY_VERIFY(qAbs(popover->geometry().right() - bubble->geometry().right()) < 4);

        // Escape folds it again; the replies count again.
        QTest::keyClick(dock->panel()->input(), Qt::Key_Escape);
        QVERIFY(popover->isHidden());
        QVERIFY(bubble->hasFocus());
        (void)m_f.chats->addMessage(m_f.owner.id, chat, ChatRole::Assistant, QStringLiteral("another"));
        QTRY_COMPARE(bubble->unread(), 1);

        // From the card to the side panel.
        QTest::mouseClick(bubble, Qt::LeftButton);
        QTest::mouseClick(popover->dockButton(), Qt::LeftButton);
        QVERIFY(!dock->isMinimized());
        QVERIFY(dock->isVisible());
        QVERIFY(bubble->isHidden());
        QVERIFY(popover->isHidden());
        QVERIFY(dock->isAncestorOf(dock->panel()));
    }

    void ctrlL_fromAnywhere_focusesInputOpeningTheChat()
    {
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        ChatDock *dock = window->chatDock();
        ChatInput *input = dock->panel()->input();
        QCOMPARE(dock->focusInputAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+L")));

        // Docked, from the dashboard's add line.
        window->dashboard()->focusAddLine();
        QTRY_VERIFY(!input->hasFocus());
        QTest::keyClick(focused(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(input->hasFocus());

        // Minimized: opens the compact chat.
        dock->minimize();
        QVERIFY(!input->isVisible());
        QTest::keyClick(focused(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(dock->popover()->isVisible());
        QTRY_VERIFY(input->hasFocus());
        dock->closePopover();

        // Closed: shows the dock again.
        dock->restore();
        dock->toggleAction()->trigger();
        QVERIFY(dock->isHidden());
        window->dashboard()->focusAddLine();
        QTest::keyClick(focused(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(dock->isVisible());
        QTRY_VERIFY(input->hasFocus());

        // Full page.
        dock->setExpanded(true);
        dock->page()->sessionList()->setFocus();
        QTest::keyClick(focused(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(input->hasFocus());
    }

    void tabOrder_throughChat_newChatMessagesInputSend()
    {
        const QUuid chat = newSession(QStringLiteral("Chat"), QStringLiteral("hello"));
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        ChatPanel *panel = window->chatDock()->panel();
        QTRY_COMPARE(panel->sessionId(), chat);
        QTRY_COMPARE(panel->messageView()->model()->rowCount(), 1);
        panel->input()->setPlainText(QStringLiteral("draft")); // Send is enabled

        const QList<QWidget *> expected{panel->newChatButton(), panel->messageView(), panel->input(),
                                        panel->sendButton()};
        for (QWidget *widget : expected) {
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
            QVERIFY2(!widget->toolTip().isEmpty() || widget == panel->messageView(), widget->metaObject()->className());
        }
        panel->newChatButton()->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(focused(), expected.first());
        for (int i = 1; i < expected.size(); ++i) {
            QTest::keyClick(focused(), Qt::Key_Tab);
            QCOMPARE(focused(), expected.at(i));
        }
        // In the conversation the keyboard lands on a message, so its focus ring shows.
        QVERIFY(panel->messageView()->currentIndex().isValid());

        // Backwards too.
        for (int i = expected.size() - 2; i >= 0; --i) {
            QTest::keyClick(focused(), Qt::Key_Backtab);
            QCOMPARE(focused(), expected.at(i));
        }

        // The full page: its New chat, the conversations, the messages, the input, Send.
        window->chatDock()->setExpanded(true);
        ChatPage *page = window->chatDock()->page();
        page->newChatButton()->setFocus(Qt::TabFocusReason);
        const QList<QWidget *> onPage{page->newChatButton(), page->sessionList(), panel->messageView(),  panel->input(),
                                      panel->sendButton(),   page->sideButton(),  page->minimizeButton()};
        for (int i = 1; i < onPage.size(); ++i) {
            QTest::keyClick(focused(), Qt::Key_Tab);
            QCOMPARE(focused(), onPage.at(i));
            QVERIFY(!onPage.at(i)->accessibleName().isEmpty());
        }
    }

    void narrowWindow_docked_collapsesToBubbleAndComesBack()
    {
        auto window = makeWindow({1200, 680});
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChatDock *dock = window->chatDock();
        QVERIFY(dock->isVisible());

        window->resize(900, 680);
        QTRY_VERIFY(dock->isAutoCollapsed());
        QVERIFY(dock->isHidden());
        QVERIFY(dock->bubble()->isVisible());
        QVERIFY(!dock->isMinimized());
        QCOMPARE(dock->placement(), ChatPlacement::Docked); // not the user's choice: a restart docks it

        window->resize(1150, 680);
        QTRY_VERIFY(dock->isVisible());
        QVERIFY(!dock->isAutoCollapsed());
        QVERIFY(dock->bubble()->isHidden());

        // Minimized by the user: widening leaves it minimized.
        window->resize(900, 680);
        QTRY_VERIFY(dock->isAutoCollapsed());
        dock->minimize();
        window->resize(1150, 680);
        QCoreApplication::processEvents();
        QVERIFY(dock->isMinimized());
        QVERIFY(dock->isHidden());
        QVERIFY(dock->bubble()->isVisible());
    }

    void screenshots_dockedPageAndBubble()
    {
        // The real assistant (its built-in engine) answers, on this thread.
        assistant::AssistantService service(*m_f.store, *m_f.tasks, *m_f.chats);
        test::ServiceAssistantClient client(service, m_f.owner.id);
        QVERIFY(test::seedSampleTasks(*m_f.tasks, m_f.owner.id,
                                      {{QStringLiteral("Old flyer draft"), QStringLiteral("old")},
                                       {QStringLiteral("Old banner sketch"), QStringLiteral("old")}}));
        // Older conversations for the full page's list.
        QVERIFY(test::seedOlderChats(*m_f.chats, service, m_f.owner.id));

        MainWindow window(*m_f.tasks, *m_f.replica, *m_f.chats, *m_f.accounts, client, *m_f.runner, m_f.owner,
                          m_f.store->config().describe());
        window.resize(1280, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ChatDock *dock = window.chatDock();
        ChatPanel *panel = dock->panel();
        QTRY_VERIFY(!panel->sessionId().isNull());
        panel->startNewChat();
        const QStringList conversation{
            QStringLiteral("Add call Alex tomorrow at 3pm #work"),
            QStringLiteral("Mark water the plants as done"),
            QStringLiteral("What's due this week?"),
            QStringLiteral("Delete all tasks tagged old"),
        };
        for (const QString &words : conversation) {
            QTRY_VERIFY(!panel->isBusy());
            panel->input()->setPlainText(words);
            QTest::keyClick(panel->input(), Qt::Key_Return);
        }
        QTRY_VERIFY(!panel->isBusy());
        QTRY_COMPARE(dock->messageModel()->rowCount(), 8);
        QTRY_VERIFY(dock->messageModel()->awaitsYesNo());
        m_f.runner->waitForDone();
        QCoreApplication::processEvents();
        QTest::qWait(0);
        QVERIFY(window.grab().save(screenshotPath(QStringLiteral("desktop-chat-docked.png"))));

        // Yes: the chips of the deleted tasks keep their names, struck through.
        QTest::mouseClick(panel->quickReplies()->yesButton(), Qt::LeftButton);
        QTRY_COMPARE(dock->messageModel()->rowCount(), 10);
        QTRY_COMPARE(dock->messageModel()->index(9, 0).data(ChatMessageModel::ActionGoneRole).toList(),
                     (QVariantList{true, true}));
        dock->setExpanded(true);
        QTRY_VERIFY(dock->page()->isVisible());
        m_f.runner->waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(screenshotPath(QStringLiteral("desktop-chat-page.png"))));

        dock->minimize();
        const QUuid chat = panel->sessionId();
        TANDEM_VERIFY_OK(m_f.chats->addMessage(m_f.owner.id, chat, ChatRole::Assistant,
                                               QStringLiteral("Reminder: the quarterly report is due at 16:00.")));
        TANDEM_VERIFY_OK(m_f.chats->addMessage(m_f.owner.id, chat, ChatRole::Assistant,
                                               QStringLiteral("Alex's call is in your list for tomorrow at 15:00.")));
        QTRY_COMPARE(dock->unreadCount(), 2);
        QVERIFY(window.grab().save(screenshotPath(QStringLiteral("desktop-chat-bubble.png"))));
        QTest::mouseClick(dock->bubble(), Qt::LeftButton);
        QTRY_VERIFY(dock->popover()->isVisible());
        QCoreApplication::processEvents();
        QVERIFY(window.grab().save(screenshotPath(QStringLiteral("desktop-chat-popover.png"))));
    }
};

QTEST_MAIN(TestChatWindow)
#include "tst_chat_window.moc"
