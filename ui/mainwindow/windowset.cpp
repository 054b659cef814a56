#include "windowset.h"

#include "domain/settingsschema.h"

#include "dashboard/dashboardview.h"
#include "mainwindow.h"
#include "windowsession.h"

#include <QEvent>

#include <algorithm>

namespace tandem {

namespace {
// A new window opens this far below and right of the one that asked for it.
constexpr int cascadeOffset = 32;

// Reports when a window becomes the active one, so the set knows which was used last.
class ActivationWatcher final : public QObject
{
public:
    ActivationWatcher(std::function<void()> activated, QObject *parent)
        : QObject(parent)
        , m_activated(std::move(activated))
    { }
    Q_DISABLE_COPY_MOVE(ActivationWatcher)

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::WindowActivate)
            m_activated();
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_activated;
};
} // namespace

WindowSet::WindowSet(Factory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{ }

WindowSet::~WindowSet()
{
    // Newest first, as they were stacked.
    while (!m_windows.empty())
        m_windows.pop_back();
}

MainWindow *WindowSet::open(const WindowSession &session)
{
    std::unique_ptr<MainWindow> owned = m_factory();
    MainWindow *window = owned.get();
    window->restoreSession(session);
    connect(window, &MainWindow::newWindowRequested, this, [this, window] {
        MainWindow *opened = open(WindowSession{});
        opened->move(window->pos() + QPoint(cascadeOffset, cascadeOffset));
        opened->activateWindow();
    });
    connect(window, &MainWindow::quitRequested, this, &WindowSet::quit);
    connect(window, &MainWindow::closed, this, [this, window] { onClosed(window); });
    window->installEventFilter(new ActivationWatcher([this, window] { onActivated(window); }, window));
    m_windows.push_back(std::move(owned));
    window->show();
    Q_EMIT windowOpened(window);
    return window;
}

void WindowSet::restore()
{
    const QList<WindowSession> sessions = loadWindowSessions(AppSettings());
    for (const WindowSession &session : sessions)
        open(session);
}

void WindowSet::save() const
{
    if (m_windows.empty())
        return;
    QList<WindowSession> sessions;
    for (const auto &window : m_windows)
        sessions.append(window->saveSession());
    AppSettings settings;
    saveWindowSessions(settings, sessions);
    settings.sync();
}

QList<MainWindow *> WindowSet::windows() const
{
    QList<MainWindow *> result;
    for (const auto &window : m_windows)
        result.append(window.get());
    return result;
}

bool WindowSet::anyVisible() const
{
    return std::any_of(m_windows.begin(), m_windows.end(), [](const auto &window) { return window->isVisible(); });
}

MainWindow *WindowSet::present()
{
    MainWindow *window = nullptr;
    for (auto it = m_windows.rbegin(); it != m_windows.rend() && !window; ++it) {
        if ((*it)->isVisible())
            window = it->get();
    }
    if (!window && !m_windows.empty())
        window = m_windows.back().get();
    if (!window)
        return open(WindowSession{});
    if (window->isMinimized())
        window->showNormal();
    else
        window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void WindowSet::showAll()
{
    if (m_windows.empty()) {
        open(WindowSession{});
        return;
    }
    for (const auto &window : m_windows)
        window->show();
    present();
}

void WindowSet::hideAll()
{
    for (const auto &window : m_windows)
        window->hide();
}

void WindowSet::newTask()
{
    present()->dashboard()->focusAddLine();
}

void WindowSet::openTask(const QUuid &taskId)
{
    MainWindow *window = present();
    window->dashboard()->selectTask(taskId);
    window->dashboard()->openTask(taskId);
}

void WindowSet::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    save();
    for (const auto &window : m_windows)
        window->close();
    Q_EMIT quitRequested();
}

void WindowSet::onClosed(MainWindow *window)
{
    if (m_quitting)
        return;
    // It is still visible while its close event runs.
    const bool othersVisible = std::any_of(m_windows.begin(), m_windows.end(), [window](const auto &owned) {
        return owned.get() != window && owned->isVisible();
    });
    if (othersVisible) {
        // Another window stays: this one goes for good.
        const auto found = std::find_if(m_windows.begin(), m_windows.end(),
                                        [window](const auto &owned) { return owned.get() == window; });
        if (found != m_windows.end()) {
            found->release()->deleteLater(); // it is inside its own closeEvent()
            m_windows.erase(found);
        }
        return;
    }
    if (m_keepRunning) {
        save(); // the process may yet end without a Quit (a logout)
        return;
    }
    quit();
}

void WindowSet::onActivated(MainWindow *window)
{
    const auto found = std::find_if(m_windows.begin(), m_windows.end(),
                                    [window](const auto &owned) { return owned.get() == window; });
    if (found != m_windows.end() && found + 1 != m_windows.end())
        std::rotate(found, found + 1, m_windows.end());
}

} // namespace tandem
