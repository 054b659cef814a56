#pragma once

// The matcher behind matchDuePhrase(), shared by its parts: duephrase.cpp
// (whole phrases and how they resolve), duedates.cpp (dates said in words),
// duecalendar.cpp (calendar dates: month names, day numbers, numeric forms)
// and duetimes.cpp (times of day). Private to core/assistant.

#include "datewords.h"
#include "duephrase.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

#include <optional>

namespace tandem::assistant::detail {

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

inline DatePart dated(qsizetype end, QDate date, PartOfDay part = PartOfDay::None)
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

    std::optional<DuePhrase> match(qsizetype pos) const;

private:
    // duephrase.cpp: phrases and the words around them.
    std::optional<DuePhrase> dateFirst(qsizetype pos) const;
    std::optional<DuePhrase> timeFirst(qsizetype pos) const;
    PartOfDay partOfDayAfter(qsizetype end, qsizetype *newEnd) const;
    bool followsDeterminer(qsizetype pos) const;
    bool precedesNoun(qsizetype end) const;
    bool qualified(qsizetype pos) const;
    const WordInfo *nextWord(qsizetype end, qsizetype *start, qsizetype *wordEnd) const;

    // duedates.cpp: dates in words.
    std::optional<DatePart> date(qsizetype pos) const;
    std::optional<DatePart> finished(DatePart part) const;
    std::optional<DatePart> wordDate(qsizetype pos) const;
    std::optional<DatePart> weekdayPart(qsizetype end, const WordInfo &w) const;
    QDate mondayOfThisWeek() const { return c.today().addDays(1 - c.today().dayOfWeek()); }
    QDate comingWeekday(int weekday) const;
    std::optional<DatePart> dayAfterTomorrow(qsizetype dayPos) const;
    std::optional<DatePart> thisPhrase(qsizetype end) const;
    std::optional<DatePart> nextPhrase(qsizetype end) const;
    std::optional<DatePart> inPhrase(qsizetype end) const;
    std::optional<DatePart> endOf(qsizetype endPos) const;

    // duecalendar.cpp: calendar dates.
    std::optional<DatePart> bareDay(qsizetype numberPos, qsizetype phraseStart) const;
    bool endsClause(qsizetype end) const;
    QDate nextOccurrence(int month, int day) const;
    qsizetype skipOrdinal(qsizetype end) const;
    std::optional<int> yearAfter(qsizetype end, qsizetype *yearEnd) const;
    std::optional<DatePart> withDayAndYear(int month, int day, qsizetype end) const;
    std::optional<DatePart> monthDay(const WordInfo &month, qsizetype end) const;
    std::optional<DatePart> dayMonth(qsizetype pos) const;
    std::optional<DatePart> numericDate(qsizetype pos) const;
    std::optional<DatePart> isoDate(int year, qsizetype dash) const;
    std::optional<DatePart> yearFirstSlashDate(int year, qsizetype slash) const;
    std::optional<DatePart> slashDate(int first, qsizetype slash) const;

    // duetimes.cpp: times of day.
    bool meridiemAt(qsizetype pos, qsizetype *end, bool *pm) const;
    std::optional<TimePart> time(qsizetype pos) const;

    // duephrase.cpp: resolution.
    QDateTime local(QDate date, int hour, int minute) const;
    Due resolve(const DatePart *d, PartOfDay part, const TimePart *tm) const;

    const TextView &t;
    const DueContext &c;
};

} // namespace tandem::assistant::detail
