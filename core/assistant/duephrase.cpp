#include "duephrase.h"

#include "domain/isotime.h"

namespace tandem::assistant::detail {

namespace {

constexpr qint64 msecsPerDay = 24 * 3600 * 1000;
// A month-day without a year is looked for this many years ahead (Feb 29 needs up to 8).
constexpr int yearsToSearch = 9;
// "March 3 2027": the numbers read as a year after a month and day.
constexpr int firstYear = 1970;
constexpr int lastYear = 2199;
// "in 999 days" at most: more digits are no duration people type.
constexpr int maxCountDigits = 3;
// UTC offsets run from -14:00 to +14:00.
constexpr int maxOffsetMinutes = 14 * 60;

int hourOf(PartOfDay part)
{
    switch (part) {
    case PartOfDay::Morning:
        return 9;
    case PartOfDay::Afternoon:
        return 15;
    case PartOfDay::Evening:
        return 19;
    case PartOfDay::Night:
        return 20;
    case PartOfDay::None:
        break;
    }
    return 0;
}

// A date, alone or with what it fixes itself: a part of the day ("tonight"),
// a time ("2026-03-03T14:00") or a whole instant ("in 2 hours").
struct DatePart
{
    qsizetype end = 0;
    QDate date;
    PartOfDay part = PartOfDay::None;
    bool weak = false; // needs a qualifier, a time or a part of the day: "sun", "fri"
    bool bareWeekday = false; // "friday" without "this"/"next": the title-word traps apply
    std::optional<QTime> time;
    std::optional<int> offsetSeconds;
    std::optional<QDateTime> instant;

    bool takesTime() const { return !time && !instant; }
};

DatePart dated(qsizetype end, QDate date, PartOfDay part = PartOfDay::None)
{
    DatePart d;
    d.end = end;
    d.date = date;
    d.part = part;
    return d;
}

struct TimePart
{
    qsizetype end = 0;
    int hour = 0;
    int minute = 0;
    bool ambiguous = false; // 1..12 without am/pm or a leading zero: "at 9", "5:30"
    bool midnight = false;
    bool weak = false; // "5:30" alone: a verse, a score or a time
};

class Matcher
{
public:
    Matcher(const TextView &text, const DueContext &context)
        : t(text)
        , c(context)
    { }

    std::optional<DuePhrase> match(qsizetype pos) const
    {
        // A phrase whose due cannot be represented is no phrase.
        auto phrase = dateFirst(pos);
        if (!phrase || phrase->due.isNone())
            phrase = timeFirst(pos);
        if (!phrase || phrase->due.isNone())
            return std::nullopt;
        return phrase;
    }

private:
    // -- phrases ---------------------------------------------------------

    std::optional<DuePhrase> dateFirst(qsizetype pos) const
    {
        const auto d = date(pos);
        if (!d)
            return std::nullopt;
        qsizetype end = d->end;
        PartOfDay part = d->part;
        std::optional<TimePart> tm;
        if (d->takesTime()) {
            if (part == PartOfDay::None)
                part = partOfDayAfter(end, &end);
            if (const qsizetype next = t.skipSeparator(end); next >= 0) {
                tm = time(next);
                if (tm)
                    end = tm->end;
            }
        }
        const bool standsAlone = !tm && part == PartOfDay::None;
        if (d->bareWeekday && (followsDeterminer(pos) || (standsAlone && precedesNoun(end))))
            return std::nullopt;
        if (d->weak && standsAlone && !qualified(pos))
            return std::nullopt;
        return DuePhrase{pos, end, resolve(&*d, part, tm ? &*tm : nullptr)};
    }

    std::optional<DuePhrase> timeFirst(qsizetype pos) const
    {
        const auto tm = time(pos);
        if (!tm)
            return std::nullopt;
        qsizetype end = tm->end;
        std::optional<DatePart> d;
        PartOfDay part = PartOfDay::None;
        if (qsizetype next = t.skipSeparator(end); next >= 0) {
            qsizetype wordEnd = 0;
            if (const WordInfo *w = t.wordAt(next, &wordEnd); w && (w->roles & Role::On)) {
                const qsizetype after = t.skipSpaces(wordEnd);
                next = after > wordEnd ? after : -1;
            }
            if (next >= 0)
                d = date(next);
            if (d && !d->takesTime())
                d.reset();
            if (d) {
                end = d->end;
                part = d->part;
                if (part == PartOfDay::None)
                    part = partOfDayAfter(end, &end);
            }
        }
        if (!d && tm->weak && !qualified(pos))
            return std::nullopt;
        return DuePhrase{pos, end, resolve(d ? &*d : nullptr, part, &*tm)};
    }

    // "tomorrow morning": a part of the day right after a date.
    PartOfDay partOfDayAfter(qsizetype end, qsizetype *newEnd) const
    {
        const qsizetype next = t.skipSpaces(end);
        qsizetype wordEnd = 0;
        if (next == end)
            return PartOfDay::None;
        const WordInfo *w = t.wordAt(next, &wordEnd);
        if (!w || w->part == PartOfDay::None || !t.isCleanEnd(wordEnd))
            return PartOfDay::None;
        *newEnd = wordEnd;
        return w->part;
    }

    // "the Monday report", "every friday", "John's monday".
    bool followsDeterminer(qsizetype pos) const
    {
        qsizetype start = 0;
        if (const WordInfo *w = t.wordBefore(pos, &start); w && (w->roles & Role::Determiner))
            return true;
        qsizetype stop = pos;
        while (stop > 0 && t.isSpace(stop - 1))
            --stop;
        const char16_t s = t.at(stop - 1) | 0x20;
        const char16_t apostrophe = t.at(stop - 2);
        return stop < pos && s == u's' && (apostrophe == u'\'' || apostrophe == u'\u2019');
    }

    // "Monday meeting notes".
    bool precedesNoun(qsizetype end) const
    {
        const qsizetype next = t.skipSpaces(end);
        qsizetype wordEnd = 0;
        const WordInfo *w = next > end ? t.wordAt(next, &wordEnd) : nullptr;
        return w && (w->roles & Role::Noun);
    }

    // "by sat", "until 5:30".
    bool qualified(qsizetype pos) const
    {
        qsizetype start = 0;
        const WordInfo *w = t.wordBefore(pos, &start);
        return w && (w->roles & Role::Qualifier);
    }

    // A following word after at least one space.
    const WordInfo *nextWord(qsizetype end, qsizetype *start, qsizetype *wordEnd) const
    {
        const qsizetype next = t.skipSpaces(end);
        if (next == end)
            return nullptr;
        *start = next;
        return t.wordAt(next, wordEnd);
    }

    // -- dates -----------------------------------------------------------

    std::optional<DatePart> date(qsizetype pos) const
    {
        if (t.isDigit(pos))
            return numericDate(pos);
        if (t.isAsciiLetter(pos))
            return wordDate(pos);
        return std::nullopt;
    }

    std::optional<DatePart> finished(DatePart part) const
    {
        if (!part.date.isValid() || !t.isCleanEnd(part.end))
            return std::nullopt;
        return part;
    }

    std::optional<DatePart> wordDate(qsizetype pos) const
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

    std::optional<DatePart> weekdayPart(qsizetype end, const WordInfo &w) const
    {
        DatePart part = dated(end, comingWeekday(w.weekday));
        part.weak = w.abbreviated;
        part.bareWeekday = true;
        return finished(part);
    }

    QDate mondayOfThisWeek() const { return c.today().addDays(1 - c.today().dayOfWeek()); }

    // "friday": the next Friday strictly after today.
    QDate comingWeekday(int weekday) const
    {
        const int ahead = (weekday - c.today().dayOfWeek() + 7) % 7;
        return c.today().addDays(ahead == 0 ? 7 : ahead);
    }

    std::optional<DatePart> dayAfterTomorrow(qsizetype dayPos) const
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

    std::optional<DatePart> thisPhrase(qsizetype end) const
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

    std::optional<DatePart> nextPhrase(qsizetype end) const
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

    std::optional<DatePart> inPhrase(qsizetype end) const
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
    std::optional<DatePart> endOf(qsizetype endPos) const
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

    // "the 28th", "on the 1st", "by 3rd": the next such day of a month from
    // today (today included). Only with its ordinal suffix, and only said as a
    // date: after a word like "on", "by" or "for" (before `phraseStart`), or
    // with nothing but a time, punctuation or the end after it ("Plan the 28th
    // birthday party" stays a title).
    std::optional<DatePart> bareDay(qsizetype numberPos, qsizetype phraseStart) const
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
    bool endsClause(qsizetype end) const
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
    QDate nextOccurrence(int month, int day) const
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
    qsizetype skipOrdinal(qsizetype end) const
    {
        if (!t.isAsciiLetter(end))
            return end;
        qsizetype suffixEnd = 0;
        const WordInfo *suffix = t.wordAt(end, &suffixEnd);
        return suffix && (suffix->roles & Role::Ordinal) ? suffixEnd : -1;
    }

    // ", 2027" or " 2027" after a month and day; the year and its end.
    std::optional<int> yearAfter(qsizetype end, qsizetype *yearEnd) const
    {
        const qsizetype next = t.skipSeparator(end);
        if (next < 0)
            return std::nullopt;
        const auto year = t.digitsAt(next, 4, 4, yearEnd);
        if (!year || *year < firstYear || *year > lastYear || !t.isCleanEnd(*yearEnd))
            return std::nullopt;
        return year;
    }

    std::optional<DatePart> withDayAndYear(int month, int day, qsizetype end) const
    {
        qsizetype yearEnd = 0;
        if (const auto year = yearAfter(end, &yearEnd))
            return finished(dated(yearEnd, QDate(*year, month, day)));
        return finished(dated(end, nextOccurrence(month, day)));
    }

    // "March 3", "Mar. 3rd", "March 3, 2027".
    std::optional<DatePart> monthDay(const WordInfo &month, qsizetype end) const
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
    std::optional<DatePart> dayMonth(qsizetype pos) const
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

    std::optional<DatePart> numericDate(qsizetype pos) const
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
    std::optional<DatePart> isoDate(int year, qsizetype dash) const
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
    std::optional<DatePart> yearFirstSlashDate(int year, qsizetype slash) const
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
    std::optional<DatePart> slashDate(int first, qsizetype slash) const
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

    // -- times -----------------------------------------------------------

    // "am", "pm", "a.m.", "p.m." at `pos`; sets `end` and `pm`.
    bool meridiemAt(qsizetype pos, qsizetype *end, bool *pm) const
    {
        qsizetype wordEnd = 0;
        if (const WordInfo *w = t.wordAt(pos, &wordEnd); w && (w->roles & Role::AmPm)) {
            *end = wordEnd;
            *pm = w->pm;
            return true;
        }
        const char16_t first = t.at(pos) | 0x20;
        if ((first != u'a' && first != u'p') || t.at(pos + 1) != u'.' || (t.at(pos + 2) | 0x20) != u'm')
            return false;
        qsizetype stop = pos + 3;
        if (t.at(stop) == u'.')
            ++stop;
        else if (t.isWordCharAt(stop))
            return false;
        *end = stop;
        *pm = first == u'p';
        return true;
    }

    std::optional<TimePart> time(qsizetype pos) const
    {
        qsizetype end = 0;
        bool hasAt = false;
        if (const WordInfo *w = t.wordAt(pos, &end)) {
            if (w->roles & Role::At) {
                const qsizetype next = t.skipSpaces(end);
                if (next == end)
                    return std::nullopt;
                hasAt = true;
                pos = next;
                w = t.wordAt(pos, &end);
            }
            if (w && (w->roles & (Role::Noon | Role::Midnight)) && t.isCleanEnd(end)) {
                const bool midnight = w->roles & Role::Midnight;
                return TimePart{.end = end, .hour = midnight ? 0 : 12, .midnight = midnight};
            }
        }
        const auto hour = t.digitsAt(pos, 1, 2, &end);
        if (!hour)
            return std::nullopt;
        const bool leadingZero = end - pos == 2 && t.at(pos) == u'0';
        int minute = 0;
        bool colon = false;
        if (t.at(end) == u':' && t.isDigit(end + 1)) {
            const auto minutes = t.digitsAt(end + 1, 2, 2, &end);
            if (!minutes || *minutes > 59)
                return std::nullopt;
            minute = *minutes;
            colon = true;
        }
        qsizetype meridiemEnd = 0;
        bool pm = false;
        if (meridiemAt(end, &meridiemEnd, &pm) || meridiemAt(t.skipSpaces(end), &meridiemEnd, &pm)) {
            if (*hour < 1 || *hour > 12 || !t.isCleanEnd(meridiemEnd))
                return std::nullopt;
            return TimePart{.end = meridiemEnd, .hour = *hour % 12 + (pm ? 12 : 0), .minute = minute};
        }
        if ((!colon && !hasAt) || *hour > 23 || !t.isCleanEnd(end))
            return std::nullopt;
        const bool ambiguous = *hour >= 1 && *hour <= 12 && !leadingZero;
        return TimePart{
            .end = end, .hour = *hour, .minute = minute, .ambiguous = ambiguous, .weak = ambiguous && !hasAt};
    }

    // -- resolution ------------------------------------------------------

    QDateTime local(QDate date, int hour, int minute) const
    {
        return resolveLocalTime(date, QTime(hour, minute), c.zone());
    }

    Due resolve(const DatePart *d, PartOfDay part, const TimePart *tm) const
    {
        if (d && d->instant)
            return Due::at(*d->instant);
        if (d && d->time) {
            if (d->offsetSeconds)
                return Due::at(dateTimeWithOffset(d->date, *d->time, *d->offsetSeconds));
            return Due::at(resolveLocalTime(d->date, *d->time, c.zone()));
        }
        const QDate today = c.today();
        const bool implied = !d;
        const QDate date = implied ? today : d->date;
        if (!tm && part == PartOfDay::None)
            return Due::onDate(date);
        if (tm && tm->midnight)
            return Due::at(local(date.addDays(1), 0, 0));

        int hour = tm ? tm->hour : hourOf(part);
        const int minute = tm ? tm->minute : 0;
        bool ambiguous = tm && tm->ambiguous;
        if (ambiguous && part != PartOfDay::None) {
            if (part != PartOfDay::Morning && hour < 12)
                hour += 12;
            ambiguous = false;
        }
        if (ambiguous && date == today) {
            for (const int candidate : {hour, hour + 12}) {
                if (candidate > 23)
                    break;
                const QDateTime at = local(today, candidate, minute);
                if (at > c.now())
                    return Due::at(at);
            }
            return Due::at(local(implied ? today.addDays(1) : today, hour, minute));
        }
        const QDateTime at = local(date, hour, minute);
        if (implied && at <= c.now())
            return Due::at(local(today.addDays(1), hour, minute));
        return Due::at(at);
    }

    const TextView &t;
    const DueContext &c;
};

int offsetAt(const QTimeZone &zone, qint64 msecs)
{
    return zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc()));
}

} // namespace

DueContext::DueContext(const QDateTime &now, const QTimeZone &zone, const QLocale &locale)
    : m_zone(zone.isValid() ? zone : now.timeZone())
    , m_locale(locale)
{
    if (now.isValid() && m_zone.isValid()) {
        m_now = now.toTimeZone(m_zone);
        m_today = m_now.date();
    }
}

bool DueContext::monthFirst() const
{
    if (!m_monthFirst) {
        const QString format = m_locale.dateFormat(QLocale::ShortFormat);
        const qsizetype month = format.indexOf(u'M');
        const qsizetype day = format.indexOf(u'd');
        m_monthFirst = month >= 0 && (day < 0 || month < day);
    }
    return *m_monthFirst;
}

std::optional<DuePhrase> matchDuePhrase(const TextView &text, qsizetype pos, const DueContext &context)
{
    if (!context.isValid())
        return std::nullopt;
    return Matcher(text, context).match(pos);
}

QDateTime resolveLocalTime(QDate date, QTime time, const QTimeZone &zone)
{
    // The wall-clock reading as if it were UTC; an offset maps it to an instant
    // when the zone really has that offset there.
    const qint64 wall = QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch();
    const int before = offsetAt(zone, wall - 2 * msecsPerDay);
    const int after = offsetAt(zone, wall + 2 * msecsPerDay);
    std::optional<qint64> first;
    for (const int offset : {before, after}) {
        const qint64 instant = wall - qint64(offset) * 1000;
        if (offsetAt(zone, instant) == offset && (!first || instant < *first))
            first = instant;
    }
    return QDateTime::fromMSecsSinceEpoch(first.value_or(wall - qint64(before) * 1000), zone);
}

} // namespace tandem::assistant::detail
