#pragma once

#include "due.h"
#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace tandem {

// How a task repeats. A repeating task is one task that moves: completing it
// records the completion (Task::lastCompletedAt) and moves its due to the next
// occurrence; it stays open.
enum class RepeatUnit { Day, Week, Month, Year };

// Wire names: "day", "week", "month", "year".
QString repeatUnitName(RepeatUnit unit);
std::optional<RepeatUnit> repeatUnitFromName(QStringView name);
// Wire names of the weekdays, 1 Monday .. 7 Sunday: "mon" .. "sun".
QString weekdayName(int weekday);
std::optional<int> weekdayFromName(QStringView name);

struct RepeatRule
{
    RepeatUnit unit = RepeatUnit::Day;
    int interval = 1; // every `interval` units, 1..RepeatLimits::maxInterval(unit)
    // Week only: bit (1 << weekday) for each weekday, 1 Monday .. 7 Sunday.
    // Empty: the due's own weekday (every N weeks from the due).
    quint8 weekdays = 0;
    // Month only: the day of the month, 1..31, clamped to the month's end
    // (31 is "the last day"). normalizeTask() fills it from the due when 0.
    int monthDay = 0;
    // An IANA zone ("Europe/Berlin") whose wall clock a timed due keeps across
    // DST changes, and whose date is "today" when a completion skips missed
    // occurrences. Empty: the due's own UTC offset (and UTC for date-only dues).
    QByteArray timeZone;

    bool hasWeekday(int weekday) const { return weekdays & (1u << weekday); }
    void addWeekday(int weekday) { weekdays = quint8(weekdays | (1u << weekday)); }

    static RepeatRule every(RepeatUnit unit, int interval = 1);
    friend bool operator==(const RepeatRule &, const RepeatRule &) = default;
};

namespace RepeatLimits {
// Every day .. every 365 days, 52 weeks, 24 months, 10 years.
int maxInterval(RepeatUnit unit);
inline constexpr int MaxMonthDay = 31;
} // namespace RepeatLimits

// The rule's own checks; errors name "repeat.<field>".
Result<void> validateRepeat(const RepeatRule &rule);

// "every 2 weeks on Mon and Thu", "every month on the 31st", "daily": plain
// English for the assistant's answers and logs; the desktop words it with
// tr() in ui/dashboard/tasklabels.
QString describeRepeat(const RepeatRule &rule);

// The first date after `date` the rule lands on, counting the rule's cycle
// from `date` (a weekly rule's weeks start on the Monday of `date`'s week).
QDate nextRepeatDate(QDate date, const RepeatRule &rule);
// The first date on or after `from` that fits the rule, for a repeating task
// given without a due ("every monday" typed on a Wednesday: next Monday).
QDate firstRepeatDate(QDate from, const RepeatRule &rule);

// Where a repeating task's due moves when it is completed at `completedAt`:
// the next occurrence after `due`, skipping every occurrence that is already
// past at `completedAt` (for a date-only due: up to and including the
// completion's day), so a long-overdue task lands on its first occurrence
// after today, on its original schedule. (Todoist's "every", not "every!":
// the schedule never shifts to the completion day.) A timed due keeps its
// wall-clock time in the rule's zone (DST changes move its UTC offset), or its
// own offset when the rule has no zone; a date-only due stays date-only.
// Returns `due` unchanged when it is None.
Due nextDue(const Due &due, const RepeatRule &rule, const QDateTime &completedAt);

} // namespace tandem
