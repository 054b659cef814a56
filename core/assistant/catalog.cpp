#include "catalog.h"

#include "domain/taskquery.h"
#include "domain/textfold.h"
#include "store/store.h"
#include "text.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <vector>

namespace tandem::assistant {

namespace {

TaskCatalog::Entry entryFor(const Task &task)
{
    TaskCatalog::Entry entry;
    entry.task = task;
    entry.folded = foldForSearch(task.title);
    entry.searchText = task.description.isEmpty() ? entry.folded + u'\n' : taskSearchText(task);
    entry.dueKey = task.due.sortKey();
    entry.createdMs = task.createdAt.toMSecsSinceEpoch();
    const auto words = splitWords(task.title);
    for (const Word &word : words)
        entry.words.append(word.folded);
    return entry;
}

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

quint64 lettersOf(const QString &word)
{
    quint64 letters = 0;
    for (const QChar c : word)
        letters |= quint64(1) << (c.unicode() % 64);
    return letters;
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

TaskCatalog::TaskCatalog(Store &store, const QUuid &ownerId)
    : m_store(store)
    , m_ownerId(ownerId)
{ }

Result<void> TaskCatalog::refresh()
{
    if (m_seq >= 0) {
        auto head = m_store.head(m_ownerId);
        if (!head)
            return head.error();
        while (head.value() > m_seq) {
            auto batch = m_store.changesSince(m_ownerId, m_seq, 1000);
            if (!batch)
                return batch.error();
            if (batch->truncated) {
                m_seq = -1; // trimmed past us: reload below
                break;
            }
            for (const Change &change : std::as_const(batch->changes)) {
                if (const Task *task = change.task())
                    apply(*task);
                m_seq = change.seq;
            }
            if (!batch->more)
                break;
        }
        if (m_seq >= 0)
            return {};
    }
    TaskQuery all;
    all.sort = TaskSort::Created;
    all.reversed = true; // oldest first
    auto list = m_store.tasks(m_ownerId, all);
    if (!list)
        return list.error();
    m_entries.clear();
    m_byWord.clear();
    m_vocabulary.clear();
    m_letters.clear();
    m_entries.reserve(list->tasks.size());
    for (const Task &task : std::as_const(list->tasks)) {
        const Entry entry = entryFor(task);
        index(entry);
        m_entries.insert(task.id, entry);
    }
    m_seq = list->seq;
    return {};
}

void TaskCatalog::index(const Entry &entry)
{
    for (const QString &word : entry.words) {
        auto it = m_byWord.find(word);
        if (it == m_byWord.end()) {
            it = m_byWord.insert(word, Posting{{}, m_vocabulary.size()});
            m_vocabulary.append(word);
            m_letters.append(lettersOf(word));
        }
        // An entry is indexed all at once, after any earlier version of it was
        // unindexed: it can only be here already through a repeated word.
        if (it->ids.isEmpty() || it->ids.constLast() != entry.task.id)
            it->ids.append(entry.task.id);
    }
}

void TaskCatalog::unindex(const Entry &entry)
{
    for (const QString &word : entry.words) {
        auto it = m_byWord.find(word);
        if (it == m_byWord.end())
            continue;
        it->ids.removeAll(entry.task.id);
        if (!it->ids.isEmpty())
            continue;
        // The last task with this word: its slot goes to the vocabulary's last word.
        const qsizetype slot = it->slot;
        m_byWord.erase(it);
        if (slot != m_vocabulary.size() - 1) {
            m_vocabulary[slot] = m_vocabulary.constLast();
            m_letters[slot] = m_letters.constLast();
            m_byWord[m_vocabulary.at(slot)].slot = slot;
        }
        m_vocabulary.removeLast();
        m_letters.removeLast();
    }
}

void TaskCatalog::invalidate()
{
    m_seq = -1;
    m_entries.clear();
    m_byWord.clear();
    m_vocabulary.clear();
    m_letters.clear();
}

void TaskCatalog::apply(const Task &task)
{
    auto it = m_entries.find(task.id);
    if (it != m_entries.end()) {
        if (it->task.revision >= task.revision)
            return; // we already have this or newer
        unindex(*it);
        m_entries.erase(it);
    }
    if (task.isDeleted())
        return;
    const Entry entry = entryFor(task);
    index(entry);
    m_entries.insert(task.id, entry);
}

QSet<QString> TaskCatalog::tagKeys() const
{
    QSet<QString> keys;
    for (const Entry &entry : m_entries) {
        for (const QString &tag : entry.task.tags)
            keys.insert(tagKey(tag));
    }
    return keys;
}

const TaskCatalog::Entry *TaskCatalog::find(const QUuid &id) const
{
    const auto it = m_entries.constFind(id);
    return it == m_entries.cend() ? nullptr : &it.value();
}

QList<const TaskCatalog::Entry *> TaskCatalog::entries() const
{
    QList<const Entry *> list;
    list.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        list.append(&entry);
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
