#pragma once

#include "domain/foldedtextcolumn.h"
#include "domain/task.h"
#include "domain/taskquery.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QUuid>

#include <limits>
#include <memory>
#include <vector>

namespace tandem {

// One owner's live tasks held in memory, shared by every window of the
// process (and anything else that lists tasks as the user looks at them).
// Views filter and sort it themselves, in microseconds, instead of asking
// the store for each list, search keystroke or sort.
//
// Fed through three calls, so any source can drive it: reset() with the whole
// list, apply() with each newer version of a task, remove() with a task that
// is gone. TaskReplicaFeed drives it from TaskService; a client can drive it
// from SyncClient's taskChanged/taskRemoved/replicaReset.
//
// Laid out for scanning, as the assistant's catalog is: the keys a filter
// tests (TaskKeys) side by side in one array, every task's folded search text
// in one buffer (FoldedTextColumn); an entry keeps its address while its task
// changes, so a view may hold pointers to entries between signals.
class TaskReplica final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 none = TaskKeys::none;

    // One task, with what lists sort and group it by computed once per version.
    struct Entry
    {
        Task task;
        QStringList tagKeys; // tagKey() of each tag, in the task's order
        QString titleKey; // the title case-folded (TaskSort::Title's order)
        QString firstTagKey; // the smallest tag key; empty: untagged
        qint64 dueSort = std::numeric_limits<qint64>::max(); // Due::sortKey(); undated: largest
        qint64 dueDay = none; // the due's calendar day in the local zone (Julian day)
        qint64 createdMs = 0;
        qint64 updatedMs = 0;
        qsizetype slot = -1; // where its keys are (changes when another task goes)
        qsizetype record = -1; // its search text's record

        bool isOpen() const { return task.status != TaskStatus::Completed; }
    };

    // The tasks ready to become a replica's contents: built on any thread (a
    // load's worker), so the GUI thread only swaps them in.
    class Contents
    {
    public:
        Contents() = default;
        explicit Contents(const QList<Task> &tasks);
        Q_DISABLE_COPY(Contents)
        Contents(Contents &&) = default;
        Contents &operator=(Contents &&) = default;
        ~Contents() = default;

    private:
        friend class TaskReplica;
        Entry &insert(const Task &task);
        void learn(Entry &entry);

        std::vector<std::unique_ptr<Entry>> m_entries; // by slot
        std::vector<TaskKeys> m_keys; // by slot, beside m_entries
        QHash<QUuid, qsizetype> m_slots; // id -> slot
        FoldedTextColumn m_text;
    };

    explicit TaskReplica(QObject *parent = nullptr);
    ~TaskReplica() override;
    Q_DISABLE_COPY_MOVE(TaskReplica)

    // The feeder's calls. reset() replaces everything (a load, a resync);
    // apply() takes a task's newer version (older or equal revisions are
    // ignored; a tombstone removes it); remove() forgets a task found gone.
    void reset(const QList<Task> &tasks);
    void reset(Contents contents);
    void apply(const Task &task);
    void remove(const QUuid &taskId);

    // Whether the first reset() is still to come (a load is under way), and
    // whether one ever came.
    bool isLoading() const { return m_loading; }
    void setLoading(bool loading);
    // The feeder's load failed: loading ends, the contents stay as they were.
    void failLoad(const QString &message);
    bool isLoaded() const { return m_loaded; }

    int size() const { return int(m_data.m_entries.size()); }
    const Entry *find(const QUuid &taskId) const;
    const Entry &entryAt(qsizetype slot) const { return *m_data.m_entries[std::size_t(slot)]; }
    const TaskKeys &keysAt(qsizetype slot) const { return m_data.m_keys[std::size_t(slot)]; }
    // The live tasks `matcher` selects, in no particular order.
    std::vector<const Entry *> select(const TaskMatcher &matcher) const;
    // Per slot, whether the task's search text has `folded` (foldForSearch()d, not empty).
    std::vector<bool> textHits(const QString &folded) const;
    // Every tag in use, each once (its first spelling met), sorted ignoring case.
    QStringList tags() const;

Q_SIGNALS:
    // Fires before a reset() replaces everything; entries are still valid.
    void aboutToReset();
    // Fires after a reset(); every earlier entry pointer is invalid.
    void resetDone();
    // Fires before an existing task changes or goes: the entry still shows
    // the old version (read what you need to find it by its old keys).
    void taskAboutToChange(const tandem::TaskReplica::Entry &entry);
    // Fires after a task was added, changed or removed; `entry` is null when
    // it went (its old entry is freed by then).
    void taskChanged(const QUuid &taskId, const tandem::TaskReplica::Entry *entry);
    // Fires when isLoading() changes.
    void loadingChanged(bool loading);
    // Fires when a load failed (after loadingChanged(false)).
    void loadFailed(const QString &message);

private:
    void removeSlot(qsizetype slot);

    Contents m_data;
    // Tasks that went, by the last revision seen: an older version arriving
    // late must not bring one back.
    QHash<QUuid, qint64> m_gone;
    bool m_loading = false;
    bool m_loaded = false;
};

} // namespace tandem
