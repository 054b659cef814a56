#include "trayicon.h"

#include "mainwindow/windowset.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

namespace tandem {

TrayIcon::TrayIcon(WindowSet &windows, QObject *parent)
    : QObject(parent)
    , m_windows(windows)
    , m_menu(std::make_unique<QMenu>())
    , m_icon(new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/tandem.svg")), this))
{
    m_icon->setToolTip(tr("Tandem"));
    m_showHide = m_menu->addAction(tr("Hide Windows"), this, &TrayIcon::toggleWindows);
    m_showHide->setObjectName(QStringLiteral("trayShowHideAction"));
    m_newTask = m_menu->addAction(tr("New Task…"), &m_windows, &WindowSet::newTask);
    m_newTask->setObjectName(QStringLiteral("trayNewTaskAction"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("Quit Tandem"), &m_windows, &WindowSet::quit);
    m_quit->setObjectName(QStringLiteral("trayQuitAction"));
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::updateShowHide);
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            toggleWindows();
    });
    updateShowHide();
    m_icon->show();
}

TrayIcon::~TrayIcon()
{
    m_icon->setContextMenu(nullptr);
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::toggleWindows()
{
    if (m_windows.anyVisible())
        m_windows.hideAll();
    else
        m_windows.showAll();
    updateShowHide();
}

void TrayIcon::updateShowHide()
{
    m_showHide->setText(m_windows.anyVisible() ? tr("Hide Windows") : tr("Show Windows"));
}

} // namespace tandem
