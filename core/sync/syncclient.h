#pragma once

#include "domain/change.h"
#include "domain/chat.h"
#include "domain/result.h"
#include "domain/task.h"
#include "reconnectbackoff.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <chrono>
#include <memory>
#include <optional>

class QWebSocket;

namespace tandem {
class OutboxStore;
}

namespace tandem::sync {

struct ServerMessage;

// A live replica of one user's tasks and chat sessions, kept in sync with a
// Tandem server over its WebSocket (docs: core/sync/protocol.h), and the
// place local changes go through.
//
// State: the CONFIRMED state is exactly what the server's change log says up
// to appliedSeq(); events are applied strictly in seq order (a gap or a
// heartbeat ahead of us asks for the missing pages; a log that no longer
// reaches back that far answers with a snapshot, which replaces it). The
// VISIBLE state, which tasks() and the signals report, is the confirmed state
// with the acknowledged-but-not-yet-seen operations and then the outbox
// applied on top, in order; any ack, error or event just recomputes it.
//
// Local changes (createTask, updateTask, deleteTask) show at once, go into an
// ordered outbox (persisted when Options::outboxPath is set, so they survive
// a restart), are sent in order once the replica has caught up after each
// (re)connect, and are replayed with the same opId until the server answers:
// an ack removes the op; a definitive error removes it too, rolls its effect
// back and reports opFailed(). The server applies a repeated opId only once.
//
// Connection: reconnects forever while running, with full-jitter exponential
// backoff (Options). Everything happens on the thread this object lives on;
// no call blocks on the network (outbox writes are a local fsync).
class SyncClient final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Offline, // not running: never started, stopped, or the token was refused
        Connecting, // opening the socket and authenticating
        Connected, // welcomed by the server
        Reconnecting, // waiting out the backoff before the next attempt
    };
    Q_ENUM(State)

    struct Options
    {
        // Outbox file (SQLite); empty keeps the outbox in memory only.
        QString outboxPath;
        // Backoff: delay n (from 0) is uniform in [0, min(cap, base * 2^n)];
        // n starts again from 0 once a connection stayed up `stablePeriod`.
        std::chrono::milliseconds backoffBase{500};
        std::chrono::milliseconds backoffCap{30'000};
        std::chrono::milliseconds stablePeriod{60'000};
        // Uniform in [0, 1]; QRandomGenerator::global() when empty.
        ReconnectBackoff::Random random;
        // A {"type":"ping"} this often keeps both ends hearing each other.
        std::chrono::milliseconds pingInterval{15'000};
        // Nothing heard for this long (including while connecting): the
        // connection is dead; drop it and reconnect.
        std::chrono::milliseconds silenceTimeout{45'000};
        // Events held while waiting for a missing page; beyond this they are
        // dropped and fetched again.
        int maxBufferedEvents = 20'000;
    };

    // Opens the outbox (when Options::outboxPath is set) and loads its
    // operations, which show in the visible state at once. Fails when the
    // outbox file cannot be opened or holds an entry that does not decode.
    // Create it on the thread it will live on (the outbox's database
    // connection belongs to that thread).
    static Result<std::unique_ptr<SyncClient>> create(Options options);
    ~SyncClient() override;
    Q_DISABLE_COPY_MOVE(SyncClient)

    // Connects to `serverUrl` (ws://host:port/ws; http://host:port is taken
    // as its /ws) with the bearer `token`, and keeps connecting until stop().
    // Starting again with the same user keeps the replica and resumes from
    // appliedSeq(); another user's welcome starts it afresh.
    void start(const QUrl &serverUrl, const QString &token);
    // Closes the connection. The replica and the outbox stay.
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_running; }
    // True until the first sync after create() has completed.
    bool isLoading() const { return m_loading; }
    // Whole seconds until the next attempt while Reconnecting, else 0.
    int reconnectInSeconds() const;
    // Operations not yet answered by the server.
    int pendingCount() const { return int(m_outbox.size()); }
    QList<QUuid> pendingOpIds() const;
    // "connected", "connecting", "reconnecting in 4 s", "offline with 3 pending changes".
    QString statusText() const;

    // The last change-log seq applied to the confirmed state.
    qint64 appliedSeq() const { return m_applied; }
    // The signed-in user, from the server's welcome (null before the first).
    QUuid userId() const { return m_userId; }

    // The visible state. Tasks are ordered by creation time, then id.
    QList<Task> tasks() const;
    std::optional<Task> task(const QUuid &id) const;
    QList<ChatSession> sessions() const;
    // The confirmed state alone (for tests and diagnostics).
    QList<Task> confirmedTasks() const;

    // Local changes. Each applies to the visible state at once and returns the
    // opId it will be acknowledged (or fail) under. Errors here are local: an
    // invalid field (Validation), an outbox that cannot be written (Storage);
    // nothing is queued then.
    //
    // The client chooses the id when `draft.id` is empty.
    Result<QUuid> createTask(const TaskDraft &draft);
    // With `baseRevision`, the server refuses (Conflict, with the current task
    // in the error's details["task"]) when the task has moved on.
    Result<QUuid> updateTask(const QUuid &taskId, const TaskPatch &patch,
                             std::optional<qint64> baseRevision = std::nullopt);
    Result<QUuid> deleteTask(const QUuid &taskId, std::optional<qint64> baseRevision = std::nullopt);

Q_SIGNALS:
    void stateChanged(tandem::sync::SyncClient::State state);
    // Fires once, when the first sync completes (with false).
    void loadingChanged(bool loading);
    // A task of the visible state was added or changed; `task` is its new value.
    void taskChanged(const tandem::Task &task);
    // A task left the visible state (deleted, or a local create rolled back).
    void taskRemoved(const QUuid &taskId);
    void sessionChanged(const tandem::ChatSession &session);
    void sessionRemoved(const QUuid &sessionId);
    // A chat message was committed (messages are not kept in the replica).
    void messageReceived(const tandem::ChatMessage &message);
    // A snapshot replaced the confirmed state: re-read tasks() and sessions().
    // No per-task signals are sent for it.
    void replicaReset();
    // One change-log row was applied to the confirmed state (after the
    // visible state and its per-task signals were updated). Once per seq.
    void eventApplied(const tandem::Change &change);
    // The server committed operation `opId` as change `seq` (or had already:
    // a replay is answered with the original seq). It has left the outbox.
    void opAcknowledged(const QUuid &opId, qint64 seq);
    // The server refused operation `opId`; its effect was rolled back and it
    // has left the outbox. On a conflict `error.details["task"]` is the
    // server's current task.
    void opFailed(const QUuid &opId, const tandem::Error &error);
    void pendingCountChanged(int count);
    // A reconnect attempt was scheduled `delayMs` from now; `attempt` counts
    // from 1 since the last stable connection.
    void reconnectScheduled(qint64 delayMs, int attempt);
    // The server refused the token; the client stopped (Offline).
    void authenticationFailed(const tandem::Error &error);

private:
    enum class OpKind { Create, Update, Delete };

    struct PendingOp
    {
        QUuid opId;
        OpKind kind = OpKind::Create;
        QUuid taskId;
        TaskDraft draft; // Create
        TaskPatch patch; // Update
        std::optional<qint64> baseRevision; // Update, Delete
        QJsonObject data; // the command's wire "data"
        QDateTime createdAt;
        bool sent = false; // on the current connection
        qint64 committedSeq = 0; // its event is in the confirmed state already
    };

    struct AckedOp
    {
        QUuid opId;
        QUuid taskId;
        qint64 seq = 0;
        Task task; // the state the server committed (a tombstone for a delete)
    };

    explicit SyncClient(Options options);
    static QString commandName(OpKind kind);
    Result<void> loadOutbox();

    // Connection.
    void openSocket();
    void onConnected();
    void onText(const QString &text);
    void onSocketGone(QWebSocket *socket);
    // Forgets the current socket and everything that lives per connection.
    void discardSocket();
    void dropConnection(const QString &why);
    void scheduleReconnect();
    void setState(State state);
    void send(const QString &text);
    void hearFromServer();

    // Messages.
    void onWelcome(const ServerMessage &message);
    void onSyncResponse(const ServerMessage &message);
    void onAck(const ServerMessage &message);
    void onError(const ServerMessage &message);
    void onHeartbeat(const ServerMessage &message);

    // The confirmed state.
    void receiveEvent(qint64 seq, std::optional<Change> change);
    void applyEvent(qint64 seq, const std::optional<Change> &change);
    void drainBuffer();
    void requestSync();
    void syncFinished();
    void applySnapshot(qint64 seq, QList<Task> tasks, QList<ChatSession> sessions);
    void dropSeenAcks(QList<QUuid> *touched);

    // The outbox and the visible state.
    Result<QUuid> enqueue(PendingOp op);
    void sendOutbox();
    qsizetype indexOfOp(const QUuid &opId) const;
    QList<QUuid> pendingTaskIds() const;
    void forgetOp(qsizetype index);
    std::optional<Task> applyOp(std::optional<Task> task, const PendingOp &op) const;
    std::optional<Task> computeVisible(const QUuid &taskId) const;
    void refreshTasks(const QList<QUuid> &taskIds);
    void recomputeAll();

    Options m_options;
    std::unique_ptr<OutboxStore> m_outboxStore;
    ReconnectBackoff m_backoff;

    // Connection state.
    QUrl m_url;
    QString m_token;
    bool m_running = false;
    State m_state = State::Offline;
    QWebSocket *m_socket = nullptr; // a child; replaced on every attempt
    bool m_welcomed = false;
    bool m_syncing = false; // a sync_request is unanswered
    bool m_caughtUp = false; // this connection finished its first sync; ops may go out
    QTimer m_reconnectTimer;
    QDeadlineTimer m_reconnectDeadline; // exact, where the (coarse) timer may fire up to 5% late
    QTimer m_silenceTimer;
    QTimer m_pingTimer;
    QTimer m_stableTimer;

    // Replica.
    QUuid m_userId;
    bool m_loading = true;
    bool m_hasState = false; // a snapshot has been applied (else the next sync asks for one)
    qint64 m_applied = 0;
    QHash<QUuid, Task> m_confirmed; // live tasks only
    QHash<QUuid, ChatSession> m_sessions; // live sessions only
    QMap<qint64, std::optional<Change>> m_buffered; // events ahead of m_applied; nullopt = nothing to apply
    QList<AckedOp> m_acked; // ascending seq
    QList<PendingOp> m_outbox; // in the order made
    QHash<QUuid, Task> m_visible;
};

} // namespace tandem::sync
