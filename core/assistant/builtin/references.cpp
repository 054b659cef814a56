#include "references.h"

#include "assistant/quickadd.h"
#include "domain/textfold.h"
#include "domain/vocabulary.h"

namespace tandem::assistant {

using Entry = TaskCatalog::Entry;

namespace {

// Articles and nouns around a name that are not part of it.
bool isFiller(const QString &w)
{
    return isOneOf(w, {u"the",    u"my",    u"a",      u"an",   u"task",  u"todo",  u"to-do", u"item",     u"one",
                       u"called", u"named", u"titled", u"that", u"this",  u"thing", u"entry", u"reminder", u"job",
                       u"chore",  u"about", u"for",    u"our",  u"your",  u"with",  u"of",    u"in",       u"on",
                       u"at",     u"to",    u"from",   u"some", u"stuff", u"whole"});
}

// Nouns people add to a task's name that are rarely part of its title.
bool isDecoration(const QString &w)
{
    return isOneOf(w, {u"appointment", u"appt",   u"meeting",  u"call",    u"thing",    u"things", u"errand", u"order",
                       u"visit",       u"trip",   u"session",  u"booking", u"business", u"matter", u"issue",  u"bit",
                       u"part",        u"pickup", u"run",      u"stuff",   u"tasks",    u"todos",  u"item",   u"items",
                       u"job",         u"chore",  u"reminder", u"deal",    u"one",      u"ones",   u"project"});
}

} // namespace

Resolver::Resolver(const Message &message, const TaskCatalog &catalog, const ConversationState &state)
    : m(message)
    , m_catalog(catalog)
    , m_state(state)
{ }

Resolution Resolver::resolve(qsizetype first, qsizetype last, Scope scope) const
{
    Resolution r;
    r.said = m.literal(first, last);
    const QStringList words = m.folded(first, last);

    // Pronouns: the task last mentioned.
    const QString joined = words.join(u' ');
    // "them", "both", "all of those": the last list, all of it.
    if (isOneOf(joined,
                {u"them",
                 u"them all",
                 u"all of them",
                 u"all of those",
                 u"all of these",
                 u"those",
                 u"these",
                 u"both",
                 u"both of them",
                 u"them both",
                 u"all those",
                 u"all these",
                 u"the lot",
                 u"every one of them",
                 u"each of them",
                 u"all three",
                 u"all 3",
                 u"those tasks",
                 u"these tasks",
                 u"all those tasks",
                 u"all of those tasks"})
        && !m_state.lastList.isEmpty()) {
        r.byReference = r.exact = r.plural = true;
        r.score = 1;
        for (const QUuid &id : m_state.lastList) {
            if (const Entry *entry = m_catalog.find(id))
                r.tasks.append(entry);
        }
        return r;
    }
    // "the first two", "the last 3", "1 and 3", "2, 3 and 4": several of the last list.
    if (!m_state.lastList.isEmpty()) {
        QList<int> numbers;
        bool onlyNumbers = words.size() >= 2;
        for (qsizetype i = 0; i < words.size() && onlyNumbers; ++i) {
            const QString &w = words.at(i);
            if (isOneOf(w, {u"and", u"&", u"the", u"numbers", u"number", u"items", u"tasks", u"ones", u"one", u"#"}))
                continue;
            if (isOneOf(w, {u"first", u"top", u"last"}) && i + 1 < words.size()
                && ordinalOrNumber(words.at(i + 1)) > 1) {
                const int n = ordinalOrNumber(words.at(i + 1));
                const int size = int(m_state.lastList.size());
                for (int k = 0; k < n && k < size; ++k)
                    numbers.append(w == u"last" ? size - n + k + 1 : k + 1);
                ++i;
                continue;
            }
            const int n = ordinalOrNumber(w);
            if (n > 0)
                numbers.append(n);
            else
                onlyNumbers = false;
        }
        if (onlyNumbers && numbers.size() >= 2) {
            r.byReference = r.exact = r.plural = true;
            r.score = 1;
            for (int n : std::as_const(numbers)) {
                if (n >= 1 && n <= m_state.lastList.size()) {
                    if (const Entry *entry = m_catalog.find(m_state.lastList.at(n - 1));
                        entry && !r.tasks.contains(entry))
                        r.tasks.append(entry);
                }
            }
            return r;
        }
    }
    if (isOneOf(joined,
                {u"it", u"that", u"this", u"that one", u"this one", u"that task", u"this task", u"the task",
                 u"the last one i added", u"the one i just added", u"the one i just made", u"that last one",
                 u"the same one", u"the same task", u"that item", u"this item"})) {
        r.byReference = r.exact = true;
        r.score = 1;
        if (const Entry *entry = m_catalog.find(m_state.lastTask))
            r.tasks.append(entry);
        return r;
    }
    // Numbers from the last list: "3", "#3", "the third one", "number 3", "the last one", "task 2".
    {
        QStringList rest;
        for (const QString &w : words) {
            if (!isFiller(w)
                && !isOneOf(w,
                            {u"number", u"no", u"no.", u"item", u"option", u"nr", u"num", u"on", u"list", u"from",
                             u"in", u"of", u"above", u"there"}))
                rest.append(w);
        }
        int number = rest.size() == 1 ? ordinalOrNumber(rest.constFirst()) : 0;
        if (rest.size() == 1 && rest.constFirst() == u"last" && !m_state.lastList.isEmpty())
            number = int(m_state.lastList.size());
        if (number > 0 && rest.size() == 1 && !m_state.lastList.isEmpty() && words.size() <= 6) {
            r.byReference = r.exact = true;
            r.score = 1;
            if (number <= m_state.lastList.size()) {
                if (const Entry *entry = m_catalog.find(m_state.lastList.at(number - 1)))
                    r.tasks.append(entry);
            }
            return r;
        }
    }
    // A quoted title is exact (ignoring case and accents).
    if (first == last && m.isQuote(first)) {
        const QString folded = foldForSearch(m.quotes.value(first));
        QStringList quotedWords;
        for (const Word &word : splitWords(folded))
            quotedWords.append(word.folded);
        const auto matches = m_catalog.match(quotedWords, folded);
        for (const auto &match : matches) {
            if (match.exact)
                r.tasks.append(match.entry);
        }
        if (r.tasks.size() > 1)
            preferScope(r.tasks, scope);
        r.exact = !r.tasks.isEmpty();
        r.score = r.exact ? 1 : 0;
        return r;
    }
    QStringList query;
    for (const QString &w : words) {
        if (!isFiller(w))
            query.append(w);
    }
    if (query.isEmpty())
        query = words;
    const QString foldedQuery = foldForSearch(r.said);
    auto matches = m_catalog.match(query, foldedQuery);
    // A word that only decorates the name and no title has ("the dentist appointment" for
    // "Call the dentist"): the task the other words name, if only one fits well; never
    // "exact", so a delete asks first. A word with a meaning of its own ("the annual
    // report" is not "the quarterly report") never goes.
    if (matches.isEmpty() && query.size() >= 2) {
        QList<TaskCatalog::Match> loose;
        for (qsizetype drop = 0; drop < query.size(); ++drop) {
            if (!isDecoration(query.at(drop)))
                continue;
            QStringList fewer = query;
            fewer.removeAt(drop);
            for (const auto &match : m_catalog.match(fewer, foldForSearch(fewer.join(u' ')))) {
                if (match.score >= 0.7 && std::none_of(loose.cbegin(), loose.cend(), [&](const auto &seen) {
                        return seen.entry == match.entry;
                    }))
                    loose.append(match);
            }
        }
        if (loose.size() == 1) {
            TaskCatalog::Match match = loose.constFirst();
            match.exact = match.wordsExact = false;
            match.score = std::min(match.score, 0.7);
            matches = {match};
        }
    }
    // An exact title wins outright.
    QList<const Entry *> exact;
    for (const auto &match : std::as_const(matches)) {
        if (match.exact)
            exact.append(match.entry);
    }
    if (!exact.isEmpty()) {
        preferScope(exact, scope);
        r.tasks = exact;
        r.exact = true;
        r.score = 1;
        return r;
    }
    // Otherwise the best score, if it stands out; prefer the operation's scope.
    QList<TaskCatalog::Match> scoped;
    for (const auto &match : std::as_const(matches)) {
        if (inScope(match.entry->task, scope))
            scoped.append(match);
    }
    if (scoped.isEmpty())
        scoped = matches;
    if (scoped.isEmpty())
        return r;
    const double best = scoped.constFirst().score;
    r.score = best;
    r.wordsExact = scoped.constFirst().wordsExact;
    for (const auto &match : std::as_const(scoped)) {
        if (best - match.score < 0.08)
            r.tasks.append(match.entry);
        if (r.tasks.size() >= 9)
            break;
    }
    return r;
}

void Resolver::preferScope(QList<const Entry *> &tasks, Scope scope)
{
    QList<const Entry *> preferred;
    for (const Entry *entry : std::as_const(tasks)) {
        if (inScope(entry->task, scope))
            preferred.append(entry);
    }
    if (!preferred.isEmpty())
        tasks = preferred;
}

QList<const Entry *> Resolver::namedList(qsizetype first, qsizetype last) const
{
    QList<std::pair<qsizetype, qsizetype>> names;
    qsizetype start = first;
    for (qsizetype i = first; i <= last; ++i) {
        if (m.word(i) == u"and" || m.word(i) == u"&") {
            if (i > start)
                names.append({start, i - 1});
            start = i + 1;
        } else if (m.markAfter(i, u',') && i < last) {
            names.append({start, i});
            start = i + 1;
        }
    }
    if (start <= last)
        names.append({start, last});
    if (names.size() < 2 || resolve(first, last, Scope::Any).exact)
        return {};
    QList<const Entry *> targets;
    for (const auto &[a, b] : std::as_const(names)) {
        const Resolution r = resolve(a, b, Scope::Any);
        if (r.tasks.size() != 1 || targets.contains(r.tasks.constFirst()))
            return {};
        targets.append(r.tasks.constFirst());
    }
    return targets;
}

bool Resolver::looksLikeAnAnswer() const
{
    const auto &w = m.words;
    if (w.size() == 1)
        return ordinalOrNumber(w.constFirst().folded) > 0 || w.constFirst().folded == u"last";
    const QString &head = w.constFirst().folded;
    return head == u"number" || head == u"option"
        || (head == u"the" && (w.at(1).folded == u"one" || w.constLast().folded == u"one"));
}

const Entry *Resolver::chooseAmong(const QList<const Entry *> &candidates, const ParseContext &parse) const
{
    if (candidates.isEmpty())
        return nullptr;
    QStringList words;
    for (const Word &w : m.words) {
        if (!isOneOf(w.folded,
                     {u"the", u"one", u"number", u"option", u"task", u"please", u"i", u"mean", u"meant", u"that", u"is",
                      u"it"}))
            words.append(w.folded);
    }
    if (words.size() == 1) {
        if (words.constFirst() == u"last")
            return candidates.constLast();
        const int n = ordinalOrNumber(words.constFirst());
        if (n > 0)
            return n <= candidates.size() ? candidates.at(n - 1) : nullptr;
    }
    // "the one due friday"
    if (!words.isEmpty() && words.constFirst() == u"due") {
        if (const auto due = QuickAddParser::findDue(m.corrected(0, m.words.size() - 1), parse)) {
            QList<const Entry *> same;
            for (const Entry *entry : candidates) {
                if (!entry->task.due.isNone() && entry->task.due.date() == due->due.date())
                    same.append(entry);
            }
            return same.size() == 1 ? same.constFirst() : nullptr;
        }
    }
    // "the urgent one", "the high priority one"
    if (const auto priority = words.isEmpty() ? std::nullopt : priorityFromPhrase(words.join(u' '))) {
        QList<const Entry *> same;
        for (const Entry *entry : candidates) {
            if (entry->task.priority == *priority)
                same.append(entry);
        }
        if (same.size() == 1)
            return same.constFirst();
    }
    // "the one tagged work", "#work"
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        QString tag = word.startsWith(u'#') ? word.mid(1) : QString();
        if (isOneOf(word, {u"tagged", u"labelled", u"labeled"}) && i + 1 < words.size())
            tag = words.at(i + 1).startsWith(u'#') ? words.at(i + 1).mid(1) : words.at(i + 1);
        if (tag.isEmpty())
            continue;
        QList<const Entry *> same;
        for (const Entry *entry : candidates) {
            for (const QString &t : entry->task.tags) {
                if (tagKey(t) == tagKey(tag))
                    same.append(entry);
            }
        }
        if (same.size() == 1)
            return same.constFirst();
    }
    // Words of one candidate's title (and of no other).
    QList<const Entry *> hits;
    for (const Entry *entry : candidates) {
        bool all = !words.isEmpty();
        for (const QString &word : std::as_const(words))
            all = all && (entry->words.contains(word) || entry->folded.contains(word));
        if (all)
            hits.append(entry);
    }
    return hits.size() == 1 ? hits.constFirst() : nullptr;
}

bool canNameTask(const Message &m, qsizetype first, qsizetype last)
{
    const QString head = m.word(first);
    const QString tail = m.word(last);
    if (first == last && isOneOf(head, {u"the", u"a", u"my", u"all", u"as", u"to", u"is", u"not", u"be"}))
        return false;
    if (!m.isQuote(first)
        && isOneOf(head,
                   {u"to", u"is", u"are", u"be", u"not", u"off", u"out", u"back", u"over", u"by", u"as", u"due",
                    u"until", u"till", u"from"}))
        return false; // "i need to ...", "is not ...", "put off X" never start a name
    if (!m.isQuote(last) && last > first
        && isOneOf(tail, {u"to",  u"be", u"by", u"due",  u"for", u"on",  u"at",   u"until", u"till", u"as",  u"is",
                          u"the", u"a",  u"an", u"back", u"out", u"off", u"from", u"with",  u"of",   u"into"}))
        return false; // "push X back", "change X to be due": the request's words
    for (qsizetype i = first; i < last; ++i) {
        if (m.markAfter(i, u':'))
            return false;
    }
    if (isOneOf(head,
                {u"tasks", u"todos", u"items", u"everything", u"ones", u"anything", u"something", u"nothing", u"any"}))
        return false;
    return first > 0
        || !isOneOf(head, {u"what", u"which", u"how",  u"when", u"where", u"who",  u"why",      u"show",
                           u"list", u"do",    u"does", u"is",   u"are",   u"any",  u"anything", u"am",
                           u"can",  u"could", u"did",  u"have", u"has",   u"will", u"would",    u"should"});
}

bool Resolver::looksLikeAName(qsizetype first, qsizetype last) const
{
    for (qsizetype i = first; i <= last; ++i) {
        if (isOneOf(m.word(i), {u"all", u"everything", u"every"}))
            return false; // "mark all as done" is about several tasks
    }
    for (qsizetype i = first; i <= last; ++i) {
        const QString word = m.word(i);
        if (word.size() >= 3 && !isOneOf(word, {u"this", u"that", u"the", u"you", u"its", u"are", u"not", u"was"}))
            return true;
    }
    return false;
}

bool Resolver::clearlyNamed(const Resolution &r) const
{
    if (r.byReference || r.exact)
        return true;
    if (!r.wordsExact)
        return false;
    QStringList said;
    for (const Word &word : splitWords(foldForSearch(r.said)))
        said.append(word.folded);
    // A title that itself says "remove..." could be a command or the task's name: ask.
    for (const QString &word : r.tasks.constFirst()->words) {
        if (!said.contains(word)
            && isOneOf(word,
                       {u"delete", u"remove", u"trash", u"erase", u"drop", u"scrap", u"scratch", u"discard", u"cancel",
                        u"kill", u"rid", u"deleted", u"removed"}))
            return false;
    }
    return true;
}

} // namespace tandem::assistant
