#pragma once

#include <QList>
#include <QObject>
#include <QUuid>

#include <functional>
#include <memory>
#include <vector>

namespace tandem {

class MainWindow;
struct WindowSession;

// Every main window of the process: it opens them (File ▸ New Window, a
// second `tandem` start, the tray), closes them, brings one forward for a
// reminder or the tray, and saves the set at quit. All windows come from one
// factory, so they share the process's services.
//
// Closing a window destroys it while others remain. Closing the last one
// hides it and, with keepRunning() (the tray), leaves the process running;
// without, it asks to quit. Either way the set is saved first.
class WindowSet final : public QObject
{
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<MainWindow>()>;

    explicit WindowSet(Factory factory, QObject *parent = nullptr);
    ~WindowSet() override;
    Q_DISABLE_COPY_MOVE(WindowSet)

    // Opens and shows a window with `session`'s geometry and docks.
    MainWindow *open(const WindowSession &session);
    // Opens the saved set (or the one default window).
    void restore();
    // Saves the set to the settings file.
    void save() const;

    // Whether closing the last window keeps the process (in the tray).
    void setKeepRunning(bool keep) { m_keepRunning = keep; }
    bool keepRunning() const { return m_keepRunning; }

    QList<MainWindow *> windows() const;
    bool anyVisible() const;

    // Shows and raises the window used last (opening one if none is left).
    MainWindow *present();
    // Shows every window; hides every window (the tray's Show/Hide).
    void showAll();
    void hideAll();
    // A window in front with its quick-add line focused.
    void newTask();
    // A window in front, the task selected and open in its detail pane.
    void openTask(const QUuid &taskId);
    // Saves the set, closes every window and emits quitRequested().
    void quit();

Q_SIGNALS:
    // A new window exists and is shown: wire what is not the factory's (sync status).
    void windowOpened(tandem::MainWindow *window);
    // The set is saved and the windows closed: the process should end now.
    void quitRequested();

private:
    void onClosed(MainWindow *window);
    void onActivated(MainWindow *window);

    Factory m_factory;
    std::vector<std::unique_ptr<MainWindow>> m_windows; // most recently active last
    bool m_keepRunning = false;
    bool m_quitting = false;
};

} // namespace tandem
