#include "changefeed.h"

#include "protocol.h"
#include "store/store.h"
#include "wsframe.h"
#include "wssession.h"

#include <QLoggingCategory>

namespace tandem::sync {

namespace {
Q_LOGGING_CATEGORY(lcFeed, "tandem.sync.feed")
constexpr int flushPageSize = 1000;
} // namespace

ChangeFeed::ChangeFeed(Store &store, int pollIntervalMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_poll.setInterval(pollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &ChangeFeed::poll);
    m_poll.start();
}

void ChangeFeed::subscribe(WsSession *session, const QUuid &ownerId, qint64 cursor)
{
    auto it = m_owners.find(ownerId);
    if (it == m_owners.end()) {
        it = m_owners.insert(ownerId, Owner{});
        it->lastRead = cursor;
    }
    it->sessions.append(session);
    // A session that starts ahead of what was read so far must not make the
    // feed skip: lastRead only ever moves forward through the log.
    if (cursor < it->lastRead)
        session->catchUp();
}

void ChangeFeed::unsubscribe(WsSession *session)
{
    for (auto it = m_owners.begin(); it != m_owners.end();) {
        it->sessions.removeAll(session);
        it->sessions.removeAll(nullptr);
        if (it->sessions.isEmpty())
            it = m_owners.erase(it);
        else
            ++it;
    }
}

int ChangeFeed::subscriberCount(const QUuid &ownerId) const
{
    const auto it = m_owners.constFind(ownerId);
    return it == m_owners.cend() ? 0 : int(it->sessions.size());
}

void ChangeFeed::notify(const QUuid &ownerId, qint64 seq)
{
    auto it = m_owners.find(ownerId);
    if (it == m_owners.end() || (seq > 0 && seq <= it->lastRead))
        return;
    it->dirty = true;
    scheduleFlush();
}

void ChangeFeed::notifyChange(const Change &change)
{
    notify(change.ownerId, change.seq);
}

void ChangeFeed::notifyAll()
{
    for (Owner &owner : m_owners)
        owner.dirty = true;
    scheduleFlush();
}

void ChangeFeed::poll()
{
    for (auto it = m_owners.begin(); it != m_owners.end(); ++it) {
        auto head = m_store.head(it.key());
        if (head && head.value() > it->lastRead) {
            it->dirty = true;
            scheduleFlush();
        }
    }
}

void ChangeFeed::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // After the current event-loop turn: acks go out before the events, and
    // all commits of this turn share one read and one write per socket.
    QMetaObject::invokeMethod(this, &ChangeFeed::flush, Qt::QueuedConnection);
}

void ChangeFeed::flush()
{
    m_flushScheduled = false;
    bool again = false;
    const QList<QUuid> owners = m_owners.keys();
    for (const QUuid &ownerId : owners) {
        auto it = m_owners.find(ownerId);
        if (it == m_owners.end() || !it->dirty)
            continue;
        it->dirty = false;
        auto batch = m_store.changesSince(ownerId, it->lastRead, flushPageSize);
        if (!batch) {
            qCWarning(lcFeed) << "cannot read the change log:" << batch.error().message;
            it->dirty = true;
            continue; // the poll retries
        }
        if (batch->truncated) {
            // The log was trimmed past us (a very long stall): every session resyncs itself.
            it->lastRead = batch->head;
            const auto sessions = it->sessions;
            for (const auto &session : sessions) {
                if (session)
                    session->catchUp();
            }
            continue;
        }
        if (batch->changes.isEmpty())
            continue;
        QList<EncodedEvent> events;
        events.reserve(batch->changes.size());
        for (const Change &change : std::as_const(batch->changes))
            events.append(EncodedEvent{change.seq, wsFrame(WsOpcode::Text, encodeEvent(change).toUtf8())});
        it->lastRead = events.constLast().seq;
        if (batch->more) {
            it->dirty = true;
            again = true;
        }
        const auto sessions = it->sessions; // a session may unsubscribe while we deliver
        for (const auto &session : sessions) {
            if (session)
                session->deliver(events);
        }
    }
    if (again)
        scheduleFlush();
}

} // namespace tandem::sync
