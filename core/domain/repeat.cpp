#include "repeat.h"

#include "isotime.h"

#include <QStringList>
#include <QTimeZone>

#include <array>

namespace tandem {

namespace {

constexpr std::array<const char16_t *, 7> weekdayWireNames{u"mon", u"tue", u"wed", u"thu", u"fri", u"sat", u"sun"};
constexpr std::array<const char *, 7> weekdayShortNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr quint8 workWeek = 0b0011'1110; // Monday .. Friday

QDate clampedDay(int year, int month, int day)
{
    const QDate first(year, month, 1);
    return QDate(year, month, std::min(day, first.daysInMonth()));
}

QDate addMonthsOnDay(QDate date, int months, int day)
{
    const int index = date.year() * 12 + (date.month() - 1) + months;
    return clampedDay(index / 12, index % 12 + 1, day);
}

QString ordinal(int n)
{
    const int lastTwo = n % 100;
    const char *suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        if (n % 10 == 1)
            suffix = "st";
        else if (n % 10 == 2)
            suffix = "nd";
        else if (n % 10 == 3)
            suffix = "rd";
    }
    return QString::number(n) + QLatin1String(suffix);
}

QString joinedWeekdays(quint8 weekdays)
{
    QStringList names;
    for (int day = 1; day <= 7; ++day) {
        if (weekdays & (1u << day))
            names.append(QLatin1String(weekdayShortNames[day - 1]));
    }
    if (names.size() == 1)
        return names.constFirst();
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

// The instant a timed occurrence on `date` falls at: the wall-clock time of
// `due` in the rule's zone, or at the due's own offset without one.
QDateTime occurrenceAt(QDate date, const Due &due, const QTimeZone &zone)
{
    if (!zone.isValid()) {
        const QDateTime original = due.dateTime();
        return dateTimeWithOffset(date, original.time(), original.offsetFromUtc());
    }
    const QTime wallClock = due.dateTime().toTimeZone(zone).time();
    const QDateTime at(date, wallClock, zone);
    // A wall-clock time the DST change skips (02:30 on a spring-forward day)
    // does not exist: Qt before 6.7 may call it invalid, later ones move it
    // forward; either way the occurrence is an hour later.
    if (!at.isValid())
        return QDateTime(date, wallClock.addSecs(3600), zone);
    return at;
}

} // namespace

QString repeatUnitName(RepeatUnit unit)
{
    switch (unit) {
    case RepeatUnit::Day:
        return QStringLiteral("day");
    case RepeatUnit::Week:
        return QStringLiteral("week");
    case RepeatUnit::Month:
        return QStringLiteral("month");
    case RepeatUnit::Year:
        return QStringLiteral("year");
    }
    return QStringLiteral("day");
}

std::optional<RepeatUnit> repeatUnitFromName(QStringView name)
{
    if (name == u"day")
        return RepeatUnit::Day;
    if (name == u"week")
        return RepeatUnit::Week;
    if (name == u"month")
        return RepeatUnit::Month;
    if (name == u"year")
        return RepeatUnit::Year;
    return std::nullopt;
}

QString weekdayName(int weekday)
{
    if (weekday < 1 || weekday > 7)
        return {};
    return QString::fromUtf16(weekdayWireNames[weekday - 1]);
}

std::optional<int> weekdayFromName(QStringView name)
{
    for (int day = 1; day <= 7; ++day) {
        if (name == QStringView(weekdayWireNames[day - 1]))
            return day;
    }
    return std::nullopt;
}

RepeatRule RepeatRule::every(RepeatUnit unit, int interval)
{
    RepeatRule rule;
    rule.unit = unit;
    rule.interval = interval;
    return rule;
}

int RepeatLimits::maxInterval(RepeatUnit unit)
{
    switch (unit) {
    case RepeatUnit::Day:
        return 365;
    case RepeatUnit::Week:
        return 52;
    case RepeatUnit::Month:
        return 24;
    case RepeatUnit::Year:
        return 10;
    }
    return 1;
}

Result<void> validateRepeat(const RepeatRule &rule)
{
    const int max = RepeatLimits::maxInterval(rule.unit);
    if (rule.interval < 1 || rule.interval > max)
        return Error::validation(
            QStringLiteral("repeat.interval"),
            QStringLiteral("must be between 1 and %1 for a rule in %2s").arg(max).arg(repeatUnitName(rule.unit)));
    if (rule.weekdays & 1u)
        return Error::validation(QStringLiteral("repeat.weekdays"), QStringLiteral("holds an unknown weekday"));
    if (rule.weekdays != 0 && rule.unit != RepeatUnit::Week)
        return Error::validation(QStringLiteral("repeat.weekdays"),
                                 QStringLiteral("only a weekly rule takes weekdays"));
    if (rule.unit == RepeatUnit::Month) {
        if (rule.monthDay < 0 || rule.monthDay > RepeatLimits::MaxMonthDay)
            return Error::validation(QStringLiteral("repeat.monthDay"), QStringLiteral("must be between 1 and 31"));
    } else if (rule.monthDay != 0) {
        return Error::validation(QStringLiteral("repeat.monthDay"),
                                 QStringLiteral("only a monthly rule takes a day of the month"));
    }
    if (!rule.timeZone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(rule.timeZone))
        return Error::validation(QStringLiteral("repeat.timeZone"),
                                 QStringLiteral("must be an IANA time zone such as \"Europe/Berlin\""));
    return {};
}

QString describeRepeat(const RepeatRule &rule)
{
    const int n = rule.interval;
    switch (rule.unit) {
    case RepeatUnit::Day:
        return n == 1 ? QStringLiteral("daily") : QStringLiteral("every %1 days").arg(n);
    case RepeatUnit::Week: {
        if (rule.weekdays == workWeek && n == 1)
            return QStringLiteral("every weekday");
        const QString every = n == 1 ? QStringLiteral("every week") : QStringLiteral("every %1 weeks").arg(n);
        if (rule.weekdays == 0)
            return n == 1 ? QStringLiteral("weekly") : every;
        return every + QStringLiteral(" on ") + joinedWeekdays(rule.weekdays);
    }
    case RepeatUnit::Month: {
        const QString every = n == 1 ? QStringLiteral("every month") : QStringLiteral("every %1 months").arg(n);
        if (rule.monthDay == 0)
            return n == 1 ? QStringLiteral("monthly") : every;
        return every + QStringLiteral(" on the ") + ordinal(rule.monthDay);
    }
    case RepeatUnit::Year:
        return n == 1 ? QStringLiteral("yearly") : QStringLiteral("every %1 years").arg(n);
    }
    return {};
}

QDate nextRepeatDate(QDate date, const RepeatRule &rule)
{
    if (!date.isValid())
        return {};
    const int n = std::max(1, rule.interval);
    switch (rule.unit) {
    case RepeatUnit::Day:
        return date.addDays(n);
    case RepeatUnit::Week: {
        if (rule.weekdays == 0)
            return date.addDays(7 * qint64(n));
        for (int day = date.dayOfWeek() + 1; day <= 7; ++day) {
            if (rule.hasWeekday(day))
                return date.addDays(day - date.dayOfWeek());
        }
        const QDate monday = date.addDays(1 - date.dayOfWeek()).addDays(7 * qint64(n));
        for (int day = 1; day <= 7; ++day) {
            if (rule.hasWeekday(day))
                return monday.addDays(day - 1);
        }
        return {};
    }
    case RepeatUnit::Month: {
        const int day = rule.monthDay > 0 ? rule.monthDay : date.day();
        const QDate thisMonth = clampedDay(date.year(), date.month(), day);
        if (thisMonth > date)
            return thisMonth;
        return addMonthsOnDay(date, n, day);
    }
    case RepeatUnit::Year:
        return date.addYears(n); // Feb 29 lands on Feb 28 in a common year
    }
    return {};
}

QDate firstRepeatDate(QDate from, const RepeatRule &rule)
{
    if (!from.isValid())
        return {};
    const bool fits = (rule.unit == RepeatUnit::Week && rule.weekdays != 0)
        ? rule.hasWeekday(from.dayOfWeek())
        : (rule.unit != RepeatUnit::Month || rule.monthDay == 0
           || from == clampedDay(from.year(), from.month(), rule.monthDay));
    if (fits)
        return from;
    // Every rule with a fixed day finds it within a cycle from the day before.
    RepeatRule oneCycle = rule;
    oneCycle.interval = 1;
    return nextRepeatDate(from.addDays(-1), oneCycle);
}

Due nextDue(const Due &due, const RepeatRule &rule, const QDateTime &completedAt)
{
    if (due.isNone())
        return due;
    const QTimeZone zone = rule.timeZone.isEmpty() ? QTimeZone() : QTimeZone(rule.timeZone);
    // Whole cycles of a fixed length can be skipped at once; calendar cycles
    // step (at most 12 a year of overdue, so a loop stays cheap).
    const qint64 fixedDays = rule.unit == RepeatUnit::Day     ? rule.interval
        : rule.unit == RepeatUnit::Week && rule.weekdays == 0 ? 7 * qint64(rule.interval)
                                                              : 0;
    if (!due.hasTime()) {
        const QDate today = completedAt.toTimeZone(zone.isValid() ? zone : QTimeZone::utc()).date();
        QDate date = nextRepeatDate(due.date(), rule);
        if (fixedDays > 0 && date <= today)
            date = date.addDays((date.daysTo(today) / fixedDays + 1) * fixedDays);
        while (date.isValid() && date <= today)
            date = nextRepeatDate(date, rule);
        return Due::onDate(date);
    }
    const QDateTime original = due.dateTime();
    const QDate start = zone.isValid() ? original.toTimeZone(zone).date() : original.date();
    QDate date = nextRepeatDate(start, rule);
    if (fixedDays > 0) {
        const QDate completedDay = completedAt.toTimeZone(zone.isValid() ? zone : original.timeZone()).date();
        if (date < completedDay)
            date = date.addDays(date.daysTo(completedDay) / fixedDays * fixedDays);
    }
    QDateTime at = occurrenceAt(date, due, zone);
    while (date.isValid() && at <= completedAt) {
        date = nextRepeatDate(date, rule);
        at = occurrenceAt(date, due, zone);
    }
    return Due::at(at);
}

} // namespace tandem
