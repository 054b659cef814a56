#pragma once

#include <QPlainTextEdit>

namespace tandem {

// The message box: Enter sends, Shift+Enter starts a new line, Tab moves on.
// It grows with its text up to a few lines and never holds more than
// maxLength() characters (code points): what goes over is dropped where it
// was typed or pasted.
class ChatInput final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ChatInput(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatInput)

    int maxLength() const { return m_maxLength; }
    void setMaxLength(int codePoints);
    // Characters (code points) in the box now.
    int length() const { return m_length; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The user pressed Enter (without Shift).
    void submitted();
    // The text's length changed (in code points).
    void lengthChanged(int length);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void enforceLimit();
    void updateHeight();
    int heightForLines(int lines) const;

    int m_maxLength = 0; // 0: no limit
    int m_length = 0;
    bool m_enforcing = false;
};

} // namespace tandem
