// One undo stack per window: completing, deleting, editing and adding tasks
// undone and redone through TaskService, the toast that offers Undo, the
// list keeping its place after a row leaves, and status messages that clear.
// A real SQLite store, the offscreen platform.
#include "dashboard/dashboardview.h"
#include "dashboard/taskactions.h"
#include "dashboard/taskdetailpane.h"
#include "dashboard/taskmodel.h"
#include "dashboard/undotoast.h"
#include "mainwindow/mainwindow.h"
#include "mainwindowfixture.h"
#include "services/taskservice.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace tandem;
using namespace tandem::test;

class TestTaskUndo : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;

    QAction *undoAction(MainWindow &window) { return window.findChild<QAction *>(QStringLiteral("undoAction")); }
    QAction *redoAction(MainWindow &window) { return window.findChild<QAction *>(QStringLiteral("redoAction")); }
    QUndoStack *stack(MainWindow &window) { return window.findChild<TaskActions *>()->undoStack(); }
    bool exists(const QUuid &id) const { return bool(m_f.tasks->get(m_f.owner.id, id)); }

    // Waits until the worker has answered and its answers were delivered.
    void settle()
    {
        m_f.runner->waitForDone();
        QCoreApplication::processEvents();
    }

    void completeWithKeyboard(MainWindow &window, const QUuid &id)
    {
        QVERIFY(selectRow(window, id));
        QTest::keyClick(taskList(window), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::Completed);
        QTRY_COMPARE(stack(window)->count(), 1);
    }

    bool rowIsCurrentAndSelected(MainWindow &window, const QUuid &id)
    {
        const int row = window.taskModel()->rowOf(id);
        const QModelIndex current = taskList(window)->currentIndex();
        return row >= 0 && current.row() == row && taskList(window)->selectionModel()->isRowSelected(row);
    }

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
    }

    void cleanup() { m_f.close(); }

    void complete_ctrlZ_reopens_ctrlShiftZ_completesAgain()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(!undoAction(*window)->isEnabled());
        completeWithKeyboard(*window, id);
        QCOMPARE(undoAction(*window)->text(), QStringLiteral("&Undo Complete “Buy milk”"));

        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::Pending);
        QCOMPARE(redoAction(*window)->text(), QStringLiteral("&Redo Complete “Buy milk”"));

        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::Completed);
        QCOMPARE(m_f.stored(id).revision, qint64(4));
        QVERIFY(redoAction(*window)->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
        for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Redo))
            QVERIFY(redoAction(*window)->shortcuts().contains(key));
    }

    void completeRepeating_undo_restoresDue_redoMovesItAgain()
    {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        TaskDraft draft;
        draft.title = QStringLiteral("Water the plants");
        draft.due = Due::onDate(today);
        draft.repeat = RepeatRule::every(RepeatUnit::Day);
        auto created = m_f.tasks->create(m_f.owner.id, draft);
        QVERIFY(created);
        const QUuid id = created->entityId();
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
        QTest::keyClick(taskList(*window), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_f.stored(id).due, Due::onDate(today.addDays(1)));
        QCOMPARE(m_f.stored(id).status, TaskStatus::Pending);
        QVERIFY(m_f.stored(id).lastCompletedAt.isValid());
        QTRY_COMPARE(stack(*window)->count(), 1);

        undoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).due, Due::onDate(today));
        QVERIFY(!m_f.stored(id).lastCompletedAt.isValid());
        QCOMPARE(m_f.stored(id).status, TaskStatus::Pending);

        redoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).due, Due::onDate(today.addDays(1)));
    }

    void delete_undo_restoresSameId()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Call the dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
        QTest::keyClick(taskList(*window), Qt::Key_Delete);
        QTRY_VERIFY(!exists(id));
        QTRY_COMPARE(undoAction(*window)->text(), QStringLiteral("&Undo Delete “Call the dentist”"));

        undoAction(*window)->trigger();
        QTRY_VERIFY(exists(id));
        QCOMPARE(m_f.stored(id).title, QStringLiteral("Call the dentist"));
        QTRY_COMPARE(window->taskModel()->rowOf(id), 0);

        redoAction(*window)->trigger();
        QTRY_VERIFY(!exists(id));
    }

    void paneEdit_undoRedo_restoresField()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Draft report"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        QLineEdit *title = detailPane(*window)->titleEdit();
        title->setFocus();
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("Write report"));
        QTest::keyClick(title, Qt::Key_Return);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Write report"));
        QTRY_COMPARE(undoAction(*window)->text(), QStringLiteral("&Undo Rename “Draft report”"));

        undoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Draft report"));
        QTRY_COMPARE(title->text(), QStringLiteral("Draft report"));
        redoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Write report"));
    }

    void paneTags_undo_restoresOldTags()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Draft report"), {QStringLiteral("work")});
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        QLineEdit *tags = detailPane(*window)->tagsEdit();
        tags->setFocus();
        tags->selectAll();
        QTest::keyClicks(tags, QStringLiteral("home"));
        QTest::keyClick(tags, Qt::Key_Return);
        QTRY_COMPARE(m_f.stored(id).tags, QStringList{QStringLiteral("home")});
        QTRY_COMPARE(undoAction(*window)->text(), QStringLiteral("&Undo Edit “Draft report”"));
        undoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).tags, QStringList{QStringLiteral("work")});
    }

    void contextMenuPriority_undo_restoresPriority()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QMenu *menu = window->dashboard()->createContextMenu(id);
        QVERIFY(menu);
        QAction *high = menuAction(menu, QStringLiteral("priority:") + taskPriorityName(TaskPriority::High));
        QVERIFY(high);
        high->trigger();
        QTRY_COMPARE(m_f.stored(id).priority, TaskPriority::High);
        QTRY_COMPARE(undoAction(*window)->text(), QStringLiteral("&Undo Edit “Buy milk”"));
        delete menu;

        undoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).priority, TaskPriority::None);
        redoAction(*window)->trigger();
        QTRY_COMPARE(m_f.stored(id).priority, TaskPriority::High);
    }

    void renameInPlace_undoRedo()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QLineEdit *editor = renameWithF2(*window, id);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Buy oat milk"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Buy oat milk"));
        QTRY_COMPARE(stack(*window)->count(), 1);
        QTRY_VERIFY(taskList(*window)->hasFocus());

        QTest::keyClick(taskList(*window), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Buy milk"));
        QTRY_COMPARE(window->taskModel()->taskAt(0).title, QStringLiteral("Buy milk"));
        QTest::keyClick(taskList(*window), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Buy oat milk"));
    }

    void quickAdd_undo_removesTask()
    {
        auto window = m_f.makeTasksWindow();
        QLineEdit *line = window->dashboard()->addLine();
        line->setFocus();
        QTest::keyClicks(line, QStringLiteral("Water the plants"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        const QUuid id = window->taskModel()->taskAt(0).id;
        QTRY_COMPARE(undoAction(*window)->text(), QStringLiteral("&Undo Add “Water the plants”"));

        undoAction(*window)->trigger();
        QTRY_VERIFY(!exists(id));
        QTRY_COMPARE(window->taskModel()->rowCount(), 0);
        redoAction(*window)->trigger();
        QTRY_VERIFY(exists(id));
    }

    void toast_afterComplete_showsTextAndItsUndoReopens()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        m_f.addTask(QStringLiteral("Call the dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        UndoToast *toast = window->dashboard()->undoToast();
        QVERIFY(!toast->isVisible());
        completeWithKeyboard(*window, id);
        QTRY_VERIFY(toast->isVisible());
        QCOMPARE(toast->label()->text(), QStringLiteral("Completed “Buy milk”"));
        QCOMPARE(toast->undoButton()->text(), QStringLiteral("Undo"));
        // Inside the list's area, at its bottom.
        QVERIFY(toast->parentWidget()->rect().contains(toast->geometry()));
        QVERIFY(toast->geometry().bottom() > toast->parentWidget()->height() - 40);

        if (const QByteArray path = qgetenv("TANDEM_UNDO_SCREENSHOT"); !path.isEmpty())
            QVERIFY(window->grab().save(QString::fromLocal8Bit(path)));

        QTest::mouseClick(toast->undoButton(), Qt::LeftButton);
        QVERIFY(!toast->isVisible());
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::Pending);
    }

    void toast_afterDelete_showsText_nextChangeDismisses()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        const QUuid other = m_f.addTask(QStringLiteral("Call the dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        UndoToast *toast = window->dashboard()->undoToast();
        QVERIFY(selectRow(*window, id));
        QTest::keyClick(taskList(*window), Qt::Key_Delete);
        QTRY_VERIFY(toast->isVisible());
        QCOMPARE(toast->label()->text(), QStringLiteral("Deleted “Buy milk”"));

        TaskPatch patch;
        patch.title = QStringLiteral("Call the dentist today");
        window->findChild<TaskActions *>()->update(other, patch, m_f.stored(other).revision);
        QTRY_COMPARE(stack(*window)->count(), 2);
        QVERIFY(!toast->isVisible());
    }

    void complete_currentRow_nextRowCurrentAndSelected_nextKeyActsOnIt()
    {
        const QUuid a = m_f.addTask(QStringLiteral("A"));
        m_f.addTask(QStringLiteral("B"));
        m_f.addTask(QStringLiteral("C"));
        auto window = m_f.makeTasksWindow();
        TaskModel *model = window->taskModel();
        QTRY_COMPARE(model->rowCount(), 3);
        const QUuid first = model->taskAt(0).id;
        const QUuid second = model->taskAt(1).id;
        Q_UNUSED(a);

        completeWithKeyboard(*window, first);
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY(rowIsCurrentAndSelected(*window, second));
        QVERIFY(taskList(*window)->hasFocus());

        // The next key acts on the new current row.
        QTest::keyClick(taskList(*window), Qt::Key_Delete);
        QTRY_VERIFY(!exists(second));
        QTRY_COMPARE(model->rowCount(), 1);
        QVERIFY(rowIsCurrentAndSelected(*window, model->taskAt(0).id));
    }

    void delete_lastRow_previousRowCurrentAndSelected()
    {
        m_f.addTask(QStringLiteral("A"));
        m_f.addTask(QStringLiteral("B"));
        auto window = m_f.makeTasksWindow();
        TaskModel *model = window->taskModel();
        QTRY_COMPARE(model->rowCount(), 2);
        const QUuid first = model->taskAt(0).id;
        const QUuid last = model->taskAt(1).id;
        QVERIFY(selectRow(*window, last));
        QTest::keyClick(taskList(*window), Qt::Key_Delete);
        QTRY_COMPARE(model->rowCount(), 1);
        QVERIFY(rowIsCurrentAndSelected(*window, first));

        QTest::keyClick(taskList(*window), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_f.stored(first).status, TaskStatus::Completed);
    }

    void undo_afterChangeElsewhere_reportsConflict_changesNothing()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        completeWithKeyboard(*window, id);

        TaskPatch elsewhere;
        elsewhere.title = QStringLiteral("Buy milk and bread");
        QVERIFY(m_f.tasks->update(m_f.owner.id, id, elsewhere));
        const qint64 revision = m_f.stored(id).revision;

        undoAction(*window)->trigger();
        settle();
        QTRY_COMPARE(window->statusBar()->currentMessage(),
                     QStringLiteral("Could not undo: “Buy milk” was changed elsewhere; nothing was changed."));
        QCOMPARE(m_f.stored(id).status, TaskStatus::Completed);
        QCOMPARE(m_f.stored(id).title, QStringLiteral("Buy milk and bread"));
        QCOMPARE(m_f.stored(id).revision, revision);
        QCOMPARE(stack(*window)->count(), 0);
        QVERIFY(!undoAction(*window)->isEnabled());
        QVERIFY(!redoAction(*window)->isEnabled());
    }

    void undo_afterDeleteElsewhere_reportsIt()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        completeWithKeyboard(*window, id);
        QVERIFY(m_f.tasks->remove(m_f.owner.id, id));

        undoAction(*window)->trigger();
        QTRY_COMPARE(window->statusBar()->currentMessage(),
                     QStringLiteral("Could not undo: “Buy milk” was deleted elsewhere."));
        QVERIFY(!exists(id));
        QCOMPARE(stack(*window)->count(), 0);
    }

    void statusMessage_failure_clearsAfterLaterSave()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Buy milk"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QLineEdit *editor = renameWithF2(*window, id);
        QVERIFY(editor);
        editor->clear();
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(window->statusBar()->currentMessage(), TaskActions::titleRequiredMessage());

        QTRY_VERIFY(taskList(*window)->hasFocus());
        QTest::keyClick(taskList(*window), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::Completed);
        QTRY_COMPARE(window->statusBar()->currentMessage(), QString());
    }
};

QTEST_MAIN(TestTaskUndo)
#include "tst_task_undo.moc"
