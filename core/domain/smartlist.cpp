#include "smartlist.h"

namespace tandem {

QString smartListName(SmartList list)
{
    switch (list) {
    case SmartList::Today:
        return QStringLiteral("today");
    case SmartList::Upcoming:
        return QStringLiteral("upcoming");
    case SmartList::Overdue:
        return QStringLiteral("overdue");
    case SmartList::NoDate:
        return QStringLiteral("no_date");
    case SmartList::All:
        return QStringLiteral("all");
    case SmartList::Completed:
        return QStringLiteral("completed");
    }
    return {};
}

std::optional<SmartList> smartListFromName(QStringView name)
{
    for (const SmartList list : allSmartLists) {
        if (name == smartListName(list))
            return list;
    }
    return std::nullopt;
}

TaskQuery smartListQuery(SmartList list, const QDateTime &now, const QTimeZone &zone)
{
    TaskQuery query;
    query.timeZone = zone;
    query.now = now;
    query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
    const QDateTime tomorrow(now.toTimeZone(zone).date().addDays(1), QTime(0, 0), zone);
    switch (list) {
    case SmartList::Today:
        query.dueFilter = DueFilter::HasDue;
        query.dueBefore = tomorrow;
        break;
    case SmartList::Upcoming:
        query.dueFilter = DueFilter::HasDue;
        query.dueAfter = tomorrow;
        break;
    case SmartList::Overdue:
        query.dueFilter = DueFilter::Overdue;
        break;
    case SmartList::NoDate:
        query.dueFilter = DueFilter::NoDue;
        query.sort = TaskSort::Created;
        break;
    case SmartList::All:
        break;
    case SmartList::Completed:
        query.statuses = {TaskStatus::Completed};
        query.sort = TaskSort::Updated;
        break;
    }
    return query;
}

} // namespace tandem
