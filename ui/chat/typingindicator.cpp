#include "typingindicator.h"

#include "chat/chatstyle.h"

#include <QPainter>
#include <QPainterPath>

namespace tandem {

namespace {
constexpr int dot = 7;
constexpr int gap = 5;
constexpr int padX = 14;
constexpr int padY = 10;
constexpr int leftMargin = 12; // lines up with the bubbles' side margin
constexpr int frameMs = 320;
} // namespace

TypingIndicator::TypingIndicator(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("The assistant is writing a reply"));
    setToolTip(tr("The assistant is writing a reply…"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_timer.setInterval(frameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_phase = (m_phase + 1) % 3;
        update();
    });
}

QSize TypingIndicator::sizeHint() const
{
    return {leftMargin + 2 * padX + 3 * dot + 2 * gap, 2 * padY + dot + 8};
}

void TypingIndicator::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF bubble(leftMargin, 4, 2 * padX + 3 * dot + 2 * gap, 2 * padY + dot);
    QPainterPath path;
    path.addRoundedRect(bubble, bubble.height() / 2, bubble.height() / 2);
    const QColor background = chatstyle::assistantBubble(palette());
    painter.fillPath(path, background);
    const QColor text = palette().color(QPalette::Text);
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < 3; ++i) {
        painter.setBrush(chatstyle::blend(background, text, i == m_phase ? 0.75 : 0.3));
        painter.drawEllipse(QRectF(bubble.left() + padX + i * (dot + gap), bubble.top() + padY, dot, dot));
    }
}

void TypingIndicator::showEvent(QShowEvent *event)
{
    m_timer.start();
    QWidget::showEvent(event);
}

void TypingIndicator::hideEvent(QHideEvent *event)
{
    m_timer.stop();
    QWidget::hideEvent(event);
}

} // namespace tandem
