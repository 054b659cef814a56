#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUuid>

namespace tandem {
class Store;
struct Change;
} // namespace tandem

namespace tandem::sync {

class WsSession;

// One event, encoded and framed once and written as these same (implicitly
// shared) bytes to every subscriber it goes to.
struct EncodedEvent
{
    qint64 seq = 0;
    QByteArray frame; // a WebSocket text frame, ready to write
};

// Fans changes out to each owner's WebSocket sessions. It reads them from
// the change log — never from whichever writer reported them — so every
// subscriber sees every seq in order. Triggers are coalesced: everything
// that committed during one event-loop turn goes out together.
class ChangeFeed final : public QObject
{
    Q_OBJECT

public:
    ChangeFeed(Store &store, int pollIntervalMs, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChangeFeed)

    // `session` starts at `cursor` (the seq it has); it must outlive its
    // subscription or unsubscribe first.
    void subscribe(WsSession *session, const QUuid &ownerId, qint64 cursor);
    void unsubscribe(WsSession *session);
    int subscriberCount(const QUuid &ownerId) const;

    // Something may have committed for `ownerId` (up to `seq`, when known).
    void notify(const QUuid &ownerId, qint64 seq = 0);
    void notifyChange(const Change &change);
    // Re-read every watched owner's head (after a lost notification channel).
    void notifyAll();

private:
    struct Owner
    {
        QList<QPointer<WsSession>> sessions;
        qint64 lastRead = 0; // events up to here have been handed out
        bool dirty = false;
    };

    void scheduleFlush();
    void flush();
    void poll();

    Store &m_store;
    QHash<QUuid, Owner> m_owners;
    bool m_flushScheduled = false;
    QTimer m_poll;
};

} // namespace tandem::sync
