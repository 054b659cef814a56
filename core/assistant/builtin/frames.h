#pragma once

#include "assistant/patterns.h"
#include "domain/task.h"

#include <QList>
#include <QString>

#include <optional>

namespace tandem::assistant {

// What a request does to one task (or, confirmed, to several).
enum class Op {
    Complete,
    Reopen,
    Start,
    Pause,
    Delete,
    Rename,
    Describe,
    Due,
    ClearDue,
    Priority,
    AddTags,
    RemoveTags,
    ClearTags,
    Repeat, // "make X repeat every friday"
    StopRepeat, // "stop repeating X"
};

QString opName(Op op);
std::optional<Op> opFromName(const QString &name);

// How a request relates the priority it names to the task's ("raise" it one step).
enum class PriorityChange { Set, Raise, Lower };

// One shape of a request about a task: "push {task} to {date}". Slots:
// {task} a task reference; {title}, {text} literal text; {date} one date
// phrase; {shift} "2 days", "a week"; {priority}; {tags} tag words;
// {hashtags} words that all start with '#'; {repeat} a repeat phrase ("every friday").
struct CommandFrame
{
    Pattern pattern;
    Op op;
    std::optional<TaskPriority> fixedPriority = std::nullopt; // "prioritize X"
    PriorityChange change = PriorityChange::Set; // "raise the priority of X"
    bool colonAfterTask = false; // "add a note to X: text" (without the colon, where X ends is a guess)
};

// Every shape, built from the lexicon's verbs. The first shape whose task
// exists wins, so the destructive shapes come last: "remove the due date from
// X" and "remove #work from X" are never read as "remove <a task>".
const QList<CommandFrame> &commandFrames();

// "2 days", "a week", "three weeks", "one month": {days, months}.
std::optional<std::pair<int, int>> shiftFromWords(const QStringList &words);

// Where a task reference looks first: what an operation normally applies to.
enum class Scope { Any, Open, Completed };
Scope scopeFor(Op op);
bool inScope(const Task &task, Scope scope);

} // namespace tandem::assistant
