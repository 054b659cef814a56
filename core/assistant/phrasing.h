#pragma once

#include "domain/task.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace tandem::assistant {

// How the assistant words things: short, concrete, relative to now.
struct Now
{
    QDateTime instant;
    QTimeZone zone;
    QDate today() const { return instant.toTimeZone(zone).date(); }
};

// “Buy milk”
QString quoted(const QString &title);
// "today", "tomorrow at 9:00", "on Friday", "on 3 Mar", "on 3 Mar 2027", "yesterday"
QString humanDue(const Due &due, const Now &now);
// tandem::isOverdue() at the turn's now, in the user's zone.
bool isOverdue(const Task &task, const Now &now);
// “Buy milk” — due tomorrow, high priority, #home
QString describe(const Task &task, const Now &now);
// "1. “Buy milk” — due today\n2. …"
QString numberedList(const QList<Task> &tasks, const Now &now);
// "1 task" / "3 tasks"
QString countOf(qsizetype n, const QString &singular, const QString &plural);

} // namespace tandem::assistant
