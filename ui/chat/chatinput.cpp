#include "chatinput.h"

#include "domain/task.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QTextBlock>

#include <algorithm>

namespace tandem {

namespace {
constexpr int maxVisibleLines = 6;
} // namespace

ChatInput::ChatInput(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(6);
    connect(document(), &QTextDocument::contentsChanged, this, &ChatInput::enforceLimit);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &ChatInput::updateHeight);
    updateHeight();
}

void ChatInput::setMaxLength(int codePoints)
{
    m_maxLength = std::max(0, codePoints);
    enforceLimit();
}

int ChatInput::heightForLines(int lines) const
{
    return lines * fontMetrics().lineSpacing() + int(2 * document()->documentMargin()) + 2 * frameWidth() + 2;
}

QSize ChatInput::sizeHint() const
{
    const int lines = std::clamp(int(document()->documentLayout()->documentSize().height()), 1, maxVisibleLines);
    return {QPlainTextEdit::sizeHint().width(), heightForLines(lines)};
}

QSize ChatInput::minimumSizeHint() const
{
    return {QPlainTextEdit::minimumSizeHint().width(), heightForLines(1)};
}

void ChatInput::updateHeight()
{
    const int height = sizeHint().height();
    if (height != this->height())
        setFixedHeight(height);
}

void ChatInput::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (event->modifiers() & Qt::ShiftModifier)) {
        // A real line break (Shift+Enter would otherwise insert U+2028).
        textCursor().insertText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    if (enter && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        event->accept();
        Q_EMIT submitted();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void ChatInput::enforceLimit()
{
    if (m_enforcing)
        return;
    const QString text = toPlainText();
    int length = int(codePointCount(text));
    if (m_maxLength > 0 && length > m_maxLength) {
        // Drop the excess just before the cursor: that is what was typed or pasted last.
        m_enforcing = true;
        QTextCursor cursor = textCursor();
        int end = cursor.position();
        int start = end;
        int excess = length - m_maxLength;
        while (excess > 0 && start > 0) {
            --start;
            if (start > 0 && text.at(start).isLowSurrogate() && text.at(start - 1).isHighSurrogate())
                --start;
            --excess;
        }
        if (excess > 0) {
            // The cursor sat too early: cut the end instead.
            start = int(text.size());
            end = start;
            int cut = excess;
            while (cut > 0 && start > 0) {
                --start;
                if (start > 0 && text.at(start).isLowSurrogate() && text.at(start - 1).isHighSurrogate())
                    --start;
                --cut;
            }
        }
        cursor.setPosition(start);
        cursor.setPosition(end, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        setTextCursor(cursor);
        m_enforcing = false;
        length = int(codePointCount(toPlainText()));
    }
    if (length != m_length) {
        m_length = length;
        Q_EMIT lengthChanged(length);
    }
}

} // namespace tandem
