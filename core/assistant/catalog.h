#pragma once

#include "domain/result.h"
#include "domain/task.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

#include <optional>

namespace tandem {
class Store;
}

namespace tandem::assistant {

// An in-memory copy of one owner's live tasks, indexed for matching what
// people call them. Kept current from the change log (refresh() reads only
// what changed since it last looked), so a message never reloads 10,000 tasks.
class TaskCatalog final
{
public:
    struct Entry
    {
        Task task;
        QString folded; // foldForSearch(title)
        QString searchText; // taskSearchText(task): what TaskMatcher and "find X" search
        QStringList words; // folded title words
        // Computed once, so sorting 10,000 tasks never builds a QDateTime per comparison.
        std::optional<qint64> dueKey; // task.due.sortKey()
        qint64 createdMs = 0; // task.createdAt in ms since the epoch
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
        for (const Entry &entry : m_entries)
            function(entry);
    }
    int size() const { return int(m_entries.size()); }

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

    Store &m_store;
    QUuid m_ownerId;
    qint64 m_seq = -1;
    QHash<QUuid, Entry> m_entries;
    QHash<QString, Posting> m_byWord; // folded word -> tasks
    // Every word of m_byWord, and a bit per letter it has (by code point modulo 64), side by side:
    // match() scans the letters to rule out most words before comparing any text.
    QList<QString> m_vocabulary;
    QList<quint64> m_letters;
};

} // namespace tandem::assistant
