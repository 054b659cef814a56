#pragma once

#include "conversation.h"
#include "domain/chat.h"
#include "domain/result.h"
#include "services/servicesupport.h"

#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimeZone>
#include <QUuid>

#include <functional>
#include <memory>
#include <vector>

namespace tandem {
class ChatService;
class Store;
class TaskService;
} // namespace tandem

namespace tandem::assistant {

class ExternalEngine;
class TaskCatalog;

struct AssistantTurn
{
    ChatMessage userMessage;
    ChatMessage assistantMessage;
    QList<TaskAction> actions; // what the reply did to tasks (also in assistantMessage.actions)
    bool replayed = false; // the same opId was answered before; nothing new was done
};

// One exchange with the assistant: stores the user's message through
// ChatService, lets an engine answer (the built-in one, or a language model
// with the built-in one as its fallback), carries out the task changes through
// TaskService, stores the reply with the actions it caused, and remembers the
// conversation's state — so every window and browser sees all of it at once.
class AssistantService final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxMessage = 4'000; // characters a user may send

    AssistantService(Store &store, TaskService &tasks, ChatService &chats, Clock clock = {}, QObject *parent = nullptr);
    ~AssistantService() override;
    Q_DISABLE_COPY_MOVE(AssistantService)

    // What "now" is for relative dates (the injected clock, else the wall clock).
    QDateTime now() const;
    // How numeric dates ("3/4") read: the user's locale; en_US until set.
    void setLocale(const QLocale &locale);
    QLocale locale() const;

    // The engine to try first; nullptr for the built-in engine only. May be
    // called at any time (Settings swap it while browsers stay connected): a
    // turn the previous engine is answering finishes with it.
    void setExternalEngine(std::unique_ptr<ExternalEngine> engine);
    bool hasExternalEngine() const { return m_external != nullptr; }

    // Answers `content` in `sessionId`. `opId` makes it idempotent: the same
    // opId again returns the first answer and changes nothing. `done` runs on
    // `context`'s thread, later (never before send() returns), and not at all
    // if `context` is destroyed first. Call from this object's thread; the
    // built-in engine's work runs on this service's own worker thread.
    void send(const QUuid &ownerId, const QUuid &sessionId, const QString &content, const QTimeZone &zone,
              const QUuid &opId, QObject *context, std::function<void(Result<AssistantTurn>)> done);

    // The same with the built-in engine, synchronously (tests, benchmarks).
    Result<AssistantTurn> sendNow(const QUuid &ownerId, const QUuid &sessionId, const QString &content,
                                  const QTimeZone &zone, const QUuid &opId = QUuid::createUuid());

    // For the crash tests only: called at each step of a turn ("user", "engine", "state",
    // "reply") while its transaction is still open.
    void setStepHook(std::function<void(const char *step)> hook) { m_stepHook = std::move(hook); }

private:
    struct Turn;
    Result<std::shared_ptr<Turn>> begin(const QUuid &ownerId, const QUuid &sessionId, const QString &content,
                                        const QTimeZone &zone, const QUuid &opId);
    Result<AssistantTurn> finish(Turn &turn, const QString &reply);
    Result<AssistantTurn> finishTogether(Turn &turn, const QString &reply);
    // begin(), the built-in engine and finish() as one unit of work: all of it commits, or none.
    Result<AssistantTurn> builtinExchange(const QUuid &ownerId, const QUuid &sessionId, const QString &content,
                                          const QTimeZone &zone, const QUuid &opId);
    void step(const char *name) const
    {
        if (m_stepHook)
            m_stepHook(name);
    }
    void runBuiltin(Turn &turn, const QString &prefix = {});
    Result<AssistantTurn> replayOf(const QUuid &ownerId, const QUuid &opId);
    TaskCatalog &catalogFor(const QUuid &ownerId);
    void startWaiting(const QUuid &sessionId);

    Store &m_store;
    TaskService &m_tasks;
    ChatService &m_chats;
    Clock m_clock;
    QLocale m_locale = QLocale(QLocale::English, QLocale::UnitedStates);
    std::unique_ptr<ExternalEngine> m_external;
    // Engines replaced while a model turn was in flight, freed once none is.
    std::vector<std::unique_ptr<ExternalEngine>> m_retired;
    QHash<QUuid, std::shared_ptr<TaskCatalog>> m_catalogs;
    // Each session's state as this service last stored it, text and parsed.
    static constexpr qsizetype MaxCachedStates = 64;
    QHash<QUuid, std::pair<QString, ConversationState>> m_states;
    mutable QMutex m_mutex; // one turn at a time: turns share catalogs
    QSet<QUuid> m_busySessions; // a language model is answering there
    QHash<QUuid, QList<std::function<void()>>> m_waiting; // messages sent meanwhile, in order
    std::function<void(const char *)> m_stepHook;
    // The built-in engine's turns run here, one at a time in the order sent,
    // never on the caller's thread: a message that scans thousands of tasks
    // must not stall the sockets the sync server's thread serves.
    QThreadPool m_worker;
};

// The opIds a turn derives from its own, so a retried turn repeats exactly.
QUuid derivedOpId(const QUuid &opId, const QString &purpose);

} // namespace tandem::assistant
