#include "duephrase.h"

#include "domain/isotime.h"
#include "duematcher.h"

namespace tandem::assistant::detail {

namespace {

constexpr qint64 msecsPerDay = 24 * 3600 * 1000;

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

int offsetAt(const QTimeZone &zone, qint64 msecs)
{
    return zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc()));
}

} // namespace

std::optional<DuePhrase> Matcher::match(qsizetype pos) const
{
    // A phrase whose due cannot be represented is no phrase.
    auto phrase = dateFirst(pos);
    if (!phrase || phrase->due.isNone())
        phrase = timeFirst(pos);
    if (!phrase || phrase->due.isNone())
        return std::nullopt;
    return phrase;
}

// -- phrases ---------------------------------------------------------

std::optional<DuePhrase> Matcher::dateFirst(qsizetype pos) const
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

std::optional<DuePhrase> Matcher::timeFirst(qsizetype pos) const
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
PartOfDay Matcher::partOfDayAfter(qsizetype end, qsizetype *newEnd) const
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
bool Matcher::followsDeterminer(qsizetype pos) const
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
bool Matcher::precedesNoun(qsizetype end) const
{
    const qsizetype next = t.skipSpaces(end);
    qsizetype wordEnd = 0;
    const WordInfo *w = next > end ? t.wordAt(next, &wordEnd) : nullptr;
    return w && (w->roles & Role::Noun);
}

// "by sat", "until 5:30".
bool Matcher::qualified(qsizetype pos) const
{
    qsizetype start = 0;
    const WordInfo *w = t.wordBefore(pos, &start);
    return w && (w->roles & Role::Qualifier);
}

// A following word after at least one space.
const WordInfo *Matcher::nextWord(qsizetype end, qsizetype *start, qsizetype *wordEnd) const
{
    const qsizetype next = t.skipSpaces(end);
    if (next == end)
        return nullptr;
    *start = next;
    return t.wordAt(next, wordEnd);
}

// -- resolution ------------------------------------------------------

QDateTime Matcher::local(QDate date, int hour, int minute) const
{
    return resolveLocalTime(date, QTime(hour, minute), c.zone());
}

Due Matcher::resolve(const DatePart *d, PartOfDay part, const TimePart *tm) const
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
