#include "tasklabels.h"

#include "dashboard/taskactions.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace tandem {

QList<TaskPriority> taskPriorities()
{
    return {TaskPriority::None, TaskPriority::Low, TaskPriority::Medium, TaskPriority::High, TaskPriority::Urgent};
}

QString priorityLabel(TaskPriority priority, bool noneText)
{
    switch (priority) {
    case TaskPriority::None:
        return noneText ? QCoreApplication::translate("TaskLabels", "No priority") : QString();
    case TaskPriority::Low:
        return QCoreApplication::translate("TaskLabels", "Low");
    case TaskPriority::Medium:
        return QCoreApplication::translate("TaskLabels", "Medium");
    case TaskPriority::High:
        return QCoreApplication::translate("TaskLabels", "High");
    case TaskPriority::Urgent:
        return QCoreApplication::translate("TaskLabels", "Urgent");
    }
    return {};
}

QList<TaskStatus> taskStatuses()
{
    return {TaskStatus::Pending, TaskStatus::InProgress, TaskStatus::Completed};
}

QString statusLabel(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return QCoreApplication::translate("TaskLabels", "To do");
    case TaskStatus::InProgress:
        return QCoreApplication::translate("TaskLabels", "In progress");
    case TaskStatus::Completed:
        return QCoreApplication::translate("TaskLabels", "Done");
    }
    return {};
}

QList<QuickDue> quickDues()
{
    return {QuickDue::Today, QuickDue::Tomorrow, QuickDue::NextWeek, QuickDue::NoDate};
}

QString quickDueLabel(QuickDue choice)
{
    switch (choice) {
    case QuickDue::Today:
        return QCoreApplication::translate("TaskLabels", "Today");
    case QuickDue::Tomorrow:
        return QCoreApplication::translate("TaskLabels", "Tomorrow");
    case QuickDue::NextWeek:
        return QCoreApplication::translate("TaskLabels", "Next week");
    case QuickDue::NoDate:
        return QCoreApplication::translate("TaskLabels", "No date");
    }
    return {};
}

Due quickDueValue(QuickDue choice)
{
    // The parser's words, not the user's language: they name the rule.
    switch (choice) {
    case QuickDue::Today:
        return parseQuickAdd(QStringLiteral("today")).due;
    case QuickDue::Tomorrow:
        return parseQuickAdd(QStringLiteral("tomorrow")).due;
    case QuickDue::NextWeek:
        return parseQuickAdd(QStringLiteral("next week")).due;
    case QuickDue::NoDate:
        break;
    }
    return {};
}

namespace {

QString tl(const char *text, int n = -1)
{
    return QCoreApplication::translate("TaskLabels", text, nullptr, n);
}

QString weekdayList(const RepeatRule &rule)
{
    QStringList names;
    for (int day = 1; day <= 7; ++day) {
        if (rule.hasWeekday(day))
            names.append(QLocale().dayName(day, QLocale::ShortFormat));
    }
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return tl("%1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

} // namespace

QString repeatLabel(const RepeatRule &rule)
{
    const int n = rule.interval;
    switch (rule.unit) {
    case RepeatUnit::Day:
        return n == 1 ? tl("Daily") : tl("Every %n days", n);
    case RepeatUnit::Week:
        if (n == 1 && rule.weekdays == 0b0011'1110)
            return tl("Every weekday");
        if (rule.weekdays == 0)
            return n == 1 ? tl("Weekly") : tl("Every %n weeks", n);
        return (n == 1 ? tl("Weekly on %1") : tl("Every %n weeks on %1", n)).arg(weekdayList(rule));
    case RepeatUnit::Month:
        if (rule.monthDay == 0)
            return n == 1 ? tl("Monthly") : tl("Every %n months", n);
        return (n == 1 ? tl("Monthly on day %1") : tl("Every %n months on day %1", n)).arg(rule.monthDay);
    case RepeatUnit::Year:
        return n == 1 ? tl("Yearly") : tl("Every %n years", n);
    }
    return {};
}

QString repeatMarker(const Task &task)
{
    return task.repeat ? QStringLiteral(" \u21bb") : QString();
}

QString dueToolTip(const Task &task)
{
    if (task.due.isNone())
        return {};
    if (!task.repeat)
        return task.due.toIsoString();
    return tl("%1\nRepeats: %2").arg(task.due.toIsoString(), repeatLabel(*task.repeat));
}

} // namespace tandem
