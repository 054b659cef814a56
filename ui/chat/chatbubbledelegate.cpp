#include "chatbubbledelegate.h"

#include "chat/chatmessagemodel.h"
#include "chat/chatstyle.h"
#include "domain/chat.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>

namespace tandem {

namespace {

constexpr int sideMargin = 12; // between the view's edge and a bubble
constexpr int rowSpacing = 5; // above and below each bubble
constexpr int padX = 12; // inside a bubble
constexpr int padY = 8;
constexpr qreal radius = 14;
constexpr int chipGap = 6; // between chips, and between the words and the chips
constexpr int chipPadX = 9;
constexpr int chipPadY = 3;
constexpr int maxBubbleWidth = 620;
constexpr qreal bubbleShare = 0.84; // of the row's width, at most
constexpr int minTextWidth = 80;
constexpr qsizetype maxCachedSizes = 20'000;
constexpr int separatorPadY = 10; // above and below a day's name
constexpr int timeGap = 2; // between a bubble and its time

QFont chipFont(const QFont &base)
{
    return chatstyle::scaledFont(base, 0.9);
}

QFont smallFont(const QFont &base)
{
    return chatstyle::scaledFont(base, 0.82);
}

size_t layoutKey(const QModelIndex &index)
{
    return qHashMulti(0, index.data(ChatMessageModel::ActionLabelsRole).toStringList(),
                      index.data(ChatMessageModel::DaySeparatorRole).toString(),
                      index.data(ChatMessageModel::TimeRole).toString());
}

QString bubbleText(const QModelIndex &index)
{
    QString text = index.data(Qt::DisplayRole).toString();
    text.replace(u'\n', QChar::LineSeparator); // QTextLayout breaks lines only there
    return text;
}

// Lays `layout` out in lines of at most `width`; returns the size it takes.
QSizeF layoutText(QTextLayout &layout, qreal width)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    qreal widest = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        widest = std::max(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return {std::ceil(widest), std::ceil(height)};
}

} // namespace

ChatBubbleDelegate::ChatBubbleDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
    view->viewport()->setMouseTracking(true);
    view->viewport()->installEventFilter(this);
    view->installEventFilter(this);
}

bool ChatBubbleDelegate::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport()) {
        if (event->type() == QEvent::Leave)
            setHovered(QModelIndex(), -1);
        return false;
    }
    if (m_view && watched == m_view) {
        const auto type = event->type();
        if (type == QEvent::FontChange || type == QEvent::StyleChange || type == QEvent::LayoutDirectionChange)
            m_sizes.clear();
        return false;
    }
    return QStyledItemDelegate::eventFilter(watched, event);
}

ChatBubbleDelegate::Layout ChatBubbleDelegate::layoutFor(const QStyleOptionViewItem &option,
                                                         const QModelIndex &index) const
{
    Layout layout;
    layout.fromUser = index.data(ChatMessageModel::SenderRole).toInt() == int(ChatRole::User);
    const QStringList labels = index.data(ChatMessageModel::ActionLabelsRole).toStringList();
    layout.fullLabels = labels;
    layout.links = index.data(ChatMessageModel::ActionTaskIdsRole).toList();
    layout.gone = index.data(ChatMessageModel::ActionGoneRole).toList();
    layout.day = index.data(ChatMessageModel::DaySeparatorRole).toString();

    const int rowWidth = m_view ? m_view->viewport()->width() : option.rect.width();
    const int bubbleLimit = std::min(maxBubbleWidth, int((rowWidth - 2 * sideMargin) * bubbleShare));
    const int contentLimit = std::max(minTextWidth, bubbleLimit - 2 * padX);
    layout.wrapWidth = contentLimit;

    QTextLayout text(bubbleText(index), option.font);
    const QSizeF textSize = layoutText(text, contentLimit);
    int contentWidth = int(textSize.width());
    int contentHeight = int(textSize.height());

    if (!labels.isEmpty()) {
        const QFontMetrics metrics(chipFont(option.font));
        const int chipHeight = metrics.height() + 2 * chipPadY;
        int x = 0;
        int y = contentHeight + chipGap;
        for (const QString &label : labels) {
            // (+2: elidedText() measures a hair wider than horizontalAdvance())
            const int width = std::min(metrics.horizontalAdvance(label) + 2 * chipPadX + 2, contentLimit);
            if (x > 0 && x + width > contentLimit) {
                x = 0;
                y += chipHeight + chipGap;
            }
            layout.chips.append(QRect(x, y, width, chipHeight));
            layout.labels.append(metrics.elidedText(label, Qt::ElideMiddle, width - 2 * chipPadX - 1));
            x += width + chipGap;
            contentWidth = std::max(contentWidth, x - chipGap);
        }
        contentHeight = y + chipHeight;
    }

    const QSize bubbleSize(contentWidth + 2 * padX, contentHeight + 2 * padY);
    const int left = layout.fromUser ? option.rect.left() + rowWidth - sideMargin - bubbleSize.width()
                                     : option.rect.left() + sideMargin;
    int top = option.rect.top() + rowSpacing;
    if (!layout.day.isEmpty()) {
        const int height = QFontMetrics(smallFont(option.font)).height() + 2 * separatorPadY;
        layout.separator = QRect(option.rect.left(), top, rowWidth, height);
        top += height;
    }
    layout.bubble = QRect(QPoint(left, top), bubbleSize);
    layout.text = QRect(layout.bubble.topLeft() + QPoint(padX, padY), QSize(contentWidth, int(textSize.height())));
    const QFontMetrics small(smallFont(option.font));
    const int timeWidth = small.horizontalAdvance(index.data(ChatMessageModel::TimeRole).toString()) + 2;
    layout.time = QRect(layout.fromUser ? layout.bubble.right() - 4 - timeWidth : layout.bubble.left() + 4,
                        layout.bubble.bottom() + 1 + timeGap, timeWidth, small.height());
    for (QRect &chip : layout.chips)
        chip.translate(layout.text.topLeft());
    return layout;
}

QSize ChatBubbleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int rowWidth = m_view ? m_view->viewport()->width() : option.rect.width();
    const QUuid id = index.data(ChatMessageModel::MessageIdRole).toUuid();
    const size_t labelsKey = layoutKey(index);
    const auto cached = m_sizes.constFind(id);
    if (cached != m_sizes.cend() && cached->width == rowWidth && cached->labelsKey == labelsKey)
        return cached->size;
    const Layout layout = layoutFor(option, index);
    const QSize size(std::max(1, rowWidth), layout.time.bottom() + 1 - option.rect.top() + rowSpacing);
    if (m_sizes.size() > maxCachedSizes)
        m_sizes.clear(); // conversations seen long ago
    if (!id.isNull())
        m_sizes.insert(id, CachedSize{rowWidth, labelsKey, size});
    return size;
}

QList<QRect> ChatBubbleDelegate::chipRects(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return layoutFor(option, index).chips;
}

void ChatBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout layout = layoutFor(option, index);
    const QPalette &palette = option.palette;
    const QColor background = layout.fromUser ? chatstyle::userBubble(palette) : chatstyle::assistantBubble(palette);
    const QColor foreground = layout.fromUser ? chatstyle::userText(palette) : palette.color(QPalette::Text);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor faint = palette.color(QPalette::PlaceholderText);
    painter->setFont(smallFont(option.font));
    if (!layout.separator.isEmpty()) {
        // ——— Today ———
        const QFontMetrics metrics(painter->font());
        const int textWidth = metrics.horizontalAdvance(layout.day) + 24;
        const QRect label(layout.separator.center().x() - textWidth / 2, layout.separator.top(), textWidth,
                          layout.separator.height());
        const int y = layout.separator.center().y();
        painter->setPen(QPen(chatstyle::blend(palette.color(QPalette::Base), faint, 0.35), 1));
        painter->drawLine(layout.separator.left() + sideMargin * 2, y, label.left(), y);
        painter->drawLine(label.right(), y, layout.separator.right() - sideMargin * 2, y);
        painter->setPen(faint);
        painter->drawText(label, Qt::AlignCenter | Qt::TextSingleLine, layout.day);
    }
    painter->setPen(faint);
    painter->drawText(layout.time, Qt::AlignVCenter | (layout.fromUser ? Qt::AlignRight : Qt::AlignLeft),
                      index.data(ChatMessageModel::TimeRole).toString());
    painter->setFont(option.font);
    QPainterPath bubble;
    bubble.addRoundedRect(QRectF(layout.bubble), radius, radius);
    painter->fillPath(bubble, background);
    if (option.state & QStyle::State_HasFocus) {
        // The keyboard's place in the conversation.
        QPen pen(layout.fromUser ? palette.color(QPalette::Text) : palette.color(QPalette::Highlight), 2);
        painter->setPen(pen);
        painter->drawRoundedRect(QRectF(layout.bubble).adjusted(-2, -2, 2, 2), radius + 2, radius + 2);
    }

    QTextLayout text(bubbleText(index), option.font);
    layoutText(text, layout.wrapWidth);
    painter->setPen(foreground);
    text.draw(painter, layout.text.topLeft());

    if (!layout.chips.isEmpty()) {
        painter->setFont(chipFont(option.font));
        const QColor link = chatstyle::linkOn(palette, background);
        const QColor muted = chatstyle::blend(foreground, background, 0.4);
        for (int i = 0; i < layout.chips.size(); ++i) {
            const QRectF chip = QRectF(layout.chips.at(i)).adjusted(0.5, 0.5, -0.5, -0.5);
            const bool linked = !layout.links.value(i).toUuid().isNull();
            const bool hovered = linked && index == m_hoverIndex && i == m_hoverChip;
            const qreal round = chip.height() / 2;
            if (linked) {
                painter->setPen(QPen(chatstyle::blend(background, link, 0.55), 1));
                painter->setBrush(chatstyle::blend(background, link, hovered ? 0.24 : 0.1));
            } else {
                painter->setPen(Qt::NoPen);
                painter->setBrush(chatstyle::blend(background, foreground, 0.07));
            }
            painter->drawRoundedRect(chip, round, round);
            const bool gone = layout.gone.value(i).toBool();
            painter->setPen(linked ? link : muted);
            QFont font = painter->font();
            font.setUnderline(hovered);
            font.setStrikeOut(gone);
            painter->setFont(font);
            painter->drawText(chip.adjusted(chipPadX - 1, 0, -chipPadX + 1, 0), Qt::AlignCenter | Qt::TextSingleLine,
                              layout.labels.at(i));
        }
    }
    painter->restore();
}

bool ChatBubbleDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                   const QModelIndex &index)
{
    if (!event || !view || !index.isValid())
        return false;
    const Layout layout = layoutFor(option, index);
    for (int i = 0; i < layout.chips.size(); ++i) {
        if (!layout.chips.at(i).contains(event->pos()))
            continue;
        // A chip's whole label (elided in place), and whether its task is gone.
        QString tip = layout.fullLabels.value(i);
        if (layout.gone.value(i).toBool())
            tip = tr("%1 (no longer in your tasks)").arg(tip);
        QToolTip::showText(event->globalPos(), tip, view->viewport(), layout.chips.at(i));
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

void ChatBubbleDelegate::setHovered(const QModelIndex &index, int chip)
{
    if (index == m_hoverIndex && chip == m_hoverChip)
        return;
    if (m_view && m_hoverIndex.isValid())
        m_view->update(m_hoverIndex);
    m_hoverIndex = index;
    m_hoverChip = chip;
    if (m_view && index.isValid())
        m_view->update(index);
    if (m_view) {
        if (chip >= 0)
            m_view->viewport()->setCursor(Qt::PointingHandCursor);
        else
            m_view->viewport()->unsetCursor();
    }
}

bool ChatBubbleDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    const auto type = event->type();
    if (type != QEvent::MouseMove && type != QEvent::MouseButtonPress && type != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    const Layout layout = layoutFor(option, index);
    int chip = -1;
    for (int i = 0; i < layout.chips.size(); ++i) {
        if (layout.chips.at(i).contains(mouse->position().toPoint()) && !layout.links.value(i).toUuid().isNull()) {
            chip = i;
            break;
        }
    }
    switch (type) {
    case QEvent::MouseMove:
        setHovered(index, chip);
        return false;
    case QEvent::MouseButtonPress:
        if (mouse->button() != Qt::LeftButton || chip < 0)
            return false;
        m_pressIndex = index;
        m_pressChip = chip;
        return true;
    default: { // release
        const bool clicked
            = mouse->button() == Qt::LeftButton && chip >= 0 && index == m_pressIndex && chip == m_pressChip;
        m_pressIndex = QPersistentModelIndex();
        m_pressChip = -1;
        if (!clicked)
            return false;
        Q_EMIT taskActivated(layout.links.at(chip).toUuid());
        return true;
    }
    }
}

} // namespace tandem
