// TaskModel: a thin, always-sorted adapter over the task replica (fed from
// TaskService), checked by QAbstractItemModelTester while tasks are loaded,
// added, edited and removed.
#include "auth/accountservice.h"
#include "dashboard/taskmodel.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tandem;

class TestTaskModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_service;
    std::unique_ptr<TaskReplica> m_replica;
    std::unique_ptr<TaskReplicaFeed> m_feed;
    QUuid m_owner;

    QUuid add(const QString &title, TaskPriority priority = TaskPriority::None, const Due &due = {})
    {
        TaskDraft draft;
        draft.title = title;
        draft.priority = priority;
        draft.due = due;
        auto created = m_service->create(m_owner, draft);
        return created ? created->entityId() : QUuid();
    }

    static QStringList titles(const TaskModel &model)
    {
        QStringList list;
        for (int row = 0; row < model.rowCount(); ++row)
            list.append(model.index(row, TaskModel::TitleColumn).data().toString());
        return list;
    }

    static void waitLoaded(TaskModel &model) { QTRY_VERIFY(!model.isLoading()); }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_db = test::TestDatabase::create(StoreEngine::Sqlite, &error);
        QVERIFY2(m_db, qPrintable(error));
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        m_service = std::make_unique<TaskService>(*m_store);
        AccountService accounts(*m_store);
        auto owner = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner->id;
        m_replica = std::make_unique<TaskReplica>();
        m_feed = std::make_unique<TaskReplicaFeed>(*m_service, *m_replica, m_owner);
    }

    void cleanup()
    {
        m_feed.reset();
        m_replica.reset();
        m_service.reset();
        m_store.reset();
        m_db.reset();
    }

    void reload_existingTasks_sortedByDue()
    {
        const QDate today = QDate::currentDate();
        add(QStringLiteral("no date"));
        add(QStringLiteral("later"), TaskPriority::None, Due::onDate(today.addDays(5)));
        add(QStringLiteral("sooner"), TaskPriority::None, Due::onDate(today.addDays(1)));
        TaskModel model(*m_replica);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_feed->load();
        waitLoaded(model);
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("sooner"), QStringLiteral("later"), QStringLiteral("no date")}));
        QCOMPARE(model.index(0, TaskModel::DueColumn).data().toString(), TaskModel::tr("Tomorrow"));
    }

    void applyChange_liveChanges_keepOrderAndFilter()
    {
        TaskModel model(*m_replica);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_feed->load();
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 0);

        const QDate today = QDate::currentDate();
        const QUuid b = add(QStringLiteral("b"), TaskPriority::None, Due::onDate(today.addDays(2)));
        add(QStringLiteral("a"), TaskPriority::None, Due::onDate(today.addDays(1)));
        const QUuid c = add(QStringLiteral("c"));
        // The service emits on this thread: the model is already up to date.
        QCOMPARE(titles(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));

        // Changing a due date moves the row, up and down.
        TaskPatch patch;
        patch.due = Due::onDate(today);
        TANDEM_VERIFY_OK(m_service->update(m_owner, b, patch));
        QCOMPARE(titles(model), (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")}));
        patch.due = Due();
        TANDEM_VERIFY_OK(m_service->update(m_owner, b, patch));
        QCOMPARE(titles(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        patch.due = Due::onDate(today.addDays(30));
        TANDEM_VERIFY_OK(m_service->update(m_owner, b, patch));
        QCOMPARE(titles(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        patch = {};
        patch.title = QStringLiteral("b renamed");
        TANDEM_VERIFY_OK(m_service->update(m_owner, b, patch));
        QCOMPARE(titles(model).size(), 3);

        // Completing hides it (the default query shows open tasks only).
        TANDEM_VERIFY_OK(m_service->setStatus(m_owner, c, TaskStatus::Completed));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(c), -1);
        // Deleting removes it.
        TANDEM_VERIFY_OK(m_service->remove(m_owner, b));
        QCOMPARE(titles(model), QStringList{QStringLiteral("a")});
        // Showing completed brings c back.
        TaskQuery all = model.query();
        all.statuses.clear();
        model.setQuery(all);
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(model.rowOf(c), TaskModel::DoneColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
                 Qt::Checked);
    }

    void applyChange_staleRevision_isIgnored()
    {
        const QUuid id = add(QStringLiteral("first"));
        TaskModel model(*m_replica);
        m_feed->load();
        waitLoaded(model);
        TaskPatch patch;
        patch.title = QStringLiteral("second");
        auto newer = m_service->update(m_owner, id, patch);
        TANDEM_VERIFY_OK(newer);
        Change stale = newer.value();
        Task old = *stale.task();
        old.title = QStringLiteral("stale");
        old.revision = 1;
        stale.entity = old;
        m_feed->applyChange(stale);
        QCOMPARE(titles(model), QStringList{QStringLiteral("second")});
    }

    void applyChange_otherOwner_isIgnored()
    {
        TaskModel model(*m_replica);
        m_feed->load();
        waitLoaded(model);
        AccountService accounts(*m_store);
        auto bob = accounts.createUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(bob);
        TaskDraft draft;
        draft.title = QStringLiteral("bob's");
        TANDEM_VERIFY_OK(m_service->create(bob->id, draft));
        QCOMPARE(model.rowCount(), 0);
    }

    void setData_checkBox_requestsStatusChange()
    {
        const QUuid id = add(QStringLiteral("tick me"));
        TaskModel model(*m_replica);
        m_feed->load();
        waitLoaded(model);
        QSignalSpy requested(&model, &TaskModel::statusChangeRequested);
        QVERIFY(model.setData(model.index(0, TaskModel::DoneColumn), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toUuid(), id);
        QCOMPARE(requested.first().at(1).value<TaskStatus>(), TaskStatus::Completed);
        QCOMPARE(requested.first().at(2).toLongLong(), model.taskAt(0).revision);
        QVERIFY(!model.setData(model.index(0, TaskModel::PriorityColumn), QStringLiteral("x"), Qt::EditRole));
        QVERIFY(!(model.flags(model.index(0, TaskModel::DueColumn)) & Qt::ItemIsEditable));
    }

    void setData_title_requestsRenameWithRevision()
    {
        const QUuid id = add(QStringLiteral("old name"));
        TaskModel model(*m_replica);
        m_feed->load();
        waitLoaded(model);
        const QModelIndex title = model.index(0, TaskModel::TitleColumn);
        QVERIFY(model.flags(title) & Qt::ItemIsEditable);
        QCOMPARE(title.data(Qt::EditRole).toString(), QStringLiteral("old name"));
        QSignalSpy requested(&model, &TaskModel::titleChangeRequested);
        QVERIFY(model.setData(title, QStringLiteral("new name"), Qt::EditRole));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toUuid(), id);
        QCOMPARE(requested.first().at(1).toString(), QStringLiteral("new name"));
        QCOMPARE(requested.first().at(2).toLongLong(), qint64(1));
        // The row shows the stored title until the change comes back.
        QCOMPARE(title.data().toString(), QStringLiteral("old name"));
        // The same text is no edit.
        QVERIFY(model.setData(title, QStringLiteral("old name"), Qt::EditRole));
        QCOMPARE(requested.size(), 1);
    }

    void applyTask_newerState_updatesRow_olderIgnored_forgetRemoves()
    {
        const QUuid id = add(QStringLiteral("first"));
        TaskModel model(*m_replica);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_feed->load();
        waitLoaded(model);
        // A state learnt without a change signal (a conflict's current task).
        Task newer = model.taskAt(0);
        newer.title = QStringLiteral("renamed elsewhere");
        newer.revision = 3;
        model.applyTask(newer);
        QCOMPARE(model.taskAt(0).title, QStringLiteral("renamed elsewhere"));
        Task older = newer;
        older.title = QStringLiteral("stale");
        older.revision = 2;
        model.applyTask(older);
        QCOMPARE(model.taskAt(0).title, QStringLiteral("renamed elsewhere"));
        model.forgetTask(id);
        QCOMPARE(model.rowCount(), 0);
    }

    void reload_changesDuringLoad_areNotLost()
    {
        for (int i = 0; i < 200; ++i)
            add(QStringLiteral("task %1").arg(i, 3, 10, QLatin1Char('0')));
        TaskModel model(*m_replica);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_feed->load();
        // Written while the load may still be running on the worker.
        const QUuid late = add(QStringLiteral("late"));
        waitLoaded(model);
        QCOMPARE(model.rowCount(), 201);
        QVERIFY(model.rowOf(late) >= 0);
    }
};

QTEST_MAIN(TestTaskModel)
#include "tst_task_model.moc"
