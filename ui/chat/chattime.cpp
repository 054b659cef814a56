#include "chattime.h"

#include <QCoreApplication>

namespace tandem::chattime {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ChatTime", text);
}
} // namespace

QString timeOfDay(const QDateTime &at, const QLocale &locale)
{
    // Some locales' short format (C's, for one) still has seconds: a chat needs minutes.
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QLatin1String(":ss")).remove(QLatin1String(".ss"));
    return locale.toString(at.toLocalTime().time(), format);
}

QString dayLabel(const QDate &day, const QDate &today, const QLocale &locale)
{
    const qint64 daysAgo = day.daysTo(today);
    if (daysAgo == 0)
        return tr("Today");
    if (daysAgo == 1)
        return tr("Yesterday");
    if (daysAgo > 1 && daysAgo < 7)
        return locale.dayName(day.dayOfWeek(), QLocale::LongFormat);
    if (day.year() == today.year()) {
        // "7 Dec" or "Dec 7", in the order the locale writes its dates.
        const QString format = locale.dateFormat(QLocale::ShortFormat);
        const bool dayFirst = format.indexOf(u'd') < format.indexOf(u'M');
        return locale.toString(day, dayFirst ? QStringLiteral("d MMM") : QStringLiteral("MMM d"));
    }
    return locale.toString(day, QLocale::ShortFormat);
}

QString lastActivity(const QDateTime &at, const QDateTime &now, const QLocale &locale)
{
    const QDateTime local = at.toLocalTime();
    const QDate today = now.toLocalTime().date();
    if (local.date() == today)
        return tr("Today %1").arg(timeOfDay(local, locale));
    return dayLabel(local.date(), today, locale);
}

} // namespace tandem::chattime
