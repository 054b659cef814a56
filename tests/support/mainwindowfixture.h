#pragma once

// A real SQLite store, the services over it and a local owner, for the suites
// that drive the whole main window (header-only: only tests that link
// tandem_ui include this).
#include "auth/accountservice.h"
#include "chat/chatdock.h"
#include "common/backgroundrunner.h"
#include "dashboard/dashboardview.h"
#include "dashboard/taskdetailpane.h"
#include "domain/settingsschema.h"
#include "fakeassistantclient.h"
#include "mainwindow/mainwindow.h"
#include "services/chatservice.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSize>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

#include <memory>

namespace tandem::test {

struct MainWindowFixture
{
    QTemporaryDir settingsDir;
    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<Store> store;
    std::unique_ptr<TaskService> tasks;
    // The tasks in memory every window of the test shares, as the app has them.
    std::unique_ptr<TaskReplica> replica;
    std::unique_ptr<TaskReplicaFeed> feed;
    std::unique_ptr<ChatService> chats;
    std::unique_ptr<AccountService> accounts;
    std::unique_ptr<BackgroundRunner> runner;
    std::unique_ptr<FakeAssistantClient> assistant;
    User owner;

    // Once per suite: QSettings and standard paths in a throwaway place.
    void isolate()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        // The editing suites read rows as tasks: the list without group
        // headers (tst_task_views covers grouping).
        AppSettings().setValue(Settings::windowGroupByDate, false);
    }

    // Per test: a fresh database and services; false with `error` set when it cannot.
    bool open(QString *error)
    {
        db = TestDatabase::create(StoreEngine::Sqlite, error);
        if (!db)
            return false;
        auto opened = db->open();
        if (!opened) {
            *error = opened.error().message;
            return false;
        }
        store = std::move(opened).value();
        tasks = std::make_unique<TaskService>(*store);
        replica = std::make_unique<TaskReplica>();
        chats = std::make_unique<ChatService>(*store);
        runner = std::make_unique<BackgroundRunner>();
        accounts = std::make_unique<AccountService>(*store);
        auto local = accounts->ensureLocalOwner(QStringLiteral("alice"));
        if (!local) {
            *error = local.error().message;
            return false;
        }
        owner = local.value();
        feed = std::make_unique<TaskReplicaFeed>(*tasks, *replica, owner.id);
        feed->load();
        assistant = std::make_unique<FakeAssistantClient>(*chats, owner.id);
        return true;
    }

    // Per test, after it: the runner first, so no job outlives the store.
    void close()
    {
        runner.reset();
        feed.reset();
        replica.reset();
        assistant.reset();
        chats.reset();
        accounts.reset();
        tasks.reset();
        store.reset();
        db.reset();
    }

    QUuid addTask(const QString &title, const QStringList &tags = {}) const
    {
        TaskDraft draft;
        draft.title = title;
        draft.tags = tags;
        auto change = tasks->create(owner.id, draft);
        return change ? change->task()->id : QUuid();
    }

    // Five tasks as a user would have them (dues from today on, priorities,
    // tags), for screenshots; their ids in that order, or fewer on failure.
    QList<QUuid> addSampleTasks() const
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
        QList<QUuid> ids;
        for (const auto &sample : samples) {
            TaskDraft draft;
            draft.title = QString::fromUtf8(sample.title);
            draft.priority = sample.priority;
            draft.due = sample.due;
            draft.tags = sample.tags;
            auto created = tasks->create(owner.id, draft);
            if (!created)
                break;
            ids.append(created->entityId());
        }
        return ids;
    }

    // The task as the store has it now.
    Task stored(const QUuid &id) const { return tasks->get(owner.id, id).value(); }

    std::unique_ptr<MainWindow> makeWindow(QSize size) const
    {
        auto window = std::make_unique<MainWindow>(*tasks, *replica, *chats, *accounts, *assistant, *runner, owner,
                                                   store->config().describe());
        window->resize(size);
        window->show();
        return window;
    }

    // A window for the dashboard alone: the assistant's dock hidden (its own
    // suite covers it), the window active so shortcuts and focus work.
    std::unique_ptr<MainWindow> makeTasksWindow(QSize size = {1100, 640}) const
    {
        auto window = makeWindow(size);
        window->chatDock()->hide();
        window->activateWindow();
        return window;
    }
};

inline QTreeView *taskList(MainWindow &window)
{
    return window.dashboard()->view();
}

inline TaskDetailPane *detailPane(MainWindow &window)
{
    return window.dashboard()->detailPane();
}

// Makes the row current and the list focused, as a click would.
inline bool selectRow(MainWindow &window, const QUuid &id)
{
    window.dashboard()->selectTask(id);
    return QTest::qWaitForWindowActive(&window) && QTest::qWaitFor([&] { return taskList(window)->hasFocus(); });
}

// What a mouse sends for a double-click (QTest::mouseDClick sends only its second half).
inline void doubleClick(QWidget *widget, QPoint pos)
{
    QTest::mousePress(widget, Qt::LeftButton, {}, pos);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
    QTest::mouseDClick(widget, Qt::LeftButton, {}, pos);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
}

// The list's in-place title editor, when one is open.
inline QLineEdit *titleEditor(MainWindow &window)
{
    return taskList(window)->viewport()->findChild<QLineEdit *>();
}

// Selects the task's row and presses F2 there; the editor, or null.
inline QLineEdit *renameWithF2(MainWindow &window, const QUuid &id)
{
    if (!selectRow(window, id))
        return nullptr;
    QTest::keyClick(taskList(window), Qt::Key_F2);
    return titleEditor(window);
}

// A menu's action by object name, looking in its submenus too.
inline QAction *menuAction(QMenu *menu, const QString &name)
{
    if (QAction *action = menu->findChild<QAction *>(name))
        return action;
    const auto menus = menu->findChildren<QMenu *>();
    for (QMenu *sub : menus) {
        if (QAction *action = sub->findChild<QAction *>(name))
            return action;
    }
    return nullptr;
}

} // namespace tandem::test
