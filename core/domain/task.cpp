#include "task.h"

#include "textfold.h"

#include <QSet>

namespace tandem {

QString taskStatusName(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return QStringLiteral("pending");
    case TaskStatus::InProgress:
        return QStringLiteral("in_progress");
    case TaskStatus::Completed:
        return QStringLiteral("completed");
    }
    return QStringLiteral("pending");
}

std::optional<TaskStatus> taskStatusFromName(QStringView name)
{
    if (name == u"pending")
        return TaskStatus::Pending;
    if (name == u"in_progress")
        return TaskStatus::InProgress;
    if (name == u"completed")
        return TaskStatus::Completed;
    return std::nullopt;
}

QString taskPriorityName(TaskPriority priority)
{
    switch (priority) {
    case TaskPriority::None:
        return QStringLiteral("none");
    case TaskPriority::Low:
        return QStringLiteral("low");
    case TaskPriority::Medium:
        return QStringLiteral("medium");
    case TaskPriority::High:
        return QStringLiteral("high");
    case TaskPriority::Urgent:
        return QStringLiteral("urgent");
    }
    return QStringLiteral("none");
}

std::optional<TaskPriority> taskPriorityFromName(QStringView name)
{
    if (name == u"none")
        return TaskPriority::None;
    if (name == u"low")
        return TaskPriority::Low;
    if (name == u"medium")
        return TaskPriority::Medium;
    if (name == u"high")
        return TaskPriority::High;
    if (name == u"urgent")
        return TaskPriority::Urgent;
    return std::nullopt;
}

void TaskPatch::applyTo(Task &task) const
{
    if (title)
        task.title = *title;
    if (description)
        task.description = *description;
    if (status)
        task.status = *status;
    if (priority)
        task.priority = *priority;
    if (due)
        task.due = *due;
    if (tags)
        task.tags = *tags;
    if (repeat)
        task.repeat = *repeat;
    if (lastCompletedAt)
        task.lastCompletedAt = *lastCompletedAt;
}

void stampStatus(Task &task, TaskStatus previous, const QDateTime &at)
{
    const bool completing = task.status == TaskStatus::Completed && previous != TaskStatus::Completed;
    if (completing && task.repeat && !task.due.isNone()) {
        task.status = TaskStatus::Pending;
        task.due = nextDue(task.due, *task.repeat, at);
        task.lastCompletedAt = at;
        task.completedAt = QDateTime();
        return;
    }
    if (task.status == TaskStatus::Completed && previous != TaskStatus::Completed)
        task.completedAt = at;
    else if (task.status != TaskStatus::Completed)
        task.completedAt = QDateTime();
}

Task taskFromDraft(const QUuid &ownerId, const TaskDraft &draft, const QDateTime &at)
{
    Task task;
    task.id = draft.id.value_or(QUuid());
    task.ownerId = ownerId;
    task.title = draft.title;
    task.description = draft.description;
    task.status = draft.status;
    task.priority = draft.priority;
    task.due = draft.due;
    task.tags = draft.tags;
    task.repeat = draft.repeat;
    task.createdAt = at;
    task.updatedAt = at;
    task.revision = 1;
    stampStatus(task, TaskStatus::Pending, at);
    normalizeTask(task);
    return task;
}

Task patchedTask(const Task &current, const TaskPatch &patch, const QDateTime &at)
{
    Task next = current;
    patch.applyTo(next);
    normalizeTask(next);
    stampStatus(next, current.status, at);
    next.updatedAt = at;
    next.revision = current.revision + 1;
    return next;
}

qsizetype codePointCount(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

bool hasBrokenSurrogates(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        } else if (c.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

bool hasControlCharacters(QStringView text, bool allowLineBreaks)
{
    for (const QChar c : text) {
        if (c.category() != QChar::Other_Control)
            continue;
        if (allowLineBreaks && (c == u'\n' || c == u'\t' || c == u'\r'))
            continue;
        return true;
    }
    return false;
}

void normalizeTask(Task &task)
{
    task.title = task.title.trimmed();
    for (QString &tag : task.tags)
        tag = tag.trimmed();
    if (task.repeat && task.repeat->unit == RepeatUnit::Month && task.repeat->monthDay == 0 && !task.due.isNone())
        task.repeat->monthDay = task.due.date().day();
}

namespace {

Result<void> checkText(const QString &field, const QString &text, bool allowLineBreaks)
{
    if (hasBrokenSurrogates(text))
        return Error::validation(field, QStringLiteral("contains invalid Unicode (a broken surrogate pair)"));
    if (hasControlCharacters(text, allowLineBreaks))
        return Error::validation(
            field,
            allowLineBreaks ? QStringLiteral("must not contain control characters other than tab and line breaks")
                            : QStringLiteral("must not contain control characters or line breaks"));
    return {};
}

} // namespace

Result<void> validateTask(const Task &task)
{
    if (task.id.isNull())
        return Error::validation(QStringLiteral("id"), QStringLiteral("must be a UUID"));
    if (task.title.trimmed().isEmpty())
        return Error::validation(QStringLiteral("title"), QStringLiteral("must not be empty"));
    if (task.title != task.title.trimmed())
        return Error::validation(QStringLiteral("title"), QStringLiteral("must not start or end with spaces"));
    if (const auto length = codePointCount(task.title); length > TaskLimits::MaxTitle)
        return Error::validation(
            QStringLiteral("title"),
            QStringLiteral("is %1 characters long; the limit is %2").arg(length).arg(TaskLimits::MaxTitle));
    if (auto r = checkText(QStringLiteral("title"), task.title, false); !r)
        return r;
    if (const auto length = codePointCount(task.description); length > TaskLimits::MaxDescription)
        return Error::validation(
            QStringLiteral("description"),
            QStringLiteral("is %1 characters long; the limit is %2").arg(length).arg(TaskLimits::MaxDescription));
    if (auto r = checkText(QStringLiteral("description"), task.description, true); !r)
        return r;

    if (task.tags.size() > TaskLimits::MaxTags)
        return Error::validation(
            QStringLiteral("tags"),
            QStringLiteral("has %1 tags; the limit is %2").arg(task.tags.size()).arg(TaskLimits::MaxTags));
    QSet<QString> seen;
    seen.reserve(task.tags.size());
    for (qsizetype i = 0; i < task.tags.size(); ++i) {
        const QString &tag = task.tags.at(i);
        const QString field = QStringLiteral("tags[%1]").arg(i);
        if (tag.trimmed().isEmpty())
            return Error::validation(field, QStringLiteral("must not be empty"));
        if (tag != tag.trimmed())
            return Error::validation(field, QStringLiteral("must not start or end with spaces"));
        if (const auto length = codePointCount(tag); length > TaskLimits::MaxTagLength)
            return Error::validation(
                field,
                QStringLiteral("is %1 characters long; the limit is %2").arg(length).arg(TaskLimits::MaxTagLength));
        if (auto r = checkText(field, tag, false); !r)
            return r;
        const QString key = tagKey(tag);
        if (seen.contains(key))
            return Error::validation(field,
                                     QStringLiteral("\"%1\" is already in the list (tags ignore case)").arg(tag));
        seen.insert(key);
    }

    if (task.repeat) {
        if (auto r = validateRepeat(*task.repeat); !r)
            return r;
        if (task.due.isNone())
            return Error::validation(QStringLiteral("due"),
                                     QStringLiteral("must be set on a repeating task (it is the next occurrence); "
                                                    "stop the repeat to clear it"));
    }
    if (task.status == TaskStatus::Completed && !task.completedAt.isValid())
        return Error::validation(QStringLiteral("completedAt"), QStringLiteral("must be set on a completed task"));
    if (task.status != TaskStatus::Completed && task.completedAt.isValid())
        return Error::validation(QStringLiteral("completedAt"),
                                 QStringLiteral("must be empty unless the task is completed"));
    if (task.revision < 0)
        return Error::validation(QStringLiteral("revision"), QStringLiteral("must not be negative"));
    return {};
}

bool isOverdue(const Task &task, const QDateTime &now, const QTimeZone &zone)
{
    if (task.due.isNone() || task.status == TaskStatus::Completed)
        return false;
    if (task.due.hasTime())
        return task.due.dateTime() < now;
    return task.due.date() < now.toTimeZone(zone).date();
}

} // namespace tandem
