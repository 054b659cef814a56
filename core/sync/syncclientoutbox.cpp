#include "syncclient.h"

#include "clientprotocol.h"
#include "domain/json.h"
#include "protocol.h"
#include "store/outboxstore.h"
#include "syncclientlog.h"

#include <QJsonDocument>

#include <algorithm>

namespace tandem::sync {

using detail::lcClient;

namespace {

// The task the server will most likely commit for `patch` (domain/task.h's
// rules, as TaskService applies them); nothing when the server would refuse it.
std::optional<Task> patched(const Task &current, const TaskPatch &patch, const QDateTime &at)
{
    Task next = patchedTask(current, patch, at);
    if (!validateTask(next))
        return std::nullopt;
    return next;
}

} // namespace

// ---- the outbox and the visible state ---------------------------------------

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
    const Task next = patchedTask(base, patch, op.createdAt);
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

// ---- answers to operations --------------------------------------------------

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

} // namespace tandem::sync
