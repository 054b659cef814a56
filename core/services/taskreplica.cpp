#include "taskreplica.h"

#include "domain/textfold.h"

#include <QSet>

#include <algorithm>

namespace tandem {

namespace {

// Fills everything of `entry` a list reads but its slot and record.
void describe(TaskReplica::Entry &entry, const Task &task)
{
    entry.task = task;
    entry.tagKeys.clear();
    for (const QString &tag : task.tags)
        entry.tagKeys.append(tagKey(tag));
    entry.firstTagKey
        = entry.tagKeys.isEmpty() ? QString() : *std::min_element(entry.tagKeys.cbegin(), entry.tagKeys.cend());
    entry.titleKey = task.title.toCaseFolded();
    entry.dueSort = task.due.sortKey().value_or(std::numeric_limits<qint64>::max());
    if (task.due.hasTime())
        entry.dueDay = task.due.dateTime().toLocalTime().date().toJulianDay();
    else if (!task.due.isNone())
        entry.dueDay = task.due.date().toJulianDay();
    else
        entry.dueDay = TaskReplica::none;
    entry.createdMs = task.createdAt.toMSecsSinceEpoch();
    entry.updatedMs = task.updatedAt.toMSecsSinceEpoch();
}

} // namespace

TaskReplica::Contents::Contents(const QList<Task> &tasks)
{
    m_entries.reserve(std::size_t(tasks.size()));
    m_keys.reserve(std::size_t(tasks.size()));
    m_slots.reserve(tasks.size());
    for (const Task &task : tasks) {
        if (!task.isDeleted() && !m_slots.contains(task.id))
            insert(task);
    }
}

TaskReplica::Entry &TaskReplica::Contents::insert(const Task &task)
{
    auto entry = std::make_unique<Entry>();
    describe(*entry, task);
    entry->slot = qsizetype(m_entries.size());
    m_keys.emplace_back();
    learn(*entry);
    m_slots.insert(task.id, entry->slot);
    m_entries.push_back(std::move(entry));
    return *m_entries.back();
}

// The keys and search text of an entry whose task (and slot) are set.
void TaskReplica::Contents::learn(Entry &entry)
{
    m_keys[std::size_t(entry.slot)] = TaskKeys::of(entry.task);
    entry.record = m_text.append(entry.slot, taskSearchText(entry.task));
}

TaskReplica::TaskReplica(QObject *parent)
    : QObject(parent)
{ }

TaskReplica::~TaskReplica() = default;

void TaskReplica::reset(const QList<Task> &tasks)
{
    reset(Contents(tasks));
}

void TaskReplica::reset(Contents contents)
{
    Q_EMIT aboutToReset();
    m_data = std::move(contents);
    m_gone.clear();
    m_loaded = true;
    Q_EMIT resetDone();
    setLoading(false);
}

void TaskReplica::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void TaskReplica::failLoad(const QString &message)
{
    setLoading(false);
    Q_EMIT loadFailed(message);
}

void TaskReplica::apply(const Task &task)
{
    const auto it = m_data.m_slots.constFind(task.id);
    if (it == m_data.m_slots.cend()) {
        const auto gone = m_gone.constFind(task.id);
        if (gone != m_gone.cend() && gone.value() >= task.revision)
            return;
        if (task.isDeleted()) {
            m_gone.insert(task.id, task.revision);
            return;
        }
        m_gone.remove(task.id);
        const Entry &entry = m_data.insert(task);
        Q_EMIT taskChanged(task.id, &entry);
        return;
    }
    Entry &entry = *m_data.m_entries[std::size_t(it.value())];
    if (entry.task.revision >= task.revision)
        return; // this or newer is here already
    Q_EMIT taskAboutToChange(entry);
    if (task.isDeleted()) {
        m_gone.insert(task.id, task.revision);
        removeSlot(entry.slot);
        Q_EMIT taskChanged(task.id, nullptr);
        return;
    }
    m_data.m_text.kill(entry.record);
    describe(entry, task);
    m_data.learn(entry);
    m_data.m_text.compactIfWasteful(qsizetype(m_data.m_entries.size()), [this](qsizetype slot) -> qsizetype & {
        return m_data.m_entries[std::size_t(slot)]->record;
    });
    Q_EMIT taskChanged(task.id, &entry);
}

void TaskReplica::remove(const QUuid &taskId)
{
    const auto it = m_data.m_slots.constFind(taskId);
    if (it == m_data.m_slots.cend())
        return;
    const Entry &entry = *m_data.m_entries[std::size_t(it.value())];
    Q_EMIT taskAboutToChange(entry);
    m_gone.insert(taskId, entry.task.revision);
    removeSlot(entry.slot);
    Q_EMIT taskChanged(taskId, nullptr);
}

// Its slot goes to the last task; its text record dies.
void TaskReplica::removeSlot(qsizetype slot)
{
    auto &entries = m_data.m_entries;
    const auto at = std::size_t(slot);
    m_data.m_text.kill(entries[at]->record);
    m_data.m_slots.remove(entries[at]->task.id);
    if (at + 1 != entries.size()) {
        entries[at] = std::move(entries.back());
        m_data.m_keys[at] = m_data.m_keys.back();
        Entry &moved = *entries[at];
        moved.slot = slot;
        m_data.m_slots[moved.task.id] = slot;
        m_data.m_text.moveSlot(moved.record, slot);
    }
    entries.pop_back();
    m_data.m_keys.pop_back();
    m_data.m_text.compactIfWasteful(qsizetype(entries.size()),
                                    [&entries](qsizetype s) -> qsizetype & { return entries[std::size_t(s)]->record; });
}

const TaskReplica::Entry *TaskReplica::find(const QUuid &taskId) const
{
    const auto it = m_data.m_slots.constFind(taskId);
    return it == m_data.m_slots.cend() ? nullptr : m_data.m_entries[std::size_t(it.value())].get();
}

std::vector<const TaskReplica::Entry *> TaskReplica::select(const TaskMatcher &matcher) const
{
    std::vector<const Entry *> selected;
    const std::vector<bool> hit = matcher.hasText() ? textHits(matcher.foldedText()) : std::vector<bool>();
    for (std::size_t slot = 0; slot < m_data.m_keys.size(); ++slot) {
        if ((!hit.empty() && !hit[slot]) || !matcher.matchesKeys(m_data.m_keys[slot]))
            continue;
        const Entry *entry = m_data.m_entries[slot].get();
        if (matcher.hasTag() && !matcher.matchesTagKeys(entry->tagKeys))
            continue;
        selected.push_back(entry);
    }
    return selected;
}

std::vector<bool> TaskReplica::textHits(const QString &folded) const
{
    std::vector<bool> hit(m_data.m_entries.size(), false);
    m_data.m_text.search(folded, hit);
    return hit;
}

QStringList TaskReplica::tags() const
{
    QStringList tags;
    QSet<QString> seen;
    for (const auto &entry : m_data.m_entries) {
        for (qsizetype i = 0; i < entry->tagKeys.size(); ++i) {
            if (!seen.contains(entry->tagKeys.at(i))) {
                seen.insert(entry->tagKeys.at(i));
                tags.append(entry->task.tags.at(i));
            }
        }
    }
    tags.sort(Qt::CaseInsensitive);
    return tags;
}

} // namespace tandem
