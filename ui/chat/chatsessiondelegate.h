#pragma once

#include <QStyledItemDelegate>

namespace tandem {

// A conversation in the full-page chat's sidebar: its title and when it was
// last active on the first line, the last message's start under it.
class ChatSessionDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    Q_DISABLE_COPY_MOVE(ChatSessionDelegate)

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace tandem
