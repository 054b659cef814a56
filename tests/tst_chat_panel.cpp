// The assistant's chat UI under the offscreen platform: the panel (Enter
// sends through the client, replies and their task chips appear, errors offer
// Retry, the 4,000-character limit, new chats), the dock (expand into the
// full view with the list of conversations, rename and delete there, minimize
// to a bubble that counts replies, restore); and screenshots for docs/.
#include "assistant/assistantservice.h"
#include "auth/accountservice.h"
#include "chat/chatactions.h"
#include "chat/chatbubblebutton.h"
#include "chat/chatbubbledelegate.h"
#include "chat/chatdock.h"
#include "chat/chatinput.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatpage.h"
#include "chat/chatpanel.h"
#include "chat/chatpopover.h"
#include "chat/chatsessionmodel.h"
#include "chat/typingindicator.h"
#include "chatsamples.h"
#include "common/backgroundrunner.h"
#include "dashboard/taskmodel.h"
#include "fakeassistantclient.h"
#include "mainwindow/centralstack.h"
#include "mainwindow/mainwindow.h"
#include "services/chatservice.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QLabel>
#include <QListView>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace tandem;

class TestChatPanel : public QObject
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
    std::atomic<qint64> m_clock{0}; // ChatService's: a second later at every change, so "most recent" is never a tie

    struct Host
    {
        std::unique_ptr<QMainWindow> window;
        ChatDock *dock = nullptr;
        ChatPanel *panel() const { return dock->panel(); }
        ChatMessageModel *messages() const { return dock->messageModel(); }
        ChatSessionModel *sessions() const { return dock->sessionModel(); }
    };

    // The dock beside a stand-in for the dashboard, and its full page in the
    // dashboard's place, as MainWindow places them.
    Host makeHost(AssistantClient &client)
    {
        Host host;
        host.window = std::make_unique<QMainWindow>();
        auto *central = new QLabel(QStringLiteral("tasks"), host.window.get());
        central->setMinimumWidth(200);
        auto *stack = new CentralStack(central, host.window.get());
        host.window->setCentralWidget(stack);
        host.dock = new ChatDock(*m_chats, *m_tasks, client, *m_runner, m_owner.id, host.window.get());
        stack->setPage(host.dock->page());
        connect(host.dock, &ChatDock::pageRequested, stack, &CentralStack::showPage);
        host.window->addDockWidget(Qt::RightDockWidgetArea, host.dock);
        host.window->resize(1000, 620);
        host.window->resizeDocks({host.dock}, {380}, Qt::Horizontal);
        host.window->show();
        return host;
    }

    QUuid newSession(const QString &title)
    {
        auto created = m_chats->createSession(m_owner.id, title);
        return created ? created->entityId() : QUuid();
    }

    void say(const QUuid &sessionId, ChatRole role, const QString &content, const QList<TaskAction> &actions = {})
    {
        TANDEM_VERIFY_OK(m_chats->addMessage(m_owner.id, sessionId, role, content, actions));
    }

    static void typeAndSend(ChatPanel *panel, const QString &text)
    {
        panel->input()->setFocus();
        QTest::keyClicks(panel->input(), text);
        QTest::keyClick(panel->input(), Qt::Key_Return);
    }

    static QStringList texts(const QAbstractItemModel &model)
    {
        QStringList list;
        for (int row = 0; row < model.rowCount(); ++row)
            list.append(model.index(row, 0).data().toString());
        return list;
    }

    // Every bubble's row has the height its delegate asks for at the current width.
    static bool laidOut(ChatPanel *panel)
    {
        QListView *view = panel->messageView();
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, 0);
            QStyleOptionViewItem option;
            option.initFrom(view->viewport());
            option.font = view->font();
            option.rect = view->visualRect(index);
            if (option.rect.height() != panel->delegate()->sizeHint(option, index).height())
                return false;
        }
        return true;
    }

    static QString screenshotPath(const QString &name)
    {
        return QDir(qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath())).filePath(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
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
        m_clock = QDateTime::currentMSecsSinceEpoch();
        m_chats = std::make_unique<ChatService>(
            *m_store, [this] { return QDateTime::fromMSecsSinceEpoch(m_clock.fetch_add(1000) + 1000, Qt::UTC); });
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

    void enter_noConversationYet_startsOneSendsAndShowsReply()
    {
        m_fake->reply = QStringLiteral("Hello! What can I do?");
        Host host = makeHost(*m_fake);
        QTRY_VERIFY(host.sessions()->hasLoaded());
        QCOMPARE(host.panel()->sessionId(), QUuid());
        QVERIFY(!host.panel()->sendButton()->isEnabled());
        typeAndSend(host.panel(), QStringLiteral("  hi there  "));
        QCOMPARE(host.panel()->input()->toPlainText(), QString());
        QTRY_COMPARE(m_fake->sent.size(), 1);
        QCOMPARE(m_fake->sent.first().content, QStringLiteral("hi there"));
        QVERIFY(!m_fake->sent.first().sessionId.isNull());
        QCOMPARE(host.panel()->sessionId(), m_fake->sent.first().sessionId);
        QTRY_COMPARE(texts(*host.messages()),
                     (QStringList{QStringLiteral("hi there"), QStringLiteral("Hello! What can I do?")}));
        QTRY_COMPARE(host.sessions()->rowCount(), 1);
        QTRY_VERIFY(!host.panel()->isBusy());
        QVERIFY(host.panel()->errorBar()->isHidden());
    }

    void enter_existingConversation_sendsThereAndEmptyLineDoesNothing()
    {
        const QUuid older = newSession(QStringLiteral("Older"));
        const QUuid recent = newSession(QStringLiteral("Recent"));
        Host host = makeHost(*m_fake);
        QTRY_COMPARE(host.panel()->sessionId(), recent); // the most recent one shows
        QCOMPARE(host.panel()->titleLabel()->text(), QStringLiteral("Recent"));
        QTest::keyClick(host.panel()->input(), Qt::Key_Return);
        typeAndSend(host.panel(), QStringLiteral("   "));
        QCOMPARE(m_fake->sent.size(), 0);
        typeAndSend(host.panel(), QStringLiteral("what's due?"));
        QCOMPARE(m_fake->sent.size(), 1);
        QCOMPARE(m_fake->sent.first().sessionId, recent);
        QVERIFY(m_fake->sent.first().sessionId != older);
        QTRY_COMPARE(host.messages()->rowCount(), 2);
    }

    void shiftEnter_insertsNewLineWithoutSending()
    {
        Host host = makeHost(*m_fake);
        ChatInput *input = host.panel()->input();
        input->setFocus();
        QTest::keyClicks(input, QStringLiteral("first line"));
        QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(input, QStringLiteral("second line"));
        QCOMPARE(input->toPlainText(), QStringLiteral("first line\nsecond line"));
        QVERIFY(input->height() > input->minimumSizeHint().height()); // it grew
        QCOMPARE(m_fake->sent.size(), 0);
        QTest::keyClick(input, Qt::Key_Enter); // the keypad's Enter sends too
        QTRY_COMPARE(m_fake->sent.size(), 1);
        QCOMPARE(m_fake->sent.first().content, QStringLiteral("first line\nsecond line"));
    }

    void typingIndicator_whileTurnInFlight_showsAndBlocksSending()
    {
        newSession(QStringLiteral("Chat"));
        m_fake->hold = true;
        Host host = makeHost(*m_fake);
        QTRY_VERIFY(!host.panel()->sessionId().isNull());
        QSignalSpy busy(host.panel(), &ChatPanel::busyChanged);
        typeAndSend(host.panel(), QStringLiteral("slow question"));
        QCOMPARE(m_fake->held(), 1);
        QVERIFY(host.panel()->isBusy());
        QVERIFY(host.panel()->typingIndicator()->isVisible());
        QCOMPARE(host.panel()->typingIndicator()->accessibleName(),
                 TypingIndicator::tr("The assistant is writing a reply"));
        QVERIFY(host.dock->grab().save(screenshotPath(QStringLiteral("chat-typing.png"))));
        typeAndSend(host.panel(), QStringLiteral("impatient"));
        QCOMPARE(m_fake->sent.size(), 1); // one turn at a time
        QVERIFY(!host.panel()->sendButton()->isEnabled());
        QCOMPARE(host.panel()->input()->toPlainText(), QStringLiteral("impatient")); // kept for later
        m_fake->release();
        QTRY_VERIFY(!host.panel()->isBusy());
        QVERIFY(host.panel()->typingIndicator()->isHidden());
        QVERIFY(host.panel()->sendButton()->isEnabled());
        QCOMPARE(busy.size(), 2);
        QTRY_COMPARE(host.messages()->rowCount(), 2);
    }

    void actionChip_click_emitsTaskActivated()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Call Alex");
        auto created = m_tasks->create(m_owner.id, draft);
        TANDEM_VERIFY_OK(created);
        const QUuid taskId = created->entityId();
        m_fake->reply = QStringLiteral("Added “Call Alex” for tomorrow at 15:00.");
        m_fake->actions = {TaskAction{TaskActionKind::Created, taskId, {}}};
        Host host = makeHost(*m_fake);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        typeAndSend(host.panel(), QStringLiteral("add call Alex tomorrow 3pm"));
        QTRY_COMPARE(host.messages()->rowCount(), 2);
        const QModelIndex reply = host.messages()->index(1, 0);
        QTRY_COMPARE(reply.data(ChatMessageModel::ActionLabelsRole).toStringList(),
                     QStringList{QStringLiteral("Added “Call Alex”")});

        QListView *view = host.panel()->messageView();
        view->scrollTo(reply);
        QStyleOptionViewItem option;
        option.initFrom(view->viewport());
        option.font = view->font();
        option.rect = view->visualRect(reply);
        const QList<QRect> chips = host.panel()->delegate()->chipRects(option, reply);
        QCOMPARE(chips.size(), 1);
        QVERIFY(view->viewport()->rect().contains(chips.first()));
        QSignalSpy activated(host.dock, &ChatDock::taskActivated);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, chips.first().center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toUuid(), taskId);
        // The words themselves are not a link.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, option.rect.topLeft() + QPoint(30, 14));
        QCOMPARE(activated.size(), 1);
    }

    void error_failedTurn_showsInlineErrorAndRetrySends()
    {
        newSession(QStringLiteral("Chat"));
        Host host = makeHost(*m_fake);
        QTRY_VERIFY(!host.panel()->sessionId().isNull());
        m_fake->failNext = Error::storage(QStringLiteral("the assistant is not running right now"));
        typeAndSend(host.panel(), QStringLiteral("add buy bread"));
        QTRY_VERIFY(host.panel()->errorBar()->isVisible());
        QCOMPARE(host.panel()->errorLabel()->text(),
                 QStringLiteral("Couldn’t send: the assistant is not running right now"));
        QVERIFY(host.panel()->retryButton()->isVisible());
        QVERIFY(host.panel()->retryButton()->hasFocus());
        QVERIFY(host.dock->grab().save(screenshotPath(QStringLiteral("chat-error.png"))));
        QCOMPARE(host.messages()->rowCount(), 0);
        QTest::keyClick(host.panel()->retryButton(), Qt::Key_Space);
        QCOMPARE(m_fake->sent.size(), 2);
        QCOMPARE(m_fake->sent.at(1).content, QStringLiteral("add buy bread"));
        QTRY_COMPARE(host.messages()->rowCount(), 2);
        QVERIFY(host.panel()->errorBar()->isHidden());
    }

    void input_limit_keeps4000CharactersAndShowsCounterNearIt()
    {
        Host host = makeHost(*m_fake);
        ChatInput *input = host.panel()->input();
        QLabel *counter = host.panel()->counter();
        QCOMPARE(input->maxLength(), int(assistant::AssistantService::MaxMessage));
        QCOMPARE(input->maxLength(), 4000);
        input->setPlainText(QString(3499, u'a'));
        QVERIFY(counter->isHidden());
        input->moveCursor(QTextCursor::End);
        input->insertPlainText(QStringLiteral("b"));
        QVERIFY(counter->isVisible());
        const QLocale locale;
        QCOMPARE(counter->text(), QStringLiteral("%1 / %2").arg(locale.toString(3500), locale.toString(4000)));
        // A paste that goes over keeps what fits, where it was pasted.
        input->moveCursor(QTextCursor::Start);
        input->insertPlainText(QString(600, u'x'));
        QCOMPARE(input->length(), 4000);
        QCOMPARE(input->toPlainText(), QString(500, u'x') + QString(3499, u'a') + u'b');
        QCOMPARE(counter->text(), QStringLiteral("%1 / %2").arg(locale.toString(4000), locale.toString(4000)));
        // Typing at the limit adds nothing; a character outside the BMP counts once.
        QTest::keyClicks(input, QStringLiteral("zz"));
        QCOMPARE(input->length(), 4000);
        input->setPlainText(QString(3999, u'a'));
        input->moveCursor(QTextCursor::End);
        input->insertPlainText(QStringLiteral("😀😀"));
        QCOMPARE(input->toPlainText(), QString(3999, u'a') + QStringLiteral("😀"));
        QCOMPARE(input->length(), 4000);
        // The full message goes out whole.
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_COMPARE(m_fake->sent.size(), 1);
        QCOMPARE(m_fake->sent.first().content, QString(3999, u'a') + QStringLiteral("😀"));
        QVERIFY(counter->isHidden());
    }

    void newChat_click_createsAndShowsEmptyConversation()
    {
        const QUuid first = newSession(QStringLiteral("First"));
        say(first, ChatRole::User, QStringLiteral("hello"));
        Host host = makeHost(*m_fake);
        QTRY_COMPARE(host.messages()->rowCount(), 1);
        QSignalSpy changed(host.panel(), &ChatPanel::sessionChanged);
        QTest::mouseClick(host.panel()->newChatButton(), Qt::LeftButton);
        QCOMPARE(changed.size(), 1);
        const QUuid created = host.panel()->sessionId();
        QVERIFY(!created.isNull() && created != first);
        QTRY_COMPARE(host.sessions()->rowCount(), 2);
        QCOMPARE(host.sessions()->sessionAt(0).id, created);
        QCOMPARE(host.messages()->rowCount(), 0);
        QCOMPARE(host.panel()->titleLabel()->text(), QStringLiteral("New chat"));
        QVERIFY(host.panel()->input()->hasFocus());
        // A second click while the new one is still empty makes no other.
        QTest::mouseClick(host.panel()->newChatButton(), Qt::LeftButton);
        m_runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(host.sessions()->rowCount(), 2);
        QCOMPARE(host.panel()->sessionId(), created);
        auto stored = m_chats->sessions(m_owner.id);
        TANDEM_VERIFY_OK(stored);
        QCOMPARE(stored->size(), 2);
    }

    void newChat_thenSendAtOnce_waitsUntilTheConversationIsStored()
    {
        Host host = makeHost(*m_fake);
        QTRY_VERIFY(host.sessions()->hasLoaded());
        host.panel()->startNewChat();
        const QUuid created = host.panel()->sessionId();
        typeAndSend(host.panel(), QStringLiteral("right away"));
        QVERIFY(host.panel()->isBusy()); // the typing indicator shows meanwhile
        QTRY_COMPARE(m_fake->sent.size(), 1);
        QCOMPARE(m_fake->sent.first().sessionId, created);
        QTRY_COMPARE(texts(*host.messages()), (QStringList{QStringLiteral("right away"), QStringLiteral("Done.")}));
        QVERIFY(host.panel()->errorBar()->isHidden());
    }

    void expand_showsConversationListAndSwitchesBetweenThem()
    {
        const QUuid groceries = newSession(QStringLiteral("Groceries"));
        say(groceries, ChatRole::User, QStringLiteral("add milk"));
        const QUuid work = newSession(QStringLiteral("Work"));
        say(work, ChatRole::User, QStringLiteral("what's due?"));
        Host host = makeHost(*m_fake);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        QTRY_COMPARE(host.panel()->sessionId(), work);
        QVERIFY(!host.dock->sessionList()->isVisible());
        const int collapsed = host.dock->width();

        host.dock->expandAction()->trigger();
        QVERIFY(host.dock->isExpanded());
        QVERIFY(host.dock->sessionList()->isVisible());
        QTRY_VERIFY(host.dock->page()->width() > collapsed + 200);
        QCOMPARE(host.dock->sessionList()->currentIndex().data(ChatSessionModel::SessionIdRole).toUuid(), work);

        host.dock->sessionList()->setCurrentIndex(host.sessions()->indexOf(groceries));
        QCOMPARE(host.panel()->sessionId(), groceries);
        QTRY_COMPARE(texts(*host.messages()), QStringList{QStringLiteral("add milk")});

        host.dock->expandAction()->trigger();
        QVERIFY(!host.dock->isExpanded());
        QVERIFY(!host.dock->sessionList()->isVisible());
        QTRY_VERIFY(qAbs(host.dock->width() - collapsed) < 20);
    }

    void sessionList_renameAndDelete_goThroughChatService()
    {
        const QUuid keep = newSession(QStringLiteral("Keep"));
        const QUuid doomed = newSession(QStringLiteral("Doomed"));
        Host host = makeHost(*m_fake);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        QTRY_COMPARE(host.panel()->sessionId(), doomed);
        host.dock->setExpanded(true);
        QListView *list = host.dock->sessionList();

        // Rename: F2 edits in place; the title changes once stored.
        list->setFocus();
        list->setCurrentIndex(host.sessions()->indexOf(keep));
        QTest::keyClick(list, Qt::Key_F2);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor && editor != list);
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("Groceries"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_chats->session(m_owner.id, keep)->title, QStringLiteral("Groceries"));
        QTRY_COMPARE(host.sessions()->indexOf(keep).data().toString(), QStringLiteral("Groceries"));

        // Delete asks first, without blocking the event loop.
        list->setFocus();
        list->setCurrentIndex(host.sessions()->indexOf(doomed));
        host.panel()->setSessionId(doomed);
        host.dock->deleteAction()->trigger();
        auto *box = host.window->findChild<QMessageBox *>();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(host.sessions()->rowCount(), 2); // nothing yet
        QPushButton *remove = nullptr;
        const auto buttons = box->buttons();
        for (QAbstractButton *button : buttons) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                remove = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(remove);
        remove->click();
        QTRY_COMPARE(host.sessions()->rowCount(), 1);
        QVERIFY(!m_chats->session(m_owner.id, doomed).ok());
        // The panel moves to what is left.
        QTRY_COMPARE(host.panel()->sessionId(), keep);
    }

    void sessionList_deleteCancelled_keepsConversation()
    {
        const QUuid chat = newSession(QStringLiteral("Chat"));
        Host host = makeHost(*m_fake);
        QTRY_COMPARE(host.panel()->sessionId(), chat);
        host.dock->setExpanded(true);
        host.dock->sessionList()->setCurrentIndex(host.sessions()->indexOf(chat));
        host.dock->deleteAction()->trigger();
        auto *box = host.window->findChild<QMessageBox *>();
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        m_runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(host.sessions()->rowCount(), 1);
        TANDEM_VERIFY_OK(m_chats->session(m_owner.id, chat));
    }

    void minimize_showsBubbleCountingRepliesAndRestores()
    {
        const QUuid chat = newSession(QStringLiteral("Chat"));
        Host host = makeHost(*m_fake);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        QTRY_COMPARE(host.panel()->sessionId(), chat);
        ChatBubbleButton *bubble = host.dock->bubble();
        QVERIFY(bubble->isHidden());

        host.dock->minimizeAction()->trigger();
        QVERIFY(host.dock->isMinimized());
        QVERIFY(host.dock->isHidden());
        QVERIFY(bubble->isVisible());
        QCOMPARE(host.dock->unreadCount(), 0);
        // In the window's bottom-right corner.
        const QRect area = host.window->rect();
        QVERIFY(bubble->geometry().right() > area.width() - 100);
        QVERIFY(bubble->geometry().bottom() > area.height() - 120);

        // Replies arriving meanwhile (from this window or another device) count; the user's own do not.
        say(chat, ChatRole::User, QStringLiteral("from my phone"));
        say(chat, ChatRole::Assistant, QStringLiteral("first reply"));
        say(chat, ChatRole::Assistant, QStringLiteral("second reply"));
        QTRY_COMPARE(host.dock->unreadCount(), 2);
        QCOMPARE(bubble->unread(), 2);
        QVERIFY(bubble->accessibleName().contains(QStringLiteral("2")));

        // The bubble follows the window's size.
        host.window->resize(1100, 700);
        QTRY_VERIFY(bubble->geometry().right() > 1000);

        // The bubble opens the compact chat over the window; read, nothing counts as new.
        QTest::mouseClick(bubble, Qt::LeftButton);
        QVERIFY(host.dock->popover()->isVisible());
        QVERIFY(host.dock->popover()->isAncestorOf(host.panel()));
        QCOMPARE(host.dock->unreadCount(), 0);
        QTRY_COMPARE(host.messages()->rowCount(), 3);
        say(chat, ChatRole::Assistant, QStringLiteral("read at once"));
        QTRY_COMPARE(host.messages()->rowCount(), 4);
        QCOMPARE(host.dock->unreadCount(), 0);

        // Restored beside the tasks.
        host.dock->restore();
        QVERIFY(!host.dock->isMinimized());
        QVERIFY(host.dock->isVisible());
        QVERIFY(bubble->isHidden());
        QVERIFY(host.dock->popover()->isHidden());
        QVERIFY(host.dock->toggleAction()->isChecked());

        // Restored, replies no longer count.
        say(chat, ChatRole::Assistant, QStringLiteral("third reply"));
        QTRY_COMPARE(host.messages()->rowCount(), 5);
        QCOMPARE(host.dock->unreadCount(), 0);
    }

    void minimize_bubbleKeyboard_opensChatWithSpace()
    {
        Host host = makeHost(*m_fake);
        QVERIFY(QTest::qWaitForWindowExposed(host.window.get()));
        host.dock->minimize();
        QVERIFY(host.dock->bubble()->hasFocus());
        QVERIFY(!host.dock->toggleAction()->isChecked());
        QTest::keyClick(host.dock->bubble(), Qt::Key_Space);
        QVERIFY(host.dock->popover()->isVisible());
        QVERIFY(host.panel()->input()->hasFocus());
    }

    void screenshots_mainWindowWithChat_dockedExpandedDarkAndMinimized()
    {
        // The real assistant (its built-in engine) answers, on this thread.
        assistant::AssistantService service(*m_store, *m_tasks, *m_chats);
        test::ServiceAssistantClient client(service, m_owner.id);
        QVERIFY(test::seedSampleTasks(*m_tasks, m_owner.id));
        // Older conversations for the full page's list.
        QVERIFY(test::seedOlderChats(*m_chats, service, m_owner.id));

        TaskReplica replica;
        TaskReplicaFeed feed(*m_tasks, replica, m_owner.id);
        feed.load();
        MainWindow window(*m_tasks, replica, *m_chats, *m_accounts, client, *m_runner, m_owner,
                          m_store->config().describe());
        window.resize(1180, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ChatDock *dock = window.chatDock();
        ChatPanel *panel = dock->panel();
        QTRY_VERIFY(!panel->sessionId().isNull());
        panel->startNewChat();
        const QUuid chat = panel->sessionId();
        const QStringList conversation{
            QStringLiteral("Add call Alex tomorrow at 3pm #work"),
            QStringLiteral("Mark water the plants as done"),
            QStringLiteral("What's due this week?"),
        };
        for (const QString &words : conversation) {
            QTRY_VERIFY(!panel->isBusy());
            typeAndSend(panel, words);
        }
        QTRY_VERIFY(!panel->isBusy());
        QTRY_COMPARE(dock->messageModel()->rowCount(), 6);
        QCOMPARE(panel->sessionId(), chat);
        QTRY_VERIFY(!dock->messageModel()->index(1, 0).data(ChatMessageModel::ActionTaskIdsRole).toList().isEmpty());
        // The three above, Alex's, the flights and the milk, less the plants (done).
        QTRY_COMPARE(window.taskModel()->taskCount(), 5); // tasks, not the date headers between them
        panel->input()->setPlainText(QStringLiteral("Move the passport to next Monday"));
        m_runner->waitForDone();
        QCoreApplication::processEvents();

        QTRY_VERIFY(laidOut(panel));
        const QImage docked = window.grab().toImage();
        QVERIFY(!docked.isNull());
        QCOMPARE(docked.size(), window.size() * window.devicePixelRatio());
        QVERIFY(docked.save(screenshotPath(QStringLiteral("main-window-chat.png"))));

        const int collapsed = dock->width();
        dock->setExpanded(true);
        QTRY_VERIFY(dock->sessionList()->isVisible());
        QTRY_VERIFY(dock->page()->width() > collapsed + 200); // the main window lays out later
        QTRY_VERIFY(laidOut(panel));
        QVERIFY(window.grab().save(screenshotPath(QStringLiteral("main-window-chat-expanded.png"))));
        dock->setExpanded(false);
        QTRY_VERIFY(qAbs(dock->width() - collapsed) < 20);
        QTRY_VERIFY(laidOut(panel));

        dock->minimize();
        TANDEM_VERIFY_OK(
            m_chats->addMessage(m_owner.id, chat, ChatRole::Assistant, QStringLiteral("Reminder: call Alex at 3pm.")));
        TANDEM_VERIFY_OK(m_chats->addMessage(m_owner.id, chat, ChatRole::Assistant,
                                             QStringLiteral("The quarterly report is due at 16:00.")));
        QTRY_COMPARE(dock->unreadCount(), 2);
        QVERIFY(window.grab().save(screenshotPath(QStringLiteral("main-window-chat-bubble.png"))));
        dock->restore();
        QTRY_VERIFY(laidOut(panel));

        // Dark palettes must read too (Link stays Qt's default dark blue: the chips must cope).
        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x27, 0x2b));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        QApplication::setPalette(dark);
        QTRY_COMPARE(panel->palette().color(QPalette::Base), dark.color(QPalette::Base));
        const bool saved = window.grab().save(screenshotPath(QStringLiteral("main-window-chat-dark.png")));
        QApplication::setPalette(light);
        QVERIFY(saved);
    }
};

QTEST_MAIN(TestChatPanel)
#include "tst_chat_panel.moc"
