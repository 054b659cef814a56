#include "duematcher.h"

// Dates said in words: "today", "friday", "this weekend", "next month",
// "in 3 days", "end of the week".

namespace tandem::assistant::detail {

namespace {

// "in 999 days" at most: more digits are no duration people type.
constexpr int maxCountDigits = 3;

} // namespace

std::optional<DatePart> Matcher::date(qsizetype pos) const
{
    if (t.isDigit(pos))
        return numericDate(pos);
    if (t.isAsciiLetter(pos))
        return wordDate(pos);
    return std::nullopt;
}

std::optional<DatePart> Matcher::finished(DatePart part) const
{
    if (!part.date.isValid() || !t.isCleanEnd(part.end))
        return std::nullopt;
    return part;
}

std::optional<DatePart> Matcher::wordDate(qsizetype pos) const
{
    qsizetype end = 0;
    const WordInfo *w = t.wordAt(pos, &end);
    if (!w)
        return std::nullopt;
    const QDate today = c.today();
    if (w->roles & Role::Today)
        return finished(dated(end, today));
    if (w->roles & Role::Yesterday)
        return finished(dated(end, today.addDays(-1)));
    if (w->roles & Role::Tonight)
        return finished(dated(end, today, PartOfDay::Night));
    if (w->roles & Role::Tomorrow)
        return finished(dated(end, today.addDays(1)));
    if (w->roles & Role::Day)
        return dayAfterTomorrow(pos);
    if (w->roles & Role::The) {
        qsizetype next = 0;
        qsizetype nextEnd = 0;
        const WordInfo *n = nextWord(end, &next, &nextEnd);
        if (n && (n->roles & Role::Day))
            return dayAfterTomorrow(next);
        if (n && (n->roles & Role::End))
            return endOf(next);
        if (next > 0 && t.isDigit(next)) {
            if (auto withMonth = dayMonth(next))
                return withMonth;
            return bareDay(next, pos);
        }
        return std::nullopt;
    }
    if (w->roles & Role::This)
        return thisPhrase(end);
    if (w->roles & Role::Next)
        return nextPhrase(end);
    if (w->roles & Role::In)
        return inPhrase(end);
    if (w->roles & Role::End)
        return endOf(pos);
    if (w->weekday)
        return weekdayPart(end, *w);
    if (w->month)
        return monthDay(*w, end);
    return std::nullopt;
}

std::optional<DatePart> Matcher::weekdayPart(qsizetype end, const WordInfo &w) const
{
    DatePart part = dated(end, comingWeekday(w.weekday));
    part.weak = w.abbreviated;
    part.bareWeekday = true;
    return finished(part);
}

// "friday": the next Friday strictly after today.
QDate Matcher::comingWeekday(int weekday) const
{
    const int ahead = (weekday - c.today().dayOfWeek() + 7) % 7;
    return c.today().addDays(ahead == 0 ? 7 : ahead);
}

std::optional<DatePart> Matcher::dayAfterTomorrow(qsizetype dayPos) const
{
    qsizetype end = 0;
    t.wordAt(dayPos, &end);
    qsizetype next = 0;
    const WordInfo *after = nextWord(end, &next, &end);
    if (!after || !(after->roles & Role::After))
        return std::nullopt;
    const WordInfo *tomorrow = nextWord(end, &next, &end);
    if (!tomorrow || !(tomorrow->roles & Role::Tomorrow))
        return std::nullopt;
    return finished(dated(end, c.today().addDays(2)));
}

std::optional<DatePart> Matcher::thisPhrase(qsizetype end) const
{
    qsizetype next = 0;
    const WordInfo *w = nextWord(end, &next, &end);
    if (!w)
        return std::nullopt;
    if (w->weekday) {
        QDate date = mondayOfThisWeek().addDays(w->weekday - 1);
        if (date < c.today())
            date = date.addDays(7);
        return finished(dated(end, date));
    }
    if (w->part != PartOfDay::None)
        return finished(dated(end, c.today(), w->part));
    if (w->roles & Role::Weekend)
        return finished(dated(end, std::max(mondayOfThisWeek().addDays(5), c.today())));
    return std::nullopt;
}

std::optional<DatePart> Matcher::nextPhrase(qsizetype end) const
{
    qsizetype next = 0;
    const WordInfo *w = nextWord(end, &next, &end);
    if (!w)
        return std::nullopt;
    const QDate nextMonday = mondayOfThisWeek().addDays(7);
    if (w->weekday)
        return finished(dated(end, nextMonday.addDays(w->weekday - 1)));
    if (w->roles & Role::Week)
        return finished(dated(end, nextMonday));
    if (w->roles & Role::Weekend)
        return finished(dated(end, nextMonday.addDays(5)));
    const QDate today = c.today();
    if (w->roles & Role::Month)
        return finished(dated(end, QDate(today.year(), today.month(), 1).addMonths(1)));
    if (w->roles & Role::Year)
        return finished(dated(end, QDate(today.year() + 1, 1, 1)));
    return std::nullopt;
}

std::optional<DatePart> Matcher::inPhrase(qsizetype end) const
{
    const qsizetype next = t.skipSpaces(end);
    if (next == end)
        return std::nullopt;
    int count = 0;
    if (t.isDigit(next)) {
        const auto digits = t.digitsAt(next, 1, maxCountDigits, &end);
        if (!digits)
            return std::nullopt;
        count = *digits;
    } else {
        const WordInfo *number = t.wordAt(next, &end);
        if (!number || !number->number)
            return std::nullopt;
        count = number->number;
    }
    qsizetype unitPos = 0;
    const WordInfo *unit = nextWord(end, &unitPos, &end);
    if (!unit || unit->unit == Unit::None || !t.isCleanEnd(end))
        return std::nullopt;
    const QDate today = c.today();
    switch (unit->unit) {
    case Unit::Minute:
    case Unit::Hour: {
        const qint64 seconds = qint64(count) * (unit->unit == Unit::Hour ? 3600 : 60);
        QDateTime instant = c.now().addSecs(seconds);
        const QTime wall = instant.time();
        instant = instant.addMSecs(-(wall.second() * 1000 + wall.msec()));
        DatePart part = dated(end, instant.date());
        part.instant = instant;
        return part;
    }
    case Unit::Day:
        return finished(dated(end, today.addDays(count)));
    case Unit::Week:
        return finished(dated(end, today.addDays(qint64(count) * 7)));
    case Unit::Month:
        return finished(dated(end, today.addMonths(count)));
    case Unit::Year:
        return finished(dated(end, today.addYears(count)));
    case Unit::None:
        break;
    }
    return std::nullopt;
}

// "end of month", "end of the week", "the end of the year".
std::optional<DatePart> Matcher::endOf(qsizetype endPos) const
{
    qsizetype end = 0;
    t.wordAt(endPos, &end);
    qsizetype next = 0;
    const WordInfo *of = nextWord(end, &next, &end);
    if (!of || !(of->roles & Role::Of))
        return std::nullopt;
    const WordInfo *w = nextWord(end, &next, &end);
    if (w && (w->roles & Role::The))
        w = nextWord(end, &next, &end);
    if (!w)
        return std::nullopt;
    const QDate today = c.today();
    if (w->roles & (Role::Day | Role::Today)) // "end of day", "end of the day", "end of today"
        return finished(dated(end, today));
    if (w->roles & Role::Month)
        return finished(dated(end, QDate(today.year(), today.month(), today.daysInMonth())));
    if (w->roles & Role::Week)
        return finished(dated(end, mondayOfThisWeek().addDays(6)));
    if (w->roles & Role::Year)
        return finished(dated(end, QDate(today.year(), 12, 31)));
    return std::nullopt;
}

} // namespace tandem::assistant::detail
