#include "reminderscheduler.h"

#include "services/taskservice.h"

#include <QLoggingCategory>

#include <algorithm>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcReminders, "tandem.reminders")

// The timer never sleeps longer than this, so a clock that jumps (a suspended
// laptop, a changed time zone) is caught within the hour. Not polling: one
// wake-up an hour at most when nothing is near.
constexpr qint64 longestSleepMs = 60 * 60 * 1000;
} // namespace

std::optional<QDateTime> reminderDueAt(const Task &task, const QTimeZone &zone)
{
    if (task.due.isNone() || task.isDeleted() || task.status == TaskStatus::Completed)
        return std::nullopt;
    if (task.due.hasTime())
        return task.due.dateTime().toUTC();
    return QDateTime(task.due.date(), QTime(dateOnlyReminderHour, 0), zone).toUTC();
}

ReminderScheduler::ReminderScheduler(TaskService &tasks, const QUuid &ownerId, Clock clock, const QTimeZone &zone,
                                     QObject *parent)
    : QObject(parent)
    , m_tasks(tasks)
    , m_ownerId(ownerId)
    , m_clock(std::move(clock))
    , m_zone(zone)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ReminderScheduler::checkNow);
    connect(&m_tasks, &TaskService::changed, this, &ReminderScheduler::onChanged);
}

ReminderScheduler::~ReminderScheduler() = default;

TaskQuery ReminderScheduler::openTasksQuery()
{
    TaskQuery query;
    query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
    query.dueFilter = DueFilter::HasDue;
    return query;
}

void ReminderScheduler::reset(const QList<Task> &openTasks)
{
    for (const Task &task : openTasks)
        take(task);
    if (!m_checkedUntil.isValid())
        m_checkedUntil = nowFrom(m_clock);
    // Closed tasks were kept only so a change could win over an older load.
    m_entries.removeIf(
        [](const auto &entry) { return !entry.value().dueAt.isValid() && !entry.value().announcedDue.isValid(); });
    checkNow();
}

void ReminderScheduler::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    if (m_checkedUntil.isValid())
        checkNow();
}

void ReminderScheduler::setLeadMinutes(int minutes)
{
    minutes = std::max(minutes, 0);
    if (m_leadMinutes == minutes)
        return;
    m_leadMinutes = minutes;
    if (m_checkedUntil.isValid())
        checkNow();
}

void ReminderScheduler::onChanged(const Change &change)
{
    const Task *task = change.task();
    if (!task || change.ownerId != m_ownerId)
        return;
    take(*task);
    if (!m_checkedUntil.isValid())
        return; // reset() checks once it has the rest
    // A closed task is forgotten, unless it was announced: reopened with the same due, it stays quiet.
    if (auto found = m_entries.find(task->id);
        found != m_entries.end() && !found->dueAt.isValid() && !found->announcedDue.isValid())
        m_entries.erase(found);
    checkNow();
}

void ReminderScheduler::take(const Task &task)
{
    if (task.ownerId != m_ownerId)
        return;
    auto found = m_entries.find(task.id);
    if (found != m_entries.end() && found->task.revision > task.revision)
        return; // an older copy (a load that ran before this change)
    const QDateTime dueAt = reminderDueAt(task, m_zone).value_or(QDateTime());
    if (found == m_entries.end()) {
        if (!dueAt.isValid() && m_checkedUntil.isValid())
            return;
        found = m_entries.insert(task.id, Entry{});
    }
    found->task = task;
    found->dueAt = dueAt;
}

QDateTime ReminderScheduler::remindAt(const Entry &entry) const
{
    return entry.dueAt.addSecs(-qint64(m_leadMinutes) * 60);
}

void ReminderScheduler::checkNow()
{
    const QDateTime now = nowFrom(m_clock);
    QList<Entry> due;
    if (m_enabled && m_checkedUntil.isValid()) {
        for (Entry &entry : m_entries) {
            if (!entry.dueAt.isValid() || entry.announcedDue == entry.dueAt)
                continue;
            const QDateTime at = remindAt(entry);
            if (at > now)
                continue;
            entry.announcedDue = entry.dueAt; // shown now, or missed for good
            if (at > m_checkedUntil || entry.dueAt > now)
                due.append(entry);
        }
    }
    if (m_checkedUntil.isValid())
        m_checkedUntil = now;
    arm();
    std::sort(due.begin(), due.end(), [](const Entry &a, const Entry &b) { return a.dueAt < b.dueAt; });
    for (const Entry &entry : std::as_const(due)) {
        qCInfo(lcReminders) << "reminder for" << entry.task.id << "due at" << entry.dueAt;
        Q_EMIT reminderDue(entry.task, entry.dueAt);
    }
}

void ReminderScheduler::arm()
{
    m_nextAt = {};
    if (m_enabled && m_checkedUntil.isValid()) {
        for (const Entry &entry : std::as_const(m_entries)) {
            if (!entry.dueAt.isValid() || entry.announcedDue == entry.dueAt)
                continue;
            const QDateTime at = remindAt(entry);
            if (!m_nextAt.isValid() || at < m_nextAt)
                m_nextAt = at;
        }
    }
    if (!m_nextAt.isValid()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_checkedUntil.msecsTo(m_nextAt), 0, longestSleepMs);
    m_timer.start(std::chrono::milliseconds(wait));
}

} // namespace tandem
