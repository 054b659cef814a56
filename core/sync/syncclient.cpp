#include "syncclient.h"

#include "clientprotocol.h"
#include "domain/json.h"
#include "protocol.h"
#include "store/outboxstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QWebSocket>

#include <algorithm>
#include <cmath>

namespace tandem::sync {

namespace {

Q_LOGGING_CATEGORY(lcClient, "tandem.sync.client")

constexpr int policyCloseCode = 1008;

// The task the server will most likely commit for `patch` (domain/task.h's
// rules, as TaskService applies them); nothing when the server would refuse it.
std::optional<Task> patched(const Task &current, const TaskPatch &patch, const QDateTime &at)
{
    Task next = patchedTask(current, patch, at);
    if (!validateTask(next))
        return std::nullopt;
    return next;
}

QUrl webSocketUrl(const QUrl &serverUrl)
{
    QUrl url = serverUrl;
    if (url.scheme() == u"http")
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == u"https")
        url.setScheme(QStringLiteral("wss"));
    if (url.path().isEmpty() || url.path() == u"/")
        url.setPath(QStringLiteral("/ws"));
    return url;
}

QString pendingText(int count)
{
    return count == 1 ? QStringLiteral("1 pending change") : QStringLiteral("%1 pending changes").arg(count);
}

} // namespace

QString SyncClient::commandName(OpKind kind)
{
    switch (kind) {
    case OpKind::Create:
        return QStringLiteral("task_create");
    case OpKind::Update:
        return QStringLiteral("task_update");
    case OpKind::Delete:
        break;
    }
    return QStringLiteral("task_delete");
}

Result<std::unique_ptr<SyncClient>> SyncClient::create(Options options)
{
    std::unique_ptr<SyncClient> client(new SyncClient(std::move(options)));
    if (auto loaded = client->loadOutbox(); !loaded)
        return loaded.error();
    return client;
}

SyncClient::SyncClient(Options options)
    : m_options(std::move(options))
    , m_backoff(m_options.backoffBase, m_options.backoffCap, m_options.random)
    , m_reconnectTimer(this)
    , m_silenceTimer(this)
    , m_pingTimer(this)
    , m_stableTimer(this)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SyncClient::openSocket);
    m_silenceTimer.setSingleShot(true);
    connect(&m_silenceTimer, &QTimer::timeout, this,
            [this] { dropConnection(QStringLiteral("heard nothing from the server")); });
    connect(&m_pingTimer, &QTimer::timeout, this, [this] { send(encodePing()); });
    m_stableTimer.setSingleShot(true);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });
}

SyncClient::~SyncClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

Result<void> SyncClient::loadOutbox()
{
    if (m_options.outboxPath.isEmpty())
        return {};
    auto opened = OutboxStore::open(m_options.outboxPath);
    if (!opened)
        return opened.error();
    m_outboxStore = std::move(opened).value();
    auto entries = m_outboxStore->load();
    if (!entries)
        return entries.error();
    for (const OutboxEntry &entry : std::as_const(entries.value())) {
        // The server's own strict reader decides what the entry means.
        const QJsonObject envelope{{QStringLiteral("type"), entry.kind},
                                   {QStringLiteral("opId"), uuidText(entry.opId)},
                                   {QStringLiteral("data"), entry.data}};
        auto message = decodeClientMessage(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
        if (!message)
            return Error::storage(QStringLiteral("the outbox %1 holds an operation that does not decode (%2)")
                                      .arg(m_options.outboxPath, message.error().toString()));
        PendingOp op;
        op.opId = entry.opId;
        op.data = entry.data;
        op.createdAt = entry.createdAt;
        switch (message->type) {
        case ClientMessageType::TaskCreate:
            op.kind = OpKind::Create;
            op.draft = message->draft;
            op.taskId = message->draft.id.value_or(QUuid());
            break;
        case ClientMessageType::TaskUpdate:
            op.kind = OpKind::Update;
            op.patch = message->patch;
            op.taskId = message->taskId;
            op.baseRevision = message->revision;
            break;
        case ClientMessageType::TaskDelete:
            op.kind = OpKind::Delete;
            op.taskId = message->taskId;
            op.baseRevision = message->revision;
            break;
        default:
            return Error::storage(
                QStringLiteral("the outbox %1 holds an entry that is not a task command").arg(m_options.outboxPath));
        }
        if (op.taskId != entry.targetId)
            return Error::storage(QStringLiteral("the outbox %1 holds an operation whose task does not match its entry")
                                      .arg(m_options.outboxPath));
        m_outbox.append(std::move(op));
    }
    if (!m_outbox.isEmpty())
        qCInfo(lcClient) << "loaded" << m_outbox.size() << "pending operations from" << m_options.outboxPath;
    recomputeAll();
    return {};
}

// ---- connection -------------------------------------------------------------

void SyncClient::start(const QUrl &serverUrl, const QString &token)
{
    if (m_running)
        stop();
    m_url = webSocketUrl(serverUrl);
    m_token = token;
    m_running = true;
    m_backoff.reset();
    openSocket();
}

void SyncClient::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    discardSocket();
    setState(State::Offline);
}

void SyncClient::openSocket()
{
    if (!m_running)
        return;
    discardSocket();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, &SyncClient::onConnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &SyncClient::onText);
    connect(socket, &QWebSocket::pong, this, &SyncClient::hearFromServer);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketGone(socket); });
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError error) {
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError error) {
#endif
        qCInfo(lcClient) << "socket error" << error << socket->errorString();
        // A refused or failed connect may never report disconnected().
        if (socket->state() == QAbstractSocket::UnconnectedState)
            onSocketGone(socket);
    });
    setState(State::Connecting);
    // Covers the TCP connect, the handshake and the welcome.
    m_silenceTimer.start(m_options.silenceTimeout);
    qCInfo(lcClient) << "connecting to" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    socket->open(QNetworkRequest(m_url));
}

void SyncClient::onConnected()
{
    hearFromServer();
    // The token goes in the first message, not the URL, so it stays out of logs.
    send(encodeAuth(m_token));
}

void SyncClient::hearFromServer()
{
    if (m_socket)
        m_silenceTimer.start(m_options.silenceTimeout);
}

void SyncClient::send(const QString &text)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->sendTextMessage(text);
}

void SyncClient::dropConnection(const QString &why)
{
    if (!m_socket)
        return;
    qCInfo(lcClient) << "dropping the connection:" << why;
    onSocketGone(m_socket);
}

void SyncClient::discardSocket()
{
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_silenceTimer.stop();
    m_pingTimer.stop();
    m_stableTimer.stop();
    m_welcomed = false;
    m_syncing = false;
    m_caughtUp = false;
    m_buffered.clear(); // fetched again from the log after the next welcome
    for (PendingOp &op : m_outbox)
        op.sent = false;
}

void SyncClient::onSocketGone(QWebSocket *socket)
{
    if (socket != m_socket)
        return; // an earlier attempt's late signal
    const auto closeCode = socket->closeCode();
    const QString closeReason = socket->closeReason();
    const bool wasWelcomed = m_welcomed;
    discardSocket();
    if (!m_running) {
        setState(State::Offline);
        return;
    }
    // 1008 before the welcome is a refused token, unless our auth message
    // merely arrived too late (the server says so in the reason).
    if (int(closeCode) == policyCloseCode && !wasWelcomed && !closeReason.contains(u"timed out")) {
        qCWarning(lcClient) << "the server refused the token:" << closeReason;
        m_running = false;
        setState(State::Offline);
        Q_EMIT authenticationFailed(Error::unauthorized(
            closeReason.isEmpty() ? QStringLiteral("the server refused the sign-in token") : closeReason,
            QStringLiteral("invalid_token")));
        return;
    }
    qCInfo(lcClient) << "connection lost" << int(closeCode) << closeReason;
    scheduleReconnect();
}

void SyncClient::scheduleReconnect()
{
    const auto delay = m_backoff.next();
    m_reconnectDeadline.setRemainingTime(delay);
    m_reconnectTimer.start(delay);
    setState(State::Reconnecting);
    Q_EMIT reconnectScheduled(qint64(delay.count()), m_backoff.attempt());
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

int SyncClient::reconnectInSeconds() const
{
    if (m_state != State::Reconnecting || !m_reconnectTimer.isActive())
        return 0;
    return int(std::ceil(double(std::max<qint64>(0, m_reconnectDeadline.remainingTime())) / 1000.0));
}

QList<QUuid> SyncClient::pendingTaskIds() const
{
    QList<QUuid> ids;
    ids.reserve(m_outbox.size());
    for (const PendingOp &op : m_outbox)
        ids.append(op.taskId);
    return ids;
}

QList<QUuid> SyncClient::pendingOpIds() const
{
    QList<QUuid> ids;
    ids.reserve(m_outbox.size());
    for (const PendingOp &op : m_outbox)
        ids.append(op.opId);
    return ids;
}

QString SyncClient::statusText() const
{
    const int pending = pendingCount();
    switch (m_state) {
    case State::Connected:
        return QStringLiteral("connected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Reconnecting: {
        const QString text = QStringLiteral("reconnecting in %1 s").arg(reconnectInSeconds());
        return pending == 0 ? text : text + QStringLiteral(" with ") + pendingText(pending);
    }
    case State::Offline:
        break;
    }
    return pending == 0 ? QStringLiteral("offline") : QStringLiteral("offline with ") + pendingText(pending);
}

// ---- messages ---------------------------------------------------------------

void SyncClient::onText(const QString &text)
{
    hearFromServer();
    auto message = decodeServerMessage(text);
    if (!message) {
        qCWarning(lcClient) << "ignoring a malformed server message:" << message.error().toString();
        return;
    }
    const QString &type = message->type;
    if (!m_welcomed) {
        if (type == u"welcome")
            onWelcome(message.value());
        else
            qCInfo(lcClient) << "ignoring" << type << "before the welcome";
        return;
    }
    if (type == u"ack") {
        onAck(message.value());
    } else if (type == u"error") {
        onError(message.value());
    } else if (type == u"sync_response") {
        onSyncResponse(message.value());
    } else if (type == u"heartbeat") {
        onHeartbeat(message.value());
    } else if (type == u"pong" || type == u"welcome") {
        // Liveness only.
    } else if (message->seq) {
        // An event. One that does not decode still takes its seq, so the
        // replica moves on instead of asking for it forever.
        auto change = changeFromEvent(message.value());
        if (!change && change.error().reason != u"unknown_type")
            qCWarning(lcClient) << "skipping event" << *message->seq << type << change.error().toString();
        receiveEvent(*message->seq, change ? std::optional<Change>(std::move(change).value()) : std::nullopt);
    } else {
        qCInfo(lcClient) << "ignoring a message of unknown type" << type;
    }
}

void SyncClient::onWelcome(const ServerMessage &message)
{
    const QJsonValue user = message.data.value(QStringLiteral("userId"));
    const auto userId = user.isString() ? uuidFromText(user.toString()) : std::nullopt;
    if (!userId) {
        dropConnection(QStringLiteral("the welcome names no user"));
        return;
    }
    m_welcomed = true;
    if (!m_userId.isNull() && *userId != m_userId) {
        // Another account: nothing we hold is theirs.
        qCInfo(lcClient) << "signed in as another user; starting the replica afresh";
        m_confirmed.clear();
        m_sessions.clear();
        m_acked.clear();
        m_applied = 0;
        m_hasState = false;
        m_userId = *userId;
        recomputeAll();
        Q_EMIT replicaReset();
    } else if (m_userId.isNull()) {
        m_userId = *userId;
        refreshTasks(pendingTaskIds()); // local creates made before now get their owner
    }
    setState(State::Connected);
    m_stableTimer.start(m_options.stablePeriod);
    m_pingTimer.start(m_options.pingInterval);
    requestSync();
}

void SyncClient::onHeartbeat(const ServerMessage &message)
{
    const QJsonValue seq = message.data.value(QStringLiteral("seq"));
    if (seq.isDouble() && qint64(seq.toDouble()) > m_applied)
        requestSync(); // something was missed (or is on its way; a repeat is harmless)
}

void SyncClient::onSyncResponse(const ServerMessage &message)
{
    if (!m_syncing) {
        qCInfo(lcClient) << "ignoring an unrequested sync_response";
        return;
    }
    m_syncing = false;
    const QJsonObject &data = message.data;
    const QJsonValue headValue = data.value(QStringLiteral("seq"));
    if (!headValue.isDouble() || headValue.toDouble() < 0) {
        dropConnection(QStringLiteral("a sync_response without a seq"));
        return;
    }
    const qint64 head = qint64(headValue.toDouble());

    if (data.value(QStringLiteral("full")).toBool()) {
        QList<Task> tasks;
        QList<ChatSession> sessions;
        const QJsonArray taskArray = data.value(QStringLiteral("tasks")).toArray();
        tasks.reserve(taskArray.size());
        for (const QJsonValue &value : taskArray) {
            auto task = taskFromJson(value.toObject());
            if (!task) {
                dropConnection(QStringLiteral("a snapshot task does not decode: ") + task.error().toString());
                return;
            }
            tasks.append(std::move(task).value());
        }
        const QJsonArray sessionArray = data.value(QStringLiteral("sessions")).toArray();
        for (const QJsonValue &value : sessionArray) {
            auto session = sessionFromJson(value.toObject());
            if (!session) {
                dropConnection(QStringLiteral("a snapshot session does not decode: ") + session.error().toString());
                return;
            }
            sessions.append(std::move(session).value());
        }
        applySnapshot(head, std::move(tasks), std::move(sessions));
    } else {
        const qint64 since = qint64(data.value(QStringLiteral("since")).toDouble(-1));
        const QJsonArray changes = data.value(QStringLiteral("changes")).toArray();
        const qint64 first
            = changes.isEmpty() ? 0 : qint64(changes.first().toObject().value(QStringLiteral("seq")).toDouble());
        if (changes.isEmpty() ? head > since : first != since + 1) {
            // A page that does not start right after `since`: asking again
            // would get the same answer, so start over on a new connection.
            dropConnection(QStringLiteral("a sync_response that does not continue from its since"));
            return;
        }
        for (const QJsonValue &value : changes) {
            auto envelope = decodeServerMessage(value.toObject());
            if (!envelope || !envelope->seq) {
                dropConnection(QStringLiteral("a sync_response change has no seq"));
                return;
            }
            auto change = changeFromEvent(envelope.value());
            if (!change && change.error().reason != u"unknown_type")
                qCWarning(lcClient) << "skipping change" << *envelope->seq << change.error().toString();
            receiveEvent(*envelope->seq, change ? std::optional<Change>(std::move(change).value()) : std::nullopt);
        }
        if (data.value(QStringLiteral("more")).toBool() || m_applied < head)
            requestSync();
    }
    if (!m_buffered.isEmpty())
        requestSync(); // a gap remains after the page
    if (!m_syncing)
        syncFinished();
}

void SyncClient::onAck(const ServerMessage &message)
{
    if (!message.opId || !message.seq) {
        qCWarning(lcClient) << "ignoring an ack without an opId or a seq";
        return;
    }
    const qsizetype index = indexOfOp(*message.opId);
    if (index < 0)
        return; // a repeat of one already handled
    const PendingOp op = m_outbox.at(index);
    const qint64 seq = *message.seq;
    auto task = taskFromJson(message.data.value(QStringLiteral("task")).toObject());
    if (!task)
        qCWarning(lcClient) << "the ack of" << op.opId << "carries no readable task:" << task.error().toString();
    forgetOp(index);
    if (task && seq > m_applied) {
        auto at = std::find_if(m_acked.begin(), m_acked.end(), [seq](const AckedOp &acked) { return acked.seq > seq; });
        m_acked.insert(at, AckedOp{op.opId, op.taskId, seq, std::move(task).value()});
    }
    refreshTasks({op.taskId});
    Q_EMIT opAcknowledged(op.opId, seq);
    Q_EMIT pendingCountChanged(pendingCount());
}

void SyncClient::onError(const ServerMessage &message)
{
    const Error error = errorFromWire(message.data);
    if (!message.opId) {
        qCWarning(lcClient) << "server error:" << error.wireCode() << error.toString();
        if (m_syncing) // the answer to our sync_request: try again on a new connection
            dropConnection(QStringLiteral("the server could not answer a sync request"));
        return;
    }
    const qsizetype index = indexOfOp(*message.opId);
    if (index < 0)
        return;
    if (isTransient(error)) {
        // Not the server's final word: keep the op and send it again later.
        qCInfo(lcClient) << "operation" << *message.opId << "failed for now:" << error.toString();
        dropConnection(QStringLiteral("an operation failed transiently"));
        return;
    }
    const PendingOp op = m_outbox.at(index);
    qCInfo(lcClient) << "operation" << op.opId << "refused:" << error.wireCode() << error.toString();
    forgetOp(index);
    refreshTasks({op.taskId});
    Q_EMIT opFailed(op.opId, error);
    Q_EMIT pendingCountChanged(pendingCount());
}

// ---- the confirmed state ----------------------------------------------------

void SyncClient::requestSync()
{
    if (m_syncing || !m_welcomed)
        return;
    m_syncing = true;
    send(encodeSyncRequest(m_hasState ? std::optional<qint64>(m_applied) : std::nullopt));
}

void SyncClient::receiveEvent(qint64 seq, std::optional<Change> change)
{
    if (seq <= m_applied && m_hasState)
        return; // seen
    if (!m_hasState || seq != m_applied + 1) {
        // Ahead of us (or before the first snapshot): hold it, fetch what is missing.
        if (m_buffered.size() >= m_options.maxBufferedEvents)
            m_buffered.clear();
        m_buffered.insert(seq, std::move(change));
        requestSync();
        return;
    }
    applyEvent(seq, change);
    drainBuffer();
}

void SyncClient::drainBuffer()
{
    while (!m_buffered.isEmpty()) {
        const auto first = m_buffered.begin();
        if (first.key() <= m_applied) {
            m_buffered.erase(first);
            continue;
        }
        if (first.key() != m_applied + 1)
            return;
        const qint64 seq = first.key();
        const std::optional<Change> change = std::move(first.value());
        m_buffered.erase(first);
        applyEvent(seq, change);
    }
}

void SyncClient::applyEvent(qint64 seq, const std::optional<Change> &change)
{
    m_applied = seq;
    QList<QUuid> touched;
    dropSeenAcks(&touched);
    if (!change) {
        refreshTasks(touched);
        return;
    }
    if (const Task *task = change->task()) {
        if (task->isDeleted())
            m_confirmed.remove(task->id);
        else
            m_confirmed.insert(task->id, *task);
        // Our own op, committed: the confirmed state holds its effect now.
        for (PendingOp &op : m_outbox) {
            if (op.opId == change->opId)
                op.committedSeq = seq;
        }
        touched.append(task->id);
        refreshTasks(touched);
    } else if (const ChatSession *session = change->session()) {
        refreshTasks(touched);
        if (session->isDeleted()) {
            if (m_sessions.remove(session->id))
                Q_EMIT sessionRemoved(session->id);
        } else {
            m_sessions.insert(session->id, *session);
            Q_EMIT sessionChanged(*session);
        }
    } else if (const ChatMessage *chatMessage = change->message()) {
        refreshTasks(touched);
        Q_EMIT messageReceived(*chatMessage);
    }
    Q_EMIT eventApplied(*change);
}

void SyncClient::dropSeenAcks(QList<QUuid> *touched)
{
    while (!m_acked.isEmpty() && m_acked.constFirst().seq <= m_applied) {
        if (touched)
            touched->append(m_acked.constFirst().taskId);
        m_acked.removeFirst();
    }
}

void SyncClient::applySnapshot(qint64 seq, QList<Task> tasks, QList<ChatSession> sessions)
{
    if (m_hasState && seq < m_applied) {
        // Never move backwards; the next heartbeat or event brings us on.
        qCWarning(lcClient) << "ignoring a snapshot at" << seq << "older than" << m_applied;
        return;
    }
    m_confirmed.clear();
    for (Task &task : tasks) {
        if (!task.isDeleted())
            m_confirmed.insert(task.id, std::move(task));
    }
    m_sessions.clear();
    for (ChatSession &session : sessions) {
        if (!session.isDeleted())
            m_sessions.insert(session.id, std::move(session));
    }
    m_applied = seq;
    m_hasState = true;
    dropSeenAcks(nullptr);
    recomputeAll();
    qCInfo(lcClient) << "snapshot applied at seq" << seq << "with" << m_confirmed.size() << "tasks";
    Q_EMIT replicaReset();
    drainBuffer();
}

void SyncClient::syncFinished()
{
    if (m_loading) {
        m_loading = false;
        Q_EMIT loadingChanged(false);
    }
    if (!m_caughtUp && m_welcomed) {
        m_caughtUp = true;
        sendOutbox();
    }
}

// ---- the outbox and the visible state ---------------------------------------

Result<QUuid> SyncClient::createTask(const TaskDraft &draft)
{
    PendingOp op;
    op.opId = QUuid::createUuid();
    op.kind = OpKind::Create;
    op.draft = draft;
    if (!op.draft.id)
        op.draft.id = QUuid::createUuid();
    op.taskId = *op.draft.id;
    op.createdAt = QDateTime::currentDateTimeUtc();
    if (auto valid = validateTask(taskFromDraft(m_userId, op.draft, op.createdAt)); !valid)
        return valid.error();
    if (m_visible.contains(op.taskId))
        return Error::conflict(QStringLiteral("a task with this id already exists"));
    op.data = taskCreateData(op.draft);
    return enqueue(std::move(op));
}

Result<QUuid> SyncClient::updateTask(const QUuid &taskId, const TaskPatch &patch, std::optional<qint64> baseRevision)
{
    if (taskId.isNull())
        return Error::validation(QStringLiteral("id"), QStringLiteral("must be a task id"));
    if (patch.isEmpty())
        return Error::validation(QStringLiteral("changes"), QStringLiteral("name at least one field to change"));
    PendingOp op;
    op.opId = QUuid::createUuid();
    op.kind = OpKind::Update;
    op.taskId = taskId;
    op.patch = patch;
    op.baseRevision = baseRevision;
    op.createdAt = QDateTime::currentDateTimeUtc();
    // The fields' own rules, checked on the task as we see it (or on a
    // stand-in when we do not have it yet; the server checks the rest).
    Task base = m_visible.value(taskId);
    if (base.id.isNull()) {
        base.id = taskId;
        base.title = QStringLiteral("-");
    }
    Task next = base;
    patch.applyTo(next);
    normalizeTask(next);
    stampStatus(next, base.status, op.createdAt);
    if (auto valid = validateTask(next); !valid)
        return valid.error();
    op.data = taskUpdateData(taskId, patch, baseRevision);
    return enqueue(std::move(op));
}

Result<QUuid> SyncClient::deleteTask(const QUuid &taskId, std::optional<qint64> baseRevision)
{
    if (taskId.isNull())
        return Error::validation(QStringLiteral("id"), QStringLiteral("must be a task id"));
    PendingOp op;
    op.opId = QUuid::createUuid();
    op.kind = OpKind::Delete;
    op.taskId = taskId;
    op.baseRevision = baseRevision;
    op.createdAt = QDateTime::currentDateTimeUtc();
    op.data = taskDeleteData(taskId, baseRevision);
    return enqueue(std::move(op));
}

Result<QUuid> SyncClient::enqueue(PendingOp op)
{
    if (m_outboxStore) {
        OutboxEntry entry;
        entry.opId = op.opId;
        entry.kind = commandName(op.kind);
        entry.targetId = op.taskId;
        entry.data = op.data;
        entry.createdAt = op.createdAt;
        if (auto stored = m_outboxStore->append(entry); !stored)
            return stored.error();
    }
    const QUuid opId = op.opId;
    const QUuid taskId = op.taskId;
    m_outbox.append(std::move(op));
    refreshTasks({taskId});
    Q_EMIT pendingCountChanged(pendingCount());
    sendOutbox();
    return opId;
}

void SyncClient::sendOutbox()
{
    if (!m_welcomed || !m_caughtUp)
        return;
    for (PendingOp &op : m_outbox) {
        if (op.sent)
            continue;
        send(encodeCommand(commandName(op.kind), op.opId, op.data));
        op.sent = true;
    }
}

qsizetype SyncClient::indexOfOp(const QUuid &opId) const
{
    for (qsizetype i = 0; i < m_outbox.size(); ++i) {
        if (m_outbox.at(i).opId == opId)
            return i;
    }
    return -1;
}

void SyncClient::forgetOp(qsizetype index)
{
    const QUuid opId = m_outbox.at(index).opId;
    m_outbox.removeAt(index);
    if (m_outboxStore) {
        // Kept on disk it would only be replayed (and answered with the same
        // ack) after a restart, so a failure here loses nothing.
        if (auto removed = m_outboxStore->remove(opId); !removed)
            qCWarning(lcClient) << "cannot remove" << opId << "from the outbox:" << removed.error().toString();
    }
}

std::optional<Task> SyncClient::applyOp(std::optional<Task> task, const PendingOp &op) const
{
    switch (op.kind) {
    case OpKind::Create: {
        if (task)
            return task; // committed already, or the server will refuse the id
        Task created = taskFromDraft(m_userId, op.draft, op.createdAt);
        if (!validateTask(created))
            return std::nullopt;
        return created;
    }
    case OpKind::Update:
        if (!task)
            return std::nullopt;
        if (auto next = patched(*task, op.patch, op.createdAt))
            return next;
        return task;
    case OpKind::Delete:
        return std::nullopt;
    }
    return task;
}

std::optional<Task> SyncClient::computeVisible(const QUuid &taskId) const
{
    std::optional<Task> task;
    if (const auto it = m_confirmed.constFind(taskId); it != m_confirmed.cend())
        task = *it;
    for (const AckedOp &acked : m_acked) {
        if (acked.taskId == taskId)
            task = acked.task.isDeleted() ? std::nullopt : std::optional<Task>(acked.task);
    }
    for (const PendingOp &op : m_outbox) {
        if (op.taskId == taskId && op.committedSeq == 0)
            task = applyOp(std::move(task), op);
    }
    return task;
}

void SyncClient::refreshTasks(const QList<QUuid> &taskIds)
{
    for (qsizetype i = 0; i < taskIds.size(); ++i) {
        const QUuid &id = taskIds.at(i);
        if (taskIds.indexOf(id) < i)
            continue; // listed twice
        const std::optional<Task> next = computeVisible(id);
        const auto it = m_visible.find(id);
        if (next) {
            if (it != m_visible.end() && *it == *next)
                continue;
            m_visible.insert(id, *next);
            Q_EMIT taskChanged(*next);
        } else if (it != m_visible.end()) {
            m_visible.erase(it);
            Q_EMIT taskRemoved(id);
        }
    }
}

void SyncClient::recomputeAll()
{
    QHash<QUuid, Task> visible = m_confirmed;
    for (const AckedOp &acked : std::as_const(m_acked)) {
        if (acked.task.isDeleted())
            visible.remove(acked.taskId);
        else
            visible.insert(acked.taskId, acked.task);
    }
    for (const PendingOp &op : std::as_const(m_outbox)) {
        if (op.committedSeq != 0)
            continue;
        const auto it = visible.constFind(op.taskId);
        const auto next = applyOp(it == visible.cend() ? std::nullopt : std::optional<Task>(*it), op);
        if (next)
            visible.insert(op.taskId, *next);
        else
            visible.remove(op.taskId);
    }
    m_visible = std::move(visible);
}

// ---- reading the replica ----------------------------------------------------

QList<Task> SyncClient::tasks() const
{
    QList<Task> list = m_visible.values();
    std::sort(list.begin(), list.end(), [](const Task &a, const Task &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id.toString() < b.id.toString();
    });
    return list;
}

std::optional<Task> SyncClient::task(const QUuid &id) const
{
    const auto it = m_visible.constFind(id);
    return it == m_visible.cend() ? std::nullopt : std::optional<Task>(*it);
}

QList<ChatSession> SyncClient::sessions() const
{
    QList<ChatSession> list = m_sessions.values();
    std::sort(list.begin(), list.end(), [](const ChatSession &a, const ChatSession &b) {
        return a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.id.toString() < b.id.toString();
    });
    return list;
}

QList<Task> SyncClient::confirmedTasks() const
{
    QList<Task> list = m_confirmed.values();
    std::sort(list.begin(), list.end(), [](const Task &a, const Task &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id.toString() < b.id.toString();
    });
    return list;
}

} // namespace tandem::sync
