#include "phrasing.h"

#include "domain/vocabulary.h"

#include <QLocale>

namespace tandem::assistant {

QString quoted(const QString &title)
{
    return QStringLiteral("“%1”").arg(title);
}

QString countOf(qsizetype n, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? singular : plural);
}

QString humanDue(const Due &due, const Now &now)
{
    if (due.isNone())
        return QStringLiteral("no due date");
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QDate date = due.date();
    QString time;
    if (due.hasTime()) {
        const QDateTime local = due.dateTime().toTimeZone(now.zone);
        date = local.date();
        time = local.time().toString(local.time().minute() == 0 ? QStringLiteral("H:00") : QStringLiteral("H:mm"));
    }
    const QDate today = now.today();
    const qint64 days = today.daysTo(date);
    QString day;
    if (days == 0)
        day = QStringLiteral("today");
    else if (days == 1)
        day = QStringLiteral("tomorrow");
    else if (days == -1)
        day = QStringLiteral("yesterday");
    else if (days > 1 && days < 7)
        day = QStringLiteral("on ") + english.dayName(date.dayOfWeek(), QLocale::LongFormat);
    else if (date.year() == today.year())
        day = QStringLiteral("on ") + english.toString(date, QStringLiteral("d MMM"));
    else
        day = QStringLiteral("on ") + english.toString(date, QStringLiteral("d MMM yyyy"));
    return time.isEmpty() ? day : day + QStringLiteral(" at ") + time;
}

bool isOverdue(const Task &task, const Now &now)
{
    return tandem::isOverdue(task, now.instant, now.zone);
}

QString describe(const Task &task, const Now &now)
{
    QStringList details;
    if (!task.due.isNone())
        details.append((isOverdue(task, now) ? QStringLiteral("was due ") : QStringLiteral("due "))
                       + humanDue(task.due, now));
    if (task.repeat)
        details.append(QStringLiteral("repeats ") + describeRepeat(*task.repeat));
    if (task.priority != TaskPriority::None)
        details.append(priorityWord(task.priority) + QStringLiteral(" priority"));
    for (const QString &tag : task.tags)
        details.append(u'#' + tag);
    if (task.status == TaskStatus::Completed)
        details.append(QStringLiteral("done"));
    else if (task.status == TaskStatus::InProgress)
        details.append(QStringLiteral("in progress"));
    QString text = quoted(task.title);
    if (!details.isEmpty())
        text += QStringLiteral(" — ") + details.join(QStringLiteral(", "));
    return text;
}

QString numberedList(const QList<Task> &tasks, const Now &now)
{
    QStringList lines;
    for (qsizetype i = 0; i < tasks.size(); ++i)
        lines.append(QStringLiteral("%1. %2").arg(i + 1).arg(describe(tasks.at(i), now)));
    return lines.join(u'\n');
}

} // namespace tandem::assistant
