#include "tasksidebar.h"

#include "dashboard/sidebarmodel.h"

#include <QApplication>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace tandem {

namespace {

// An entry: its name on the left, its count on the right in a soft pill;
// the "Tags" heading in small capitals with space above it.
class SidebarDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int line = option.fontMetrics.height();
        return {option.rect.width(), index.data(SidebarModel::HeadingRole).toBool() ? line * 2 + 4 : line + 14};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QPalette &palette = option.palette;
        const QRect rect = option.rect.adjusted(6, 1, -6, -1);
        if (index.data(SidebarModel::HeadingRole).toBool()) {
            QFont font = option.font;
            font.setPointSizeF(font.pointSizeF() * 0.85);
            font.setBold(true);
            font.setCapitalization(QFont::AllUppercase);
            painter->setFont(font);
            painter->setPen(palette.color(QPalette::PlaceholderText));
            painter->drawText(rect.adjusted(8, 0, 0, -3), Qt::AlignLeft | Qt::AlignBottom, index.data().toString());
            painter->restore();
            return;
        }
        const bool selected = option.state & QStyle::State_Selected;
        if (selected || (option.state & QStyle::State_MouseOver)) {
            QColor fill = palette.color(QPalette::Highlight);
            fill.setAlpha(selected ? 48 : 20);
            QPainterPath path;
            path.addRoundedRect(rect, 6, 6);
            painter->fillPath(path, fill);
        }
        QFont font = option.font;
        font.setBold(selected);
        painter->setFont(font);
        painter->setPen(palette.color(QPalette::Text));
        const QString count = QString::number(index.data(SidebarModel::CountRole).toInt());
        const QFontMetrics metrics(font);
        const int pillWidth = metrics.horizontalAdvance(count) + 14;
        const QRect pill(rect.right() - pillWidth - 4, rect.center().y() - metrics.height() / 2 - 1, pillWidth,
                         metrics.height() + 2);
        const QRect text = rect.adjusted(10, 0, -pillWidth - 10, 0);
        painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(index.data().toString(), Qt::ElideRight, text.width()));
        if (index.data(SidebarModel::CountRole).toInt() > 0) {
            QColor pillColor = palette.color(QPalette::Text);
            pillColor.setAlpha(22);
            QPainterPath path;
            path.addRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
            painter->fillPath(path, pillColor);
            painter->setPen(palette.color(QPalette::PlaceholderText));
            painter->drawText(pill, Qt::AlignCenter, count);
        }
        painter->restore();
    }
};

} // namespace

TaskSidebar::TaskSidebar(SmartListCounts &counts, QWidget *parent)
    : QWidget(parent)
{
    m_model = new SidebarModel(counts, this);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("taskSidebar"));
    m_view->setAccessibleName(tr("Lists"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SidebarDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMouseTracking(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->viewport()->setAutoFillBackground(false);
    m_view->setStyleSheet(QStringLiteral("QListView { background: transparent; }"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 6);
    layout->addWidget(m_view);
    setMinimumWidth(170);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &TaskSidebar::followCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TaskSidebar::restoreChoice);
    restoreChoice();
}

void TaskSidebar::setChoice(const ListChoice &choice)
{
    const int row = m_model->rowOf(choice);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row));
}

void TaskSidebar::followCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || m_model->isHeading(current.row()))
        return;
    const ListChoice choice = m_model->choiceAt(current.row());
    if (choice == m_choice)
        return;
    m_choice = choice;
    Q_EMIT choiceChanged(m_choice);
}

// After the tags changed: the same entry stays chosen, or All when its tag went.
void TaskSidebar::restoreChoice()
{
    int row = m_model->rowOf(m_choice);
    if (row < 0)
        row = m_model->rowOf(ListChoice{});
    m_view->setCurrentIndex(m_model->index(row));
}

} // namespace tandem
