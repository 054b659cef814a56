// TaskModel's rows: choosing them from the replica, ordering and grouping
// them, and keeping them in place as single tasks change. data() and the
// rest of the model's face are in taskmodel.cpp.
#include "taskmodel.h"

#include <QHash>
#include <QTimer>

#include <algorithm>

namespace tandem {

bool TaskModel::rowLess(const Row &a, const Row &b) const
{
    if (a.group != b.group)
        return a.group < b.group;
    if (!a.entry || !b.entry)
        return !a.entry && b.entry; // a group's header comes first
    return m_order.lessThan(*a.entry, *b.entry);
}

namespace {

// Whether two queries select the same tasks but for their text (and the
// moment they were made, which moves only what the clock's tick redoes).
bool sameButText(const TaskQuery &a, const TaskQuery &b)
{
    return a.statuses == b.statuses && a.priorities == b.priorities && a.tag == b.tag && a.dueFilter == b.dueFilter
        && a.dueAfter == b.dueAfter && a.dueBefore == b.dueBefore && a.completedAfter == b.completedAfter
        && a.completedBefore == b.completedBefore && a.timeZone == b.timeZone && a.sort == b.sort
        && a.reversed == b.reversed && a.limit == b.limit;
}

} // namespace

std::vector<TaskModel::Row> TaskModel::selectRows()
{
    if (!m_baseValid) {
        TaskQuery base = m_query;
        base.text.clear();
        const std::vector<const TaskReplica::Entry *> entries = m_replica.select(TaskMatcher(base));
        m_base.clear();
        m_base.reserve(entries.size());
        for (const TaskReplica::Entry *entry : entries)
            m_base.push_back(Row{entry, m_groups.groupOf(*entry)});
        std::sort(m_base.begin(), m_base.end(), [this](const Row &a, const Row &b) { return rowLess(a, b); });
        m_baseValid = true;
    }
    std::vector<Row> filtered;
    if (m_matcher.hasText()) {
        const std::vector<bool> hits = m_replica.textHits(m_matcher.foldedText());
        for (const Row &row : m_base) {
            if (hits[std::size_t(row.entry->slot)])
                filtered.push_back(row);
        }
    }
    const std::vector<Row> &tasks = m_matcher.hasText() ? filtered : m_base;
    m_taskCount = int(tasks.size());
    if (!m_groups.isGrouped())
        return tasks;
    std::vector<Row> rows;
    rows.reserve(tasks.size() + 16);
    for (const Row &task : tasks) {
        if (rows.empty() || rows.back().group != task.group)
            rows.push_back(Row{nullptr, task.group});
        rows.push_back(task);
    }
    return rows;
}

void TaskModel::resetRows()
{
    beginResetModel();
    m_rows = selectRows();
    endResetModel();
}

// The same tasks (or nearly) in a new order or grouping: selection, current
// row and open editors follow their tasks.
void TaskModel::rebuild(bool keepPlaces)
{
    if (!keepPlaces) {
        resetRows();
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<Row> held;
    held.reserve(std::size_t(before.size()));
    for (const QModelIndex &index : before)
        held.push_back(m_rows[std::size_t(index.row())]);
    m_rows = selectRows();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const Row &row = held[std::size_t(i)];
        int at = -1;
        if (row.entry) {
            at = findRow(*row.entry);
        } else {
            const int header = lowerBound(row);
            if (header < int(m_rows.size()) && !m_rows[std::size_t(header)].entry
                && m_rows[std::size_t(header)].group == row.group)
                at = header;
        }
        after.append(at < 0 ? QModelIndex() : index(at, before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void TaskModel::setQuery(const TaskQuery &query)
{
    setQuery(query, m_groups.grouping());
}

void TaskModel::setQuery(const TaskQuery &query, TaskGrouping grouping)
{
    if (!sameButText(query, m_query) || grouping != m_groups.grouping())
        m_baseValid = false;
    m_query = query;
    m_matcher = TaskMatcher(m_query);
    if (!m_columnOrder)
        m_order = TaskOrder::of(m_query.sort, m_query.reversed);
    m_groups = TaskGroups(grouping, QDateTime::currentDateTimeUtc());
    resetRows();
}

void TaskModel::setOrder(const TaskOrder &order)
{
    m_order = order;
    m_baseValid = false;
    rebuild(true);
}

void TaskModel::setGrouping(TaskGrouping grouping)
{
    if (grouping == m_groups.grouping())
        return;
    m_groups = TaskGroups(grouping, QDateTime::currentDateTimeUtc());
    m_baseValid = false;
    rebuild(true);
}

void TaskModel::reload()
{
    m_baseValid = false;
    m_matcher = TaskMatcher(m_query);
    m_groups = TaskGroups(m_groups.grouping(), QDateTime::currentDateTimeUtc());
    rebuild(true);
}

// Each minute: regroup when the day turned or a due passed, and re-filter a
// list of overdue tasks (a due passing adds to it).
void TaskModel::tick()
{
    const TaskGroups fresh(m_groups.grouping(), QDateTime::currentDateTimeUtc());
    bool moved = fresh.today() != m_groups.today() || m_query.dueFilter == DueFilter::Overdue;
    for (std::size_t row = 0; !moved && fresh.isGrouped() && row < m_rows.size(); ++row) {
        const Row &at = m_rows[row];
        moved = at.entry && fresh.groupOf(*at.entry) != at.group;
    }
    if (moved)
        reload();
}

// The first row not before `row`, counting as if the row `skip` were not there.
int TaskModel::lowerBound(const Row &row, int skip) const
{
    const int size = int(m_rows.size()) - (skip >= 0 ? 1 : 0);
    const auto at = [this, skip](int i) -> const Row & {
        return m_rows[std::size_t(skip >= 0 && i >= skip ? i + 1 : i)];
    };
    int first = 0;
    int count = size;
    while (count > 0) {
        const int step = count / 2;
        if (rowLess(at(first + step), row)) {
            first += step + 1;
            count -= step + 1;
        } else {
            count = step;
        }
    }
    return first;
}

// Finds a task's row by its keys as the replica holds them now.
int TaskModel::findRow(const TaskReplica::Entry &entry) const
{
    const int row = lowerBound(Row{&entry, m_groups.groupOf(entry)});
    return row < int(m_rows.size()) && m_rows[std::size_t(row)].entry == &entry ? row : -1;
}

int TaskModel::rowOf(const QUuid &taskId) const
{
    const TaskReplica::Entry *entry = m_replica.find(taskId);
    return entry ? findRow(*entry) : -1;
}

// The row after the last of the header's group.
int TaskModel::groupEnd(int headerRow) const
{
    const qint64 group = m_rows[std::size_t(headerRow)].group;
    if (group == TaskGroups::Completed)
        return int(m_rows.size());
    return lowerBound(Row{nullptr, group + 1});
}

// Inserts the group's header when it has none; returns where, or -1.
int TaskModel::ensureHeader(qint64 group)
{
    if (!m_groups.isGrouped())
        return -1;
    const int row = lowerBound(Row{nullptr, group});
    if (row < int(m_rows.size()) && !m_rows[std::size_t(row)].entry && m_rows[std::size_t(row)].group == group)
        return -1;
    beginInsertRows({}, row, row);
    m_rows.insert(m_rows.begin() + row, Row{nullptr, group});
    endInsertRows();
    return row;
}

void TaskModel::dropHeaderIfEmpty(qint64 group)
{
    if (!m_groups.isGrouped())
        return;
    const int row = lowerBound(Row{nullptr, group});
    const int size = int(m_rows.size());
    if (row >= size || m_rows[std::size_t(row)].entry || m_rows[std::size_t(row)].group != group)
        return;
    if (row + 1 < size && m_rows[std::size_t(row + 1)].group == group)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void TaskModel::taskAboutToChange(const TaskReplica::Entry &entry)
{
    // The entry still has its old keys: this is where it is shown.
    m_changingRow = findRow(entry);
}

void TaskModel::taskChanged(const QUuid &, const TaskReplica::Entry *entry)
{
    m_baseValid = false;
    const int from = std::exchange(m_changingRow, -1);
    if (!entry) {
        if (from >= 0)
            removeTask(from);
        return;
    }
    const bool shown = m_matcher.matches(entry->task);
    if (from < 0) {
        if (shown)
            insertTask(*entry);
    } else if (!shown) {
        removeTask(from);
    } else {
        moveTask(from, *entry);
    }
}

void TaskModel::insertTask(const TaskReplica::Entry &entry)
{
    const qint64 group = m_groups.groupOf(entry);
    ensureHeader(group);
    const int row = lowerBound(Row{&entry, group});
    beginInsertRows({}, row, row);
    m_rows.insert(m_rows.begin() + row, Row{&entry, group});
    ++m_taskCount;
    endInsertRows();
}

void TaskModel::removeTask(int row)
{
    const qint64 group = m_rows[std::size_t(row)].group;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    --m_taskCount;
    endRemoveRows();
    dropHeaderIfEmpty(group);
}

// The task on row `from` changed and is still shown: it stays (and its row
// updates) or moves, with Qt's move so the selection and an open editor go with it.
void TaskModel::moveTask(int from, const TaskReplica::Entry &entry)
{
    const qint64 oldGroup = m_rows[std::size_t(from)].group;
    const qint64 newGroup = m_groups.groupOf(entry);
    if (newGroup != oldGroup) {
        if (const int header = ensureHeader(newGroup); header >= 0 && header <= from)
            ++from;
    }
    const int to = lowerBound(Row{&entry, newGroup}, from);
    if (to == from) {
        m_rows[std::size_t(from)].group = newGroup;
    } else {
        // Qt's move destination counts rows before the move.
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        m_rows.erase(m_rows.begin() + from);
        m_rows.insert(m_rows.begin() + to, Row{&entry, newGroup});
        endMoveRows();
    }
    Q_EMIT dataChanged(index(to, 0), index(to, ColumnCount - 1));
    if (newGroup != oldGroup)
        dropHeaderIfEmpty(oldGroup);
}

} // namespace tandem
