// The built-in engine against its generated paraphrase grid
// (tests/support/assistantgrid.h): thousands of requests built from templates,
// verbs and their synonyms, field positions, ways of naming a task and
// courtesy, each with its exact effect. The grid is what the engine is
// developed on (the held-out set never is), so every case must pass; and over
// all of them the safety properties hold:
//  - a message that is not understood, or that tries to instruct the
//    assistant, changes nothing;
//  - no message creates a task whose title holds an existing task's title
//    together with a change word;
//  - anything touching several tasks asks first, and "no" changes nothing;
//  - another user's tasks are never named or touched (checked on every case).
#include "assistantgrid.h"

#include <QTest>

using namespace tandem;
using namespace tandem::test;
using namespace Qt::StringLiterals;

class TestAssistantGrid final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        m_runner = AssistantCaseRunner::create(gridSeeds(), &error);
        QVERIFY2(m_runner, qPrintable(error));
        for (const SeedTask &task : gridSeeds().value(u"grid"_s)) {
            if (task.owner == u"alice")
                m_titles.append(task.draft.title);
        }
    }

    void grid_paraphrases_everyOneUnderstood()
    {
        const auto cases = paraphraseGrid();
        QVERIFY2(cases.size() >= 2000, qPrintable(u"only %1 cases"_s.arg(cases.size())));
        runAll(cases);
    }

    void grid_unknownOrHostileMessages_changeNothing()
    {
        const auto cases = safetyGrid();
        for (const AssistantCase &c : cases)
            QVERIFY2(c.effects.isEmpty(), qPrintable(c.messages.join(u" / "_s)));
        runAll(cases);
    }

    void grid_severalTasks_askFirstAndNoChangesNothing() { runAll(bulkGrid()); }

    void cleanupTestCase() { qInfo().noquote() << u"paraphrase grid: %1 cases run"_s.arg(m_run); }

private:
    void runAll(const QList<AssistantCase> &cases)
    {
        QStringList failures;
        for (const AssistantCase &c : cases) {
            const auto outcome = m_runner->run(c);
            ++m_run;
            QString problem = outcome.passed ? QString() : outcome.failure;
            if (const QString unsafe = newTitleHoldsATaskAndAChange(outcome.actual); !unsafe.isEmpty())
                problem += u" UNSAFE: "_s + unsafe;
            if (!problem.isEmpty())
                failures.append(u"[%1] %2\n    %3\n    reply: %4"_s.arg(
                    c.intent, c.messages.join(u" ⏎ "_s), problem,
                    outcome.replies.isEmpty() ? u"-"_s
                                              : QString(outcome.replies.constLast()).replace(u'\n', u" / "_s)));
        }
        if (!failures.isEmpty())
            qWarning().noquote() << u"%1 of %2 grid cases failed:\n"_s.arg(failures.size()).arg(cases.size())
                    + failures.mid(0, 200).join(u'\n');
        QVERIFY2(failures.isEmpty(), qPrintable(u"%1 of %2 cases failed"_s.arg(failures.size()).arg(cases.size())));
    }

    // A created task ("+Title|...") whose title has an existing task's title and a change word.
    QString newTitleHoldsATaskAndAChange(const QStringList &effects) const
    {
        for (const QString &effect : effects) {
            if (!effect.startsWith(u'+'))
                continue;
            const QString title = effect.mid(1).section(u'|', 0, 0).toCaseFolded();
            for (const QString &existing : m_titles) {
                if (!title.contains(existing.toCaseFolded()))
                    continue;
                for (const QString &word : changeWords()) {
                    if (title.split(u' ').contains(word))
                        return effect;
                }
            }
        }
        return {};
    }

    std::unique_ptr<AssistantCaseRunner> m_runner;
    QStringList m_titles;
    int m_run = 0;
};

QTEST_GUILESS_MAIN(TestAssistantGrid)

#include "tst_assistant_grid.moc"
