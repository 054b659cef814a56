// Tasks edited where they are: in place in the list (F2, double-click), in
// the detail pane beside it, and from a row's context menu; every edit carries
// the task's revision, and changes from elsewhere neither get overwritten nor
// disturb what the user is doing. A real SQLite store, the offscreen platform.
#include "chat/chatdock.h"
#include "dashboard/dashboardview.h"
#include "dashboard/repeateditor.h"
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
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>
#include <QTreeView>
#include <QWheelEvent>

using namespace tandem;
using namespace tandem::test;

class TestTaskDetailPane : public QObject
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

    void enter_onList_opensPaneWithTheTask()
    {
        m_f.addTask(QStringLiteral("First"));
        const QUuid id = m_f.addTask(QStringLiteral("Second"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        QVERIFY(!detailPane(*window)->isVisible());
        QVERIFY(selectRow(*window, id));
        QTest::keyClick(taskList(*window), Qt::Key_Return);
        QVERIFY(detailPane(*window)->isVisible());
        QCOMPARE(detailPane(*window)->task().id, id);
        QCOMPARE(detailPane(*window)->titleEdit()->text(), QStringLiteral("Second"));
        QVERIFY(detailPane(*window)->timesLabel()->text().contains(tr("Created")));
        // An open pane follows the current row.
        QTest::keyClick(taskList(*window), Qt::Key_Up);
        QTRY_COMPARE(detailPane(*window)->titleEdit()->text(), QStringLiteral("First"));
        // A click opens it too, after Escape closed it.
        QTest::keyClick(detailPane(*window), Qt::Key_Escape);
        QVERIFY(!detailPane(*window)->isVisible());
        const QRect row = taskList(*window)->visualRect(window->taskModel()->index(1, TaskModel::DueColumn));
        QTest::mouseClick(taskList(*window)->viewport(), Qt::LeftButton, {}, row.center());
        QTRY_VERIFY(detailPane(*window)->isVisible());
        QCOMPARE(detailPane(*window)->task().id, id);
    }

    void pane_notes_savedOnLeavingTheField_notPerKeystroke()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Plan trip"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        QVERIFY(selectRow(*window, id));
        window->dashboard()->openTask(id);
        QPlainTextEdit *notes = detailPane(*window)->notesEdit();
        notes->setFocus();
        QTRY_VERIFY(notes->hasFocus());
        QTest::keyClicks(notes, QStringLiteral("Pack light"));
        QTest::keyClick(notes, Qt::Key_Return);
        QTest::keyClicks(notes, QStringLiteral("Book the train"));
        m_f.runner->waitForDone();
        QCOMPARE(m_f.stored(id).revision, qint64(1)); // nothing sent while typing
        detailPane(*window)->titleEdit()->setFocus();
        QTRY_COMPARE(m_f.stored(id).description, QStringLiteral("Pack light\nBook the train"));
        QCOMPARE(m_f.stored(id).revision, qint64(2));
    }

    void pane_title_savedOnEnter_emptyRefused()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Plan trip"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        QLineEdit *title = detailPane(*window)->titleEdit();
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("Plan the trip to Lisbon"));
        QTest::keyClick(title, Qt::Key_Return);
        QTRY_COMPARE(m_f.stored(id).title, QStringLiteral("Plan the trip to Lisbon"));

        QTRY_COMPARE(detailPane(*window)->task().revision, qint64(2));
        title->selectAll();
        QTest::keyClick(title, Qt::Key_Delete);
        QTest::keyClick(title, Qt::Key_Return);
        QCOMPARE(title->text(), QStringLiteral("Plan the trip to Lisbon"));
        QVERIFY(detailPane(*window)->messageLabel()->isVisible());
        QCOMPARE(detailPane(*window)->messageLabel()->text(), TaskActions::titleRequiredMessage());
        m_f.runner->waitForDone();
        QCOMPARE(m_f.stored(id).revision, qint64(2));
    }

    void pane_escape_dropsWhatWasTypedThenCloses()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Plan trip"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = detailPane(*window);
        QLineEdit *title = p->titleEdit();
        title->setFocus();
        QTRY_VERIFY(title->hasFocus());
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("Not this"));
        QTest::keyClick(title, Qt::Key_Escape);
        QVERIFY(p->isVisible());
        QCOMPARE(title->text(), QStringLiteral("Plan trip"));
        QTest::keyClick(title, Qt::Key_Escape);
        QVERIFY(!p->isVisible());
        m_f.runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(m_f.stored(id).title, QStringLiteral("Plan trip"));
        QCOMPARE(m_f.stored(id).revision, qint64(1));
    }

    void pane_due_calendarTimeAndQuickChoices_persist()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = detailPane(*window);
        QVERIFY(p->dateEdit()->calendarPopup());
        QVERIFY(!p->dueCheck()->isChecked());
        QVERIFY(!p->dateEdit()->isEnabled());

        // Turning the due on gives today; a pick in the calendar moves it.
        QTest::mouseClick(p->dueCheck(), Qt::LeftButton);
        QTRY_COMPARE(m_f.stored(id).due, Due::onDate(QDate::currentDate()));
        const QDate picked = QDate::currentDate().addDays(10);
        Q_EMIT p->dateEdit()->calendarWidget()->clicked(picked);
        QTRY_COMPARE(m_f.stored(id).due, Due::onDate(picked));

        // An optional time.
        QTest::mouseClick(p->timeCheck(), Qt::LeftButton);
        QTRY_VERIFY(m_f.stored(id).due.hasTime());
        p->timeEdit()->setTime(QTime(14, 30));
        Q_EMIT p->timeEdit()->editingFinished();
        QTRY_COMPARE(m_f.stored(id).due.dateTime().toLocalTime(), QDateTime(picked, QTime(14, 30)));

        for (QuickDue choice : {QuickDue::Tomorrow, QuickDue::NextWeek, QuickDue::Today, QuickDue::NoDate}) {
            QTest::mouseClick(p->quickDueButton(choice), Qt::LeftButton);
            QTRY_COMPARE(m_f.stored(id).due, quickDueValue(choice));
        }
        QVERIFY(m_f.stored(id).due.isNone());
        QCOMPARE(quickDueValue(QuickDue::Tomorrow), Due::onDate(QDate::currentDate().addDays(1)));
        QTRY_VERIFY(!p->dueCheck()->isChecked());
    }

    void pane_priorityStatusAndTags_persist()
    {
        m_f.addTask(QStringLiteral("Other"), {QStringLiteral("errands")});
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = detailPane(*window);

        QCOMPARE(p->priorityBox()->count(), int(taskPriorities().size()));
        // A wheel passing over the list picks nothing.
        QWheelEvent wheel(QPointF(5, 5), p->priorityBox()->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(p->priorityBox(), &wheel);
        QCOMPARE(p->priorityBox()->currentData().toInt(), int(TaskPriority::None));
        QTest::keyClick(p->priorityBox(), Qt::Key_End);
        QTRY_COMPARE(m_f.stored(id).priority, TaskPriority::Urgent);
        QTest::keyClick(p->statusBox(), Qt::Key_Down);
        QTRY_COMPARE(m_f.stored(id).status, TaskStatus::InProgress);

        // Tags: typed with commas or spaces; the completer offers the tags in
        // use when the field is entered (one added since the pane opened too).
        m_f.addTask(QStringLiteral("Later"), {QStringLiteral("garden")});
        QTRY_COMPARE(window->taskModel()->rowCount(), 3);
        QLineEdit *tags = p->tagsEdit();
        tags->setFocus();
        QTRY_VERIFY(tags->hasFocus());
        QTest::keyClicks(tags, QStringLiteral("gar"));
        QCOMPARE(p->tagCompleter()->currentCompletion(), QStringLiteral("garden"));
        tags->clear();
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
        QTRY_COMPARE(m_f.stored(id).tags,
                     (QStringList{QStringLiteral("health"), QStringLiteral("work"), QStringLiteral("errands")}));
        QCOMPARE(tags->text(), QStringLiteral("health, work, errands"));
    }

    void pane_repeat_choicesCustomAndStop_persist()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Water the plants"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        RepeatEditor *editor = detailPane(*window)->repeatEditor();
        QComboBox *choice = editor->choiceBox();
        QCOMPARE(choice->currentText(), QStringLiteral("Does not repeat"));
        QVERIFY(!editor->intervalBox()->isVisible());

        // "Daily" on a task without a due: it repeats from today.
        choice->setFocus();
        QTest::keyClick(choice, Qt::Key_Down);
        QTRY_VERIFY(m_f.stored(id).repeat.has_value());
        RepeatRule daily = RepeatRule::every(RepeatUnit::Day);
        daily.timeZone = m_f.stored(id).repeat->timeZone;
        QCOMPARE(*m_f.stored(id).repeat, daily);
        QCOMPARE(m_f.stored(id).due, Due::onDate(QDate::currentDate()));
        QTRY_COMPARE(choice->currentText(), QStringLiteral("Daily"));
        // The list marks it, with the rule in the tooltip.
        const QModelIndex due = window->taskModel()->index(0, TaskModel::DueColumn);
        QTRY_VERIFY(due.data().toString().endsWith(QStringLiteral("\u21bb")));
        QVERIFY(due.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Repeats: Daily")));

        // Custom: every 2 weeks on Mon and Thu.
        choice->setCurrentIndex(choice->findText(QStringLiteral("Custom…")));
        Q_EMIT choice->activated(choice->currentIndex());
        QVERIFY(editor->intervalBox()->isVisible());
        editor->unitBox()->setCurrentIndex(editor->unitBox()->findData(int(RepeatUnit::Week)));
        Q_EMIT editor->unitBox()->activated(editor->unitBox()->currentIndex());
        QTRY_COMPARE(m_f.stored(id).repeat->unit, RepeatUnit::Week);
        editor->intervalBox()->setValue(2);
        Q_EMIT editor->intervalBox()->editingFinished();
        QTRY_COMPARE(m_f.stored(id).repeat->interval, 2);
        for (int day : {1, 4}) {
            if (!editor->weekdayButton(day)->isChecked())
                QTest::mouseClick(editor->weekdayButton(day), Qt::LeftButton);
        }
        for (int day : {2, 3, 5, 6, 7}) {
            if (editor->weekdayButton(day)->isChecked())
                QTest::mouseClick(editor->weekdayButton(day), Qt::LeftButton);
        }
        QTRY_COMPARE(m_f.stored(id).repeat->weekdays, quint8((1u << 1) | (1u << 4)));
        QCOMPARE(repeatLabel(*m_f.stored(id).repeat),
                 QStringLiteral("Every 2 weeks on %1 and %2")
                     .arg(QLocale().dayName(1, QLocale::ShortFormat), QLocale().dayName(4, QLocale::ShortFormat)));

        // Does not repeat: the rule goes, the due stays.
        choice->setCurrentIndex(0);
        Q_EMIT choice->activated(0);
        QTRY_VERIFY(!m_f.stored(id).repeat.has_value());
        QVERIFY(!m_f.stored(id).due.isNone());
    }

    void screenshot_repeatingTask_paneShowsRule()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Team sync notes");
        draft.description = QStringLiteral("Collect updates from everyone before the call.");
        draft.due = Due::at(QDateTime(QDate::currentDate().addDays(1), QTime(9, 30)));
        RepeatRule rule = RepeatRule::every(RepeatUnit::Week, 2);
        rule.addWeekday(1);
        rule.addWeekday(4);
        draft.repeat = rule;
        draft.tags = {QStringLiteral("work")};
        auto sync = m_f.tasks->create(m_f.owner.id, draft);
        TANDEM_VERIFY_OK(sync);
        TaskDraft plants;
        plants.title = QStringLiteral("Water the plants");
        plants.due = Due::onDate(QDate::currentDate());
        plants.repeat = RepeatRule::every(RepeatUnit::Day, 3);
        TANDEM_VERIFY_OK(m_f.tasks->create(m_f.owner.id, plants));
        m_f.addTask(QStringLiteral("Renew passport"), {QStringLiteral("admin")});
        auto window = m_f.makeTasksWindow(QSize(1100, 640));
        QTRY_COMPARE(window->taskModel()->rowCount(), 3);
        window->dashboard()->selectTask(sync->task()->id);
        window->dashboard()->openTask(sync->task()->id);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        TaskDetailPane *p = detailPane(*window);
        QVERIFY(p->isVisible());
        // The pane has its room beside the list before the picture is taken.
        QTRY_VERIFY(p->mapTo(window->dashboard(), QPoint(p->width(), 0)).x() <= window->dashboard()->width()
                    && taskList(*window)->width() + p->width() <= window->dashboard()->width());
        RepeatEditor *editor = p->repeatEditor();
        QCOMPARE(editor->choiceBox()->currentText(), repeatLabel(rule));
        QVERIFY(editor->intervalBox()->isVisible());
        QCOMPARE(editor->intervalBox()->value(), 2);
        QVERIFY(editor->weekdayButton(1)->isChecked() && editor->weekdayButton(4)->isChecked());
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        QVERIFY(window->grab().save(QDir(target).filePath(QStringLiteral("desktop-repeat.png"))));
    }

    void staleRevision_inPane_showsConflictAndCurrentVersion()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = detailPane(*window);
        // Another process writes to the same store: this window hears nothing of it.
        TaskService elsewhere(*m_f.store);
        TaskPatch patch;
        patch.title = QStringLiteral("Dentist at 3");
        patch.priority = TaskPriority::Low;
        TANDEM_VERIFY_OK(elsewhere.update(m_f.owner.id, id, patch));

        QTest::keyClick(p->priorityBox(), Qt::Key_End);
        QTRY_VERIFY(p->messageLabel()->isVisible());
        QCOMPARE(p->messageLabel()->text(), tr("This task was changed elsewhere; showing the current version."));
        QCOMPARE(p->titleEdit()->text(), QStringLiteral("Dentist at 3"));
        QCOMPARE(p->priorityBox()->currentData().toInt(), int(TaskPriority::Low));
        QCOMPARE(p->task().revision, qint64(2));
        QCOMPARE(m_f.stored(id).priority, TaskPriority::Low); // not overwritten
        QCOMPARE(m_f.stored(id).revision, qint64(2));

        // From the current version, the same edit goes through.
        QTest::keyClick(p->priorityBox(), Qt::Key_End);
        QTRY_COMPARE(m_f.stored(id).priority, TaskPriority::Urgent);
    }

    void fieldBeingEdited_changedElsewhere_conflictsInsteadOfOverwriting()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 1);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = detailPane(*window);
        p->notesEdit()->setFocus();
        QTest::keyClicks(p->notesEdit(), QStringLiteral("mine"));
        TaskPatch patch;
        patch.description = QStringLiteral("theirs");
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, id, patch));
        QTRY_COMPARE(p->task().revision, qint64(2));
        QCOMPARE(p->notesEdit()->toPlainText(), QStringLiteral("mine")); // not clobbered
        p->titleEdit()->setFocus(); // commits the notes, against the revision they were typed on
        QTRY_VERIFY(p->messageLabel()->isVisible());
        QCOMPARE(m_f.stored(id).description, QStringLiteral("theirs"));
        QCOMPARE(p->notesEdit()->toPlainText(), QStringLiteral("theirs"));
    }

    void changeElsewhere_keepsSelectionScrollAndEdits()
    {
        QList<QUuid> ids;
        for (int i = 0; i < 60; ++i)
            ids.append(m_f.addTask(QStringLiteral("Task %1").arg(i, 2, 10, QLatin1Char('0'))));
        auto window = m_f.makeTasksWindow({900, 420});
        QTRY_COMPARE(window->taskModel()->rowCount(), 60);
        TaskModel *model = window->taskModel();
        const QUuid chosen = model->taskAt(40).id;
        QVERIFY(selectRow(*window, chosen));
        window->dashboard()->openTask(chosen);
        QTreeView *view = taskList(*window);
        const int scroll = view->verticalScrollBar()->value();
        QVERIFY(scroll > 0);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);

        // The user is typing notes in the pane.
        TaskDetailPane *p = detailPane(*window);
        p->notesEdit()->setFocus();
        QTRY_VERIFY(p->notesEdit()->hasFocus());
        QTest::keyClicks(p->notesEdit(), QStringLiteral("half a thought"));

        // Elsewhere: the chosen task's title and priority, and other tasks.
        TaskPatch patch;
        patch.title = QStringLiteral("Renamed elsewhere");
        patch.priority = TaskPriority::High;
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, chosen, patch));
        TaskPatch other;
        other.title = QStringLiteral("Also renamed");
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, model->taskAt(3).id, other));
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, model->taskAt(50).id, other));

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
        QTRY_COMPARE(m_f.stored(chosen).description, QStringLiteral("half a thought"));
        QCOMPARE(m_f.stored(chosen).title, QStringLiteral("Renamed elsewhere"));
        QVERIFY(!p->messageLabel()->isVisible());
    }

    void deletedElsewhere_disablesPane()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Dentist"));
        const QUuid second = m_f.addTask(QStringLiteral("Gym"));
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->rowCount(), 2);
        window->dashboard()->openTask(id);
        TaskDetailPane *p = detailPane(*window);
        TANDEM_VERIFY_OK(m_f.tasks->remove(m_f.owner.id, id));
        QTRY_VERIFY(p->messageLabel()->isVisible());
        QCOMPARE(p->messageLabel()->text(), tr("This task was deleted."));
        QVERIFY(!p->titleEdit()->isEnabled());
        QVERIFY(!p->notesEdit()->isEnabled());
        QVERIFY(p->isDeleted());

        // Deleted by a writer this window does not hear: the next edit finds out.
        window->dashboard()->openTask(second);
        QVERIFY(p->titleEdit()->isEnabled());
        QVERIFY(!p->messageLabel()->isVisible());
        TaskService elsewhere(*m_f.store);
        TANDEM_VERIFY_OK(elsewhere.remove(m_f.owner.id, second));
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
        auto report = m_f.tasks->create(m_f.owner.id, draft);
        TANDEM_VERIFY_OK(report);
        m_f.addTask(QStringLiteral("Book flights for the conference"), {QStringLiteral("travel")});
        m_f.addTask(QStringLiteral("Renew passport"), {QStringLiteral("admin")});
        m_f.addTask(QStringLiteral("Water the plants"), {QStringLiteral("home")});
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        for (const QSize size : {QSize(1100, 640), QSize(720, 560)}) {
            auto window = m_f.makeTasksWindow(size);
            QTRY_COMPARE(window->taskModel()->rowCount(), 4);
            window->dashboard()->selectTask(report->task()->id);
            window->dashboard()->openTask(report->task()->id);
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            TaskDetailPane *p = detailPane(*window);
            QVERIFY(p->isVisible());
            // Nothing of the pane is cut off or squeezed to nothing.
            QVERIFY(p->width() >= p->minimumWidth());
            const auto paneRight = [&] {
                return p->mapTo(window->dashboard(), QPoint(p->width(), 0)).x();
            };
            QTRY_VERIFY2(paneRight() <= window->dashboard()->width(),
                         qPrintable(QStringLiteral("%1 > %2").arg(paneRight()).arg(window->dashboard()->width())));
            QVERIFY(taskList(*window)->width() > 150);
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
