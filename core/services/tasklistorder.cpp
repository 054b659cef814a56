#include "tasklistorder.h"

#include "domain/textorder.h"

#include <QTimeZone>

#include <algorithm>

namespace tandem {

namespace {

int compare(qint64 a, qint64 b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

// As the ids' text compares: field by field, most significant first.
int compareIds(const QUuid &x, const QUuid &y)
{
    if (x.data1 != y.data1)
        return x.data1 < y.data1 ? -1 : 1;
    if (x.data2 != y.data2)
        return x.data2 < y.data2 ? -1 : 1;
    if (x.data3 != y.data3)
        return x.data3 < y.data3 ? -1 : 1;
    for (std::size_t i = 0; i < sizeof(x.data4); ++i) {
        if (x.data4[i] != y.data4[i])
            return x.data4[i] < y.data4[i] ? -1 : 1;
    }
    return 0;
}

int compareDue(const TaskReplica::Entry &a, const TaskReplica::Entry &b)
{
    return compare(a.dueSort, b.dueSort); // undated sorts as the largest key: last
}

int comparePriority(const TaskReplica::Entry &a, const TaskReplica::Entry &b)
{
    return -compare(int(a.task.priority), int(b.task.priority));
}

} // namespace

TaskOrder TaskOrder::of(TaskSort sort, bool reversed)
{
    switch (sort) {
    case TaskSort::Due:
        return {TaskOrderKey::Due, reversed};
    case TaskSort::Priority:
        return {TaskOrderKey::Priority, reversed};
    case TaskSort::Created:
        return {TaskOrderKey::Created, reversed};
    case TaskSort::Updated:
        return {TaskOrderKey::Updated, reversed};
    case TaskSort::Title:
        return {TaskOrderKey::Title, reversed};
    }
    return {TaskOrderKey::Due, reversed};
}

bool TaskOrder::lessThan(const TaskReplica::Entry &a, const TaskReplica::Entry &b) const
{
    int order = 0;
    switch (key) {
    case TaskOrderKey::Due:
        order = compareDue(a, b);
        if (order == 0)
            order = comparePriority(a, b);
        break;
    case TaskOrderKey::Priority:
        order = comparePriority(a, b);
        if (order == 0)
            order = compareDue(a, b);
        break;
    case TaskOrderKey::Created:
        order = -compare(a.createdMs, b.createdMs);
        break;
    case TaskOrderKey::Updated:
        order = -compare(a.updatedMs, b.updatedMs);
        break;
    case TaskOrderKey::Title:
        order = compareCodePoints(a.titleKey, b.titleKey);
        break;
    case TaskOrderKey::Status:
        order = compare(int(a.task.status), int(b.task.status));
        if (order == 0)
            order = compareDue(a, b);
        break;
    case TaskOrderKey::Tags:
        if (a.firstTagKey.isEmpty() != b.firstTagKey.isEmpty())
            order = a.firstTagKey.isEmpty() ? 1 : -1;
        else
            order = compareCodePoints(a.firstTagKey, b.firstTagKey);
        if (order == 0)
            order = compareDue(a, b);
        break;
    }
    if (order == 0 && key != TaskOrderKey::Created)
        order = compare(a.createdMs, b.createdMs);
    if (order == 0)
        order = compareIds(a.task.id, b.task.id);
    return reversed ? order > 0 : order < 0;
}

TaskGroups::TaskGroups(TaskGrouping grouping, const QDateTime &now)
    : m_grouping(grouping)
    , m_nowMs(now.toMSecsSinceEpoch())
    , m_today(now.toLocalTime().date().toJulianDay())
{ }

qint64 TaskGroups::groupOf(const TaskReplica::Entry &entry) const
{
    if (m_grouping == TaskGrouping::None)
        return 0;
    if (!entry.isOpen())
        return Completed;
    if (entry.dueDay == TaskReplica::none)
        return NoDate;
    // isOverdue(): a date-time once past, a date once its day has ended.
    const bool overdue = entry.task.due.hasTime() ? entry.dueSort < m_nowMs : entry.dueDay < m_today;
    if (overdue)
        return Overdue;
    if (m_grouping == TaskGrouping::Day)
        return entry.dueDay;
    if (entry.dueDay <= m_today)
        return Today;
    return entry.dueDay == m_today + 1 ? Tomorrow : Later;
}

} // namespace tandem
