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

} // namespace tandem
