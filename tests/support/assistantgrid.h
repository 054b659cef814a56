#pragma once

#include "assistantcases.h"

#include <QList>

namespace tandem::test {

// The generated paraphrase grid the built-in engine is developed against (the
// held-out set never is): request templates x verbs and their synonyms x where
// the date, priority or tag stands x how the task is named x courtesy, each
// with the exact effect it must have on the grid's own seed.
Seeds gridSeeds();
QList<AssistantCase> paraphraseGrid();

// Messages that must change nothing: unknown verbs with a task and a change,
// text that tries to instruct the assistant, another user's tasks, gibberish.
QList<AssistantCase> safetyGrid();

// Requests that touch several tasks: each asks first; "no" changes nothing.
QList<AssistantCase> bulkGrid();

// Words that make a message a change, for the property that no new task's
// title holds an existing task's title together with one of them.
const QStringList &changeWords();

} // namespace tandem::test
