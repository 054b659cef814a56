#include "assistantservice.h"

#include "builtin/builtinengine.h"
#include "catalog.h"
#include "conversation.h"
#include "domain/json.h"
#include "externalengine.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "taskops.h"
#include "turntools.h"

#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QScopeGuard>

namespace tandem::assistant {

namespace {
Q_LOGGING_CATEGORY(lcAssistant, "tandem.assistant")
constexpr int historyMessages = 20;
const QString defaultSessionTitle = QStringLiteral("New chat");
constexpr qsizetype sessionTitleLength = 60;

QString sessionTitleFrom(const QString &content)
{
    QString title = content.simplified();
    if (codePointCount(title) > sessionTitleLength) {
        // Cut after sessionTitleLength - 1 code points, never inside a surrogate pair.
        qsizetype cut = 0;
        for (qsizetype points = 0; points < sessionTitleLength - 1 && cut < title.size(); ++points)
            cut += (title.at(cut).isHighSurrogate() && cut + 1 < title.size()) ? 2 : 1;
        title.truncate(cut);
        const qsizetype space = title.lastIndexOf(u' ');
        if (space > 20)
            title.truncate(space);
        title += u'…';
    }
    // No control characters survive simplified(); an empty result keeps the default.
    return title.isEmpty() ? defaultSessionTitle : title;
}
} // namespace

QUuid derivedOpId(const QUuid &opId, const QString &purpose)
{
    return QUuid::createUuidV5(opId, purpose);
}

struct AssistantService::Turn
{
    QUuid ownerId;
    QUuid sessionId;
    QUuid opId;
    QString content;
    QString reply;
    TurnContext context;
    ConversationState state;
    QString storedState; // the state as it was stored before this turn
    std::shared_ptr<TaskCatalog> catalog;
    std::unique_ptr<TaskOps> ops;
    ChatMessage userMessage;
    qint64 replySeq = 0; // the change-log entry of the reply: the exchange's last
    int nextOp = 0;
};

AssistantService::AssistantService(Store &store, TaskService &tasks, ChatService &chats, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tasks(tasks)
    , m_chats(chats)
    , m_clock(std::move(clock))
{
    m_worker.setMaxThreadCount(1); // turns in the order sent; they share catalogs anyway
    m_worker.setExpiryTimeout(-1); // keeps its thread, and the thread its database connection
}

AssistantService::~AssistantService()
{
    m_worker.waitForDone();
}

void AssistantService::setExternalEngine(std::unique_ptr<ExternalEngine> engine)
{
    const QMutexLocker lock(&m_mutex);
    // Never from inside an engine's callback (this runs from the event loop),
    // so an engine retired earlier can go once no model turn is running.
    if (m_busySessions.isEmpty())
        m_retired.clear();
    else if (m_external)
        m_retired.push_back(std::move(m_external));
    m_external = std::move(engine);
}

TaskCatalog &AssistantService::catalogFor(const QUuid &ownerId)
{
    auto &catalog = m_catalogs[ownerId];
    if (!catalog)
        catalog = std::make_shared<TaskCatalog>(m_store, ownerId);
    return *catalog;
}

Result<AssistantTurn> AssistantService::replayOf(const QUuid &ownerId, const QUuid &opId)
{
    auto user = m_store.operationChanges(ownerId, derivedOpId(opId, QStringLiteral("user")));
    auto reply = m_store.operationChanges(ownerId, derivedOpId(opId, QStringLiteral("reply")));
    if (!user)
        return user.error();
    if (!reply)
        return reply.error();
    if (user->isEmpty() || reply->isEmpty() || !user->constFirst().message() || !reply->constFirst().message())
        return Error::storage(QStringLiteral("the earlier answer to this message is missing"));
    AssistantTurn turn;
    turn.userMessage = *user->constFirst().message();
    turn.assistantMessage = *reply->constFirst().message();
    turn.actions = turn.assistantMessage.actions;
    turn.replayed = true;
    return turn;
}

QDateTime AssistantService::now() const
{
    return nowFrom(m_clock);
}

void AssistantService::setLocale(const QLocale &locale)
{
    QMutexLocker lock(&m_mutex);
    m_locale = locale;
}

QLocale AssistantService::locale() const
{
    QMutexLocker lock(&m_mutex);
    return m_locale;
}

Result<std::shared_ptr<AssistantService::Turn>> AssistantService::begin(const QUuid &ownerId, const QUuid &sessionId,
                                                                        const QString &content, const QTimeZone &zone,
                                                                        const QUuid &opId)
{
    if (content.trimmed().isEmpty())
        return Error::validation(QStringLiteral("content"), QStringLiteral("must not be empty"));
    if (const auto length = codePointCount(content); length > MaxMessage)
        return Error::validation(QStringLiteral("content"),
                                 QStringLiteral("is %1 characters long; the limit is %2").arg(length).arg(MaxMessage));
    if (auto valid = validateMessageContent(content); !valid)
        return valid.error();
    auto session = m_chats.session(ownerId, sessionId);
    if (!session)
        return session.error();

    auto turn = std::make_shared<Turn>();
    turn->ownerId = ownerId;
    turn->sessionId = sessionId;
    turn->opId = opId;
    turn->content = content;
    turn->context.ownerId = ownerId;
    turn->context.now = Now{nowFrom(m_clock), zone.isValid() ? zone : QTimeZone::systemTimeZone()};
    turn->context.locale = m_locale;

    const bool firstMessage = session->title == defaultSessionTitle && session->revision == 1;
    auto user = m_chats.addMessage(ownerId, sessionId, ChatRole::User, content, {},
                                   derivedOpId(opId, QStringLiteral("user")));
    if (!user)
        return user.error();
    turn->userMessage = *user->message();
    step("user");
    if (firstMessage && !user->replayed) {
        SessionPatch patch;
        patch.title = sessionTitleFrom(content);
        if (auto titled = m_chats.updateSession(ownerId, sessionId, patch, derivedOpId(opId, QStringLiteral("title")));
            !titled)
            qCWarning(lcAssistant) << "could not title the conversation:" << titled.error().message;
    }

    auto stored = m_store.assistantState(ownerId, sessionId);
    if (!stored)
        return stored.error();
    turn->storedState = stored.value();
    // The state this service wrote last time is parsed already.
    if (const auto cached = m_states.constFind(sessionId);
        cached != m_states.cend() && cached->first == turn->storedState)
        turn->state = cached->second;
    else
        turn->state = ConversationState::fromJson(QJsonDocument::fromJson(stored->toUtf8()).object());

    TaskCatalog &catalog = catalogFor(ownerId);
    if (auto refreshed = catalog.refresh(); !refreshed)
        return refreshed.error();
    turn->catalog = m_catalogs.value(ownerId);
    Turn *raw = turn.get();
    turn->ops = std::make_unique<TaskOps>(m_tasks, catalog, ownerId, [raw] {
        return derivedOpId(raw->opId, QStringLiteral("task/%1").arg(raw->nextOp++));
    });
    return turn;
}

Result<AssistantTurn> AssistantService::finish(Turn &turn, const QString &reply)
{
    // Many turns leave the state as it was ("how many tasks?", "help", the
    // same list again): then there is nothing to write, and a durable commit saved.
    const QString state = QString::fromUtf8(QJsonDocument(turn.state.toJson()).toJson(QJsonDocument::Compact));
    if (state != turn.storedState) {
        auto stored = m_store.setAssistantState(turn.ownerId, turn.sessionId, state, nowFrom(m_clock));
        if (!stored)
            return stored.error(); // the exchange and its memory go together, or not at all
        step("state");
        if (m_states.size() >= MaxCachedStates)
            m_states.clear();
        m_states.insert(turn.sessionId, {state, turn.state});
    }
    auto message = m_chats.addMessage(turn.ownerId, turn.sessionId, ChatRole::Assistant, reply, turn.ops->actions(),
                                      derivedOpId(turn.opId, QStringLiteral("reply")));
    if (!message)
        return message.error();
    turn.replySeq = message->seq;
    step("reply");
    AssistantTurn result;
    result.userMessage = turn.userMessage;
    result.assistantMessage = *message->message();
    result.actions = result.assistantMessage.actions;
    return result;
}

void AssistantService::runBuiltin(Turn &turn, const QString &prefix)
{
    const BuiltinEngine engine;
    const EngineReply reply = engine.respond(turn.content, turn.state, *turn.catalog, *turn.ops, turn.context);
    turn.reply = prefix.isEmpty() ? reply.text : prefix + QStringLiteral("\n\n") + reply.text;
}

Result<AssistantTurn> AssistantService::sendNow(const QUuid &ownerId, const QUuid &sessionId, const QString &content,
                                                const QTimeZone &zone, const QUuid &opId)
{
    QMutexLocker lock(&m_mutex);
    if (auto earlier = m_store.operationChanges(ownerId, derivedOpId(opId, QStringLiteral("reply")));
        earlier && !earlier->isEmpty())
        return replayOf(ownerId, opId);
    return builtinExchange(ownerId, sessionId, content, zone, opId);
}

Result<AssistantTurn> AssistantService::finishTogether(Turn &turn, const QString &reply)
{
    // The state and the reply of a language model's turn: together, or neither.
    Result<AssistantTurn> result = Error::storage(QStringLiteral("the reply was not saved"));
    auto done = m_store.inUnit(turn.ownerId, [&]() -> Result<void> {
        result = finish(turn, reply);
        if (!result)
            return result.error();
        return {};
    });
    if (!done)
        return done.error();
    return result;
}

Result<AssistantTurn> AssistantService::builtinExchange(const QUuid &ownerId, const QUuid &sessionId,
                                                        const QString &content, const QTimeZone &zone,
                                                        const QUuid &opId)
{
    // The user's message, the task changes, the conversation's state and the reply: one
    // transaction, so a crash or a failure mid-turn leaves all of it or none; every window
    // hears of it after the commit.
    Result<AssistantTurn> result = Error::storage(QStringLiteral("the exchange did not run"));
    auto done = m_store.inUnit(ownerId, [&]() -> Result<void> {
        auto turn = begin(ownerId, sessionId, content, zone, opId);
        if (!turn) {
            result = turn.error();
            return turn.error();
        }
        runBuiltin(*turn.value());
        step("engine");
        result = finish(*turn.value(), turn.value()->reply);
        if (!result)
            return result.error();
        // Every change of this unit is this exchange's own (the unit holds the
        // owner's log), and its task changes went into the catalog as they were
        // made: the next turn need not read them back.
        turn.value()->catalog->advanceTo(turn.value()->replySeq);
        return {};
    });
    if (!done) {
        // What the catalog took in from writes that rolled back never happened,
        // and the state cached for the session was never stored.
        catalogFor(ownerId).invalidate();
        m_states.remove(sessionId);
        return done.error();
    }
    return result;
}

void AssistantService::send(const QUuid &ownerId, const QUuid &sessionId, const QString &content, const QTimeZone &zone,
                            const QUuid &opId, QObject *context, std::function<void(Result<AssistantTurn>)> done)
{
    QPointer<QObject> guard(context);
    auto deliver = [guard, done](Result<AssistantTurn> result) {
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, result] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    };
    {
        // A language model's turn in this session is still running: this
        // message waits its turn, so neither overwrites the other's state.
        QMutexLocker lock(&m_mutex);
        if (m_busySessions.contains(sessionId)) {
            m_waiting[sessionId].append([this, ownerId, sessionId, content, zone, opId, guard, done] {
                send(ownerId, sessionId, content, zone, opId, guard.data(), done);
            });
            return;
        }
    }
    if (!m_external) {
        m_worker.start([this, deliver, ownerId, sessionId, content, zone, opId] {
            deliver(sendNow(ownerId, sessionId, content, zone, opId));
        });
        return;
    }
    QMutexLocker lock(&m_mutex);
    if (auto earlier = m_store.operationChanges(ownerId, derivedOpId(opId, QStringLiteral("reply")));
        earlier && !earlier->isEmpty()) {
        deliver(replayOf(ownerId, opId));
        return;
    }
    // A question is open ("which one?", "delete these 5?"): the built-in engine
    // settles the answer, the same way whichever engine asked, as one exchange.
    if (auto stored = m_store.assistantState(ownerId, sessionId);
        stored && ConversationState::fromJson(QJsonDocument::fromJson(stored->toUtf8()).object()).pending.isPending()) {
        deliver(builtinExchange(ownerId, sessionId, content, zone, opId));
        return;
    }
    // A language model answers in seconds, talking to a server: its tool calls commit as
    // they come and the user's message goes in first, while the transaction that a turn
    // of the built-in engine holds would block every other writer that long.
    auto begun = begin(ownerId, sessionId, content, zone, opId);
    if (!begun) {
        deliver(begun.error());
        return;
    }
    std::shared_ptr<Turn> turn = begun.value();
    m_busySessions.insert(sessionId);
    lock.unlock();

    ExternalTurn external;
    external.message = content;
    if (auto user = m_store.userById(ownerId); user && user.value())
        external.userName = user.value()->username;
    external.nowText = QLocale(QLocale::English)
                           .toString(turn->context.now.instant.toTimeZone(turn->context.now.zone),
                                     QStringLiteral("dddd d MMMM yyyy, HH:mm"))
        + QStringLiteral(" (%1)").arg(QString::fromUtf8(turn->context.now.zone.id()));
    if (auto history = m_chats.messages(ownerId, sessionId, historyMessages + 1); history) {
        external.history = history.value();
        if (!external.history.isEmpty() && external.history.constLast().id == turn->userMessage.id)
            external.history.removeLast();
    }
    auto tools = std::make_shared<TurnTools>(*turn->ops, *turn->catalog, turn->state, turn->context);
    m_external->respond(external, *tools, [this, turn, tools, deliver](Result<QString> answer) {
        QMutexLocker relock(&m_mutex);
        const auto next = qScopeGuard([this, session = turn->sessionId] { startWaiting(session); });
        turn->state.pushUndo(tools->group());
        if (answer) {
            deliver(finishTogether(*turn, answer.value()));
            return;
        }
        // The model failed: say so, and let the built-in engine answer.
        qCInfo(lcAssistant) << "the language model failed:" << answer.error().message;
        if (turn->ops->actions().isEmpty()) {
            runBuiltin(*turn, QStringLiteral("(%1 I answered this one myself.)").arg(answer.error().message));
            deliver(finishTogether(*turn, turn->reply));
        } else {
            deliver(finishTogether(
                *turn, QStringLiteral("%1 What I did before that is listed below.").arg(answer.error().message)));
        }
    });
}

void AssistantService::startWaiting(const QUuid &sessionId)
{
    // Called with m_mutex held; the next message runs later, from the event loop.
    m_busySessions.remove(sessionId);
    auto waiting = m_waiting.find(sessionId);
    if (waiting == m_waiting.end())
        return;
    std::function<void()> next = waiting->takeFirst();
    if (waiting->isEmpty())
        m_waiting.erase(waiting);
    QMetaObject::invokeMethod(this, std::move(next), Qt::QueuedConnection);
}

} // namespace tandem::assistant
