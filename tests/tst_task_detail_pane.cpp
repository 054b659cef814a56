// Tasks edited where they are: in place in the list (F2, double-click), in
// the detail pane beside it, and from a row's context menu; every edit carries
// the task's revision, and changes from elsewhere neither get overwritten nor
// disturb what the user is doing. A real SQLite store, the offscreen platform.
#include "auth/accountservice.h"
#include "chat/chatdock.h"
#include "common/backgroundrunner.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskactions.h"
#include "dashboard/taskdetailpane.h"
#include "dashboard/tasklabels.h"
#include "dashboard/taskmodel.h"
#include "fakeassistantclient.h"
#include "mainwindow/mainwindow.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>
#include <QTreeView>

using namespace tandem;

class TestTaskDetailPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_service;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<BackgroundRunner> m_runner;
    std::unique_ptr<test::FakeAssistantClient> m_assistant;
    User m_owner;

    std::unique_ptr<MainWindow> makeWindow(QSize size = {1100, 640})
    {
        auto window = std::make_unique<MainWindow>(*m_service, *m_chats, *m_accounts, *m_assistant, *m_runner, m_owner,
                                                   m_store->config().describe());
        window->chatDock()->hide(); // the tasks get the width; tst_main_window covers the dock
        window->resize(size);
        window->show();
        window->activateWindow();
        return window;
    }

    QUuid add(const QString &title, const QStringList &tags = {})
    {
        TaskDraft draft;
        draft.title = title;
        draft.tags = tags;
        auto change = m_service->create(m_owner.id, draft);
        if (!change)
            return {};
        return change->task()->id;
    }

    Task stored(const QUuid &id) { return m_service->get(m_owner.id, id).value(); }

    static QTreeView *list(MainWindow &window) { return window.dashboard()->view(); }
    static TaskDetailPane *pane(MainWindow &window) { return window.dashboard()->detailPane(); }

    // Makes the row current and the list focused, as a click would.
    static void selectRow(MainWindow &window, const QUuid &id)
    {
        window.dashboard()->selectTask(id);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(list(window)->hasFocus());
    }

    // What a mouse sends for a double-click (QTest::mouseDClick sends only its second half).
    static void doubleClick(QWidget *widget, QPoint pos)
    {
        QTest::mousePress(widget, Qt::LeftButton, {}, pos);
        QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
        QTest::mouseDClick(widget, Qt::LeftButton, {}, pos);
        QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
    }

    static QLineEdit *titleEditor(MainWindow &window) { return list(window)->viewport()->findChild<QLineEdit *>(); }

    static QAction *menuAction(QMenu *menu, const QString &name)
    {
        QAction *action = menu->findChild<QAction *>(name);
        if (!action) {
            // Submenus own their actions.
            const auto menus = menu->findChildren<QMenu *>();
            for (QMenu *sub : menus) {
                if ((action = sub->findChild<QAction *>(name)))
                    break;
            }
        }
        return action;
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
        m_service = std::make_unique<TaskService>(*m_store);
        m_chats = std::make_unique<ChatService>(*m_store);
        m_runner = std::make_unique<BackgroundRunner>();
        m_accounts = std::make_unique<AccountService>(*m_store);
        auto owner = m_accounts->ensureLocalOwner(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner.value();
        m_assistant = std::make_unique<test::FakeAssistantClient>(*m_chats, m_owner.id);
    }

    void cleanup()
    {
        m_runner.reset();
        m_assistant.reset();
        m_chats.reset();
        m_accounts.reset();
        m_service.reset();
        m_store.reset();
        m_db.reset();
    }

    void rename_f2ThenEnter_commitsThroughService()
    {
        const QUuid id = add(QStringLiteral("Buy milk"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        // F2 works from any column of the row.
        list(*window)->setCurrentIndex(window->taskModel()->index(0, TaskModel::DueColumn));
        QTest::keyClick(list(*window), Qt::Key_F2);
        QLineEdit *editor = titleEditor(*window);
        QVERIFY(editor);
        QCOMPARE(editor->text(), QStringLiteral("Buy milk"));
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Buy oat milk"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(stored(id).title, QStringLiteral("Buy oat milk"));
        QCOMPARE(stored(id).revision, qint64(2));
        QTRY_COMPARE(window->taskModel()->taskAt(0).title, QStringLiteral("Buy oat milk"));
    }

    void rename_escape_keepsTitle()
    {
        const QUuid id = add(QStringLiteral("Buy milk"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        window->dashboard()->renameAction()->trigger();
        QLineEdit *editor = titleEditor(*window);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Something else"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!list(*window)->indexWidget(window->taskModel()->index(0, TaskModel::TitleColumn)));
        m_runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(stored(id).title, QStringLiteral("Buy milk"));
        QCOMPARE(stored(id).revision, qint64(1));
        QCOMPARE(window->taskModel()->index(0, TaskModel::TitleColumn).data().toString(), QStringLiteral("Buy milk"));
    }

    void rename_emptyTitle_refusedWithMessage()
    {
        const QUuid id = add(QStringLiteral("Buy milk"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        QTest::keyClick(list(*window), Qt::Key_F2);
        QLineEdit *editor = titleEditor(*window);
        QVERIFY(editor);
        editor->clear();
        QTest::keyClicks(editor, QStringLiteral("   "));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(window->statusBar()->currentMessage(), TaskActions::titleRequiredMessage());
        m_runner->waitForDone();
        QCOMPARE(stored(id).title, QStringLiteral("Buy milk"));
        QCOMPARE(stored(id).revision, qint64(1));
    }

    void doubleClick_title_opensEditor_elsewhere_opensPane()
    {
        const QUuid id = add(QStringLiteral("Buy milk"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        QTreeView *view = list(*window);
        const QRect title = view->visualRect(window->taskModel()->index(0, TaskModel::TitleColumn));
        doubleClick(view->viewport(), title.center());
        QTRY_VERIFY(titleEditor(*window));
        QCOMPARE(view->indexWidget(window->taskModel()->index(0, TaskModel::TitleColumn)), titleEditor(*window));
        QCOMPARE(titleEditor(*window)->text(), QStringLiteral("Buy milk"));
        // The first click's pane waits: it must not open under an editor.
        QTest::qWait(QApplication::doubleClickInterval() + 100);
        QVERIFY(!pane(*window)->isVisible());
        QTest::keyClick(titleEditor(*window), Qt::Key_Escape);

        // A double-click on another column opens the pane instead.
        const QRect due = view->visualRect(window->taskModel()->index(0, TaskModel::DueColumn));
        doubleClick(view->viewport(), due.center());
        QTRY_VERIFY(pane(*window)->isVisible());
        QCOMPARE(pane(*window)->task().id, id);
    }

    void enter_onList_opensPaneWithTheTask()
    {
        add(QStringLiteral("First"));
        const QUuid id = add(QStringLiteral("Second"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        QVERIFY(!pane(*window)->isVisible());
        selectRow(*window, id);
        QTest::keyClick(list(*window), Qt::Key_Return);
        QVERIFY(pane(*window)->isVisible());
        QCOMPARE(pane(*window)->task().id, id);
        QCOMPARE(pane(*window)->titleEdit()->text(), QStringLiteral("Second"));
        QVERIFY(pane(*window)->timesLabel()->text().contains(tr("Created")));
        // An open pane follows the current row.
        QTest::keyClick(list(*window), Qt::Key_Up);
        QTRY_COMPARE(pane(*window)->titleEdit()->text(), QStringLiteral("First"));
        // A click opens it too, after Escape closed it.
        QTest::keyClick(pane(*window), Qt::Key_Escape);
        QVERIFY(!pane(*window)->isVisible());
        const QRect row = list(*window)->visualRect(window->taskModel()->index(1, TaskModel::DueColumn));
        QTest::mouseClick(list(*window)->viewport(), Qt::LeftButton, {}, row.center());
        QTRY_VERIFY(pane(*window)->isVisible());
        QCOMPARE(pane(*window)->task().id, id);
    }

    void pane_notes_savedOnLeavingTheField_notPerKeystroke()
    {
        const QUuid id = add(QStringLiteral("Plan trip"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        window->dashboard()->openTask(id);
        QPlainTextEdit *notes = pane(*window)->notesEdit();
        notes->setFocus();
        QTRY_VERIFY(notes->hasFocus());
        QTest::keyClicks(notes, QStringLiteral("Pack light"));
        QTest::keyClick(notes, Qt::Key_Return);
        QTest::keyClicks(notes, QStringLiteral("Book the train"));
        m_runner->waitForDone();
        QCOMPARE(stored(id).revision, qint64(1)); // nothing sent while typing
        pane(*window)->titleEdit()->setFocus();
        QTRY_COMPARE(stored(id).description, QStringLiteral("Pack light\nBook the train"));
        QCOMPARE(stored(id).revision, qint64(2));
    }

    void pane_title_savedOnEnter_emptyRefused()
    {
        const QUuid id = add(QStringLiteral("Plan trip"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        QLineEdit *title = pane(*window)->titleEdit();
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("Plan the trip to Lisbon"));
        QTest::keyClick(title, Qt::Key_Return);
        QTRY_COMPARE(stored(id).title, QStringLiteral("Plan the trip to Lisbon"));

        QTRY_COMPARE(pane(*window)->task().revision, qint64(2));
        title->selectAll();
        QTest::keyClick(title, Qt::Key_Delete);
        QTest::keyClick(title, Qt::Key_Return);
        QCOMPARE(title->text(), QStringLiteral("Plan the trip to Lisbon"));
        QVERIFY(pane(*window)->messageLabel()->isVisible());
        QCOMPARE(pane(*window)->messageLabel()->text(), TaskActions::titleRequiredMessage());
        m_runner->waitForDone();
        QCOMPARE(stored(id).revision, qint64(2));
    }

    void pane_due_calendarTimeAndQuickChoices_persist()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = pane(*window);
        QVERIFY(p->dateEdit()->calendarPopup());
        QVERIFY(!p->dueCheck()->isChecked());
        QVERIFY(!p->dateEdit()->isEnabled());

        // Turning the due on gives today; a pick in the calendar moves it.
        QTest::mouseClick(p->dueCheck(), Qt::LeftButton);
        QTRY_COMPARE(stored(id).due, Due::onDate(QDate::currentDate()));
        const QDate picked = QDate::currentDate().addDays(10);
        Q_EMIT p->dateEdit()->calendarWidget()->clicked(picked);
        QTRY_COMPARE(stored(id).due, Due::onDate(picked));

        // An optional time.
        QTest::mouseClick(p->timeCheck(), Qt::LeftButton);
        QTRY_VERIFY(stored(id).due.hasTime());
        p->timeEdit()->setTime(QTime(14, 30));
        Q_EMIT p->timeEdit()->editingFinished();
        QTRY_COMPARE(stored(id).due.dateTime().toLocalTime(), QDateTime(picked, QTime(14, 30)));

        for (QuickDue choice : {QuickDue::Tomorrow, QuickDue::NextWeek, QuickDue::Today, QuickDue::NoDate}) {
            QTest::mouseClick(p->quickDueButton(choice), Qt::LeftButton);
            QTRY_COMPARE(stored(id).due, quickDueValue(choice));
        }
        QVERIFY(stored(id).due.isNone());
        QCOMPARE(quickDueValue(QuickDue::Tomorrow), Due::onDate(QDate::currentDate().addDays(1)));
        QTRY_VERIFY(!p->dueCheck()->isChecked());
    }

    void pane_priorityStatusAndTags_persist()
    {
        add(QStringLiteral("Other"), {QStringLiteral("errands")});
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = pane(*window);

        QCOMPARE(p->priorityBox()->count(), int(taskPriorities().size()));
        QTest::keyClick(p->priorityBox(), Qt::Key_End);
        QTRY_COMPARE(stored(id).priority, TaskPriority::Urgent);
        QTest::keyClick(p->statusBox(), Qt::Key_Down);
        QTRY_COMPARE(stored(id).status, TaskStatus::InProgress);

        // Tags: typed with commas or spaces; the completer offers known tags for the current word.
        QLineEdit *tags = p->tagsEdit();
        tags->setFocus();
        QTest::keyClicks(tags, QStringLiteral("health, #work err"));
        QCOMPARE(p->tagCompleter()->completionPrefix(), QStringLiteral("err"));
        QCOMPARE(p->tagCompleter()->completionCount(), 1);
        QCOMPARE(p->tagCompleter()->currentCompletion(), QStringLiteral("errands"));
        QTRY_VERIFY(p->tagCompleter()->popup()->isVisible());
        QTest::keyClick(p->tagCompleter()->popup(), Qt::Key_Down);
        QTest::keyClick(p->tagCompleter()->popup(), Qt::Key_Return);
        QVERIFY(!p->tagCompleter()->popup()->isVisible());
        QCOMPARE(tags->text(), QStringLiteral("health, #work errands, "));
        QTest::keyClick(tags, Qt::Key_Return);
        QTRY_COMPARE(stored(id).tags,
                     (QStringList{QStringLiteral("health"), QStringLiteral("work"), QStringLiteral("errands")}));
        QCOMPARE(tags->text(), QStringLiteral("health, work, errands"));
    }

    void contextMenu_actions_editThroughService()
    {
        add(QStringLiteral("Other"), {QStringLiteral("errands")});
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        DashboardView *dashboard = window->dashboard();
        const auto trigger = [&](const QString &name) {
            QMenu *menu = dashboard->createContextMenu(id);
            QVERIFY(menu);
            QAction *action = menuAction(menu, name);
            QVERIFY2(action, qPrintable(name));
            action->trigger();
            menu->close();
        };
        const auto settled = [&] {
            m_runner->waitForDone();
            QCoreApplication::processEvents();
            return window->taskModel()->taskAt(window->taskModel()->rowOf(id)).revision == stored(id).revision;
        };

        trigger(QStringLiteral("priority:high"));
        QTRY_COMPARE(stored(id).priority, TaskPriority::High);
        QTRY_VERIFY(settled());
        trigger(QStringLiteral("due:tomorrow"));
        QTRY_COMPARE(stored(id).due, quickDueValue(QuickDue::Tomorrow));
        QTRY_VERIFY(settled());
        trigger(QStringLiteral("tag:errands"));
        QTRY_COMPARE(stored(id).tags, QStringList{QStringLiteral("errands")});
        QTRY_VERIFY(settled());
        {
            QMenu *menu = dashboard->createContextMenu(id);
            QVERIFY(menuAction(menu, QStringLiteral("tag:errands"))->isChecked());
            QVERIFY(menuAction(menu, QStringLiteral("priority:high"))->isChecked());
            QCOMPARE(menuAction(menu, QStringLiteral("completeAction"))->text(), tr("&Complete"));
            menu->close();
        }
        trigger(QStringLiteral("tag:errands")); // unticking removes it
        QTRY_COMPARE(stored(id).tags, QStringList{});
        QTRY_VERIFY(settled());
        trigger(QStringLiteral("due:none"));
        QTRY_VERIFY(stored(id).due.isNone());
        QTRY_VERIFY(settled());

        trigger(QStringLiteral("editAction"));
        QVERIFY(pane(*window)->isVisible());
        QCOMPARE(pane(*window)->task().id, id);
        QTRY_VERIFY(pane(*window)->titleEdit()->hasFocus());

        trigger(QStringLiteral("completeAction"));
        QTRY_COMPARE(stored(id).status, TaskStatus::Completed);
        QCOMPARE(stored(id).revision, qint64(7));

        const QUuid other = window->taskModel()->taskAt(0).id;
        QMenu *menu = dashboard->createContextMenu(other);
        menuAction(menu, QStringLiteral("deleteAction"))->trigger();
        menu->close();
        QTRY_VERIFY(!m_service->get(m_owner.id, other).ok());
        QCOMPARE(m_service->get(m_owner.id, other).error().code, ErrorCode::NotFound);
    }

    void editMenu_editTask_opensPaneOnTitle()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        QAction *edit = nullptr;
        const auto menus = window->menuBar()->findChildren<QMenu *>();
        for (QMenu *menu : menus) {
            for (QAction *action : menu->actions()) {
                if (action == window->dashboard()->editAction())
                    edit = action;
            }
        }
        QVERIFY(edit);
        QVERIFY(edit->isEnabled());
        QCOMPARE(edit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        edit->trigger();
        QVERIFY(pane(*window)->isVisible());
        QCOMPARE(pane(*window)->task().id, id);
        QTRY_VERIFY(pane(*window)->titleEdit()->hasFocus());
    }

    void staleRevision_inPane_showsConflictAndCurrentVersion()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = pane(*window);
        // Another process writes to the same store: this window hears nothing of it.
        TaskService elsewhere(*m_store);
        TaskPatch patch;
        patch.title = QStringLiteral("Dentist at 3");
        patch.priority = TaskPriority::Low;
        TANDEM_VERIFY_OK(elsewhere.update(m_owner.id, id, patch));

        QTest::keyClick(p->priorityBox(), Qt::Key_End);
        QTRY_VERIFY(p->messageLabel()->isVisible());
        QCOMPARE(p->messageLabel()->text(), tr("This task was changed elsewhere; showing the current version."));
        QCOMPARE(p->titleEdit()->text(), QStringLiteral("Dentist at 3"));
        QCOMPARE(p->priorityBox()->currentData().toInt(), int(TaskPriority::Low));
        QCOMPARE(p->task().revision, qint64(2));
        QCOMPARE(stored(id).priority, TaskPriority::Low); // not overwritten
        QCOMPARE(stored(id).revision, qint64(2));

        // From the current version, the same edit goes through.
        QTest::keyClick(p->priorityBox(), Qt::Key_End);
        QTRY_COMPARE(stored(id).priority, TaskPriority::Urgent);
    }

    void staleRevision_doneBox_doesNotOverwrite()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        TaskService elsewhere(*m_store);
        TaskPatch patch;
        patch.title = QStringLiteral("Dentist moved");
        TANDEM_VERIFY_OK(elsewhere.update(m_owner.id, id, patch));
        TaskModel *model = window->taskModel();
        QVERIFY(model->setData(model->index(0, TaskModel::DoneColumn), Qt::Checked, Qt::CheckStateRole));
        QTRY_VERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("changed elsewhere")));
        QCOMPARE(stored(id).status, TaskStatus::Pending);
        QCOMPARE(stored(id).revision, qint64(2));
    }

    void fieldBeingEdited_changedElsewhere_conflictsInsteadOfOverwriting()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = pane(*window);
        p->notesEdit()->setFocus();
        QTest::keyClicks(p->notesEdit(), QStringLiteral("mine"));
        TaskPatch patch;
        patch.description = QStringLiteral("theirs");
        TANDEM_VERIFY_OK(m_service->update(m_owner.id, id, patch));
        QTRY_COMPARE(p->task().revision, qint64(2));
        QCOMPARE(p->notesEdit()->toPlainText(), QStringLiteral("mine")); // not clobbered
        p->titleEdit()->setFocus(); // commits the notes, against the revision they were typed on
        QTRY_VERIFY(p->messageLabel()->isVisible());
        QCOMPARE(stored(id).description, QStringLiteral("theirs"));
        QCOMPARE(p->notesEdit()->toPlainText(), QStringLiteral("theirs"));
    }

    void changeElsewhere_keepsSelectionScrollAndEdits()
    {
        QList<QUuid> ids;
        for (int i = 0; i < 60; ++i)
            ids.append(add(QStringLiteral("Task %1").arg(i, 2, 10, QLatin1Char('0'))));
        auto window = makeWindow({900, 420});
        QTRY_COMPARE(window->taskModel()->rowCount(), 60);
        TaskModel *model = window->taskModel();
        const QUuid chosen = model->taskAt(40).id;
        selectRow(*window, chosen);
        window->dashboard()->openTask(chosen);
        QTreeView *view = list(*window);
        const int scroll = view->verticalScrollBar()->value();
        QVERIFY(scroll > 0);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);

        // The user is typing notes in the pane.
        TaskDetailPane *p = pane(*window);
        p->notesEdit()->setFocus();
        QTRY_VERIFY(p->notesEdit()->hasFocus());
        QTest::keyClicks(p->notesEdit(), QStringLiteral("half a thought"));

        // Elsewhere: the chosen task's title and priority, and other tasks.
        TaskPatch patch;
        patch.title = QStringLiteral("Renamed elsewhere");
        patch.priority = TaskPriority::High;
        TANDEM_VERIFY_OK(m_service->update(m_owner.id, chosen, patch));
        TaskPatch other;
        other.title = QStringLiteral("Also renamed");
        TANDEM_VERIFY_OK(m_service->update(m_owner.id, model->taskAt(3).id, other));
        TANDEM_VERIFY_OK(m_service->update(m_owner.id, model->taskAt(50).id, other));

        QTRY_COMPARE(p->titleEdit()->text(), QStringLiteral("Renamed elsewhere"));
        QCOMPARE(p->priorityBox()->currentData().toInt(), int(TaskPriority::High));
        QCOMPARE(p->notesEdit()->toPlainText(), QStringLiteral("half a thought"));
        QVERIFY(p->notesEdit()->hasFocus());
        QCOMPARE(resets.size(), 0);
        QCOMPARE(view->currentIndex().data(TaskModel::TaskIdRole).toUuid(), chosen);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(view->selectionModel()->selectedRows().first().data(TaskModel::TaskIdRole).toUuid(), chosen);
        QCOMPARE(view->verticalScrollBar()->value(), scroll);
        QCOMPARE(view->currentIndex().siblingAtColumn(TaskModel::TitleColumn).data().toString(),
                 QStringLiteral("Renamed elsewhere"));

        // The notes typed meanwhile are saved on top of the change from elsewhere.
        p->titleEdit()->setFocus();
        QTRY_COMPARE(stored(chosen).description, QStringLiteral("half a thought"));
        QCOMPARE(stored(chosen).title, QStringLiteral("Renamed elsewhere"));
        QVERIFY(!p->messageLabel()->isVisible());
    }

    void changeElsewhere_keepsTitleBeingRenamedInPlace()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        selectRow(*window, id);
        QTest::keyClick(list(*window), Qt::Key_F2);
        QLineEdit *editor = titleEditor(*window);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("My title"));
        TaskPatch patch;
        patch.priority = TaskPriority::High;
        TANDEM_VERIFY_OK(m_service->update(m_owner.id, id, patch));
        QTRY_COMPARE(window->taskModel()->taskAt(0).priority, TaskPriority::High);
        QCOMPARE(titleEditor(*window), editor);
        QCOMPARE(editor->text(), QStringLiteral("My title"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(stored(id).title, QStringLiteral("My title"));
        QCOMPARE(stored(id).priority, TaskPriority::High);
    }

    void deletedElsewhere_disablesPane()
    {
        const QUuid id = add(QStringLiteral("Dentist"));
        const QUuid second = add(QStringLiteral("Gym"));
        auto window = makeWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = pane(*window);
        TANDEM_VERIFY_OK(m_service->remove(m_owner.id, id));
        QTRY_VERIFY(p->messageLabel()->isVisible());
        QCOMPARE(p->messageLabel()->text(), tr("This task was deleted."));
        QVERIFY(!p->titleEdit()->isEnabled());
        QVERIFY(!p->notesEdit()->isEnabled());
        QVERIFY(p->isDeleted());

        // Deleted by a writer this window does not hear: the next edit finds out.
        window->dashboard()->openTask(second);
        QVERIFY(p->titleEdit()->isEnabled());
        QVERIFY(!p->messageLabel()->isVisible());
        TaskService elsewhere(*m_store);
        TANDEM_VERIFY_OK(elsewhere.remove(m_owner.id, second));
        QTest::keyClick(p->priorityBox(), Qt::Key_Down);
        QTRY_VERIFY(p->isDeleted());
        QCOMPARE(p->messageLabel()->text(), tr("This task was deleted."));
        QVERIFY(!p->priorityBox()->isEnabled());
    }

    void screenshot_paneOpen_wideAndNarrow()
    {
        const QDate today = QDate::currentDate();
        TaskDraft draft;
        draft.title = QStringLiteral("Send the quarterly report to Dana");
        draft.description = QStringLiteral("Numbers from finance by Thursday.\nAsk Sam for the charts.");
        draft.priority = TaskPriority::High;
        draft.due = Due::at(QDateTime(today.addDays(1), QTime(16, 0)));
        draft.tags = {QStringLiteral("work"), QStringLiteral("reports")};
        auto report = m_service->create(m_owner.id, draft);
        TANDEM_VERIFY_OK(report);
        add(QStringLiteral("Book flights for the conference"), {QStringLiteral("travel")});
        add(QStringLiteral("Renew passport"), {QStringLiteral("admin")});
        add(QStringLiteral("Water the plants"), {QStringLiteral("home")});
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        for (const QSize size : {QSize(1100, 640), QSize(720, 560)}) {
            auto window = makeWindow(size);
            QTRY_COMPARE(window->taskModel()->rowCount(), 4);
            window->dashboard()->selectTask(report->task()->id);
            window->dashboard()->openTask(report->task()->id);
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            TaskDetailPane *p = pane(*window);
            QVERIFY(p->isVisible());
            // Nothing of the pane is cut off or squeezed to nothing.
            QVERIFY(p->width() >= p->minimumWidth());
            const auto paneRight = [&] {
                return p->mapTo(window->dashboard(), QPoint(p->width(), 0)).x();
            };
            QTRY_VERIFY2(paneRight() <= window->dashboard()->width(),
                         qPrintable(QStringLiteral("%1 > %2").arg(paneRight()).arg(window->dashboard()->width())));
            QVERIFY(list(*window)->width() > 150);
            const QImage image = window->grab().toImage();
            QVERIFY(!image.isNull());
            const QString name = size.width() > 1000 ? QStringLiteral("desktop-detail-pane.png")
                                                     : QStringLiteral("desktop-detail-pane-narrow.png");
            QVERIFY(image.save(QDir(target).filePath(name)));
        }
    }
};

QTEST_MAIN(TestTaskDetailPane)
#include "tst_task_detail_pane.moc"
