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

} // namespace

quint64 TaskCatalog::lettersOf(const QString &word)
{
    quint64 letters = 0;
    for (const QChar c : word)
        letters |= quint64(1) << (c.unicode() % 64);
    return letters;
}

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
    entry.record = m_text.append(entry.slot,
                                 entry.task.description.isEmpty() ? entry.folded + u'\n' : taskSearchText(entry.task));
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
    m_text.kill(entry.record);
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
        m_text.moveSlot(moved.record, moved.slot);
    }
    m_entries.pop_back();
    m_hot.pop_back();
    compactIfWasteful();
}

void TaskCatalog::compactIfWasteful()
{
    m_text.compactIfWasteful(qsizetype(m_entries.size()),
                             [this](qsizetype slot) -> qsizetype & { return m_entries[std::size_t(slot)]->record; });
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

} // namespace tandem::assistant
