#pragma once

#include "taskquery.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace tandem {

// The lists every surface shows (the desktop's sidebar, the web page, the
// REST `list=` parameter), defined once, as TaskQuery values, so a count and
// a list always agree with each other and with the assistant:
//   Today     open tasks due today or before (overdue included), soonest first
//   Upcoming  open tasks due after today, soonest first
//   Overdue   open tasks whose due has passed (isOverdue)
//   NoDate    open tasks without a due date, newest first
//   All       every open task, soonest due first
//   Completed completed tasks, most recently changed first
// "Today" is the calendar day of `now` in `zone`.
enum class SmartList { Today, Upcoming, Overdue, NoDate, All, Completed };

inline constexpr SmartList allSmartLists[] = {SmartList::Today,  SmartList::Upcoming, SmartList::Overdue,
                                              SmartList::NoDate, SmartList::All,      SmartList::Completed};

// Wire names: "today", "upcoming", "overdue", "no_date", "all", "completed".
QString smartListName(SmartList list);
std::optional<SmartList> smartListFromName(QStringView name);

TaskQuery smartListQuery(SmartList list, const QDateTime &now, const QTimeZone &zone);

} // namespace tandem
