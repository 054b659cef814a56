// Tasks edited in the list: renamed in place (F2, double-click), changed from
// a row's context menu and the Edit menu, each edit with the task's revision,
// and an edit in progress kept when the task changes elsewhere. A real SQLite
// store, the offscreen platform.
#include "chat/chatdock.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskactions.h"
#include "dashboard/taskdetailpane.h"
#include "dashboard/tasklabels.h"
#include "dashboard/taskmodel.h"
#include "mainwindow/mainwindow.h"
#include "mainwindowfixture.h"
#include "services/taskservice.h"

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
using namespace tandem::test;

class TestTaskRowEdit : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
    }

    void cleanup() { m_f.close(); }

    void rename_f2ThenEnter_commitsThroughService()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
        // F2 works from any column of the row.
        taskList(*window)->setCurrentIndex(window->taskModel()->index(0, TaskModel::DueColumn));
        QTest::keyClick(taskList(*window), Qt::Key_F2);
        QLineEdit *editor = titleEditor(*window);
        QVERIFY(editor);
        QCOMPARE(editor->text(), QStringLiteral("Buy milk"));
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Buy oat milk"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Buy oat milk"));
        QCOMPARE(m_f.stored(id).revision, qint64(2));
        QTRY_COMPARE(window->taskModel()->taskAt(0).title, QStringLiteral("Buy oat milk"));
    }

    void rename_escape_keepsTitle()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
        window->dashboard()->renameAction()->trigger();
        QLineEdit *editor = titleEditor(*window);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Something else"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!taskList(*window)->indexWidget(window->taskModel()->index(0, TaskModel::TitleColumn)));
        m_f.runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(m_f.stored(id).title, QStringLiteral("Buy milk"));
        QCOMPARE(m_f.stored(id).revision, qint64(1));
        QCOMPARE(window->taskModel()->index(0, TaskModel::TitleColumn).data().toString(), QStringLiteral("Buy milk"));
    }

    void rename_emptyTitle_refusedWithMessage()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QLineEdit *editor = renameWithF2(*window, id);
        QVERIFY(editor);
        editor->clear();
        QTest::keyClicks(editor, QStringLiteral("   "));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(window->statusBar()->currentMessage(), TaskActions::titleRequiredMessage());
        m_f.runner->waitForDone();
        QCOMPARE(m_f.stored(id).title, QStringLiteral("Buy milk"));
        QCOMPARE(m_f.stored(id).revision, qint64(1));
    }

    void doubleClick_title_opensEditor_elsewhere_opensPane()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
        QTreeView *view = taskList(*window);
        const QRect title = view->visualRect(window->taskModel()->index(0, TaskModel::TitleColumn));
        doubleClick(view->viewport(), title.center());
        QTRY_VERIFY(titleEditor(*window));
        QCOMPARE(view->indexWidget(window->taskModel()->index(0, TaskModel::TitleColumn)), titleEditor(*window));
        QCOMPARE(titleEditor(*window)->text(), QStringLiteral("Buy milk"));
        // The first click's pane waits: it must not open under an editor.
        QTest::qWait(QApplication::doubleClickInterval() + 100);
        QVERIFY(!detailPane(*window)->isVisible());
        QTest::keyClick(titleEditor(*window), Qt::Key_Escape);

        // A double-click on another column opens the pane instead.
        const QRect due = view->visualRect(window->taskModel()->index(0, TaskModel::DueColumn));
        doubleClick(view->viewport(), due.center());
        QTRY_VERIFY(detailPane(*window)->isVisible());
        QCOMPARE(detailPane(*window)->task().id, id);
    }

    void contextMenu_actions_editThroughService()
    {
        m_f.addTask(QStringLiteral("Other"), {QStringLiteral("errands")});
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
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
            m_f.runner->waitForDone();
            QCoreApplication::processEvents();
            return window->taskModel()->taskAt(window->taskModel()->rowOf(id)).revision == m_f.stored(id).revision;
        };

        trigger(QStringLiteral("priority:high"));
        QTRY_COMPARE(m_f.stored(id).priority, TaskPriority::High);
        QTRY_VERIFY(settled());
        trigger(QStringLiteral("due:tomorrow"));
        QTRY_COMPARE(m_f.stored(id).due, quickDueValue(QuickDue::Tomorrow));
        QTRY_VERIFY(settled());
        trigger(QStringLiteral("tag:errands"));
        QTRY_COMPARE(m_f.stored(id).tags, QStringList{QStringLiteral("errands")});
        QTRY_VERIFY(settled());
        {
            QMenu *menu = dashboard->createContextMenu(id);
            QVERIFY(menuAction(menu, QStringLiteral("tag:errands"))->isChecked());
            QVERIFY(menuAction(menu, QStringLiteral("priority:high"))->isChecked());
            QCOMPARE(menuAction(menu, QStringLiteral("completeAction"))->text(), tr("&Complete"));
            menu->close();
        }
        trigger(QStringLiteral("tag:errands")); // unticking removes it
        QTRY_COMPARE(m_f.stored(id).tags, QStringList{});
        QTRY_VERIFY(settled());
        trigger(QStringLiteral("due:none"));
        QTRY_VERIFY(m_f.stored(id).due.isNone());
        QTRY_VERIFY(settled());

        trigger(QStringLiteral("editAction"));
        QVERIFY(detailPane(*window)->isVisible());
        QCOMPARE(detailPane(*window)->task().id, id);
        QTRY_VERIFY(detailPane(*window)->titleEdit()->hasFocus());

        trigger(QStringLiteral("completeAction"));
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::Completed);
        QCOMPARE(m_f.stored(id).revision, qint64(7));

        const QUuid other = window->taskModel()->taskAt(0).id;
        QMenu *menu = dashboard->createContextMenu(other);
        menuAction(menu, QStringLiteral("deleteAction"))->trigger();
        menu->close();
        QTRY_VERIFY(!m_f.tasks->get(m_f.owner.id, other).ok());
        QCOMPARE(m_f.tasks->get(m_f.owner.id, other).error().code, ErrorCode::NotFound);
    }

    void editMenu_editTask_opensPaneOnTitle()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
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
        QVERIFY(detailPane(*window)->isVisible());
        QCOMPARE(detailPane(*window)->task().id, id);
        QTRY_VERIFY(detailPane(*window)->titleEdit()->hasFocus());
    }

    void staleRevision_doneBox_doesNotOverwrite()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        TaskService elsewhere(*m_f.store);
        TaskPatch patch;
        patch.title = QStringLiteral("Dentist moved");
        TANDEM_VERIFY_OK(elsewhere.update(m_f.owner.id, id, patch));
        TaskModel *model = window->taskModel();
        QVERIFY(model->setData(model->index(0, TaskModel::DoneColumn), Qt::Checked, Qt::CheckStateRole));
        QTRY_VERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("changed elsewhere")));
        QCOMPARE(m_f.stored(id).status, TaskStatus::Pending);
        QCOMPARE(m_f.stored(id).revision, qint64(2));
        // The row catches up with the version the conflict answered with.
        QTRY_COMPARE(model->taskAt(0).title, QStringLiteral("Dentist moved"));
        QCOMPARE(model->taskAt(0).revision, qint64(2));
    }

    void rename_taskDeletedElsewhere_rowGoesWithMessage()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        m_f.addTask(QStringLiteral("Gym"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        TaskService elsewhere(*m_f.store);
        TANDEM_VERIFY_OK(elsewhere.remove(m_f.owner.id, id));
        QCOMPARE(window->taskModel()->rowCount(), 2); // this window heard nothing
        QLineEdit *editor = renameWithF2(*window, id);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Dentist at 3"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QCOMPARE(window->taskModel()->rowOf(id), -1);
        QCOMPARE(window->statusBar()->currentMessage(), tr("That task was deleted elsewhere."));
    }

    void changeElsewhere_keepsTitleBeingRenamedInPlace()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QLineEdit *editor = renameWithF2(*window, id);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("My title"));
        TaskPatch patch;
        patch.priority = TaskPriority::High;
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, id, patch));
        QTRY_COMPARE(window->taskModel()->taskAt(0).priority, TaskPriority::High);
        QCOMPARE(titleEditor(*window), editor);
        QCOMPARE(editor->text(), QStringLiteral("My title"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("My title"));
        QCOMPARE(m_f.stored(id).priority, TaskPriority::High);
    }
};

QTEST_MAIN(TestTaskRowEdit)
#include "tst_task_row_edit.moc"
