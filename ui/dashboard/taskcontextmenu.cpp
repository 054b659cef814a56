#include "taskcontextmenu.h"

#include "dashboard/taskactions.h"
#include "dashboard/tasklabels.h"
#include "domain/textfold.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>

namespace tandem {

namespace {

QString quickDueName(QuickDue choice)
{
    switch (choice) {
    case QuickDue::Today:
        return QStringLiteral("today");
    case QuickDue::Tomorrow:
        return QStringLiteral("tomorrow");
    case QuickDue::NextWeek:
        return QStringLiteral("next_week");
    case QuickDue::NoDate:
        break;
    }
    return QStringLiteral("none");
}

void addDueMenu(QMenu *menu, const Task &task, TaskActions &actions)
{
    QMenu *due = menu->addMenu(QCoreApplication::translate("TaskContextMenu", "D&ue"));
    for (QuickDue choice : quickDues()) {
        QAction *action = due->addAction(quickDueLabel(choice));
        action->setObjectName(QStringLiteral("due:") + quickDueName(choice));
        QObject::connect(action, &QAction::triggered, &actions, [&actions, id = task.id, rev = task.revision, choice] {
            TaskPatch patch;
            patch.due = quickDueValue(choice);
            actions.update(id, patch, rev);
        });
    }
}

void addPriorityMenu(QMenu *menu, const Task &task, TaskActions &actions)
{
    QMenu *priority = menu->addMenu(QCoreApplication::translate("TaskContextMenu", "&Priority"));
    auto *group = new QActionGroup(priority);
    for (TaskPriority value : taskPriorities()) {
        QAction *action = priority->addAction(priorityLabel(value, true));
        action->setObjectName(QStringLiteral("priority:") + taskPriorityName(value));
        action->setCheckable(true);
        action->setChecked(value == task.priority);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, &actions, [&actions, id = task.id, rev = task.revision, value] {
            TaskPatch patch;
            patch.priority = value;
            actions.update(id, patch, rev);
        });
    }
}

void addTagsMenu(QMenu *menu, const Task &task, const QStringList &knownTags, TaskActions &actions)
{
    QMenu *tags = menu->addMenu(QCoreApplication::translate("TaskContextMenu", "&Tags"));
    QStringList choices = task.tags;
    QStringList keys;
    for (const QString &tag : std::as_const(choices))
        keys.append(tagKey(tag));
    for (const QString &tag : knownTags) {
        if (!keys.contains(tagKey(tag))) {
            choices.append(tag);
            keys.append(tagKey(tag));
        }
    }
    if (choices.isEmpty()) {
        tags->addAction(QCoreApplication::translate("TaskContextMenu", "No tags yet"))->setEnabled(false);
        return;
    }
    for (const QString &tag : std::as_const(choices)) {
        QAction *action = tags->addAction(tag);
        action->setObjectName(QStringLiteral("tag:") + tag);
        action->setCheckable(true);
        action->setChecked(task.tags.contains(tag));
        QObject::connect(action, &QAction::triggered, &actions, [&actions, task, tag](bool on) {
            QStringList next = task.tags;
            if (on)
                next.append(tag);
            else
                next.removeAll(tag);
            TaskPatch patch;
            patch.tags = next;
            actions.update(task.id, patch, task.revision);
        });
    }
}

} // namespace

QMenu *createTaskContextMenu(const Task &task, const QStringList &knownTags, TaskActions &actions,
                             const std::function<void()> &edit, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool done = task.status == TaskStatus::Completed;
    QAction *complete = menu->addAction(done ? QCoreApplication::translate("TaskContextMenu", "&Reopen")
                                             : QCoreApplication::translate("TaskContextMenu", "&Complete"));
    complete->setObjectName(QStringLiteral("completeAction"));
    QObject::connect(complete, &QAction::triggered, &actions, [&actions, id = task.id, rev = task.revision, done] {
        actions.setStatus(id, done ? TaskStatus::Pending : TaskStatus::Completed, rev);
    });
    QAction *editAction = menu->addAction(QCoreApplication::translate("TaskContextMenu", "&Edit…"));
    editAction->setObjectName(QStringLiteral("editAction"));
    QObject::connect(editAction, &QAction::triggered, menu, edit);
    menu->addSeparator();
    addDueMenu(menu, task, actions);
    addPriorityMenu(menu, task, actions);
    addTagsMenu(menu, task, knownTags, actions);
    menu->addSeparator();
    QAction *remove = menu->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")),
                                      QCoreApplication::translate("TaskContextMenu", "&Delete"));
    remove->setObjectName(QStringLiteral("deleteAction"));
    QObject::connect(remove, &QAction::triggered, &actions, [&actions, id = task.id] { actions.remove({id}); });
    return menu;
}

} // namespace tandem
