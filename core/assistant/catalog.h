#pragma once

#include "domain/foldedtextcolumn.h"
#include "domain/result.h"
#include "domain/task.h"
#include "domain/taskquery.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

#include <memory>
#include <optional>
#include <vector>

namespace tandem {
class Store;
}

namespace tandem::assistant {

// An in-memory copy of one owner's live tasks, indexed for matching what
// people call them. Kept current from the change log (refresh() reads only
// what changed since it last looked), so a message never reloads 10,000 tasks.
//
// Laid out for scanning: the fields a filter tests (TaskKeys) sit side by
// side in one array, and every task's folded search text in one buffer, so
// "what's due this week" or "find dentist" over 100,000 tasks reads a few
// megabytes of contiguous memory and touches a task itself only when it matches.
class TaskCatalog final
{
public:
    struct Entry
    {
        Task task;
        QString folded; // foldForSearch(title)
        QStringList words; // folded title words
        QStringList tagKeys; // tagKey() of each tag
        // Computed once, so sorting 10,000 tasks never builds a QDateTime per comparison.
        std::optional<qint64> dueKey; // task.due.sortKey()
        qint64 createdMs = 0; // task.createdAt in ms since the epoch

    private:
        friend class TaskCatalog;
        qsizetype slot = -1; // where its keys are
        qsizetype record = -1; // where its search text is
    };

    TaskCatalog(Store &store, const QUuid &ownerId);
    Q_DISABLE_COPY_MOVE(TaskCatalog)

    // Loads everything the first time, then applies changes since the last
    // refresh (or reloads if the log was trimmed past it).
    Result<void> refresh();
    // Takes in a task this process just committed (a tombstone removes it).
    void apply(const Task &task);
    // Forgets everything: the next refresh() reloads (after a unit of work rolled back).
    void invalidate();
    // Every change up to `seq` is in the catalog already: the caller's own
    // writes in a unit of work that began with a refresh(), their tasks taken
    // in through apply(). Moves only forward, and only a loaded catalog.
    void advanceTo(qint64 seq);

    // An entry stays at its address while its task changes (it then shows the
    // new task); a delete, refresh() or a reload frees it.
    const Entry *find(const QUuid &id) const;
    // Whether some title has this folded word.
    bool hasWord(const QString &folded) const { return m_byWord.contains(folded); }
    // Every tag of a live task, by tagKey().
    QSet<QString> tagKeys() const;
    // Every live task, in creation order.
    QList<const Entry *> entries() const;
    // Every live task in no particular order: no copy, no sort.
    template<typename Function> void forEach(Function function) const
    {
        for (const auto &entry : m_entries)
            function(*entry);
    }
    int size() const { return int(m_entries.size()); }

    // The order of every list: soonest due first, undated last, then the more
    // urgent, the older, and by id (TaskSort::Due's order).
    static bool listsBefore(const Entry *a, const Entry *b);

    // The live tasks `matcher` selects: how many, and the first `limit` of
    // them in list order (a negative limit: all of them, in no order). Its
    // text matches the task's folded title and description
    // (taskSearchText()); a task in `textAlso` passes the text condition too
    // (a title close to the words said).
    struct Selection
    {
        QList<const Entry *> tasks;
        qsizetype total = 0;
    };
    Selection select(const TaskMatcher &matcher, const QSet<QUuid> &textAlso = {}, qsizetype limit = -1) const;

    // Tasks whose title has a word equal to, starting with, or (typo-)close
    // to each of `queryWords`; for each, how well: see matchScore().
    struct Match
    {
        const Entry *entry = nullptr;
        double score = 0; // 0..1: share of the query and of the title covered, typos cost a little
        bool exact = false; // the whole folded title equals the query
        bool wordsExact = false; // every word said is one of the title's words, letter for letter
    };
    QList<Match> match(const QStringList &queryWords, const QString &foldedQuery) const;

private:
    // The tasks whose titles have one word, and where the word sits in the vocabulary arrays.
    struct Posting
    {
        QList<QUuid> ids;
        qsizetype slot = 0;
    };

    void index(const Entry &entry);
    void unindex(const Entry &entry);
    void insert(std::unique_ptr<Entry> entry);
    void forget(Entry &entry);
    void replace(Entry &entry, std::unique_ptr<Entry> fresh);
    void compactIfWasteful();
    void remove(Entry &entry);
    quint64 tagBit(const QString &key);
    void clear();

    Store &m_store;
    QUuid m_ownerId;
    qint64 m_seq = -1;
    // What a filter and the list order read of each task, side by side.
    struct Hot
    {
        TaskKeys keys;
        // A bit per tag the task has (the tag's number modulo 64), so a tag
        // filter rules most tasks out without reading their tags.
        quint64 tagBits = 0;
        qint64 dueSort = 0; // Entry::dueKey; undated: the largest qint64
        qint64 createdMs = 0;
    };
    bool hotBefore(std::size_t a, std::size_t b) const;
    Hot learn(Entry &entry);
    // A bit per letter of `word` (folded), for ruling words out before scoring them.
    static quint64 lettersOf(const QString &word);

    std::vector<std::unique_ptr<Entry>> m_entries; // by slot
    std::vector<Hot> m_hot; // by slot, beside m_entries
    QHash<QUuid, qsizetype> m_slots; // id -> slot
    // Every task's search text, searched at once.
    FoldedTextColumn m_text;
    // Every tag key ever seen, numbered; how many live tasks have each; the
    // live ones as a set.
    QHash<QString, int> m_tagNumbers;
    QHash<QString, int> m_tagCounts;
    mutable QSet<QString> m_tagKeys;
    mutable bool m_tagKeysStale = true;
    QHash<QString, Posting> m_byWord; // folded word -> tasks
    // Every word of m_byWord, and a bit per letter it has (by code point modulo 64), side by side:
    // match() scans the letters to rule out most words before comparing any text.
    QList<QString> m_vocabulary;
    QList<quint64> m_letters;
};

} // namespace tandem::assistant
