#include "syncclient.h"

#include "clientprotocol.h"
#include "domain/json.h"
#include "syncclientlog.h"

#include <QJsonArray>

#include <algorithm>

namespace tandem::sync {

using detail::lcClient;

// ---- the confirmed state ----------------------------------------------------

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
