#pragma once

#include "assistant/catalog.h"
#include "assistant/conversation.h"
#include "frames.h"
#include "message.h"

#include <QList>
#include <QString>

namespace tandem::assistant {

struct ParseContext;

// Whether words [first, last] can name a task: never just filler, never
// across a colon, never starting or ending with the little words of a request
// ("to", "not", "by", "off"), never the words of a query ("completed tasks"),
// and when the message starts with them, never a question ("what's due ...").
bool canNameTask(const Message &m, qsizetype first, qsizetype last);

// Which task a stretch of words means.
struct Resolution
{
    QList<const TaskCatalog::Entry *> tasks; // one: resolved; several: ask which; none: not found
    QString said; // what the user called it, for the reply
    bool byReference = false; // "it", "#2", "the last one": never ambiguous
    bool exact = false; // by reference, or the whole title as said
    bool wordsExact = false; // exact, or every word said is in the best title as said (no typo, no prefix)
    double score = 0; // how well the best task matches (TaskCatalog::Match::score)
    bool plural = false; // "them", "both", "all of those": every task of the last list, meant together
};

// Resolves what a message calls a task: by title (case, accents, word order,
// small typos and inflections forgiven; a quoted title exactly), by number or
// ordinal from the last list ("3", "#3", "the third one", "the last one"), or
// by pronoun ("it", "that one": the task last mentioned).
class Resolver final
{
public:
    Resolver(const Message &message, const TaskCatalog &catalog, const ConversationState &state);

    Resolution resolve(qsizetype first, qsizetype last, Scope scope) const;

    // "the report, the plants and buy milk": the tasks named, when every
    // name is one task of its own; nothing when any is unclear.
    QList<const TaskCatalog::Entry *> namedList(qsizetype first, qsizetype last) const;

    // Answers to "which one?": "the first", "2", "#2", "the one due friday",
    // "the urgent one", "the one tagged work", or words of one candidate's title.
    const TaskCatalog::Entry *chooseAmong(const QList<const TaskCatalog::Entry *> &candidates,
                                          const ParseContext &parse) const;
    // "7", "the last", "the one ...", "the ... one", "number ...": meant as an answer.
    bool looksLikeAnAnswer() const;

    bool taskSlotValid(qsizetype first, qsizetype last) const { return canNameTask(m, first, last); }
    // "the unicorn report" rather than "i am" or "we": worth a "not found".
    bool looksLikeAName(qsizetype first, qsizetype last) const;
    // A delete goes ahead at once only when the task is named beyond doubt.
    bool clearlyNamed(const Resolution &r) const;

    static void preferScope(QList<const TaskCatalog::Entry *> &tasks, Scope scope);

private:
    const Message &m;
    const TaskCatalog &m_catalog;
    const ConversationState &m_state;
};

} // namespace tandem::assistant
