#pragma once

#include "domain/clock.h"

#include <QDateTime>
#include <QObject>
#include <QUuid>

namespace tandem {

class Notifier;
class ReminderScheduler;
struct Task;

// Turns the scheduler's reminders into notifications and their clicks into
// taskOpened(): the desktop's words for "this task is due".
class ReminderPresenter final : public QObject
{
    Q_OBJECT

public:
    ReminderPresenter(ReminderScheduler &scheduler, Notifier &notifier, Clock clock = {}, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ReminderPresenter)

    // "Due now", "Due at 14:30", "Due in 15 minutes": the notification's body at `now`.
    static QString dueText(const QDateTime &dueAt, const QDateTime &now);

Q_SIGNALS:
    // The user clicked a reminder: show `taskId`.
    void taskOpened(const QUuid &taskId);

private:
    void present(const Task &task, const QDateTime &dueAt);

    Notifier &m_notifier;
    Clock m_clock;
};

} // namespace tandem
