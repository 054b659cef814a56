#pragma once

#include "assistant/phrasing.h"
#include "domain/task.h"
#include "frames.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace tandem::assistant {

// What one operation changes on one task, and the reply that says so.
struct Edit
{
    TaskPatch patch;
    QString done; // "Marked “X” as done."
    QString unchanged; // when there is nothing to do: the reply that says so
};

// What `op` with `arguments` (as commandArguments() built them) changes on
// `task`; nothing when the arguments make no sense for it.
std::optional<Edit> editFor(Op op, const QJsonObject &arguments, const Task &task, const Now &now);

// `due` moved later by days and months (from today when it has no date); a
// time of day stays the same local time.
Due shiftedDue(const Due &due, int days, int months, const Now &now);

} // namespace tandem::assistant
