#include "duematcher.h"

// Calendar dates: "the 28th", "March 3", "3rd of March 2027", "2026-03-03T14:00",
// "2026/03/14", "3/14" in the locale's order.

namespace tandem::assistant::detail {

namespace {

// A month-day without a year is looked for this many years ahead (Feb 29 needs up to 8).
constexpr int yearsToSearch = 9;
// "March 3 2027": the numbers read as a year after a month and day.
constexpr int firstYear = 1970;
constexpr int lastYear = 2199;
// UTC offsets run from -14:00 to +14:00.
constexpr int maxOffsetMinutes = 14 * 60;

} // namespace

// "the 28th", "on the 1st", "by 3rd": the next such day of a month from
// today (today included). Only with its ordinal suffix, and only said as a
// date: after a word like "on", "by" or "for" (before `phraseStart`), or
// with nothing but a time, punctuation or the end after it ("Plan the 28th
// birthday party" stays a title).
std::optional<DatePart> Matcher::bareDay(qsizetype numberPos, qsizetype phraseStart) const
{
    qsizetype end = 0;
    const auto day = t.digitsAt(numberPos, 1, 2, &end);
    if (!day || *day < 1 || *day > 31)
        return std::nullopt;
    const qsizetype suffixEnd = skipOrdinal(end);
    if (suffixEnd <= end || !t.isCleanEnd(suffixEnd))
        return std::nullopt;
    if (!qualified(phraseStart) && !endsClause(suffixEnd))
        return std::nullopt;
    const QDate today = c.today();
    const QDate firstOfMonth(today.year(), today.month(), 1);
    for (int months = 0; months <= 12; ++months) {
        const QDate first = firstOfMonth.addMonths(months);
        if (*day > first.daysInMonth())
            continue;
        const QDate date(first.year(), first.month(), *day);
        if (date >= today)
            return finished(dated(suffixEnd, date));
    }
    return std::nullopt;
}

// Whether only the end, punctuation or a time follows `end`.
bool Matcher::endsClause(qsizetype end) const
{
    const qsizetype next = t.skipSpaces(end);
    if (next >= t.size())
        return true;
    const char16_t c0 = t.at(next);
    if (c0 == u',' || c0 == u';' || c0 == u'.' || c0 == u'!' || c0 == u'?' || c0 == u')' || c0 == u':')
        return true;
    if (next == end)
        return false;
    if (t.isDigit(next))
        return time(next).has_value();
    qsizetype wordEnd = 0;
    const WordInfo *w = t.wordAt(next, &wordEnd);
    return w
        && ((w->roles & (Role::At | Role::Noon | Role::Midnight | Role::Connector | Role::Qualifier | Role::For))
            || w->part != PartOfDay::None);
}

// A month and day with no year: this year's if it has not passed, else the next that exists.
QDate Matcher::nextOccurrence(int month, int day) const
{
    if (!QDate::isValid(2000, month, day))
        return {};
    const QDate today = c.today();
    for (int year = today.year(); year < today.year() + yearsToSearch; ++year) {
        const QDate date(year, month, day);
        if (date.isValid() && date >= today)
            return date;
    }
    return {};
}

// After a day number: "3rd", "21st".
qsizetype Matcher::skipOrdinal(qsizetype end) const
{
    if (!t.isAsciiLetter(end))
        return end;
    qsizetype suffixEnd = 0;
    const WordInfo *suffix = t.wordAt(end, &suffixEnd);
    return suffix && (suffix->roles & Role::Ordinal) ? suffixEnd : -1;
}

// ", 2027" or " 2027" after a month and day; the year and its end.
std::optional<int> Matcher::yearAfter(qsizetype end, qsizetype *yearEnd) const
{
    const qsizetype next = t.skipSeparator(end);
    if (next < 0)
        return std::nullopt;
    const auto year = t.digitsAt(next, 4, 4, yearEnd);
    if (!year || *year < firstYear || *year > lastYear || !t.isCleanEnd(*yearEnd))
        return std::nullopt;
    return year;
}

std::optional<DatePart> Matcher::withDayAndYear(int month, int day, qsizetype end) const
{
    qsizetype yearEnd = 0;
    if (const auto year = yearAfter(end, &yearEnd))
        return finished(dated(yearEnd, QDate(*year, month, day)));
    return finished(dated(end, nextOccurrence(month, day)));
}

// "March 3", "Mar. 3rd", "March 3, 2027".
std::optional<DatePart> Matcher::monthDay(const WordInfo &month, qsizetype end) const
{
    if (month.abbreviated && t.at(end) == u'.')
        ++end;
    const qsizetype next = t.skipSpaces(end);
    if (next == end)
        return std::nullopt;
    const auto day = t.digitsAt(next, 1, 2, &end);
    if (!day)
        return std::nullopt;
    end = skipOrdinal(end);
    if (end < 0 || !t.isCleanEnd(end))
        return std::nullopt;
    return withDayAndYear(month.month, *day, end);
}

// "3 March", "3rd of March", "14 Feb 2028".
std::optional<DatePart> Matcher::dayMonth(qsizetype pos) const
{
    qsizetype end = 0;
    const auto day = t.digitsAt(pos, 1, 2, &end);
    if (!day)
        return std::nullopt;
    end = skipOrdinal(end);
    if (end < 0)
        return std::nullopt;
    qsizetype next = 0;
    const WordInfo *w = nextWord(end, &next, &end);
    if (w && (w->roles & Role::Of))
        w = nextWord(end, &next, &end);
    if (!w || !w->month)
        return std::nullopt;
    if (w->abbreviated && t.at(end) == u'.' && t.isCleanEnd(end + 1))
        ++end;
    if (!t.isCleanEnd(end))
        return std::nullopt;
    return withDayAndYear(w->month, *day, end);
}

std::optional<DatePart> Matcher::numericDate(qsizetype pos) const
{
    qsizetype end = 0;
    if (const auto year = t.digitsAt(pos, 4, 4, &end)) {
        if (t.at(end) == u'-')
            return isoDate(*year, end);
        if (t.at(end) == u'/')
            return yearFirstSlashDate(*year, end);
        return std::nullopt;
    }
    const auto first = t.digitsAt(pos, 1, 2, &end);
    if (!first)
        return std::nullopt;
    if (t.at(end) == u'/')
        return slashDate(*first, end);
    if (auto withMonth = dayMonth(pos))
        return withMonth;
    return bareDay(pos, pos);
}

// "2026-03-03", "2026-03-03T14:00", "2026-03-03T14:00:30+01:00".
std::optional<DatePart> Matcher::isoDate(int year, qsizetype dash) const
{
    qsizetype end = 0;
    const auto month = t.digitsAt(dash + 1, 2, 2, &end);
    if (!month || t.at(end) != u'-')
        return std::nullopt;
    const auto day = t.digitsAt(end + 1, 2, 2, &end);
    if (!day)
        return std::nullopt;
    DatePart part = dated(end, QDate(year, *month, *day));
    if ((t.at(end) | 0x20) == u't' && t.isDigit(end + 1)) {
        const auto hour = t.digitsAt(end + 1, 2, 2, &end);
        if (!hour || *hour > 23 || t.at(end) != u':')
            return std::nullopt;
        const auto minute = t.digitsAt(end + 1, 2, 2, &end);
        if (!minute || *minute > 59)
            return std::nullopt;
        int second = 0;
        if (t.at(end) == u':') {
            const auto seconds = t.digitsAt(end + 1, 2, 2, &end);
            if (!seconds || *seconds > 59)
                return std::nullopt;
            second = *seconds;
        }
        part.time = QTime(*hour, *minute, second);
        if ((t.at(end) | 0x20) == u'z') {
            part.offsetSeconds = 0;
            ++end;
        } else if ((t.at(end) == u'+' || t.at(end) == u'-') && t.isDigit(end + 1)) {
            const int sign = t.at(end) == u'-' ? -1 : 1;
            const auto offsetHours = t.digitsAt(end + 1, 2, 2, &end);
            if (!offsetHours || *offsetHours > 14 || t.at(end) != u':')
                return std::nullopt;
            const auto offsetMinutes = t.digitsAt(end + 1, 2, 2, &end);
            if (!offsetMinutes || *offsetMinutes > 59 || *offsetHours * 60 + *offsetMinutes > maxOffsetMinutes)
                return std::nullopt;
            part.offsetSeconds = sign * (*offsetHours * 3600 + *offsetMinutes * 60);
        }
        part.end = end;
    }
    return finished(part);
}

// "2026/03/14".
std::optional<DatePart> Matcher::yearFirstSlashDate(int year, qsizetype slash) const
{
    qsizetype end = 0;
    const auto month = t.digitsAt(slash + 1, 1, 2, &end);
    if (!month || t.at(end) != u'/')
        return std::nullopt;
    const auto day = t.digitsAt(end + 1, 1, 2, &end);
    if (!day)
        return std::nullopt;
    return finished(dated(end, QDate(year, *month, *day)));
}

// "3/14", "14/3", "3/14/2027", "3/14/27" in the locale's order.
std::optional<DatePart> Matcher::slashDate(int first, qsizetype slash) const
{
    qsizetype end = 0;
    const auto second = t.digitsAt(slash + 1, 1, 2, &end);
    if (!second)
        return std::nullopt;
    const int month = c.monthFirst() ? first : *second;
    const int day = c.monthFirst() ? *second : first;
    if (t.at(end) == u'/' && t.isDigit(end + 1)) {
        qsizetype yearEnd = 0;
        auto year = t.digitsAt(end + 1, 4, 4, &yearEnd);
        if (!year) {
            year = t.digitsAt(end + 1, 2, 2, &yearEnd);
            if (year)
                *year += 2000;
        }
        if (!year)
            return std::nullopt;
        return finished(dated(yearEnd, QDate(*year, month, day)));
    }
    return finished(dated(end, nextOccurrence(month, day)));
}

} // namespace tandem::assistant::detail
