#pragma once

#include <QFrame>

class QToolButton;

namespace tandem {

class ChatBubbleButton;

// The compact chat the bubble opens: a card floating over the window just
// above the bubble (it follows the window's size), with the conversation in
// it and buttons to open the full page, put it back beside the tasks, or fold
// it into the bubble again (Escape does too).
class ChatPopover final : public QFrame
{
    Q_OBJECT

public:
    ChatPopover(ChatBubbleButton *anchor, QWidget *window);
    Q_DISABLE_COPY_MOVE(ChatPopover)

    // Where the conversation goes.
    QWidget *body() const { return m_body; }
    QToolButton *expandButton() const { return m_expand; }
    QToolButton *dockButton() const { return m_dock; }
    QToolButton *closeButton() const { return m_close; }

    // Sets its place from the anchor's.
    void place();

Q_SIGNALS:
    void expandRequested();
    void dockRequested();
    // Escape or the close button: back to the bubble alone.
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    ChatBubbleButton *m_anchor = nullptr;
    QWidget *m_body = nullptr;
    QToolButton *m_expand = nullptr;
    QToolButton *m_dock = nullptr;
    QToolButton *m_close = nullptr;
};

} // namespace tandem
