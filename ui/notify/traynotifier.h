#pragma once

#include "notifier.h"

class QSystemTrayIcon;

namespace tandem {

// Notifications as the tray icon's balloon messages: where there is no
// notification service on D-Bus (Windows, macOS, a bare X session). The
// platform shows one message at a time, so a click opens the latest.
class TrayNotifier final : public Notifier
{
    Q_OBJECT

public:
    explicit TrayNotifier(QSystemTrayIcon &tray, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TrayNotifier)

    void notify(const QUuid &taskId, const QString &summary, const QString &body) override;

private:
    QSystemTrayIcon &m_tray;
    QUuid m_latest;
};

} // namespace tandem
