#pragma once

#include "domain/task.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QStringList>
#include <QUuid>

namespace tandem {
class TaskService;
}

namespace tandem::test {

// Every live task of `owners`, by id.
using TaskSnapshot = QMap<QUuid, Task>;
TaskSnapshot snapshotTasks(const TaskService &tasks, const QList<QUuid> &owners);

// The fields of `task` that differ from `base`, as "|title=…|desc=…|status=…|prio=…|due=…|tags=a,b" in
// that order (tags as stored, due as ISO text or "none").
QString changedFields(const Task &task, const Task &base);

// What changed between two snapshots, one line each, sorted: "+Title|field=value" created (fields that
// differ from a new task's defaults), "-Title" deleted, "^Title" back with an id `known` before,
// "~Old title|field=value" changed. Changes to `other`'s tasks start with "bob:".
QStringList taskDiff(const TaskSnapshot &before, const TaskSnapshot &after, const QSet<QUuid> &known,
                     const QUuid &other);

// The ids of the tasks that differ between two snapshots.
QSet<QUuid> changedTaskIds(const TaskSnapshot &before, const TaskSnapshot &after);

// A diff line in a canonical form, so equal effects compare equal as text: tags sorted (ignoring case),
// due dates re-written by Due's ISO form, fields in the order changedFields() writes them. A line that is
// not a diff line comes back unchanged.
QString canonicalEffect(const QString &line);

} // namespace tandem::test
