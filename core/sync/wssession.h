#pragma once

#include "changefeed.h"
#include "serveroptions.h"
#include "synccontext.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUuid>

#include <optional>

namespace tandem::sync {

struct ClientMessage;
class WsConnection;

// One WebSocket client: authentication, live events in seq order, catch-up
// from the change log, commands, heartbeats and the limits that protect
// everyone else from it.
class WsSession final : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of `connection`.
    WsSession(WsConnection *connection, SyncContext &context, ChangeFeed &feed, const ServerOptions &options,
              QObject *parent = nullptr);
    ~WsSession() override;
    Q_DISABLE_COPY_MOVE(WsSession)

    // Live events from the feed, ascending. Sent when they continue this
    // session's cursor; a gap makes the session read the log itself.
    void deliver(const QList<EncodedEvent> &events);
    // Sends everything after the cursor from the change log (paged), unless
    // the connection is backed up.
    void catchUp();

    bool isAuthenticated() const { return !m_userId.isNull(); }
    // The jti of the token this session authenticated with (empty before).
    const QString &tokenId() const { return m_tokenId; }
    // Its token was signed out or revoked: close at once (4001).
    void revoke();
    QUuid userId() const { return m_userId; }
    qint64 cursor() const { return m_cursor; }

Q_SIGNALS:
    // The connection is gone; the session may be deleted (the server does).
    void finished(tandem::sync::WsSession *session);

private:
    void onText(const QByteArray &utf8);
    void onBytesWritten();
    void onTick();
    void onPingTimer();
    void authenticate(const QString &token);
    void handle(const ClientMessage &message);
    void answerSyncRequest(std::optional<qint64> since);
    void send(const QString &text);
    void badMessage(const QString &errorText);
    void closeWith(int code, const QString &reason);
    void checkBackpressure();

    WsConnection *m_connection;
    SyncContext &m_context;
    ChangeFeed &m_feed;
    const ServerOptions &m_options;
    QUuid m_userId;
    QString m_token; // kept to re-check it with each heartbeat
    QString m_tokenId;
    qint64 m_cursor = 0; // the last seq this client has been sent
    bool m_paused = false;
    bool m_closing = false;
    QElapsedTimer m_clock;
    qint64 m_lastHeardMs = 0;
    qint64 m_pausedSinceMs = 0;
    QList<qint64> m_badMessagesMs;
    QTimer m_authTimer;
    QTimer m_tick;
    QTimer m_pingTimer;
};

} // namespace tandem::sync
