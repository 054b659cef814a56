#pragma once

#include "domain/change.h"
#include "domain/clock.h"
#include "domain/task.h"
#include "domain/taskquery.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTime>
#include <QTimeZone>
#include <QTimer>
#include <QUuid>

#include <optional>

namespace tandem {

class TaskService;

// The local hour a date-only due is announced at: a whole-day task is
// reminded of at the start of the working day, not at midnight.
inline constexpr int dateOnlyReminderHour = 9;

// When an open task with a due comes due for a reminder: a date-time due at
// its instant, a date-only due at dateOnlyReminderHour:00 in `zone`. Empty for a
// task without a due, or one completed or deleted.
std::optional<QDateTime> reminderDueAt(const Task &task, const QTimeZone &zone);

// Decides when each of one owner's open tasks with a due is announced, from
// the service's changes, and says so through reminderDue(). One timer, set to
// the next reminder; recomputed on every change. Widget-free: the desktop
// turns reminderDue() into a notification.
//
// Rules:
// - A task is announced once per due, `leadMinutes` before it (0: at the due).
//   A task re-dated gets a new reminder; completed or deleted, none.
// - A reminder whose time passed while nothing was watching (before reset(),
//   or while disabled) is not shown once its task is overdue: the dashboard
//   already shows overdue tasks. One whose task is not yet due (it entered the
//   lead window through a change or at start) is shown at once.
class ReminderScheduler final : public QObject
{
    Q_OBJECT

public:
    ReminderScheduler(TaskService &tasks, const QUuid &ownerId, Clock clock = {},
                      const QTimeZone &zone = QTimeZone::systemTimeZone(), QObject *parent = nullptr);
    ~ReminderScheduler() override;
    Q_DISABLE_COPY_MOVE(ReminderScheduler)

    // The query whose result reset() expects (the owner's open tasks with a
    // due); run it off the GUI thread on a large store.
    static TaskQuery openTasksQuery();
    // Starts from `openTasks` (openTasksQuery()'s result). Changes that arrived
    // since the query ran win over it by revision.
    void reset(const QList<Task> &openTasks);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // Negative values count as 0.
    void setLeadMinutes(int minutes);
    int leadMinutes() const { return m_leadMinutes; }

    // When the timer next fires (invalid: nothing to announce).
    QDateTime nextReminderAt() const { return m_nextAt; }
    // Announces every reminder that is due now and re-arms the timer; the
    // timer calls it, and tests do under a fake clock.
    void checkNow();

Q_SIGNALS:
    // `task` (as last known) is to be announced: its due is at `dueAt` (UTC),
    // which is now or within the lead minutes. Fires once per task and due.
    void reminderDue(const tandem::Task &task, const QDateTime &dueAt);

private:
    struct Entry
    {
        Task task;
        QDateTime dueAt; // invalid: nothing to announce (no due, closed)
        QDateTime announcedDue; // the due last announced for this task
    };

    void onChanged(const Change &change);
    void take(const Task &task);
    QDateTime remindAt(const Entry &entry) const;
    void arm();

    TaskService &m_tasks;
    QUuid m_ownerId;
    Clock m_clock;
    QTimeZone m_zone;
    QTimer m_timer;
    QHash<QUuid, Entry> m_entries;
    QDateTime m_checkedUntil; // reminders up to here have been considered
    QDateTime m_nextAt;
    bool m_enabled = true;
    int m_leadMinutes = 0;
};

} // namespace tandem
