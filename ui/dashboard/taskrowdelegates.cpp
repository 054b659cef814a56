#include "taskrowdelegates.h"

#include "common/themecolors.h"
#include "dashboard/taskmodel.h"

#include <QLineEdit>
#include <QPainter>

#include <algorithm>

namespace tandem {

void TitleDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *line = qobject_cast<QLineEdit *>(editor); line && line->isModified())
        return;
    QStyledItemDelegate::setEditorData(editor, index);
}

QSize GroupHeaderDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize size = QStyledItemDelegate::sizeHint(option, index);
    return {size.width(), std::max(size.height(), option.fontMetrics.height()) + 10};
}

void GroupHeaderDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(TaskModel::HeaderRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    painter->save();
    // A header is a disabled row (so the keyboard passes over it); it reads as active text all the same.
    QPalette palette = option.palette;
    palette.setCurrentColorGroup(QPalette::Active);
    painter->fillRect(option.rect, palette.color(QPalette::Base));
    const QRect rect = option.rect.adjusted(10, 0, -10, 0);
    QFont font = option.font;
    font.setBold(true);
    painter->setFont(font);
    const QString title = index.data().toString();
    const bool overdue = index.data(TaskModel::GroupRole).toLongLong() == TaskGroups::Overdue;
    painter->setPen(overdue ? themecolors::danger(palette) : palette.color(QPalette::Text));
    const QFontMetrics bold(font);
    painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, title);
    int x = rect.left() + bold.horizontalAdvance(title) + 10;
    QFont small = option.font;
    painter->setFont(small);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    const QString count = QString::number(index.data(TaskModel::GroupCountRole).toInt());
    painter->drawText(QRect(x, rect.top(), rect.right() - x, rect.height()), Qt::AlignLeft | Qt::AlignVCenter, count);
    x += QFontMetrics(small).horizontalAdvance(count) + 10;
    QColor rule = palette.color(QPalette::Text);
    rule.setAlpha(40);
    painter->setPen(rule);
    const int y = rect.center().y() + 1;
    if (x < rect.right())
        painter->drawLine(x, y, rect.right(), y);
    painter->restore();
}

} // namespace tandem
