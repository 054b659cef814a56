#pragma once

#include <QObject>

class QAbstractItemView;
class QPushButton;

namespace tandem {

// Keeps a conversation scrolled to its newest message: when it opens, when
// the user sends, when a reply comes, when a message grows taller and when
// the view is resized. A user who scrolled up to read is left there; a
// "New messages ↓" button floats over the view's bottom instead, and takes
// them down.
class ChatAutoScroll final : public QObject
{
    Q_OBJECT

public:
    explicit ChatAutoScroll(QAbstractItemView *view);
    Q_DISABLE_COPY_MOVE(ChatAutoScroll)

    // At the newest message and staying there as messages come.
    bool isFollowing() const { return m_following; }
    QPushButton *newMessagesButton() const { return m_button; }
    // Goes to the newest message and follows from now on (on open, on send).
    void follow();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rangeChanged(int minimum, int maximum);
    void valueChanged(int value);
    void rowsArrived();
    void placeButton();
    void setFollowing(bool following);

    QAbstractItemView *m_view = nullptr;
    QPushButton *m_button = nullptr;
    bool m_following = true;
    bool m_adjusting = false; // our own scrolling, not the user's
};

} // namespace tandem
