// The chat models: ChatSessionModel (conversations, most recent first) and
// ChatMessageModel (one conversation's messages in order, naming the tasks the
// assistant touched), both checked by QAbstractItemModelTester while
// ChatService and TaskService change things underneath.
#include "auth/accountservice.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatsessionmodel.h"
#include "common/backgroundrunner.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace tandem;

class TestChatModels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<BackgroundRunner> m_runner;
    QUuid m_owner;
    QUuid m_stranger;
    QDateTime m_now;

    // A conversation whose clock reads a minute later each time it is asked.
    QUuid session(const QString &title, const QUuid &owner = {})
    {
        auto created = m_chats->createSession(owner.isNull() ? m_owner : owner, title);
        return created ? created->entityId() : QUuid();
    }

    QUuid say(const QUuid &sessionId, ChatRole role, const QString &content, const QList<TaskAction> &actions = {})
    {
        auto added = m_chats->addMessage(m_owner, sessionId, role, content, actions);
        return added ? added->entityId() : QUuid();
    }

    QUuid task(const QString &title)
    {
        TaskDraft draft;
        draft.title = title;
        auto created = m_tasks->create(m_owner, draft);
        return created ? created->entityId() : QUuid();
    }

    static QStringList titles(const QAbstractItemModel &model)
    {
        QStringList list;
        for (int row = 0; row < model.rowCount(); ++row)
            list.append(model.index(row, 0).data().toString());
        return list;
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_db = test::TestDatabase::create(StoreEngine::Sqlite, &error);
        QVERIFY2(m_db, qPrintable(error));
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        m_now = QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC);
        m_tasks = std::make_unique<TaskService>(*m_store);
        m_chats = std::make_unique<ChatService>(*m_store, [this] { return m_now = m_now.addSecs(60); });
        m_runner = std::make_unique<BackgroundRunner>();
        AccountService accounts(*m_store);
        auto owner = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner->id;
        auto stranger = accounts.createUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(stranger);
        m_stranger = stranger->id;
    }

    void cleanup()
    {
        m_runner.reset();
        m_chats.reset();
        m_tasks.reset();
        m_store.reset();
        m_db.reset();
    }

    void sessions_reload_mostRecentlyActiveFirst()
    {
        const QUuid groceries = session(QStringLiteral("Groceries"));
        session(QStringLiteral("Work"));
        session(QStringLiteral("Travel"));
        say(groceries, ChatRole::User, QStringLiteral("add milk")); // now the most recent
        session(QStringLiteral("Bob's"), m_stranger);
        ChatSessionModel model(*m_chats, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loading(&model, &ChatSessionModel::loadingChanged);
        model.reload();
        QTRY_VERIFY(model.hasLoaded());
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("Groceries"), QStringLiteral("Travel"), QStringLiteral("Work")}));
        QCOMPARE(loading.size(), 2);
        QCOMPARE(model.index(0, 0).data(ChatSessionModel::SessionIdRole).toUuid(), groceries);
        QVERIFY(model.index(0, 0).data(ChatSessionModel::UpdatedAtRole).toDateTime()
                > model.index(1, 0).data(ChatSessionModel::UpdatedAtRole).toDateTime());
    }

    void sessions_liveChanges_insertMoveRenameRemove()
    {
        const QUuid first = session(QStringLiteral("First"));
        const QUuid second = session(QStringLiteral("Second"));
        ChatSessionModel model(*m_chats, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QTRY_VERIFY(model.hasLoaded());
        QCOMPARE(titles(model), (QStringList{QStringLiteral("Second"), QStringLiteral("First")}));

        const QUuid third = session(QStringLiteral("Third"));
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("Third"), QStringLiteral("Second"), QStringLiteral("First")}));

        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        say(first, ChatRole::User, QStringLiteral("hello again"));
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("First"), QStringLiteral("Third"), QStringLiteral("Second")}));
        QCOMPARE(moved.size(), 1);

        SessionPatch rename;
        rename.title = QStringLiteral("Renamed");
        TANDEM_VERIFY_OK(m_chats->updateSession(m_owner, second, rename));
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("Renamed"), QStringLiteral("First"), QStringLiteral("Third")}));

        TANDEM_VERIFY_OK(m_chats->deleteSession(m_owner, third));
        QCOMPARE(titles(model), (QStringList{QStringLiteral("Renamed"), QStringLiteral("First")}));
        QCOMPARE(model.rowOf(third), -1);

        session(QStringLiteral("Not mine"), m_stranger);
        QCOMPARE(model.rowCount(), 2);
    }

    void sessions_changeFromAnotherThread_arrivesQueued()
    {
        ChatSessionModel model(*m_chats, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QTRY_VERIFY(model.hasLoaded());
        ChatService *chats = m_chats.get();
        const QUuid owner = m_owner;
        m_runner->post([chats, owner] { (void)chats->createSession(owner, QStringLiteral("From the worker")); });
        QTRY_COMPARE(titles(model), QStringList{QStringLiteral("From the worker")});
    }

    void sessions_changeDuringLoad_appearsOnce()
    {
        session(QStringLiteral("Existing"));
        ChatSessionModel model(*m_chats, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QVERIFY(model.isLoading());
        session(QStringLiteral("During the load")); // the load may or may not see it
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(titles(model), (QStringList{QStringLiteral("During the load"), QStringLiteral("Existing")}));
    }

    void sessions_setData_requestsRenameWithoutWriting()
    {
        session(QStringLiteral("Old title"));
        ChatSessionModel model(*m_chats, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QTRY_VERIFY(model.hasLoaded());
        QSignalSpy requested(&model, &ChatSessionModel::renameRequested);
        QVERIFY(model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEditable));
        QVERIFY(model.setData(model.index(0, 0), QStringLiteral("  New title ")));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("New title"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Old title"));
        QVERIFY(!model.setData(model.index(0, 0), QStringLiteral("   ")));
        QCOMPARE(requested.size(), 1);
    }

    void messages_setSession_loadsInOrderWithRoles()
    {
        const QUuid chat = session(QStringLiteral("Chat"));
        const QUuid other = session(QStringLiteral("Other"));
        say(chat, ChatRole::User, QStringLiteral("add milk"));
        say(other, ChatRole::User, QStringLiteral("elsewhere"));
        say(chat, ChatRole::Assistant, QStringLiteral("Added “milk”."));
        say(chat, ChatRole::User, QStringLiteral("thanks\nsee you"));
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(titles(model),
                 (QStringList{QStringLiteral("add milk"), QStringLiteral("Added “milk”."),
                              QStringLiteral("thanks\nsee you")}));
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::SenderRole).toInt(), int(ChatRole::User));
        QCOMPARE(model.index(1, 0).data(ChatMessageModel::SenderRole).toInt(), int(ChatRole::Assistant));
        QVERIFY(model.index(1, 0).data(Qt::AccessibleTextRole).toString().startsWith(QStringLiteral("Assistant: ")));
        QVERIFY(model.index(0, 0).data(ChatMessageModel::CreatedAtRole).toDateTime()
                < model.index(1, 0).data(ChatMessageModel::CreatedAtRole).toDateTime());

        model.setSessionId({});
        QCOMPARE(model.rowCount(), 0);
    }

    void messages_liveChanges_appendOnlyTheShownSession()
    {
        const QUuid chat = session(QStringLiteral("Chat"));
        const QUuid other = session(QStringLiteral("Other"));
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        say(chat, ChatRole::User, QStringLiteral("one"));
        say(other, ChatRole::User, QStringLiteral("not here"));
        say(chat, ChatRole::Assistant, QStringLiteral("two"));
        QCOMPARE(titles(model), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    }

    void messages_switchSessionsQuickly_showsTheLastOne()
    {
        const QUuid first = session(QStringLiteral("First"));
        const QUuid second = session(QStringLiteral("Second"));
        say(first, ChatRole::User, QStringLiteral("in first"));
        say(second, ChatRole::User, QStringLiteral("in second"));
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(first);
        model.setSessionId(second);
        QTRY_VERIFY(!model.isLoading());
        m_runner->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(titles(model), QStringList{QStringLiteral("in second")});
    }

    void messages_actions_nameTasksAndFollowTheirChanges()
    {
        const QUuid chat = session(QStringLiteral("Chat"));
        const QUuid milk = task(QStringLiteral("Buy milk"));
        const QUuid gone = task(QStringLiteral("Old task"));
        TANDEM_VERIFY_OK(m_tasks->remove(m_owner, gone));
        say(chat, ChatRole::Assistant, QStringLiteral("Done."),
            {TaskAction{TaskActionKind::Created, milk, {}}, TaskAction{TaskActionKind::Deleted, gone, {}}});
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_VERIFY(!model.isLoading());
        const QModelIndex reply = model.index(0, 0);
        QCOMPARE(reply.data(ChatMessageModel::ActionLabelsRole).toStringList(),
                 (QStringList{QStringLiteral("Added “Buy milk”"), QStringLiteral("Deleted a task")}));
        QCOMPARE(reply.data(ChatMessageModel::ActionTaskIdsRole).toList(), (QVariantList{milk, QUuid()}));

        TaskPatch patch;
        patch.title = QStringLiteral("Buy oat milk");
        TANDEM_VERIFY_OK(m_tasks->update(m_owner, milk, patch));
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::ActionLabelsRole).toStringList().value(0),
                 QStringLiteral("Added “Buy oat milk”"));

        TANDEM_VERIFY_OK(m_tasks->remove(m_owner, milk));
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::ActionTaskIdsRole).toList().value(0).toUuid(), QUuid());
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::ActionLabelsRole).toStringList().value(0),
                 QStringLiteral("Added “Buy oat milk”"));
    }

    void messages_liveReplyWithActions_fetchesTitles()
    {
        const QUuid chat = session(QStringLiteral("Chat"));
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_VERIFY(!model.isLoading());
        const QUuid call = task(QStringLiteral("Call Alex"));
        say(chat, ChatRole::Assistant, QStringLiteral("Added it."), {TaskAction{TaskActionKind::Created, call, {}}});
        QCOMPARE(model.rowCount(), 1);
        QTRY_COMPARE(model.index(0, 0).data(ChatMessageModel::ActionLabelsRole).toStringList(),
                     QStringList{QStringLiteral("Added “Call Alex”")});
        QCOMPARE(model.index(0, 0).data(ChatMessageModel::ActionTaskIdsRole).toList(), QVariantList{call});
    }

    void messages_sessionDeleted_clearsAndSignals()
    {
        const QUuid chat = session(QStringLiteral("Chat"));
        say(chat, ChatRole::User, QStringLiteral("hello"));
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QTRY_COMPARE(model.rowCount(), 1);
        QSignalSpy removed(&model, &ChatMessageModel::sessionRemoved);
        TANDEM_VERIFY_OK(m_chats->deleteSession(m_owner, chat));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).toUuid(), chat);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.sessionId(), QUuid());
    }

    void messages_changeDuringLoad_appearsOnceInOrder()
    {
        const QUuid chat = session(QStringLiteral("Chat"));
        say(chat, ChatRole::User, QStringLiteral("before"));
        ChatMessageModel model(*m_chats, *m_tasks, *m_runner, m_owner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessionId(chat);
        QVERIFY(model.isLoading());
        say(chat, ChatRole::Assistant, QStringLiteral("during"));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(titles(model), (QStringList{QStringLiteral("before"), QStringLiteral("during")}));
    }
};

QTEST_MAIN(TestChatModels)
#include "tst_chat_models.moc"
