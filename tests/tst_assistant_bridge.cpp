// AssistantBridge: a chat turn runs on the thread where the AssistantService
// lives, never on the caller's, and its outcome comes back exactly once on
// the caller's context; turns cut off by a restart fail instead of hanging.
#include "assistant/assistantservice.h"
#include "auth/accountservice.h"
#include "chat/assistantbridge.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "testdatabase.h"

#include <QMutex>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <optional>

using namespace tandem;

class TestAssistantBridge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_tasks;
    std::unique_ptr<ChatService> m_chats;
    std::unique_ptr<assistant::AssistantService> m_service;
    std::unique_ptr<QThread> m_thread;
    QUuid m_owner;
    QUuid m_session;

    struct Outcome
    {
        int calls = 0;
        QThread *thread = nullptr;
        std::optional<Result<assistant::AssistantTurn>> result;
    };

    static std::function<void(Result<assistant::AssistantTurn>)> recordInto(Outcome &outcome)
    {
        return [&outcome](const Result<assistant::AssistantTurn> &result) {
            ++outcome.calls;
            outcome.thread = QThread::currentThread();
            outcome.result = result;
        };
    }

    void attachService(AssistantBridge &bridge)
    {
        assistant::AssistantService *service = m_service.get();
        bridge.attach(service, [service] { return service; });
    }

    int storedMessages() const
    {
        auto messages = m_chats->messages(m_owner, m_session);
        return messages ? int(messages->size()) : -1;
    }

    // Lets everything already queued on the service's thread, and what it
    // posted back here, run.
    void flush()
    {
        QMetaObject::invokeMethod(
            m_service.get(), [] {}, Qt::BlockingQueuedConnection);
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
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
        m_tasks = std::make_unique<TaskService>(*m_store);
        m_chats = std::make_unique<ChatService>(*m_store);
        AccountService accounts(*m_store);
        auto owner = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner->id;
        auto session = m_chats->createSession(m_owner);
        TANDEM_VERIFY_OK(session);
        m_session = session->entityId();
        m_service = std::make_unique<assistant::AssistantService>(*m_store, *m_tasks, *m_chats);
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(QStringLiteral("assistant-host"));
        m_service->moveToThread(m_thread.get());
        m_thread->start();
    }

    void cleanup()
    {
        m_thread->quit();
        m_thread->wait();
        m_service.reset();
        m_thread.reset();
        m_chats.reset();
        m_tasks.reset();
        m_store.reset();
        m_db.reset();
    }

    void send_attached_runsOffTheGuiAndHostThreadsAndAnswersOnContextThread()
    {
        AssistantBridge bridge(m_owner);
        attachService(bridge);
        QObject context;
        QMutex mutex;
        QList<QThread *> committedOn;
        connect(
            m_chats.get(), &ChatService::changed, &context,
            [&](const Change &) {
                const QMutexLocker lock(&mutex);
                committedOn.append(QThread::currentThread());
            },
            Qt::DirectConnection);
        Outcome outcome;
        bridge.send(m_session, QStringLiteral("add buy milk tomorrow"), &context, recordInto(outcome));
        QCOMPARE(outcome.calls, 0); // never inside send()
        QCOMPARE(bridge.inFlight(), 1);
        QTRY_COMPARE(outcome.calls, 1);
        QCOMPARE(outcome.thread, QThread::currentThread());
        TANDEM_VERIFY_OK(*outcome.result);
        const assistant::AssistantTurn &turn = outcome.result->value();
        QCOMPARE(turn.userMessage.content, QStringLiteral("add buy milk tomorrow"));
        QVERIFY(!turn.assistantMessage.content.isEmpty());
        QCOMPARE(turn.actions.size(), 1);
        QCOMPARE(turn.actions.first().kind, TaskActionKind::Created);
        QCOMPARE(bridge.inFlight(), 0);
        const QMutexLocker lock(&mutex);
        QVERIFY(!committedOn.isEmpty());
        // The service takes the message on the host's thread and runs the turn
        // on its own worker: neither the GUI thread nor the sockets' thread waits.
        for (QThread *thread : std::as_const(committedOn)) {
            QVERIFY(thread != m_thread.get());
            QVERIFY(thread != QThread::currentThread());
        }
    }

    void send_noHost_failsLaterWithReason()
    {
        AssistantBridge bridge(m_owner);
        QObject context;
        Outcome outcome;
        bridge.send(m_session, QStringLiteral("hello"), &context, recordInto(outcome));
        QCOMPARE(outcome.calls, 0);
        QTRY_COMPARE(outcome.calls, 1);
        QVERIFY(!outcome.result->ok());
        QVERIFY(outcome.result->error().message.contains(QStringLiteral("not running")));
        QCOMPARE(storedMessages(), 0);
    }

    void send_serviceNotRunningOnHost_fails()
    {
        AssistantBridge bridge(m_owner);
        bridge.attach(m_service.get(), [] { return nullptr; });
        QObject context;
        Outcome outcome;
        bridge.send(m_session, QStringLiteral("hello"), &context, recordInto(outcome));
        QTRY_COMPARE(outcome.calls, 1);
        QVERIFY(!outcome.result->ok());
        QCOMPARE(storedMessages(), 0);
    }

    void send_refusedByService_reportsItsError()
    {
        AssistantBridge bridge(m_owner);
        attachService(bridge);
        QObject context;
        Outcome outcome;
        bridge.send(QUuid::createUuid(), QStringLiteral("hello"), &context, recordInto(outcome));
        QTRY_COMPARE(outcome.calls, 1);
        QVERIFY(!outcome.result->ok());
        QCOMPARE(outcome.result->error().code, ErrorCode::NotFound);
    }

    void detach_turnInFlight_failsExactlyOnceAskingToRetry()
    {
        AssistantBridge bridge(m_owner);
        attachService(bridge);
        QSemaphore gate;
        // Keeps the host thread busy so the turn stays in flight.
        QMetaObject::invokeMethod(
            m_service.get(), [&gate] { gate.acquire(); }, Qt::QueuedConnection);
        QObject context;
        Outcome outcome;
        bridge.send(m_session, QStringLiteral("add water the plants"), &context, recordInto(outcome));
        bridge.detach();
        QTRY_COMPARE(outcome.calls, 1);
        QVERIFY(!outcome.result->ok());
        QVERIFY(outcome.result->error().message.contains(QStringLiteral("try again")));
        gate.release();
        // The host still answers; the answer is dropped, not delivered twice.
        QTRY_COMPARE(storedMessages(), 2);
        flush();
        QCOMPARE(outcome.calls, 1);
        QCOMPARE(bridge.inFlight(), 0);
    }

    void send_contextDestroyed_doneNeverRuns()
    {
        AssistantBridge bridge(m_owner);
        attachService(bridge);
        auto context = std::make_unique<QObject>();
        Outcome outcome;
        bridge.send(m_session, QStringLiteral("add call mum"), context.get(), recordInto(outcome));
        context.reset();
        QTRY_COMPARE(storedMessages(), 2);
        flush();
        QCOMPARE(outcome.calls, 0);
        QCOMPARE(bridge.inFlight(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAssistantBridge)
#include "tst_assistant_bridge.moc"
