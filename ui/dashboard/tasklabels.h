#pragma once

#include "domain/due.h"
#include "domain/task.h"

#include <QList>
#include <QString>

namespace tandem {

// The desktop's words for a task's fields, translated, in one place for the
// list, the detail pane and the context menu. The rules behind them (what a
// priority is, what "next week" means) stay in core.

// Every priority, lowest first; None included.
QList<TaskPriority> taskPriorities();
// "Low", "Medium"...; empty for None unless `noneText` is asked for ("No priority").
QString priorityLabel(TaskPriority priority, bool noneText = false);

QList<TaskStatus> taskStatuses();
QString statusLabel(TaskStatus status);

// The quick due choices of the pane and the context menu.
enum class QuickDue { Today, Tomorrow, NextWeek, NoDate };
QList<QuickDue> quickDues();
QString quickDueLabel(QuickDue choice);
// The due a choice means now, read by the quick-add parser so "next week" is
// the same day everywhere in Tandem.
Due quickDueValue(QuickDue choice);

// A repeat rule in the user's language: "Daily", "Every weekday", "Every 2
// weeks on Mon and Thu", "Every month on the 31st" (domain/repeat.h's
// describeRepeat() is the same words in plain English for core).
QString repeatLabel(const RepeatRule &rule);
// " ↻" after a repeating task's due in the list, else nothing.
QString repeatMarker(const Task &task);
// The list's due tooltip: the due, and how the task repeats.
QString dueToolTip(const Task &task);

} // namespace tandem
