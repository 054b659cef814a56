#pragma once

#include <QDockWidget>
#include <QUuid>

class QAction;
class QListView;
class QMainWindow;
class QToolButton;

namespace tandem {

class AppSettings;
class AssistantClient;
class BackgroundRunner;
class ChatActions;
class ChatBubbleButton;
class ChatMessageModel;
class ChatPage;
class ChatPanel;
class ChatPopover;
class ChatService;
class ChatSessionModel;
class TaskService;
struct Change;

// Where the assistant's chat is; remembered across restarts.
enum class ChatPlacement {
    Docked, // a dock beside the dashboard
    Floating, // the dock in its own window
    Page, // the full-page chat in the dashboard's place
    Minimized, // the round bubble in the window's corner
    Hidden, // closed (View ▸ Assistant brings it back)
};
QString chatPlacementName(ChatPlacement placement);
ChatPlacement chatPlacementFromName(const QString &name); // Docked for anything unknown

// The assistant beside the dashboard. One ChatPanel moves between four
// places: the dock (right by default; it floats and closes like any dock, and
// MainWindow's saveState() remembers where), the full-page ChatPage that
// replaces the dashboard (Expand), the bubble's compact popover, and nowhere
// (Minimize: a round bubble in the window's corner that counts the replies
// arriving meanwhile). Ctrl+L focuses the message box from anywhere in the
// window. Below about 1,000 px the docked chat folds into its bubble and comes
// back once the window is wide again.
class ChatDock final : public QDockWidget
{
    Q_OBJECT

public:
    // Narrower windows fold the docked chat into its bubble.
    static constexpr int NarrowWidth = 1000;

    ChatDock(ChatService &chats, TaskService &tasks, AssistantClient &assistant, BackgroundRunner &runner,
             const QUuid &ownerId, QMainWindow *window);
    ~ChatDock() override;
    Q_DISABLE_COPY_MOVE(ChatDock)

    ChatPanel *panel() const { return m_panel; }
    // The full-page chat; its host (MainWindow's CentralStack) shows it on pageRequested().
    ChatPage *page() const { return m_page; }
    ChatPopover *popover() const { return m_popover; }
    QListView *sessionList() const;
    ChatSessionModel *sessionModel() const { return m_sessions; }
    ChatMessageModel *messageModel() const { return m_messages; }
    ChatBubbleButton *bubble() const { return m_bubble; }

    // View ▸ Assistant (Ctrl+Shift+A): checked while the dock shows.
    QAction *toggleAction() const { return m_toggleAction; }
    // Checkable: the full-page chat.
    QAction *expandAction() const { return m_expandAction; }
    QAction *minimizeAction() const { return m_minimizeAction; }
    // Ctrl+L: the message box, from anywhere in the window.
    QAction *focusInputAction() const { return m_focusAction; }
    QAction *renameAction() const;
    QAction *deleteAction() const;

    ChatPlacement placement() const;
    bool isExpanded() const { return m_expanded; }
    bool isMinimized() const { return m_minimized; }
    // Folded into the bubble because the window is narrow (not by the user).
    bool isAutoCollapsed() const { return m_autoCollapsed; }
    // Assistant replies that arrived while minimized.
    int unreadCount() const;

    // The full-page chat (true) or back where it was before (false).
    void setExpanded(bool expanded);
    // Hides the chat and shows the bubble.
    void minimize();
    // Shows the dock again (from the menu, the popover or a restart) and focuses the message box.
    void restore();
    // The bubble's compact chat.
    void openPopover();
    void closePopover();
    // Shows the chat where it is (opening the bubble's popover when minimized) and focuses its message box.
    void focusInput();

    // Brings back a placement placement() gave before a restart (after the window's restoreState()).
    void restorePlacement(ChatPlacement placement);

Q_SIGNALS:
    // The user picked a task the assistant touched.
    void taskActivated(const QUuid &taskId);
    // A change to a conversation was refused; the message says why.
    void failed(const QString &message);
    // The full-page chat should show in the dashboard's place (true), or the dashboard again (false).
    void pageRequested(bool show);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createTitleBar();
    void countUnread(const Change &change);
    void movePanelTo(QWidget *host);
    void bubbleClicked();
    void followWindowWidth();
    void updateTitleButtons();

    QMainWindow *m_window = nullptr;
    QUuid m_ownerId;
    ChatSessionModel *m_sessions = nullptr;
    ChatMessageModel *m_messages = nullptr;
    ChatActions *m_actions = nullptr;
    ChatPanel *m_panel = nullptr;
    QWidget *m_dockBody = nullptr;
    ChatPage *m_page = nullptr;
    ChatPopover *m_popover = nullptr;
    ChatBubbleButton *m_bubble = nullptr;
    QToolButton *m_floatButton = nullptr;
    QAction *m_toggleAction = nullptr;
    QAction *m_expandAction = nullptr;
    QAction *m_minimizeAction = nullptr;
    QAction *m_focusAction = nullptr;
    QAction *m_closeAction = nullptr;
    bool m_minimized = false;
    bool m_expanded = false;
    bool m_autoCollapsed = false;
    bool m_wasHiddenBeforePage = false;
};

} // namespace tandem
