// The built-in engine's request shapes (core/assistant/builtin/frames.h) and
// its lexicon (lexicon.h): which operation a sentence asks for, and which words
// name the task, before any task is looked up.
#include "assistant/builtin/frames.h"
#include "assistant/builtin/lexicon.h"
#include "assistant/builtin/message.h"
#include "assistant/builtin/references.h"
#include "assistant/quickadd.h"

#include <QTest>

using namespace tandem;
using namespace tandem::assistant;
using namespace Qt::StringLiterals;

namespace {

struct Reading
{
    QString op;
    QString task;
};

// The first frame that fits the sentence (with any words accepted as a task), as commands() tries them.
Reading read(const QString &sentence)
{
    Message m = readMessage(sentence);
    stripCourtesy(m);
    for (const CommandFrame &frame : commandFrames()) {
        Pattern::Captures captures;
        // The engine's own checks for each slot (TaskCatalog aside).
        const auto valid = [&](const QString &slot, qsizetype first, qsizetype last) {
            if (slot == u"shift")
                return shiftFromWords(m.folded(first, last)).has_value();
            if (slot == u"date") {
                ParseContext parse;
                parse.now = QDateTime(QDate(2026, 11, 26), QTime(10, 0), QTimeZone::utc());
                const QString text = m.span(first, last);
                const auto due = QuickAddParser::findDue(text, parse);
                return due && due->start == 0 && due->length == text.size();
            }
            if (slot == u"task")
                return canNameTask(m, first, last);
            return true;
        };
        if (frame.pattern.match(m.words, 0, &captures, valid)) {
            const auto [a, b] = captures.value(u"task"_s);
            return Reading{opName(frame.op), m.span(a, b)};
        }
    }
    return {};
}

} // namespace

class TestBuiltinFrames final : public QObject
{
    Q_OBJECT

private slots:
    void commandFrames_sentence_readsOperationAndTask_data()
    {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("task");
        // Completing, in every form.
        QTest::newRow("imperative") << u"finish the report"_s << u"complete"_s << u"the report"_s;
        QTest::newRow("phrasal") << u"tick off buy milk"_s << u"complete"_s << u"buy milk"_s;
        QTest::newRow("phrasal split") << u"cross buy milk off my list"_s << u"complete"_s << u"buy milk"_s;
        QTest::newRow("mark as") << u"mark the report as finished"_s << u"complete"_s << u"the report"_s;
        QTest::newRow("declarative is") << u"the report is done"_s << u"complete"_s << u"the report"_s;
        QTest::newRow("declarative i") << u"I've finally finished the report"_s << u"complete"_s << u"the report"_s;
        QTest::newRow("terse") << u"report done"_s << u"complete"_s << u"report"_s;
        QTest::newRow("polite question") << u"could you tick off the report?"_s << u"complete"_s << u"the report"_s;
        QTest::newRow("taken care of") << u"the invoice is taken care of"_s << u"complete"_s << u"the invoice"_s;
        // Reopening: negated statements.
        QTest::newRow("isn't done") << u"the report isn't done yet"_s << u"reopen"_s << u"the report"_s;
        QTest::newRow("didn't finish") << u"I didn't finish the report"_s << u"reopen"_s << u"the report"_s;
        QTest::newRow("still open") << u"the report is still open"_s << u"reopen"_s << u"the report"_s;
        QTest::newRow("reopen") << u"reopen the report"_s << u"reopen"_s << u"the report"_s;
        // Starting.
        QTest::newRow("working on") << u"I'm working on the slides"_s << u"start"_s << u"the slides"_s;
        QTest::newRow("start") << u"start on the slides"_s << u"start"_s << u"the slides"_s;
        // Deleting.
        QTest::newRow("get rid of") << u"get rid of the old photos"_s << u"delete"_s << u"the old photos"_s;
        QTest::newRow("scrap") << u"scrap the gym thing"_s << u"delete"_s << u"the gym thing"_s;
        QTest::newRow("don't need") << u"I don't need the gym thing anymore"_s << u"delete"_s << u"the gym thing"_s;
        // Dates.
        QTest::newRow("push to") << u"push the report to friday"_s << u"due"_s << u"the report"_s;
        QTest::newRow("to be due") << u"change the report to be due friday"_s << u"due"_s << u"the report"_s;
        QTest::newRow("bump by") << u"bump the report by 2 days"_s << u"due"_s << u"the report"_s;
        QTest::newRow("put off") << u"put off the report for a week"_s << u"due"_s << u"the report"_s;
        QTest::newRow("needs to be done by")
            << u"the report needs to be done by friday"_s << u"due"_s << u"the report"_s;
        QTest::newRow("no deadline") << u"the report doesn't have a deadline anymore"_s << u"clearDue"_s
                                     << u"the report"_s;
        // Priority.
        QTest::newRow("raise") << u"raise the priority of the report"_s << u"priority"_s << u"the report"_s;
        QTest::newRow("lower") << u"lower the report's priority"_s << u"priority"_s << u"the report"_s;
        QTest::newRow("not urgent anymore") << u"the report isn't urgent anymore"_s << u"priority"_s << u"the report"_s;
        // Renaming, tags.
        QTest::newRow("call it") << u"call the report Q4 report instead"_s << u"rename"_s << u"the report"_s;
        QTest::newRow("should be called")
            << u"the report should be called Q4 report"_s << u"rename"_s << u"the report"_s;
        QTest::newRow("tag with") << u"tag the report with work"_s << u"addTags"_s << u"the report"_s;
        // Nothing: an unknown verb.
        QTest::newRow("unknown verb") << u"frobnicate the report to friday"_s << QString() << QString();
    }
    void commandFrames_sentence_readsOperationAndTask()
    {
        QFETCH(QString, sentence);
        QFETCH(QString, op);
        QFETCH(QString, task);
        const Reading reading = read(sentence);
        QCOMPARE(reading.op, op);
        QCOMPARE(reading.task, task);
    }

    void shiftFromWords_spans_giveDaysAndMonths()
    {
        QCOMPARE(shiftFromWords({u"2"_s, u"days"_s}), (std::optional<std::pair<int, int>>({2, 0})));
        QCOMPARE(shiftFromWords({u"a"_s, u"week"_s}), (std::optional<std::pair<int, int>>({7, 0})));
        QCOMPARE(shiftFromWords({u"three"_s, u"weeks"_s}), (std::optional<std::pair<int, int>>({21, 0})));
        QCOMPARE(shiftFromWords({u"a"_s, u"fortnight"_s}), (std::optional<std::pair<int, int>>({14, 0})));
        QCOMPARE(shiftFromWords({u"one"_s, u"month"_s}), (std::optional<std::pair<int, int>>({0, 1})));
        QVERIFY(!shiftFromWords({u"3rd"_s, u"day"_s}));
        QVERIFY(!shiftFromWords({u"two"_s, u"apples"_s}));
    }

    void lexicon_everyVerb_isASpellingTarget()
    {
        // A typo of any listed verb of four letters or more is corrected to it.
        for (const QString &list : {lexicon::completeVerbs(), lexicon::deleteVerbs(), lexicon::moveVerbs()}) {
            for (const QString &alternative : lexicon::alternatives(list)) {
                for (const QString &word : alternative.split(u' ')) {
                    if (word.size() >= 4)
                        QVERIFY2(lexicon::isSpellingTarget(word), qPrintable(word));
                }
            }
        }
        QVERIFY(lexicon::isShortVerb(u"add"_s));
        QVERIFY(!lexicon::isShortVerb(u"the"_s));
    }

    void opFromName_everyOp_roundTrips()
    {
        for (Op op : {Op::Complete, Op::Reopen, Op::Start, Op::Pause, Op::Delete, Op::Rename, Op::Describe, Op::Due,
                      Op::ClearDue, Op::Priority, Op::AddTags, Op::RemoveTags, Op::ClearTags})
            QCOMPARE(opFromName(opName(op)), std::optional<Op>(op));
        QVERIFY(!opFromName(u"explode"_s));
    }
};

QTEST_GUILESS_MAIN(TestBuiltinFrames)

#include "tst_builtin_frames.moc"
