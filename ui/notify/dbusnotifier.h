#pragma once

#include "notifier.h"

#include <QDBusConnection>
#include <QHash>

class QDBusPendingCallWatcher;

namespace tandem {

// Notifications through the desktop's org.freedesktop.Notifications service
// (the freedesktop.org Desktop Notifications spec): Notify() with a "default"
// action; ActionInvoked for one of ours emits activated().
class DBusNotifier final : public Notifier
{
    Q_OBJECT

public:
    explicit DBusNotifier(const QDBusConnection &bus, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DBusNotifier)

    // Whether `bus` has a notification service (running or activatable).
    static bool isAvailable(const QDBusConnection &bus);

    void notify(const QUuid &taskId, const QString &summary, const QString &body) override;

private Q_SLOTS:
    // Slots: QtDBus connects D-Bus signals by signature only.
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    QHash<uint, QUuid> m_shown; // notification id -> task, until it closes
};

} // namespace tandem
