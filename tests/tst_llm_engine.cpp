// LlmEngine against an OpenAI-compatible server inside the test
// (tests/support/fakemodelserver.h), driven through AssistantService::send:
// tool calls go through the same services and rules as the built-in engine,
// failures say what went wrong and let the built-in engine answer, and the API
// key is never shown or logged.
#include "assistant/llmengine.h"
#include "assistant/turntools.h"
#include "assistantfixture.h"
#include "fakemodelserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace tandem;
using namespace tandem::assistant;
using tandem::test::AssistantFixture;
using tandem::test::FakeModelServer;

namespace {

const QString testKey = QStringLiteral("sk-tandem-test-SECRET-5f3a9c1e77b04d2a");

// Every log line of the run, to prove the key never reaches one.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;
QLoggingCategory::CategoryFilter previousFilter = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logLines.append(QString::fromUtf8(context.category ? context.category : "") + u' ' + message);
    }
    // Tandem's own chatter is only captured; everything else is shown as usual.
    if (context.category && qstrncmp(context.category, "tandem", 6) == 0)
        return;
    if (previousHandler)
        previousHandler(type, context, message);
}

void enableTandemLogging(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "tandem", 6) == 0) {
        category->setEnabled(QtDebugMsg, true);
        category->setEnabled(QtInfoMsg, true);
    }
}

// A tool call's arguments as JSON text.
QString args(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A ToolHost that only records, for driving the engine without the service.
class RecordingTools final : public ToolHost
{
public:
    QJsonObject call(const QString &name, const QJsonObject &arguments) override
    {
        calls.append({name, arguments});
        return QJsonObject{{QStringLiteral("ok"), true}};
    }
    QList<std::pair<QString, QJsonObject>> calls;
};

} // namespace

// Sends `message` through AssistantService::send, waits, and names the turn `variable`.
#define SEND(variable, message)                                                                                        \
    const auto variable##Outcome = send(message);                                                                      \
    QVERIFY2(variable##Outcome.has_value(), "no answer within 30 s, or one inside send()");                            \
    TANDEM_VERIFY_OK(*variable##Outcome);                                                                              \
    const AssistantTurn &variable = variable##Outcome->value();

class TestLlmEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AssistantFixture> m_fixture;
    std::unique_ptr<FakeModelServer> m_server;
    QStringList m_texts; // every reply of the run, checked for the key at the end

    // An engine on the fake server (or `baseUrl`), installed in the service.
    void useEngine(const std::function<void(LlmConfig &)> &adjust = {})
    {
        LlmConfig config;
        config.baseUrl = m_server->baseUrl();
        config.model = QStringLiteral("fake-model");
        config.apiKey = testKey;
        config.timeoutMs = 10'000;
        if (adjust)
            adjust(config);
        m_fixture->assistant->setExternalEngine(std::make_unique<LlmEngine>(config));
    }

    // Sends through AssistantService::send and waits for the answer.
    std::optional<Result<AssistantTurn>> send(const QString &message)
    {
        std::optional<Result<AssistantTurn>> outcome;
        QObject context;
        m_fixture->assistant->send(m_fixture->owner, m_fixture->session, message, AssistantFixture::zone(),
                                   QUuid::createUuid(), &context,
                                   [&outcome](Result<AssistantTurn> turn) { outcome = std::move(turn); });
        if (outcome)
            return std::nullopt; // answered inside send(): a broken contract
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30'000))
            return std::nullopt;
        if (*outcome)
            m_texts.append(outcome->value().assistantMessage.content);
        else
            m_texts.append(outcome->error().toString());
        return outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        previousHandler = qInstallMessageHandler(captureMessage);
        previousFilter = QLoggingCategory::installFilter(enableTandemLogging);
    }

    void init()
    {
        QString error;
        m_fixture = AssistantFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
        m_server = std::make_unique<FakeModelServer>();
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }

    void cleanup()
    {
        if (!QTest::currentTestFailed())
            QCOMPARE(m_server->unscripted, 0);
        m_fixture.reset();
        m_server.reset();
    }

    void cleanupTestCase()
    {
        // Nothing the user saw and nothing logged holds the key.
        QVERIFY(!m_texts.isEmpty());
        for (const QString &text : std::as_const(m_texts))
            QVERIFY2(!text.contains(testKey), qPrintable(text));
        const QMutexLocker lock(&logMutex);
        QVERIFY(!logLines.isEmpty());
        QVERIFY(std::any_of(logLines.cbegin(), logLines.cend(), [](const QString &line) {
            return line.startsWith(QStringLiteral("tandem.assistant.llm "));
        }));
        for (const QString &line : std::as_const(logLines))
            QVERIFY2(!line.contains(testKey) && !line.contains(QStringLiteral("SECRET")), qPrintable(line));
        QLoggingCategory::installFilter(previousFilter);
        qInstallMessageHandler(previousHandler);
    }

    // --- good calls ---------------------------------------------------------

    void addTask_dueInWords_resolvedByOurParser()
    {
        useEngine();
        m_server->enqueue(
            FakeModelServer::toolCalls({{QStringLiteral("add_task"),
                                         args({{QStringLiteral("title"), QStringLiteral("Buy milk")},
                                               {QStringLiteral("due"), QStringLiteral("tomorrow 9am")}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Added “Buy milk”, due tomorrow at 9:00.")));
        SEND(turn, QStringLiteral("remind me to buy milk tomorrow at 9"));

        QCOMPARE(turn.assistantMessage.content, QStringLiteral("Added “Buy milk”, due tomorrow at 9:00."));
        const auto task = m_fixture->taskTitled(QStringLiteral("Buy milk"));
        QVERIFY(task);
        QCOMPARE(task->due, Due::at(QDateTime(QDate(2026, 11, 27), QTime(9, 0), AssistantFixture::zone())));
        QCOMPARE(task->due.toIsoString().left(16), QStringLiteral("2026-11-27T09:00"));
        QVERIFY(task->due.toIsoString().endsWith(QStringLiteral("+01:00")));
        QCOMPARE(turn.actions.size(), 1);
        QCOMPARE(turn.actions.first().kind, TaskActionKind::Created);
        QCOMPARE(turn.actions.first().taskId, task->id);

        // The tool's result went back to the model, with the date as our parser read it.
        QCOMPARE(m_server->requests.size(), 2);
        const QJsonArray second = m_server->requests.at(1).messages();
        const QJsonObject echoed = second.at(second.size() - 2).toObject();
        QCOMPARE(echoed.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(echoed.value(QStringLiteral("tool_calls")).toArray().size(), 1);
        const QJsonObject toolMessage = second.last().toObject();
        QCOMPARE(toolMessage.value(QStringLiteral("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(toolMessage.value(QStringLiteral("tool_call_id")),
                 echoed.value(QStringLiteral("tool_calls")).toArray().first().toObject().value(QStringLiteral("id")));
        const QJsonObject result = m_server->requests.at(1).lastToolResult();
        QCOMPARE(result.value(QStringLiteral("task")).toObject().value(QStringLiteral("due")).toString(),
                 task->due.toIsoString());
    }

    void listThenComplete_usesTheIdFromTheToolResult()
    {
        const Task mom = m_fixture->addTask(QStringLiteral("Call mom"));
        const Task rent = m_fixture->addTask(QStringLiteral("Pay rent"));
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("list_tasks"), args({{QStringLiteral("text"), QStringLiteral("mom")}})}}));
        m_server->enqueue([](const FakeModelServer::Request &request) {
            const QJsonArray tasks = request.lastToolResult().value(QStringLiteral("tasks")).toArray();
            const QString id = tasks.size() == 1 ? tasks.first().toObject().value(QStringLiteral("id")).toString()
                                                 : QStringLiteral("not-found");
            return FakeModelServer::toolCalls({{QStringLiteral("complete_task"), args({{QStringLiteral("id"), id}})}});
        });
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Marked “Call mom” as done.")));
        SEND(turn, QStringLiteral("I called mom"));

        QCOMPARE(turn.assistantMessage.content, QStringLiteral("Marked “Call mom” as done."));
        QCOMPARE(m_fixture->taskTitled(QStringLiteral("Call mom"))->status, TaskStatus::Completed);
        QCOMPARE(m_fixture->taskTitled(QStringLiteral("Pay rent"))->status, TaskStatus::Pending);
        QCOMPARE(m_server->requests.size(), 3);
        QCOMPARE(m_server->requests.at(2)
                     .lastToolResult()
                     .value(QStringLiteral("task"))
                     .toObject()
                     .value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("completed")));
        QCOMPARE(turn.actions, (QList<TaskAction>{{TaskActionKind::Completed, mom.id, {}}}));
        Q_UNUSED(rent)
    }

    void updateTask_changesOnlyTheNamedFields()
    {
        const Task report
            = m_fixture->addTask(QStringLiteral("Write report"), TaskPriority::Low, {}, {QStringLiteral("draft")});
        useEngine();
        m_server->enqueue(
            FakeModelServer::toolCalls({{QStringLiteral("update_task"),
                                         args({{QStringLiteral("id"), report.id.toString(QUuid::WithoutBraces)},
                                               {QStringLiteral("title"), QStringLiteral("Write the quarterly report")},
                                               {QStringLiteral("priority"), QStringLiteral("high")},
                                               {QStringLiteral("add_tags"), QJsonArray{QStringLiteral("#work")}}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Renamed it and made it high priority.")));
        SEND(turn, QStringLiteral("the report is important, call it the quarterly report and tag it work"));

        const auto task = m_fixture->taskTitled(QStringLiteral("Write the quarterly report"));
        QVERIFY(task);
        QCOMPARE(task->id, report.id);
        QCOMPARE(task->priority, TaskPriority::High);
        QCOMPARE(task->tags, (QStringList{QStringLiteral("draft"), QStringLiteral("work")}));
        QVERIFY(task->due.isNone());
        QCOMPARE(turn.actions, (QList<TaskAction>{{TaskActionKind::Updated, report.id, {}}}));
    }

    void deleteOne_deletesAtOnce()
    {
        const Task old = m_fixture->addTask(QStringLiteral("Old task"));
        const Task keep = m_fixture->addTask(QStringLiteral("Keep me"));
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("delete_task"),
              args({{QStringLiteral("ids"), QJsonArray{old.id.toString(QUuid::WithoutBraces)}}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Deleted “Old task”.")));
        SEND(turn, QStringLiteral("delete the old task"));

        QVERIFY(!m_fixture->taskTitled(QStringLiteral("Old task")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Keep me")));
        QCOMPARE(turn.actions, (QList<TaskAction>{{TaskActionKind::Deleted, old.id, {}}}));
        QVERIFY(m_server->requests.at(1).lastToolResult().contains(QStringLiteral("deleted")));
        Q_UNUSED(keep)
    }

    void deleteTwo_asksFirst_thenYesDeletesBoth()
    {
        const Task a = m_fixture->addTask(QStringLiteral("Old task A"));
        const Task b = m_fixture->addTask(QStringLiteral("Old task B"));
        const Task c = m_fixture->addTask(QStringLiteral("Keep me"));
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("delete_task"),
              args({{QStringLiteral("ids"),
                     QJsonArray{a.id.toString(QUuid::WithoutBraces), b.id.toString(QUuid::WithoutBraces)}}})}}));
        m_server->enqueue([](const FakeModelServer::Request &request) {
            const bool asked = request.lastToolResult().value(QStringLiteral("needs_confirmation")).toBool();
            return FakeModelServer::text(asked ? QStringLiteral("Delete “Old task A” and “Old task B”? (yes/no)")
                                               : QStringLiteral("Deleted them."));
        });
        SEND(asking, QStringLiteral("delete both old tasks"));

        QCOMPARE(asking.assistantMessage.content, QStringLiteral("Delete “Old task A” and “Old task B”? (yes/no)"));
        QVERIFY(asking.actions.isEmpty());
        QCOMPARE(m_fixture->tasks().size(), 3); // nothing deleted yet
        QCOMPARE(m_server->requests.at(1).lastToolResult().value(QStringLiteral("count")).toInt(), 2);

        // The yes is settled by the built-in engine, without asking the model.
        const qsizetype requestsBefore = m_server->requests.size();
        SEND(confirmed, QStringLiteral("yes"));
        QCOMPARE(m_server->requests.size(), requestsBefore);
        QVERIFY(!m_fixture->taskTitled(QStringLiteral("Old task A")));
        QVERIFY(!m_fixture->taskTitled(QStringLiteral("Old task B")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Keep me")));
        QCOMPARE(confirmed.actions.size(), 2);
        Q_UNUSED(c)
    }

    void deleteOneByOne_holdsAllButTheFirst_thenYesDeletesTheRest()
    {
        // A model that deletes several tasks with one call each: the first goes
        // at once (like a single clearly named delete), the rest wait for a yes.
        const Task a = m_fixture->addTask(QStringLiteral("Old task A"));
        const Task b = m_fixture->addTask(QStringLiteral("Old task B"));
        const Task c = m_fixture->addTask(QStringLiteral("Old task C"));
        m_fixture->addTask(QStringLiteral("Keep me"));
        useEngine();
        const auto idsOf = [](const Task &task) {
            return args({{QStringLiteral("ids"), QJsonArray{task.id.toString(QUuid::WithoutBraces)}}});
        };
        m_server->enqueue(FakeModelServer::toolCalls({{QStringLiteral("delete_task"), idsOf(a)},
                                                      {QStringLiteral("delete_task"), idsOf(b)},
                                                      {QStringLiteral("delete_task"), idsOf(c)}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Deleted A. Delete B and C too? (yes/no)")));
        SEND(asking, QStringLiteral("delete all the old tasks"));

        QCOMPARE(asking.actions, (QList<TaskAction>{{TaskActionKind::Deleted, a.id, {}}}));
        QVERIFY(!m_fixture->taskTitled(QStringLiteral("Old task A")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Old task B")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Old task C")));
        const auto toolResults = m_server->requests.at(1).toolResults();
        QCOMPARE(toolResults.size(), 3);
        QVERIFY(toolResults.at(0).contains(QStringLiteral("deleted")));
        QVERIFY(toolResults.at(1).value(QStringLiteral("needs_confirmation")).toBool());
        QVERIFY(toolResults.at(2).value(QStringLiteral("needs_confirmation")).toBool());

        SEND(confirmed, QStringLiteral("yes"));
        QCOMPARE(confirmed.actions,
                 (QList<TaskAction>{{TaskActionKind::Deleted, b.id, {}}, {TaskActionKind::Deleted, c.id, {}}}));
        QVERIFY(confirmed.assistantMessage.content.contains(QStringLiteral("Old task B")));
        QVERIFY(confirmed.assistantMessage.content.contains(QStringLiteral("Old task C")));
        QCOMPARE(m_fixture->tasks().size(), 1);

        // The confirmed deletes are one undoable step: one undo brings both back.
        m_server->enqueue(FakeModelServer::toolCalls({{QStringLiteral("undo"), args({})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Brought them back.")));
        SEND(undone, QStringLiteral("undo that"));
        QCOMPARE(m_server->requests.at(m_server->requests.size() - 1).lastToolResult().value(QStringLiteral("undone")),
                 QJsonValue(2));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Old task B")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Old task C")));
        QVERIFY(!m_fixture->taskTitled(QStringLiteral("Old task A")));
        Q_UNUSED(undone)
    }

    void completeTwo_secondWaits_andNoLeavesIt()
    {
        const Task a = m_fixture->addTask(QStringLiteral("Water the plants"));
        const Task b = m_fixture->addTask(QStringLiteral("Feed the cat"));
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("complete_task"), args({{QStringLiteral("id"), a.id.toString(QUuid::WithoutBraces)}})},
             {QStringLiteral("update_task"),
              args({{QStringLiteral("id"), b.id.toString(QUuid::WithoutBraces)},
                    {QStringLiteral("priority"), QStringLiteral("urgent")}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Done. Make the cat urgent too? (yes/no)")));
        SEND(asking, QStringLiteral("finish the plants and make the cat urgent"));
        QCOMPARE(asking.actions, (QList<TaskAction>{{TaskActionKind::Completed, a.id, {}}}));
        QCOMPARE(m_fixture->taskTitled(QStringLiteral("Feed the cat"))->priority, TaskPriority::None);

        SEND(declined, QStringLiteral("no"));
        QVERIFY(declined.actions.isEmpty());
        QCOMPARE(m_fixture->taskTitled(QStringLiteral("Feed the cat"))->priority, TaskPriority::None);
        QCOMPARE(m_fixture->taskTitled(QStringLiteral("Water the plants"))->status, TaskStatus::Completed);
    }

    void updateTwoFields_ofOneTask_needNoYes()
    {
        const Task a = m_fixture->addTask(QStringLiteral("Water the plants"));
        useEngine();
        const QString id = a.id.toString(QUuid::WithoutBraces);
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("update_task"),
              args({{QStringLiteral("id"), id}, {QStringLiteral("priority"), QStringLiteral("high")}})},
             {QStringLiteral("complete_task"), args({{QStringLiteral("id"), id}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Done.")));
        SEND(turn, QStringLiteral("make the plants high priority and mark them done"));
        QCOMPARE(turn.actions.size(), 2);
        const auto task = m_fixture->taskTitled(QStringLiteral("Water the plants"));
        QCOMPARE(task->priority, TaskPriority::High);
        QCOMPARE(task->status, TaskStatus::Completed);
    }

    void twoMessagesAtOnce_inOneSession_runOneAfterTheOther()
    {
        // The second message arrives while the model is still answering the
        // first: it waits, so each turn sees the other's state and history.
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("add_task"), args({{QStringLiteral("title"), QStringLiteral("First")}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Added First.")));
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("add_task"), args({{QStringLiteral("title"), QStringLiteral("Second")}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Added Second.")));

        QList<QString> answered;
        QObject context;
        for (const QString &message : {QStringLiteral("add first"), QStringLiteral("add second")}) {
            m_fixture->assistant->send(m_fixture->owner, m_fixture->session, message, AssistantFixture::zone(),
                                       QUuid::createUuid(), &context, [&answered](Result<AssistantTurn> turn) {
                                           answered.append(turn ? turn->assistantMessage.content
                                                                : turn.error().toString());
                                       });
        }
        QVERIFY(QTest::qWaitFor([&] { return answered.size() == 2; }, 30'000));
        QCOMPARE(answered, (QList<QString>{QStringLiteral("Added First."), QStringLiteral("Added Second.")}));
        m_texts += answered;

        auto messages = m_fixture->chatService->messages(m_fixture->owner, m_fixture->session);
        TANDEM_VERIFY_OK(messages);
        QStringList contents;
        for (const ChatMessage &message : std::as_const(messages.value()))
            contents.append(message.content);
        QCOMPARE(contents,
                 (QStringList{QStringLiteral("add first"), QStringLiteral("Added First."), QStringLiteral("add second"),
                              QStringLiteral("Added Second.")}));
        // The second request carried the first exchange as history.
        const QJsonArray history = m_server->requests.at(2).messages();
        bool sawFirst = false;
        for (const QJsonValue &message : history)
            sawFirst = sawFirst || message.toObject().value(QStringLiteral("content")).toString() == u"Added First.";
        QVERIFY(sawFirst);
        // Both turns' changes are in the undo history, neither overwritten.
        auto state = m_fixture->store->assistantState(m_fixture->owner, m_fixture->session);
        TANDEM_VERIFY_OK(state);
        QCOMPARE(QJsonDocument::fromJson(state->toUtf8()).object().value(QStringLiteral("undo")).toArray().size(), 2);
    }

    void contentParts_andThinking_areTolerated()
    {
        useEngine();
        const QJsonObject message{
            {QStringLiteral("role"), QStringLiteral("assistant")},
            {QStringLiteral("content"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                    {QStringLiteral("text"), QStringLiteral("<think>the user said hi</think>Hello")}},
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                    {QStringLiteral("text"), QStringLiteral(" there.")}}}}};
        const QJsonObject body{
            {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("message"), message}}}}};
        m_server->enqueue(FakeModelServer::status(200, QJsonDocument(body).toJson()));
        SEND(turn, QStringLiteral("hi"));
        QCOMPARE(turn.assistantMessage.content, QStringLiteral("Hello there."));
    }

    // --- what the model is sent -------------------------------------------

    void request_carriesModelToolsSystemPromptAndKey()
    {
        useEngine([](LlmConfig &config) { config.temperature = 0.5; });
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Hello!")));
        SEND(turn, QStringLiteral("hello there"));
        QCOMPARE(turn.assistantMessage.content, QStringLiteral("Hello!"));

        QCOMPARE(m_server->requests.size(), 1);
        const FakeModelServer::Request &request = m_server->requests.first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/v1/chat/completions"));
        QCOMPARE(request.headers.value("authorization"), "Bearer " + testKey.toUtf8());
        QVERIFY(request.headers.value("content-type").startsWith("application/json"));
        const QJsonObject body = request.json();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("fake-model"));
        QCOMPARE(body.value(QStringLiteral("tools")).toArray(), TurnTools::definitions());
        QCOMPARE(body.value(QStringLiteral("tool_choice")).toString(), QStringLiteral("auto"));
        QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.5);
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(true), false);
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.first().toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        const QString system = messages.first().toObject().value(QStringLiteral("content")).toString();
        QVERIFY2(system.contains(QStringLiteral("Thursday 26 November 2026, 10:00 (Europe/Berlin)")),
                 qPrintable(system));
        for (const QString &rule :
             {QStringLiteral("by its id"), QStringLiteral("list_tasks"), QStringLiteral("exactly as the user said"),
              QStringLiteral("ask one short question"), QStringLiteral("needs the user's yes"),
              QStringLiteral("Never say that a task"), QStringLiteral("Keep replies short")})
            QVERIFY2(system.contains(rule), qPrintable(rule));
        QCOMPARE(messages.last().toObject(),
                 (QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), QStringLiteral("hello there")}}));
    }

    void request_withoutKey_hasNoAuthorization()
    {
        useEngine([](LlmConfig &config) { config.apiKey.clear(); });
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Hi.")));
        SEND(turn, QStringLiteral("hello"));
        QCOMPARE(m_server->requests.size(), 1);
        QVERIFY(!m_server->requests.first().headers.contains("authorization"));
        Q_UNUSED(turn)
    }

    void request_history_keptWithinTheTokenBudget()
    {
        // Earlier turns (built-in answers), then one through the model with a small budget.
        for (int i = 1; i <= 6; ++i)
            QVERIFY(
                !m_fixture->say(QStringLiteral("add errand number %1 %2").arg(i).arg(QString(120, u'x'))).isEmpty());
        useEngine([](LlmConfig &config) { config.historyTokenBudget = 150; });
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Noted.")));
        SEND(turn, QStringLiteral("what did I just add?"));
        Q_UNUSED(turn)

        const QJsonArray messages = m_server->requests.first().messages();
        QVERIFY(messages.size() > 2); // some history went along
        QVERIFY(messages.size() < 14); // but not all twelve earlier messages
        int tokens = 0;
        for (qsizetype i = 1; i + 1 < messages.size(); ++i)
            tokens += LlmEngine::estimatedTokens(messages.at(i).toObject().value(QStringLiteral("content")).toString());
        QVERIFY2(tokens <= 150, qPrintable(QString::number(tokens)));
        // The newest history is the last reply, right before this message.
        const QJsonObject newest = messages.at(messages.size() - 2).toObject();
        QCOMPARE(newest.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        const QJsonObject previousUser = messages.at(messages.size() - 3).toObject();
        QVERIFY(
            previousUser.value(QStringLiteral("content")).toString().startsWith(QStringLiteral("add errand number 6")));
    }

    void messagesFor_budget_keepsTheNewestContiguousMessages()
    {
        ExternalTurn turn;
        turn.message = QStringLiteral("now");
        turn.nowText = QStringLiteral("Thursday 26 November 2026, 10:00 (Europe/Berlin)");
        const auto message = [](ChatRole role, qsizetype chars) {
            ChatMessage m;
            m.role = role;
            m.content = QString(chars, u'a');
            return m;
        };
        turn.history = {message(ChatRole::User, 400), message(ChatRole::Assistant, 8), message(ChatRole::User, 40),
                        message(ChatRole::Assistant, 40)};
        // 40 + 40 chars = 20 tokens; 8 more = 22; the 400-char one (100 tokens) does not fit.
        QJsonArray messages = LlmEngine::messagesFor(turn, 50);
        QCOMPARE(messages.size(), 1 + 3 + 1);
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString().size(), 8);
        QCOMPARE(messages.at(3).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        // Nothing older than a message that did not fit, even if it would fit.
        turn.history.prepend(message(ChatRole::User, 4));
        QCOMPARE(LlmEngine::messagesFor(turn, 50).size(), 5);
        QCOMPARE(LlmEngine::messagesFor(turn, 0).size(), 2);
        QCOMPARE(LlmEngine::messagesFor(turn, 1000).size(), 7);
    }

    // --- bad calls ----------------------------------------------------------

    void malformedArguments_fedBackAsAToolError()
    {
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls({{QStringLiteral("add_task"), QStringLiteral("{title: \"oops")}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("Sorry, I could not add that.")));
        SEND(turn, QStringLiteral("add oops"));

        QCOMPARE(turn.assistantMessage.content, QStringLiteral("Sorry, I could not add that."));
        QCOMPARE(m_server->requests.size(), 2);
        QCOMPARE(m_server->requests.at(1).lastToolResult(),
                 (QJsonObject{{QStringLiteral("error"), QStringLiteral("arguments were not valid JSON")}}));
        QVERIFY(m_fixture->tasks().isEmpty());
        QVERIFY(turn.actions.isEmpty());
    }

    void unknownTool_fedBackAsAToolError()
    {
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("send_email"), args({{QStringLiteral("to"), QStringLiteral("bob")}})},
             {QStringLiteral("add_task"), args({{QStringLiteral("title"), QStringLiteral("Email Bob")}})}}));
        m_server->enqueue(FakeModelServer::text(QStringLiteral("I cannot send email, but I added “Email Bob”.")));
        SEND(turn, QStringLiteral("email bob"));

        const QList<QJsonObject> results = m_server->requests.at(1).toolResults();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).value(QStringLiteral("error")).toString(),
                 QStringLiteral("there is no tool called send_email"));
        QVERIFY(results.at(1).contains(QStringLiteral("task")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Email Bob")));
        QCOMPARE(turn.actions.size(), 1);
    }

    void loopingModel_stopsAfterMaxToolRounds_builtinAnswers()
    {
        useEngine([](LlmConfig &config) { config.maxToolRounds = 3; });
        m_server->setFallback([](const FakeModelServer::Request &) {
            return FakeModelServer::toolCalls({{QStringLiteral("list_tasks"), QStringLiteral("{}")}});
        });
        SEND(turn, QStringLiteral("add Buy milk"));

        QCOMPARE(m_server->requests.size(), 4); // three rounds of tools, then the fourth answer is refused
        QVERIFY2(turn.assistantMessage.content.contains(QStringLiteral("kept calling tools without answering")),
                 qPrintable(turn.assistantMessage.content));
        QVERIFY(turn.assistantMessage.content.contains(QStringLiteral("I answered this one myself")));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Buy milk")));
        QCOMPARE(m_fixture->tasks().size(), 1);
    }

    // --- failures: say so, and the built-in engine answers --------------------

    void httpError_saysWhatWentWrong_builtinAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("401") << 401
                             << ("{\"error\":{\"message\":\"Incorrect API key provided: " + testKey.toUtf8() + "\"}}")
                             << QStringLiteral("The AI model refused the API key (401); check it in Settings.");
        QTest::newRow("429") << 429 << QByteArray("{\"error\":{\"message\":\"Rate limit reached\"}}")
                             << QStringLiteral("The AI model is rate-limiting requests (429); try again later.");
        QTest::newRow("500") << 500 << QByteArray("{\"error\":\"boom\"}")
                             << QStringLiteral("The AI model failed (HTTP 500).");
        QTest::newRow("503 without a body") << 503 << QByteArray() << QStringLiteral("The AI model failed (HTTP 503).");
        QTest::newRow("404 names the server's reason, without the key")
            << 404 << ("{\"error\":{\"message\":\"model 'nope' not found (key " + testKey.toUtf8() + ")\"}}")
            << QStringLiteral("refused the request (HTTP 404: model 'nope' not found (key ***)); check the endpoint "
                              "and the model name in Settings.");
        QTest::newRow("200 but not JSON")
            << 200 << QByteArray("<html>hello</html>") << QStringLiteral("sent an answer that is not valid JSON.");
        QTest::newRow("200 without choices")
            << 200 << QByteArray("{\"choices\":[]}") << QStringLiteral("sent no answer (no choices).");
        QTest::newRow("200 with an empty message")
            << 200 << QByteArray("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null}}]}")
            << QStringLiteral("sent an empty answer.");
    }

    void httpError_saysWhatWentWrong_builtinAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        useEngine();
        m_server->enqueue(FakeModelServer::status(status, body));
        SEND(turn, QStringLiteral("add Buy milk"));

        const QString reply = turn.assistantMessage.content;
        QVERIFY2(reply.contains(expected), qPrintable(reply));
        QVERIFY2(reply.contains(QStringLiteral("I answered this one myself")), qPrintable(reply));
        QVERIFY2(!reply.contains(testKey), qPrintable(reply));
        QVERIFY2(!reply.contains(QStringLiteral("/v1/chat/completions")), qPrintable(reply));
        // The built-in engine's answer follows: the task is there.
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Buy milk")));
        QCOMPARE(turn.actions.size(), 1);
        QCOMPARE(m_server->requests.size(), 1);
    }

    void timeout_saysSo_builtinAnswers()
    {
        useEngine([](LlmConfig &config) { config.timeoutMs = 300; });
        m_server->enqueue(FakeModelServer::Response{200, {}, {}, true});
        QElapsedTimer clock;
        clock.start();
        SEND(turn, QStringLiteral("add Buy milk"));

        QVERIFY(clock.elapsed() < 10'000);
        const QString expected
            = QStringLiteral("The AI model at 127.0.0.1:%1 did not answer within 1 s.").arg(m_server->port());
        QVERIFY2(turn.assistantMessage.content.contains(expected), qPrintable(turn.assistantMessage.content));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Buy milk")));
    }

    void connectionRefused_saysSo_builtinAnswers()
    {
        // A port that was just free: nothing listens there.
        QTcpServer probe;
        QVERIFY2(probe.listen(QHostAddress::LocalHost, 0), qPrintable(probe.errorString()));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        useEngine([closedPort](LlmConfig &config) {
            config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1?token=%2").arg(closedPort).arg(testKey));
        });
        SEND(turn, QStringLiteral("add Buy milk"));

        const QString reply = turn.assistantMessage.content;
        QVERIFY2(reply.contains(QStringLiteral("Cannot reach the AI model at 127.0.0.1:%1.").arg(closedPort)),
                 qPrintable(reply));
        QVERIFY2(!reply.contains(QStringLiteral("token=")), qPrintable(reply));
        QVERIFY(m_fixture->taskTitled(QStringLiteral("Buy milk")));
    }

    void failureAfterAChange_keepsTheChangeAndSaysSo()
    {
        useEngine();
        m_server->enqueue(FakeModelServer::toolCalls(
            {{QStringLiteral("add_task"), args({{QStringLiteral("title"), QStringLiteral("Buy milk")}})}}));
        m_server->enqueue(FakeModelServer::status(500));
        SEND(turn, QStringLiteral("add Buy milk"));

        // The built-in engine does not answer too: that would add the task twice.
        QCOMPARE(m_fixture->tasks().size(), 1);
        QCOMPARE(turn.actions.size(), 1);
        QVERIFY2(turn.assistantMessage.content.startsWith(QStringLiteral("The AI model failed (HTTP 500).")),
                 qPrintable(turn.assistantMessage.content));
    }

    // --- the engine on its own --------------------------------------------

    void respond_answersLater_andNeverAfterTheEngineIsGone()
    {
        m_server->enqueue(FakeModelServer::Response{200, {}, {}, true});
        LlmConfig config;
        config.baseUrl = m_server->baseUrl();
        config.model = QStringLiteral("fake-model");
        auto engine = std::make_unique<LlmEngine>(config);
        RecordingTools tools;
        ExternalTurn turn;
        turn.message = QStringLiteral("hello");
        int answers = 0;
        engine->respond(turn, tools, [&answers](const Result<QString> &) { ++answers; });
        QSignalSpy received(m_server.get(), &FakeModelServer::requestReceived);
        QVERIFY(received.wait(10'000));
        engine.reset();
        QTest::qWait(200);
        QCOMPARE(answers, 0);
    }

    void respond_invalidEndpoint_failsLater()
    {
        LlmConfig config;
        config.baseUrl = QUrl(QStringLiteral("ftp://example.org/v1"));
        config.model = QStringLiteral("fake-model");
        LlmEngine engine(config);
        RecordingTools tools;
        std::optional<Result<QString>> outcome;
        engine.respond(ExternalTurn{}, tools, [&outcome](const Result<QString> &result) { outcome = result; });
        QVERIFY(!outcome);
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(!*outcome);
        QCOMPARE(outcome->error().field, QStringLiteral("assistant/endpoint"));
    }

    void testConnection_reportsTheAnswerOrTheProblem()
    {
        LlmConfig config;
        config.baseUrl = m_server->baseUrl();
        config.model = QStringLiteral("fake-model");
        config.apiKey = testKey;
        LlmEngine engine(config);
        m_server->enqueue(FakeModelServer::text(QStringLiteral("OK")));
        m_server->enqueue(FakeModelServer::status(401));
        QObject context;
        std::optional<Result<QString>> outcome;
        engine.testConnection(&context, [&outcome](const Result<QString> &result) { outcome = result; });
        QTRY_VERIFY(outcome.has_value());
        TANDEM_VERIFY_OK(*outcome);
        QCOMPARE(outcome->value(), QStringLiteral("OK"));
        const QJsonObject body = m_server->requests.first().json();
        QVERIFY(!body.contains(QStringLiteral("tools")));
        QCOMPARE(body.value(QStringLiteral("messages")).toArray().size(), 1);

        outcome.reset();
        engine.testConnection(&context, [&outcome](const Result<QString> &result) { outcome = result; });
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(!*outcome);
        QCOMPARE(outcome->error().reason, QStringLiteral("llm_unauthorized"));
        QCOMPARE(outcome->error().message,
                 QStringLiteral("The AI model refused the API key (401); check it in Settings."));
        m_texts.append(outcome->error().toString());
    }

    void hostLabel_namesHostAndPortOnly()
    {
        QCOMPARE(LlmEngine::hostLabel(QUrl(QStringLiteral("https://api.openai.com/v1?key=x"))),
                 QStringLiteral("api.openai.com"));
        QCOMPARE(LlmEngine::hostLabel(QUrl(QStringLiteral("http://user:pw@localhost:11434/v1"))),
                 QStringLiteral("localhost:11434"));
        QCOMPARE(LlmEngine::hostLabel(QUrl(QStringLiteral("http://[::1]:8080/v1"))), QStringLiteral("[::1]:8080"));
    }
};

QTEST_GUILESS_MAIN(TestLlmEngine)
#include "tst_llm_engine.moc"
