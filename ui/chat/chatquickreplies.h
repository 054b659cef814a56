#pragma once

#include <QWidget>

class QPushButton;

namespace tandem {

// The answers to the assistant's yes/no question (it asks before changing or
// deleting several tasks) as buttons above the message box. Clicking one
// sends that answer; ChatPanel hides the row once the question is answered.
class ChatQuickReplies final : public QWidget
{
    Q_OBJECT

public:
    explicit ChatQuickReplies(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatQuickReplies)

    QPushButton *yesButton() const { return m_yes; }
    QPushButton *noButton() const { return m_no; }

Q_SIGNALS:
    // The user picked an answer; `reply` is the message to send.
    void replied(const QString &reply);

private:
    QPushButton *m_yes = nullptr;
    QPushButton *m_no = nullptr;
};

} // namespace tandem
