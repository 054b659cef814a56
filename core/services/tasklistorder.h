#pragma once

#include "domain/taskquery.h"
#include "services/taskreplica.h"

#include <QDateTime>

#include <limits>

namespace tandem {

// What a list's rows are sorted by: TaskQuery's sorts (TaskSort), and two
// more a column header offers: Status (open, in progress, then completed) and
// Tags (by the first tag alphabetically, untagged last). Ties are broken as
// TaskQuery::lessThan() breaks them.
enum class TaskOrderKey { Due, Priority, Created, Updated, Title, Status, Tags };

struct TaskOrder
{
    TaskOrderKey key = TaskOrderKey::Due;
    bool reversed = false;

    static TaskOrder of(TaskSort sort, bool reversed);
    // TaskQuery::lessThan()'s answer for the query's sorts, read from keys
    // computed once per task version (no QDateTime, no folding per comparison).
    bool lessThan(const TaskReplica::Entry &a, const TaskReplica::Entry &b) const;
};

// How a list falls into groups under headers:
//   When   Overdue, Today, Tomorrow, Later, No date (and Completed last)
//   Day    one group per due day (Upcoming), Overdue first, No date and Completed last
enum class TaskGrouping { None, When, Day };

// The group of each task at one moment (groups move with the clock: build a
// new one when the day turns or a due passes). Group keys sort in list order;
// under Day a day's key is its Julian day.
class TaskGroups final
{
public:
    static constexpr qint64 Overdue = 0;
    static constexpr qint64 Today = 1;
    static constexpr qint64 Tomorrow = 2;
    static constexpr qint64 Later = 3;
    static constexpr qint64 NoDate = std::numeric_limits<qint64>::max() - 1;
    static constexpr qint64 Completed = std::numeric_limits<qint64>::max();

    TaskGroups() = default;
    // `now` in the system zone, where the replica's due days are.
    TaskGroups(TaskGrouping grouping, const QDateTime &now);

    TaskGrouping grouping() const { return m_grouping; }
    bool isGrouped() const { return m_grouping != TaskGrouping::None; }
    qint64 groupOf(const TaskReplica::Entry &entry) const;
    qint64 today() const { return m_today; }

private:
    TaskGrouping m_grouping = TaskGrouping::None;
    qint64 m_nowMs = 0;
    qint64 m_today = 0;
};

} // namespace tandem
