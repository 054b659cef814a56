// The repeat rule (core/domain/repeat.h): the next-due rule as a data table
// (month ends, Feb 29, DST, weekday sets, intervals, long-overdue tasks),
// the first occurrence, validation limits, the wire form and its errors,
// the description, and completing a repeating task through patchedTask().
#include "domain/json.h"
#include "domain/repeat.h"
#include "domain/task.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace tandem;

Q_DECLARE_METATYPE(tandem::RepeatRule)

namespace {

RepeatRule rule(RepeatUnit unit, int interval, std::initializer_list<int> weekdays = {}, int monthDay = 0,
                const char *zone = "")
{
    RepeatRule r = RepeatRule::every(unit, interval);
    for (int day : weekdays)
        r.addWeekday(day);
    r.monthDay = monthDay;
    r.timeZone = zone;
    return r;
}

Due due(const char *text)
{
    return Due::fromIsoString(QString::fromLatin1(text)).value_or(Due());
}

QDateTime instant(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestRepeatRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextDue_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<RepeatRule>("rule");
        QTest::addColumn<QString>("completedAt");
        QTest::addColumn<QString>("expected");

        // Completed on its day: the next occurrence after the due.
        QTest::newRow("daily") << "2026-03-10" << rule(RepeatUnit::Day, 1) << "2026-03-10T12:00:00Z"
                               << "2026-03-11";
        QTest::newRow("every other day") << "2026-03-10" << rule(RepeatUnit::Day, 2) << "2026-03-10T12:00:00Z"
                                         << "2026-03-12";
        QTest::newRow("daily across the year end") << "2026-12-31" << rule(RepeatUnit::Day, 1) << "2026-12-31T08:00:00Z"
                                                   << "2027-01-01";
        QTest::newRow("weekly on the due's weekday")
            << "2026-03-10" << rule(RepeatUnit::Week, 1) << "2026-03-10T08:00:00Z"
            << "2026-03-17";
        QTest::newRow("every 2 weeks Mon+Thu, Mon -> Thu same week")
            << "2026-03-09" << rule(RepeatUnit::Week, 2, {1, 4}) << "2026-03-09T08:00:00Z"
            << "2026-03-12";
        QTest::newRow("every 2 weeks Mon+Thu, Thu -> Mon two weeks on")
            << "2026-03-12" << rule(RepeatUnit::Week, 2, {1, 4}) << "2026-03-12T08:00:00Z"
            << "2026-03-23";
        QTest::newRow("weekdays, Fri -> Mon")
            << "2026-03-13" << rule(RepeatUnit::Week, 1, {1, 2, 3, 4, 5}) << "2026-03-13T08:00:00Z"
            << "2026-03-16";
        QTest::newRow("weekly Sunday from a Wednesday due")
            << "2026-03-11" << rule(RepeatUnit::Week, 1, {7}) << "2026-03-11T08:00:00Z"
            << "2026-03-15";
        QTest::newRow("monthly on the 31st, Jan -> Feb 28")
            << "2026-01-31" << rule(RepeatUnit::Month, 1, {}, 31) << "2026-01-31T08:00:00Z"
            << "2026-02-28";
        QTest::newRow("monthly on the 31st, Feb 28 -> Mar 31")
            << "2026-02-28" << rule(RepeatUnit::Month, 1, {}, 31) << "2026-02-28T08:00:00Z"
            << "2026-03-31";
        QTest::newRow("monthly on the 31st, leap Feb 29")
            << "2028-01-31" << rule(RepeatUnit::Month, 1, {}, 31) << "2028-01-31T08:00:00Z"
            << "2028-02-29";
        QTest::newRow("monthly on the 15th from the 5th: same month")
            << "2026-03-05" << rule(RepeatUnit::Month, 1, {}, 15) << "2026-03-05T08:00:00Z"
            << "2026-03-15";
        QTest::newRow("every 3 months across the year")
            << "2026-11-30" << rule(RepeatUnit::Month, 3, {}, 30) << "2026-11-30T08:00:00Z"
            << "2027-02-28";
        QTest::newRow("yearly from Feb 29 -> Feb 28")
            << "2028-02-29" << rule(RepeatUnit::Year, 1) << "2028-02-29T08:00:00Z"
            << "2029-02-28";
        QTest::newRow("every 4 years from Feb 29 -> Feb 29")
            << "2028-02-29" << rule(RepeatUnit::Year, 4) << "2028-02-29T08:00:00Z"
            << "2032-02-29";
        // Completed early: still the next occurrence after the due.
        QTest::newRow("completed days early") << "2026-03-20" << rule(RepeatUnit::Week, 1) << "2026-03-15T08:00:00Z"
                                              << "2026-03-27";
        // Long overdue: the first occurrence after the completion day, on the schedule.
        QTest::newRow("daily, 40 days overdue") << "2026-02-01" << rule(RepeatUnit::Day, 1) << "2026-03-13T08:00:00Z"
                                                << "2026-03-14";
        QTest::newRow("every 3 days overdue keeps the cycle")
            << "2026-03-01" << rule(RepeatUnit::Day, 3) << "2026-03-12T08:00:00Z"
            << "2026-03-13";
        QTest::newRow("weekly Monday overdue -> next Monday")
            << "2026-02-02" << rule(RepeatUnit::Week, 1, {1}) << "2026-03-11T08:00:00Z"
            << "2026-03-16";
        QTest::newRow("monthly overdue by a year")
            << "2025-03-31" << rule(RepeatUnit::Month, 1, {}, 31) << "2026-04-10T08:00:00Z"
            << "2026-04-30";
        QTest::newRow("date-only uses the rule's zone for today")
            << "2026-03-10" << rule(RepeatUnit::Day, 1, {}, 0, "Pacific/Auckland") << "2026-03-11T20:00:00Z"
            << "2026-03-13";
        // Timed dues keep their wall-clock time.
        QTest::newRow("timed daily, fixed offset")
            << "2026-03-10T09:00:00+01:00" << rule(RepeatUnit::Day, 1) << "2026-03-10T08:30:00Z"
            << "2026-03-11T09:00:00+01:00";
        QTest::newRow("timed daily across spring DST (Berlin)")
            << "2026-03-28T09:00:00+01:00" << rule(RepeatUnit::Day, 1, {}, 0, "Europe/Berlin") << "2026-03-28T08:30:00Z"
            << "2026-03-29T09:00:00+02:00";
        QTest::newRow("timed weekly across autumn DST (New York)")
            << "2026-10-29T18:30:00-04:00" << rule(RepeatUnit::Week, 1, {}, 0, "America/New_York")
            << "2026-10-29T22:00:00Z"
            << "2026-11-05T18:30:00-05:00";
        QTest::newRow("timed overdue lands later the same day")
            << "2026-03-01T17:00:00Z" << rule(RepeatUnit::Day, 1) << "2026-03-12T09:00:00Z"
            << "2026-03-12T17:00:00Z";
        QTest::newRow("timed overdue, already past today's time")
            << "2026-03-01T07:00:00Z" << rule(RepeatUnit::Day, 1) << "2026-03-12T09:00:00Z"
            << "2026-03-13T07:00:00Z";
    }

    void nextDue()
    {
        QFETCH(QString, from);
        QFETCH(RepeatRule, rule);
        QFETCH(QString, completedAt);
        QFETCH(QString, expected);
        QVERIFY(tandem::validateRepeat(rule));
        const Due current = Due::fromIsoString(from).value();
        const Due next = tandem::nextDue(current, rule, instant(completedAt.toLatin1().constData()));
        QCOMPARE(next.toIsoString(), expected);
        QCOMPARE(next.hasTime(), current.hasTime());
    }

    void nextDue_noDue_staysNone() { QVERIFY(tandem::nextDue(Due(), rule(RepeatUnit::Day, 1), {}).isNone()); }

    void firstRepeatDate_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<RepeatRule>("rule");
        QTest::addColumn<QDate>("expected");
        const QDate wednesday(2026, 3, 11);
        QTest::newRow("every monday from a Wednesday")
            << wednesday << rule(RepeatUnit::Week, 1, {1}) << QDate(2026, 3, 16);
        QTest::newRow("every wednesday from a Wednesday: today")
            << wednesday << rule(RepeatUnit::Week, 1, {3}) << wednesday;
        QTest::newRow("tue and thu from Wednesday")
            << wednesday << rule(RepeatUnit::Week, 1, {2, 4}) << QDate(2026, 3, 12);
        QTest::newRow("every 2 weeks on Monday: the coming Monday")
            << wednesday << rule(RepeatUnit::Week, 2, {1}) << QDate(2026, 3, 16);
        QTest::newRow("daily: today") << wednesday << rule(RepeatUnit::Day, 1) << wednesday;
        QTest::newRow("monthly on the 1st: next month")
            << wednesday << rule(RepeatUnit::Month, 1, {}, 1) << QDate(2026, 4, 1);
        QTest::newRow("monthly on the 31st in April: the 30th")
            << QDate(2026, 4, 11) << rule(RepeatUnit::Month, 1, {}, 31) << QDate(2026, 4, 30);
    }

    void firstRepeatDate()
    {
        QFETCH(QDate, from);
        QFETCH(RepeatRule, rule);
        QFETCH(QDate, expected);
        QCOMPARE(tandem::firstRepeatDate(from, rule), expected);
    }

    void validateRepeat_data()
    {
        QTest::addColumn<RepeatRule>("rule");
        QTest::addColumn<QString>("field");
        QTest::newRow("interval 0") << rule(RepeatUnit::Day, 0) << "repeat.interval";
        QTest::newRow("366 days") << rule(RepeatUnit::Day, 366) << "repeat.interval";
        QTest::newRow("53 weeks") << rule(RepeatUnit::Week, 53) << "repeat.interval";
        QTest::newRow("11 years") << rule(RepeatUnit::Year, 11) << "repeat.interval";
        QTest::newRow("weekdays on a daily rule") << rule(RepeatUnit::Day, 1, {1}) << "repeat.weekdays";
        QTest::newRow("month day 32") << rule(RepeatUnit::Month, 1, {}, 32) << "repeat.monthDay";
        QTest::newRow("month day on a yearly rule") << rule(RepeatUnit::Year, 1, {}, 3) << "repeat.monthDay";
        QTest::newRow("unknown zone") << rule(RepeatUnit::Day, 1, {}, 0, "Mars/Olympus") << "repeat.timeZone";
        QTest::newRow("valid: 365 days") << rule(RepeatUnit::Day, 365) << "";
        QTest::newRow("valid: weekly Mon+Thu in Berlin") << rule(RepeatUnit::Week, 2, {1, 4}, 0, "Europe/Berlin") << "";
    }

    void validateRepeat()
    {
        QFETCH(RepeatRule, rule);
        QFETCH(QString, field);
        const auto result = tandem::validateRepeat(rule);
        QCOMPARE(result.ok(), field.isEmpty());
        if (!result)
            QCOMPARE(result.error().field, field);
    }

    void describeRepeat_data()
    {
        QTest::addColumn<RepeatRule>("rule");
        QTest::addColumn<QString>("expected");
        QTest::newRow("daily") << rule(RepeatUnit::Day, 1) << "daily";
        QTest::newRow("every 2 days") << rule(RepeatUnit::Day, 2) << "every 2 days";
        QTest::newRow("weekdays") << rule(RepeatUnit::Week, 1, {1, 2, 3, 4, 5}) << "every weekday";
        QTest::newRow("weekly") << rule(RepeatUnit::Week, 1) << "weekly";
        QTest::newRow("2 weeks Mon Thu") << rule(RepeatUnit::Week, 2, {1, 4}) << "every 2 weeks on Mon and Thu";
        QTest::newRow("three days") << rule(RepeatUnit::Week, 1, {1, 3, 5}) << "every week on Mon, Wed and Fri";
        QTest::newRow("monthly 1st") << rule(RepeatUnit::Month, 1, {}, 1) << "every month on the 1st";
        QTest::newRow("monthly 22nd") << rule(RepeatUnit::Month, 1, {}, 22) << "every month on the 22nd";
        QTest::newRow("monthly 11th") << rule(RepeatUnit::Month, 1, {}, 11) << "every month on the 11th";
        QTest::newRow("yearly") << rule(RepeatUnit::Year, 1) << "yearly";
        QTest::newRow("every 2 years") << rule(RepeatUnit::Year, 2) << "every 2 years";
    }

    void describeRepeat()
    {
        QFETCH(RepeatRule, rule);
        QFETCH(QString, expected);
        QCOMPARE(tandem::describeRepeat(rule), expected);
    }

    void repeatJson_roundTrip_equalsDocumentText()
    {
        const RepeatRule rules[] = {rule(RepeatUnit::Week, 2, {1, 4}, 0, "Europe/Berlin"),
                                    rule(RepeatUnit::Month, 1, {}, 31), rule(RepeatUnit::Day, 1)};
        for (const RepeatRule &r : rules) {
            const QJsonObject json = repeatToJson(r);
            QCOMPARE(repeatJsonText(r), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
            const auto back = repeatFromJson(json);
            QVERIFY(back);
            QVERIFY(back.value() == r);
        }
        QCOMPARE(
            repeatJsonText(rule(RepeatUnit::Week, 2, {1, 4})),
            QStringLiteral(R"({"interval":2,"monthDay":null,"timeZone":null,"unit":"week","weekdays":["mon","thu"]})"));
    }

    void repeatFromJson_invalid_namesField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("no unit") << QByteArray(R"({"interval":1})") << "unit";
        QTest::newRow("bad unit") << QByteArray(R"({"unit":"fortnight"})") << "unit";
        QTest::newRow("interval 0") << QByteArray(R"({"unit":"day","interval":0})") << "interval";
        QTest::newRow("interval text") << QByteArray(R"({"unit":"day","interval":"2"})") << "interval";
        QTest::newRow("weekday typo") << QByteArray(R"({"unit":"week","weekdays":["mon","thr"]})") << "weekdays[1]";
        QTest::newRow("weekdays on month") << QByteArray(R"({"unit":"month","weekdays":["mon"]})") << "weekdays";
        QTest::newRow("month day 0") << QByteArray(R"({"unit":"month","monthDay":0})") << "monthDay";
        QTest::newRow("bad zone") << QByteArray(R"({"unit":"day","timeZone":"Nowhere/City"})") << "timeZone";
    }

    void repeatFromJson_invalid_namesField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto result = repeatFromJson(object(json.constData()));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Validation);
        QCOMPARE(result.error().field, field);
    }

    void taskPatchFromJson_repeat_setsClearsAndRefuses()
    {
        const auto set = taskPatchFromJson(object(R"({"repeat":{"unit":"day","interval":2}})"));
        QVERIFY(set);
        QVERIFY(set->repeat && *set->repeat);
        QCOMPARE((*set->repeat)->interval, 2);
        const auto cleared = taskPatchFromJson(object(R"({"repeat":null})"));
        QVERIFY(cleared);
        QVERIFY(cleared->repeat && !*cleared->repeat);
        const auto bad = taskPatchFromJson(object(R"({"repeat":{"unit":"week","weekdays":["mon","thr"]}})"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().field, QStringLiteral("repeat.weekdays[1]"));
        QVERIFY(!taskPatchFromJson(object(R"({"title":"x"})"))->repeat);
    }

    void completing_repeatingTask_movesDueAndStaysOpen()
    {
        Task task = taskFromDraft(QUuid::createUuid(), TaskDraft{}, instant("2026-03-01T08:00:00Z"));
        task.id = QUuid::createUuid();
        task.title = QStringLiteral("Water the plants");
        task.due = due("2026-03-10");
        task.repeat = rule(RepeatUnit::Week, 1, {2, 5});
        TaskPatch complete;
        complete.status = TaskStatus::Completed;
        const QDateTime at = instant("2026-03-10T18:00:00Z");
        const Task next = patchedTask(task, complete, at);
        QVERIFY(validateTask(next));
        QCOMPARE(next.status, TaskStatus::Pending);
        QCOMPARE(next.due.toIsoString(), QStringLiteral("2026-03-13"));
        QCOMPARE(next.lastCompletedAt, at);
        QVERIFY(!next.completedAt.isValid());
        QCOMPARE(next.revision, task.revision + 1);

        // Without a rule, completing closes the task as before.
        task.repeat.reset();
        const Task closed = patchedTask(task, complete, at);
        QCOMPARE(closed.status, TaskStatus::Completed);
        QCOMPARE(closed.completedAt, at);
        QCOMPARE(closed.due, task.due);
    }

    void validateTask_repeatWithoutDue_isRefused()
    {
        Task task = taskFromDraft(QUuid::createUuid(), TaskDraft{}, instant("2026-03-01T08:00:00Z"));
        task.id = QUuid::createUuid();
        task.title = QStringLiteral("Stretch");
        task.repeat = rule(RepeatUnit::Day, 1);
        const auto result = validateTask(task);
        QVERIFY(!result);
        QCOMPARE(result.error().field, QStringLiteral("due"));
        task.due = due("2026-03-01");
        QVERIFY(validateTask(task));
    }

    void normalizeTask_monthlyWithoutDay_takesTheDuesDay()
    {
        Task task;
        task.due = due("2026-01-31");
        task.repeat = RepeatRule::every(RepeatUnit::Month);
        normalizeTask(task);
        QCOMPARE(task.repeat->monthDay, 31);
    }

    void taskJson_repeat_roundTripsAndMatchesText()
    {
        Task task = taskFromDraft(QUuid::createUuid(), TaskDraft{}, instant("2026-03-01T08:00:00Z"));
        task.id = QUuid::createUuid();
        task.title = QStringLiteral("Pay rent");
        task.due = due("2026-04-01");
        task.repeat = rule(RepeatUnit::Month, 1, {}, 1, "Europe/Berlin");
        task.lastCompletedAt = instant("2026-03-01T09:00:00Z");
        const QJsonObject json = taskToJson(task);
        QCOMPARE(taskJsonText(task), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
        const auto back = taskFromJson(json);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QVERIFY(back.value() == task);

        // A task that does not repeat says so explicitly; an old payload without the keys still reads.
        task.repeat.reset();
        task.lastCompletedAt = QDateTime();
        QVERIFY(taskToJson(task).value(QStringLiteral("repeat")).isNull());
        QJsonObject old = taskToJson(task);
        old.remove(QStringLiteral("repeat"));
        old.remove(QStringLiteral("lastCompletedAt"));
        QVERIFY(taskFromJson(old));
    }
};

QTEST_GUILESS_MAIN(TestRepeatRule)
#include "tst_repeat_rule.moc"
