// The built-in engine's list questions (core/assistant/builtin/filters.h):
// each becomes a domain TaskQuery, the same matcher REST and the dashboard use.
#include "assistant/builtin/filters.h"
#include "assistant/quickadd.h"

#include <QTest>

using namespace tandem;
using namespace tandem::assistant;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone berlin("Europe/Berlin");
const Now now{QDateTime(QDate(2026, 11, 26), QTime(10, 0), berlin), berlin};

std::optional<ListFilter> filterOf(const QString &text)
{
    ParseContext parse;
    parse.now = now.instant;
    parse.timeZone = now.zone;
    Message m = readMessage(text);
    stripCourtesy(m);
    return parseListFilter(m, now, parse, {u"home"_s, u"errands"_s, u"work"_s});
}

QDateTime at(int month, int day)
{
    return QDateTime(QDate(2026, month, day), QTime(0, 0), berlin);
}

} // namespace

class TestBuiltinFilters final : public QObject
{
    Q_OBJECT

private slots:
    void parseListFilter_defaults_openTasks()
    {
        const auto f = filterOf(u"show my tasks"_s);
        QVERIFY(f);
        QCOMPARE(f->query.statuses, (QList<TaskStatus>{TaskStatus::Pending, TaskStatus::InProgress}));
        QCOMPARE(f->description, u"open tasks"_s);
        QVERIFY(!f->count);
    }

    void parseListFilter_tagAsAdjectiveOrNoun_filtersByTag_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tag");
        QTest::newRow("adjective") << u"show me my home tasks"_s << u"home"_s;
        QTest::newRow("noun") << u"what are my errands"_s << u"errands"_s;
        QTest::newRow("singular of a plural tag") << u"any errand left?"_s << u"errands"_s;
        QTest::newRow("stuff") << u"work stuff please"_s << u"work"_s;
        QTest::newRow("hashtag") << u"list #travel"_s << u"travel"_s;
        QTest::newRow("tagged") << u"tasks tagged Garden"_s << u"Garden"_s;
    }
    void parseListFilter_tagAsAdjectiveOrNoun_filtersByTag()
    {
        QFETCH(QString, text);
        QFETCH(QString, tag);
        const auto f = filterOf(text);
        QVERIFY(f);
        QCOMPARE(f->query.tag, tag);
    }

    void parseListFilter_dates_becomeRanges()
    {
        auto f = filterOf(u"what's due today?"_s);
        QCOMPARE(f->query.dueAfter, at(11, 26));
        QCOMPARE(f->query.dueBefore, at(11, 27));
        f = filterOf(u"anything due this week"_s);
        QCOMPARE(f->query.dueAfter, at(11, 26));
        QCOMPARE(f->query.dueBefore, at(11, 30));
        f = filterOf(u"what's on next week"_s);
        QCOMPARE(f->query.dueAfter, at(11, 30));
        QCOMPARE(f->query.dueBefore, at(12, 7));
        f = filterOf(u"what's due by friday"_s);
        QVERIFY(!f->query.dueAfter.isValid());
        QCOMPARE(f->query.dueBefore, at(11, 28));
    }

    void parseListFilter_overdue_usesTheDomainRule()
    {
        const auto f = filterOf(u"am I behind on anything?"_s);
        QVERIFY(f);
        QCOMPARE(f->query.dueFilter, DueFilter::Overdue);
        QCOMPARE(f->query.now, now.instant);
        QCOMPARE(f->description, u"overdue tasks"_s);
    }

    void parseListFilter_finishedToday_isACompletionRange()
    {
        const auto f = filterOf(u"what did I finish today"_s);
        QVERIFY(f);
        QCOMPARE(f->query.statuses, QList<TaskStatus>{TaskStatus::Completed});
        QCOMPARE(f->query.completedAfter, at(11, 26));
        QCOMPARE(f->query.completedBefore, at(11, 27));
        QVERIFY(!f->query.dueAfter.isValid());
    }

    void parseListFilter_priorityAndCount()
    {
        auto f = filterOf(u"how many urgent tasks do I have"_s);
        QVERIFY(f && f->count);
        QCOMPARE(f->query.priorities, QList<TaskPriority>{TaskPriority::Urgent});
        f = filterOf(u"show high priority tasks"_s);
        QCOMPARE(f->query.priorities, (QList<TaskPriority>{TaskPriority::High, TaskPriority::Urgent}));
        f = filterOf(u"list tasks without a due date"_s);
        QCOMPARE(f->query.dueFilter, DueFilter::NoDue);
        f = filterOf(u"what am I working on"_s);
        QCOMPARE(f->query.statuses, QList<TaskStatus>{TaskStatus::InProgress});
    }

    void parseListFilter_search_keepsTheWords()
    {
        const auto f = filterOf(u"find tasks about Café Lumière"_s);
        QVERIFY(f);
        QCOMPARE(f->text, u"Café Lumière"_s);
        QVERIFY(f->query.statuses.isEmpty());
    }

    void parseListFilter_notAQuestion_nothing()
    {
        QVERIFY(!filterOf(u"buy bananas"_s));
        QCOMPARE(singularOf(u"open tasks tagged #tasks"_s), u"open task tagged #tasks"_s);
    }
};

QTEST_GUILESS_MAIN(TestBuiltinFilters)

#include "tst_builtin_filters.moc"
