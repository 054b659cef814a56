#pragma once

#include "task.h"

#include <QString>
#include <QStringView>

#include <optional>
#include <span>
#include <string_view>

namespace tandem {

// The English words people use for a task's priority and status, in one table
// that every surface reads: the quick-add parser (and so the desktop's add
// line and POST /api/tasks/quick), the assistant's edits and list filters,
// and the replies. Wire names ("high", "in_progress") stay in task.h.

struct PriorityTerm
{
    std::string_view phrase; // lower-case ASCII, words separated by one space
    TaskPriority priority;
    // Whether the phrase is a priority wherever it stands ("urgent", "asap",
    // "no rush"); otherwise only next to "priority"/"prio" ("high priority",
    // "priority: low"), so "high" in "high school" is no priority.
    bool standsAlone;
};
std::span<const PriorityTerm> priorityTerms();

// A priority said in words, folded (domain/textfold.h): any term above, with
// or without "priority"/"prio" around it and an article ("a high priority",
// "priority high", "high-priority", "it's important"), Todoist's "p1".."p4"
// and "!high"-style markers. Nothing for anything else.
std::optional<TaskPriority> priorityFromPhrase(QStringView folded);

// One step up or down ("raise"/"lower" the priority): low, medium, high,
// urgent; a task without a priority rises to medium and lowers to low.
TaskPriority raisedPriority(TaskPriority priority);
TaskPriority loweredPriority(TaskPriority priority);

// How replies name a priority: "urgent", "high", "medium", "low", "no".
QString priorityWord(TaskPriority priority);

struct StatusTerm
{
    std::string_view phrase; // lower-case ASCII
    TaskStatus status;
};
std::span<const StatusTerm> statusTerms();

// "done", "completed", "not done", "in progress", "open", "to do"...: folded.
std::optional<TaskStatus> statusFromPhrase(QStringView folded);

} // namespace tandem
