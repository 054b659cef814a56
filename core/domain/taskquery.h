#pragma once

#include "task.h"

#include <QDateTime>
#include <QList>
#include <QStringView>
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

// Overdue: open tasks whose due has passed at the query's `now` (isOverdue()).
enum class DueFilter { Any, HasDue, NoDue, Overdue };

// Which tasks to list, and in what order. The store evaluates it in SQL;
// `matches()` and `lessThan()` give the same answers in memory, so a view can
// place a live change without asking the store again.
struct TaskQuery
{
    QList<TaskStatus> statuses; // empty: any status
    QList<TaskPriority> priorities; // empty: any priority
    QString tag; // empty: any; else exact, ignoring case
    QString text; // empty: any; else in title or description, ignoring case and accents
    DueFilter dueFilter = DueFilter::Any;
    // Due ranges. A date-only due is the whole day in `timeZone`: it is
    // "before" an instant when the day starts before it, and "after" an
    // instant when the day ends after it.
    QDateTime dueAfter; // invalid: unbounded
    QDateTime dueBefore; // invalid: unbounded
    QTimeZone timeZone = QTimeZone::systemTimeZone();
    // When the task was completed ("what did I finish today"); a task that is
    // not completed matches neither bound.
    QDateTime completedAfter; // invalid: unbounded
    QDateTime completedBefore; // invalid: unbounded
    // What "overdue" is measured against; invalid: the current time.
    QDateTime now;
    TaskSort sort = TaskSort::Due;
    bool reversed = false;
    int limit = 0; // 0: no limit

    // For one task; to test many, compile a TaskMatcher once.
    bool matches(const Task &task) const;
    bool lessThan(const Task &a, const Task &b) const;

    // Calendar-date bounds used for date-only dues: a date-only due D matches
    // when D >= firstDate() and D < endDate() (either may be null: unbounded).
    QDate firstDate() const;
    QDate endDate() const;

    // The folded forms the store compares against (domain/textfold.h). Text
    // ignores case and accents ("cafe" finds "Café", "STRASSE" "Straße"); a
    // tag is matched by its key, as the tag uniqueness rule does.
    QString foldedText() const;
    QString foldedTag() const;
};

// The text a task is searched by: its title and description, folded (domain/textfold.h).
QString taskSearchText(const Task &task);

// A TaskQuery compiled once for testing many tasks in memory (the dashboard
// at 100,000 tasks, the assistant's catalog): the folded text, the tag key
// and every bound are computed up front, so a test reads the task and nothing
// else. Gives exactly TaskQuery::matches()'s answers.
class TaskMatcher final
{
public:
    explicit TaskMatcher(const TaskQuery &query);

    bool matches(const Task &task) const;
    // The same, with the task's search text folded already (taskSearchText()).
    bool matches(const Task &task, QStringView searchText) const;
    // Everything but the text condition (for callers that search text their own way).
    bool matchesExceptText(const Task &task) const;
    bool hasText() const { return !m_text.isEmpty(); }
    const QString &foldedText() const { return m_text; }

private:
    TaskQuery m_query;
    QString m_text;
    QString m_tag;
    QDate m_firstDate;
    QDate m_endDate;
    qint64 m_afterMs = 0;
    qint64 m_beforeMs = 0;
    qint64 m_completedAfterMs = 0;
    qint64 m_completedBeforeMs = 0;
    qint64 m_nowMs = 0;
    QDate m_today;
};

} // namespace tandem
