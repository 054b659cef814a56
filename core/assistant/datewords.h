#pragma once

// The quick-add parser's lexicon and the character-level reading it is built
// on. Internal to core/assistant: nothing outside it includes this header.

#include <QStringView>

#include <cstdint>
#include <optional>
#include <string_view>

namespace tandem::assistant::detail {

enum class Unit : std::uint8_t { None, Minute, Hour, Day, Week, Month, Year };
enum class PartOfDay : std::uint8_t { None, Morning, Afternoon, Evening, Night };
// Priority words and markers, as TaskPriority values (1 Low .. 4 Urgent).
enum class Level : std::uint8_t { None, Low, Medium, High, Urgent };

// The roles a word can play. One word may play several: "a" is a number and a
// determiner, "week" a unit and the noun of "next week".
namespace Role {
enum : std::uint32_t {
    Today = 1u << 0,
    Tomorrow = 1u << 1,
    Tonight = 1u << 2,
    The = 1u << 3,
    Day = 1u << 4,
    After = 1u << 5,
    This = 1u << 6,
    Next = 1u << 7,
    In = 1u << 8,
    End = 1u << 9,
    Of = 1u << 10,
    Week = 1u << 11,
    Weekend = 1u << 12,
    Month = 1u << 13,
    Year = 1u << 14,
    Noon = 1u << 15,
    Midnight = 1u << 16,
    At = 1u << 17,
    On = 1u << 18,
    // Words that may stand before a due phrase and go with it from the title:
    // "on", "at", "by", "due".
    Connector = 1u << 19,
    // Words that qualify a weak phrase ("by sat", "until 5:30"): the connectors and "until", "till", "before".
    Qualifier = 1u << 20,
    AmPm = 1u << 21,
    Ordinal = 1u << 22,
    // A priority word that is a priority wherever it stands ("urgent", "asap"):
    // domain/vocabulary.h's standsAlone.
    PriorityAlone = 1u << 23,
    // Words that may stand before a priority and go with it from the title:
    // "with", "as", "a", "an" ("with low priority", "as a high priority").
    PriorityLead = 1u << 24,
    Priority = 1u << 25,
    // "the Monday report", "every Friday": the weekday names a kind of thing, not a day.
    Determiner = 1u << 26,
    // "Monday meeting notes": nouns a bare weekday commonly describes.
    Noun = 1u << 27,
    Yesterday = 1u << 28,
    // "for": qualifies a bare day of the month ("for the 28th").
    For = 1u << 29,
};
} // namespace Role

struct WordInfo
{
    std::string_view text; // lower case ASCII
    std::uint32_t roles = 0;
    std::uint8_t weekday = 0; // 1 Monday .. 7 Sunday
    std::uint8_t month = 0; // 1 .. 12
    std::uint8_t number = 0; // "a", "one" .. "twelve"
    bool abbreviated = false; // "fri", "sept": a weekday abbreviation is weak ("sun cream")
    bool pm = false; // for Role::AmPm
    Unit unit = Unit::None;
    PartOfDay part = PartOfDay::None;
    Level level = Level::None;
};

// The word's entry, or null. `word` is matched ignoring ASCII case.
const WordInfo *lookupWord(QStringView word);

// Read-only character access with the parser's notion of boundaries. Every
// position is a UTF-16 index; surrogate pairs are read as one code point.
class TextView
{
public:
    explicit TextView(QStringView text)
        : m_text(text)
    { }

    QStringView text() const { return m_text; }
    qsizetype size() const { return m_text.size(); }
    // The UTF-16 unit at `pos`, or 0 past the end.
    char16_t at(qsizetype pos) const { return pos >= 0 && pos < m_text.size() ? m_text[pos].unicode() : 0; }
    bool isDigit(qsizetype pos) const
    {
        const char16_t c = at(pos);
        return c >= u'0' && c <= u'9';
    }
    bool isAsciiLetter(qsizetype pos) const
    {
        const char16_t c = at(pos) | 0x20;
        return c >= u'a' && c <= u'z';
    }
    bool isSpace(qsizetype pos) const;
    // The code point at `pos` (a surrogate pair read whole; a lone surrogate as itself).
    char32_t codePointAt(qsizetype pos) const;
    // A letter, a number, a combining mark or '_' at `pos` / just before `pos`.
    bool isWordCharAt(qsizetype pos) const;
    bool isWordCharBefore(qsizetype pos) const;
    bool isLetterAt(qsizetype pos) const;

    // Whether a phrase, tag or marker may start at `pos`: the text starts
    // there, or the character before is a space, an opening bracket or quote,
    // ',' or ';', an emoji or other symbol, or an invisible format character.
    // Never inside a word, a number, a URL ("/#x") or an address ("a@b").
    bool isStart(qsizetype pos) const;
    // Whether a phrase may end at `pos`: the text ends there, or a space or
    // punctuation follows that does not glue on more text ("friday's",
    // "3/14/x", "2026-03-03-01", "tomorrow.then").
    bool isCleanEnd(qsizetype pos) const;

    qsizetype skipSpaces(qsizetype pos) const;
    // Spaces with at most one ',' among them; the position of what follows, or
    // -1 when nothing separates `pos` from it.
    qsizetype skipSeparator(qsizetype pos) const;

    // The known word made of the ASCII letters at `pos`, when no letter or
    // digit is glued to its end ("fridays", "at9" and "tomorrowé" are no words).
    const WordInfo *wordAt(qsizetype pos, qsizetype *end) const;
    // The known word that ends just before `pos` (spaces skipped), and its start.
    const WordInfo *wordBefore(qsizetype pos, qsizetype *start) const;
    // A run of `minDigits`..`maxDigits` ASCII digits at `pos` followed by no
    // further digit.
    std::optional<int> digitsAt(qsizetype pos, int minDigits, int maxDigits, qsizetype *end) const;

private:
    QStringView m_text;
};

} // namespace tandem::assistant::detail
