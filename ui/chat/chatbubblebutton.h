#pragma once

#include <QAbstractButton>

namespace tandem {

// The assistant minimized: a round button that floats over its parent's
// bottom-right corner (it follows the parent's size), with a badge counting
// the replies that arrived meanwhile.
class ChatBubbleButton final : public QAbstractButton
{
    Q_OBJECT

public:
    explicit ChatBubbleButton(QWidget *parent);
    Q_DISABLE_COPY_MOVE(ChatBubbleButton)

    int unread() const { return m_unread; }
    void setUnread(int count);

    QSize sizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void place();
    void updateAccessibleName();

    int m_unread = 0;
    bool m_hovered = false;
};

} // namespace tandem
