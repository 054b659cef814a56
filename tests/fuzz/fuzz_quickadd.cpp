// libFuzzer target for the quick-add parser (tandem::assistant::QuickAddParser):
// whatever a person, the web page or the assistant sends, parse() must return
// spans inside the text, sorted, disjoint and never splitting a surrogate
// pair; a title whenever the text had a word and nothing was recognised;
// and agree with scan(), findDue() and the JSON it is sent as.
//
// The first byte picks one of a few fixed contexts (zones, DST change days, a
// day-first locale, no clock) and, with its top bit, whether the rest is read
// as UTF-8 or as raw UTF-16 (lone surrogates included).

#include "assistant/quickadd.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

using tandem::Due;
using namespace tandem::assistant;

[[noreturn]] void violated(const char *what, const QString &input)
{
    const QByteArray utf8 = input.left(512).toUtf8();
    std::fprintf(stderr, "QuickAddParser broke its contract: %s\ninput (%lld UTF-16 units): %s\n", what,
                 static_cast<long long>(input.size()), utf8.constData());
    std::abort();
}

#define FUZZ_CHECK(condition, input)                                                                                   \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            violated(#condition, input);                                                                               \
    } while (false)

ParseContext contextAt(const char *zone, QDate date, QTime time, QLocale locale)
{
    ParseContext context;
    context.timeZone = QTimeZone(zone);
    context.now = QDateTime(date, time, context.timeZone);
    context.locale = locale;
    return context;
}

const ParseContext &contextFor(std::uint8_t selector)
{
    static const QLocale us(QLocale::English, QLocale::UnitedStates);
    static const ParseContext contexts[] = {
        contextAt("America/New_York", QDate(2026, 11, 25), QTime(10, 0), us),
        // Spring forward in Berlin at 02:00; fall back in New York at 02:00.
        contextAt("Europe/Berlin", QDate(2026, 3, 29), QTime(1, 30), QLocale(QLocale::German, QLocale::Germany)),
        contextAt("America/New_York", QDate(2026, 10, 31), QTime(23, 59), us),
        contextAt("Asia/Tokyo", QDate(2028, 2, 28), QTime(23, 30), QLocale(QLocale::English, QLocale::UnitedKingdom)),
        // New Year's Eve, seen from UTC.
        contextAt("UTC", QDate(2026, 12, 31), QTime(23, 59), us),
        // No clock: nothing resolves, nothing may break.
        ParseContext(),
    };
    return contexts[selector % std::size(contexts)];
}

bool splitsSurrogatePair(const QString &text, qsizetype pos)
{
    return pos > 0 && pos < text.size() && text.at(pos - 1).isHighSurrogate() && text.at(pos).isLowSurrogate();
}

void check(const QString &text, const ParseContext &context)
{
    const QuickAdd parsed = QuickAddParser::parse(text, context);
    FUZZ_CHECK(parsed.text == text, text);

    qsizetype previousEnd = 0;
    qsizetype dueSpans = 0;
    qsizetype repeatSpans = 0;
    qsizetype prioritySpans = 0;
    qsizetype tagSpans = 0;
    const Span *dueSpan = nullptr;
    for (const Span &span : parsed.spans) {
        FUZZ_CHECK(span.length > 0, text);
        FUZZ_CHECK(span.start >= previousEnd, text);
        FUZZ_CHECK(span.start + span.length <= text.size(), text);
        FUZZ_CHECK(!splitsSurrogatePair(text, span.start), text);
        FUZZ_CHECK(!splitsSurrogatePair(text, span.start + span.length), text);
        previousEnd = span.start + span.length;
        switch (span.kind) {
        case Span::Kind::Due:
            ++dueSpans;
            dueSpan = &span;
            break;
        case Span::Kind::Priority:
            ++prioritySpans;
            break;
        case Span::Kind::Tag:
            FUZZ_CHECK(text.at(span.start) == u'#', text);
            ++tagSpans;
            break;
        case Span::Kind::Repeat:
            ++repeatSpans;
            break;
        }
    }
    FUZZ_CHECK(repeatSpans == (parsed.repeat ? 1 : 0), text);
    // A repeat gives the due its first occurrence, with or without a date phrase.
    if (parsed.repeat)
        FUZZ_CHECK(dueSpans <= 1 && !parsed.due.isNone(), text);
    else
        FUZZ_CHECK(dueSpans == (parsed.due.isNone() ? 0 : 1), text);
    FUZZ_CHECK((prioritySpans > 0) == parsed.priority.has_value(), text);
    FUZZ_CHECK(tagSpans >= parsed.tags.size(), text);
    FUZZ_CHECK(parsed.tags.size() <= tandem::TaskLimits::MaxTags, text);
    for (qsizetype i = 0; i < parsed.tags.size(); ++i) {
        FUZZ_CHECK(!parsed.tags.at(i).isEmpty(), text);
        for (qsizetype j = 0; j < i; ++j)
            FUZZ_CHECK(parsed.tags.at(i).compare(parsed.tags.at(j), Qt::CaseInsensitive) != 0, text);
    }

    // The due is one the rest of Tandem can store and read back.
    if (!parsed.due.isNone()) {
        FUZZ_CHECK(!context.now.isNull(), text);
        FUZZ_CHECK(parsed.due.date().isValid(), text);
        FUZZ_CHECK(!parsed.due.hasTime() || parsed.due.dateTime().isValid(), text);
        FUZZ_CHECK(Due::fromIsoString(parsed.due.toIsoString()) == parsed.due, text);
    }

    // A title whenever there was a word and nothing was recognised; when only
    // recognised parts were said ("tomorrow #work p1") the title is empty, so
    // every surface asks for one instead of inventing it. Trimmed, with
    // whitespace collapsed, and never only punctuation after a removal.
    const bool hasNonSpace = std::any_of(text.begin(), text.end(), [](QChar c) { return !c.isSpace(); });
    FUZZ_CHECK(hasNonSpace || parsed.title.isEmpty(), text);
    if (parsed.spans.isEmpty())
        FUZZ_CHECK(parsed.title.isEmpty() != hasNonSpace, text);
    else if (!parsed.title.isEmpty())
        FUZZ_CHECK(
            std::any_of(parsed.title.begin(), parsed.title.end(), [](QChar c) { return !c.isSpace() && !c.isPunct(); }),
            text);
    FUZZ_CHECK(parsed.title.isEmpty() || (!parsed.title.front().isSpace() && !parsed.title.back().isSpace()), text);
    for (qsizetype i = 1; i < parsed.title.size(); ++i)
        FUZZ_CHECK(!(parsed.title.at(i).isSpace() && parsed.title.at(i - 1).isSpace()), text);

    // The other entry points agree with parse().
    FUZZ_CHECK(QuickAddParser::scan(text, context) == parsed.spans, text);
    const auto match = QuickAddParser::findDue(text, context);
    FUZZ_CHECK(match.has_value() == (dueSpan != nullptr), text);
    if (match) {
        FUZZ_CHECK(match->due == parsed.due, text);
        FUZZ_CHECK(match->start == dueSpan->start && match->length == dueSpan->length, text);
        FUZZ_CHECK(match->hasTime == parsed.due.hasTime(), text);
    }

    const QJsonObject json = quickAddToJson(parsed);
    FUZZ_CHECK(json.value(QStringLiteral("spans")).toArray().size() == parsed.spans.size(), text);
    FUZZ_CHECK(json.value(QStringLiteral("title")).toString() == parsed.title, text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t selector = data[0];
    const char *body = reinterpret_cast<const char *>(data + 1);
    const qsizetype length = qsizetype(size - 1);
    QString text;
    if (selector & 0x80) {
        // Raw UTF-16, copied: the bytes need not be aligned for char16_t.
        text.resize(length / 2);
        std::memcpy(static_cast<void *>(text.data()), body, std::size_t(text.size()) * sizeof(QChar));
    } else {
        text = QString::fromUtf8(body, length);
    }
    check(text, contextFor(selector & 0x7f));
    return 0;
}
