#pragma once

#include "domain/result.h"
#include "storeconfig.h"

#include <QObject>
#include <QSqlDriver>
#include <QTimer>
#include <QUuid>

#include <memory>

namespace tandem {

namespace store {
class Connection;
}

// PostgreSQL only: LISTENs on Store::ChangeChannel on a connection of its
// own, so changes committed by other Tandem processes sharing the database
// are fanned out here too. QtSql's driver drops its subscriptions when the
// connection reopens and never reports a dead one, so the listener checks
// the connection on a timer, reconnects, LISTENs again and says so.
// Lives on (and must be used from) one thread with an event loop.
class ChangeListener final : public QObject
{
    Q_OBJECT

public:
    ChangeListener(const StoreConfig &config, int checkIntervalMs, QObject *parent = nullptr);
    ~ChangeListener() override;
    Q_DISABLE_COPY_MOVE(ChangeListener)

    Result<void> start();
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    // Another (or this) process committed `seq` for `ownerId`.
    void headMoved(const QUuid &ownerId, qint64 seq);
    // The connection was lost and is back: notifications in between were
    // missed, so every watched owner should be re-read.
    void resubscribed();

private:
    Result<void> subscribe();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void check();

    StoreConfig m_config;
    std::unique_ptr<store::Connection> m_connection;
    QTimer m_check;
    bool m_listening = false;
};

} // namespace tandem
