#include "catalog.h"

#include "domain/taskquery.h"
#include "domain/textfold.h"
#include "store/store.h"
#include "text.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

namespace tandem::assistant {

namespace {

std::unique_ptr<TaskCatalog::Entry> entryFor(const Task &task)
{
    auto entry = std::make_unique<TaskCatalog::Entry>();
    entry->task = task;
    entry->folded = foldForSearch(task.title);
    entry->dueKey = task.due.sortKey();
    entry->createdMs = task.createdAt.toMSecsSinceEpoch();
    const auto words = splitWords(task.title);
    for (const Word &word : words)
        entry->words.append(word.folded);
    for (const QString &tag : task.tags)
        entry->tagKeys.append(tagKey(tag));
    return entry;
}

// Where in `needle` the byte that is least common in ordinary text is (by
// English letter frequency; digits, punctuation and the bytes of other
// scripts count as rare), for the search to look for first.
qsizetype rarestByte(const QByteArray &needle)
{
    static constexpr char common[] = " etaoinshrdlcumwfgypbvkjxqz";
    const auto rank = [](char c) -> int {
        const char *found = std::strchr(common, c);
        return c != 0 && found ? int(found - common) : int(sizeof(common));
    };
    qsizetype best = 0;
    for (qsizetype i = 1; i < needle.size(); ++i) {
        if (rank(needle.at(i)) > rank(needle.at(best)))
            best = i;
    }
    return best;
}

// Text below this is never worth rewriting the buffer for.
constexpr qsizetype minCompaction = 1 << 16;

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
    clear();
    m_entries.reserve(std::size_t(list->tasks.size()));
    m_hot.reserve(std::size_t(list->tasks.size()));
    m_slots.reserve(list->tasks.size());
    for (const Task &task : std::as_const(list->tasks))
        insert(entryFor(task));
    m_seq = list->seq;
    return {};
}

void TaskCatalog::clear()
{
    m_entries.clear();
    m_hot.clear();
    m_slots.clear();
    m_byWord.clear();
    m_vocabulary.clear();
    m_letters.clear();
    m_text.clear();
    m_recordStart.clear();
    m_recordSlot.clear();
    m_deadText = 0;
    m_tagNumbers.clear();
    m_tagCounts.clear();
    m_tagKeysStale = true;
}

void TaskCatalog::insert(std::unique_ptr<Entry> entry)
{
    entry->slot = qsizetype(m_entries.size());
    m_hot.push_back(learn(*entry));
    m_slots.insert(entry->task.id, entry->slot);
    m_entries.push_back(std::move(entry));
}

// Indexes the entry's words, text and tags (its slot is set); its hot row.
TaskCatalog::Hot TaskCatalog::learn(Entry &entry)
{
    index(entry);
    appendText(entry, entry.task.description.isEmpty() ? entry.folded + u'\n' : taskSearchText(entry.task));
    quint64 tagBits = 0;
    for (const QString &key : std::as_const(entry.tagKeys)) {
        if (m_tagCounts[key]++ == 0)
            m_tagKeysStale = true;
        tagBits |= tagBit(key);
    }
    return Hot{TaskKeys::of(entry.task), tagBits, entry.dueKey.value_or(std::numeric_limits<qint64>::max()),
               entry.createdMs};
}

// Undoes learn(): the words and tags are forgotten, the text record dies.
void TaskCatalog::forget(Entry &entry)
{
    unindex(entry);
    for (const QString &key : std::as_const(entry.tagKeys)) {
        auto it = m_tagCounts.find(key);
        if (it != m_tagCounts.end() && --it.value() == 0) {
            m_tagCounts.erase(it);
            m_tagKeysStale = true;
        }
    }
    const qsizetype record = entry.record;
    const qsizetype end
        = record + 1 < qsizetype(m_recordStart.size()) ? m_recordStart[std::size_t(record + 1)] : m_text.size();
    m_deadText += end - m_recordStart[std::size_t(record)];
    m_recordSlot[std::size_t(record)] = -1;
}

// A changed task takes the place of its old entry: the Entry object stays
// where it is, so a pointer a caller holds across a change stays valid (and
// reads the new task).
void TaskCatalog::replace(Entry &entry, std::unique_ptr<Entry> fresh)
{
    forget(entry);
    const qsizetype slot = entry.slot;
    entry.task = std::move(fresh->task);
    entry.folded = std::move(fresh->folded);
    entry.words = std::move(fresh->words);
    entry.tagKeys = std::move(fresh->tagKeys);
    entry.dueKey = fresh->dueKey;
    entry.createdMs = fresh->createdMs;
    m_hot[std::size_t(slot)] = learn(entry);
    compactIfWasteful();
}

// Its slot goes to the last task, its text record dies.
void TaskCatalog::remove(Entry &entry)
{
    forget(entry);
    m_slots.remove(entry.task.id);
    const auto slot = std::size_t(entry.slot);
    if (slot + 1 != m_entries.size()) {
        m_entries[slot] = std::move(m_entries.back());
        m_hot[slot] = m_hot.back();
        Entry &moved = *m_entries[slot];
        moved.slot = qsizetype(slot);
        m_slots[moved.task.id] = moved.slot;
        m_recordSlot[std::size_t(moved.record)] = moved.slot;
    }
    m_entries.pop_back();
    m_hot.pop_back();
    compactIfWasteful();
}

void TaskCatalog::compactIfWasteful()
{
    if (m_deadText > minCompaction && m_deadText * 2 > m_text.size())
        compactText();
}

void TaskCatalog::appendText(Entry &entry, const QString &text)
{
    entry.record = qsizetype(m_recordStart.size());
    m_recordStart.push_back(m_text.size());
    m_recordSlot.push_back(entry.slot);
    m_text += text.toUtf8();
    m_text += '\0';
}

// Rewrites the buffer with only the live records, in slot order.
void TaskCatalog::compactText()
{
    QByteArray text;
    text.reserve(m_text.size() - m_deadText);
    std::vector<qsizetype> starts;
    starts.reserve(m_entries.size());
    for (const auto &entry : m_entries) {
        const auto record = std::size_t(entry->record);
        const qsizetype from = m_recordStart[record];
        const qsizetype end = record + 1 < m_recordStart.size() ? m_recordStart[record + 1] : m_text.size();
        entry->record = qsizetype(starts.size());
        starts.push_back(text.size());
        text += QByteArrayView(m_text).sliced(from, end - from);
    }
    m_text = std::move(text);
    m_recordStart = std::move(starts);
    m_recordSlot.resize(m_entries.size());
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        m_recordSlot[i] = qsizetype(i);
    m_deadText = 0;
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
    clear();
}

void TaskCatalog::advanceTo(qint64 seq)
{
    if (m_seq >= 0 && seq > m_seq)
        m_seq = seq;
}

void TaskCatalog::apply(const Task &task)
{
    if (const auto it = m_slots.constFind(task.id); it != m_slots.cend()) {
        Entry &entry = *m_entries[std::size_t(it.value())];
        if (entry.task.revision >= task.revision)
            return; // we already have this or newer
        if (task.isDeleted())
            remove(entry);
        else
            replace(entry, entryFor(task));
        return;
    }
    if (!task.isDeleted())
        insert(entryFor(task));
}

quint64 TaskCatalog::tagBit(const QString &key)
{
    auto it = m_tagNumbers.constFind(key);
    if (it == m_tagNumbers.cend())
        it = m_tagNumbers.insert(key, int(m_tagNumbers.size()));
    return quint64(1) << (it.value() % 64);
}

QSet<QString> TaskCatalog::tagKeys() const
{
    if (m_tagKeysStale) {
        m_tagKeys.clear();
        m_tagKeys.reserve(m_tagCounts.size());
        for (auto it = m_tagCounts.cbegin(); it != m_tagCounts.cend(); ++it)
            m_tagKeys.insert(it.key());
        m_tagKeysStale = false;
    }
    return m_tagKeys;
}

const TaskCatalog::Entry *TaskCatalog::find(const QUuid &id) const
{
    const auto it = m_slots.constFind(id);
    return it == m_slots.cend() ? nullptr : m_entries[std::size_t(it.value())].get();
}

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

void TaskCatalog::searchText(const QString &folded, std::vector<bool> &hit) const
{
    const QByteArray needle = folded.toUtf8();
    if (needle.isEmpty())
        return;
    const char *const begin = m_text.constData();
    const char *const end = begin + m_text.size();
    // memchr() (vectorised in every C library) finds the needle's rarest
    // byte; only there is the whole needle compared. UTF-8 keeps the buffer
    // small, and a whole UTF-8 needle can only match at a character's start.
    const qsizetype anchor = rarestByte(needle);
    const char anchorByte = needle.at(anchor);
    const auto length = std::size_t(needle.size());
    for (const char *at = begin + anchor; at < end;) {
        at = static_cast<const char *>(std::memchr(at, anchorByte, std::size_t(end - at)));
        if (!at)
            break;
        const char *start = at - anchor;
        if (std::size_t(end - start) < length)
            break;
        if (std::memcmp(start, needle.constData(), length) != 0) {
            ++at;
            continue;
        }
        // A hit names its record, and the rest of that record is skipped.
        const auto record = std::size_t(std::upper_bound(m_recordStart.cbegin(), m_recordStart.cend(), start - begin)
                                        - m_recordStart.cbegin() - 1);
        if (const qsizetype slot = m_recordSlot[record]; slot >= 0)
            hit[std::size_t(slot)] = true;
        if (record + 1 >= m_recordStart.size())
            break;
        at = begin + m_recordStart[record + 1] + anchor;
    }
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
        searchText(matcher.foldedText(), hit);
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
