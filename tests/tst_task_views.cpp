// The dashboard's views of the shared replica: the sidebar's smart lists and
// tags with live counts, group headers the keyboard passes over, search,
// column sorting and filter chips, driven through the real window.
#include "dashboard/listfilterbar.h"
#include "dashboard/sidebarmodel.h"
#include "dashboard/taskmodel.h"
#include "dashboard/tasksidebar.h"
#include "mainwindowfixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QHeaderView>
#include <QListView>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace tandem;
using namespace tandem::test;

namespace {

struct Sample
{
    const char *title;
    TaskPriority priority = TaskPriority::None;
    int dueInDays = 0; // relative to today
    bool hasDue = false;
    QStringList tags = {};
    TaskStatus status = TaskStatus::Pending;
};

} // namespace

class TestTaskViews : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;

    QUuid add(const Sample &sample)
    {
        TaskDraft draft;
        draft.title = QString::fromUtf8(sample.title);
        draft.priority = sample.priority;
        if (sample.hasDue)
            draft.due = Due::onDate(QDate::currentDate().addDays(sample.dueInDays));
        draft.tags = sample.tags;
        draft.status = sample.status;
        auto created = m_f.tasks->create(m_f.owner.id, draft);
        return created ? created->entityId() : QUuid();
    }

    // One of each: overdue, today, tomorrow, later, undated, completed.
    QHash<QString, QUuid> addSpread()
    {
        QHash<QString, QUuid> ids;
        const Sample samples[] = {
            {"Pay rent", TaskPriority::High, -2, true, {QStringLiteral("home")}},
            {"Café with Ana", TaskPriority::Low, 0, true, {QStringLiteral("social")}},
            {"Dentist", TaskPriority::Urgent, 1, true},
            {"Book flights", TaskPriority::Medium, 9, true, {QStringLiteral("travel"), QStringLiteral("home")}},
            {"Read a novel", TaskPriority::None, 0, false, {QStringLiteral("home")}},
            {"File taxes", TaskPriority::Urgent, -5, true, {}, TaskStatus::Completed},
        };
        for (const Sample &sample : samples)
            ids.insert(QString::fromUtf8(sample.title), add(sample));
        return ids;
    }

    // The rows as the user reads them: headers as "[Header]", tasks by title.
    static QStringList rowTexts(const TaskModel &model)
    {
        QStringList texts;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            texts.append(index.data(TaskModel::HeaderRole).toBool()
                             ? u'[' + index.data().toString() + u']'
                             : model.index(row, TaskModel::TitleColumn).data().toString());
        }
        return texts;
    }

    static QStringList titles(const TaskModel &model)
    {
        QStringList list;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (!model.isHeader(row))
                list.append(model.index(row, TaskModel::TitleColumn).data().toString());
        }
        return list;
    }

    static int countOf(MainWindow &window, const ListChoice &choice)
    {
        SidebarModel *model = window.dashboard()->sidebar()->model();
        return model->index(model->rowOf(choice)).data(SidebarModel::CountRole).toInt();
    }

    static ListChoice smart(SmartList list) { return ListChoice{list, {}, {}}; }
    static ListChoice tag(const QString &key) { return ListChoice{SmartList::All, key, key}; }

    std::unique_ptr<MainWindow> groupedWindow()
    {
        auto window = m_f.makeTasksWindow();
        window->dashboard()->groupAction()->setChecked(true);
        return window;
    }

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
    }

    void cleanup() { m_f.close(); }

    void grouping_allList_headersInOrderWithCounts()
    {
        addSpread();
        auto window = groupedWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        TaskModel *model = window->taskModel();
        QCOMPARE(rowTexts(*model),
                 (QStringList{QStringLiteral("[Overdue]"), QStringLiteral("Pay rent"), QStringLiteral("[Today]"),
                              QStringLiteral("Café with Ana"), QStringLiteral("[Tomorrow]"), QStringLiteral("Dentist"),
                              QStringLiteral("[Later]"), QStringLiteral("Book flights"), QStringLiteral("[No date]"),
                              QStringLiteral("Read a novel")}));
        QCOMPARE(model->index(0, 0).data(TaskModel::GroupCountRole).toInt(), 1);
        QCOMPARE(model->flags(model->index(0, 0)) & (Qt::ItemIsSelectable | Qt::ItemIsEnabled), Qt::ItemFlags());
        QVERIFY(taskList(*window)->isFirstColumnSpanned(0, {}));
        // Switched off, the same tasks without headers.
        window->dashboard()->groupAction()->setChecked(false);
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(model->isHeader(0), false);
    }

    void grouping_liveChanges_moveRowsAndHeadersUnderTester()
    {
        const QHash<QString, QUuid> ids = addSpread();
        auto window = groupedWindow();
        TaskModel *model = window->taskModel();
        QTRY_COMPARE(model->taskCount(), 5);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(selectRow(*window, ids.value(QStringLiteral("Dentist"))));
        // Tomorrow's only task moves to today: its header goes, the selection follows it.
        TaskPatch patch;
        patch.due = Due::onDate(QDate::currentDate());
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, ids.value(QStringLiteral("Dentist")), patch));
        QVERIFY(!rowTexts(*model).contains(QStringLiteral("[Tomorrow]")));
        const int today = int(rowTexts(*model).indexOf(QStringLiteral("[Today]")));
        QCOMPARE(model->index(today, 0).data(TaskModel::GroupCountRole).toInt(), 2);
        QCOMPARE(taskList(*window)->currentIndex().data(TaskModel::TaskIdRole).toUuid(),
                 ids.value(QStringLiteral("Dentist")));
        QVERIFY(taskList(*window)->selectionModel()->isRowSelected(taskList(*window)->currentIndex().row(), {}));
        // A new task for tomorrow brings the header back; completing the overdue one drops "Overdue".
        add({"Gym", TaskPriority::None, 1, true});
        QVERIFY(rowTexts(*model).contains(QStringLiteral("[Tomorrow]")));
        TANDEM_VERIFY_OK(
            m_f.tasks->setStatus(m_f.owner.id, ids.value(QStringLiteral("Pay rent")), TaskStatus::Completed));
        QCOMPARE(rowTexts(*model).first(), QStringLiteral("[Today]"));
        // Deleting the last undated task removes its group.
        TANDEM_VERIFY_OK(m_f.tasks->remove(m_f.owner.id, ids.value(QStringLiteral("Read a novel"))));
        QVERIFY(!rowTexts(*model).contains(QStringLiteral("[No date]")));
        QCOMPARE(model->taskCount(), 4);
    }

    void keyboard_arrows_skipHeaders()
    {
        const QHash<QString, QUuid> ids = addSpread();
        auto window = groupedWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        QVERIFY(selectRow(*window, ids.value(QStringLiteral("Pay rent"))));
        QTreeView *view = taskList(*window);
        const QStringList expected{QStringLiteral("Café with Ana"), QStringLiteral("Dentist"),
                                   QStringLiteral("Book flights"), QStringLiteral("Read a novel")};
        for (const QString &title : expected) {
            QTest::keyClick(view, Qt::Key_Down);
            QCOMPARE(view->currentIndex().data(TaskModel::HeaderRole).toBool(), false);
            QCOMPARE(view->currentIndex().siblingAtColumn(TaskModel::TitleColumn).data().toString(), title);
        }
        QTest::keyClick(view, Qt::Key_Up);
        QCOMPARE(view->currentIndex().siblingAtColumn(TaskModel::TitleColumn).data().toString(),
                 QStringLiteral("Book flights"));
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(view->currentIndex().siblingAtColumn(TaskModel::TitleColumn).data().toString(),
                 QStringLiteral("Pay rent"));
    }

    void sidebar_everyList_countAndContents_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("today") << QStringLiteral("today")
                               << QStringList{QStringLiteral("Pay rent"), QStringLiteral("Café with Ana")};
        QTest::newRow("upcoming") << QStringLiteral("upcoming")
                                  << QStringList{QStringLiteral("Dentist"), QStringLiteral("Book flights")};
        QTest::newRow("overdue") << QStringLiteral("overdue") << QStringList{QStringLiteral("Pay rent")};
        QTest::newRow("no_date") << QStringLiteral("no_date") << QStringList{QStringLiteral("Read a novel")};
        QTest::newRow("all") << QStringLiteral("all")
                             << QStringList{QStringLiteral("Pay rent"), QStringLiteral("Café with Ana"),
                                            QStringLiteral("Dentist"), QStringLiteral("Book flights"),
                                            QStringLiteral("Read a novel")};
        QTest::newRow("completed") << QStringLiteral("completed") << QStringList{QStringLiteral("File taxes")};
    }

    void sidebar_everyList_countAndContents()
    {
        QFETCH(QString, list);
        QFETCH(QStringList, expected);
        addSpread();
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        const ListChoice choice = smart(*smartListFromName(list));
        QCOMPARE(countOf(*window, choice), int(expected.size()));
        TaskSidebar *sidebar = window->dashboard()->sidebar();
        QSignalSpy chosen(sidebar, &TaskSidebar::choiceChanged);
        // A click on the entry chooses it.
        QListView *view = sidebar->view();
        const QRect rect = view->visualRect(sidebar->model()->index(sidebar->model()->rowOf(choice)));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(sidebar->choice(), choice);
        QCOMPARE(chosen.size(), list == QStringLiteral("all") ? 0 : 1);
        QCOMPARE(titles(*window->taskModel()), expected);
    }

    void sidebar_liveChange_movesTaskBetweenCounts()
    {
        const QHash<QString, QUuid> ids = addSpread();
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        QCOMPARE(countOf(*window, smart(SmartList::NoDate)), 1);
        QCOMPARE(countOf(*window, smart(SmartList::Today)), 2);
        window->dashboard()->sidebar()->setChoice(smart(SmartList::Today));
        TaskPatch patch;
        patch.due = Due::onDate(QDate::currentDate());
        TANDEM_VERIFY_OK(m_f.tasks->update(m_f.owner.id, ids.value(QStringLiteral("Read a novel")), patch));
        QCOMPARE(countOf(*window, smart(SmartList::NoDate)), 0);
        QCOMPARE(countOf(*window, smart(SmartList::Today)), 3);
        QVERIFY(titles(*window->taskModel()).contains(QStringLiteral("Read a novel")));
        TANDEM_VERIFY_OK(
            m_f.tasks->setStatus(m_f.owner.id, ids.value(QStringLiteral("Read a novel")), TaskStatus::Completed));
        QCOMPARE(countOf(*window, smart(SmartList::Today)), 2);
        QCOMPARE(countOf(*window, smart(SmartList::Completed)), 2);
        QVERIFY(!titles(*window->taskModel()).contains(QStringLiteral("Read a novel")));
    }

    void sidebar_tags_listAndCountLive()
    {
        addSpread();
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        QCOMPARE(countOf(*window, tag(QStringLiteral("home"))), 3);
        QCOMPARE(countOf(*window, tag(QStringLiteral("social"))), 1);
        window->dashboard()->sidebar()->setChoice(tag(QStringLiteral("home")));
        QCOMPARE(
            titles(*window->taskModel()),
            (QStringList{QStringLiteral("Pay rent"), QStringLiteral("Book flights"), QStringLiteral("Read a novel")}));
        const QUuid garden = add({"Plant tulips", TaskPriority::None, 3, true, {QStringLiteral("Garden")}});
        QCOMPARE(countOf(*window, tag(QStringLiteral("garden"))), 1);
        // The chosen tag list stays chosen while the tag entries change.
        QCOMPARE(window->dashboard()->sidebar()->choice(), tag(QStringLiteral("home")));
        TANDEM_VERIFY_OK(m_f.tasks->remove(m_f.owner.id, garden));
        QCOMPARE(window->dashboard()->sidebar()->model()->rowOf(tag(QStringLiteral("garden"))), -1);
    }

    void showCompleted_groupedList_completedGroupLast()
    {
        addSpread();
        auto window = groupedWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        window->dashboard()->showCompletedAction()->setChecked(true);
        const QStringList rows = rowTexts(*window->taskModel());
        QCOMPARE(rows.mid(rows.size() - 2), (QStringList{QStringLiteral("[Completed]"), QStringLiteral("File taxes")}));
        // The Completed list is grouped by nothing and shows only completed tasks either way.
        window->dashboard()->sidebar()->setChoice(smart(SmartList::Completed));
        QCOMPARE(rowTexts(*window->taskModel()), QStringList{QStringLiteral("File taxes")});
    }

    void search_typing_matchesAccentsAndEscapeClears()
    {
        addSpread();
        add({"Cafeteria menu", TaskPriority::None, 0, false});
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 6);
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QLineEdit *search = window->dashboard()->filterBar()->searchField();
        QTest::keySequence(window.get(), QKeySequence::Find);
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("CAFE"));
        QCOMPARE(titles(*window->taskModel()),
                 (QStringList{QStringLiteral("Café with Ana"), QStringLiteral("Cafeteria menu")}));
        QTest::keyClicks(search, QStringLiteral(" w"));
        QCOMPARE(titles(*window->taskModel()), QStringList{QStringLiteral("Café with Ana")});
        QTest::keyClick(search, Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QCOMPARE(window->taskModel()->taskCount(), 6);
    }

    void sort_eachColumn_ordersRowsAndShowsIndicator_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("ascending");
        QTest::newRow("done") << int(TaskModel::DoneColumn)
                              << QStringList{QStringLiteral("Banana"), QStringLiteral("apple"),
                                             QStringLiteral("Cherry"), QStringLiteral("date")};
        QTest::newRow("title") << int(TaskModel::TitleColumn)
                               << QStringList{QStringLiteral("apple"), QStringLiteral("Banana"),
                                              QStringLiteral("Cherry"), QStringLiteral("date")};
        QTest::newRow("priority") << int(TaskModel::PriorityColumn)
                                  << QStringList{QStringLiteral("apple"), QStringLiteral("Cherry"),
                                                 QStringLiteral("Banana"), QStringLiteral("date")};
        QTest::newRow("due") << int(TaskModel::DueColumn)
                             << QStringList{QStringLiteral("date"), QStringLiteral("Banana"), QStringLiteral("apple"),
                                            QStringLiteral("Cherry")};
        QTest::newRow("tags") << int(TaskModel::TagsColumn)
                              << QStringList{QStringLiteral("apple"), QStringLiteral("date"), QStringLiteral("Banana"),
                                             QStringLiteral("Cherry")};
    }

    void sort_eachColumn_ordersRowsAndShowsIndicator()
    {
        QFETCH(int, column);
        QFETCH(QStringList, ascending);
        add({"Banana", TaskPriority::Low, 3, true, {QStringLiteral("zeta")}});
        add({"apple", TaskPriority::Urgent, 5, true, {QStringLiteral("alpha")}});
        add({"Cherry", TaskPriority::Medium, 0, false});
        add({"date", TaskPriority::None, 1, true, {QStringLiteral("mid")}, TaskStatus::InProgress});
        auto window = m_f.makeTasksWindow();
        TaskModel *model = window->taskModel();
        QTRY_COMPARE(model->taskCount(), 4);
        const QStringList natural = titles(*model);
        QHeaderView *header = taskList(*window)->header();
        QCOMPARE(header->sortIndicatorSection(), -1);
        const auto clickHeader = [&] {
            const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                            header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        };
        clickHeader();
        QCOMPARE(header->sortIndicatorSection(), column);
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(titles(*model), ascending);
        clickHeader();
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(titles(*model), descending);
        // A third click clears the indicator: the list's own order again.
        clickHeader();
        QCOMPARE(header->sortIndicatorSection(), -1);
        QCOMPARE(titles(*model), natural);
    }

    void chips_eachFilter_narrowsAndRemovingRestores()
    {
        addSpread();
        auto window = m_f.makeTasksWindow();
        TaskModel *model = window->taskModel();
        QTRY_COMPARE(model->taskCount(), 5);
        ListFilterBar *bar = window->dashboard()->filterBar();
        QVERIFY(bar->chips().isEmpty());

        bar->setPriorities({TaskPriority::Urgent, TaskPriority::High});
        QCOMPARE(titles(*model), (QStringList{QStringLiteral("Pay rent"), QStringLiteral("Dentist")}));
        bar->setTag(QStringLiteral("home"));
        QCOMPARE(titles(*model), QStringList{QStringLiteral("Pay rent")});
        bar->setDueRange(DueRange::NextSevenDays);
        QCOMPARE(titles(*model), QStringList{});
        QCOMPARE(bar->chips().size(), 3);
        QCOMPARE(bar->chips().at(0)->text().startsWith(QStringLiteral("#home")), true);

        // Each chip's click removes its filter.
        QTest::mouseClick(bar->chips().at(2), Qt::LeftButton); // due range
        QCOMPARE(titles(*model), QStringList{QStringLiteral("Pay rent")});
        QTest::mouseClick(bar->chips().at(0), Qt::LeftButton); // tag
        QCOMPARE(titles(*model), (QStringList{QStringLiteral("Pay rent"), QStringLiteral("Dentist")}));
        QTRY_COMPARE(bar->chips().size(), 1);
        QTest::mouseClick(bar->chips().at(0), Qt::LeftButton); // priorities
        QCOMPARE(model->taskCount(), 5);
        QTRY_VERIFY(bar->chips().isEmpty());

        bar->setDueRange(DueRange::NoDate);
        QCOMPARE(titles(*model), QStringList{QStringLiteral("Read a novel")});
        bar->setDueRange(DueRange::Today);
        QCOMPARE(titles(*model), QStringList{QStringLiteral("Café with Ana")});
    }

    void selectTask_hiddenBySearch_clearsAndSelects()
    {
        const QHash<QString, QUuid> ids = addSpread();
        auto window = m_f.makeTasksWindow();
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        window->dashboard()->sidebar()->setChoice(smart(SmartList::NoDate));
        window->dashboard()->filterBar()->searchField()->setText(QStringLiteral("novel"));
        window->dashboard()->selectTask(ids.value(QStringLiteral("Dentist")));
        QCOMPARE(taskList(*window)->currentIndex().data(TaskModel::TaskIdRole).toUuid(),
                 ids.value(QStringLiteral("Dentist")));
        QCOMPARE(window->dashboard()->filterBar()->searchField()->text(), QString());
        QCOMPARE(window->dashboard()->sidebar()->choice(), smart(SmartList::All));
    }

    void screenshot_dashboard_sidebarTagsAndGroups()
    {
        const QDate today = QDate::currentDate();
        const auto at = [&](int days, int hour) {
            return Due::at(QDateTime(today.addDays(days), QTime(hour, 0)).toTimeZone(QTimeZone::systemTimeZone()));
        };
        const struct
        {
            const char *title;
            TaskPriority priority;
            Due due;
            QStringList tags;
        } samples[] = {
            {"Pay the electricity bill", TaskPriority::High, Due::onDate(today.addDays(-1)), {QStringLiteral("home")}},
            {"Send the quarterly report to Dana", TaskPriority::High, at(0, 16), {QStringLiteral("work")}},
            {"Review Sam’s pull request", TaskPriority::Medium, at(0, 11), {QStringLiteral("work")}},
            {"Pick up dry cleaning", TaskPriority::None, Due::onDate(today), {QStringLiteral("errands")}},
            {"Book flights for the conference",
             TaskPriority::Urgent,
             Due::onDate(today.addDays(1)),
             {QStringLiteral("travel"), QStringLiteral("work")}},
            {"Dentist appointment", TaskPriority::Medium, at(1, 9), {QStringLiteral("health")}},
            {"Renew passport", TaskPriority::Medium, Due::onDate(today.addDays(6)), {QStringLiteral("travel")}},
            {"Plan Mia’s birthday party", TaskPriority::Low, Due::onDate(today.addDays(12)), {QStringLiteral("home")}},
            {"Water the plants", TaskPriority::Low, Due::onDate(today.addDays(3)), {QStringLiteral("home")}},
            {"Read “The Pragmatic Programmer”", TaskPriority::None, Due(), {QStringLiteral("reading")}},
            {"Learn the first Chopin nocturne", TaskPriority::None, Due(), {}},
        };
        for (const auto &sample : samples) {
            TaskDraft draft;
            draft.title = QString::fromUtf8(sample.title);
            draft.priority = sample.priority;
            draft.due = sample.due;
            draft.tags = sample.tags;
            TANDEM_VERIFY_OK(m_f.tasks->create(m_f.owner.id, draft));
        }
        add({"Call the bank about the card", TaskPriority::None, -3, true, {}, TaskStatus::Completed});
        auto window = m_f.makeWindow({1280, 760});
        window->chatDock()->hide();
        window->dashboard()->groupAction()->setChecked(true);
        QTRY_COMPARE(window->taskModel()->taskCount(), 11);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QImage image = window->grab().toImage();
        QVERIFY(!image.isNull());
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        QVERIFY(image.save(QDir(target).filePath(QStringLiteral("desktop-dashboard.png"))));
    }
};

QTEST_MAIN(TestTaskViews)
#include "tst_task_views.moc"
