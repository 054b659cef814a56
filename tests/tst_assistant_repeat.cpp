// The built-in assistant and repeating tasks, end to end on a real store:
// creating with a repeat, "make X repeat every friday", "stop repeating X",
// "X no longer repeats", completing one occurrence, undoing that, and the
// LLM tool arguments. Clock: Thursday 26 November 2026, 10:00 Europe/Berlin.
#include "assistant/turntools.h"
#include "assistantfixture.h"
#include "domain/json.h"

#include <QTest>

using namespace tandem;
using namespace tandem::test;
using namespace Qt::StringLiterals;

class TestAssistantRepeat final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AssistantFixture> m_f;

    QString rule(const QString &title) const
    {
        const auto task = m_f->taskTitled(title);
        return task && task->repeat ? describeRepeat(*task->repeat) : QString();
    }

private slots:
    void init()
    {
        QString error;
        m_f = AssistantFixture::create(&error);
        QVERIFY2(m_f, qPrintable(error));
    }

    void cleanup() { m_f.reset(); }
    void create_withRepeat_setsRuleAndFirstDue_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("due");
        QTest::newRow("every monday") << u"add water the plants every monday"_s << u"water the plants"_s
                                      << u"every week on Mon"_s << u"2026-11-30"_s;
        QTest::newRow("daily") << u"remind me to take vitamins daily"_s << u"take vitamins"_s << u"daily"_s
                               << u"2026-11-26"_s;
        QTest::newRow("every 2 weeks") << u"add clean the fridge every 2 weeks"_s << u"clean the fridge"_s
                                       << u"every 2 weeks"_s << u"2026-11-26"_s;
        QTest::newRow("monthly on the 1st")
            << u"pay rent every month on the 1st"_s << u"pay rent"_s << u"every month on the 1st"_s << u"2026-12-01"_s;
    }

    void create_withRepeat_setsRuleAndFirstDue()
    {
        QFETCH(QString, message);
        QFETCH(QString, title);
        QFETCH(QString, rule);
        QFETCH(QString, due);
        const QString reply = m_f->say(message);
        const auto task = m_f->taskTitled(title);
        QVERIFY2(task, qPrintable(reply));
        QVERIFY(task->repeat);
        QCOMPARE(describeRepeat(*task->repeat), rule);
        QCOMPARE(task->due.toIsoString(), due);
        // The answer names the rule.
        QVERIFY2(reply.contains(u"repeats "_s + rule), qPrintable(reply));
    }

    void makeRepeat_thenStop_changesRuleAndSaysSo_data()
    {
        QTest::addColumn<QString>("make");
        QTest::addColumn<QString>("stop");
        QTest::newRow("make / stop repeating")
            << u"make water the plants repeat every friday"_s << u"stop repeating water the plants"_s;
        QTest::newRow("should repeat / no longer repeats")
            << u"water the plants should repeat every friday"_s << u"water the plants no longer repeats"_s;
        QTest::newRow("repeat X / doesn't repeat")
            << u"repeat water the plants every friday"_s << u"water the plants does not repeat anymore"_s;
    }

    void makeRepeat_thenStop_changesRuleAndSaysSo()
    {
        QFETCH(QString, make);
        QFETCH(QString, stop);
        m_f->addTask(u"Water the plants"_s, TaskPriority::None, Due::onDate(QDate(2026, 11, 26)));
        const QString made = m_f->say(make);
        QVERIFY2(rule(u"Water the plants"_s) == u"every week on Fri"_s, qPrintable(made));
        // Its due moves to the first Friday from the old due.
        QCOMPARE(m_f->taskTitled(u"Water the plants"_s)->due, Due::onDate(QDate(2026, 11, 27)));
        QVERIFY2(made.contains(u"now repeats every week on Fri"_s), qPrintable(made));
        const QString stopped = m_f->say(stop);
        QVERIFY2(stopped.contains(u"no longer repeats"_s), qPrintable(stopped));
        QCOMPARE(rule(u"Water the plants"_s), QString());
        QVERIFY(!m_f->taskTitled(u"Water the plants"_s)->due.isNone());
    }

    void complete_repeatingTask_movesOnAndUndoRestores()
    {
        m_f->say(u"add water the plants every monday"_s);
        const Task before = *m_f->taskTitled(u"water the plants"_s);
        const QString done = m_f->say(u"mark water the plants as done"_s);
        const Task after = *m_f->taskTitled(u"water the plants"_s);
        QCOMPARE(after.status, TaskStatus::Pending);
        QCOMPARE(after.due, Due::onDate(QDate(2026, 12, 7)));
        QVERIFY(after.lastCompletedAt.isValid());
        QVERIFY2(done.contains(u"repeats every week on Mon"_s), qPrintable(done));
        m_f->say(u"undo"_s);
        const Task undone = *m_f->taskTitled(u"water the plants"_s);
        QCOMPARE(undone.due, before.due);
        QVERIFY(!undone.lastCompletedAt.isValid());
    }

    void llmTools_repeatArgument_isDeclaredInAddAndUpdate()
    {
        const QJsonArray tools = assistant::TurnTools::definitions();
        int found = 0;
        for (const QJsonValue &tool : tools) {
            const QJsonObject function = tool.toObject().value(u"function"_s).toObject();
            const QString name = function.value(u"name"_s).toString();
            const QJsonObject properties = function.value(u"parameters"_s).toObject().value(u"properties"_s).toObject();
            if (name == u"add_task" || name == u"update_task") {
                QVERIFY2(properties.contains(u"repeat"_s), qPrintable(name));
                ++found;
            }
        }
        QCOMPARE(found, 2);
    }
};

QTEST_GUILESS_MAIN(TestAssistantRepeat)
#include "tst_assistant_repeat.moc"
