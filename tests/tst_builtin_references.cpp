// How the built-in engine finds the task a message means
// (core/assistant/builtin/references.h), on a real catalog of one user's tasks.
#include "assistant/builtin/references.h"
#include "assistant/catalog.h"
#include "assistant/quickadd.h"
#include "assistantfixture.h"

#include <QTest>

using namespace tandem;
using namespace tandem::assistant;
using namespace tandem::test;
using namespace Qt::StringLiterals;

class TestBuiltinReferences final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QString error;
        m_f = AssistantFixture::create(&error);
        QVERIFY2(m_f, qPrintable(error));
        m_report = m_f->addTask(u"Write the quarterly report"_s, TaskPriority::High);
        m_plants = m_f->addTask(u"Water the plants"_s);
        m_cafe = m_f->addTask(u"Reserve a table at Café Lumière"_s, TaskPriority::None,
                              Due::onDate(QDate(2026, 11, 28)), {u"home"_s});
        m_mom = m_f->addTask(u"Call mom"_s);
        m_momXmas = m_f->addTask(u"Call mom about Christmas"_s, TaskPriority::Urgent);
        m_done = m_f->addTask(u"Renew passport"_s, TaskPriority::None, {}, {}, TaskStatus::Completed);
        m_catalog = std::make_unique<TaskCatalog>(*m_f->store, m_f->owner);
        TANDEM_VERIFY_OK(m_catalog->refresh());
    }
    void cleanup()
    {
        m_catalog.reset();
        m_f.reset();
    }

    void resolve_titleWords_findTheTask_data()
    {
        QTest::addColumn<QString>("said");
        QTest::addColumn<QString>("title");
        QTest::newRow("exact") << u"water the plants"_s << u"Water the plants"_s;
        QTest::newRow("some words") << u"the report"_s << u"Write the quarterly report"_s;
        QTest::newRow("word order") << u"report quarterly"_s << u"Write the quarterly report"_s;
        QTest::newRow("typo") << u"the quartely report"_s << u"Write the quarterly report"_s;
        QTest::newRow("inflection") << u"reports"_s << u"Write the quarterly report"_s;
        QTest::newRow("gerund") << u"watering the plants"_s << u"Water the plants"_s;
        QTest::newRow("no accents") << u"cafe lumiere"_s << u"Reserve a table at Café Lumière"_s;
        QTest::newRow("exact beats longer") << u"call mom"_s << u"Call mom"_s;
        QTest::newRow("filler") << u"the passport task"_s << u"Renew passport"_s;
    }
    void resolve_titleWords_findTheTask()
    {
        QFETCH(QString, said);
        QFETCH(QString, title);
        const Message m = readMessage(said);
        const ConversationState state;
        const Resolution r = Resolver(m, *m_catalog, state).resolve(0, m.words.size() - 1, Scope::Any);
        QCOMPARE(r.tasks.size(), 1);
        QCOMPARE(r.tasks.constFirst()->task.title, title);
    }

    void resolve_unknown_findsNothing()
    {
        const Message m = readMessage(u"the unicorn"_s);
        const ConversationState state;
        QVERIFY(Resolver(m, *m_catalog, state).resolve(0, 1, Scope::Any).tasks.isEmpty());
    }

    void resolve_scope_prefersOpenForCompleting()
    {
        const Task openTwin = m_f->addTask(u"Renew passport"_s);
        TANDEM_VERIFY_OK(m_catalog->refresh());
        const Message m = readMessage(u"renew passport"_s);
        const ConversationState state;
        const Resolution open = Resolver(m, *m_catalog, state).resolve(0, 1, Scope::Open);
        QCOMPARE(open.tasks.size(), 1);
        QCOMPARE(open.tasks.constFirst()->task.id, openTwin.id);
        const Resolution done = Resolver(m, *m_catalog, state).resolve(0, 1, Scope::Completed);
        QCOMPARE(done.tasks.constFirst()->task.id, m_done.id);
    }

    void resolve_references_numberOrdinalPronoun_data()
    {
        QTest::addColumn<QString>("said");
        QTest::addColumn<int>("index"); // into the last list; -1: the last task mentioned
        QTest::newRow("digit") << u"2"_s << 1;
        QTest::newRow("hash") << u"#2"_s << 1;
        QTest::newRow("ordinal") << u"the second one"_s << 1;
        QTest::newRow("number") << u"number 3"_s << 2;
        QTest::newRow("task n") << u"task 1"_s << 0;
        QTest::newRow("last") << u"the last one"_s << 2;
        QTest::newRow("it") << u"it"_s << -1;
        QTest::newRow("that one") << u"that one"_s << -1;
    }
    void resolve_references_numberOrdinalPronoun()
    {
        QFETCH(QString, said);
        QFETCH(int, index);
        ConversationState state;
        state.lastList = {m_plants.id, m_cafe.id, m_mom.id};
        state.lastTask = m_report.id;
        const Message m = readMessage(said);
        const Resolution r = Resolver(m, *m_catalog, state).resolve(0, m.words.size() - 1, Scope::Any);
        QVERIFY(r.byReference);
        QCOMPARE(r.tasks.size(), 1);
        QCOMPARE(r.tasks.constFirst()->task.id, index < 0 ? m_report.id : state.lastList.at(index));
    }

    void namedList_severalNames_eachOneTask()
    {
        const Message m = readMessage(u"the report, the plants and call mom"_s);
        const ConversationState state;
        const auto tasks = Resolver(m, *m_catalog, state).namedList(0, m.words.size() - 1);
        QCOMPARE(tasks.size(), 3);
        QCOMPARE(tasks.at(2)->task.id, m_mom.id);
    }

    void chooseAmong_answers_pickOne()
    {
        const QList<const TaskCatalog::Entry *> candidates{m_catalog->find(m_mom.id), m_catalog->find(m_momXmas.id)};
        ParseContext parse;
        parse.now = AssistantFixture::fixedNow();
        parse.timeZone = AssistantFixture::zone();
        const ConversationState state;
        for (const auto &[answer, id] :
             {std::pair{u"the second"_s, m_momXmas.id}, std::pair{u"1"_s, m_mom.id},
              std::pair{u"the urgent one"_s, m_momXmas.id}, std::pair{u"christmas"_s, m_momXmas.id}}) {
            const Message m = readMessage(answer);
            const auto *chosen = Resolver(m, *m_catalog, state).chooseAmong(candidates, parse);
            QVERIFY2(chosen, qPrintable(answer));
            QCOMPARE(chosen->task.id, id);
        }
        const Message unclear = readMessage(u"the blue one"_s);
        const Resolver resolver(unclear, *m_catalog, state);
        QVERIFY(!resolver.chooseAmong(candidates, parse));
        QVERIFY(resolver.looksLikeAnAnswer());
    }

    void clearlyNamed_typoOrCommandWordTitle_asksFirst()
    {
        const ConversationState state;
        const Task wallpaper = m_f->addTask(u"Remove the wallpaper"_s);
        TANDEM_VERIFY_OK(m_catalog->refresh());
        const auto named = [&](const QString &said) {
            const Message m = readMessage(said);
            const Resolver resolver(m, *m_catalog, state);
            return resolver.clearlyNamed(resolver.resolve(0, m.words.size() - 1, Scope::Any));
        };
        QVERIFY(named(u"water the plants"_s));
        QVERIFY(named(u"plants"_s));
        QVERIFY(!named(u"the quartely report"_s));
        QVERIFY(!named(u"wallpaper"_s));
        QVERIFY(named(u"remove the wallpaper"_s));
        Q_UNUSED(wallpaper)
    }

private:
    std::unique_ptr<AssistantFixture> m_f;
    std::unique_ptr<TaskCatalog> m_catalog;
    Task m_report, m_plants, m_cafe, m_mom, m_momXmas, m_done;
};

QTEST_GUILESS_MAIN(TestBuiltinReferences)

#include "tst_builtin_references.moc"
