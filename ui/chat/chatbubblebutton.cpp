#include "chatbubblebutton.h"

#include "chat/chatstyle.h"

#include <QEvent>
#include <QMainWindow>
#include <QPainter>
#include <QPainterPath>
#include <QStatusBar>

namespace tandem {

namespace {
constexpr int diameter = 56;
constexpr int badge = 22;
constexpr int margin = 18; // from the parent's corner
} // namespace

ChatBubbleButton::ChatBubbleButton(QWidget *parent)
    : QAbstractButton(parent)
{
    setObjectName(QStringLiteral("ChatBubbleButton"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Chat with the assistant (Ctrl+L)"));
    setFixedSize(sizeHint());
    updateAccessibleName();
    parent->installEventFilter(this);
}

QSize ChatBubbleButton::sizeHint() const
{
    // Room for the badge over the top-right edge.
    return {diameter + badge / 2, diameter + badge / 2};
}

void ChatBubbleButton::setUnread(int count)
{
    if (count == m_unread)
        return;
    m_unread = count;
    updateAccessibleName();
    update();
}

void ChatBubbleButton::updateAccessibleName()
{
    setAccessibleName(m_unread == 0 ? tr("Show the assistant")
                                    : tr("Show the assistant, %n new replies", nullptr, m_unread));
}

bool ChatBubbleButton::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        place();
    return QAbstractButton::eventFilter(watched, event);
}

void ChatBubbleButton::showEvent(QShowEvent *event)
{
    place();
    raise();
    QAbstractButton::showEvent(event);
}

void ChatBubbleButton::enterEvent(QEnterEvent *event)
{
    m_hovered = true;
    update();
    QAbstractButton::enterEvent(event);
}

void ChatBubbleButton::leaveEvent(QEvent *event)
{
    m_hovered = false;
    update();
    QAbstractButton::leaveEvent(event);
}

void ChatBubbleButton::place()
{
    QWidget *host = parentWidget();
    int bottom = host->height() - margin;
    // Above a main window's status bar.
    if (auto *window = qobject_cast<QMainWindow *>(host); window && window->statusBar()->isVisible())
        bottom -= window->statusBar()->height();
    move(host->width() - margin - width(), bottom - height());
}

void ChatBubbleButton::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QRectF circle(1, badge / 2.0, diameter - 2, diameter - 2);

    // A soft shadow, then the accent disc.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 40));
    painter.drawEllipse(circle.translated(0, 2));
    QColor accent = pal.color(QPalette::Highlight);
    if (isDown())
        accent = accent.darker(115);
    else if (m_hovered)
        accent = accent.lighter(110);
    painter.setBrush(accent);
    painter.drawEllipse(circle);

    // A speech bubble in the middle.
    const QPointF c = circle.center();
    const QRectF body(c.x() - 13, c.y() - 11, 26, 19);
    QPainterPath speech;
    speech.addRoundedRect(body, 7, 7);
    QPainterPath tail;
    tail.moveTo(body.left() + 6, body.bottom() - 2);
    tail.lineTo(body.left() + 4, body.bottom() + 6);
    tail.lineTo(body.left() + 13, body.bottom() - 2);
    tail.closeSubpath();
    speech = speech.united(tail);
    const QColor ink = pal.color(QPalette::HighlightedText);
    painter.setBrush(ink);
    painter.drawPath(speech);
    painter.setBrush(accent);
    for (int i = -1; i <= 1; ++i)
        painter.drawEllipse(QPointF(body.center().x() + i * 7, body.center().y()), 2.2, 2.2);

    if (hasFocus() && window()->testAttribute(Qt::WA_KeyboardFocusChange)) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(pal.color(QPalette::Text), 2, Qt::DotLine));
        painter.drawEllipse(circle.adjusted(2, 2, -2, -2));
    }

    if (m_unread > 0) {
        const QRectF dot(width() - badge - 1, 1, badge, badge);
        painter.setPen(QPen(pal.color(QPalette::Window), 2));
        painter.setBrush(QColor(0xd3, 0x2f, 0x2f));
        painter.drawEllipse(dot);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(m_unread > 9 ? 10 : 12);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(dot, Qt::AlignCenter, m_unread > 99 ? QStringLiteral("99+") : QString::number(m_unread));
    }
}

} // namespace tandem
