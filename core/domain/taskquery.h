#pragma once

#include "task.h"

#include <QDateTime>
#include <QList>
#include <QStringView>
#include <QTimeZone>

#include <limits>
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

// The fields of a task a TaskMatcher tests (all but its tags and text), as
// plain numbers side by side, so an in-memory index can keep them apart from
// the rest of the task and test 100,000 of them without touching a QDateTime.
struct TaskKeys
{
    static constexpr qint64 none = std::numeric_limits<qint64>::min();
    qint64 dueMs = none; // a due with a time: the instant, ms since the epoch
    qint64 dueDay = none; // a due without one: its date's Julian day
    qint64 completedMs = none;
    quint8 status = 0; // TaskStatus
    quint8 priority = 0; // TaskPriority
    bool deleted = false;

    static TaskKeys of(const Task &task);
    bool hasDue() const { return dueMs != none || dueDay != none; }
};

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
    // The same in parts, for an index that keeps them apart: the keys, then
    // (only when hasTag()) the task's tags already folded by tagKey().
    bool matchesKeys(const TaskKeys &keys) const;
    bool matchesTagKeys(const QStringList &tagKeys) const;
    bool hasTag() const { return !m_tag.isEmpty(); }
    const QString &foldedTag() const { return m_tag; }
    bool hasText() const { return !m_text.isEmpty(); }
    const QString &foldedText() const { return m_text; }

private:
    quint32 m_statuses = 0; // a bit per TaskStatus allowed; 0: any
    quint32 m_priorities = 0; // a bit per TaskPriority allowed; 0: any
    DueFilter m_dueFilter = DueFilter::Any;
    QString m_text;
    QString m_tag;
    bool m_dueBounded = false;
    bool m_completedBounded = false;
    // Bounds; TaskKeys::none stands for unbounded on that side.
    qint64 m_afterMs = TaskKeys::none;
    qint64 m_beforeMs = TaskKeys::none;
    qint64 m_firstDay = TaskKeys::none;
    qint64 m_endDay = TaskKeys::none;
    qint64 m_completedAfterMs = TaskKeys::none;
    qint64 m_completedBeforeMs = TaskKeys::none;
    qint64 m_nowMs = 0;
    qint64 m_today = 0;
};

// Inline: an index calls it for every task it holds.
inline bool TaskMatcher::matchesKeys(const TaskKeys &k) const
{
    constexpr qint64 none = TaskKeys::none;
    if (k.deleted)
        return false;
    if (m_statuses != 0 && (m_statuses & (1u << k.status)) == 0)
        return false;
    if (m_priorities != 0 && (m_priorities & (1u << k.priority)) == 0)
        return false;
    switch (m_dueFilter) {
    case DueFilter::Any:
        break;
    case DueFilter::HasDue:
        if (!k.hasDue())
            return false;
        break;
    case DueFilter::NoDue:
        if (k.hasDue())
            return false;
        break;
    case DueFilter::Overdue: // isOverdue(), on bounds computed once
        if (!k.hasDue() || k.status == quint8(TaskStatus::Completed))
            return false;
        if (k.dueMs != none ? k.dueMs >= m_nowMs : k.dueDay >= m_today)
            return false;
        break;
    }
    if (m_dueBounded) {
        if (k.dueMs != none) {
            if ((m_afterMs != none && k.dueMs < m_afterMs) || (m_beforeMs != none && k.dueMs >= m_beforeMs))
                return false;
        } else if (k.dueDay != none) {
            if ((m_firstDay != none && k.dueDay < m_firstDay) || (m_endDay != none && k.dueDay >= m_endDay))
                return false;
        } else {
            return false;
        }
    }
    if (m_completedBounded) {
        if (k.completedMs == none)
            return false;
        if ((m_completedAfterMs != none && k.completedMs < m_completedAfterMs)
            || (m_completedBeforeMs != none && k.completedMs >= m_completedBeforeMs))
            return false;
    }
    return true;
}

} // namespace tandem
