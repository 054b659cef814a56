// The main window end to end under the offscreen platform: the add line,
// the done box, delete and undo, the completed filter, the assistant's dock
// beside the dashboard; and a screenshot for docs/.
#include "chat/chatdock.h"
#include "chat/chatinput.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatpanel.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskmodel.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/windowsession.h"
#include "mainwindowfixture.h"
#include "services/taskservice.h"
#include "settings/settingsdialog.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace tandem;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;

    std::unique_ptr<MainWindow> makeWindow()
    {
        return m_f.makeWindow({1100, 600}); // room for the tasks and the assistant beside them
    }

    static int rows(MainWindow &window) { return window.taskModel()->rowCount(); }

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
    }

    void cleanup() { m_f.close(); }

    void addLine_enter_createsTask()
    {
        auto window = makeWindow();
        QTRY_VERIFY(!window->taskModel()->isLoading());
        QLineEdit *line = window->dashboard()->addLine();
        QTest::keyClicks(line, QStringLiteral("  Water the plants  "));
        QTest::keyClick(line, Qt::Key_Return);
        QCOMPARE(line->text(), QString());
        QTRY_COMPARE(rows(*window), 1);
        QCOMPARE(window->taskModel()->taskAt(0).title, QStringLiteral("Water the plants"));
        // An empty line adds nothing.
        QTest::keyClick(line, Qt::Key_Return);
        m_f.runner->waitForDone();
        QCOMPARE(m_f.tasks->query(m_f.owner.id, {})->tasks.size(), 1);
    }

    void addLine_typing_tintsWhatItRecognisesAndPreviewsTheTask()
    {
        auto window = makeWindow();
        QTRY_VERIFY(!window->taskModel()->isLoading());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QLineEdit *line = window->dashboard()->addLine();
        auto *preview = window->dashboard()->findChild<QLabel *>(QStringLiteral("quickAddPreview"));
        QVERIFY(preview);

        // How many pixels of the line carry a span's tint (blended over the base colour).
        const auto tinted = [&](assistant::Span::Kind kind) {
            const QImage image = line->grab().toImage().convertToFormat(QImage::Format_RGB32);
            QColor tint = quickAddSpanColor(kind);
            const QColor base = line->palette().color(QPalette::Base);
            const double a = tint.alphaF();
            const QColor expected = QColor::fromRgbF(float(tint.redF() * a + base.redF() * (1 - a)),
                                                     float(tint.greenF() * a + base.greenF() * (1 - a)),
                                                     float(tint.blueF() * a + base.blueF() * (1 - a)));
            int count = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor pixel = image.pixelColor(x, y);
                    if (std::abs(pixel.red() - expected.red()) <= 3 && std::abs(pixel.green() - expected.green()) <= 3
                        && std::abs(pixel.blue() - expected.blue()) <= 3)
                        ++count;
                }
            }
            return count;
        };

        QTest::keyClicks(line, QStringLiteral("Water the plants"));
        QVERIFY(preview->isHidden()); // nothing recognised: nothing to preview
        QCOMPARE(tinted(assistant::Span::Kind::Due), 0);

        QTest::keyClicks(line, QStringLiteral(" tomorrow 9am #home p1"));
        QVERIFY(preview->isVisible());
        QVERIFY2(preview->text().contains(QStringLiteral("“Water the plants”")), qPrintable(preview->text()));
        QVERIFY(preview->text().contains(QStringLiteral("#home")));
        QVERIFY(preview->text().contains(QStringLiteral("urgent")));
        QVERIFY(tinted(assistant::Span::Kind::Due) > 50);
        QVERIFY(tinted(assistant::Span::Kind::Tag) > 20);
        QVERIFY(tinted(assistant::Span::Kind::Priority) > 10);
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        QVERIFY(window->dashboard()->grab().save(QDir(target).filePath(QStringLiteral("quick-add.png"))));

        // Editing moves the tints with the text; the recognised words go.
        line->setText(QStringLiteral("Water the plants"));
        QCOMPARE(tinted(assistant::Span::Kind::Due), 0);
        QCOMPARE(tinted(assistant::Span::Kind::Tag), 0);
        QVERIFY(preview->isHidden());

        line->setText(QStringLiteral("Water the plants tomorrow 9am #home p1"));
        QTest::keyClick(line, Qt::Key_Return);
        QTRY_COMPARE(rows(*window), 1);
        const Task task = window->taskModel()->taskAt(0);
        QCOMPARE(task.title, QStringLiteral("Water the plants"));
        QCOMPARE(task.tags, QStringList{QStringLiteral("home")});
        QCOMPARE(task.priority, TaskPriority::Urgent);
        QVERIFY(task.due.hasTime());
        QCOMPARE(line->text(), QString());
    }

    void doneBox_click_completesAndHides()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Finish report");
        TANDEM_VERIFY_OK(m_f.tasks->create(m_f.owner.id, draft));
        auto window = makeWindow();
        QTRY_COMPARE(rows(*window), 1);
        QTreeView *view = window->dashboard()->view();
        const QModelIndex done = window->taskModel()->index(0, TaskModel::DoneColumn);
        QVERIFY(window->taskModel()->setData(done, Qt::Checked, Qt::CheckStateRole));
        QTRY_COMPARE(rows(*window), 0); // completed tasks are hidden by default
        auto stored = m_f.tasks->query(m_f.owner.id, {});
        QCOMPARE(stored->tasks.first().status, TaskStatus::Completed);
        window->dashboard()->showCompletedAction()->setChecked(true);
        QTRY_COMPARE(rows(*window), 1);
        QVERIFY(view->isVisible());
    }

    void deleteAndUndo_selectedTask_comesBackWithSameId()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Delete me");
        auto created = m_f.tasks->create(m_f.owner.id, draft);
        TANDEM_VERIFY_OK(created);
        auto window = makeWindow();
        QTRY_COMPARE(rows(*window), 1);
        QTreeView *view = window->dashboard()->view();
        view->setFocus();
        view->selectionModel()->select(window->taskModel()->index(0, 0),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(window->dashboard()->deleteAction()->isEnabled());
        window->dashboard()->deleteAction()->trigger();
        QTRY_COMPARE(rows(*window), 0);
        QTest::keySequence(window.get(), QKeySequence::Undo);
        QTRY_COMPARE(rows(*window), 1);
        QCOMPARE(window->taskModel()->taskAt(0).id, created->entityId());
    }

    void chatDock_byDefault_docksRightOfDashboard()
    {
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        ChatDock *dock = window->chatDock();
        QVERIFY(dock->isVisible());
        QVERIFY(!dock->isFloating());
        QCOMPARE(window->dockWidgetArea(dock), Qt::RightDockWidgetArea);
        QVERIFY(dock->x() > window->dashboard()->x() + window->dashboard()->width() - 1);
        QVERIFY(dock->features().testFlag(QDockWidget::DockWidgetFloatable));
        QVERIFY(dock->features().testFlag(QDockWidget::DockWidgetClosable));
    }

    void viewMenu_assistantAction_togglesDockWithCtrlShiftA()
    {
        auto window = makeWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QAction *toggle = window->chatDock()->toggleAction();
        QCOMPARE(toggle->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+A")));
        bool inViewMenu = false;
        const auto menus = window->menuBar()->actions();
        for (QAction *menu : menus) {
            if (menu->menu() && menu->menu()->actions().contains(toggle))
                inViewMenu = menu->text() == MainWindow::tr("&View");
        }
        QVERIFY(inViewMenu);
        QVERIFY(toggle->isChecked());
        toggle->trigger();
        QVERIFY(window->chatDock()->isHidden());
        QVERIFY(!toggle->isChecked());
        toggle->trigger();
        QVERIFY(window->chatDock()->isVisible());
        QVERIFY(toggle->isChecked());
    }

    void chatDock_closed_staysClosedInTheRestoredSession()
    {
        WindowSession session;
        {
            auto window = makeWindow();
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            window->chatDock()->toggleAction()->trigger(); // closed
            session = window->saveSession();
        }
        auto window = makeWindow();
        QVERIFY(window->chatDock()->isVisible()); // a window without a session shows the assistant
        window->restoreSession(session);
        QVERIFY(window->chatDock()->isHidden());
        QVERIFY(!window->chatDock()->toggleAction()->isChecked());
    }

    void settingsDialog_closed_saysSoForSettingsAppliedAtRunTime()
    {
        auto window = makeWindow();
        QSignalSpy closed(window.get(), &MainWindow::settingsClosed);
        const auto actions = window->findChildren<QAction *>();
        const auto preferences = std::find_if(actions.begin(), actions.end(), [](QAction *action) {
            return action->menuRole() == QAction::PreferencesRole;
        });
        QVERIFY(preferences != actions.end());
        (*preferences)->trigger();
        auto *dialog = window->findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QCOMPARE(closed.size(), 0);
        dialog->reject();
        QCOMPARE(closed.size(), 1);
    }

    void chatActionChip_activated_selectsTaskInDashboard()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Buy milk");
        auto created = m_f.tasks->create(m_f.owner.id, draft);
        TANDEM_VERIFY_OK(created);
        TaskDraft other;
        other.title = QStringLiteral("Another task");
        TANDEM_VERIFY_OK(m_f.tasks->create(m_f.owner.id, other));
        m_f.assistant->reply = QStringLiteral("Added “Buy milk”.");
        m_f.assistant->actions = {TaskAction{TaskActionKind::Created, created->entityId(), {}}};
        auto window = makeWindow();
        QTRY_COMPARE(rows(*window), 2);
        ChatPanel *panel = window->chatDock()->panel();
        QTest::keyClicks(panel->input(), QStringLiteral("add buy milk"));
        QTest::keyClick(panel->input(), Qt::Key_Return);
        ChatMessageModel *messages = window->chatDock()->messageModel();
        QTRY_COMPARE(messages->rowCount(), 2);
        const QModelIndex reply = messages->index(1, 0);
        QTRY_COMPARE(reply.data(ChatMessageModel::ActionTaskIdsRole).toList().value(0).toUuid(), created->entityId());
        // Keyboard: Enter on the reply shows its task.
        QListView *view = panel->messageView();
        view->setFocus();
        view->setCurrentIndex(reply);
        QTest::keyClick(view, Qt::Key_Return);
        QTreeView *tasks = window->dashboard()->view();
        QTRY_COMPARE(tasks->currentIndex().data(TaskModel::TaskIdRole).toUuid(), created->entityId());
        QVERIFY(tasks->selectionModel()->isRowSelected(tasks->currentIndex().row(), {}));
        QVERIFY(tasks->hasFocus());
    }

    void chatActionChip_completedTask_showsCompletedAndSelects()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("File taxes");
        auto created = m_f.tasks->create(m_f.owner.id, draft);
        TANDEM_VERIFY_OK(created);
        TANDEM_VERIFY_OK(m_f.tasks->setStatus(m_f.owner.id, created->entityId(), TaskStatus::Completed));
        auto window = makeWindow();
        QTRY_VERIFY(!window->taskModel()->isLoading());
        QCOMPARE(rows(*window), 0);
        QSignalSpy activated(window->chatDock(), &ChatDock::taskActivated);
        Q_EMIT window->chatDock()->panel()->taskActivated(created->entityId());
        QCOMPARE(activated.size(), 1);
        QTRY_COMPARE(window->dashboard()->view()->currentIndex().data(TaskModel::TaskIdRole).toUuid(),
                     created->entityId());
        QVERIFY(window->dashboard()->showCompletedAction()->isChecked());
    }

    void screenshot_mainWindow_rendersTasks()
    {
        QCOMPARE(m_f.addSampleTasks().size(), 5);
        auto window = makeWindow();
        QTRY_COMPARE(rows(*window), 5);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QImage image = window->grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), window->size() * window->devicePixelRatio());
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        QVERIFY(image.save(QDir(target).filePath(QStringLiteral("main-window.png"))));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
