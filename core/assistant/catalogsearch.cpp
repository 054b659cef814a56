// TaskCatalog's lookups: list order, the text search over the folded buffer,
// select() for filters and pages, and the fuzzy title match. The catalog's
// upkeep (loading, applying changes, the buffer's records) is catalog.cpp.

#include "catalog.h"

#include "domain/taskquery.h"
#include "domain/textfold.h"
#include "text.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace tandem::assistant {

namespace {

// How close a query word is to a title word: 1 exact, 0.85 a prefix of it
// (3+ letters) or another form of the same word ("reports", "calling"), 0.7
// within a typo or two, 0 not at all.
double wordScore(const QString &query, const QString &word)
{
    if (query == word)
        return 1.0;
    if (query.size() >= 3 && word.startsWith(query))
        return 0.85;
    if (const QString stem = wordStem(query); stem.size() >= 3 && stem == wordStem(word))
        return 0.85;
    if (query.size() < 4)
        return 0;
    const int allowed = query.size() >= 8 ? 2 : 1;
    return editDistance(query, word, allowed) <= allowed ? 0.7 : 0;
}

// Typos wordScore() forgives in `query`.
int typosAllowed(const QString &query)
{
    return query.size() >= 8 ? 2 : query.size() >= 4 ? 1 : 0;
}

// Whether `word` may score above 0 against `query`: an equal word or one the
// query begins has every letter of the query, and each letter of the query
// missing from the word takes an edit of its own, so a word missing more
// letters than the typos allowed never scores (a bit stands for every letter
// that shares it, so this undercounts, never overcounts).
bool mayScore(quint64 queryLetters, quint64 wordLetters, int allowed)
{
    quint64 missing = queryLetters & ~wordLetters;
    for (int i = 0; i < allowed && missing != 0; ++i)
        missing &= missing - 1; // one letter forgiven (no popcount instruction in a baseline x86-64 build)
    return missing == 0;
}

} // namespace

bool TaskCatalog::listsBefore(const Entry *a, const Entry *b)
{
    if (a->dueKey != b->dueKey)
        return a->dueKey && (!b->dueKey || *a->dueKey < *b->dueKey);
    if (a->task.priority != b->task.priority)
        return a->task.priority > b->task.priority;
    if (a->createdMs != b->createdMs)
        return a->createdMs < b->createdMs;
    // As the ids' text compares: field by field, most significant first.
    const QUuid &x = a->task.id;
    const QUuid &y = b->task.id;
    if (x.data1 != y.data1)
        return x.data1 < y.data1;
    if (x.data2 != y.data2)
        return x.data2 < y.data2;
    if (x.data3 != y.data3)
        return x.data3 < y.data3;
    return std::lexicographical_compare(std::begin(x.data4), std::end(x.data4), std::begin(y.data4), std::end(y.data4));
}

// listsBefore() on the hot fields, reading the entries only to break a full tie.
bool TaskCatalog::hotBefore(std::size_t a, std::size_t b) const
{
    const Hot &x = m_hot[a];
    const Hot &y = m_hot[b];
    if (x.dueSort != y.dueSort)
        return x.dueSort < y.dueSort;
    if (x.keys.priority != y.keys.priority)
        return x.keys.priority > y.keys.priority;
    if (x.createdMs != y.createdMs)
        return x.createdMs < y.createdMs;
    return listsBefore(m_entries[a].get(), m_entries[b].get());
}

TaskCatalog::Selection TaskCatalog::select(const TaskMatcher &matcher, const QSet<QUuid> &textAlso,
                                           qsizetype limit) const
{
    Selection selection;
    quint64 tagBit = 0;
    if (matcher.hasTag()) {
        const auto number = m_tagNumbers.constFind(matcher.foldedTag());
        if (number == m_tagNumbers.cend())
            return selection; // no task has ever had it
        tagBit = quint64(1) << (number.value() % 64);
    }
    std::vector<bool> hit;
    if (matcher.hasText()) {
        hit.assign(m_entries.size(), false);
        m_text.search(matcher.foldedText(), hit);
        for (const QUuid &id : textAlso) {
            if (const auto it = m_slots.constFind(id); it != m_slots.cend())
                hit[std::size_t(it.value())] = true;
        }
    }
    // The first `limit` so far, as a heap whose top is the last of them.
    std::vector<std::size_t> first;
    const auto later = [this](std::size_t a, std::size_t b) {
        return hotBefore(a, b);
    };
    for (std::size_t slot = 0; slot < m_hot.size(); ++slot) {
        const Hot &hot = m_hot[slot];
        if ((!hit.empty() && !hit[slot]) || (hot.tagBits & tagBit) != tagBit || !matcher.matchesKeys(hot.keys))
            continue;
        if (matcher.hasTag() && !matcher.matchesTagKeys(m_entries[slot]->tagKeys))
            continue;
        ++selection.total;
        if (limit < 0) {
            selection.tasks.append(m_entries[slot].get());
        } else if (qsizetype(first.size()) < limit) {
            first.push_back(slot);
            std::push_heap(first.begin(), first.end(), later);
        } else if (limit > 0 && hotBefore(slot, first.front())) {
            std::pop_heap(first.begin(), first.end(), later);
            first.back() = slot;
            std::push_heap(first.begin(), first.end(), later);
        }
    }
    if (limit >= 0) {
        std::sort_heap(first.begin(), first.end(), later);
        selection.tasks.reserve(qsizetype(first.size()));
        for (std::size_t slot : first)
            selection.tasks.append(m_entries[slot].get());
    }
    return selection;
}

QList<const TaskCatalog::Entry *> TaskCatalog::entries() const
{
    QList<const Entry *> list;
    list.reserve(qsizetype(m_entries.size()));
    for (const auto &entry : m_entries)
        list.append(entry.get());
    std::sort(list.begin(), list.end(), [](const Entry *a, const Entry *b) {
        if (a->task.createdAt != b->task.createdAt)
            return a->task.createdAt < b->task.createdAt;
        return a->task.id.toString() < b->task.id.toString();
    });
    return list;
}

QList<TaskCatalog::Match> TaskCatalog::match(const QStringList &queryWords, const QString &foldedQuery) const
{
    QList<Match> matches;
    if (queryWords.isEmpty())
        return matches;
    // For each word said, every title word it scores against, and how well.
    // One pass over the vocabulary's letters rules out most words unread.
    struct Said
    {
        QHash<QString, double> scores; // title word -> wordScore() > 0
        QVarLengthArray<const QList<QUuid> *, 8> tasks; // the tasks with those words
        qsizetype postings = 0;
    };
    std::vector<Said> said(std::size_t(queryWords.size()));
    bool allKnown = true; // every word said is some title's word exactly
    for (qsizetype q = 0; q < queryWords.size(); ++q) {
        const QString &query = queryWords.at(q);
        // Its stem's letters: a word scores against another form of itself ("calling" / "call").
        const quint64 letters = lettersOf(wordStem(query));
        const int allowed = typosAllowed(query);
        Said &s = said[std::size_t(q)];
        for (qsizetype i = 0; i < m_letters.size(); ++i) {
            if (!mayScore(letters, m_letters.at(i), allowed))
                continue;
            const QString &word = m_vocabulary.at(i);
            if (const double score = wordScore(query, word); score > 0) {
                s.scores.insert(word, score);
                const QList<QUuid> &ids = m_byWord.find(word)->ids;
                s.tasks.append(&ids);
                s.postings += ids.size();
            }
        }
        // Every word said must be in the title (below): one that is in none leaves nothing.
        if (s.scores.isEmpty())
            return matches;
        allKnown = allKnown && m_byWord.contains(query);
    }
    // Which tasks to score: those sharing a word with the query, where a word
    // some title has exactly only counts exactly and an unknown word (a typo,
    // the beginning of a word) counts by how close it is. Since a task must
    // then have a close word for every word said, it is among the tasks of the
    // rarest one; and when every word said is known, it also has one of them exactly.
    const Said &rarest = *std::min_element(said.cbegin(), said.cend(),
                                           [](const Said &a, const Said &b) { return a.postings < b.postings; });
    QSet<QUuid> seen;
    seen.reserve(rarest.postings);
    QVarLengthArray<bool, 32> used;
    for (const QList<QUuid> *ids : rarest.tasks) {
        for (const QUuid &id : *ids) {
            if (seen.contains(id))
                continue;
            seen.insert(id);
            const Entry *entry = find(id);
            if (!entry || entry->words.isEmpty())
                continue;
            if (allKnown && std::none_of(entry->words.cbegin(), entry->words.cend(), [&](const QString &word) {
                    return queryWords.contains(word);
                }))
                continue;
            double total = 0;
            used.resize(entry->words.size());
            std::fill(used.begin(), used.end(), false);
            bool all = true;
            for (const Said &s : said) {
                double best = 0;
                qsizetype bestIndex = -1;
                for (qsizetype i = 0; i < entry->words.size(); ++i) {
                    if (used.at(i))
                        continue;
                    const double score = s.scores.value(entry->words.at(i), 0);
                    if (score > best) {
                        best = score;
                        bestIndex = i;
                    }
                }
                if (bestIndex < 0) {
                    all = false;
                    break;
                }
                used[bestIndex] = true;
                total += best;
            }
            if (!all)
                continue; // every word said must be in the title
            const double queryShare = total / double(queryWords.size());
            const double titleShare
                = double(queryWords.size()) / double(std::max<qsizetype>(entry->words.size(), queryWords.size()));
            Match match;
            match.entry = entry;
            match.exact = entry->folded == foldedQuery;
            match.wordsExact = total == double(queryWords.size());
            match.score = match.exact ? 1.0 : 0.75 * queryShare + 0.25 * titleShare - 0.01;
            matches.append(match);
        }
    }
    // Best first, then newest; ties by id, so the order never depends on a hash's.
    std::sort(matches.begin(), matches.end(), [](const Match &a, const Match &b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.entry->createdMs != b.entry->createdMs)
            return a.entry->createdMs > b.entry->createdMs;
        return a.entry->task.id < b.entry->task.id;
    });
    return matches;
}

} // namespace tandem::assistant
