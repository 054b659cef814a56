#pragma once

#include <QStyledItemDelegate>

namespace tandem {

// The title's in-place editor. A change arriving from elsewhere refreshes an
// open editor only until the user has typed in it.
class TitleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
};

// The first column: a group's header (TaskModel::HeaderRole) spans the row as
// a heading with its count and a rule; task rows paint as usual. It also gives
// every row (the view's heights are uniform) room to breathe.
class GroupHeaderDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace tandem
