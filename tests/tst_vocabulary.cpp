// The domain's shared rules for words: text folding (domain/textfold.h) and
// the priority and status vocabulary (domain/vocabulary.h) every surface reads.
#include "domain/textfold.h"
#include "domain/vocabulary.h"

#include <QTest>

using namespace tandem;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::optional<tandem::TaskPriority>)
Q_DECLARE_METATYPE(std::optional<tandem::TaskStatus>)

class TestVocabulary final : public QObject
{
    Q_OBJECT

private slots:
    void foldForSearch_text_ignoresCaseAccentsAndTypography_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("folded");
        QTest::newRow("ascii") << u"Buy MILK"_s << u"buy milk"_s;
        QTest::newRow("accents") << u"Café Lumière"_s << u"cafe lumiere"_s;
        QTest::newRow("sharp s") << u"Straße"_s << u"strasse"_s;
        QTest::newRow("capital sharp s") << u"STRAẞE"_s << u"strasse"_s;
        QTest::newRow("ligature") << u"ﬁle"_s << u"file"_s;
        QTest::newRow("curly apostrophe") << u"Ana’s party"_s << u"ana's party"_s;
        QTest::newRow("curly quotes") << u"“Plan”"_s << u"\"plan\""_s;
        QTest::newRow("dash") << u"a – b — c"_s << u"a - b - c"_s;
        QTest::newRow("greek final sigma") << u"ΟΔΟΣ"_s << u"οδοσ"_s;
        QTest::newRow("emoji kept") << u"🎂 Cake"_s << u"🎂 cake"_s;
    }
    void foldForSearch_text_ignoresCaseAccentsAndTypography()
    {
        QFETCH(QString, text);
        QFETCH(QString, folded);
        QCOMPARE(foldForSearch(text), folded);
    }

    void tagKey_tags_equalIgnoringCaseOnly()
    {
        QCOMPARE(tagKey(u" Work "_s), tagKey(u"work"_s));
        QCOMPARE(tagKey(u"ÜBER"_s), tagKey(u"über"_s));
        // Tags keep their accents: "cafe" and "café" are two tags.
        QVERIFY(tagKey(u"café"_s) != tagKey(u"cafe"_s));
    }

    void priorityFromPhrase_spokenForms_givePriority_data()
    {
        QTest::addColumn<QString>("phrase");
        QTest::addColumn<std::optional<TaskPriority>>("priority");
        const auto p = [](TaskPriority value) {
            return std::optional<TaskPriority>(value);
        };
        QTest::newRow("urgent") << u"urgent"_s << p(TaskPriority::Urgent);
        QTest::newRow("asap") << u"asap"_s << p(TaskPriority::Urgent);
        QTest::newRow("top priority") << u"top priority"_s << p(TaskPriority::Urgent);
        QTest::newRow("p1") << u"p1"_s << p(TaskPriority::Urgent);
        QTest::newRow("important") << u"important"_s << p(TaskPriority::High);
        QTest::newRow("it is important") << u"it is important"_s << p(TaskPriority::High);
        QTest::newRow("a high priority") << u"a high priority"_s << p(TaskPriority::High);
        QTest::newRow("high-priority") << u"high-priority"_s << p(TaskPriority::High);
        QTest::newRow("priority: high") << u"priority: high"_s << p(TaskPriority::High);
        QTest::newRow("!high") << u"!high"_s << p(TaskPriority::High);
        QTest::newRow("high alone") << u"high"_s << p(TaskPriority::High);
        QTest::newRow("normal priority") << u"normal priority"_s << p(TaskPriority::Medium);
        QTest::newRow("med") << u"med"_s << p(TaskPriority::Medium);
        QTest::newRow("with low priority") << u"with low priority"_s << p(TaskPriority::Low);
        QTest::newRow("no rush") << u"no rush"_s << p(TaskPriority::Low);
        QTest::newRow("not urgent") << u"not urgent"_s << p(TaskPriority::Low);
        QTest::newRow("p4") << u"p4"_s << p(TaskPriority::Low);
        QTest::newRow("no priority") << u"no priority"_s << p(TaskPriority::None);
        QTest::newRow("a high") << u"a high"_s << std::optional<TaskPriority>();
        QTest::newRow("high school") << u"high school"_s << std::optional<TaskPriority>();
        QTest::newRow("p5") << u"p5"_s << std::optional<TaskPriority>();
        QTest::newRow("empty") << QString() << std::optional<TaskPriority>();
    }
    void priorityFromPhrase_spokenForms_givePriority()
    {
        QFETCH(QString, phrase);
        QFETCH(std::optional<TaskPriority>, priority);
        QCOMPARE(priorityFromPhrase(phrase), priority);
    }

    void statusFromPhrase_words_giveStatus_data()
    {
        QTest::addColumn<QString>("phrase");
        QTest::addColumn<std::optional<TaskStatus>>("status");
        const auto s = [](TaskStatus value) {
            return std::optional<TaskStatus>(value);
        };
        QTest::newRow("done") << u"done"_s << s(TaskStatus::Completed);
        QTest::newRow("finished") << u"finished"_s << s(TaskStatus::Completed);
        QTest::newRow("in progress") << u"in progress"_s << s(TaskStatus::InProgress);
        QTest::newRow("started") << u"started"_s << s(TaskStatus::InProgress);
        QTest::newRow("not done") << u"not done"_s << s(TaskStatus::Pending);
        QTest::newRow("to do") << u"to do"_s << s(TaskStatus::Pending);
        QTest::newRow("banana") << u"banana"_s << std::optional<TaskStatus>();
    }
    void statusFromPhrase_words_giveStatus()
    {
        QFETCH(QString, phrase);
        QFETCH(std::optional<TaskStatus>, status);
        QCOMPARE(statusFromPhrase(phrase), status);
    }

    void raisedAndLoweredPriority_step_oneLevel()
    {
        QCOMPARE(raisedPriority(TaskPriority::None), TaskPriority::Medium);
        QCOMPARE(raisedPriority(TaskPriority::Low), TaskPriority::Medium);
        QCOMPARE(raisedPriority(TaskPriority::Medium), TaskPriority::High);
        QCOMPARE(raisedPriority(TaskPriority::High), TaskPriority::Urgent);
        QCOMPARE(raisedPriority(TaskPriority::Urgent), TaskPriority::Urgent);
        QCOMPARE(loweredPriority(TaskPriority::Urgent), TaskPriority::High);
        QCOMPARE(loweredPriority(TaskPriority::High), TaskPriority::Medium);
        QCOMPARE(loweredPriority(TaskPriority::Medium), TaskPriority::Low);
        QCOMPARE(loweredPriority(TaskPriority::None), TaskPriority::Low);
        QCOMPARE(priorityWord(TaskPriority::None), u"no"_s);
        QCOMPARE(priorityWord(TaskPriority::High), u"high"_s);
    }

    void isOverdue_dueAndStatus_oneRule()
    {
        const QTimeZone berlin("Europe/Berlin");
        const QDateTime now(QDate(2026, 11, 26), QTime(10, 0), berlin);
        Task task;
        task.due = Due::onDate(QDate(2026, 11, 25));
        QVERIFY(isOverdue(task, now, berlin));
        task.due = Due::onDate(QDate(2026, 11, 26)); // today is not over yet
        QVERIFY(!isOverdue(task, now, berlin));
        task.due = Due::at(now.addSecs(-60));
        QVERIFY(isOverdue(task, now, berlin));
        task.status = TaskStatus::Completed;
        task.completedAt = now;
        QVERIFY(!isOverdue(task, now, berlin));
        task = Task{};
        QVERIFY(!isOverdue(task, now, berlin));
    }
};

QTEST_GUILESS_MAIN(TestVocabulary)

#include "tst_vocabulary.moc"
