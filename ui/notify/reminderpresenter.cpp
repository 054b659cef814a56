#include "reminderpresenter.h"

#include "notifier.h"
#include "services/reminderscheduler.h"

#include <QLocale>

namespace tandem {

ReminderPresenter::ReminderPresenter(ReminderScheduler &scheduler, Notifier &notifier, Clock clock, QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
    , m_clock(std::move(clock))
{
    connect(&scheduler, &ReminderScheduler::reminderDue, this, &ReminderPresenter::present);
    connect(&m_notifier, &Notifier::activated, this, &ReminderPresenter::taskOpened);
}

QString ReminderPresenter::dueText(const QDateTime &dueAt, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(dueAt);
    if (seconds <= 30)
        return tr("Due now");
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return minutes == 1 ? tr("Due in 1 minute") : tr("Due in %1 minutes").arg(minutes);
    return tr("Due at %1").arg(QLocale().toString(dueAt.toLocalTime().time(), QLocale::ShortFormat));
}

void ReminderPresenter::present(const Task &task, const QDateTime &dueAt)
{
    m_notifier.notify(task.id, task.title, dueText(dueAt, nowFrom(m_clock)));
}

} // namespace tandem
