#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QListView;
class QPushButton;
class QToolButton;

namespace tandem {

class ChatActions;
class ChatPanel;
class ChatSessionModel;

// The full-page chat that takes the dashboard's place: a navbar ("AI Task
// Assistant", the conversation's title, buttons back to the side panel and
// to the bubble), the conversations on the left (New chat, each with its last
// activity and the start of its last message; F2 renames, Delete deletes)
// and the conversation itself, a ChatPanel placed here while the page shows.
class ChatPage final : public QWidget
{
    Q_OBJECT

public:
    ChatPage(ChatSessionModel &sessions, ChatActions &actions, QWidget *parent = nullptr);
    ~ChatPage() override;
    Q_DISABLE_COPY_MOVE(ChatPage)

    // Shows `panel` here (taking it from wherever it was) and follows its conversation.
    void setPanel(ChatPanel *panel);
    ChatPanel *panel() const { return m_panel; }

    QListView *sessionList() const { return m_sessionList; }
    QPushButton *newChatButton() const { return m_newChat; }
    QToolButton *minimizeButton() const { return m_minimize; }
    QToolButton *sideButton() const { return m_side; }
    QLabel *conversationTitle() const { return m_title; }
    QAction *renameAction() const { return m_renameAction; }
    QAction *deleteAction() const { return m_deleteAction; }

Q_SIGNALS:
    // Minimize: back to the dashboard with the chat as a bubble.
    void minimizeRequested();
    // Back to the side panel beside the dashboard.
    void collapseRequested();

private:
    void selectCurrentSession();
    void sessionActivated(const QModelIndex &index);
    void showSessionMenu(const QPoint &position);
    void renameCurrent();
    void confirmDelete();
    void updateTitle();

    ChatSessionModel &m_sessions;
    ChatActions &m_actions;
    ChatPanel *m_panel = nullptr;
    QWidget *m_panelHost = nullptr;
    QLabel *m_title = nullptr;
    QToolButton *m_side = nullptr;
    QToolButton *m_minimize = nullptr;
    QPushButton *m_newChat = nullptr;
    QListView *m_sessionList = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
};

} // namespace tandem
