#include "chatpopover.h"

#include "chat/chatbubblebutton.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {
const QSize preferred(390, 560);
constexpr int gap = 8; // between the card and the bubble
constexpr int edge = 12; // the least room kept to the window's edges

QToolButton *headerButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}
} // namespace

ChatPopover::ChatPopover(ChatBubbleButton *anchor, QWidget *window)
    : QFrame(window)
    , m_anchor(anchor)
{
    setObjectName(QStringLiteral("ChatPopover"));
    setAccessibleName(tr("Assistant"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    auto *header = new QWidget(this);
    auto *title = new QLabel(tr("Assistant"), header);
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);
    m_expand = headerButton(tr("Full page"), tr("Open the assistant as a full page"), header);
    m_dock = headerButton(tr("Side panel"), tr("Show the assistant beside your tasks"), header);
    m_close = headerButton(QStringLiteral("✕"), tr("Fold into the bubble (Esc)"), header);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(12, 6, 6, 2);
    headerLayout->addWidget(title, 1);
    headerLayout->addWidget(m_expand);
    headerLayout->addWidget(m_dock);
    headerLayout->addWidget(m_close);

    m_body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(m_body, 1);

    connect(m_expand, &QToolButton::clicked, this, &ChatPopover::expandRequested);
    connect(m_dock, &QToolButton::clicked, this, &ChatPopover::dockRequested);
    connect(m_close, &QToolButton::clicked, this, &ChatPopover::closeRequested);
    window->installEventFilter(this);
    hide();
}

void ChatPopover::place()
{
    const QWidget *window = parentWidget();
    const QRect bubble = m_anchor->geometry();
    const int width = std::min(preferred.width(), window->width() - 2 * edge);
    const int bottom = bubble.top() - gap;
    const int height = std::min(preferred.height(), bottom - edge);
    setGeometry(std::max(edge, bubble.right() - width), bottom - height, std::max(0, width), std::max(0, height));
    raise();
}

bool ChatPopover::eventFilter(QObject *watched, QEvent *event)
{
    // After the bubble has moved (its own filter may run after this one).
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        QMetaObject::invokeMethod(this, &ChatPopover::place, Qt::QueuedConnection);
    return QFrame::eventFilter(watched, event);
}

void ChatPopover::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT closeRequested();
        return;
    }
    QFrame::keyPressEvent(event);
}

void ChatPopover::showEvent(QShowEvent *event)
{
    place();
    QFrame::showEvent(event);
}

} // namespace tandem
