#include "chatautoscroll.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QPushButton>
#include <QScrollBar>

namespace tandem {

namespace {
// This close to the end still counts as at the end (a pixel or two of
// rounding, a wheel notch that stops short).
constexpr int endSlack = 8;
constexpr int buttonMargin = 10;
} // namespace

ChatAutoScroll::ChatAutoScroll(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{
    m_button = new QPushButton(tr("New messages ↓"), view);
    m_button->setObjectName(QStringLiteral("chatNewMessages"));
    m_button->setAccessibleName(tr("New messages: go to the newest"));
    m_button->setToolTip(tr("Newer messages arrived below: go to the newest"));
    m_button->setCursor(Qt::PointingHandCursor);
    m_button->setFocusPolicy(Qt::TabFocus);
    m_button->hide();

    QScrollBar *bar = view->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, &ChatAutoScroll::rangeChanged);
    connect(bar, &QScrollBar::valueChanged, this, &ChatAutoScroll::valueChanged);
    connect(m_button, &QPushButton::clicked, this, &ChatAutoScroll::follow);
    view->installEventFilter(this);

    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &ChatAutoScroll::follow);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ChatAutoScroll::rowsArrived);
    }
}

void ChatAutoScroll::follow()
{
    setFollowing(true);
    m_button->hide();
    QScrollBar *bar = m_view->verticalScrollBar();
    m_adjusting = true;
    bar->setValue(bar->maximum());
    m_adjusting = false;
    // The view lays rows out later; rangeChanged() takes it the rest of the way.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_following)
                return;
            m_adjusting = true;
            m_view->scrollToBottom();
            m_adjusting = false;
        },
        Qt::QueuedConnection);
}

void ChatAutoScroll::rangeChanged(int, int maximum)
{
    if (!m_following)
        return;
    m_adjusting = true;
    m_view->verticalScrollBar()->setValue(maximum);
    m_adjusting = false;
}

void ChatAutoScroll::valueChanged(int value)
{
    if (m_adjusting)
        return;
    const bool atEnd = value >= m_view->verticalScrollBar()->maximum() - endSlack;
    setFollowing(atEnd);
    if (atEnd)
        m_button->hide();
}

void ChatAutoScroll::rowsArrived()
{
    if (m_following) {
        follow();
        return;
    }
    placeButton();
    m_button->show();
    m_button->raise();
}

void ChatAutoScroll::setFollowing(bool following)
{
    m_following = following;
}

void ChatAutoScroll::placeButton()
{
    const QSize size = m_button->sizeHint();
    const QRect area = m_view->viewport()->geometry();
    m_button->setGeometry(area.center().x() - size.width() / 2, area.bottom() - buttonMargin - size.height(),
                          size.width(), size.height());
}

bool ChatAutoScroll::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        placeButton();
    return QObject::eventFilter(watched, event);
}

} // namespace tandem
