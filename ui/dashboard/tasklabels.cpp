#include "tasklabels.h"

#include "dashboard/taskactions.h"

#include <QCoreApplication>

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

} // namespace tandem
