#include "changelistener.h"

#include "connection.h"
#include "domain/json.h"
#include "store.h"
#include "storelog.h"

#include <QSqlDriver>
#include <QUuid>

namespace tandem {

ChangeListener::ChangeListener(const StoreConfig &config, int checkIntervalMs, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    m_check.setInterval(checkIntervalMs);
    connect(&m_check, &QTimer::timeout, this, &ChangeListener::check);
}

ChangeListener::~ChangeListener() = default;

Result<void> ChangeListener::start()
{
    if (m_config.engine != StoreEngine::Postgres)
        return Error::validation(QStringLiteral("database"),
                                 QStringLiteral("only PostgreSQL has change notifications"));
    m_connection
        = std::make_unique<store::Connection>(m_config, QStringLiteral("tandem-listener-%1").arg(quintptr(this)));
    auto subscribed = subscribe();
    m_check.start();
    return subscribed;
}

Result<void> ChangeListener::subscribe()
{
    m_listening = false;
    if (auto opened = m_connection->open(); !opened)
        return opened;
    QSqlDriver *driver = m_connection->database().driver();
    connect(driver, &QSqlDriver::notification, this, &ChangeListener::onNotification, Qt::UniqueConnection);
    const QString channel = QString::fromLatin1(Store::ChangeChannel);
    if (driver->subscribedToNotifications().contains(channel))
        driver->unsubscribeFromNotification(channel); // a stale entry from before the reconnect
    if (!driver->subscribeToNotification(channel))
        return Error::storage(QStringLiteral("cannot LISTEN for changes on %1").arg(m_config.describe()));
    m_listening = true;
    return {};
}

void ChangeListener::onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name != QLatin1String(Store::ChangeChannel))
        return;
    // "<ownerId>:<seq>"
    const QString text = payload.toString();
    const qsizetype colon = text.indexOf(u':');
    const auto owner = colon > 0 ? uuidFromText(QStringView(text).first(colon)) : std::nullopt;
    bool ok = false;
    const qint64 seq = colon > 0 ? QStringView(text).sliced(colon + 1).toLongLong(&ok) : 0;
    if (owner && ok)
        Q_EMIT headMoved(*owner, seq);
}

void ChangeListener::check()
{
    if (m_listening && m_connection->isAlive())
        return;
    qCWarning(store::lcStore) << "the change-notification connection was lost; reconnecting";
    m_connection->close();
    if (subscribe())
        Q_EMIT resubscribed();
}

} // namespace tandem
