// Turn's statements about a task in its own words: "I cleaned the garage",
// "picked up the parcel", "the sink is fixed" (done); "I haven't ordered the
// glasses yet", "I still need to order new glasses" (not done after all).
#include "tenses.h"
#include "turn.h"

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {

// Words around a statement that say nothing about which task.
bool isTimeFiller(const QString &word)
{
    return isOneOf(word,
                   {u"today",    u"yesterday", u"earlier", u"already", u"now",       u"finally", u"just",  u"yet",
                    u"at",       u"last",      u"this",    u"morning", u"afternoon", u"evening", u"after", u"all",
                    u"actually", u"already",   u"too",     u"as",      u"well",      u"in",      u"the",   u"end"});
}

// Adjectives that say a task of that verb is done ("the garage is clean").
QString plainFormOfState(const QString &word)
{
    if (isOneOf(word, {u"clean", u"tidy", u"empty", u"ready", u"open"}))
        return word;
    return {};
}

} // namespace

// The task whose title is `verb` followed by words [first, last] (trailing time words aside).
const TaskCatalog::Entry *Turn::taskByVerb(const QStringList &verbs, qsizetype first, qsizetype last, Scope scope) const
{
    while (last >= first && isTimeFiller(m.word(last)))
        --last;
    while (first <= last && isOneOf(m.word(first), {u"the", u"my", u"a", u"an"}) && last > first)
        ++first;
    if (first > last)
        return nullptr;
    const QString rest = m.folded(first, last).join(u' ');
    for (const QString &verb : verbs) {
        const Message named = readMessage(verb + u' ' + rest);
        const Resolution r = resolver().resolve(first, last, scope);
        const Resolution withVerb = Resolver(named, m_catalog, m_state).resolve(0, named.words.size() - 1, scope);
        for (const Resolution *candidate : {&withVerb, &r}) {
            if (candidate->tasks.size() != 1 || candidate->score < 0.75)
                continue;
            const TaskCatalog::Entry *entry = candidate->tasks.constFirst();
            // The task's title must start with that verb (or one of its forms).
            if (!entry->words.isEmpty() && wordStem(entry->words.constFirst()) == wordStem(verb.section(u' ', 0, 0)))
                return entry;
        }
    }
    return nullptr;
}

std::optional<EngineReply> Turn::statement()
{
    const QStringList w = m.folded(0, m.words.size() - 1);
    if (w.size() < 2)
        return std::nullopt;
    qsizetype i = 0;
    if (w.value(0) == u"turns" && w.value(1) == u"out")
        i += 2;
    if (w.value(i) == u"that")
        ++i;
    const bool saidI = w.value(i) == u"i";
    if (saidI)
        ++i;
    // Not done after all: "I didn't/haven't (yet) order X", "I never ordered X", "I still need to order X".
    bool negated = false;
    if (saidI && isOneOf(w.value(i), {u"did", u"have", u"had"}) && isOneOf(w.value(i + 1), {u"not", u"never"})) {
        negated = true;
        i += 2;
    } else if (saidI && w.value(i) == u"never") {
        negated = true;
        ++i;
    } else if (saidI && w.value(i) == u"still" && isOneOf(w.value(i + 1), {u"need", u"have", u"got"})
               && w.value(i + 2) == u"to") {
        negated = true;
        i += 3;
    } else if (saidI && w.value(i) == u"forgot" && w.value(i + 1) == u"to") {
        negated = true;
        i += 2;
    }
    while (isOneOf(
        w.value(i),
        {u"actually", u"yet", u"even", u"really", u"have", u"had", u"just", u"already", u"finally", u"also", u"now"}))
        ++i;
    if (i + 1 < w.size()) {
        QStringList verbs = plainFormsOfPast(w.at(i));
        if (negated)
            verbs.prepend(w.at(i)); // "didn't order": the plain form itself
        if (!verbs.isEmpty()) {
            if (const auto *entry = taskByVerb(verbs, i + 1, w.size() - 1, negated ? Scope::Completed : Scope::Open))
                return apply(negated ? Op::Reopen : Op::Complete, {}, entry);
        }
    }
    // Passive: "the sink is fixed", "the parcel has been picked up", "the glasses haven't been ordered yet".
    for (qsizetype at = 1; at + 1 < w.size(); ++at) {
        if (!isOneOf(w.at(at), {u"is", u"was", u"are", u"were", u"has", u"have", u"got", u"still"}))
            continue;
        qsizetype j = at + 1;
        bool not_ = isOneOf(w.value(j), {u"not", u"never"});
        if (not_)
            ++j;
        // "still needs to be ordered": not done
        if (w.at(at) == u"still" && isOneOf(w.value(j), {u"needs", u"need", u"has", u"have"}) && w.value(j + 1) == u"to"
            && w.value(j + 2) == u"be") {
            not_ = true;
            j += 3;
        }
        while (isOneOf(w.value(j), {u"been", u"now", u"finally", u"all", u"actually", u"yet", u"already"}))
            ++j;
        if (j >= w.size())
            break;
        QStringList verbs = plainFormsOfPast(w.at(j));
        if (const QString state = plainFormOfState(w.at(j)); !state.isEmpty())
            verbs.append(state);
        if (verbs.isEmpty())
            break;
        // Only "up"/"out" and time words may follow ("picked up", "sorted out", "now").
        bool tail = true;
        for (qsizetype k = j + 1; k < w.size(); ++k)
            tail = tail && (isOneOf(w.at(k), {u"up", u"out", u"off"}) || isTimeFiller(w.at(k)));
        if (!tail)
            break;
        QStringList named = verbs;
        if (j + 1 < w.size() && isOneOf(w.at(j + 1), {u"up", u"out", u"off"})) {
            for (QString &verb : named)
                verb += u' ' + w.at(j + 1);
        }
        if (const auto *entry = taskByVerb(named, 0, at - 1, not_ ? Scope::Completed : Scope::Open))
            return apply(not_ ? Op::Reopen : Op::Complete, {}, entry);
        break;
    }
    return std::nullopt;
}

} // namespace tandem::assistant
