#pragma once

#include <QDockWidget>
#include <QUuid>

class QAction;
class QListView;
class QMainWindow;
class QSplitter;
class QToolButton;

namespace tandem {

class AssistantClient;
class BackgroundRunner;
class ChatActions;
class ChatBubbleButton;
class ChatMessageModel;
class ChatPanel;
class ChatService;
class ChatSessionModel;
class TaskService;
struct Change;

// The assistant beside the dashboard: a dock (right by default; it floats
// and closes like any dock, and MainWindow's saveState() remembers where)
// holding a ChatPanel. "Expand" grows it into a full chat view with the
// list of conversations on its left (rename and delete from their context
// menu); "Minimize" folds it into a round bubble in the window's corner that
// counts the replies arriving meanwhile, and clicking the bubble brings the
// dock back.
class ChatDock final : public QDockWidget
{
    Q_OBJECT

public:
    ChatDock(ChatService &chats, TaskService &tasks, AssistantClient &assistant, BackgroundRunner &runner,
             const QUuid &ownerId, QMainWindow *window);
    ~ChatDock() override;
    Q_DISABLE_COPY_MOVE(ChatDock)

    ChatPanel *panel() const { return m_panel; }
    QListView *sessionList() const { return m_sessionList; }
    ChatSessionModel *sessionModel() const { return m_sessions; }
    ChatMessageModel *messageModel() const { return m_messages; }
    ChatBubbleButton *bubble() const { return m_bubble; }

    // View ▸ Assistant (Ctrl+Shift+A): checked while the dock shows.
    QAction *toggleAction() const { return m_toggleAction; }
    // Checkable: the full chat view with the list of conversations.
    QAction *expandAction() const { return m_expandAction; }
    QAction *minimizeAction() const { return m_minimizeAction; }
    QAction *renameAction() const { return m_renameAction; }
    QAction *deleteAction() const { return m_deleteAction; }

    bool isExpanded() const { return m_expanded; }
    bool isMinimized() const { return m_minimized; }
    // Assistant replies that arrived while minimized.
    int unreadCount() const;
    // The docked width it had before expanding.
    int collapsedWidth() const { return m_collapsedWidth; }

    void setExpanded(bool expanded);
    // Hides the dock and shows the bubble.
    void minimize();
    // Shows the dock again (from the bubble or the menu) and focuses the message box.
    void restore();

Q_SIGNALS:
    // The user picked a task the assistant touched.
    void taskActivated(const QUuid &taskId);
    // A change to a conversation was refused; the message says why.
    void failed(const QString &message);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *createTitleBar();
    void countUnread(const Change &change);
    void selectCurrentSession();
    void sessionActivated(const QModelIndex &index);
    void renameCurrent();
    void confirmDelete();
    void updateTitleButtons();

    QMainWindow *m_window = nullptr;
    QUuid m_ownerId;
    ChatSessionModel *m_sessions = nullptr;
    ChatMessageModel *m_messages = nullptr;
    ChatActions *m_actions = nullptr;
    ChatPanel *m_panel = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_sessionPane = nullptr;
    QListView *m_sessionList = nullptr;
    ChatBubbleButton *m_bubble = nullptr;
    QToolButton *m_floatButton = nullptr;
    QAction *m_toggleAction = nullptr;
    QAction *m_expandAction = nullptr;
    QAction *m_minimizeAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_closeAction = nullptr;
    bool m_minimized = false;
    bool m_expanded = false;
    int m_collapsedWidth = 0; // the docked width before expanding
    QRect m_collapsedGeometry; // the floating geometry before expanding
};

} // namespace tandem
