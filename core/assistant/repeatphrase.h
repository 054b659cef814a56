#pragma once

// The quick-add parser's repeat phrases ("every monday", "every 2 weeks on
// Tue and Thu", "daily", "on the 1st of every month"). Internal to
// core/assistant: quickadd.cpp is its one user.

#include "datewords.h"
#include "domain/repeat.h"
#include "quickadd.h"

#include <optional>

namespace tandem::assistant::detail {

struct RepeatPhrase
{
    qsizetype start = 0;
    qsizetype end = 0;
    RepeatRule rule;
};

// The repeat phrase that starts at `pos`, if one does (the caller has checked
// TextView::isStart(pos)). An adverb after a determiner ("the weekly
// digest", "my daily walk") or glued to a noun it describes is no phrase.
std::optional<RepeatPhrase> matchRepeatPhrase(const TextView &text, qsizetype pos);

// Puts the rule on `parsed` and makes its due the first occurrence: on or
// after the date the text gave (keeping its time of day), else on or after
// today. A weekly rule without weekdays given a date repeats on its weekday; a
// monthly one without a day keeps 0 (the task takes its due's day, normalizeTask()).
void applyRepeat(QuickAdd &parsed, RepeatRule rule, bool dueGiven, const ParseContext &context);

} // namespace tandem::assistant::detail
