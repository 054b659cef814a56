// The main window end to end under the offscreen platform: the add line,
// the done box, delete and undo, the completed filter; and a screenshot for docs/.
#include "common/backgroundrunner.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskmodel.h"
#include "mainwindow/mainwindow.h"
#include "services/accountservice.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace tandem;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_service;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<BackgroundRunner> m_runner;
    User m_owner;

    std::unique_ptr<MainWindow> makeWindow()
    {
        auto window
            = std::make_unique<MainWindow>(*m_service, *m_accounts, *m_runner, m_owner, m_store->config().describe());
        window->resize(860, 520);
        window->show();
        return window;
    }

    static int rows(MainWindow &window) { return window.taskModel()->rowCount(); }

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
        m_runner = std::make_unique<BackgroundRunner>();
        m_accounts = std::make_unique<AccountService>(*m_store);
        auto owner = m_accounts->ensureLocalOwner(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner.value();
    }

    void cleanup()
    {
        m_runner.reset();
        m_accounts.reset();
        m_service.reset();
        m_store.reset();
        m_db.reset();
    }

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
        m_runner->waitForDone();
        QCOMPARE(m_service->query(m_owner.id, {})->tasks.size(), 1);
    }

    void doneBox_click_completesAndHides()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Finish report");
        TANDEM_VERIFY_OK(m_service->create(m_owner.id, draft));
        auto window = makeWindow();
        QTRY_COMPARE(rows(*window), 1);
        QTreeView *view = window->dashboard()->view();
        const QModelIndex done = window->taskModel()->index(0, TaskModel::DoneColumn);
        QVERIFY(window->taskModel()->setData(done, Qt::Checked, Qt::CheckStateRole));
        QTRY_COMPARE(rows(*window), 0); // completed tasks are hidden by default
        auto stored = m_service->query(m_owner.id, {});
        QCOMPARE(stored->tasks.first().status, TaskStatus::Completed);
        window->dashboard()->showCompletedAction()->setChecked(true);
        QTRY_COMPARE(rows(*window), 1);
        QVERIFY(view->isVisible());
    }

    void deleteAndUndo_selectedTask_comesBackWithSameId()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("Delete me");
        auto created = m_service->create(m_owner.id, draft);
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

    void screenshot_mainWindow_rendersTasks()
    {
        const QDate today = QDate::currentDate();
        const struct
        {
            const char *title;
            TaskPriority priority;
            Due due;
            QStringList tags;
        } samples[] = {
            {"Send the quarterly report to Dana",
             TaskPriority::High,
             Due::at(QDateTime(today, QTime(16, 0)).toTimeZone(QTimeZone::systemTimeZone())),
             {QStringLiteral("work")}},
            {"Book flights for the conference",
             TaskPriority::Urgent,
             Due::onDate(today.addDays(1)),
             {QStringLiteral("travel")}},
            {"Renew passport", TaskPriority::Medium, Due::onDate(today.addDays(9)), {QStringLiteral("admin")}},
            {"Water the plants", TaskPriority::Low, Due::onDate(today.addDays(2)), {QStringLiteral("home")}},
            {"Read “The Pragmatic Programmer”", TaskPriority::None, Due(), {QStringLiteral("reading")}},
        };
        for (const auto &sample : samples) {
            TaskDraft draft;
            draft.title = QString::fromUtf8(sample.title);
            draft.priority = sample.priority;
            draft.due = sample.due;
            draft.tags = sample.tags;
            TANDEM_VERIFY_OK(m_service->create(m_owner.id, draft));
        }
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
