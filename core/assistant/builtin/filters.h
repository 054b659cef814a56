#pragma once

#include "assistant/phrasing.h"
#include "domain/taskquery.h"
#include "message.h"

#include <QSet>
#include <QString>

#include <optional>

namespace tandem::assistant {

struct ParseContext;

// What a question about the list asks for: a domain TaskQuery (the same
// matcher as REST and the dashboard: statuses, priorities, tag, overdue, due
// and completion ranges), plus the words to search titles and descriptions for.
struct ListFilter
{
    TaskQuery query; // its sort is not used: lists sort by due date
    QString text; // words of the title or description, as said ("find cafe")
    int unknownWords = 0; // words that said nothing about which tasks
    QString description; // "open tasks due today", for the reply
    bool count = false; // "how many ..."
};

// Reads a list request ("what's due this week?", "show my home tasks",
// "how many overdue tasks do I have", "what did I finish today"). A word that
// is one of `tagKeys` (the user's tags) is a tag filter, as an adjective or a
// noun ("my errands", "work stuff"). Nothing when the message asks for no list.
std::optional<ListFilter> parseListFilter(const Message &m, const Now &now, const ParseContext &parse,
                                          const QSet<QString> &tagKeys);

// "open tasks tagged #work" -> "open task tagged #work": only the first "tasks".
QString singularOf(const QString &plural);

} // namespace tandem::assistant
