#pragma once

#include "domain/task.h"

#include <QStringList>

#include <functional>

class QMenu;
class QWidget;

namespace tandem {

class TaskActions;

// A task row's menu: Complete (or Reopen), Edit, Due ▸, Priority ▸, Tags ▸
// (the known tags and the task's own, checkable), Delete. Each entry sends
// its edit through `actions` with the task's revision; Edit calls `edit`.
// The menu is a child of `parent` and deletes itself once closed. Its actions
// are named for tests: "completeAction", "editAction", "deleteAction", and in
// the submenus "due:today", "priority:high", "tag:<tag>" (wire names).
QMenu *createTaskContextMenu(const Task &task, const QStringList &knownTags, TaskActions &actions,
                             const std::function<void()> &edit, QWidget *parent);

} // namespace tandem
