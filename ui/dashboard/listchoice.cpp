#include "listchoice.h"

#include <QTimeZone>

namespace tandem {

TaskQuery listQuery(const ListChoice &choice, bool showCompleted, const QDateTime &now)
{
    TaskQuery query = smartListQuery(choice.isTag() ? SmartList::All : choice.list, now, QTimeZone::systemTimeZone());
    query.tag = choice.tagKey;
    if (showCompleted && choice.list != SmartList::Completed)
        query.statuses.clear();
    return query;
}

TaskGrouping listGrouping(const ListChoice &choice)
{
    if (choice.isTag())
        return TaskGrouping::When;
    switch (choice.list) {
    case SmartList::Today:
    case SmartList::All:
        return TaskGrouping::When;
    case SmartList::Upcoming:
        return TaskGrouping::Day;
    case SmartList::Overdue:
    case SmartList::NoDate:
    case SmartList::Completed:
        return TaskGrouping::None;
    }
    return TaskGrouping::None;
}

} // namespace tandem
