#include "edits.h"

#include "domain/json.h"
#include "domain/textfold.h"
#include "domain/vocabulary.h"

#include <QJsonArray>

namespace tandem::assistant {

namespace {

std::optional<Edit> statusEdit(Op op, const Task &task, const QString &title)
{
    Edit edit;
    switch (op) {
    case Op::Complete:
        if (task.status == TaskStatus::Completed)
            return Edit{{}, {}, QStringLiteral("%1 is already done.").arg(title)};
        edit.patch.status = TaskStatus::Completed;
        edit.done = QStringLiteral("Marked %1 as done.").arg(title);
        break;
    case Op::Reopen:
        if (task.status != TaskStatus::Completed)
            return Edit{{}, {}, QStringLiteral("%1 is not done yet, so it is already open.").arg(title)};
        edit.patch.status = TaskStatus::Pending;
        edit.done = QStringLiteral("Reopened %1.").arg(title);
        break;
    case Op::Start:
        if (task.status == TaskStatus::InProgress)
            return Edit{{}, {}, QStringLiteral("%1 is already in progress.").arg(title)};
        edit.patch.status = TaskStatus::InProgress;
        edit.done = QStringLiteral("Marked %1 as in progress.").arg(title);
        break;
    case Op::Pause:
        if (task.status != TaskStatus::InProgress)
            return Edit{{}, {}, QStringLiteral("%1 is not in progress.").arg(title)};
        edit.patch.status = TaskStatus::Pending;
        edit.done = QStringLiteral("%1 is no longer in progress.").arg(title);
        break;
    default:
        return std::nullopt;
    }
    return edit;
}

std::optional<Edit> tagEdit(Op op, const QJsonObject &arguments, const Task &task, const QString &title)
{
    Edit edit;
    QStringList tags = task.tags;
    if (op == Op::ClearTags) {
        if (task.tags.isEmpty())
            return Edit{{}, {}, QStringLiteral("%1 has no tags.").arg(title)};
        edit.patch.tags = QStringList();
        edit.done = QStringLiteral("Removed all tags from %1.").arg(title);
        return edit;
    }
    const QJsonArray said = arguments.value(QStringLiteral("tags")).toArray();
    QStringList changed;
    for (const QJsonValue &value : said) {
        const QString tag = value.toString();
        if (op == Op::AddTags) {
            const bool known
                = std::any_of(tags.cbegin(), tags.cend(), [&](const QString &t) { return tagKey(t) == tagKey(tag); });
            if (!known) {
                tags.append(tag);
                changed.append(u'#' + tag);
            }
        } else {
            for (qsizetype i = tags.size() - 1; i >= 0; --i) {
                if (tagKey(tags.at(i)) == tagKey(tag))
                    changed.append(u'#' + tags.takeAt(i));
            }
        }
    }
    if (changed.isEmpty())
        return Edit{{},
                    {},
                    op == Op::AddTags ? QStringLiteral("%1 already has those tags.").arg(title)
                                      : QStringLiteral("%1 doesn't have that tag.").arg(title)};
    edit.patch.tags = tags;
    edit.done = op == Op::AddTags
        ? QStringLiteral("Tagged %1 with %2.").arg(title, changed.join(QStringLiteral(", ")))
        : QStringLiteral("Removed %1 from %2.").arg(changed.join(QStringLiteral(", ")), title);
    return edit;
}

std::optional<Edit> priorityEdit(const QJsonObject &arguments, const Task &task, const QString &title)
{
    std::optional<TaskPriority> priority;
    const QString change = arguments.value(QStringLiteral("change")).toString();
    if (change == u"raise")
        priority = raisedPriority(task.priority);
    else if (change == u"lower")
        priority = loweredPriority(task.priority);
    else
        priority = taskPriorityFromName(arguments.value(QStringLiteral("priority")).toString());
    if (!priority)
        return std::nullopt;
    if (*priority == task.priority) {
        return Edit{{},
                    {},
                    *priority == TaskPriority::None
                        ? QStringLiteral("%1 has no priority.").arg(title)
                        : QStringLiteral("%1 is already %2 priority.").arg(title, priorityWord(*priority))};
    }
    Edit edit;
    edit.patch.priority = *priority;
    edit.done = *priority == TaskPriority::None
        ? QStringLiteral("Removed the priority of %1.").arg(title)
        : QStringLiteral("%1 is now %2 priority.").arg(title, priorityWord(*priority));
    return edit;
}

} // namespace

// "make X repeat every friday": the rule, and a due on its first occurrence
// from the current due (or today), keeping the time of day.
static std::optional<Edit> repeatEdit(const QJsonObject &arguments, const Task &task, const QString &title,
                                      const Now &now)
{
    auto rule = repeatFromJson(arguments.value(QStringLiteral("repeat")).toObject());
    if (!rule)
        return std::nullopt;
    Task next = task;
    next.repeat = rule.value();
    normalizeTask(next);
    const QDate from = task.due.isNone() ? now.today()
        : task.due.hasTime()             ? task.due.dateTime().toTimeZone(now.zone).date()
                                         : task.due.date();
    const QDate first = firstRepeatDate(from, *next.repeat);
    if (task.due.hasTime()) {
        const QDateTime local = task.due.dateTime().toTimeZone(now.zone);
        next.due = Due::at(QDateTime(first, local.time(), now.zone));
    } else {
        next.due = Due::onDate(first);
    }
    if (task.repeat == next.repeat && next.due == task.due)
        return Edit{{}, {}, QStringLiteral("%1 already repeats %2.").arg(title, describeRepeat(*next.repeat))};
    Edit edit;
    edit.patch.repeat = next.repeat;
    if (next.due != task.due)
        edit.patch.due = next.due;
    edit.done = QStringLiteral("%1 now repeats %2; next due %3.")
                    .arg(title, describeRepeat(*next.repeat), humanDue(next.due, now));
    return edit;
}

Due shiftedDue(const Due &due, int days, int months, const Now &now)
{
    if (due.hasTime()) {
        const QDateTime local = due.dateTime().toTimeZone(now.zone);
        return Due::at(QDateTime(local.date().addMonths(months).addDays(days), local.time(), now.zone));
    }
    const QDate from = due.isNone() ? now.today() : due.date();
    return Due::onDate(from.addMonths(months).addDays(days));
}

std::optional<Edit> editFor(Op op, const QJsonObject &arguments, const Task &task, const Now &now)
{
    const QString title = quoted(task.title);
    Edit edit;
    switch (op) {
    case Op::Complete:
        if (auto done = statusEdit(op, task, title); done && task.repeat && !task.due.isNone()) {
            // Completing one occurrence moves the task on (domain stampStatus).
            done->done = QStringLiteral("Marked %1 as done for now; it repeats %2, so it is next due %3.")
                             .arg(title, describeRepeat(*task.repeat),
                                  humanDue(nextDue(task.due, *task.repeat, now.instant), now));
            return done;
        }
        return statusEdit(op, task, title);
    case Op::Reopen:
    case Op::Start:
    case Op::Pause:
        return statusEdit(op, task, title);
    case Op::Delete:
        return std::nullopt; // not an edit
    case Op::Rename:
        edit.patch.title = arguments.value(QStringLiteral("title")).toString().trimmed();
        if (*edit.patch.title == task.title)
            return Edit{{}, {}, QStringLiteral("%1 is already called that.").arg(title)};
        edit.done = QStringLiteral("Renamed %1 to %2.").arg(title, quoted(*edit.patch.title));
        return edit;
    case Op::Describe:
        edit.patch.description = arguments.value(QStringLiteral("text")).toString().trimmed();
        if (*edit.patch.description == task.description)
            return Edit{{},
                        {},
                        task.description.isEmpty() ? QStringLiteral("%1 has no description.").arg(title)
                                                   : QStringLiteral("%1 already has that description.").arg(title)};
        edit.done = edit.patch.description->isEmpty() ? QStringLiteral("Removed the description of %1.").arg(title)
                                                      : QStringLiteral("Updated the description of %1.").arg(title);
        return edit;
    case Op::Due: {
        const auto due = arguments.contains(QStringLiteral("due"))
            ? Due::fromIsoString(arguments.value(QStringLiteral("due")).toString())
            : std::optional<Due>(shiftedDue(task.due, arguments.value(QStringLiteral("shiftDays")).toInt(),
                                            arguments.value(QStringLiteral("shiftMonths")).toInt(), now));
        if (!due)
            return std::nullopt;
        if (*due == task.due)
            return Edit{{}, {}, QStringLiteral("%1 is already due %2.").arg(title, humanDue(*due, now))};
        edit.patch.due = *due;
        edit.done = QStringLiteral("%1 is now due %2.").arg(title, humanDue(*due, now));
        return edit;
    }
    case Op::ClearDue:
        if (task.due.isNone())
            return Edit{{}, {}, QStringLiteral("%1 has no due date.").arg(title)};
        edit.patch.due = Due();
        edit.done = QStringLiteral("Removed the due date from %1.").arg(title);
        return edit;
    case Op::Priority:
        return priorityEdit(arguments, task, title);
    case Op::AddTags:
    case Op::RemoveTags:
    case Op::ClearTags:
        return tagEdit(op, arguments, task, title);
    case Op::Repeat:
        return repeatEdit(arguments, task, title, now);
    case Op::StopRepeat:
        if (!task.repeat)
            return Edit{{}, {}, QStringLiteral("%1 doesn't repeat.").arg(title)};
        edit.patch.repeat = std::optional<RepeatRule>();
        edit.done = QStringLiteral("%1 no longer repeats; completing it will close it.").arg(title);
        return edit;
    }
    return std::nullopt;
}

} // namespace tandem::assistant
