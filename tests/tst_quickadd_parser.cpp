// The quick-add parser (core/assistant/quickadd.h): date and time phrases in
// two zones across month and year ends, leap days and DST changes; weekdays
// from every day of the week; the locale's day/month order; whole messages
// with their titles, priorities, tags and spans; and the traps it must not
// fall into.
#include "assistant/quickadd.h"
#include "domain/task.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace tandem;
using namespace tandem::assistant;

namespace {

const QByteArray newYork = QByteArrayLiteral("America/New_York");
const QByteArray berlin = QByteArrayLiteral("Europe/Berlin");

QDateTime localTime(const QByteArray &zone, int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone(zone));
}

ParseContext contextAt(const QDateTime &now, const QLocale &locale = QLocale(QLocale::English, QLocale::UnitedStates))
{
    ParseContext context;
    context.now = now;
    context.timeZone = now.timeZone();
    context.locale = locale;
    return context;
}

// Wednesday, 25 November 2026, 10:00 in `zone`: the "now" of most rows.
QDateTime wednesday(const QByteArray &zone)
{
    return localTime(zone, 2026, 11, 25, 10);
}

QString dueText(const Due &due)
{
    return due.isNone() ? QString() : due.toIsoString();
}

QString spanText(QStringView text, const Span &span)
{
    return spanKindName(span.kind) + u':' + text.sliced(span.start, span.length);
}

QStringList spanTexts(const QuickAdd &parsed)
{
    QStringList texts;
    for (const Span &span : parsed.spans)
        texts.append(spanText(parsed.text, span));
    return texts;
}

// The contract every result keeps, whatever the input: what the fuzzer checks too.
QString brokenInvariant(const QuickAdd &parsed)
{
    qsizetype previousEnd = 0;
    int dueSpans = 0;
    int prioritySpans = 0;
    for (const Span &span : parsed.spans) {
        if (span.length <= 0 || span.start < previousEnd || span.start + span.length > parsed.text.size())
            return QStringLiteral("span %1+%2 out of order or bounds").arg(span.start).arg(span.length);
        previousEnd = span.start + span.length;
        dueSpans += span.kind == Span::Kind::Due;
        prioritySpans += span.kind == Span::Kind::Priority;
    }
    if (parsed.repeat) {
        // A repeat gives the due its first occurrence, with or without a date phrase.
        if (parsed.due.isNone() || dueSpans > 1)
            return QStringLiteral("a repeat without a due, or %1 due spans").arg(dueSpans);
    } else if (dueSpans != (parsed.due.isNone() ? 0 : 1))
        return QStringLiteral("%1 due spans for due '%2'").arg(dueSpans).arg(dueText(parsed.due));
    if ((prioritySpans > 0) != parsed.priority.has_value())
        return QStringLiteral("%1 priority spans").arg(prioritySpans);
    // An empty title means nothing but what was recognised (and punctuation or little words) was said.
    if (parsed.title.isEmpty()) {
        QString rest = parsed.text;
        for (auto it = parsed.spans.crbegin(); it != parsed.spans.crend(); ++it)
            rest.remove(it->start, it->length);
        const auto letters = [](const QString &text) {
            return std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isLetterOrNumber(); });
        };
        if (letters(rest) > letters(parsed.text) - letters(rest))
            return QStringLiteral("empty title, yet most of the text was not recognised");
    }
    if (parsed.title != parsed.title.trimmed())
        return QStringLiteral("untrimmed title");
    return {};
}

// A row of the date tables; the row name carries the zone, "now" and the input.
void addDueRow(const char *zoneName, const QDateTime &now, const QString &input, const QString &expected,
               const QString &span = QString())
{
    QTest::addRow("%s %s | %s", zoneName, qPrintable(now.toString(QStringLiteral("yyyy-MM-dd hh:mm"))),
                  qPrintable(input))
        << now << input << expected << (span.isNull() && !expected.isEmpty() ? input : span);
}

// The relative phrases from Wednesday 25 November 2026, 10:00, where both zones
// keep one offset for weeks either side: the same wall-clock answers, each at its zone's offset.
void addRelativeRows(const char *zoneName, const QByteArray &zone, const QString &offset)
{
    const QDateTime now = wednesday(zone);
    const auto at = [&](const char *local) -> QString {
        return QString::fromLatin1(local) + offset;
    };
    addDueRow(zoneName, now, QStringLiteral("today"), QStringLiteral("2026-11-25"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow"), QStringLiteral("2026-11-26"));
    addDueRow(zoneName, now, QStringLiteral("tmrw"), QStringLiteral("2026-11-26"));
    addDueRow(zoneName, now, QStringLiteral("tmr"), QStringLiteral("2026-11-26"));
    addDueRow(zoneName, now, QStringLiteral("the day after tomorrow"), QStringLiteral("2026-11-27"));
    addDueRow(zoneName, now, QStringLiteral("day after tomorrow"), QStringLiteral("2026-11-27"));
    addDueRow(zoneName, now, QStringLiteral("tonight"), at("2026-11-25T20:00:00"));
    addDueRow(zoneName, now, QStringLiteral("this evening"), at("2026-11-25T19:00:00"));
    addDueRow(zoneName, now, QStringLiteral("this afternoon"), at("2026-11-25T15:00:00"));
    addDueRow(zoneName, now, QStringLiteral("this morning"), at("2026-11-25T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow morning"), at("2026-11-26T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow afternoon"), at("2026-11-26T15:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow evening"), at("2026-11-26T19:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow night"), at("2026-11-26T20:00:00"));
    addDueRow(zoneName, now, QStringLiteral("noon"), at("2026-11-25T12:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at noon"), at("2026-11-25T12:00:00"));
    addDueRow(zoneName, now, QStringLiteral("midnight"), at("2026-11-26T00:00:00"));
    addDueRow(zoneName, now, QStringLiteral("friday midnight"), at("2026-11-28T00:00:00"));
    addDueRow(zoneName, now, QStringLiteral("friday 12am"), at("2026-11-27T00:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at 9"), at("2026-11-25T21:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at 11"), at("2026-11-25T11:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at 10"), at("2026-11-25T22:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at 09"), at("2026-11-26T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at 5:30"), at("2026-11-25T17:30:00"));
    addDueRow(zoneName, now, QStringLiteral("at 17"), at("2026-11-25T17:00:00"));
    addDueRow(zoneName, now, QStringLiteral("9am"), at("2026-11-26T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("11 am"), at("2026-11-25T11:00:00"));
    addDueRow(zoneName, now, QStringLiteral("9:30pm"), at("2026-11-25T21:30:00"));
    addDueRow(zoneName, now, QStringLiteral("9:30 p.m."), at("2026-11-25T21:30:00"));
    addDueRow(zoneName, now, QStringLiteral("21:00"), at("2026-11-25T21:00:00"));
    addDueRow(zoneName, now, QStringLiteral("09:45"), at("2026-11-26T09:45:00"));
    addDueRow(zoneName, now, QStringLiteral("12am"), at("2026-11-26T00:00:00"));
    addDueRow(zoneName, now, QStringLiteral("12pm"), at("2026-11-25T12:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow at 9"), at("2026-11-26T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow at 5"), at("2026-11-26T05:00:00"));
    addDueRow(zoneName, now, QStringLiteral("today at 5"), at("2026-11-25T17:00:00"));
    addDueRow(zoneName, now, QStringLiteral("today at 9am"), at("2026-11-25T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tonight at 9"), at("2026-11-25T21:00:00"));
    addDueRow(zoneName, now, QStringLiteral("tomorrow morning at 8"), at("2026-11-26T08:00:00"));
    addDueRow(zoneName, now, QStringLiteral("friday at 3pm"), at("2026-11-27T15:00:00"));
    addDueRow(zoneName, now, QStringLiteral("friday, 15:30"), at("2026-11-27T15:30:00"));
    addDueRow(zoneName, now, QStringLiteral("9am on friday"), at("2026-11-27T09:00:00"));
    addDueRow(zoneName, now, QStringLiteral("at 4pm tomorrow"), at("2026-11-26T16:00:00"));
    addDueRow(zoneName, now, QStringLiteral("next week"), QStringLiteral("2026-11-30"));
    addDueRow(zoneName, now, QStringLiteral("in 3 days"), QStringLiteral("2026-11-28"));
    addDueRow(zoneName, now, QStringLiteral("in two weeks"), QStringLiteral("2026-12-09"));
    addDueRow(zoneName, now, QStringLiteral("in a week"), QStringLiteral("2026-12-02"));
    addDueRow(zoneName, now, QStringLiteral("in a month"), QStringLiteral("2026-12-25"));
    addDueRow(zoneName, now, QStringLiteral("in 2 hours"), at("2026-11-25T12:00:00"));
    addDueRow(zoneName, now, QStringLiteral("in 45 minutes"), at("2026-11-25T10:45:00"));
    addDueRow(zoneName, now, QStringLiteral("end of the month"), QStringLiteral("2026-11-30"));
    addDueRow(zoneName, now, QStringLiteral("end of month"), QStringLiteral("2026-11-30"));
    addDueRow(zoneName, now, QStringLiteral("the end of the week"), QStringLiteral("2026-11-29"));
    addDueRow(zoneName, now, QStringLiteral("next month"), QStringLiteral("2026-12-01"));
    addDueRow(zoneName, now, QStringLiteral("March 3"), QStringLiteral("2027-03-03"));
    addDueRow(zoneName, now, QStringLiteral("Mar. 3rd"), QStringLiteral("2027-03-03"));
    addDueRow(zoneName, now, QStringLiteral("3 March"), QStringLiteral("2027-03-03"));
    addDueRow(zoneName, now, QStringLiteral("the 3rd of March"), QStringLiteral("2027-03-03"));
    addDueRow(zoneName, now, QStringLiteral("March 3, 2028"), QStringLiteral("2028-03-03"));
    addDueRow(zoneName, now, QStringLiteral("December 25"), QStringLiteral("2026-12-25"));
    addDueRow(zoneName, now, QStringLiteral("Nov 25"), QStringLiteral("2026-11-25"));
    addDueRow(zoneName, now, QStringLiteral("Nov 24"), QStringLiteral("2027-11-24"));
    addDueRow(zoneName, now, QStringLiteral("March 3 at 2pm"), at("2027-03-03T14:00:00"));
    addDueRow(zoneName, now, QStringLiteral("2026-12-01"), QStringLiteral("2026-12-01"));
    addDueRow(zoneName, now, QStringLiteral("2026-12-01T14:00"), at("2026-12-01T14:00:00"));
    addDueRow(zoneName, now, QStringLiteral("2026-12-01 14:00"), at("2026-12-01T14:00:00"));
    addDueRow(zoneName, now, QStringLiteral("2026-12-01T14:00Z"), QStringLiteral("2026-12-01T14:00:00Z"));
    addDueRow(zoneName, now, QStringLiteral("2026-12-01T14:00:30+05:30"), QStringLiteral("2026-12-01T14:00:30+05:30"));
}

} // namespace

class TestQuickAddParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The tables name their zones; a missing zone database would make them prove nothing.
        QVERIFY(QTimeZone(newYork).isValid());
        QVERIFY(QTimeZone(berlin).isValid());
        QCOMPARE(wednesday(berlin).date().dayOfWeek(), 3);
    }

    void findDue_dateExpression_resolvesInZone_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expectedDue"); // empty: no date recognised
        QTest::addColumn<QString>("expectedSpan");

        addRelativeRows("NY", newYork, QStringLiteral("-05:00"));
        addRelativeRows("Berlin", berlin, QStringLiteral("+01:00"));

        // The offset is the zone's at the due time, not at "now".
        addDueRow("NY", wednesday(newYork), QStringLiteral("2027-07-01 14:00"),
                  QStringLiteral("2027-07-01T14:00:00-04:00"));
        addDueRow("Berlin", wednesday(berlin), QStringLiteral("2027-07-01 14:00"),
                  QStringLiteral("2027-07-01T14:00:00+02:00"));
        addDueRow("Berlin", wednesday(berlin), QStringLiteral("July 1 at 9am"),
                  QStringLiteral("2027-07-01T09:00:00+02:00"));

        // One instant, two calendars: 23:30 UTC on New Year's Eve is still 2026 in New York.
        const QDateTime newYearUtc(QDate(2026, 12, 31), QTime(23, 30), QTimeZone::utc());
        for (const auto &[name, zone, today, tomorrow] : {std::tuple("NY", newYork, "2026-12-31", "2027-01-01"),
                                                          std::tuple("Berlin", berlin, "2027-01-01", "2027-01-02")}) {
            addDueRow(name, newYearUtc.toTimeZone(QTimeZone(zone)), QStringLiteral("today"),
                      QString::fromLatin1(today));
            addDueRow(name, newYearUtc.toTimeZone(QTimeZone(zone)), QStringLiteral("tomorrow"),
                      QString::fromLatin1(tomorrow));
        }

        // Year end: New Year's Eve 2026 is a Thursday.
        for (const auto &[name, zone, offset] :
             {std::tuple("NY", newYork, "-05:00"), std::tuple("Berlin", berlin, "+01:00")}) {
            const QDateTime eve = localTime(zone, 2026, 12, 31, 10);
            const QString off = QString::fromLatin1(offset);
            addDueRow(name, eve, QStringLiteral("tomorrow"), QStringLiteral("2027-01-01"));
            addDueRow(name, eve, QStringLiteral("next week"), QStringLiteral("2027-01-04"));
            addDueRow(name, eve, QStringLiteral("friday"), QStringLiteral("2027-01-01"));
            addDueRow(name, eve, QStringLiteral("in 2 weeks"), QStringLiteral("2027-01-14"));
            addDueRow(name, eve, QStringLiteral("March 3"), QStringLiteral("2027-03-03"));
            addDueRow(name, eve, QStringLiteral("3/14"), QStringLiteral("2027-03-14"));
            addDueRow(name, eve, QStringLiteral("Dec 31"), QStringLiteral("2026-12-31"));
            addDueRow(name, eve, QStringLiteral("Dec 30"), QStringLiteral("2027-12-30"));
            addDueRow(name, eve, QStringLiteral("end of the year"), QStringLiteral("2026-12-31"));
            addDueRow(name, eve, QStringLiteral("end of the month"), QStringLiteral("2026-12-31"));
            addDueRow(name, eve, QStringLiteral("next month"), QStringLiteral("2027-01-01"));
            addDueRow(name, eve, QStringLiteral("next year"), QStringLiteral("2027-01-01"));
            addDueRow(name, eve, QStringLiteral("midnight"), QStringLiteral("2027-01-01T00:00:00") + off);
            addDueRow(name, eve, QStringLiteral("in 16 hours"), QStringLiteral("2027-01-01T02:00:00") + off);
        }

        // Month ends: months clamp to the last day; leap years have a Feb 29.
        addDueRow("NY", localTime(newYork, 2026, 1, 31, 10), QStringLiteral("in 1 month"),
                  QStringLiteral("2026-02-28"));
        addDueRow("NY", localTime(newYork, 2026, 1, 31, 10), QStringLiteral("tomorrow"), QStringLiteral("2026-02-01"));
        addDueRow("NY", localTime(newYork, 2026, 1, 31, 10), QStringLiteral("end of month"),
                  QStringLiteral("2026-01-31"));
        addDueRow("Berlin", localTime(berlin, 2028, 1, 31, 10), QStringLiteral("in a month"),
                  QStringLiteral("2028-02-29"));
        addDueRow("Berlin", localTime(berlin, 2026, 3, 31, 10), QStringLiteral("in one month"),
                  QStringLiteral("2026-04-30"));
        addDueRow("Berlin", localTime(berlin, 2026, 4, 30, 10), QStringLiteral("in a day"),
                  QStringLiteral("2026-05-01"));
        addDueRow("NY", localTime(newYork, 2026, 2, 28, 10), QStringLiteral("tomorrow"), QStringLiteral("2026-03-01"));
        addDueRow("NY", localTime(newYork, 2026, 2, 28, 10), QStringLiteral("end of the month"),
                  QStringLiteral("2026-02-28"));
        addDueRow("Berlin", localTime(berlin, 2028, 2, 28, 10), QStringLiteral("tomorrow"),
                  QStringLiteral("2028-02-29"));
        addDueRow("Berlin", localTime(berlin, 2028, 2, 28, 10), QStringLiteral("end of month"),
                  QStringLiteral("2028-02-29"));
        addDueRow("Berlin", localTime(berlin, 2028, 2, 28, 10), QStringLiteral("in 1 year"),
                  QStringLiteral("2029-02-28"));
        addDueRow("NY", localTime(newYork, 2028, 2, 28, 23, 30), QStringLiteral("in 1 hour"),
                  QStringLiteral("2028-02-29T00:30:00-05:00"));

        // Leap days written out.
        addDueRow("NY", wednesday(newYork), QStringLiteral("2028-02-29"), QStringLiteral("2028-02-29"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("Feb 29 2028"), QStringLiteral("2028-02-29"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("Feb 29"), QStringLiteral("2028-02-29"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("2/29"), QStringLiteral("2028-02-29"));
        addDueRow("Berlin", localTime(berlin, 2028, 1, 10, 10), QStringLiteral("29 February"),
                  QStringLiteral("2028-02-29"));
        addDueRow("Berlin", localTime(berlin, 2028, 3, 1, 10), QStringLiteral("Feb 29"), QStringLiteral("2032-02-29"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("Feb 29 2027"), QString());
        addDueRow("NY", wednesday(newYork), QStringLiteral("2027-02-29"), QString());
        addDueRow("NY", wednesday(newYork), QStringLiteral("Feb 30"), QString());
        addDueRow("NY", wednesday(newYork), QStringLiteral("April 31"), QString());

        // Berlin springs forward on 29 March 2026 (02:00 -> 03:00) and falls back on 25 October (03:00 -> 02:00).
        const QDateTime berlinSpringEve = localTime(berlin, 2026, 3, 28, 12);
        addDueRow("Berlin", berlinSpringEve, QStringLiteral("tomorrow at 2:30am"),
                  QStringLiteral("2026-03-29T03:30:00+02:00"));
        addDueRow("Berlin", berlinSpringEve, QStringLiteral("tomorrow at 1:30am"),
                  QStringLiteral("2026-03-29T01:30:00+01:00"));
        addDueRow("Berlin", berlinSpringEve, QStringLiteral("tomorrow 3am"),
                  QStringLiteral("2026-03-29T03:00:00+02:00"));
        addDueRow("Berlin", berlinSpringEve, QStringLiteral("tomorrow 9pm"),
                  QStringLiteral("2026-03-29T21:00:00+02:00"));
        addDueRow("Berlin", berlinSpringEve, QStringLiteral("tomorrow"), QStringLiteral("2026-03-29"));
        addDueRow("Berlin", berlinSpringEve, QStringLiteral("in 24 hours"),
                  QStringLiteral("2026-03-29T13:00:00+02:00"));
        const QDateTime berlinSpringDay = localTime(berlin, 2026, 3, 29, 1, 30);
        addDueRow("Berlin", berlinSpringDay, QStringLiteral("today 9pm"), QStringLiteral("2026-03-29T21:00:00+02:00"));
        addDueRow("Berlin", berlinSpringDay, QStringLiteral("at 2:30"), QStringLiteral("2026-03-29T03:30:00+02:00"));
        addDueRow("Berlin", berlinSpringDay, QStringLiteral("in 2 hours"), QStringLiteral("2026-03-29T04:30:00+02:00"));
        addDueRow("Berlin", berlinSpringDay, QStringLiteral("noon"), QStringLiteral("2026-03-29T12:00:00+02:00"));
        const QDateTime berlinFallEve = localTime(berlin, 2026, 10, 24, 12);
        addDueRow("Berlin", berlinFallEve, QStringLiteral("tomorrow at 2:30am"),
                  QStringLiteral("2026-10-25T02:30:00+02:00"));
        addDueRow("Berlin", berlinFallEve, QStringLiteral("tomorrow at 3am"),
                  QStringLiteral("2026-10-25T03:00:00+01:00"));
        addDueRow("Berlin", berlinFallEve, QStringLiteral("tomorrow 9pm"), QStringLiteral("2026-10-25T21:00:00+01:00"));
        addDueRow("Berlin", berlinFallEve, QStringLiteral("in 24 hours"), QStringLiteral("2026-10-25T11:00:00+01:00"));
        // 02:45 the second time round: today's (first) 02:30 has passed.
        const QDateTime berlinFallRepeat
            = QDateTime(QDate(2026, 10, 25), QTime(1, 45), QTimeZone::utc()).toTimeZone(QTimeZone(berlin));
        addDueRow("Berlin", berlinFallRepeat, QStringLiteral("2:30am"), QStringLiteral("2026-10-26T02:30:00+01:00"));
        addDueRow("Berlin", berlinFallRepeat, QStringLiteral("at 2:30"), QStringLiteral("2026-10-25T14:30:00+01:00"));
        addDueRow("Berlin", berlinFallRepeat, QStringLiteral("today 9pm"), QStringLiteral("2026-10-25T21:00:00+01:00"));

        // New York springs forward on 8 March 2026 (02:00 -> 03:00) and falls back on 1 November (02:00 -> 01:00).
        const QDateTime nySpringEve = localTime(newYork, 2026, 3, 7, 12);
        addDueRow("NY", nySpringEve, QStringLiteral("tomorrow at 2:30am"), QStringLiteral("2026-03-08T03:30:00-04:00"));
        addDueRow("NY", nySpringEve, QStringLiteral("tomorrow 2am"), QStringLiteral("2026-03-08T03:00:00-04:00"));
        addDueRow("NY", nySpringEve, QStringLiteral("tomorrow 1:30am"), QStringLiteral("2026-03-08T01:30:00-05:00"));
        addDueRow("NY", nySpringEve, QStringLiteral("tomorrow 9pm"), QStringLiteral("2026-03-08T21:00:00-04:00"));
        addDueRow("NY", nySpringEve, QStringLiteral("in 24 hours"), QStringLiteral("2026-03-08T13:00:00-04:00"));
        const QDateTime nySpringDay = localTime(newYork, 2026, 3, 8, 1, 30);
        addDueRow("NY", nySpringDay, QStringLiteral("today 9pm"), QStringLiteral("2026-03-08T21:00:00-04:00"));
        addDueRow("NY", nySpringDay, QStringLiteral("2:30am"), QStringLiteral("2026-03-08T03:30:00-04:00"));
        addDueRow("NY", nySpringDay, QStringLiteral("in 2 hours"), QStringLiteral("2026-03-08T04:30:00-04:00"));
        const QDateTime nyFallEve = localTime(newYork, 2026, 10, 31, 12);
        addDueRow("NY", nyFallEve, QStringLiteral("tomorrow at 1:30am"), QStringLiteral("2026-11-01T01:30:00-04:00"));
        addDueRow("NY", nyFallEve, QStringLiteral("tomorrow 2am"), QStringLiteral("2026-11-01T02:00:00-05:00"));
        addDueRow("NY", nyFallEve, QStringLiteral("tomorrow 9pm"), QStringLiteral("2026-11-01T21:00:00-05:00"));
        addDueRow("NY", nyFallEve, QStringLiteral("in 24 hours"), QStringLiteral("2026-11-01T11:00:00-05:00"));
        // 01:45 the second time round (EST).
        const QDateTime nyFallRepeat
            = QDateTime(QDate(2026, 11, 1), QTime(6, 45), QTimeZone::utc()).toTimeZone(QTimeZone(newYork));
        addDueRow("NY", nyFallRepeat, QStringLiteral("1:30am"), QStringLiteral("2026-11-02T01:30:00-05:00"));
        addDueRow("NY", nyFallRepeat, QStringLiteral("today 9pm"), QStringLiteral("2026-11-01T21:00:00-05:00"));

        // Inside a longer text, the span is the phrase alone.
        addDueRow("NY", wednesday(newYork), QStringLiteral("push the Monday report to friday"),
                  QStringLiteral("2026-11-27"), QStringLiteral("friday"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("dentist on Mar 3 at 4:15pm please"),
                  QStringLiteral("2027-03-03T16:15:00-05:00"), QStringLiteral("Mar 3 at 4:15pm"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("\"due tomorrow\" on friday"), QStringLiteral("2026-11-27"),
                  QStringLiteral("friday"));
        addDueRow("NY", wednesday(newYork), QStringLiteral("#friday tomorrow"), QStringLiteral("2026-11-26"),
                  QStringLiteral("tomorrow"));
    }

    void findDue_dateExpression_resolvesInZone()
    {
        QFETCH(QDateTime, now);
        QFETCH(QString, input);
        QFETCH(QString, expectedDue);
        QFETCH(QString, expectedSpan);
        const ParseContext context = contextAt(now);

        const auto match = QuickAddParser::findDue(input, context);
        QCOMPARE(match.has_value(), !expectedDue.isEmpty());
        if (match) {
            QCOMPARE(dueText(match->due), expectedDue);
            QCOMPARE(input.mid(match->start, match->length), expectedSpan);
            QCOMPARE(match->hasTime, match->due.hasTime());
        }

        // As part of a task, the phrase leaves the title and gives the same due.
        const QString task = QStringLiteral("Do it ") + input;
        const QuickAdd parsed = QuickAddParser::parse(task, context);
        QCOMPARE(dueText(parsed.due), expectedDue);
        if (expectedSpan == input)
            QCOMPARE(parsed.title, QStringLiteral("Do it"));
        QVERIFY2(brokenInvariant(parsed).isEmpty(), qPrintable(brokenInvariant(parsed)));
    }

    void findDue_withRepeat_givesTheDueParseGives_data()
    {
        QTest::addColumn<QString>("input");
        // A fuzzer seed that found findDue() and parse() disagreeing: the
        // repeat moves Monday to the first Friday from it.
        QTest::newRow("seed") << QStringLiteral(
            "Update the Monday report, Monday meeting notes, every friday, call mom monday");
        QTest::newRow("date then repeat") << QStringLiteral("call mom monday every friday");
        QTest::newRow("repeat then time") << QStringLiteral("standup every weekday at 9am");
    }

    void findDue_withRepeat_givesTheDueParseGives()
    {
        QFETCH(QString, input);
        const ParseContext context = contextAt(wednesday("Europe/Berlin"));
        const QuickAdd parsed = QuickAddParser::parse(input, context);
        QVERIFY(parsed.repeat);
        const auto match = QuickAddParser::findDue(input, context);
        QVERIFY(match);
        QCOMPARE(match->due, parsed.due);
        QCOMPARE(match->hasTime, parsed.due.hasTime());
    }

    void findDue_weekdayFromEachDayOfTheWeek_followsWeekRules_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expectedDue");

        // Monday 23 .. Sunday 29 November 2026 (weeks run Monday to Sunday).
        struct Expectation
        {
            const char *phrase;
            const char *fromEachDay[7];
        };
        const Expectation expectations[] = {
            // A bare weekday is the next one strictly after today.
            {"friday", {"27", "27", "27", "27", "12-04", "12-04", "12-04"}},
            {"on fri", {"27", "27", "27", "27", "12-04", "12-04", "12-04"}},
            {"monday", {"30", "30", "30", "30", "30", "30", "30"}},
            {"sunday", {"29", "29", "29", "29", "29", "29", "12-06"}},
            // "this": this week's, or next week's once it has passed.
            {"this friday", {"27", "27", "27", "27", "27", "12-04", "12-04"}},
            {"this monday", {"23", "30", "30", "30", "30", "30", "30"}},
            {"this sunday", {"29", "29", "29", "29", "29", "29", "29"}},
            // "next": next week's.
            {"next friday", {"12-04", "12-04", "12-04", "12-04", "12-04", "12-04", "12-04"}},
            {"next monday", {"30", "30", "30", "30", "30", "30", "30"}},
            {"this weekend", {"28", "28", "28", "28", "28", "28", "29"}},
            {"next weekend", {"12-05", "12-05", "12-05", "12-05", "12-05", "12-05", "12-05"}},
        };
        for (const Expectation &expectation : expectations) {
            for (int day = 0; day < 7; ++day) {
                const QDateTime now = localTime(day % 2 ? berlin : newYork, 2026, 11, 23 + day, 10);
                const QString short_ = QString::fromLatin1(expectation.fromEachDay[day]);
                const QString expected
                    = QStringLiteral("2026-") + (short_.size() == 2 ? QStringLiteral("11-") + short_ : short_);
                QTest::addRow("%s on %s", expectation.phrase, qPrintable(now.date().toString(QStringLiteral("ddd d"))))
                    << now << QString::fromLatin1(expectation.phrase) << expected;
            }
        }
    }

    void findDue_weekdayFromEachDayOfTheWeek_followsWeekRules()
    {
        QFETCH(QDateTime, now);
        QFETCH(QString, input);
        QFETCH(QString, expectedDue);
        const auto match = QuickAddParser::findDue(input, contextAt(now));
        QVERIFY(match);
        QCOMPARE(dueText(match->due), expectedDue);
        QVERIFY(!match->hasTime);
    }

    void findDue_slashDate_followsLocaleOrder_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expectedDue");

        const QLocale us(QLocale::English, QLocale::UnitedStates);
        const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
        const QLocale german(QLocale::German, QLocale::Germany);
        const QLocale swedish(QLocale::Swedish, QLocale::Sweden); // yyyy-MM-dd: month before day
        QTest::newRow("en_US 3/14 month first") << us << QStringLiteral("3/14") << QStringLiteral("2027-03-14");
        QTest::newRow("en_US 14/3 no month 14") << us << QStringLiteral("14/3") << QString();
        QTest::newRow("en_US 3/4") << us << QStringLiteral("3/4") << QStringLiteral("2027-03-04");
        QTest::newRow("en_US 12/25 this year") << us << QStringLiteral("12/25") << QStringLiteral("2026-12-25");
        QTest::newRow("en_US 11/25 today") << us << QStringLiteral("11/25") << QStringLiteral("2026-11-25");
        QTest::newRow("en_US 3/14/2027") << us << QStringLiteral("3/14/2027") << QStringLiteral("2027-03-14");
        QTest::newRow("en_US 3/14/28") << us << QStringLiteral("3/14/28") << QStringLiteral("2028-03-14");
        QTest::newRow("en_GB 14/3 day first") << uk << QStringLiteral("14/3") << QStringLiteral("2027-03-14");
        QTest::newRow("en_GB 3/14 no month 14") << uk << QStringLiteral("3/14") << QString();
        QTest::newRow("en_GB 3/4") << uk << QStringLiteral("3/4") << QStringLiteral("2027-04-03");
        QTest::newRow("en_GB 25/12") << uk << QStringLiteral("25/12") << QStringLiteral("2026-12-25");
        QTest::newRow("en_GB 14/3/2027") << uk << QStringLiteral("14/3/2027") << QStringLiteral("2027-03-14");
        QTest::newRow("de_DE 14/3") << german << QStringLiteral("14/3") << QStringLiteral("2027-03-14");
        QTest::newRow("de_DE 3/4") << german << QStringLiteral("3/4") << QStringLiteral("2027-04-03");
        QTest::newRow("sv_SE 3/4") << swedish << QStringLiteral("3/4") << QStringLiteral("2027-03-04");
        QTest::newRow("en_GB year first") << uk << QStringLiteral("2027/03/14") << QStringLiteral("2027-03-14");
        QTest::newRow("en_US 3/45") << us << QStringLiteral("3/45") << QString();
        QTest::newRow("en_US 0/12") << us << QStringLiteral("0/12") << QString();
        QTest::newRow("en_US 3/14/x") << us << QStringLiteral("3/14/x") << QString();
        QTest::newRow("en_US 1/2/3/4") << us << QStringLiteral("1/2/3/4") << QString();
    }

    void findDue_slashDate_followsLocaleOrder()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, input);
        QFETCH(QString, expectedDue);
        const auto match = QuickAddParser::findDue(input, contextAt(wednesday(berlin), locale));
        QCOMPARE(match.has_value(), !expectedDue.isEmpty());
        if (match) {
            QCOMPARE(dueText(match->due), expectedDue);
            QCOMPARE(match->length, input.size());
        }
    }

    void parse_message_givesTitleDuePriorityTagsAndSpans_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("due");
        QTest::addColumn<QString>("priority"); // empty: not mentioned
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("spans"); // "kind:text"

        const auto row = [](const char *name, const QString &input, const QString &title, const QString &due,
                            const QString &priority, const QStringList &tags, const QStringList &spans) {
            QTest::newRow(name) << input << title << due << priority << tags << spans;
        };
        const auto unchanged = [&row](const char *name, const QString &input) {
            row(name, input, input.simplified(), QString(), QString(), {}, {});
        };
        const QString tomorrow = QStringLiteral("2026-11-26");
        const QString none;

        // Everything at once.
        row("all parts", QStringLiteral("Call mom tomorrow at 9 #family p2"), QStringLiteral("Call mom"),
            QStringLiteral("2026-11-26T09:00:00-05:00"), QStringLiteral("high"), {QStringLiteral("family")},
            {QStringLiteral("due:tomorrow at 9"), QStringLiteral("tag:#family"), QStringLiteral("priority:p2")});
        row("parts first", QStringLiteral("!urgent #ops tomorrow 9am restart the cluster"),
            QStringLiteral("restart the cluster"), QStringLiteral("2026-11-26T09:00:00-05:00"),
            QStringLiteral("urgent"), {QStringLiteral("ops")},
            {QStringLiteral("priority:!urgent"), QStringLiteral("tag:#ops"), QStringLiteral("due:tomorrow 9am")});
        row("release next week", QStringLiteral("Ship it next week #release !high"), QStringLiteral("Ship it"),
            QStringLiteral("2026-11-30"), QStringLiteral("high"), {QStringLiteral("release")},
            {QStringLiteral("due:next week"), QStringLiteral("tag:#release"), QStringLiteral("priority:!high")});

        // Dates and the words that introduce them.
        row("by weekday", QStringLiteral("Submit report by friday"), QStringLiteral("Submit report"),
            QStringLiteral("2026-11-27"), none, {}, {QStringLiteral("due:friday")});
        row("on date at time", QStringLiteral("Meeting on March 3 at 9"), QStringLiteral("Meeting"),
            QStringLiteral("2027-03-03T09:00:00-05:00"), none, {}, {QStringLiteral("due:March 3 at 9")});
        row("due end of month", QStringLiteral("Pay rent due end of month"), QStringLiteral("Pay rent"),
            QStringLiteral("2026-11-30"), none, {}, {QStringLiteral("due:end of month")});
        row("due by", QStringLiteral("Taxes due by 2027-04-15"), QStringLiteral("Taxes"), QStringLiteral("2027-04-15"),
            none, {}, {QStringLiteral("due:2027-04-15")});
        row("at home stays", QStringLiteral("Work at home tomorrow"), QStringLiteral("Work at home"), tomorrow, none,
            {}, {QStringLiteral("due:tomorrow")});
        row("weekday after name", QStringLiteral("Call mom monday"), QStringLiteral("Call mom"),
            QStringLiteral("2026-11-30"), none, {}, {QStringLiteral("due:monday")});
        row("weekday first", QStringLiteral("Monday lunch with Ana"), QStringLiteral("lunch with Ana"),
            QStringLiteral("2026-11-30"), none, {}, {QStringLiteral("due:Monday")});
        row("abbreviation with on", QStringLiteral("Mow the lawn on sat"), QStringLiteral("Mow the lawn"),
            QStringLiteral("2026-11-28"), none, {}, {QStringLiteral("due:sat")});
        row("abbreviation with time", QStringLiteral("Gym fri 7am"), QStringLiteral("Gym"),
            QStringLiteral("2026-11-27T07:00:00-05:00"), none, {}, {QStringLiteral("due:fri 7am")});
        row("time then date", QStringLiteral("Dentist at 4pm tomorrow"), QStringLiteral("Dentist"),
            QStringLiteral("2026-11-26T16:00:00-05:00"), none, {}, {QStringLiteral("due:at 4pm tomorrow")});
        row("time on weekday", QStringLiteral("Standup 9am on friday"), QStringLiteral("Standup"),
            QStringLiteral("2026-11-27T09:00:00-05:00"), none, {}, {QStringLiteral("due:9am on friday")});
        row("ambiguous at 3", QStringLiteral("Pick up kids at 3"), QStringLiteral("Pick up kids"),
            QStringLiteral("2026-11-25T15:00:00-05:00"), none, {}, {QStringLiteral("due:at 3")});
        row("by bare time", QStringLiteral("Call by 5:30"), QStringLiteral("Call"),
            QStringLiteral("2026-11-25T17:30:00-05:00"), none, {}, {QStringLiteral("due:5:30")});
        row("noon", QStringLiteral("Meet at noon"), QStringLiteral("Meet"), QStringLiteral("2026-11-25T12:00:00-05:00"),
            none, {}, {QStringLiteral("due:at noon")});
        row("midnight", QStringLiteral("Party at midnight"), QStringLiteral("Party"),
            QStringLiteral("2026-11-26T00:00:00-05:00"), none, {}, {QStringLiteral("due:at midnight")});
        row("in two weeks", QStringLiteral("Renew passport in 2 weeks"), QStringLiteral("Renew passport"),
            QStringLiteral("2026-12-09"), none, {}, {QStringLiteral("due:in 2 weeks")});
        row("date first", QStringLiteral("Mar 3rd dentist"), QStringLiteral("dentist"), QStringLiteral("2027-03-03"),
            none, {}, {QStringLiteral("due:Mar 3rd")});
        row("day of month", QStringLiteral("Buy gift 3rd of March"), QStringLiteral("Buy gift"),
            QStringLiteral("2027-03-03"), none, {}, {QStringLiteral("due:3rd of March")});
        row("shouting", QStringLiteral("CALL MOM TOMORROW AT 9AM"), QStringLiteral("CALL MOM"),
            QStringLiteral("2026-11-26T09:00:00-05:00"), none, {}, {QStringLiteral("due:TOMORROW AT 9AM")});
        // Several dates: the last wins, unless an earlier one has a time.
        row("the last date wins", QStringLiteral("Call Bob tomorrow or friday"), QStringLiteral("Call Bob tomorrow or"),
            QStringLiteral("2026-11-27"), none, {}, {QStringLiteral("due:friday")});
        row("the later real date", QStringLiteral("Plan the roadmap for next year next monday 9am"),
            QStringLiteral("Plan the roadmap for next year"), QStringLiteral("2026-11-30T09:00:00-05:00"), none, {},
            {QStringLiteral("due:next monday 9am")});
        row("a date with a time beats a later one", QStringLiteral("Dentist tomorrow at 9am before friday"),
            QStringLiteral("Dentist before friday"), QStringLiteral("2026-11-26T09:00:00-05:00"), none, {},
            {QStringLiteral("due:tomorrow at 9am")});
        row("year out of range stays", QStringLiteral("March 3 3000 is far"), QStringLiteral("3000 is far"),
            QStringLiteral("2027-03-03"), none, {}, {QStringLiteral("due:March 3")});
        row("version and phone stay", QStringLiteral("v1.2.3 release call 555-1234 tomorrow"),
            QStringLiteral("v1.2.3 release call 555-1234"), tomorrow, none, {}, {QStringLiteral("due:tomorrow")});

        // Title clean-up.
        row("whitespace collapses", QStringLiteral("  Buy \t milk\n  tomorrow  "), QStringLiteral("Buy milk"), tomorrow,
            none, {}, {QStringLiteral("due:tomorrow")});
        row("empty brackets go", QStringLiteral("Call mom (tomorrow)"), QStringLiteral("Call mom"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        row("trailing comma goes", QStringLiteral("Buy milk, tomorrow"), QStringLiteral("Buy milk"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        row("lone dash goes", QStringLiteral("Buy milk - tomorrow"), QStringLiteral("Buy milk"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        row("leading colon goes", QStringLiteral("Tomorrow: call mom"), QStringLiteral("call mom"), tomorrow, none, {},
            {QStringLiteral("due:Tomorrow")});
        row("comma closes up", QStringLiteral("Dentist tomorrow at 9am, then lunch"),
            QStringLiteral("Dentist, then lunch"), QStringLiteral("2026-11-26T09:00:00-05:00"), none, {},
            {QStringLiteral("due:tomorrow at 9am")});
        row("final period stays", QStringLiteral("Buy milk. tomorrow"), QStringLiteral("Buy milk."), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        // Nothing left to be the task: no title, and the caller asks for one.
        row("everything recognised", QStringLiteral("tomorrow  p1"), QString(), tomorrow, QStringLiteral("urgent"), {},
            {QStringLiteral("due:tomorrow"), QStringLiteral("priority:p1")});
        row("only tags", QStringLiteral("#work #home"), QString(), none, none,
            {QStringLiteral("work"), QStringLiteral("home")},
            {QStringLiteral("tag:#work"), QStringLiteral("tag:#home")});
        row("empty input", QString(), QString(), none, none, {}, {});
        row("blank input", QStringLiteral(" \t "), QString(), none, none, {}, {});

        // Priority words and markers.
        row("urgent word", QStringLiteral("urgent: fix the server"), QStringLiteral("fix the server"), none,
            QStringLiteral("urgent"), {}, {QStringLiteral("priority:urgent")});
        row("important", QStringLiteral("Read important email"), QStringLiteral("Read email"), none,
            QStringLiteral("high"), {}, {QStringLiteral("priority:important")});
        row("high priority", QStringLiteral("Plan trip high priority"), QStringLiteral("Plan trip"), none,
            QStringLiteral("high"), {}, {QStringLiteral("priority:high priority")});
        row("priority low", QStringLiteral("Plan trip priority low"), QStringLiteral("Plan trip"), none,
            QStringLiteral("low"), {}, {QStringLiteral("priority:priority low")});
        row("priority colon", QStringLiteral("priority: medium Sort photos"), QStringLiteral("Sort photos"), none,
            QStringLiteral("medium"), {}, {QStringLiteral("priority:priority: medium")});
        row("medium priority", QStringLiteral("Sort photos medium priority"), QStringLiteral("Sort photos"), none,
            QStringLiteral("medium"), {}, {QStringLiteral("priority:medium priority")});
        row("low priority and tag", QStringLiteral("Clean garage low priority #home"), QStringLiteral("Clean garage"),
            none, QStringLiteral("low"), {QStringLiteral("home")},
            {QStringLiteral("priority:low priority"), QStringLiteral("tag:#home")});
        row("!low", QStringLiteral("Water plants !low"), QStringLiteral("Water plants"), none, QStringLiteral("low"),
            {}, {QStringLiteral("priority:!low")});
        row("!medium", QStringLiteral("!medium Water plants"), QStringLiteral("Water plants"), none,
            QStringLiteral("medium"), {}, {QStringLiteral("priority:!medium")});
        row("!!!", QStringLiteral("Deploy !!!"), QStringLiteral("Deploy"), none, QStringLiteral("high"), {},
            {QStringLiteral("priority:!!!")});
        row("p1", QStringLiteral("File taxes p1"), QStringLiteral("File taxes"), none, QStringLiteral("urgent"), {},
            {QStringLiteral("priority:p1")});
        row("p3", QStringLiteral("File taxes p3"), QStringLiteral("File taxes"), none, QStringLiteral("medium"), {},
            {QStringLiteral("priority:p3")});
        row("P4", QStringLiteral("File taxes P4"), QStringLiteral("File taxes"), none, QStringLiteral("low"), {},
            {QStringLiteral("priority:P4")});
        row("bracketed p1", QStringLiteral("Pay (p1) rent"), QStringLiteral("Pay rent"), none, QStringLiteral("urgent"),
            {}, {QStringLiteral("priority:p1")});
        row("first priority wins", QStringLiteral("Pay bills p2 urgent"), QStringLiteral("Pay bills"), none,
            QStringLiteral("high"), {}, {QStringLiteral("priority:p2"), QStringLiteral("priority:urgent")});

        // Tags.
        row("tags dedupe ignoring case", QStringLiteral("Tags #Work #home #work #été"), QStringLiteral("Tags"), none,
            none, {QStringLiteral("Work"), QStringLiteral("home"), QStringLiteral("été")},
            {QStringLiteral("tag:#Work"), QStringLiteral("tag:#home"), QStringLiteral("tag:#work"),
             QStringLiteral("tag:#été")});
        row("tag with dash and digits", QStringLiteral("fix #bug-123 asap"), QStringLiteral("fix"), none,
            QStringLiteral("urgent"), {QStringLiteral("bug-123")},
            {QStringLiteral("tag:#bug-123"), QStringLiteral("priority:asap")});
        row("tag trailing dash", QStringLiteral("note #work- done"), QStringLiteral("note - done"), none, none,
            {QStringLiteral("work")}, {QStringLiteral("tag:#work")});
        row("cyrillic tag", QStringLiteral("Купить #дом молоко"), QStringLiteral("Купить молоко"), none, none,
            {QStringLiteral("дом")}, {QStringLiteral("tag:#дом")});
        row("tag in brackets", QStringLiteral("Plan (#trip) now"), QStringLiteral("Plan now"), none, none,
            {QStringLiteral("trip")}, {QStringLiteral("tag:#trip")});
        row("tag at end with period", QStringLiteral("Plan #trip."), QStringLiteral("Plan."), none, none,
            {QStringLiteral("trip")}, {QStringLiteral("tag:#trip")});

        // Quotes: taken literally.
        row("quoted words stay", QStringLiteral("add \"finish the done list tomorrow\""),
            QStringLiteral("add \"finish the done list tomorrow\""), none, none, {}, {});
        row("whole quote loses quotes", QStringLiteral("\"finish the done list tomorrow\""),
            QStringLiteral("finish the done list tomorrow"), none, none, {}, {});
        row("quote and a date", QStringLiteral("\"Call urgent #ops p1\" friday"), QStringLiteral("Call urgent #ops p1"),
            QStringLiteral("2026-11-27"), none, {}, {QStringLiteral("due:friday")});
        row("single quotes", QStringLiteral("Read 'Tomorrow never dies' friday"),
            QStringLiteral("Read 'Tomorrow never dies'"), QStringLiteral("2026-11-27"), none, {},
            {QStringLiteral("due:friday")});
        row("curly quotes", QStringLiteral("Watch “Next Friday” tonight"), QStringLiteral("Watch “Next Friday”"),
            QStringLiteral("2026-11-25T20:00:00-05:00"), none, {}, {QStringLiteral("due:tonight")});
        row("apostrophes are no quotes", QStringLiteral("Don't forget mom's birthday tomorrow"),
            QStringLiteral("Don't forget mom's birthday"), tomorrow, none, {}, {QStringLiteral("due:tomorrow")});
        row("unclosed quote parses", QStringLiteral("Say \"hi tomorrow"), QStringLiteral("Say \"hi"), tomorrow, none,
            {}, {QStringLiteral("due:tomorrow")});

        // Text around dates in other scripts.
        row("emoji around", QStringLiteral("😀 tomorrow 😀"), QStringLiteral("😀 😀"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        row("emoji glued", QStringLiteral("🎂tomorrow"), QStringLiteral("🎂"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        row("hebrew before", QStringLiteral("לקנות חלב tomorrow"), QStringLiteral("לקנות חלב"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});
        row("arabic after", QStringLiteral("tomorrow at 9am مكالمة"), QStringLiteral("مكالمة"),
            QStringLiteral("2026-11-26T09:00:00-05:00"), none, {}, {QStringLiteral("due:tomorrow at 9am")});
        row("rtl mark before", QStringLiteral("חלב \u200Ftomorrow"), QStringLiteral("חלב \u200F"), tomorrow, none, {},
            {QStringLiteral("due:tomorrow")});

        // Traps: nothing here is a date, a priority or a tag.
        unchanged("plain", QStringLiteral("Call mom"));
        unchanged("the Monday report", QStringLiteral("Update the Monday report"));
        unchanged("weekday before noun", QStringLiteral("Monday meeting notes"));
        unchanged("the weekly digest", QStringLiteral("Read the weekly digest"));
        unchanged("my daily walk", QStringLiteral("Enjoy my daily walk"));
        unchanged("everyday", QStringLiteral("Buy everyday essentials"));
        unchanged("every task", QStringLiteral("Review every task"));
        unchanged("possessive before", QStringLiteral("Read John's Monday plan"));
        unchanged("possessive after", QStringLiteral("Prepare Friday's party"));
        unchanged("today's", QStringLiteral("Print today's agenda"));
        unchanged("sun cream", QStringLiteral("Buy sun cream"));
        unchanged("may I", QStringLiteral("May I call you"));
        unchanged("march on", QStringLiteral("March on"));
        unchanged("urgently", QStringLiteral("Fix login bug urgently"));
        unchanged("high alone", QStringLiteral("Hang the picture high"));
        unchanged("p5", QStringLiteral("Ship p5 units"));
        unchanged("mp1ab", QStringLiteral("Book flight mp1ab"));
        unchanged("p1 glued", QStringLiteral("Buy p1x cable"));
        unchanged("one bang", QStringLiteral("Call mom!"));
        unchanged("glued bangs", QStringLiteral("Do it now!!!"));
        unchanged("bang word", QStringLiteral("Say !hello"));
        unchanged("C#", QStringLiteral("Learn C# book"));
        unchanged("email#1", QStringLiteral("Reply email#1"));
        unchanged("issue number", QStringLiteral("Fix bug #123"));
        unchanged("hash alone", QStringLiteral("Use the # sign"));
        unchanged("url fragment", QStringLiteral("Read https://example.com/#top"));
        unchanged("bare at", QStringLiteral("Call mom at"));
        unchanged("at a word", QStringLiteral("Look at this"));
        unchanged("bare number", QStringLiteral("Buy 3 apples"));
        unchanged("verse", QStringLiteral("Read John 3:16"));
        unchanged("bare clock-ish", QStringLiteral("Meeting 5:30"));
        unchanged("month 45", QStringLiteral("Dinner 3/45"));
        unchanged("feb 30", QStringLiteral("Party Feb 30"));
        unchanged("13pm", QStringLiteral("Alarm 13pm"));
        unchanged("25:00", QStringLiteral("Alarm at 25:00"));
        unchanged("9:75", QStringLiteral("Alarm at 9:75"));
        unchanged("tomorrows", QStringLiteral("All our tomorrows"));
        unchanged("glued to letters", QStringLiteral("xtomorrow and fridayx"));
        unchanged("path", QStringLiteral("Open docs/tomorrow/notes"));
        unchanged("in a while", QStringLiteral("Rest in a while"));
        unchanged("next time", QStringLiteral("Do it next time"));
        unchanged("this one", QStringLiteral("Fix this one"));
        unchanged("end of story", QStringLiteral("end of story"));
        unchanged("the day after", QStringLiteral("the day after the party"));
        unchanged("in 1000 days", QStringLiteral("Plant trees in 1000 days"));
    }

    void parse_message_givesTitleDuePriorityTagsAndSpans()
    {
        QFETCH(QString, input);
        QFETCH(QString, title);
        QFETCH(QString, due);
        QFETCH(QString, priority);
        QFETCH(QStringList, tags);
        QFETCH(QStringList, spans);
        const ParseContext context = contextAt(wednesday(newYork));

        const QuickAdd parsed = QuickAddParser::parse(input, context);
        QCOMPARE(parsed.text, input);
        QCOMPARE(parsed.title, title);
        QCOMPARE(dueText(parsed.due), due);
        QCOMPARE(parsed.priority ? taskPriorityName(*parsed.priority) : QString(), priority);
        QCOMPARE(parsed.tags, tags);
        QCOMPARE(spanTexts(parsed), spans);
        QVERIFY2(brokenInvariant(parsed).isEmpty(), qPrintable(brokenInvariant(parsed)));
        // scan() reports what parse() recognised; findDue() its date phrase.
        QCOMPARE(QuickAddParser::scan(input, context), parsed.spans);
        const auto match = QuickAddParser::findDue(input, context);
        QCOMPARE(match ? dueText(match->due) : QString(), due);
    }

    void parse_repeatPhrase_givesRuleFirstDueAndSpan_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("due");
        QTest::addColumn<QString>("repeat"); // describeRepeat()
        QTest::addColumn<QString>("span");
        // Wednesday 2026-11-25 10:00 in New York.
        QTest::newRow("every monday") << "Water plants every monday"
                                      << "Water plants"
                                      << "2026-11-30"
                                      << "every week on Mon"
                                      << "repeat:every monday";
        QTest::newRow("every 2 weeks") << "Report every 2 weeks"
                                       << "Report"
                                       << "2026-11-25"
                                       << "every 2 weeks"
                                       << "repeat:every 2 weeks";
        QTest::newRow("every month on the 1st") << "Pay rent every month on the 1st"
                                                << "Pay rent"
                                                << "2026-12-01"
                                                << "every month on the 1st"
                                                << "repeat:every month on the 1st";
        QTest::newRow("daily") << "Stretch daily"
                               << "Stretch"
                               << "2026-11-25"
                               << "daily"
                               << "repeat:daily";
        QTest::newRow("weekly") << "weekly review"
                                << "review"
                                << "2026-11-25"
                                << "weekly"
                                << "repeat:weekly";
        QTest::newRow("every weekday") << "Standup every weekday"
                                       << "Standup"
                                       << "2026-11-25"
                                       << "every weekday"
                                       << "repeat:every weekday";
        QTest::newRow("every other day") << "Run every other day"
                                         << "Run"
                                         << "2026-11-25"
                                         << "every 2 days"
                                         << "repeat:every other day";
        QTest::newRow("every year") << "Renew domain every year"
                                    << "Renew domain"
                                    << "2026-11-25"
                                    << "yearly"
                                    << "repeat:every year";
        QTest::newRow("tuesday and thursday") << "Gym every tuesday and thursday"
                                              << "Gym"
                                              << "2026-11-26"
                                              << "every week on Tue and Thu"
                                              << "repeat:every tuesday and thursday";
        QTest::newRow("with a time") << "Call mom every sunday at 6pm"
                                     << "Call mom"
                                     << "2026-11-29T18:00:00-05:00"
                                     << "every week on Sun"
                                     << "repeat:every sunday";
        QTest::newRow("with a start date") << "Pay rent monthly on dec 5"
                                           << "Pay rent"
                                           << "2026-12-05"
                                           << "monthly"
                                           << "repeat:monthly";
        QTest::newRow("the 15th of every month") << "Invoice on the 15th of every month"
                                                 << "Invoice"
                                                 << "2026-12-15"
                                                 << "every month on the 15th"
                                                 << "repeat:on the 15th of every month";
        QTest::newRow("every 3 months") << "Rotate tires every three months"
                                        << "Rotate tires"
                                        << "2026-11-25"
                                        << "every 3 months"
                                        << "repeat:every three months";
        QTest::newRow("mon, wed & fri") << "Swim every mon, wed & fri"
                                        << "Swim"
                                        << "2026-11-25"
                                        << "every week on Mon, Wed and Fri"
                                        << "repeat:every mon, wed & fri";
    }

    void parse_repeatPhrase_givesRuleFirstDueAndSpan()
    {
        QFETCH(QString, input);
        QFETCH(QString, title);
        QFETCH(QString, due);
        QFETCH(QString, repeat);
        QFETCH(QString, span);
        const QuickAdd parsed = QuickAddParser::parse(input, contextAt(wednesday(newYork)));
        QCOMPARE(parsed.title, title);
        QCOMPARE(dueText(parsed.due), due);
        QVERIFY(parsed.repeat);
        QCOMPARE(describeRepeat(*parsed.repeat), repeat);
        QCOMPARE(parsed.repeat->timeZone, newYork);
        QVERIFY(spanTexts(parsed).contains(span));
        QVERIFY2(brokenInvariant(parsed).isEmpty(), qPrintable(brokenInvariant(parsed)));
        const auto draft = taskDraftFromQuickAdd(parsed);
        QVERIFY(draft);
        QCOMPARE(draft->repeat, parsed.repeat);
        QCOMPARE(quickAddToJson(parsed).value(QStringLiteral("repeat")).toObject().value(QStringLiteral("unit")),
                 QJsonValue(repeatUnitName(parsed.repeat->unit)));
    }

    void parse_contextEdges_areHandled()
    {
        // An invalid "now" recognises no date or time, but priorities and tags still.
        ParseContext noClock;
        noClock.timeZone = QTimeZone(berlin);
        const QuickAdd parsed = QuickAddParser::parse(QStringLiteral("Call mom tomorrow p1 #family"), noClock);
        QVERIFY(parsed.due.isNone());
        QCOMPARE(parsed.title, QStringLiteral("Call mom tomorrow"));
        QCOMPARE(parsed.priority, std::optional(TaskPriority::Urgent));
        QCOMPARE(parsed.tags, QStringList{QStringLiteral("family")});

        // An invalid zone means "now"'s own offset.
        ParseContext fixedOffset;
        fixedOffset.now = QDateTime(QDate(2026, 11, 25), QTime(23, 30), QTimeZone::utc());
        QCOMPARE(dueText(QuickAddParser::parse(QStringLiteral("x tomorrow at 9am"), fixedOffset).due),
                 QStringLiteral("2026-11-26T09:00:00Z"));

        // "now" at another offset is seen in the user's zone: 23:30 UTC is already tomorrow in Berlin.
        ParseContext utcNow = fixedOffset;
        utcNow.timeZone = QTimeZone(berlin);
        QCOMPARE(dueText(QuickAddParser::parse(QStringLiteral("x today"), utcNow).due), QStringLiteral("2026-11-26"));
    }

    void parse_tooManyTags_keepsTheFirstFifty()
    {
        QString input = QStringLiteral("Tagged");
        for (int i = 0; i < TaskLimits::MaxTags + 5; ++i)
            input += QStringLiteral(" #t%1").arg(i);
        const QuickAdd parsed = QuickAddParser::parse(input, contextAt(wednesday(berlin)));
        QCOMPARE(parsed.tags.size(), TaskLimits::MaxTags);
        QCOMPARE(parsed.tags.last(), QStringLiteral("t%1").arg(TaskLimits::MaxTags - 1));
        QVERIFY(parsed.title.endsWith(QStringLiteral("#t%1").arg(TaskLimits::MaxTags + 4)));
        const QString longTag = QStringLiteral("#") + QString(TaskLimits::MaxTagLength + 1, u'a');
        QVERIFY(QuickAddParser::parse(longTag, contextAt(wednesday(berlin))).tags.isEmpty());
    }

    void quickAddToJson_parsed_hasTheWireShape()
    {
        const QuickAdd parsed
            = QuickAddParser::parse(QStringLiteral("Call 😀 tomorrow p2 #family"), contextAt(wednesday(berlin)));
        const QJsonObject json = quickAddToJson(parsed);
        QCOMPARE(json.value(QStringLiteral("title")).toString(), QStringLiteral("Call 😀"));
        QCOMPARE(json.value(QStringLiteral("due")).toString(), QStringLiteral("2026-11-26"));
        QCOMPARE(json.value(QStringLiteral("priority")).toString(), QStringLiteral("high"));
        QCOMPARE(json.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("family")});
        const QJsonArray spans = json.value(QStringLiteral("spans")).toArray();
        QCOMPARE(spans.size(), 3);
        const QJsonObject first = spans.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("due"));
        QCOMPARE(first.value(QStringLiteral("start")).toInt(), 8); // UTF-16: the emoji counts two
        QCOMPARE(first.value(QStringLiteral("length")).toInt(), 8);
        QCOMPARE(first.value(QStringLiteral("text")).toString(), QStringLiteral("tomorrow"));
        QCOMPARE(spans.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("priority"));
        QCOMPARE(spans.at(2).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("#family"));

        const QJsonObject bare
            = quickAddToJson(QuickAddParser::parse(QStringLiteral("Call mom"), contextAt(wednesday(berlin))));
        QVERIFY(bare.value(QStringLiteral("due")).isNull());
        QVERIFY(!bare.contains(QStringLiteral("priority")));
        QVERIFY(bare.value(QStringLiteral("spans")).toArray().isEmpty());
    }

    void parse_longOrHostileInput_keepsItsContract_data()
    {
        QTest::addColumn<QString>("input");
        const auto repeated = [](const char *unit, qsizetype length) {
            const QString piece = QString::fromUtf8(unit);
            return piece.repeated(length / piece.size() + 1).left(length);
        };
        QTest::newRow("prose with parts")
            << repeated("Call mom tomorrow at 9 #family p2 about the 3/14 party! ", 10'000);
        QTest::newRow("one long word") << repeated("a", 10'000);
        QTest::newRow("spaces") << repeated(" ", 10'000) + QStringLiteral("tomorrow");
        QTest::newRow("single quotes") << repeated("'a ", 10'000);
        QTest::newRow("double quotes") << repeated("\"", 10'000);
        QTest::newRow("hashes") << repeated("# ", 10'000);
        QTest::newRow("bangs") << repeated("!!! ", 10'000);
        QTest::newRow("slashes") << repeated("1/", 10'000);
        QTest::newRow("colons") << repeated("9:", 10'000);
        QTest::newRow("ats") << repeated("at ", 10'000);
        QTest::newRow("day after") << repeated("the day after ", 10'000);
        QTest::newRow("in in") << repeated("in ", 10'000);
        QTest::newRow("emoji") << repeated("😀", 10'000);
        QTest::newRow("emoji and words") << repeated("😀tomorrow ", 10'000);
        QTest::newRow("lone surrogates") << QString(5'000, QChar(0xD83D)) + QStringLiteral(" friday ")
                + QString(5'000, QChar(0xDE00));
        QTest::newRow("controls") << QStringLiteral("a\x01 tomorrow\x7f #x\x02 p1\x1b");
        QTest::newRow("digits") << repeated("1234567890", 10'000);
    }

    void parse_longOrHostileInput_keepsItsContract()
    {
        QFETCH(QString, input);
        const ParseContext context = contextAt(wednesday(berlin));
        QElapsedTimer timer;
        timer.start();
        const QuickAdd parsed = QuickAddParser::parse(input, context);
        const qint64 micros = timer.nsecsElapsed() / 1000;
        QVERIFY2(brokenInvariant(parsed).isEmpty(), qPrintable(brokenInvariant(parsed)));
        QCOMPARE(QuickAddParser::scan(input, context), parsed.spans);
        qInfo("%lld UTF-16 units parsed in %lld us", qint64(input.size()), micros);
    }

    void parse_typicalMessages_takeMicroseconds()
    {
        // Printed, not asserted: a timing assertion fails on a busy machine, not on a slow parser.
        const QStringList messages{
            QStringLiteral("Call mom tomorrow at 9 #family p2"),
            QStringLiteral("Submit the quarterly report by friday"),
            QStringLiteral("Dentist on March 3 at 4:15pm"),
            QStringLiteral("Pay rent due end of month !high"),
            QStringLiteral("Renew passport in 2 weeks #admin"),
            QStringLiteral("Buy milk, eggs and bread tonight"),
            QStringLiteral("Plan the offsite next week urgent"),
            QStringLiteral("Read 'Tomorrow never dies' this weekend"),
            QStringLiteral("Standup notes 9am on monday #work"),
            QStringLiteral("Water the plants the day after tomorrow"),
        };
        const ParseContext context = contextAt(wednesday(berlin));
        constexpr int rounds = 2'000;
        qsizetype recognised = 0;
        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < rounds; ++round) {
            for (const QString &message : messages)
                recognised += QuickAddParser::parse(message, context).due.isNone() ? 0 : 1;
        }
        const double nanos = double(timer.nsecsElapsed()) / (rounds * messages.size());
        QCOMPARE(recognised, qsizetype(rounds) * messages.size());
        qInfo("quick-add parse: %.0f ns (%.2f us) a message", nanos, nanos / 1000);
    }
};

QTEST_GUILESS_MAIN(TestQuickAddParser)
#include "tst_quickadd_parser.moc"
