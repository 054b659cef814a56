#pragma once

#include "task.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace tandem {

enum class TaskSort {
    Due, // soonest first; tasks without a due date last
    Priority, // urgent first, then by due date
    Created, // newest first
    Updated, // most recently changed first
    Title, // A to Z, ignoring case
};

// Wire names: "due", "priority", "created", "updated", "title"; a leading "-"
// reverses the natural order described above.
QString taskSortName(TaskSort sort, bool reversed);
std::optional<std::pair<TaskSort, bool>> taskSortFromName(QStringView name);

enum class DueFilter { Any, HasDue, NoDue };

// Which tasks to list, and in what order. The store evaluates it in SQL;
// `matches()` and `lessThan()` give the same answers in memory, so a view can
// place a live change without asking the store again.
struct TaskQuery
{
    QList<TaskStatus> statuses; // empty: any status
    QList<TaskPriority> priorities; // empty: any priority
    QString tag; // empty: any; else exact, ignoring case
    QString text; // empty: any; else in title or description, ignoring case
    DueFilter dueFilter = DueFilter::Any;
    // Due ranges. A date-only due is the whole day in `timeZone`: it is
    // "before" an instant when the day starts before it, and "after" an
    // instant when the day ends after it.
    QDateTime dueAfter; // invalid: unbounded
    QDateTime dueBefore; // invalid: unbounded
    QTimeZone timeZone = QTimeZone::systemTimeZone();
    TaskSort sort = TaskSort::Due;
    bool reversed = false;
    int limit = 0; // 0: no limit

    bool matches(const Task &task) const;
    bool lessThan(const Task &a, const Task &b) const;

    // Calendar-date bounds used for date-only dues: a date-only due D matches
    // when D >= firstDate() and D < endDate() (either may be null: unbounded).
    QDate firstDate() const;
    QDate endDate() const;

    // The folded forms the store compares against. Text uses full Unicode
    // case folding ("STRASSE" finds "Straße"); tags use simple folding, as
    // the store's tag keys and the tag uniqueness rule do.
    QString foldedText() const;
    QString foldedTag() const { return tag.trimmed().toCaseFolded(); }
};

// The text a task is searched by: title and description, fully case-folded.
QString taskSearchText(const Task &task);

} // namespace tandem
