// Several main windows over one set of services: File ▸ New Window and Close
// Window, a change in one window showing in the other, the set saved at quit
// and restored (migrating Tandem 0.1's single window), the last window kept
// in the tray or quitting, and the tray's menu.
#include "dashboard/taskmodel.h"
#include "domain/settingsschema.h"
#include "mainwindow/windowsession.h"
#include "mainwindow/windowset.h"
#include "mainwindowfixture.h"
#include "tray/trayicon.h"

#include <QDataStream>
#include <QDir>
#include <QMenuBar>
#include <QPainter>
#include <QPointer>
#include <QSignalSpy>
#include <QSystemTrayIcon>

using namespace tandem;

class TestWindowSet : public QObject
{
    Q_OBJECT

private:
    test::MainWindowFixture m_f;

    std::unique_ptr<WindowSet> makeSet()
    {
        return std::make_unique<WindowSet>([this] {
            return std::make_unique<MainWindow>(*m_f.tasks, *m_f.replica, *m_f.chats, *m_f.accounts, *m_f.assistant,
                                                *m_f.runner, m_f.owner, m_f.store->config().describe());
        });
    }

    static QAction *fileAction(MainWindow *window, const char *name)
    {
        return window->menuBar()->findChild<QAction *>(QString::fromLatin1(name));
    }

    static int rows(MainWindow *window) { return window->taskModel()->taskCount(); }

    // A window sized to fit the offscreen screen, so its geometry restores as saved.
    static WindowSession sized(int width, int height)
    {
        QMainWindow probe;
        probe.resize(width, height);
        return {probe.saveGeometry(), {}, false};
    }

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
        AppSettings settings;
        settings.remove(Settings::windowSet);
        settings.remove(Settings::windowGeometry);
        settings.remove(Settings::windowState);
        settings.remove(Settings::windowShowCompleted);
    }

    void cleanup() { m_f.close(); }

    void codec_roundTrip_keepsEveryWindow()
    {
        const QList<WindowSession> sessions{
            sized(500, 300), {QByteArray("geometry"), QByteArray("docks"), true, QStringLiteral("page")}, {}};
        QCOMPARE(decodeWindowSessions(encodeWindowSessions(sessions)), sessions);
        QCOMPARE(decodeWindowSessions(encodeWindowSessions({})), QList<WindowSession>());
    }

    void codec_formatOne_readsWithTheChatDocked()
    {
        // What the first multi-window build wrote: no chat placement yet.
        QByteArray bytes;
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out << quint32(0x54'57'53'01) << quint32(1) << QByteArray("geometry") << QByteArray("docks") << true;
        const auto decoded = decodeWindowSessions(bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), 1);
        QCOMPARE(decoded->first().geometry, QByteArray("geometry"));
        QCOMPARE(decoded->first().showCompleted, true);
        QCOMPARE(decoded->first().chatPlacement, QStringLiteral("docked"));
    }

    void codec_damagedOrForeignBytes_areRejected_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = encodeWindowSessions({sized(500, 300)});
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("not a window set");
        QTest::newRow("truncated") << good.left(good.size() - 3);
        QTest::newRow("trailing bytes") << good + QByteArray("x");
    }

    void codec_damagedOrForeignBytes_areRejected()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!decodeWindowSessions(bytes));
    }

    void codec_tooManyWindows_restoresTheFirstSixteen()
    {
        const QList<WindowSession> many(40, WindowSession{QByteArray("g"), QByteArray("s"), true});
        const auto decoded = decodeWindowSessions(encodeWindowSessions(many));
        QVERIFY(decoded);
        QCOMPARE(decoded->size(), maxRestoredWindows);
    }

    void newWindowAction_opensAnotherWindowWithItsOwnView()
    {
        auto set = makeSet();
        set->restore();
        QCOMPARE(set->windows().size(), 1);
        MainWindow *first = set->windows().at(0);
        QAction *newWindow = fileAction(first, "newWindowAction");
        QVERIFY(newWindow);
        QCOMPARE(newWindow->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
        newWindow->trigger();
        QCOMPARE(set->windows().size(), 2);
        MainWindow *second = set->windows().at(1);
        QVERIFY(second != first);
        QVERIFY(second->isVisible());
        QVERIFY(second->dashboard() != first->dashboard());
        QVERIFY(second->taskModel() != first->taskModel());
        QVERIFY(second->chatDock() != first->chatDock());

        // The filter is the window's own.
        first->dashboard()->showCompletedAction()->setChecked(true);
        QVERIFY(!second->dashboard()->showCompletedAction()->isChecked());
    }

    void change_inOneWindow_showsInTheOtherWithinOneEventLoopTurn()
    {
        auto set = makeSet();
        set->restore();
        MainWindow *first = set->windows().at(0);
        MainWindow *second = set->open(WindowSession{});
        QTRY_VERIFY(!first->taskModel()->isLoading() && !second->taskModel()->isLoading());
        QCOMPARE(rows(second), 0);

        QLineEdit *line = first->dashboard()->addLine();
        QTest::keyClicks(line, QStringLiteral("Call the plumber"));
        QTest::keyClick(line, Qt::Key_Return);
        m_f.runner->waitForDone(); // committed on the worker; its change is queued to the GUI thread
        QCoreApplication::processEvents(); // one turn
        QCOMPARE(rows(second), 1);
        QCOMPARE(second->taskModel()->taskAt(0).title, QStringLiteral("Call the plumber"));
        QCOMPARE(rows(first), 1);

        // And back: completing it in the second window hides it in the first.
        second->dashboard()->selectTask(second->taskModel()->taskAt(0).id);
        second->dashboard()->toggleDoneAction()->trigger();
        m_f.runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(rows(first), 0);
    }

    void closeWindowAction_closesOnlyThatWindow()
    {
        auto set = makeSet();
        set->restore();
        MainWindow *first = set->windows().at(0);
        QPointer<MainWindow> second = set->open(WindowSession{});
        QSignalSpy quit(set.get(), &WindowSet::quitRequested);
        QAction *close = fileAction(second, "closeWindowAction");
        QVERIFY(close);
        QCOMPARE(close->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_W));
        close->trigger();
        QTRY_VERIFY(second.isNull()); // destroyed once its close event is over
        QCOMPARE(set->windows(), QList<MainWindow *>{first});
        QVERIFY(first->isVisible());
        QCOMPARE(quit.size(), 0);
    }

    void lastWindowClosed_withoutTray_savesAndQuits()
    {
        auto set = makeSet();
        set->restore();
        QSignalSpy quit(set.get(), &WindowSet::quitRequested);
        fileAction(set->windows().at(0), "closeWindowAction")->trigger();
        QCOMPARE(quit.size(), 1);
        const auto saved = decodeWindowSessions(AppSettings().value(Settings::windowSet));
        QVERIFY(saved);
        QCOMPARE(saved->size(), 1);
    }

    void lastWindowClosed_keepRunning_staysHiddenUntilPresented()
    {
        auto set = makeSet();
        set->setKeepRunning(true);
        set->restore();
        QPointer<MainWindow> window = set->windows().at(0);
        QSignalSpy quit(set.get(), &WindowSet::quitRequested);
        window->close();
        QCoreApplication::processEvents();
        QVERIFY(!window.isNull());
        QVERIFY(!window->isVisible());
        QVERIFY(!set->anyVisible());
        QCOMPARE(quit.size(), 0);
        QCOMPARE(set->present(), window.data());
        QVERIFY(window->isVisible());
    }

    void quit_savesTheSetAndRestoreBringsItBack()
    {
        {
            auto set = makeSet();
            set->open(sized(1040, 380));
            MainWindow *second = set->open(sized(1100, 420));
            second->dashboard()->showCompletedAction()->setChecked(true);
            second->chatDock()->toggleAction()->trigger(); // the assistant closed in this one only
            QSignalSpy quit(set.get(), &WindowSet::quitRequested);
            fileAction(second, "quitAction")->trigger();
            QCOMPARE(quit.size(), 1);
        }
        auto set = makeSet();
        set->restore();
        const auto windows = set->windows();
        QCOMPARE(windows.size(), 2);
        QCOMPARE(windows.at(0)->size(), QSize(1040, 380));
        QCOMPARE(windows.at(1)->size(), QSize(1100, 420));
        QVERIFY(!windows.at(0)->dashboard()->showCompletedAction()->isChecked());
        QVERIFY(windows.at(1)->dashboard()->showCompletedAction()->isChecked());
        QVERIFY(windows.at(0)->chatDock()->toggleAction()->isChecked());
        QVERIFY(!windows.at(1)->chatDock()->toggleAction()->isChecked());
    }

    void restore_olderSingleWindowKeys_areMigrated()
    {
        QMainWindow older;
        older.resize(1060, 400);
        {
            AppSettings settings;
            settings.setValue(Settings::windowGeometry, older.saveGeometry());
            settings.setValue(Settings::windowState, older.saveState());
            settings.setValue(Settings::windowShowCompleted, true);
        }
        auto set = makeSet();
        set->restore();
        QCOMPARE(set->windows().size(), 1);
        QCOMPARE(set->windows().at(0)->size(), QSize(1060, 400));
        QVERIFY(set->windows().at(0)->dashboard()->showCompletedAction()->isChecked());
        set->save();
        const AppSettings settings;
        QVERIFY(!settings.contains(Settings::windowGeometry));
        QVERIFY(!settings.contains(Settings::windowState));
        QVERIFY(!settings.contains(Settings::windowShowCompleted));
        QCOMPARE(decodeWindowSessions(settings.value(Settings::windowSet))->size(), 1);
    }

    void restore_unreadableSet_opensOneDefaultWindow()
    {
        AppSettings().setValue(Settings::windowSet, QByteArray("damaged"));
        auto set = makeSet();
        set->restore();
        QCOMPARE(set->windows().size(), 1);
    }

    void openTask_hiddenWindows_showOneWithTheTaskOpen()
    {
        const QUuid id = m_f.addTask(QStringLiteral("Renew the passport"));
        m_f.addTask(QStringLiteral("Another task"));
        auto set = makeSet();
        set->setKeepRunning(true);
        set->restore();
        MainWindow *window = set->windows().at(0);
        QTRY_COMPARE(rows(window), 2);
        set->hideAll();
        QVERIFY(!window->isVisible());
        set->openTask(id);
        QVERIFY(window->isVisible());
        QTRY_COMPARE(test::detailPane(*window)->task().id, id);
        QVERIFY(test::detailPane(*window)->isVisible());
        QCOMPARE(test::taskList(*window)->currentIndex().data(TaskModel::TaskIdRole).toUuid(), id);
    }

    void trayMenu_showHideNewTaskQuit()
    {
        auto set = makeSet();
        set->setKeepRunning(true);
        set->restore();
        MainWindow *window = set->windows().at(0);
        TrayIcon tray(*set);
        QVERIFY(tray.icon().contextMenu() == tray.menu());

        tray.showHideAction()->trigger();
        QVERIFY(!set->anyVisible());
        Q_EMIT tray.menu()->aboutToShow();
        QCOMPARE(tray.showHideAction()->text(), QStringLiteral("Show Windows"));
        tray.showHideAction()->trigger();
        QVERIFY(window->isVisible());
        Q_EMIT tray.menu()->aboutToShow();
        QCOMPARE(tray.showHideAction()->text(), QStringLiteral("Hide Windows"));

        set->hideAll();
        tray.newTaskAction()->trigger();
        QVERIFY(window->isVisible());
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTRY_VERIFY(window->dashboard()->addLine()->hasFocus());

        QSignalSpy quit(set.get(), &WindowSet::quitRequested);
        tray.quitAction()->trigger();
        QCOMPARE(quit.size(), 1);
        QVERIFY(!set->anyVisible());
    }

    void screenshot_twoWindowsSideBySide()
    {
        // The two-window screenshot for docs/: two windows on the same tasks,
        // each with its own selection; one with a task open in its detail
        // pane, the other with the assistant beside the list.
        const QList<QUuid> ids = m_f.addSampleTasks();
        QCOMPARE(ids.size(), 5);
        auto set = makeSet();
        MainWindow *left = set->open(WindowSession{});
        MainWindow *right = set->open(WindowSession{});
        left->resize(1000, 620); // wider than the offscreen screen restores
        right->resize(1000, 620);
        left->chatDock()->hide();
        QTRY_COMPARE(rows(left), 5);
        QTRY_COMPARE(rows(right), 5);
        left->dashboard()->selectTask(ids.at(1));
        left->dashboard()->openTask(ids.at(1));
        right->dashboard()->selectTask(ids.at(3));
        QTRY_COMPARE(test::detailPane(*left)->task().id, ids.at(1));
        TaskDetailPane *pane = test::detailPane(*left);
        QVERIFY(pane->isVisible());
        // The splitter makes room for the pane once its layout has run.
        QTRY_VERIFY(pane->mapTo(left->dashboard(), QPoint(pane->width(), 0)).x() <= left->dashboard()->width());
        QCOMPARE(test::taskList(*right)->currentIndex().data(TaskModel::TaskIdRole).toUuid(), ids.at(3));
        QVERIFY(QTest::qWaitForWindowExposed(left));
        QVERIFY(QTest::qWaitForWindowExposed(right));
        const QImage a = left->grab().toImage();
        const QImage b = right->grab().toImage();
        QVERIFY(!a.isNull() && !b.isNull());
        constexpr int gap = 16;
        QImage both(a.width() + gap + b.width(), std::max(a.height(), b.height()), QImage::Format_ARGB32);
        both.fill(QColor(0x2e, 0x34, 0x40));
        QPainter painter(&both);
        painter.drawImage(0, 0, a);
        painter.drawImage(a.width() + gap, 0, b);
        painter.end();
        const QString target = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR", QDir::tempPath());
        QVERIFY(both.save(QDir(target).filePath(QStringLiteral("desktop-two-windows.png"))));
    }
};

QTEST_MAIN(TestWindowSet)
#include "tst_window_set.moc"
