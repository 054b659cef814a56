#include "repeatphrase.h"

#include "duephrase.h"
#include "text.h"

#include <QTimeZone>

#include <array>

namespace tandem::assistant::detail {

namespace {

struct Token
{
    QString word; // lower case
    qsizetype start = 0;
    qsizetype end = 0;
};

constexpr quint8 workWeek = 0b0011'1110;
constexpr quint8 weekend = 0b1100'0000;

// A run of ASCII letters and digits at `pos` that no other word character continues.
std::optional<Token> tokenAt(const TextView &t, qsizetype pos)
{
    qsizetype end = pos;
    while (end < t.size() && (t.isAsciiLetter(end) || t.isDigit(end)))
        ++end;
    if (end == pos || t.isWordCharAt(end))
        return std::nullopt;
    return Token{t.text().sliced(pos, end - pos).toString().toLower(), pos, end};
}

// The word after `end`, past spaces; in a list also past one ',' or '&'.
std::optional<Token> tokenAfter(const TextView &t, qsizetype end, bool inList = false)
{
    qsizetype pos = t.skipSpaces(end);
    if (inList && (t.at(pos) == u',' || t.at(pos) == u'&'))
        pos = t.skipSpaces(pos + 1);
    if (pos == end)
        return std::nullopt;
    return tokenAt(t, pos);
}

int weekdayOf(const QString &word)
{
    static const std::array<std::pair<const char16_t *, int>, 25> names{{
        {u"monday", 1},     {u"mon", 1},       {u"mondays", 1},   {u"tuesday", 2}, {u"tue", 2},
        {u"tues", 2},       {u"tuesdays", 2},  {u"wednesday", 3}, {u"wed", 3},     {u"weds", 3},
        {u"wednesdays", 3}, {u"thursday", 4},  {u"thu", 4},       {u"thur", 4},    {u"thurs", 4},
        {u"thursdays", 4},  {u"friday", 5},    {u"fri", 5},       {u"fridays", 5}, {u"saturday", 6},
        {u"sat", 6},        {u"saturdays", 6}, {u"sunday", 7},    {u"sun", 7},     {u"sundays", 7},
    }};
    for (const auto &[name, day] : names) {
        if (word == QStringView(name))
            return day;
    }
    return 0;
}

std::optional<RepeatUnit> unitOf(const QString &word)
{
    const QString singular = word.endsWith(u's') ? word.chopped(1) : word;
    return repeatUnitFromName(singular);
}

// "2", "10", "two" .. "twelve": a count of units; 0 when none.
int countOf(const QString &word)
{
    bool digits = false;
    const int number = word.toInt(&digits);
    if (digits)
        return number >= 1 && number <= 999 ? number : 0;
    static const std::array<const char16_t *, 11> words{u"two",   u"three", u"four", u"five",   u"six",   u"seven",
                                                        u"eight", u"nine",  u"ten",  u"eleven", u"twelve"};
    for (qsizetype i = 0; i < qsizetype(words.size()); ++i) {
        if (word == QStringView(words[i]))
            return int(i) + 2;
    }
    return 0;
}

// "1st", "15th", "first", "third": a day of the month; 0 when none.
int ordinalDayOf(const QString &word)
{
    const bool suffixed = word.endsWith(u"st") || word.endsWith(u"nd") || word.endsWith(u"rd") || word.endsWith(u"th");
    if (!suffixed || word.size() < 3)
        return 0;
    bool digits = false;
    const int number = word.chopped(2).toInt(&digits);
    if (digits)
        return number >= 1 && number <= RepeatLimits::MaxMonthDay ? number : 0;
    const int spelled = ordinalOrNumber(word);
    return spelled >= 1 && spelled <= RepeatLimits::MaxMonthDay ? spelled : 0;
}

bool isDeterminer(const QString &word)
{
    for (const QStringView d : {u"the", u"a", u"an", u"my", u"our", u"your", u"his", u"her", u"their", u"this", u"that",
                                u"these", u"those", u"its"}) {
        if (word == d)
            return true;
    }
    return false;
}

// The word just before `pos` (spaces skipped), lower case; empty when none.
QString wordBefore(const TextView &t, qsizetype pos)
{
    qsizetype end = pos;
    while (end > 0 && t.isSpace(end - 1))
        --end;
    qsizetype start = end;
    while (start > 0 && (t.isAsciiLetter(start - 1) || t.isDigit(start - 1)))
        --start;
    return t.text().sliced(start, end - start).toString().toLower();
}

// A list of weekdays from `first` on: "mon", "monday and friday", "tue, thu & sat".
quint8 weekdayList(const TextView &t, const Token &first, qsizetype *end)
{
    quint8 mask = quint8(1u << weekdayOf(first.word));
    *end = first.end;
    for (;;) {
        auto next = tokenAfter(t, *end, true);
        if (next && (next->word == u"and" || next->word == u"or"))
            next = tokenAfter(t, next->end);
        if (!next || weekdayOf(next->word) == 0)
            return mask;
        mask = quint8(mask | (1u << weekdayOf(next->word)));
        *end = next->end;
    }
}

// "of the month", "of every month", "of each month" after a day of the month.
qsizetype ofTheMonth(const TextView &t, qsizetype end, bool needEvery)
{
    const auto of = tokenAfter(t, end);
    if (!of || of->word != u"of")
        return -1;
    const auto which = tokenAfter(t, of->end);
    if (!which || !(which->word == u"every" || which->word == u"each" || (!needEvery && which->word == u"the")))
        return -1;
    const auto month = tokenAfter(t, which->end);
    if (!month || month->word != u"month")
        return -1;
    return month->end;
}

// "on monday and thursday" after a weekly rule, "on the 15th" after a monthly one.
qsizetype onExtension(const TextView &t, RepeatRule &rule, qsizetype end)
{
    const auto on = tokenAfter(t, end);
    if (!on || on->word != u"on")
        return end;
    auto next = tokenAfter(t, on->end);
    if (!next)
        return end;
    if (rule.unit == RepeatUnit::Week && weekdayOf(next->word) != 0) {
        qsizetype listEnd = end;
        rule.weekdays = weekdayList(t, *next, &listEnd);
        return listEnd;
    }
    if (rule.unit == RepeatUnit::Month) {
        if (next->word == u"the")
            next = tokenAfter(t, next->end);
        if (next && ordinalDayOf(next->word) != 0) {
            rule.monthDay = ordinalDayOf(next->word);
            return next->end;
        }
    }
    return end;
}

// What follows "every"/"each" at `after`.
std::optional<RepeatPhrase> afterEvery(const TextView &t, qsizetype start, qsizetype after)
{
    const auto w = tokenAfter(t, after);
    if (!w)
        return std::nullopt;
    RepeatPhrase phrase{start, w->end, RepeatRule()};
    RepeatRule &rule = phrase.rule;
    if (w->word == u"weekday" || w->word == u"weekdays" || w->word == u"weekend" || w->word == u"weekends") {
        rule = RepeatRule::every(RepeatUnit::Week);
        rule.weekdays = w->word.startsWith(u"weekday") ? workWeek : weekend;
        return phrase;
    }
    if (weekdayOf(w->word) != 0) {
        rule = RepeatRule::every(RepeatUnit::Week);
        rule.weekdays = weekdayList(t, *w, &phrase.end);
        return phrase;
    }
    if (const int day = ordinalDayOf(w->word)) {
        rule = RepeatRule::every(RepeatUnit::Month);
        rule.monthDay = day;
        if (const qsizetype end = ofTheMonth(t, w->end, false); end >= 0)
            phrase.end = end;
        return phrase;
    }
    if (w->word == u"last") {
        const auto day = tokenAfter(t, w->end);
        const qsizetype end = day && day->word == u"day" ? ofTheMonth(t, day->end, false) : -1;
        if (end < 0)
            return std::nullopt;
        rule = RepeatRule::every(RepeatUnit::Month);
        rule.monthDay = RepeatLimits::MaxMonthDay;
        phrase.end = end;
        return phrase;
    }
    int interval = 1;
    auto unitWord = w;
    if (w->word == u"other") {
        interval = 2;
        unitWord = tokenAfter(t, w->end);
        if (unitWord && weekdayOf(unitWord->word) != 0) {
            rule = RepeatRule::every(RepeatUnit::Week, 2);
            rule.weekdays = weekdayList(t, *unitWord, &phrase.end);
            return phrase;
        }
    } else if (const int count = countOf(w->word)) {
        interval = count;
        unitWord = tokenAfter(t, w->end);
    }
    const auto unit = unitWord ? unitOf(unitWord->word) : std::nullopt;
    // "every 2 week" reads fine; "every days" does not.
    if (!unit || (interval == 1 && unitWord->word.endsWith(u's')) || interval > RepeatLimits::maxInterval(*unit))
        return std::nullopt;
    rule = RepeatRule::every(*unit, interval);
    phrase.end = onExtension(t, rule, unitWord->end);
    return phrase;
}

std::optional<RepeatRule> adverbRule(const QString &word)
{
    if (word == u"daily")
        return RepeatRule::every(RepeatUnit::Day);
    if (word == u"weekly")
        return RepeatRule::every(RepeatUnit::Week);
    if (word == u"fortnightly" || word == u"biweekly")
        return RepeatRule::every(RepeatUnit::Week, 2);
    if (word == u"monthly")
        return RepeatRule::every(RepeatUnit::Month);
    if (word == u"quarterly")
        return RepeatRule::every(RepeatUnit::Month, 3);
    if (word == u"yearly" || word == u"annually")
        return RepeatRule::every(RepeatUnit::Year);
    return std::nullopt;
}

std::optional<RepeatPhrase> matchAt(const TextView &t, qsizetype pos)
{
    const auto first = tokenAt(t, pos);
    if (!first)
        return std::nullopt;
    if (first->word == u"every" || first->word == u"each")
        return afterEvery(t, pos, first->end);
    if (auto rule = adverbRule(first->word)) {
        if (isDeterminer(wordBefore(t, pos)))
            return std::nullopt;
        RepeatPhrase phrase{pos, first->end, *rule};
        phrase.end = onExtension(t, phrase.rule, first->end);
        return phrase;
    }
    // "(on) the 1st of every month", "the last day of each month".
    auto day = first;
    if (day->word == u"on")
        day = tokenAfter(t, day->end);
    if (day && day->word == u"the")
        day = tokenAfter(t, day->end);
    if (!day)
        return std::nullopt;
    int monthDay = ordinalDayOf(day->word);
    qsizetype end = -1;
    if (monthDay != 0) {
        end = ofTheMonth(t, day->end, true);
    } else if (day->word == u"last") {
        const auto dayWord = tokenAfter(t, day->end);
        if (dayWord && dayWord->word == u"day")
            end = ofTheMonth(t, dayWord->end, true);
        monthDay = RepeatLimits::MaxMonthDay;
    }
    if (end < 0)
        return std::nullopt;
    RepeatRule rule = RepeatRule::every(RepeatUnit::Month);
    rule.monthDay = monthDay;
    return RepeatPhrase{pos, end, rule};
}

} // namespace

std::optional<RepeatPhrase> matchRepeatPhrase(const TextView &text, qsizetype pos)
{
    auto phrase = matchAt(text, pos);
    if (!phrase || !text.isCleanEnd(phrase->end))
        return std::nullopt;
    return phrase;
}

void applyRepeat(QuickAdd &parsed, RepeatRule rule, bool dueGiven, const ParseContext &context)
{
    const QTimeZone zone = context.timeZone.isValid() ? context.timeZone : context.now.timeZone();
    if (context.timeZone.isValid() && QTimeZone::isTimeZoneIdAvailable(context.timeZone.id()))
        rule.timeZone = context.timeZone.id();
    const Due given = dueGiven ? parsed.due : Due();
    QDate base = context.now.toTimeZone(zone).date();
    if (given.hasTime())
        base = given.dateTime().toTimeZone(zone).date();
    else if (!given.isNone())
        base = given.date();
    if (rule.unit == RepeatUnit::Week && rule.weekdays == 0 && !given.isNone())
        rule.addWeekday(base.dayOfWeek());
    const QDate first = firstRepeatDate(base, rule);
    if (given.hasTime())
        parsed.due = Due::at(resolveLocalTime(first, given.dateTime().toTimeZone(zone).time(), zone));
    else
        parsed.due = Due::onDate(first);
    parsed.repeat = rule;
}

} // namespace tandem::assistant::detail
