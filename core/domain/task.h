#pragma once

#include "due.h"
#include "repeat.h"
#include "result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUuid>

#include <optional>

namespace tandem {

enum class TaskStatus { Pending, InProgress, Completed };
enum class TaskPriority { None, Low, Medium, High, Urgent };

// Wire names: "pending", "in_progress", "completed".
QString taskStatusName(TaskStatus status);
std::optional<TaskStatus> taskStatusFromName(QStringView name);
// Wire names: "none", "low", "medium", "high", "urgent".
QString taskPriorityName(TaskPriority priority);
std::optional<TaskPriority> taskPriorityFromName(QStringView name);

struct Task
{
    QUuid id;
    QUuid ownerId;
    QString title;
    QString description;
    TaskStatus status = TaskStatus::Pending;
    TaskPriority priority = TaskPriority::None;
    Due due;
    QStringList tags; // in the order given; unique ignoring case
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime completedAt; // valid exactly while status is Completed
    QDateTime deletedAt; // valid only on a tombstone
    // Repeating tasks: the rule (needs a due), and when an occurrence was last
    // completed (completing one moves the due on instead of closing the task).
    std::optional<RepeatRule> repeat;
    QDateTime lastCompletedAt;
    qint64 revision = 0; // 1 at creation, +1 with every committed change

    bool isDeleted() const { return deletedAt.isValid(); }
    friend bool operator==(const Task &, const Task &) = default;
};

// The fields a caller supplies to create a task; the rest are assigned on commit.
struct TaskDraft
{
    std::optional<QUuid> id; // a client may choose the id
    QString title;
    QString description;
    TaskStatus status = TaskStatus::Pending;
    TaskPriority priority = TaskPriority::None;
    Due due;
    QStringList tags;
    std::optional<RepeatRule> repeat;
};

// A partial update: only the fields that are set change. `due` set to a
// Due of Kind::None clears the due date.
struct TaskPatch
{
    std::optional<QString> title;
    std::optional<QString> description;
    std::optional<TaskStatus> status;
    std::optional<TaskPriority> priority;
    std::optional<Due> due;
    std::optional<QStringList> tags;
    // Set to a rule: the task repeats by it; set to nullopt: it stops repeating.
    std::optional<std::optional<RepeatRule>> repeat;
    // Restores the record of the last completion (undo); invalid clears it.
    std::optional<QDateTime> lastCompletedAt;

    bool isEmpty() const
    {
        return !title && !description && !status && !priority && !due && !tags && !repeat && !lastCompletedAt;
    }
    // Applies the set fields to `task` (timestamps and revision are not touched).
    void applyTo(Task &task) const;
};

namespace TaskLimits {
inline constexpr qsizetype MaxTitle = 500; // code points, after trimming
inline constexpr qsizetype MaxDescription = 20'000; // code points
inline constexpr qsizetype MaxTags = 50;
inline constexpr qsizetype MaxTagLength = 64; // code points, after trimming
} // namespace TaskLimits

// Trims the title and each tag, and gives a monthly rule without a day the
// due's day; leaves everything else as given.
void normalizeTask(Task &task);

// The task rules the server commits by, for the service and for a client's
// optimistic copy alike. None of them validates (call validateTask()).
// Completion time follows the status: set on entering completed, cleared on
// leaving it. A repeating task entering completed is one occurrence done
// instead: it stays open (pending), its due moves to nextDue() and
// lastCompletedAt is `at`; all in the same change.
void stampStatus(Task &task, TaskStatus previous, const QDateTime &at);
// The task `draft` becomes at `at`: revision 1, trimmed. The id is the
// draft's, or null when it leaves the choice to the server.
Task taskFromDraft(const QUuid &ownerId, const TaskDraft &draft, const QDateTime &at);
// `current` with `patch` applied at `at`: trimmed, the status stamped, the next revision.
Task patchedTask(const Task &current, const TaskPatch &patch, const QDateTime &at);
// Checks every field rule; the error names the first field at fault.
Result<void> validateTask(const Task &task);

// Whether `task` is open and its due has passed at `now`: a date-only due
// once that day has ended in `zone`, a date-time due once it is past. The
// one rule behind every "overdue" in Tandem (lists, the assistant, the dashboard).
bool isOverdue(const Task &task, const QDateTime &now, const QTimeZone &zone);

// Shared text rules, also used by the chat domain.
qsizetype codePointCount(QStringView text);
bool hasBrokenSurrogates(QStringView text);
// Control characters (Unicode Cc); `allowLineBreaks` permits \t, \n and \r.
bool hasControlCharacters(QStringView text, bool allowLineBreaks);

} // namespace tandem
