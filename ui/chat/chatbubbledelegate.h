#pragma once

#include <QHash>
#include <QPersistentModelIndex>
#include <QRect>
#include <QStringList>
#include <QStyledItemDelegate>
#include <QUuid>
#include <QVariantList>

class QAbstractItemView;

namespace tandem {

// Draws a ChatMessageModel row as a chat bubble: the user's on the right in
// the accent colour, the assistant's on the left, word-wrapped, with the
// tasks the assistant touched as small chips under its words (struck through
// once a task is gone), its time under it, and the day's name above the first
// message of each day. Clicking a chip emits taskActivated().
class ChatBubbleDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ChatBubbleDelegate(QAbstractItemView *view);
    Q_DISABLE_COPY_MOVE(ChatBubbleDelegate)

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the chips of `index` are drawn in `option.rect`, one per action.
    QList<QRect> chipRects(const QStyleOptionViewItem &option, const QModelIndex &index) const;

Q_SIGNALS:
    // A chip naming a task that still exists was clicked.
    void taskActivated(const QUuid &taskId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    struct Layout
    {
        bool fromUser = false;
        int wrapWidth = 0; // the words' line width
        QRect separator; // the day's name above the bubble; empty when none
        QString day;
        QRect bubble;
        QRect text;
        QRect time; // under the bubble
        QList<QRect> chips;
        QStringList fullLabels;
        QStringList labels; // elided to fit their chips
        QVariantList links;
        QVariantList gone;
    };

    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void setHovered(const QModelIndex &index, int chip);

    // Row heights by message id: messages never change, so a row is laid out
    // again only for another width or other chip labels (views ask for every
    // row's size whenever one is added).
    struct CachedSize
    {
        int width = 0;
        size_t labelsKey = 0; // the chips' labels and the day separator
        QSize size;
    };
    mutable QHash<QUuid, CachedSize> m_sizes;

    QAbstractItemView *m_view = nullptr;
    QPersistentModelIndex m_hoverIndex;
    int m_hoverChip = -1;
    QPersistentModelIndex m_pressIndex;
    int m_pressChip = -1;
};

} // namespace tandem
