#pragma once

#include "assistant/assistantservice.h"
#include "domain/result.h"

#include <QUuid>
#include <QWidget>

class QFrame;
class QLabel;
class QListView;
class QPushButton;
class QStackedLayout;
class QToolButton;

namespace tandem {

class AssistantClient;
class ChatActions;
class ChatAutoScroll;
class ChatQuickReplies;
class ChatBubbleDelegate;
class ChatInput;
class ChatMessageModel;
class ChatSessionModel;
class TypingIndicator;

// One conversation with the assistant: its messages as bubbles, a
// "writing…" indicator while a turn is in flight, an inline error with Retry,
// and the message box. Owns no data: it shows a ChatMessageModel, sends
// through an AssistantClient (never on the GUI thread) and starts chats
// through ChatActions. Shows the most recent conversation until told
// otherwise.
class ChatPanel final : public QWidget
{
    Q_OBJECT

public:
    ChatPanel(ChatSessionModel &sessions, ChatMessageModel &messages, ChatActions &actions, AssistantClient &assistant,
              QWidget *parent = nullptr);
    ~ChatPanel() override;
    Q_DISABLE_COPY_MOVE(ChatPanel)

    QUuid sessionId() const;
    // Shows that conversation (a null id: none yet; the next message starts one).
    void setSessionId(const QUuid &sessionId);
    // Starts an empty conversation and shows it (unless the one shown is
    // still empty).
    void startNewChat();
    void focusInput();
    // A turn is in flight; sending waits until it ends.
    bool isBusy() const { return m_busy; }

    ChatInput *input() const { return m_input; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *newChatButton() const { return m_newChat; }
    QListView *messageView() const { return m_view; }
    ChatBubbleDelegate *delegate() const { return m_delegate; }
    TypingIndicator *typingIndicator() const { return m_typing; }
    QFrame *errorBar() const { return m_errorBar; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QPushButton *retryButton() const { return m_retry; }
    QLabel *counter() const { return m_counter; }
    QLabel *titleLabel() const { return m_title; }
    ChatAutoScroll *autoScroll() const { return m_autoScroll; }
    ChatQuickReplies *quickReplies() const { return m_quickReplies; }
    // The header row (title and New chat): the full-page chat shows its own.
    void setHeaderVisible(bool visible);
    // The controls in Tab order: New chat, the messages, what shows under
    // them when needed (New messages, Retry, the quick replies), the message
    // box, Send. applyTabOrder() chains them so (again, after a move).
    QList<QWidget *> tabChain() const;
    void applyTabOrder();

Q_SIGNALS:
    // The user clicked (or pressed Enter on) a task the assistant touched.
    void taskActivated(const QUuid &taskId);
    // Another conversation is shown (null: none).
    void sessionChanged(const QUuid &sessionId);
    // A turn started (true) or ended, answered or not (false).
    void busyChanged(bool busy);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void sendTo(const QUuid &sessionId, const QString &content);
    void dispatch(const QUuid &sessionId, const QString &content);
    void finishTurn(const QUuid &sessionId, const QString &content, const Result<assistant::AssistantTurn> &result);
    void setBusy(bool busy, const QUuid &sessionId = {});
    void showError(const QString &message, const QString &content);
    void hideError();
    void retry();
    void pickDefaultSession();
    void onSessionRemoved(const QUuid &sessionId);
    void activate(const QModelIndex &index);
    void showMessageMenu(const QPoint &position);
    void copyCurrent();
    void updateTitle();
    void updateCounter(int length);
    void updateControls();
    void updatePlaceholder();
    void updateQuickReplies();
    void sendQuickReply(const QString &reply);

    ChatSessionModel &m_sessions;
    ChatMessageModel &m_messages;
    ChatActions &m_actions;
    AssistantClient &m_assistant;

    QWidget *m_header = nullptr;
    QLabel *m_title = nullptr;
    QPushButton *m_newChat = nullptr;
    ChatAutoScroll *m_autoScroll = nullptr;
    ChatQuickReplies *m_quickReplies = nullptr;
    QListView *m_view = nullptr;
    ChatBubbleDelegate *m_delegate = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedLayout *m_stack = nullptr;
    TypingIndicator *m_typing = nullptr;
    QFrame *m_errorBar = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_retry = nullptr;
    QToolButton *m_dismissError = nullptr;
    ChatInput *m_input = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_counter = nullptr;

    bool m_busy = false;
    QUuid m_turnSession; // where the turn in flight will answer
    QUuid m_unstoredSession; // createSession() returned it; not stored yet
    QUuid m_awaitingSession; // a message waits for this conversation to be stored
    QString m_awaitingContent;
    QString m_failedContent; // what Retry sends again
};

} // namespace tandem
