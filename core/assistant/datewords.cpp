#include "datewords.h"

#include "domain/vocabulary.h"

#include <QChar>

#include <algorithm>
#include <vector>

namespace tandem::assistant::detail {

namespace {

constexpr std::uint32_t connector = Role::Connector | Role::Qualifier;

WordInfo weekday(std::string_view text, int day, bool abbreviated)
{
    return {.text = text, .weekday = std::uint8_t(day), .abbreviated = abbreviated};
}

WordInfo month(std::string_view text, int number, bool abbreviated = false)
{
    return {.text = text, .month = std::uint8_t(number), .abbreviated = abbreviated};
}

WordInfo numberWord(std::string_view text, int value, std::uint32_t roles = 0)
{
    return {.text = text, .roles = roles, .number = std::uint8_t(value)};
}

WordInfo unit(std::string_view text, Unit value, std::uint32_t roles = 0)
{
    return {.text = text, .roles = roles, .unit = value};
}

WordInfo part(std::string_view text, PartOfDay value)
{
    return {.text = text, .part = value};
}

WordInfo level(std::string_view text, Level value, std::uint32_t roles = 0)
{
    return {.text = text, .roles = roles, .level = value};
}

WordInfo plain(std::string_view text, std::uint32_t roles)
{
    return {.text = text, .roles = roles};
}

using Table = std::vector<WordInfo>;

Table buildTable()
{
    Table table{
        weekday("monday", 1, false),
        weekday("mon", 1, true),
        weekday("tuesday", 2, false),
        weekday("tue", 2, true),
        weekday("tues", 2, true),
        weekday("wednesday", 3, false),
        weekday("wed", 3, true),
        weekday("weds", 3, true),
        weekday("thursday", 4, false),
        weekday("thu", 4, true),
        weekday("thur", 4, true),
        weekday("thurs", 4, true),
        weekday("friday", 5, false),
        weekday("fri", 5, true),
        weekday("saturday", 6, false),
        weekday("sat", 6, true),
        weekday("sunday", 7, false),
        weekday("sun", 7, true),

        month("january", 1),
        month("jan", 1, true),
        month("february", 2),
        month("feb", 2, true),
        month("march", 3),
        month("mar", 3, true),
        month("april", 4),
        month("apr", 4, true),
        month("may", 5),
        month("june", 6),
        month("jun", 6, true),
        month("july", 7),
        month("jul", 7, true),
        month("august", 8),
        month("aug", 8, true),
        month("september", 9),
        month("sep", 9, true),
        month("sept", 9, true),
        month("october", 10),
        month("oct", 10, true),
        month("november", 11),
        month("nov", 11, true),
        month("december", 12),
        month("dec", 12, true),

        numberWord("a", 1, Role::Determiner | Role::PriorityLead),
        numberWord("an", 1, Role::Determiner | Role::PriorityLead),
        numberWord("one", 1),
        numberWord("two", 2),
        numberWord("three", 3),
        numberWord("four", 4),
        numberWord("five", 5),
        numberWord("six", 6),
        numberWord("seven", 7),
        numberWord("eight", 8),
        numberWord("nine", 9),
        numberWord("ten", 10),
        numberWord("eleven", 11),
        numberWord("twelve", 12),

        unit("minute", Unit::Minute),
        unit("minutes", Unit::Minute),
        unit("min", Unit::Minute),
        unit("mins", Unit::Minute),
        unit("hour", Unit::Hour),
        unit("hours", Unit::Hour),
        unit("hr", Unit::Hour),
        unit("hrs", Unit::Hour),
        unit("day", Unit::Day, Role::Day),
        unit("days", Unit::Day),
        unit("week", Unit::Week, Role::Week),
        unit("weeks", Unit::Week),
        unit("month", Unit::Month, Role::Month),
        unit("months", Unit::Month),
        unit("year", Unit::Year, Role::Year),
        unit("years", Unit::Year),

        part("morning", PartOfDay::Morning),
        part("afternoon", PartOfDay::Afternoon),
        part("evening", PartOfDay::Evening),
        part("night", PartOfDay::Night),

        plain("today", Role::Today),
        plain("tomorrow", Role::Tomorrow),
        plain("tmr", Role::Tomorrow),
        plain("tmrw", Role::Tomorrow),
        plain("tonight", Role::Tonight),
        plain("the", Role::The | Role::Determiner),
        plain("after", Role::After),
        plain("this", Role::This),
        plain("next", Role::Next),
        plain("in", Role::In),
        plain("end", Role::End),
        plain("of", Role::Of),
        plain("weekend", Role::Weekend),
        plain("noon", Role::Noon),
        plain("midday", Role::Noon),
        plain("midnight", Role::Midnight),
        plain("at", Role::At | connector),
        plain("on", Role::On | connector),
        plain("by", connector),
        plain("due", connector),
        plain("until", Role::Qualifier),
        plain("till", Role::Qualifier),
        plain("before", Role::Qualifier),
        {.text = "am", .roles = Role::AmPm, .pm = false},
        {.text = "pm", .roles = Role::AmPm, .pm = true},
        plain("st", Role::Ordinal),
        plain("nd", Role::Ordinal),
        plain("rd", Role::Ordinal),
        plain("th", Role::Ordinal),

        plain("priority", Role::Priority),
        plain("prio", Role::Priority),
        plain("with", Role::PriorityLead),
        plain("as", Role::PriorityLead),
        plain("yesterday", Role::Yesterday),
        plain("eod", Role::Today),
        plain("for", Role::For | connector),

        plain("every", Role::Determiner),
        plain("each", Role::Determiner),
        plain("last", Role::Determiner),
        plain("that", Role::Determiner),
        plain("my", Role::Determiner),
        plain("our", Role::Determiner),
        plain("your", Role::Determiner),
        plain("his", Role::Determiner),
        plain("her", Role::Determiner),
        plain("their", Role::Determiner),
        plain("its", Role::Determiner),

        plain("meeting", Role::Noun),
        plain("meetings", Role::Noun),
        plain("report", Role::Noun),
        plain("reports", Role::Noun),
        plain("notes", Role::Noun),
        plain("standup", Role::Noun),
        plain("review", Role::Noun),
        plain("sync", Role::Noun),
        plain("briefing", Role::Noun),
        plain("newsletter", Role::Noun),
        plain("digest", Role::Noun),
        plain("recap", Role::Noun),
        plain("retro", Role::Noun),
        plain("planning", Role::Noun),
        plain("update", Role::Noun),
        plain("shift", Role::Noun),
        plain("deadline", Role::Noun),
        plain("schedule", Role::Noun),
    };
    // The one-word priority terms of the shared vocabulary ("urgent", "asap", "high", "med"...);
    // "none"/"no" are left out: saying no priority is what a new task has anyway.
    for (const PriorityTerm &term : priorityTerms()) {
        if (term.phrase.find(' ') != std::string_view::npos || term.priority == TaskPriority::None)
            continue;
        table.push_back(
            level(term.phrase, Level(int(term.priority)), term.standsAlone ? std::uint32_t(Role::PriorityAlone) : 0u));
    }
    std::sort(table.begin(), table.end(), [](const WordInfo &a, const WordInfo &b) { return a.text < b.text; });
    return table;
}

// Longer than every word in the table: such a word is not looked up at all.
constexpr qsizetype maxWordLength = 12;

bool isWordCodePoint(char32_t c)
{
    return c == U'_' || QChar::isLetterOrNumber(c) || QChar::isMark(c);
}

char32_t readCodePoint(QStringView text, qsizetype pos)
{
    const char16_t c = text[pos].unicode();
    if (QChar::isHighSurrogate(c) && pos + 1 < text.size() && QChar::isLowSurrogate(text[pos + 1].unicode()))
        return QChar::surrogateToUcs4(c, text[pos + 1].unicode());
    return c;
}

char32_t readCodePointBefore(QStringView text, qsizetype pos)
{
    const char16_t c = text[pos - 1].unicode();
    if (QChar::isLowSurrogate(c) && pos >= 2 && QChar::isHighSurrogate(text[pos - 2].unicode()))
        return QChar::surrogateToUcs4(text[pos - 2].unicode(), c);
    return c;
}

bool isApostrophe(char16_t c)
{
    return c == u'\'' || c == u'\u2019';
}

} // namespace

const WordInfo *lookupWord(QStringView word)
{
    if (word.isEmpty() || word.size() > maxWordLength)
        return nullptr;
    char lower[maxWordLength];
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = word[i].unicode();
        if (c >= u'A' && c <= u'Z')
            lower[i] = char(c - u'A' + 'a');
        else if (c >= u'a' && c <= u'z')
            lower[i] = char(c);
        else
            return nullptr;
    }
    const std::string_view key(lower, std::size_t(word.size()));
    static const Table table = buildTable();
    const auto it = std::lower_bound(table.begin(), table.end(), key,
                                     [](const WordInfo &entry, std::string_view k) { return entry.text < k; });
    return it != table.end() && it->text == key ? &*it : nullptr;
}

char32_t TextView::codePointAt(qsizetype pos) const
{
    return pos >= 0 && pos < m_text.size() ? readCodePoint(m_text, pos) : 0;
}

bool TextView::isSpace(qsizetype pos) const
{
    return pos >= 0 && pos < m_text.size() && m_text[pos].isSpace();
}

bool TextView::isWordCharAt(qsizetype pos) const
{
    return pos >= 0 && pos < m_text.size() && isWordCodePoint(readCodePoint(m_text, pos));
}

bool TextView::isWordCharBefore(qsizetype pos) const
{
    return pos > 0 && pos <= m_text.size() && isWordCodePoint(readCodePointBefore(m_text, pos));
}

bool TextView::isLetterAt(qsizetype pos) const
{
    return pos >= 0 && pos < m_text.size() && QChar::isLetter(readCodePoint(m_text, pos));
}

bool TextView::isStart(qsizetype pos) const
{
    if (pos <= 0)
        return true;
    const char32_t before = readCodePointBefore(m_text, pos);
    if (QChar::isSpace(before))
        return true;
    switch (before) {
    case U'(':
    case U'[':
    case U'{':
    case U'"':
    case U'\'':
    case U',':
    case U';':
        return true;
    default:
        break;
    }
    switch (QChar::category(before)) {
    case QChar::Punctuation_Open:
    case QChar::Punctuation_InitialQuote:
    case QChar::Symbol_Other:
    case QChar::Other_Format:
        return true;
    default:
        return false;
    }
}

bool TextView::isCleanEnd(qsizetype pos) const
{
    if (pos >= m_text.size())
        return true;
    const char16_t c = m_text[pos].unicode();
    if (QChar::isSpace(c))
        return true;
    if (isWordCharAt(pos))
        return false;
    if (isApostrophe(c))
        return !isLetterAt(pos + 1);
    switch (c) {
    case u'/':
    case u'-':
    case u':':
    case u'.':
    case u',':
    case u'@':
    case u'#':
    case u'+':
    case u'&':
        return !isWordCharAt(pos + 1);
    default:
        return true;
    }
}

qsizetype TextView::skipSpaces(qsizetype pos) const
{
    while (pos < m_text.size() && m_text[pos].isSpace())
        ++pos;
    return pos;
}

qsizetype TextView::skipSeparator(qsizetype pos) const
{
    qsizetype next = skipSpaces(pos);
    if (at(next) == u',')
        next = skipSpaces(next + 1);
    return next == pos ? -1 : next;
}

const WordInfo *TextView::wordAt(qsizetype pos, qsizetype *end) const
{
    qsizetype stop = pos;
    while (isAsciiLetter(stop))
        ++stop;
    if (stop == pos || isWordCharAt(stop))
        return nullptr;
    const WordInfo *info = lookupWord(m_text.sliced(pos, stop - pos));
    if (info)
        *end = stop;
    return info;
}

const WordInfo *TextView::wordBefore(qsizetype pos, qsizetype *start) const
{
    qsizetype stop = pos;
    while (stop > 0 && m_text[stop - 1].isSpace())
        --stop;
    qsizetype begin = stop;
    while (begin > 0 && isAsciiLetter(begin - 1))
        --begin;
    if (begin == stop || isWordCharBefore(begin))
        return nullptr;
    const WordInfo *info = lookupWord(m_text.sliced(begin, stop - begin));
    if (info)
        *start = begin;
    return info;
}

std::optional<int> TextView::digitsAt(qsizetype pos, int minDigits, int maxDigits, qsizetype *end) const
{
    int value = 0;
    int count = 0;
    while (isDigit(pos + count)) {
        if (++count > maxDigits)
            return std::nullopt;
        value = value * 10 + (at(pos + count - 1) - u'0');
    }
    if (count < minDigits)
        return std::nullopt;
    *end = pos + count;
    return value;
}

} // namespace tandem::assistant::detail
