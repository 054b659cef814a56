#pragma once

#include "domain/due.h"
#include "domain/repeat.h"
#include "domain/result.h"
#include "domain/task.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace tandem::assistant {

struct ParseContext
{
    // The injected clock's "now", at any offset; converted to `timeZone`. An
    // invalid `now` recognises no date or time at all.
    QDateTime now;
    // The user's zone: relative words resolve here. Invalid means `now`'s own offset.
    QTimeZone timeZone;
    // Decides whether "3/4" is March 4 (the short date format writes M before d,
    // as en_US does) or April 3 (d before M: en_GB, de, fr...).
    QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates);
};

// The locale a desktop user's numeric dates read in: the system's, or en_US
// when the system has none (the C/POSIX locale of a bare server).
QLocale userLocale();

struct Span
{
    enum class Kind { Due, Priority, Tag, Repeat };
    qsizetype start = 0; // UTF-16 offsets into the input
    qsizetype length = 0;
    Kind kind = Kind::Due;

    friend bool operator==(const Span &, const Span &) = default;
};

struct DateMatch
{
    Due due;
    qsizetype start = 0;
    qsizetype length = 0;
    bool hasTime = false;
};

struct QuickAdd
{
    QString text; // the input, which the spans index
    // The input minus what was recognised, whitespace collapsed; empty when
    // nothing but a date, a priority and tags was said ("tomorrow #work p1"):
    // then there is no task yet, and the caller asks what it is.
    QString title;
    Due due; // Kind::None when no date or time was given
    std::optional<TaskPriority> priority; // unset when not mentioned
    QStringList tags; // without '#', unique ignoring case, in order
    // How the task repeats (with the context's zone); `due` is then its first occurrence.
    std::optional<RepeatRule> repeat;
    QList<Span> spans; // sorted by start, never overlapping
};

// Turns free text ("Call mom tomorrow at 9 #family p2") into a task: a title,
// a due date or time, a priority and tags, plus the spans it recognised so a
// UI can highlight them. Shared by the assistant, the desktop quick-add line
// and the web page (POST /api/tasks/quick). Pure and deterministic: the same
// text and context always give the same result, from any thread; no regular
// expressions, one pass over the text (about 2 us a message in a release build).
//
// Words are English, matched ignoring case, and only as whole words: a phrase
// starts at the text's start or after a space, an opening bracket or quote,
// ',' or ';', or an emoji, and ends where no letter, digit or glued-on
// punctuation follows ("urgently", "friday's", "3/14/x" and "a#b" are no
// matches). Text in "double", “curly” or 'single' quotes is taken literally
// and never parsed; a single quote only opens after a space or at the start,
// so apostrophes ("don't") are no quotes. With several date/time phrases one
// with a time wins, else the LAST ("Plan the roadmap for next year next monday
// 9am" is due Monday 9:00); the others stay in the title.
//
// Dates (date-only dues unless a time is given):
//  - "today"; "tomorrow", "tmr", "tmrw"; "the day after tomorrow" ("the" optional).
//  - A weekday name ("friday", "fri"): the next one strictly AFTER today (on a
//    Friday, "friday" is a week ahead). "this friday": the Friday of this
//    Monday-to-Sunday week, or the next one when this week's has passed (on a
//    Friday it is today). "next friday": the Friday of next week (on a
//    Monday that is 11 days ahead, on a Saturday 6).
//  - "next week": Monday of next week; "this weekend": this week's Saturday
//    (today on a Sunday); "next weekend": next week's Saturday; "next month":
//    the 1st of next month; "next year": January 1st.
//  - "end of (the) month" / "week" / "year": the last day of this month, this
//    week's Sunday, December 31st ("the end of ..." too).
//  - "in N days/weeks/months/years" with N as digits (up to 999), "a"/"an" or
//    "one".."twelve". Months and years clamp to the month's last day (Jan 31
//    + 1 month = Feb 28/29). "in N hours/minutes" is an instant: now plus the
//    duration, seconds dropped.
//  - Explicit: ISO "2026-03-03", "2026-03-03T14:00" (optional seconds; with
//    "Z" or "+01:00" the time keeps that offset, otherwise it is local);
//    "2026/03/14"; "March 3", "Mar. 3rd", "March 3, 2027", "3 March", "3rd of
//    March", "the 3rd of March"; "3/14" or "14/3" in the locale's order, with
//    an optional "/2027" or "/27" year. Without a year: this year's date if it
//    is today or later, else the next year in which it exists (Feb 29 in 2026
//    is 2028-02-29). Dates that do not exist ("Feb 30", "3/45") are not
//    recognised and stay in the title. A year after a month and day is 1970..2199.
//
// Times (a due with a time is Due::at() with the zone's UTC offset at that
// local time):
//  - "9am", "9 am", "9:30pm", "9:30 p.m."; "12am" is 00:00, "12pm" 12:00.
//  - 24-hour "21:00", "09:30"; "at 9", "at 17", "at 5:30". A bare number is no
//    time ("buy 3 apples"); a bare "5:30" (hour 1..12 without "at", am/pm or a
//    leading zero) only counts next to a date or after "by"/"until"/"before"...
//  - "noon"/"midday" 12:00. "midnight" is the END of the day: 00:00 of the
//    day after the date ("midnight" alone is tonight's; "friday midnight" is
//    Saturday 00:00), whereas "friday 12am" is Friday 00:00.
//  - With a date: "tomorrow at 9", "friday 3pm", "9am on friday", "March 3,
//    14:00". Parts of the day after a date or "this": morning 09:00,
//    afternoon 15:00, evening 19:00, night 20:00 ("tonight" = today 20:00,
//    "this evening" = today 19:00, "tomorrow morning" = tomorrow 09:00). With
//    an explicit time the part of the day only chooses am or pm: "tonight at
//    9" is 21:00, "tomorrow morning at 8" is 08:00.
//  - Without a date: today if that instant is still after `now`, else tomorrow.
//  - An hour 1..12 with no am/pm and no leading zero ("at 9", "at 5:30"): on
//    today's date (implied, or "today"/"this friday" being today) the first of
//    9:00 and 21:00 still ahead of `now`; if neither is, tomorrow 9:00 when the
//    date was implied, today 9:00 when it was given. On any other day the hour
//    as written: "tomorrow at 5" is 05:00.
//  - Daylight saving: a local time the clocks skip (02:30 on a spring-forward
//    day) moves forward by the gap (03:30, the instant 02:30 names at the old
//    offset); a local time that happens twice (fall back) is the first
//    occurrence, at the summer offset. Resolved here, not by Qt, whose
//    handling differs between 6.4 and later versions.
//
// Traps: a bare weekday ("friday", not "this/next friday") is left in the
// title after a determiner ("the Monday report", "every Friday", "a",
// "my"...) or a possessive ("John's Monday"), and, when no time follows,
// before a noun it commonly describes ("Monday meeting notes", "Friday
// standup"). So "Call mom monday" is due Monday while "Update the Monday
// report" is not due at all; "Monday lunch with Ana" is due Monday, a
// documented trade-off. Month names need a day ("May I" is no date);
// weekday abbreviations ("sun", "sat") need "on"/"by"/"due"/"until"/
// "before", a time or a part of the day ("Buy sun cream" keeps "sun").
// "1/2" is January 2 (en_US): a fraction written with a slash reads as a date.
//
// Repeats (the first phrase wins; the due becomes the first occurrence on or
// after the date given, else on or after today, keeping a given time of day):
//  - "daily", "weekly", "fortnightly"/"biweekly" (2 weeks), "monthly",
//    "quarterly" (3 months), "yearly"/"annually"; not after a determiner
//    ("the weekly digest" stays a title).
//  - "every"/"each" + "day", "week", "month", "year"; "other" (interval 2)
//    or a count ("2", "two".."twelve") + units; "weekday" (Mon-Fri),
//    "weekend" (Sat+Sun); weekdays ("every tue and thu", "every mon, wed &
//    fri", "every other friday"); "every 15th (of the month)", "every last
//    day of the month". A weekly rule takes "on <weekdays>", a monthly one
//    "on the 15th" ("every 2 weeks on monday", "monthly on the 1st").
//  - "(on) the 1st of every month", "the last day of each month".
//  - "weekly" with a date given repeats on that date's weekday ("weekly
//    grocery run on saturday").
//
// Priority (the first one mentioned wins; every mention is removed):
//  - "urgent", "!urgent", "p1" -> Urgent; "important", "high priority",
//    "priority high", "!high", "!!!", "p2" -> High; "medium priority",
//    "priority medium", "!medium", "p3" -> Medium; "low priority", "priority
//    low", "!low", "p4" -> Low ("prio" works for "priority", "med" for
//    "medium"). Todoist's p1..p4 map top-down onto Urgent..Low. "p5",
//    "urgently", "mp1" and a "!" or "!!" (punctuation) are no priority.
//
// Tags: "#word" of letters (any script), digits, '_' and '-' (a trailing '-'
// is punctuation) with at least one letter, up to 64 characters, at most 50
// distinct. Not after a letter, digit or URL punctuation ("C#", "email#1",
// "example.com/#top"); "#" alone and "#123" (an issue number) are no tags.
//
// Title: the recognised spans are removed, with the connecting words "on",
// "at", "by" and "due" right before the date phrase and brackets left empty
// around it; whitespace collapses; a lone ',', ';', ':', '.' or dash left at
// either end goes. A title that is one quoted string loses its quotes.
class QuickAddParser final
{
public:
    static QuickAdd parse(QStringView text, const ParseContext &context);
    // The date/time phrase parse() would take from `text`, with the due parse()
    // gives for it (a repeat beside it moves it to its first occurrence), for
    // the assistant's "push X to Monday".
    static std::optional<DateMatch> findDue(QStringView text, const ParseContext &context);
    // All recognised parts (the date phrase, priorities, tags) without building a title.
    static QList<Span> scan(QStringView text, const ParseContext &context);
};

// "due", "priority", "tag".
QString spanKindName(Span::Kind kind);

// {"text", "title", "due" (ISO text or null), "priority" (only when set), "tags",
//  "spans": [{"start", "length", "kind", "text"}]} for POST /api/tasks/quick.
QJsonObject quickAddToJson(const QuickAdd &parsed);

// The task a quick-add line describes, for every surface that adds one (the
// desktop's add line, POST /api/tasks/quick, the assistant). A validation
// error on "title" when only a date, a priority or tags were said.
Result<TaskDraft> taskDraftFromQuickAdd(const QuickAdd &parsed);

} // namespace tandem::assistant
