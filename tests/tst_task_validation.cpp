// The domain rules without a database: task, chat and username limits, due
// dates, ISO 8601 parsing, and the pure parts of TaskQuery.
#include "domain/chat.h"
#include "domain/due.h"
#include "domain/isotime.h"
#include "domain/task.h"
#include "domain/taskquery.h"
#include "domain/user.h"
#include "testdatabase.h"

#include <QScopeGuard>
#include <QTest>
#include <QTimeZone>

using namespace tandem;

namespace tandem {

// Readable QCOMPARE failures for the domain types.
static char *toString(const Due &due)
{
    return QTest::toString(due.isNone() ? QStringLiteral("<no due>") : due.toIsoString());
}

} // namespace tandem

Q_DECLARE_METATYPE(tandem::Due::Kind)
Q_DECLARE_METATYPE(tandem::TaskStatus)
Q_DECLARE_METATYPE(tandem::TaskSort)

namespace {

const QString emoji = QStringLiteral("😀"); // one code point, two UTF-16 units

QString times(const QString &unit, qsizetype count)
{
    return unit.repeated(count);
}

QString loneHigh()
{
    return QString(QChar(0xD83D));
}

QString loneLow()
{
    return QString(QChar(0xDE00));
}

Task validTask()
{
    Task task;
    task.id = QUuid::createUuid();
    task.ownerId = QUuid::createUuid();
    task.title = QStringLiteral("Buy milk");
    task.createdAt = task.updatedAt = QDateTime(QDate(2026, 11, 27), QTime(9, 0), QTimeZone::utc());
    task.revision = 1;
    return task;
}

QStringList numberedTags(int count)
{
    QStringList tags;
    for (int i = 0; i < count; ++i)
        tags.append(QStringLiteral("tag%1").arg(i));
    return tags;
}

QDateTime inZone(QDate date, QTime time, const char *zoneId)
{
    return QDateTime(date, time, QTimeZone(zoneId));
}

} // namespace

class TestTaskValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The tests name their zones; a missing zone database would make them prove nothing.
        QVERIFY(QTimeZone(QByteArrayLiteral("Europe/Berlin")).isValid());
        QVERIFY(QTimeZone(QByteArrayLiteral("America/New_York")).isValid());
    }

    void validateTask_validTask_passes() { TANDEM_VERIFY_OK(validateTask(validTask())); }

    void validateTask_titleVariants_followLimits_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("errorField"); // empty: valid

        QTest::newRow("plain") << QStringLiteral("Buy milk") << QString();
        QTest::newRow("one character") << QStringLiteral("x") << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("title");
        QTest::newRow("spaces only") << QStringLiteral("   ") << QStringLiteral("title");
        QTest::newRow("tab and newline only") << QStringLiteral("\t\n") << QStringLiteral("title");
        QTest::newRow("leading space") << QStringLiteral(" Buy") << QStringLiteral("title");
        QTest::newRow("trailing space") << QStringLiteral("Buy ") << QStringLiteral("title");
        QTest::newRow("500 ascii") << times(QStringLiteral("a"), 500) << QString();
        QTest::newRow("501 ascii") << times(QStringLiteral("a"), 501) << QStringLiteral("title");
        QTest::newRow("500 emoji") << times(emoji, 500) << QString();
        QTest::newRow("501 emoji") << times(emoji, 501) << QStringLiteral("title");
        QTest::newRow("499 ascii and an emoji") << times(QStringLiteral("a"), 499) + emoji << QString();
        QTest::newRow("right to left") << QStringLiteral("לקנות חלב") << QString();
        QTest::newRow("zero width joiner sequence") << QStringLiteral("👩‍👩‍👧 family") << QString();
        QTest::newRow("newline inside") << QStringLiteral("a\nb") << QStringLiteral("title");
        QTest::newRow("carriage return inside") << QStringLiteral("a\rb") << QStringLiteral("title");
        QTest::newRow("tab inside") << QStringLiteral("a\tb") << QStringLiteral("title");
        QTest::newRow("SOH") << QStringLiteral("a\x01z") << QStringLiteral("title");
        QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("z") << QStringLiteral("title");
        QTest::newRow("DEL") << QStringLiteral("a\x7fz") << QStringLiteral("title");
        QTest::newRow("C1 next line") << QStringLiteral("a") + QChar(0x85) + QStringLiteral("z")
                                      << QStringLiteral("title");
        QTest::newRow("lone high surrogate")
            << QStringLiteral("a") + loneHigh() + QStringLiteral("z") << QStringLiteral("title");
        QTest::newRow("lone high surrogate at end") << QStringLiteral("a") + loneHigh() << QStringLiteral("title");
        QTest::newRow("lone low surrogate") << QStringLiteral("a") + loneLow() << QStringLiteral("title");
        QTest::newRow("swapped surrogates") << loneLow() + loneHigh() << QStringLiteral("title");
    }

    void validateTask_titleVariants_followLimits()
    {
        QFETCH(QString, title);
        QFETCH(QString, errorField);
        Task task = validTask();
        task.title = title;
        const auto result = validateTask(task);
        QCOMPARE(result.ok(), errorField.isEmpty());
        if (!result.ok()) {
            QCOMPARE(result.error().code, ErrorCode::Validation);
            QCOMPARE(result.error().field, errorField);
            QVERIFY(!result.error().message.isEmpty());
        }
    }

    void normalizeTask_untrimmedInput_trimsTitleAndTagsOnly_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QString>("expectedTitle");
        QTest::addColumn<QStringList>("expectedTags");
        QTest::addColumn<bool>("validAfter");

        QTest::newRow("already clean") << QStringLiteral("Buy milk") << QStringList{QStringLiteral("home")}
                                       << QStringLiteral("Buy milk") << QStringList{QStringLiteral("home")} << true;
        QTest::newRow("spaces and tabs around")
            << QStringLiteral(" \tBuy milk \n") << QStringList{QStringLiteral("  home "), QStringLiteral("\twork")}
            << QStringLiteral("Buy milk") << QStringList{QStringLiteral("home"), QStringLiteral("work")} << true;
        QTest::newRow("inner spaces kept")
            << QStringLiteral("  a  b  ") << QStringList() << QStringLiteral("a  b") << QStringList() << true;
        QTest::newRow("500 after trimming")
            << QStringLiteral("  ") + times(QStringLiteral("a"), 500) + QStringLiteral("  ") << QStringList()
            << times(QStringLiteral("a"), 500) << QStringList() << true;
        QTest::newRow("501 after trimming") << QStringLiteral(" ") + times(QStringLiteral("a"), 501) << QStringList()
                                            << times(QStringLiteral("a"), 501) << QStringList() << false;
        QTest::newRow("blank title stays invalid")
            << QStringLiteral("   ") << QStringList() << QString() << QStringList() << false;
        QTest::newRow("tag that trims to a duplicate")
            << QStringLiteral("t") << QStringList{QStringLiteral("work"), QStringLiteral(" Work ")}
            << QStringLiteral("t") << QStringList{QStringLiteral("work"), QStringLiteral("Work")} << false;
    }

    void normalizeTask_untrimmedInput_trimsTitleAndTagsOnly()
    {
        QFETCH(QString, title);
        QFETCH(QStringList, tags);
        QFETCH(QString, expectedTitle);
        QFETCH(QStringList, expectedTags);
        QFETCH(bool, validAfter);
        Task task = validTask();
        task.title = title;
        task.tags = tags;
        task.description = QStringLiteral("  left alone  ");
        normalizeTask(task);
        QCOMPARE(task.title, expectedTitle);
        QCOMPARE(task.tags, expectedTags);
        QCOMPARE(task.description, QStringLiteral("  left alone  "));
        QCOMPARE(validateTask(task).ok(), validAfter);
    }

    void validateTask_descriptionVariants_followLimits_data()
    {
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("errorField");

        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("20000 ascii") << times(QStringLiteral("d"), 20000) << QString();
        QTest::newRow("20001 ascii") << times(QStringLiteral("d"), 20001) << QStringLiteral("description");
        QTest::newRow("20000 emoji") << times(emoji, 20000) << QString();
        QTest::newRow("20001 emoji") << times(emoji, 20001) << QStringLiteral("description");
        QTest::newRow("line breaks and tabs") << QStringLiteral("line one\nline two\r\n\tindented") << QString();
        QTest::newRow("surrounding spaces kept") << QStringLiteral("  padded  ") << QString();
        QTest::newRow("bell") << QStringLiteral("ding\x07") << QStringLiteral("description");
        QTest::newRow("escape") << QStringLiteral("\x1b[31mred") << QStringLiteral("description");
        QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) << QStringLiteral("description");
        QTest::newRow("lone high surrogate")
            << QStringLiteral("a") + loneHigh() + QStringLiteral("b") << QStringLiteral("description");
        QTest::newRow("lone low surrogate") << loneLow() << QStringLiteral("description");
        QTest::newRow("mixed scripts") << QStringLiteral("Straße Ωmega 東京 مرحبا") << QString();
    }

    void validateTask_descriptionVariants_followLimits()
    {
        QFETCH(QString, description);
        QFETCH(QString, errorField);
        Task task = validTask();
        task.description = description;
        const auto result = validateTask(task);
        QCOMPARE(result.ok(), errorField.isEmpty());
        if (!result.ok())
            QCOMPARE(result.error().field, errorField);
    }

    void validateTask_tagVariants_followLimits_data()
    {
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QString>("errorField");

        QTest::newRow("none") << QStringList() << QString();
        QTest::newRow("one") << QStringList{QStringLiteral("home")} << QString();
        QTest::newRow("50 tags") << numberedTags(50) << QString();
        QTest::newRow("51 tags") << numberedTags(51) << QStringLiteral("tags");
        QTest::newRow("64 characters") << QStringList{times(QStringLiteral("t"), 64)} << QString();
        QTest::newRow("65 characters") << QStringList{times(QStringLiteral("t"), 65)} << QStringLiteral("tags[0]");
        QTest::newRow("64 emoji") << QStringList{times(emoji, 64)} << QString();
        QTest::newRow("65 emoji, second tag")
            << QStringList{QStringLiteral("ok"), times(emoji, 65)} << QStringLiteral("tags[1]");
        QTest::newRow("empty tag") << QStringList{QStringLiteral("a"), QString()} << QStringLiteral("tags[1]");
        QTest::newRow("blank tag") << QStringList{QStringLiteral("   ")} << QStringLiteral("tags[0]");
        QTest::newRow("untrimmed tag") << QStringList{QStringLiteral(" a")} << QStringLiteral("tags[0]");
        QTest::newRow("duplicate ignoring case")
            << QStringList{QStringLiteral("Work"), QStringLiteral("work")} << QStringLiteral("tags[1]");
        QTest::newRow("exact duplicate") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")}
                                         << QStringLiteral("tags[2]");
        QTest::newRow("non-ASCII duplicate ignoring case")
            << QStringList{QStringLiteral("ÜBER"), QStringLiteral("über")} << QStringLiteral("tags[1]");
        QTest::newRow("Greek sigma forms are one tag")
            << QStringList{QStringLiteral("ΟΔΟΣ"), QStringLiteral("οδος")} << QStringLiteral("tags[1]");
        QTest::newRow("different tags") << QStringList{QStringLiteral("work"), QStringLiteral("workshop")} << QString();
        QTest::newRow("newline in tag") << QStringList{QStringLiteral("a\nb")} << QStringLiteral("tags[0]");
        QTest::newRow("tab in tag") << QStringList{QStringLiteral("a\tb")} << QStringLiteral("tags[0]");
        QTest::newRow("SOH in tag") << QStringList{QStringLiteral("a\x01")} << QStringLiteral("tags[0]");
        QTest::newRow("broken surrogate in tag")
            << QStringList{loneHigh() + QStringLiteral("x")} << QStringLiteral("tags[0]");
        QTest::newRow("emoji tag") << QStringList{QStringLiteral("🏷️")} << QString();
    }

    void validateTask_tagVariants_followLimits()
    {
        QFETCH(QStringList, tags);
        QFETCH(QString, errorField);
        Task task = validTask();
        task.tags = tags;
        const auto result = validateTask(task);
        QCOMPARE(result.ok(), errorField.isEmpty());
        if (!result.ok())
            QCOMPARE(result.error().field, errorField);
    }

    void validateTask_completedAtVersusStatus_mustAgree_data()
    {
        QTest::addColumn<TaskStatus>("status");
        QTest::addColumn<bool>("hasCompletedAt");
        QTest::addColumn<bool>("valid");

        QTest::newRow("pending without") << TaskStatus::Pending << false << true;
        QTest::newRow("pending with") << TaskStatus::Pending << true << false;
        QTest::newRow("in progress without") << TaskStatus::InProgress << false << true;
        QTest::newRow("in progress with") << TaskStatus::InProgress << true << false;
        QTest::newRow("completed with") << TaskStatus::Completed << true << true;
        QTest::newRow("completed without") << TaskStatus::Completed << false << false;
    }

    void validateTask_completedAtVersusStatus_mustAgree()
    {
        QFETCH(TaskStatus, status);
        QFETCH(bool, hasCompletedAt);
        QFETCH(bool, valid);
        Task task = validTask();
        task.status = status;
        if (hasCompletedAt)
            task.completedAt = task.createdAt;
        const auto result = validateTask(task);
        QCOMPARE(result.ok(), valid);
        if (!valid)
            QCOMPARE(result.error().field, QStringLiteral("completedAt"));
    }

    void validateTask_nullIdOrNegativeRevision_rejected_data()
    {
        QTest::addColumn<bool>("nullId");
        QTest::addColumn<qint64>("revision");
        QTest::addColumn<QString>("errorField");

        QTest::newRow("valid") << false << qint64(1) << QString();
        QTest::newRow("revision zero") << false << qint64(0) << QString();
        QTest::newRow("null id") << true << qint64(1) << QStringLiteral("id");
        QTest::newRow("negative revision") << false << qint64(-1) << QStringLiteral("revision");
    }

    void validateTask_nullIdOrNegativeRevision_rejected()
    {
        QFETCH(bool, nullId);
        QFETCH(qint64, revision);
        QFETCH(QString, errorField);
        Task task = validTask();
        if (nullId)
            task.id = QUuid();
        task.revision = revision;
        const auto result = validateTask(task);
        QCOMPARE(result.ok(), errorField.isEmpty());
        if (!result.ok())
            QCOMPARE(result.error().field, errorField);
    }

    void validateTask_severalFaults_namesTheFirst()
    {
        Task task = validTask();
        task.title = QString();
        task.description = QStringLiteral("\x07");
        task.tags = {QString()};
        QCOMPARE(validateTask(task).error().field, QStringLiteral("title"));
        task.title = QStringLiteral("ok");
        QCOMPARE(validateTask(task).error().field, QStringLiteral("description"));
        task.description.clear();
        QCOMPARE(validateTask(task).error().field, QStringLiteral("tags[0]"));
    }

    void codePointCount_surrogatePairs_countOnce_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("count");

        QTest::newRow("empty") << QString() << qsizetype(0);
        QTest::newRow("ascii") << QStringLiteral("abc") << qsizetype(3);
        QTest::newRow("latin-1") << QStringLiteral("Zoë") << qsizetype(3);
        QTest::newRow("one emoji") << emoji << qsizetype(1);
        QTest::newRow("family (ZWJ sequence)") << QStringLiteral("👩‍👩‍👧") << qsizetype(5);
        QTest::newRow("lone surrogates count one each") << loneLow().repeated(2) + loneHigh() << qsizetype(3);
        QTest::newRow("pair then lone low") << loneHigh() + loneLow().repeated(2) << qsizetype(2);
        QTest::newRow("low then high") << loneLow() + loneHigh() << qsizetype(2);
    }

    void codePointCount_surrogatePairs_countOnce()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, count);
        QCOMPARE(codePointCount(text), count);
    }

    void validateUsername_variants_followRule_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<bool>("valid");

        QTest::newRow("three letters") << QStringLiteral("abc") << true;
        QTest::newRow("two letters") << QStringLiteral("ab") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("64 characters") << times(QStringLiteral("u"), 64) << true;
        QTest::newRow("65 characters") << times(QStringLiteral("u"), 65) << false;
        QTest::newRow("every allowed kind") << QStringLiteral("Alice.Smith_99-x") << true;
        QTest::newRow("digits only") << QStringLiteral("123") << true;
        QTest::newRow("dots only") << QStringLiteral("...") << true;
        QTest::newRow("space") << QStringLiteral("alice smith") << false;
        QTest::newRow("leading space") << QStringLiteral(" alice") << false;
        QTest::newRow("at sign") << QStringLiteral("alice@home") << false;
        QTest::newRow("slash") << QStringLiteral("dom/alice") << false;
        QTest::newRow("backslash") << QStringLiteral("DOM\\alice") << false;
        QTest::newRow("plus") << QStringLiteral("a+b") << false;
        QTest::newRow("umlaut") << QStringLiteral("zoë") << false;
        QTest::newRow("fullwidth letters") << QStringLiteral("ａｂｃ") << false;
        QTest::newRow("emoji") << QStringLiteral("ab😀") << false;
        QTest::newRow("newline") << QStringLiteral("abc\n") << false;
    }

    void validateUsername_variants_followRule()
    {
        QFETCH(QString, username);
        QFETCH(bool, valid);
        const auto result = tandem::validateUsername(username);
        QCOMPARE(result.ok(), valid);
        if (!valid)
            QCOMPARE(result.error().field, QStringLiteral("username"));
    }

    void usernameFromSystemAccount_anyName_givesValidUsername_data()
    {
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("username");

        QTest::newRow("plain") << QStringLiteral("alice") << QStringLiteral("alice");
        QTest::newRow("case kept") << QStringLiteral("Alice") << QStringLiteral("Alice");
        QTest::newRow("space and umlaut") << QStringLiteral("Zoë Smith") << QStringLiteral("Zo__Smith");
        QTest::newRow("surrounding spaces trimmed") << QStringLiteral("  bob  ") << QStringLiteral("bob");
        QTest::newRow("windows domain") << QStringLiteral("CORP\\alice") << QStringLiteral("CORP_alice");
        QTest::newRow("allowed punctuation kept") << QStringLiteral("a.b_c-d") << QStringLiteral("a.b_c-d");
        QTest::newRow("empty") << QString() << QStringLiteral("owner");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("owner");
        QTest::newRow("one character padded") << QStringLiteral("a") << QStringLiteral("a__");
        QTest::newRow("two characters padded") << QStringLiteral("ab") << QStringLiteral("ab_");
        QTest::newRow("emoji becomes underscores") << emoji << QStringLiteral("___");
        QTest::newRow("long name truncated") << times(QStringLiteral("x"), 70) << times(QStringLiteral("x"), 64);
        QTest::newRow("CJK") << QStringLiteral("東京太郎") << QStringLiteral("____");
    }

    void usernameFromSystemAccount_anyName_givesValidUsername()
    {
        QFETCH(QString, account);
        QFETCH(QString, username);
        const QString made = tandem::usernameFromSystemAccount(account);
        QCOMPARE(made, username);
        // Whatever the account is called, the result is a valid username.
        QVERIFY(tandem::validateUsername(made).ok());
    }

    void validateSessionTitle_variants_followLimits_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<bool>("valid");

        QTest::newRow("plain") << QStringLiteral("Planning") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("blank") << QStringLiteral("  ") << false;
        QTest::newRow("untrimmed") << QStringLiteral(" Planning") << false;
        QTest::newRow("200 characters") << times(QStringLiteral("s"), 200) << true;
        QTest::newRow("201 characters") << times(QStringLiteral("s"), 201) << false;
        QTest::newRow("200 emoji") << times(emoji, 200) << true;
        QTest::newRow("201 emoji") << times(emoji, 201) << false;
        QTest::newRow("newline") << QStringLiteral("a\nb") << false;
        QTest::newRow("tab") << QStringLiteral("a\tb") << false;
        QTest::newRow("broken surrogate") << QStringLiteral("a") + loneLow() << false;
        QTest::newRow("right to left") << QStringLiteral("שיחה חדשה") << true;
    }

    void validateSessionTitle_variants_followLimits()
    {
        QFETCH(QString, title);
        QFETCH(bool, valid);
        const auto result = tandem::validateSessionTitle(title);
        QCOMPARE(result.ok(), valid);
        if (!valid)
            QCOMPARE(result.error().field, QStringLiteral("title"));
    }

    void validateMessageContent_variants_followLimits_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<bool>("valid");

        QTest::newRow("plain") << QStringLiteral("Add milk to my list") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("blank") << QStringLiteral(" \n\t ") << false;
        QTest::newRow("surrounding spaces kept") << QStringLiteral("  hi  ") << true;
        QTest::newRow("32000 characters") << times(QStringLiteral("m"), 32000) << true;
        QTest::newRow("32001 characters") << times(QStringLiteral("m"), 32001) << false;
        QTest::newRow("32000 emoji") << times(emoji, 32000) << true;
        QTest::newRow("32001 emoji") << times(emoji, 32001) << false;
        QTest::newRow("line breaks and tabs") << QStringLiteral("one\ntwo\r\n\tthree") << true;
        QTest::newRow("bell") << QStringLiteral("hi\x07") << false;
        QTest::newRow("broken surrogate") << loneHigh() + QStringLiteral("hi") << false;
    }

    void validateMessageContent_variants_followLimits()
    {
        QFETCH(QString, content);
        QFETCH(bool, valid);
        const auto result = tandem::validateMessageContent(content);
        QCOMPARE(result.ok(), valid);
        if (!valid)
            QCOMPARE(result.error().field, QStringLiteral("content"));
    }

    void dueFromIsoString_variants_parseStrictlyAndRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<Due::Kind>("kind");
        QTest::addColumn<QString>("iso"); // the canonical text form
        QTest::addColumn<QDate>("date");
        QTest::addColumn<int>("offsetSeconds"); // for date-times

        const auto none = Due::Kind::None;
        const auto date = Due::Kind::Date;
        const auto at = Due::Kind::DateTime;
        const QDate nov27(2026, 11, 27);

        QTest::newRow("empty means none") << QString() << true << none << QString() << QDate() << 0;
        QTest::newRow("date") << QStringLiteral("2026-11-27") << true << date << QStringLiteral("2026-11-27") << nov27
                              << 0;
        QTest::newRow("leap day 2028") << QStringLiteral("2028-02-29") << true << date << QStringLiteral("2028-02-29")
                                       << QDate(2028, 2, 29) << 0;
        QTest::newRow("first day of year")
            << QStringLiteral("2027-01-01") << true << date << QStringLiteral("2027-01-01") << QDate(2027, 1, 1) << 0;
        QTest::newRow("date-time Z") << QStringLiteral("2026-11-27T09:00:00Z") << true << at
                                     << QStringLiteral("2026-11-27T09:00:00Z") << nov27 << 0;
        QTest::newRow("date-time lower-case t and z") << QStringLiteral("2026-11-27t09:00:00z") << true << at
                                                      << QStringLiteral("2026-11-27T09:00:00Z") << nov27 << 0;
        QTest::newRow("date-time +01:00") << QStringLiteral("2026-11-27T09:00:00+01:00") << true << at
                                          << QStringLiteral("2026-11-27T09:00:00+01:00") << nov27 << 3600;
        QTest::newRow("date-time -05:30") << QStringLiteral("2026-11-27T09:00:00-05:30") << true << at
                                          << QStringLiteral("2026-11-27T09:00:00-05:30") << nov27 << -19800;
        QTest::newRow("+00:00 written as Z") << QStringLiteral("2026-11-27T09:00:00+00:00") << true << at
                                             << QStringLiteral("2026-11-27T09:00:00Z") << nov27 << 0;
        QTest::newRow("-00:00 written as Z") << QStringLiteral("2026-11-27T09:00:00-00:00") << true << at
                                             << QStringLiteral("2026-11-27T09:00:00Z") << nov27 << 0;
        QTest::newRow("seconds optional") << QStringLiteral("2026-11-27T09:30Z") << true << at
                                          << QStringLiteral("2026-11-27T09:30:00Z") << nov27 << 0;
        QTest::newRow("milliseconds kept") << QStringLiteral("2026-11-27T09:00:00.250Z") << true << at
                                           << QStringLiteral("2026-11-27T09:00:00.250Z") << nov27 << 0;
        QTest::newRow("one fraction digit") << QStringLiteral("2026-11-27T09:00:00.5+02:00") << true << at
                                            << QStringLiteral("2026-11-27T09:00:00.500+02:00") << nov27 << 7200;
        QTest::newRow("nanoseconds truncated") << QStringLiteral("2026-11-27T09:00:00.123456789Z") << true << at
                                               << QStringLiteral("2026-11-27T09:00:00.123Z") << nov27 << 0;
        QTest::newRow("date at its own offset") << QStringLiteral("2026-11-27T23:30:00-05:00") << true << at
                                                << QStringLiteral("2026-11-27T23:30:00-05:00") << nov27 << -18000;
        QTest::newRow("offset +14:00") << QStringLiteral("2026-11-27T09:00:00+14:00") << true << at
                                       << QStringLiteral("2026-11-27T09:00:00+14:00") << nov27 << 50400;
        QTest::newRow("offset -12:00") << QStringLiteral("2026-11-27T09:00:00-12:00") << true << at
                                       << QStringLiteral("2026-11-27T09:00:00-12:00") << nov27 << -43200;
        QTest::newRow("offset +18:00") << QStringLiteral("2026-11-27T09:00:00+18:00") << true << at
                                       << QStringLiteral("2026-11-27T09:00:00+18:00") << nov27 << 64800;
        QTest::newRow("leap day date-time") << QStringLiteral("2028-02-29T12:00:00Z") << true << at
                                            << QStringLiteral("2028-02-29T12:00:00Z") << QDate(2028, 2, 29) << 0;

        const QDate no;
        QTest::newRow("missing offset") << QStringLiteral("2026-11-27T09:00:00") << false << none << QString() << no
                                        << 0;
        QTest::newRow("missing offset, no seconds")
            << QStringLiteral("2026-11-27T09:00") << false << none << QString() << no << 0;
        QTest::newRow("offset +19:00") << QStringLiteral("2026-11-27T09:00:00+19:00") << false << none << QString()
                                       << no << 0;
        QTest::newRow("offset +18:01") << QStringLiteral("2026-11-27T09:00:00+18:01") << false << none << QString()
                                       << no << 0;
        QTest::newRow("offset minutes 60")
            << QStringLiteral("2026-11-27T09:00:00+05:60") << false << none << QString() << no << 0;
        QTest::newRow("offset without colon")
            << QStringLiteral("2026-11-27T09:00:00+0100") << false << none << QString() << no << 0;
        QTest::newRow("offset hours only")
            << QStringLiteral("2026-11-27T09:00:00+01") << false << none << QString() << no << 0;
        QTest::newRow("February 30") << QStringLiteral("2026-02-30") << false << none << QString() << no << 0;
        QTest::newRow("2027-02-29") << QStringLiteral("2027-02-29") << false << none << QString() << no << 0;
        QTest::newRow("2027-02-29 date-time")
            << QStringLiteral("2027-02-29T09:00:00Z") << false << none << QString() << no << 0;
        QTest::newRow("month 13") << QStringLiteral("2026-13-01") << false << none << QString() << no << 0;
        QTest::newRow("month 0") << QStringLiteral("2026-00-10") << false << none << QString() << no << 0;
        QTest::newRow("day 0") << QStringLiteral("2026-11-00") << false << none << QString() << no << 0;
        QTest::newRow("April 31") << QStringLiteral("2026-04-31") << false << none << QString() << no << 0;
        QTest::newRow("year 0") << QStringLiteral("0000-01-01") << false << none << QString() << no << 0;
        QTest::newRow("unpadded") << QStringLiteral("2026-1-5") << false << none << QString() << no << 0;
        QTest::newRow("slashes") << QStringLiteral("2026/11/27") << false << none << QString() << no << 0;
        QTest::newRow("leading space") << QStringLiteral(" 2026-11-27") << false << none << QString() << no << 0;
        QTest::newRow("space instead of T")
            << QStringLiteral("2026-11-27 09:00:00Z") << false << none << QString() << no << 0;
        QTest::newRow("hour 24") << QStringLiteral("2026-11-27T24:00:00Z") << false << none << QString() << no << 0;
        QTest::newRow("second 60") << QStringLiteral("2026-11-27T23:59:60Z") << false << none << QString() << no << 0;
        QTest::newRow("empty fraction") << QStringLiteral("2026-11-27T09:00:00.Z") << false << none << QString() << no
                                        << 0;
        QTest::newRow("ten fraction digits")
            << QStringLiteral("2026-11-27T09:00:00.1234567890Z") << false << none << QString() << no << 0;
        QTest::newRow("trailing text") << QStringLiteral("2026-11-27T09:00:00Zx") << false << none << QString() << no
                                       << 0;
        QTest::newRow("word") << QStringLiteral("tomorrow") << false << none << QString() << no << 0;
        QTest::newRow("Arabic-Indic digits") << QStringLiteral("٢٠٢٦-١١-٢٧") << false << none << QString() << no << 0;
    }

    void dueFromIsoString_variants_parseStrictlyAndRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(Due::Kind, kind);
        QFETCH(QString, iso);
        QFETCH(QDate, date);
        QFETCH(int, offsetSeconds);
        const auto due = Due::fromIsoString(text);
        QCOMPARE(due.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(due->kind(), kind);
        QCOMPARE(due->toIsoString(), iso);
        QCOMPARE(due->date(), date);
        QCOMPARE(due->isNone(), kind == Due::Kind::None);
        QCOMPARE(due->hasTime(), kind == Due::Kind::DateTime);
        if (kind == Due::Kind::DateTime)
            QCOMPARE(due->dateTime().offsetFromUtc(), offsetSeconds);
        // The canonical form reads back as the same due.
        const auto again = Due::fromIsoString(due->toIsoString());
        QVERIFY(again.has_value());
        QCOMPARE(*again, *due);
    }

    void dueAt_zonedDateTime_keepsOffsetAndInstant_data()
    {
        QTest::addColumn<QDateTime>("input");
        QTest::addColumn<QString>("iso");

        QTest::newRow("UTC") << QDateTime(QDate(2026, 11, 27), QTime(9, 0), QTimeZone::utc())
                             << QStringLiteral("2026-11-27T09:00:00Z");
        QTest::newRow("fixed offset") << dateTimeWithOffset(QDate(2026, 11, 27), QTime(9, 0), -4 * 3600)
                                      << QStringLiteral("2026-11-27T09:00:00-04:00");
        QTest::newRow("Berlin winter") << inZone(QDate(2026, 11, 27), QTime(9, 0), "Europe/Berlin")
                                       << QStringLiteral("2026-11-27T09:00:00+01:00");
        QTest::newRow("Berlin summer") << inZone(QDate(2026, 7, 1), QTime(9, 0), "Europe/Berlin")
                                       << QStringLiteral("2026-07-01T09:00:00+02:00");
        QTest::newRow("New York winter") << inZone(QDate(2026, 11, 27), QTime(23, 30), "America/New_York")
                                         << QStringLiteral("2026-11-27T23:30:00-05:00");
        QTest::newRow("milliseconds") << QDateTime(QDate(2026, 11, 27), QTime(9, 0, 1, 7), QTimeZone::utc())
                                      << QStringLiteral("2026-11-27T09:00:01.007Z");
    }

    void dueAt_zonedDateTime_keepsOffsetAndInstant()
    {
        QFETCH(QDateTime, input);
        QFETCH(QString, iso);
        const Due due = Due::at(input);
        QCOMPARE(due.kind(), Due::Kind::DateTime);
        QCOMPARE(due.toIsoString(), iso);
        QCOMPARE(due.dateTime().toMSecsSinceEpoch(), input.toMSecsSinceEpoch());
        QCOMPARE(due.dateTime().offsetFromUtc(), input.offsetFromUtc());
        QCOMPARE(due.date(), input.date());
    }

    void dueAt_localTime_takesTheSystemOffset()
    {
        // In a zone other than UTC, so that "local" and "UTC" readings differ.
        const QByteArray savedZone = qgetenv("TZ");
        qputenv("TZ", QByteArrayLiteral("EST5EDT")); // POSIX form: read by glibc and the MSVC runtime alike
        const auto restoreZone = qScopeGuard([&] {
            if (savedZone.isNull())
                qunsetenv("TZ");
            else
                qputenv("TZ", savedZone);
        });
        const QDateTime local(QDate(2026, 11, 27), QTime(9, 0));
        QCOMPARE(local.offsetFromUtc(), -5 * 3600); // the zone switch took effect
        const Due due = Due::at(local);
        QCOMPARE(due.toIsoString(), QStringLiteral("2026-11-27T09:00:00-05:00"));
        QCOMPARE(due.dateTime().toMSecsSinceEpoch(), local.toMSecsSinceEpoch());
        QCOMPARE(due.date(), QDate(2026, 11, 27));
    }

    void due_invalidInputs_giveNoDue()
    {
        QVERIFY(Due::onDate(QDate()).isNone());
        QVERIFY(Due::at(QDateTime()).isNone());
        QVERIFY(Due().isNone());
        QCOMPARE(Due().toIsoString(), QString());
        QVERIFY(!Due().sortKey().has_value());
        QVERIFY(!Due().startIn(QTimeZone::utc()).isValid());
    }

    void dueSortKey_dateDue_sortsAfterEveryDateTimeOfItsUtcDay()
    {
        const Due date = Due::onDate(QDate(2026, 11, 27));
        const auto key = date.sortKey();
        QVERIFY(key.has_value());
        const auto lastMs = Due::fromIsoString(u"2026-11-27T23:59:59.998Z")->sortKey();
        const auto sameMs = Due::fromIsoString(u"2026-11-27T23:59:59.999Z")->sortKey();
        const auto nextDay = Due::fromIsoString(u"2026-11-28T00:00:00Z")->sortKey();
        const auto nextDayBerlin = Due::fromIsoString(u"2026-11-28T00:30:00+01:00")->sortKey();
        QCOMPARE(*lastMs + 1, *key);
        QCOMPARE(*sameMs, *key);
        QCOMPARE(*key + 1, *nextDay);
        QVERIFY(*nextDayBerlin < *key); // 23:30 UTC on the 27th
        QVERIFY(*Due::onDate(QDate(2026, 11, 26)).sortKey() < *key);
    }

    void dueStartIn_dateDue_startsAtLocalMidnight_data()
    {
        QTest::addColumn<QString>("due");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("expectedUtc");

        QTest::newRow("date in Berlin") << QStringLiteral("2026-11-27") << QByteArrayLiteral("Europe/Berlin")
                                        << QStringLiteral("2026-11-26T23:00:00Z");
        QTest::newRow("date in New York") << QStringLiteral("2026-11-27") << QByteArrayLiteral("America/New_York")
                                          << QStringLiteral("2026-11-27T05:00:00Z");
        QTest::newRow("date in UTC") << QStringLiteral("2026-11-27") << QByteArrayLiteral("UTC")
                                     << QStringLiteral("2026-11-27T00:00:00Z");
        QTest::newRow("date-time ignores the zone")
            << QStringLiteral("2026-11-27T09:00:00+01:00") << QByteArrayLiteral("America/New_York")
            << QStringLiteral("2026-11-27T08:00:00Z");
    }

    void dueStartIn_dateDue_startsAtLocalMidnight()
    {
        QFETCH(QString, due);
        QFETCH(QByteArray, zone);
        QFETCH(QString, expectedUtc);
        const QDateTime start = Due::fromIsoString(due)->startIn(QTimeZone(zone));
        QCOMPARE(formatIsoDateTime(start.toUTC()), expectedUtc);
    }

    void parseIsoDate_variants_roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("date");

        QTest::newRow("ordinary") << QStringLiteral("2026-11-27") << QDate(2026, 11, 27);
        QTest::newRow("year 1") << QStringLiteral("0001-01-01") << QDate(1, 1, 1);
        QTest::newRow("year 9999") << QStringLiteral("9999-12-31") << QDate(9999, 12, 31);
        QTest::newRow("leap day 2000") << QStringLiteral("2000-02-29") << QDate(2000, 2, 29);
        QTest::newRow("no leap day 1900") << QStringLiteral("1900-02-29") << QDate();
        QTest::newRow("date-time is not a date") << QStringLiteral("2026-11-27T00:00:00Z") << QDate();
        QTest::newRow("negative sign") << QStringLiteral("-026-11-27") << QDate();
    }

    void parseIsoDate_variants_roundTrip()
    {
        QFETCH(QString, text);
        QFETCH(QDate, date);
        const auto parsed = parseIsoDate(text);
        QCOMPARE(parsed.has_value(), date.isValid());
        if (!date.isValid())
            return;
        QCOMPARE(*parsed, date);
        QCOMPARE(formatIsoDate(*parsed), text);
    }

    void parseIsoDateTime_variants_keepOffsetAndRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("msecs"); // since the epoch; -1: invalid
        QTest::addColumn<QString>("formatted");

        QTest::newRow("Z") << QStringLiteral("2026-11-27T09:00:00Z") << qint64(1795770000000)
                           << QStringLiteral("2026-11-27T09:00:00Z");
        QTest::newRow("offset") << QStringLiteral("2026-11-27T10:00:00+01:00") << qint64(1795770000000)
                                << QStringLiteral("2026-11-27T10:00:00+01:00");
        QTest::newRow("negative offset crossing midnight")
            << QStringLiteral("2026-11-27T04:00:00-05:00") << qint64(1795770000000)
            << QStringLiteral("2026-11-27T04:00:00-05:00");
        QTest::newRow("milliseconds") << QStringLiteral("2026-11-27T09:00:00.042Z") << qint64(1795770000042)
                                      << QStringLiteral("2026-11-27T09:00:00.042Z");
        QTest::newRow("two fraction digits") << QStringLiteral("2026-11-27T09:00:00.42Z") << qint64(1795770000420)
                                             << QStringLiteral("2026-11-27T09:00:00.420Z");
        QTest::newRow("zero milliseconds dropped") << QStringLiteral("2026-11-27T09:00:00.000Z")
                                                   << qint64(1795770000000) << QStringLiteral("2026-11-27T09:00:00Z");
        QTest::newRow("no offset") << QStringLiteral("2026-11-27T09:00:00") << qint64(-1) << QString();
        QTest::newRow("date only") << QStringLiteral("2026-11-27") << qint64(-1) << QString();
        QTest::newRow("minute 60") << QStringLiteral("2026-11-27T09:60:00Z") << qint64(-1) << QString();
        QTest::newRow("bad separator") << QStringLiteral("2026-11-27T09-00-00Z") << qint64(-1) << QString();
        QTest::newRow("empty") << QString() << qint64(-1) << QString();
    }

    void parseIsoDateTime_variants_keepOffsetAndRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(qint64, msecs);
        QFETCH(QString, formatted);
        const auto parsed = parseIsoDateTime(text);
        QCOMPARE(parsed.has_value(), msecs >= 0);
        if (msecs < 0)
            return;
        QCOMPARE(parsed->toMSecsSinceEpoch(), msecs);
        QCOMPARE(formatIsoDateTime(*parsed), formatted);
    }

    void formatTimestamp_anyZone_writesUtcWithMilliseconds_data()
    {
        QTest::addColumn<QDateTime>("instant");
        QTest::addColumn<QString>("text");

        QTest::newRow("UTC") << timestampFromMsecs(1795770000123) << QStringLiteral("2026-11-27T09:00:00.123Z");
        QTest::newRow("zero milliseconds kept")
            << timestampFromMsecs(1795770000000) << QStringLiteral("2026-11-27T09:00:00.000Z");
        QTest::newRow("offset converted to UTC") << dateTimeWithOffset(QDate(2026, 11, 27), QTime(0, 30), 3600)
                                                 << QStringLiteral("2026-11-26T23:30:00.000Z");
        QTest::newRow("named zone converted to UTC") << inZone(QDate(2026, 11, 27), QTime(9, 0), "America/New_York")
                                                     << QStringLiteral("2026-11-27T14:00:00.000Z");
    }

    void formatTimestamp_anyZone_writesUtcWithMilliseconds()
    {
        QFETCH(QDateTime, instant);
        QFETCH(QString, text);
        QCOMPARE(formatTimestamp(instant), text);
        const auto parsed = parseIsoDateTime(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->toMSecsSinceEpoch(), instant.toMSecsSinceEpoch());
    }

    void timestampFromMsecs_epochMsecs_givesUtc()
    {
        const QDateTime instant = timestampFromMsecs(1795770000123);
        QCOMPARE(instant.offsetFromUtc(), 0);
        QCOMPARE(instant.toMSecsSinceEpoch(), qint64(1795770000123));
    }

    void taskQueryDateBounds_zones_giveCalendarDates_data()
    {
        QTest::addColumn<QDateTime>("dueAfter");
        QTest::addColumn<QDateTime>("dueBefore");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDate>("firstDate");
        QTest::addColumn<QDate>("endDate");

        const QDate d26(2026, 11, 26);
        const QDate d27(2026, 11, 27);
        const QDate d28(2026, 11, 28);
        const QDate d29(2026, 11, 29);
        const QByteArray berlin("Europe/Berlin");
        const QByteArray newYork("America/New_York");
        const auto b = [](QDate date, QTime time) {
            return inZone(date, time, "Europe/Berlin");
        };
        const auto ny = [](QDate date, QTime time) {
            return inZone(date, time, "America/New_York");
        };

        QTest::newRow("unbounded") << QDateTime() << QDateTime() << berlin << QDate() << QDate();
        QTest::newRow("Berlin midnight to midnight")
            << b(d27, QTime(0, 0)) << b(d28, QTime(0, 0)) << berlin << d27 << d28;
        QTest::newRow("Berlin noon to noon") << b(d27, QTime(12, 0)) << b(d28, QTime(12, 0)) << berlin << d27 << d29;
        QTest::newRow("Berlin one millisecond after midnight")
            << b(d27, QTime(0, 0, 0, 1)) << b(d28, QTime(0, 0, 0, 1)) << berlin << d27 << d29;
        QTest::newRow("Berlin last millisecond")
            << b(d27, QTime(23, 59, 59, 999)) << b(d27, QTime(23, 59, 59, 999)) << berlin << d27 << d28;
        QTest::newRow("UTC bounds read in Berlin")
            << QDateTime(d26, QTime(23, 30), QTimeZone::utc()) << QDateTime(d27, QTime(23, 0), QTimeZone::utc())
            << berlin << d27 << d28;
        QTest::newRow("UTC bounds read in New York")
            << QDateTime(d28, QTime(3, 0), QTimeZone::utc()) << QDateTime(d28, QTime(5, 0), QTimeZone::utc()) << newYork
            << d27 << d28;
        QTest::newRow("New York midnight") << ny(d27, QTime(0, 0)) << ny(d28, QTime(0, 0)) << newYork << d27 << d28;
        QTest::newRow("Berlin bounds read in New York")
            << b(d28, QTime(0, 0)) << b(d28, QTime(6, 0)) << newYork << d27 << d28;
        QTest::newRow("after only") << b(d27, QTime(8, 0)) << QDateTime() << berlin << d27 << QDate();
        QTest::newRow("before only") << QDateTime() << b(d27, QTime(8, 0)) << berlin << QDate() << d28;
        QTest::newRow("Berlin spring-forward day")
            << b(QDate(2026, 3, 29), QTime(0, 0)) << b(QDate(2026, 3, 30), QTime(0, 0)) << berlin << QDate(2026, 3, 29)
            << QDate(2026, 3, 30);
    }

    void taskQueryDateBounds_zones_giveCalendarDates()
    {
        QFETCH(QDateTime, dueAfter);
        QFETCH(QDateTime, dueBefore);
        QFETCH(QByteArray, zone);
        QFETCH(QDate, firstDate);
        QFETCH(QDate, endDate);
        TaskQuery query;
        query.dueAfter = dueAfter;
        query.dueBefore = dueBefore;
        query.timeZone = QTimeZone(zone);
        QCOMPARE(query.firstDate(), firstDate);
        QCOMPARE(query.endDate(), endDate);
    }

    void taskQueryMatches_dateOnlyDue_isTheWholeDayInTheZone_data()
    {
        QTest::addColumn<QDateTime>("dueAfter");
        QTest::addColumn<QDateTime>("dueBefore");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("matches");

        // The task is due on 2026-11-27 (a whole day).
        const QDate d27(2026, 11, 27);
        const QDate d28(2026, 11, 28);
        const auto b = [](QDate date, QTime time) {
            return inZone(date, time, "Europe/Berlin");
        };
        const QByteArray berlin("Europe/Berlin");

        QTest::newRow("after the day starts") << b(d27, QTime(12, 0)) << QDateTime() << berlin << true;
        QTest::newRow("after its last millisecond") << b(d27, QTime(23, 59, 59, 999)) << QDateTime() << berlin << true;
        QTest::newRow("after the day ends") << b(d28, QTime(0, 0)) << QDateTime() << berlin << false;
        QTest::newRow("before its first millisecond ends")
            << QDateTime() << b(d27, QTime(0, 0, 0, 1)) << berlin << true;
        QTest::newRow("before the day starts") << QDateTime() << b(d27, QTime(0, 0)) << berlin << false;
        QTest::newRow("the same day in New York is later")
            << QDateTime() << b(d27, QTime(3, 0)) << QByteArray("America/New_York") << false;
        QTest::newRow("within a window inside the day")
            << b(d27, QTime(9, 0)) << b(d27, QTime(10, 0)) << berlin << true;
    }

    void taskQueryMatches_dateOnlyDue_isTheWholeDayInTheZone()
    {
        QFETCH(QDateTime, dueAfter);
        QFETCH(QDateTime, dueBefore);
        QFETCH(QByteArray, zone);
        QFETCH(bool, matches);
        Task task = validTask();
        task.due = Due::onDate(QDate(2026, 11, 27));
        TaskQuery query;
        query.dueAfter = dueAfter;
        query.dueBefore = dueBefore;
        query.timeZone = QTimeZone(zone);
        QCOMPARE(query.matches(task), matches);
    }

    void taskQueryMatches_blankTag_meansAnyTag()
    {
        // The store drops a tag filter that trims to nothing; matches() must agree.
        Task task = validTask();
        TaskQuery query;
        query.tag = QStringLiteral("   ");
        QVERIFY(query.matches(task));
        query.tag = QStringLiteral(" home ");
        QVERIFY(!query.matches(task));
        task.tags = {QStringLiteral("HOME")};
        QVERIFY(query.matches(task));
    }

    void taskQueryMatches_text_ignoresCaseFully_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");

        QTest::newRow("ASCII") << QStringLiteral("Buy Milk") << QStringLiteral("bUY mILK") << true;
        QTest::newRow("umlaut upper finds lower") << QStringLiteral("über alles") << QStringLiteral("ÜBER") << true;
        QTest::newRow("umlaut lower finds upper") << QStringLiteral("ÜBER ALLES") << QStringLiteral("über") << true;
        QTest::newRow("SS finds sharp s") << QStringLiteral("Straße fegen") << QStringLiteral("STRASSE") << true;
        QTest::newRow("sharp s finds SS") << QStringLiteral("STRASSE FEGEN") << QStringLiteral("straße") << true;
        QTest::newRow("capital sharp s") << QStringLiteral("STRAẞE") << QStringLiteral("strasse") << true;
        QTest::newRow("final sigma") << QStringLiteral("ΟΔΟΣ") << QStringLiteral("οδος") << true;
        QTest::newRow("ligature") << QStringLiteral("ﬁle it") << QStringLiteral("FILE") << true;
        // Accents are ignored too (domain/textfold.h): "uber" finds "über", as "cafe" finds "Café".
        QTest::newRow("ü finds u") << QStringLiteral("uber") << QStringLiteral("über") << true;
        QTest::newRow("cafe finds Café") << QStringLiteral("Café Lumière") << QStringLiteral("cafe") << true;
        QTest::newRow("é is not a") << QStringLiteral("cafa") << QStringLiteral("Café") << false;
    }

    void taskQueryMatches_text_ignoresCaseFully()
    {
        QFETCH(QString, title);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        Task task = validTask();
        task.title = title;
        TaskQuery query;
        query.text = text;
        QCOMPARE(query.matches(task), matches);
        // Also found in the description.
        task.title = QStringLiteral("x");
        task.description = QStringLiteral("see: ") + title;
        QCOMPARE(query.matches(task), matches);
    }

    void taskSortFromName_names_parseWithDirection_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<TaskSort>("sort");
        QTest::addColumn<bool>("reversed");

        QTest::newRow("due") << QStringLiteral("due") << true << TaskSort::Due << false;
        QTest::newRow("-due") << QStringLiteral("-due") << true << TaskSort::Due << true;
        QTest::newRow("priority") << QStringLiteral("priority") << true << TaskSort::Priority << false;
        QTest::newRow("-priority") << QStringLiteral("-priority") << true << TaskSort::Priority << true;
        QTest::newRow("created") << QStringLiteral("created") << true << TaskSort::Created << false;
        QTest::newRow("-created") << QStringLiteral("-created") << true << TaskSort::Created << true;
        QTest::newRow("updated") << QStringLiteral("updated") << true << TaskSort::Updated << false;
        QTest::newRow("-updated") << QStringLiteral("-updated") << true << TaskSort::Updated << true;
        QTest::newRow("title") << QStringLiteral("title") << true << TaskSort::Title << false;
        QTest::newRow("-title") << QStringLiteral("-title") << true << TaskSort::Title << true;
        QTest::newRow("empty") << QString() << false << TaskSort::Due << false;
        QTest::newRow("dash alone") << QStringLiteral("-") << false << TaskSort::Due << false;
        QTest::newRow("double dash") << QStringLiteral("--due") << false << TaskSort::Due << false;
        QTest::newRow("plus") << QStringLiteral("+due") << false << TaskSort::Due << false;
        QTest::newRow("capitalised") << QStringLiteral("Due") << false << TaskSort::Due << false;
        QTest::newRow("trailing space") << QStringLiteral("due ") << false << TaskSort::Due << false;
        QTest::newRow("unknown") << QStringLiteral("size") << false << TaskSort::Due << false;
    }

    void taskSortFromName_names_parseWithDirection()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(TaskSort, sort);
        QFETCH(bool, reversed);
        const auto parsed = tandem::taskSortFromName(name);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(parsed->first, sort);
        QCOMPARE(parsed->second, reversed);
        QCOMPARE(taskSortName(sort, reversed), name);
    }

    void taskStatusAndPriorityNames_wireNames_roundTrip()
    {
        for (auto status : {TaskStatus::Pending, TaskStatus::InProgress, TaskStatus::Completed})
            QCOMPARE(taskStatusFromName(taskStatusName(status)).value_or(TaskStatus(-1)), status);
        QCOMPARE(taskStatusName(TaskStatus::InProgress), QStringLiteral("in_progress"));
        QVERIFY(!taskStatusFromName(u"done").has_value());
        QVERIFY(!taskStatusFromName(u"Pending").has_value());
        for (auto priority :
             {TaskPriority::None, TaskPriority::Low, TaskPriority::Medium, TaskPriority::High, TaskPriority::Urgent})
            QCOMPARE(taskPriorityFromName(taskPriorityName(priority)).value_or(TaskPriority(-1)), priority);
        QVERIFY(!taskPriorityFromName(u"critical").has_value());
        QVERIFY(!taskPriorityFromName(u"").has_value());
    }

    void taskPatchApplyTo_someFieldsSet_changesOnlyThose()
    {
        TaskPatch patch;
        QVERIFY(patch.isEmpty());
        Task task = validTask();
        task.description = QStringLiteral("kept");
        task.tags = {QStringLiteral("kept")};
        const Task before = task;
        patch.applyTo(task);
        QCOMPARE(task, before);

        patch.title = QStringLiteral("new title");
        patch.due = Due::onDate(QDate(2026, 12, 1));
        QVERIFY(!patch.isEmpty());
        patch.applyTo(task);
        QCOMPARE(task.title, QStringLiteral("new title"));
        QCOMPARE(task.due, Due::onDate(QDate(2026, 12, 1)));
        QCOMPARE(task.description, QStringLiteral("kept"));
        QCOMPARE(task.tags, QStringList{QStringLiteral("kept")});
        QCOMPARE(task.revision, before.revision);

        TaskPatch clear;
        clear.due = Due();
        clear.applyTo(task);
        QVERIFY(task.due.isNone());
    }
};

QTEST_GUILESS_MAIN(TestTaskValidation)
#include "tst_task_validation.moc"
