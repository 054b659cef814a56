#include "quickadd.h"

#include "datewords.h"
#include "domain/json.h"
#include "domain/vocabulary.h"
#include "duephrase.h"
#include "repeatphrase.h"

#include <QJsonArray>
#include <QVarLengthArray>

#include <algorithm>

namespace tandem::assistant {

using detail::DueContext;
using detail::DuePhrase;
using detail::Level;
using detail::TextView;
using detail::WordInfo;
namespace Role = detail::Role;

namespace {

struct Range
{
    qsizetype start = 0;
    qsizetype end = 0;
};

using Ranges = QVarLengthArray<Range, 8>;

bool isDoubleQuote(char16_t c)
{
    return c == u'"' || c == u'\u201C' || c == u'\u201D' || c == u'\u201E';
}

// Quoted text: pairs of double quotes, then single quotes outside them that
// open at a word start and close before a word end (so "don't" and "Mom's"
// open nothing). Sorted and disjoint; an unclosed quote quotes nothing.
Ranges quotedRegions(const TextView &t)
{
    Ranges regions;
    qsizetype open = -1;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (!isDoubleQuote(t.at(i)))
            continue;
        if (open < 0) {
            open = i;
        } else {
            regions.append({open, i + 1});
            open = -1;
        }
    }
    const qsizetype doubles = regions.size();
    qsizetype next = 0; // the next double-quoted region
    open = -1;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (next < doubles && i == regions[next].start) {
            i = regions[next++].end - 1;
            continue;
        }
        const char16_t c = t.at(i);
        if (open >= 0 && (c == u'\'' || c == u'\u2019') && i > open + 1 && !t.isSpace(i - 1)
            && !t.isWordCharAt(i + 1)) {
            regions.append({open, i + 1});
            open = -1;
        } else if (open < 0 && (c == u'\'' || c == u'\u2018') && t.isStart(i) && i + 1 < t.size()
                   && !t.isSpace(i + 1)) {
            open = i;
        }
    }
    if (regions.size() > doubles) {
        std::sort(regions.begin(), regions.end(), [](const Range &a, const Range &b) { return a.start < b.start; });
        Ranges merged;
        for (const Range &region : regions) {
            if (!merged.isEmpty() && region.start < merged.last().end)
                merged.last().end = std::max(merged.last().end, region.end);
            else
                merged.append(region);
        }
        return merged;
    }
    return regions;
}

std::optional<TaskPriority> priorityOf(Level level)
{
    switch (level) {
    case Level::Low:
        return TaskPriority::Low;
    case Level::Medium:
        return TaskPriority::Medium;
    case Level::High:
        return TaskPriority::High;
    case Level::Urgent:
        return TaskPriority::Urgent;
    case Level::None:
        break;
    }
    return std::nullopt;
}

struct PriorityMatch
{
    qsizetype end = 0;
    TaskPriority priority = TaskPriority::None;
};

// "no rush", "not urgent": a many-word term of the shared vocabulary at `pos`.
std::optional<PriorityMatch> matchPriorityPhrase(const TextView &t, qsizetype pos)
{
    for (const PriorityTerm &term : priorityTerms()) {
        if (!term.standsAlone || term.phrase.find(' ') == std::string_view::npos)
            continue;
        qsizetype at = pos;
        bool same = true;
        for (std::size_t i = 0; same && i < term.phrase.size(); ++i) {
            if (term.phrase[i] == ' ') {
                const qsizetype next = t.skipSpaces(at);
                same = next > at;
                at = next;
            } else {
                same = (t.at(at) | 0x20) == char16_t(term.phrase[i]);
                ++at;
            }
        }
        if (same && !t.isWordCharAt(at) && t.isCleanEnd(at))
            return PriorityMatch{at, term.priority};
    }
    return std::nullopt;
}

std::optional<PriorityMatch> matchPriority(const TextView &t, qsizetype pos)
{
    const char16_t c = t.at(pos);
    qsizetype end = 0;
    if (c == u'!') {
        qsizetype bangs = 0;
        while (t.at(pos + bangs) == u'!')
            ++bangs;
        // "!!" and "!!!" mark a task important; a single "!" is punctuation.
        if ((bangs == 2 || bangs == 3) && t.isCleanEnd(pos + bangs))
            return PriorityMatch{pos + bangs, TaskPriority::High};
        if (bangs == 1 && t.isAsciiLetter(pos + 1)) {
            const WordInfo *w = t.wordAt(pos + 1, &end);
            if (w && w->level != Level::None && t.isCleanEnd(end))
                return PriorityMatch{end, *priorityOf(w->level)};
        }
        return std::nullopt;
    }
    if ((c | 0x20) == u'p' && t.isDigit(pos + 1) && !t.isWordCharAt(pos + 2) && t.isCleanEnd(pos + 2)) {
        static constexpr TaskPriority todoist[]
            = {TaskPriority::Urgent, TaskPriority::High, TaskPriority::Medium, TaskPriority::Low};
        const int number = t.at(pos + 1) - u'0';
        if (number >= 1 && number <= 4)
            return PriorityMatch{pos + 2, todoist[number - 1]};
        return std::nullopt;
    }
    if (auto phrase = matchPriorityPhrase(t, pos))
        return phrase;
    const WordInfo *w = t.wordAt(pos, &end);
    if (!w)
        return std::nullopt;
    // The next word after spaces, or after one hyphen ("high-priority").
    const auto following = [&](qsizetype from, qsizetype *wordEnd) -> const WordInfo * {
        if (t.at(from) == u'-' && t.isAsciiLetter(from + 1))
            return t.wordAt(from + 1, wordEnd);
        const qsizetype next = t.skipSpaces(from);
        return next > from ? t.wordAt(next, wordEnd) : nullptr;
    };
    qsizetype nextEnd = 0;
    if (w->level != Level::None) {
        // "high priority", "urgent prio", "low-priority"
        const WordInfo *n = following(end, &nextEnd);
        if (n && (n->roles & Role::Priority) && t.isCleanEnd(nextEnd))
            return PriorityMatch{nextEnd, *priorityOf(w->level)};
    }
    if (w->roles & Role::PriorityAlone) {
        if (t.isCleanEnd(end))
            return PriorityMatch{end, *priorityOf(w->level)};
        return std::nullopt;
    }
    if (w->roles & Role::Priority) {
        // "priority high", "priority: low"
        if (t.at(end) == u':')
            ++end;
        const WordInfo *n = following(end, &nextEnd);
        if (n && n->level != Level::None && t.isCleanEnd(nextEnd))
            return PriorityMatch{nextEnd, *priorityOf(n->level)};
    }
    return std::nullopt;
}

struct TagMatch
{
    qsizetype end = 0;
    QString tag;
};

std::optional<TagMatch> matchTag(const TextView &t, qsizetype pos)
{
    qsizetype end = pos + 1;
    qsizetype codePoints = 0;
    bool hasLetter = false;
    while (end < t.size()) {
        const char32_t cp = t.codePointAt(end);
        if (cp != U'_' && cp != U'-' && !QChar::isLetterOrNumber(cp) && !QChar::isMark(cp))
            break;
        hasLetter = hasLetter || QChar::isLetter(cp);
        end += QChar::requiresSurrogates(cp) ? 2 : 1;
        ++codePoints;
    }
    while (end > pos + 1 && t.at(end - 1) == u'-') {
        --end;
        --codePoints;
    }
    if (!hasLetter || codePoints > TaskLimits::MaxTagLength || !t.isCleanEnd(end))
        return std::nullopt;
    return TagMatch{end, t.text().sliced(pos + 1, end - pos - 1).toString()};
}

bool mayStartSomething(char16_t c)
{
    return (c >= u'0' && c <= u'9') || ((c | 0x20) >= u'a' && (c | 0x20) <= u'z') || c == u'#' || c == u'!';
}

struct Scan
{
    QList<Span> spans;
    std::optional<DuePhrase> due;
    std::optional<detail::RepeatPhrase> repeat;
    std::optional<TaskPriority> priority;
    QStringList tags;
    Ranges quoted;
};

// One pass over the text outside quotes.
Scan scanText(const TextView &t, const ParseContext &context)
{
    Scan scan;
    scan.quoted = quotedRegions(t);
    const DueContext dueContext(context.now, context.timeZone, context.locale);
    qsizetype region = 0;
    qsizetype pos = 0;
    while (pos < t.size()) {
        if (region < scan.quoted.size() && pos == scan.quoted[region].start) {
            pos = scan.quoted[region++].end;
            continue;
        }
        const char16_t c = t.at(pos);
        if (!mayStartSomething(c) || !t.isStart(pos)) {
            ++pos;
            continue;
        }
        if (c == u'#') {
            if (auto tag = matchTag(t, pos)) {
                const bool known = scan.tags.contains(tag->tag, Qt::CaseInsensitive);
                if (known || scan.tags.size() < TaskLimits::MaxTags) {
                    if (!known)
                        scan.tags.append(std::move(tag->tag));
                    scan.spans.append({pos, tag->end - pos, Span::Kind::Tag});
                    pos = tag->end;
                    continue;
                }
            }
            ++pos;
            continue;
        }
        if (const auto priority = matchPriority(t, pos)) {
            if (!scan.priority)
                scan.priority = priority->priority;
            scan.spans.append({pos, priority->end - pos, Span::Kind::Priority});
            pos = priority->end;
            continue;
        }
        if (!scan.repeat && context.now.isValid()) {
            if (auto repeat = detail::matchRepeatPhrase(t, pos)) {
                scan.spans.append({pos, repeat->end - pos, Span::Kind::Repeat});
                pos = repeat->end;
                scan.repeat = std::move(repeat);
                continue;
            }
        }
        if (auto phrase = detail::matchDuePhrase(t, pos, dueContext)) {
            pos = phrase->end;
            // Several date phrases: one with a time wins, else the last ("roadmap for next
            // year, next monday 9am"); the others stay in the title.
            if (!scan.due || phrase->due.hasTime() || !scan.due->due.hasTime())
                scan.due = std::move(phrase);
            continue;
        }
        ++pos;
    }
    if (scan.due) {
        const Span due{scan.due->start, scan.due->end - scan.due->start, Span::Kind::Due};
        scan.spans.insert(std::upper_bound(scan.spans.begin(), scan.spans.end(), due,
                                           [](const Span &a, const Span &b) { return a.start < b.start; }),
                          due);
    }
    return scan;
}

bool isClosingFor(char16_t open, char16_t close)
{
    return (open == u'(' && close == u')') || (open == u'[' && close == u']') || (open == u'{' && close == u'}');
}

// ", it's urgent", "- it is important": where "it's"/"it is" starts when it
// stands right before a priority at the start of a clause, else `start`.
qsizetype afterItIs(const TextView &t, qsizetype start)
{
    qsizetype stop = start;
    while (stop > 0 && t.isSpace(stop - 1))
        --stop;
    const QStringView before = t.text().first(stop);
    for (const QStringView lead : {u"it's", u"it\u2019s", u"it is", u"its", u"this is", u"that's", u"that is"}) {
        const qsizetype at = before.size() - lead.size();
        if (!before.endsWith(lead, Qt::CaseInsensitive) || (at > 0 && t.isWordCharAt(at - 1)))
            continue;
        const QStringView rest = before.first(at).trimmed();
        if (rest.isEmpty() || rest.endsWith(u',') || rest.endsWith(u';') || rest.endsWith(u'-')
            || rest.endsWith(u'\u2013') || rest.endsWith(u'\u2014') || rest.endsWith(u'('))
            return at;
    }
    return start;
}

// What leaves the title: every span; before the due phrase, the connecting
// words that only introduced it; brackets left empty around a span.
Ranges removals(const TextView &t, const Scan &scan)
{
    Ranges ranges;
    for (const Span &span : scan.spans) {
        Range range{span.start, span.start + span.length};
        if (span.kind != Span::Kind::Tag) {
            // The little words that only introduced it: "on", "by", "for" a date;
            // "with", "as a" a priority.
            const std::uint32_t lead = span.kind == Span::Kind::Priority ? Role::PriorityLead : Role::Connector;
            qsizetype wordStart = 0;
            const WordInfo *w = t.wordBefore(range.start, &wordStart);
            while (w && (w->roles & lead) && t.isStart(wordStart)) {
                range.start = wordStart;
                w = t.wordBefore(range.start, &wordStart);
            }
        }
        if (span.kind == Span::Kind::Priority)
            range.start = afterItIs(t, range.start);
        if (range.start > 0 && isClosingFor(t.at(range.start - 1), t.at(range.end))) {
            --range.start;
            ++range.end;
        }
        if (!ranges.isEmpty() && range.start < ranges.last().end)
            range.start = ranges.last().end;
        ranges.append(range);
    }
    return ranges;
}

bool isStrayPunctuation(QStringView token)
{
    for (const QChar c : token) {
        switch (c.unicode()) {
        case u',':
        case u';':
        case u':':
        case u'.':
        case u'-':
        case u'\u2013':
        case u'\u2014':
            break;
        default:
            return false;
        }
    }
    return !token.isEmpty();
}

// A lone punctuation token, or ',' / ';' glued to the last word, left at either end by a removal.
QStringView trimStrayPunctuation(QStringView title)
{
    for (bool changed = true; changed && !title.isEmpty();) {
        changed = false;
        const qsizetype lastSpace = title.lastIndexOf(u' ');
        if (isStrayPunctuation(title.sliced(lastSpace + 1))) {
            title = title.first(std::max<qsizetype>(lastSpace, 0)).trimmed();
            changed = true;
        } else if (title.endsWith(u',') || title.endsWith(u';')) {
            title.chop(1);
            changed = true;
        }
        const qsizetype firstSpace = title.indexOf(u' ');
        if (!title.isEmpty() && isStrayPunctuation(firstSpace < 0 ? title : title.first(firstSpace))) {
            title = firstSpace < 0 ? QStringView() : title.sliced(firstSpace + 1).trimmed();
            changed = true;
        }
    }
    return title;
}

// `text` without `removed`, each removal and whitespace run collapsing to one space.
QString collapsed(QStringView text, const Ranges &removed)
{
    QString out;
    out.reserve(text.size());
    bool pendingSpace = false;
    bool afterRemoval = false;
    qsizetype next = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (next < removed.size() && i == removed[next].start) {
            i = removed[next++].end - 1;
            pendingSpace = afterRemoval = true;
            continue;
        }
        const QChar c = text[i];
        if (c.isSpace()) {
            pendingSpace = true;
            continue;
        }
        // "Dentist tomorrow, then lunch" -> "Dentist, then lunch".
        const bool closes = afterRemoval && (c == u',' || c == u';' || c == u'.' || c == u'!' || c == u'?');
        if (pendingSpace && !out.isEmpty() && !closes)
            out += u' ';
        pendingSpace = afterRemoval = false;
        out += c;
    }
    return out;
}

bool hasContent(QStringView title)
{
    return std::any_of(title.begin(), title.end(), [](QChar c) { return !c.isSpace() && !c.isPunct(); });
}

// A title that is exactly one quoted string, without its quotes.
QStringView unquoted(const TextView &t, const Ranges &quoted, QStringView title)
{
    for (const Range &region : quoted) {
        if (region.end - region.start == title.size() && t.text().sliced(region.start, title.size()) == title) {
            const QStringView inner = title.sliced(1, title.size() - 2).trimmed();
            return hasContent(inner) ? inner : title;
        }
    }
    return title;
}

QString buildTitle(const TextView &t, const Scan &scan)
{
    const QString whole = collapsed(t.text(), {});
    if (scan.spans.isEmpty())
        return unquoted(t, scan.quoted, whole).toString();
    const QString rest = collapsed(t.text(), removals(t, scan));
    const QStringView title = trimStrayPunctuation(rest);
    if (!hasContent(title))
        return {};
    return unquoted(t, scan.quoted, title).toString();
}

} // namespace

QLocale userLocale()
{
    const QLocale system = QLocale::system();
    return system.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : system;
}

QuickAdd QuickAddParser::parse(QStringView text, const ParseContext &context)
{
    QuickAdd result;
    result.text = text.toString();
    const TextView view(result.text);
    Scan scan = scanText(view, context);
    result.title = buildTitle(view, scan);
    if (scan.due)
        result.due = scan.due->due;
    if (scan.repeat)
        detail::applyRepeat(result, scan.repeat->rule, scan.due.has_value(), context);
    result.priority = scan.priority;
    result.tags = std::move(scan.tags);
    result.spans = std::move(scan.spans);
    return result;
}

std::optional<DateMatch> QuickAddParser::findDue(QStringView text, const ParseContext &context)
{
    const TextView view(text);
    const Scan scan = scanText(view, context);
    if (!scan.due)
        return std::nullopt;
    const DuePhrase &phrase = *scan.due;
    // The due parse() gives: a repeat said beside the date starts on its first occurrence from it.
    QuickAdd dated;
    dated.due = phrase.due;
    if (scan.repeat)
        detail::applyRepeat(dated, scan.repeat->rule, true, context);
    return DateMatch{dated.due, phrase.start, phrase.end - phrase.start, dated.due.hasTime()};
}

QList<Span> QuickAddParser::scan(QStringView text, const ParseContext &context)
{
    const TextView view(text);
    return scanText(view, context).spans;
}

QString spanKindName(Span::Kind kind)
{
    switch (kind) {
    case Span::Kind::Due:
        return QStringLiteral("due");
    case Span::Kind::Priority:
        return QStringLiteral("priority");
    case Span::Kind::Tag:
        return QStringLiteral("tag");
    case Span::Kind::Repeat:
        return QStringLiteral("repeat");
    }
    return {};
}

QJsonObject quickAddToJson(const QuickAdd &parsed)
{
    QJsonArray spans;
    for (const Span &span : parsed.spans) {
        spans.append(QJsonObject{
            {QStringLiteral("start"), qint64(span.start)},
            {QStringLiteral("length"), qint64(span.length)},
            {QStringLiteral("kind"), spanKindName(span.kind)},
            {QStringLiteral("text"), parsed.text.mid(span.start, span.length)},
        });
    }
    QJsonObject json{
        {QStringLiteral("text"), parsed.text},
        {QStringLiteral("title"), parsed.title},
        {QStringLiteral("due"),
         parsed.due.isNone() ? QJsonValue(QJsonValue::Null) : QJsonValue(parsed.due.toIsoString())},
        {QStringLiteral("tags"), QJsonArray::fromStringList(parsed.tags)},
        {QStringLiteral("spans"), spans},
    };
    if (parsed.repeat)
        json.insert(QStringLiteral("repeat"), repeatToJson(*parsed.repeat));
    if (parsed.priority)
        json.insert(QStringLiteral("priority"), taskPriorityName(*parsed.priority));
    return json;
}

Result<TaskDraft> taskDraftFromQuickAdd(const QuickAdd &parsed)
{
    if (parsed.title.trimmed().isEmpty())
        return Error::validation(QStringLiteral("title"),
                                 QStringLiteral("is missing: say what the task is, not only when or how important "
                                                "(for example “Call Alex tomorrow”)"));
    TaskDraft draft;
    draft.title = parsed.title;
    draft.due = parsed.due;
    draft.priority = parsed.priority.value_or(TaskPriority::None);
    draft.tags = parsed.tags;
    draft.repeat = parsed.repeat;
    return draft;
}

} // namespace tandem::assistant
