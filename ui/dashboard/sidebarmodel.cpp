#include "sidebarmodel.h"

namespace tandem {

namespace {
constexpr int listCount = int(std::size(allSmartLists));
} // namespace

SidebarModel::SidebarModel(SmartListCounts &counts, QObject *parent)
    : QAbstractListModel(parent)
    , m_counts(counts)
    , m_tags(counts.tags())
{
    connect(&m_counts, &SmartListCounts::changed, this, &SidebarModel::refresh);
}

QString SidebarModel::listName(SmartList list)
{
    switch (list) {
    case SmartList::Today:
        return tr("Today");
    case SmartList::Upcoming:
        return tr("Upcoming");
    case SmartList::Overdue:
        return tr("Overdue");
    case SmartList::NoDate:
        return tr("No date");
    case SmartList::All:
        return tr("All");
    case SmartList::Completed:
        return tr("Completed");
    }
    return {};
}

void SidebarModel::refresh()
{
    const QList<SmartListCounts::Tag> tags = m_counts.tags();
    const bool sameTags = std::equal(tags.cbegin(), tags.cend(), m_tags.cbegin(), m_tags.cend(),
                                     [](const auto &a, const auto &b) { return a.key == b.key; });
    if (!sameTags) {
        // Rows come and go only at the tags' end of the list; the view keeps
        // its choice by ListChoice (see TaskSidebar).
        beginResetModel();
        m_tags = tags;
        endResetModel();
        return;
    }
    m_tags = tags;
    Q_EMIT dataChanged(index(0), index(rowCount() - 1), {CountRole, Qt::DisplayRole, Qt::AccessibleTextRole});
}

int SidebarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : listCount + 1 + int(m_tags.size());
}

bool SidebarModel::isHeading(int row) const
{
    return row == listCount;
}

ListChoice SidebarModel::choiceAt(int row) const
{
    ListChoice choice;
    if (row >= 0 && row < listCount) {
        choice.list = allSmartLists[row];
    } else if (row > listCount && row < rowCount()) {
        const SmartListCounts::Tag &tag = m_tags.at(row - listCount - 1);
        choice.tagKey = tag.key;
        choice.tagName = tag.name;
    }
    return choice;
}

int SidebarModel::rowOf(const ListChoice &choice) const
{
    if (!choice.isTag()) {
        for (int row = 0; row < listCount; ++row) {
            if (allSmartLists[row] == choice.list)
                return row;
        }
        return -1;
    }
    for (qsizetype tag = 0; tag < m_tags.size(); ++tag) {
        if (m_tags.at(tag).key == choice.tagKey)
            return tagRow(int(tag));
    }
    return -1;
}

QVariant SidebarModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    if (isHeading(row)) {
        switch (role) {
        case Qt::DisplayRole:
            return tr("Tags");
        case HeadingRole:
            return true;
        default:
            return {};
        }
    }
    const ListChoice choice = choiceAt(row);
    const int count = choice.isTag() ? m_tags.at(row - listCount - 1).open : m_counts.count(choice.list);
    const QString name = choice.isTag() ? u'#' + choice.tagName : listName(choice.list);
    switch (role) {
    case Qt::DisplayRole:
        return name;
    case Qt::AccessibleTextRole:
        return tr("%1, %n task(s)", nullptr, count).arg(name);
    case CountRole:
        return count;
    case HeadingRole:
        return false;
    default:
        return {};
    }
}

Qt::ItemFlags SidebarModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return Qt::NoItemFlags;
    if (isHeading(index.row()))
        return Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace tandem
