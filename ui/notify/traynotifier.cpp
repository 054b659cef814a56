#include "traynotifier.h"

#include <QSystemTrayIcon>

namespace tandem {

TrayNotifier::TrayNotifier(QSystemTrayIcon &tray, QObject *parent)
    : Notifier(parent)
    , m_tray(tray)
{
    connect(&m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_latest.isNull())
            Q_EMIT activated(m_latest);
    });
}

void TrayNotifier::notify(const QUuid &taskId, const QString &summary, const QString &body)
{
    m_latest = taskId;
    m_tray.showMessage(summary, body, QSystemTrayIcon::Information);
}

} // namespace tandem
