#include "chatsessiondelegate.h"

#include "chat/chatsessionmodel.h"
#include "chat/chatstyle.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace tandem {

namespace {
constexpr int padX = 10;
constexpr int padY = 7;
constexpr int lineGap = 2;
constexpr int inset = 4; // between the list's edge and a row's highlight
constexpr qreal radius = 8;

QFont titleFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

QFont smallFont(const QFont &base)
{
    return chatstyle::scaledFont(base, 0.88);
}
} // namespace

QSize ChatSessionDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int height = QFontMetrics(titleFont(option.font)).height() + lineGap
        + QFontMetrics(smallFont(option.font)).height() + 2 * padY + 2 * inset / 2;
    return {option.rect.width() > 0 ? option.rect.width() : 200, height};
}

void ChatSessionDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QRect card = option.rect.adjusted(inset, inset / 2, -inset, -inset / 2);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = palette.color(QPalette::Base);
    QColor fill = Qt::transparent;
    if (selected)
        fill = chatstyle::blend(base, palette.color(QPalette::Highlight), 0.18);
    else if (hovered)
        fill = chatstyle::blend(base, palette.color(QPalette::Text), 0.05);
    if (fill.alpha() > 0) {
        QPainterPath path;
        path.addRoundedRect(QRectF(card), radius, radius);
        painter->fillPath(path, fill);
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
        painter->drawRoundedRect(QRectF(card).adjusted(0.75, 0.75, -0.75, -0.75), radius, radius);
    }

    const QRect content = card.adjusted(padX, padY, -padX, -padY);
    const QFont title = titleFont(option.font);
    const QFont small = smallFont(option.font);
    const QFontMetrics titleMetrics(title);
    const QFontMetrics smallMetrics(small);

    const QString when = index.data(ChatSessionModel::LastActivityRole).toString();
    const int whenWidth = smallMetrics.horizontalAdvance(when);
    const QRect firstLine(content.left(), content.top(), content.width(), titleMetrics.height());
    const QColor faint = palette.color(QPalette::PlaceholderText);

    painter->setFont(small);
    painter->setPen(faint);
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, when);

    painter->setFont(title);
    painter->setPen(palette.color(QPalette::Text));
    const int titleWidth = std::max(0, content.width() - whenWidth - 8);
    painter->drawText(QRect(firstLine.left(), firstLine.top(), titleWidth, firstLine.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, titleWidth));

    QString preview = index.data(ChatSessionModel::PreviewRole).toString();
    if (preview.isEmpty())
        preview = tr("No messages yet");
    painter->setFont(small);
    painter->setPen(faint);
    const QRect secondLine(content.left(), firstLine.bottom() + 1 + lineGap, content.width(), smallMetrics.height());
    painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(preview, Qt::ElideRight, content.width()));
    painter->restore();
}

} // namespace tandem
