#include "duematcher.h"

// Times of day: "at 9", "5:30pm", "14:00", "9 a.m.", "noon", "midnight".

namespace tandem::assistant::detail {

// "am", "pm", "a.m.", "p.m." at `pos`; sets `end` and `pm`.
bool Matcher::meridiemAt(qsizetype pos, qsizetype *end, bool *pm) const
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

std::optional<TimePart> Matcher::time(qsizetype pos) const
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
    return TimePart{.end = end, .hour = *hour, .minute = minute, .ambiguous = ambiguous, .weak = ambiguous && !hasAt};
}

} // namespace tandem::assistant::detail
