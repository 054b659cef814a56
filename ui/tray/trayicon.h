#pragma once

#include <QObject>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace tandem {

class WindowSet;

// Tandem in the system tray: Show/Hide the windows, New Task, Quit; a click
// on the icon shows or hides the windows too. While it exists, closing the
// last window keeps the process (sync server, reminders) running here.
class TrayIcon final : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(WindowSet &windows, QObject *parent = nullptr);
    ~TrayIcon() override;
    Q_DISABLE_COPY_MOVE(TrayIcon)

    // Whether the desktop shows tray icons at all.
    static bool isAvailable();

    QSystemTrayIcon &icon() const { return *m_icon; }
    QMenu *menu() const { return m_menu.get(); }
    QAction *showHideAction() const { return m_showHide; }
    QAction *newTaskAction() const { return m_newTask; }
    QAction *quitAction() const { return m_quit; }

private:
    void toggleWindows();
    void updateShowHide();

    WindowSet &m_windows;
    std::unique_ptr<QMenu> m_menu; // a QMenu takes only a widget parent
    QSystemTrayIcon *m_icon = nullptr;
    QAction *m_showHide = nullptr;
    QAction *m_newTask = nullptr;
    QAction *m_quit = nullptr;
};

} // namespace tandem
