// One transaction per exchange with the assistant: a turn's user message, task
// changes, conversation state and reply commit together. A process killed at
// any step of the turn leaves none of it, and the same exchange sent again
// then does all of it, once. On SQLite and PostgreSQL.
#include "assistantfixture.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QProcess>
#include <QTest>

using namespace tandem;
using namespace tandem::test;
using namespace Qt::StringLiterals;

namespace {

QStringList connectionArguments(const TestDatabase &db)
{
    if (db.config().engine == StoreEngine::Postgres)
        return {u"--database"_s, db.url()};
    return {u"--data-dir"_s, db.directory()};
}

struct Seen
{
    int tasks = 0; // live tasks titled apples, pears or plums
    int messages = 0; // messages in the conversation
    qint64 head = 0;
    bool state = false; // the assistant remembers something of this conversation
};

} // namespace

class TestAssistantExchange final : public QObject
{
    Q_OBJECT

private:
    // Runs the helper; with `stopAt`, kills it at that step.
    void run(const TestDatabase &db, const QString &opId, const QString &stopAt, QString *session)
    {
        QProcess helper;
        QStringList arguments = connectionArguments(db);
        arguments << u"--message"_s << u"add apples, pears and plums"_s << u"--op-id"_s << opId;
        if (!stopAt.isEmpty())
            arguments << u"--stop-at"_s << stopAt;
        helper.start(QStringLiteral(TANDEM_ASSISTANTTURN_PATH), arguments);
        QVERIFY(helper.waitForStarted());
        QByteArray out;
        const QByteArray wanted = stopAt.isEmpty() ? QByteArray("done ") : QByteArray("stopped");
        QTRY_VERIFY_WITH_TIMEOUT(
            (out += helper.readAllStandardOutput()).contains(wanted) || helper.state() == QProcess::NotRunning, 30000);
        QVERIFY2(out.contains(wanted), out.constData());
        *session = QString::fromLatin1(out.left(out.indexOf('\n')).mid(8));
        if (!stopAt.isEmpty()) {
            helper.kill(); // SIGKILL, inside the turn's transaction
            QVERIFY(helper.waitForFinished(10000));
        } else {
            if (helper.state() != QProcess::NotRunning)
                QVERIFY(helper.waitForFinished(30000));
            QCOMPARE(helper.exitCode(), 0);
        }
    }

    Seen look(const TestDatabase &db, const QString &sessionText)
    {
        Seen seen;
        auto store = db.open();
        if (!store)
            return seen;
        auto owner = store.value()->userByName(u"alice"_s);
        if (!owner || !owner.value())
            return seen;
        const QUuid ownerId = owner.value()->id;
        const QUuid session(sessionText);
        auto list = store.value()->tasks(ownerId, TaskQuery());
        for (const Task &task : list.value().tasks)
            seen.tasks += QStringList{u"apples"_s, u"pears"_s, u"plums"_s}.contains(task.title) ? 1 : 0;
        seen.messages = int(store.value()->messages(ownerId, session).value().size());
        seen.head = store.value()->head(ownerId).value();
        seen.state = !store.value()->assistantState(ownerId, session).value().isEmpty();
        return seen;
    }

private slots:
    void kill_atAnyStep_leavesAllOrNothingOfTheExchange_data()
    {
        QTest::addColumn<QString>("step");
        for (const char *step : {"user", "engine", "state", "reply"})
            QTest::newRow(step) << QString::fromLatin1(step);
    }

    void kill_atAnyStep_leavesAllOrNothingOfTheExchange()
    {
        QFETCH(QString, step);
        TANDEM_TEST_DATABASE(db);
        // Prepare: the user and her conversation, committed.
        QProcess prepare;
        prepare.start(QStringLiteral(TANDEM_ASSISTANTTURN_PATH), connectionArguments(*db));
        QVERIFY(prepare.waitForFinished(30000));
        QCOMPARE(prepare.exitCode(), 0);
        const QString session = QString::fromLatin1(prepare.readAllStandardOutput().trimmed().mid(8));
        const Seen before = look(*db, session);
        QCOMPARE(before.tasks, 0);
        QCOMPARE(before.messages, 0);

        const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString seenSession;
        run(*db, opId, step, &seenSession);
        const Seen killed = look(*db, session);
        // None of the exchange: no task, no message, no state, the log where it was.
        QCOMPARE(killed.tasks, 0);
        QCOMPARE(killed.messages, 0);
        QCOMPARE(killed.head, before.head);
        QVERIFY(!killed.state);

        // The same exchange again: all of it, once.
        run(*db, opId, QString(), &seenSession);
        const Seen done = look(*db, session);
        QCOMPARE(done.tasks, 3);
        QCOMPARE(done.messages, 2);
        QVERIFY(done.state);
        QVERIFY(done.head > before.head);
        run(*db, opId, QString(), &seenSession);
        QCOMPARE(look(*db, session).head, done.head); // a replay adds nothing
    }

    void failure_midTurn_rollsBackAndTheCatalogForgetsIt()
    {
        // A turn whose reply cannot be stored (the conversation was deleted meanwhile) leaves nothing.
        QString error;
        auto f = AssistantFixture::create(&error, engineUnderTest());
        QVERIFY2(f, qPrintable(error));
        const qint64 head = f->store->head(f->owner).value();
        TANDEM_VERIFY_OK(f->chatService->deleteSession(f->owner, f->session));
        const qint64 afterDelete = f->store->head(f->owner).value();
        QVERIFY(!f->send(u"add apples"_s).ok());
        QCOMPARE(f->store->head(f->owner).value(), afterDelete);
        QVERIFY(afterDelete > head);
        QVERIFY(f->tasks().isEmpty());
    }

    // Whatever a message does (adds, changes several tasks, lists, asks,
    // undoes), the whole exchange is one durable commit.
    void exchange_isOneDurableCommit_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("add three") << u"add apples, pears and plums tomorrow"_s;
        QTest::newRow("change") << u"move apples to friday and make it urgent"_s;
        QTest::newRow("list") << u"what's due this week?"_s;
        QTest::newRow("ask") << u"delete all my tasks"_s;
        QTest::newRow("answer") << u"no"_s;
        QTest::newRow("undo") << u"undo"_s;
        QTest::newRow("not understood") << u"blorp the snarf"_s;
    }
    void exchange_isOneDurableCommit()
    {
        QFETCH(QString, message);
        QString error;
        auto f = AssistantFixture::create(&error, engineUnderTest());
        QVERIFY2(f, qPrintable(error));
        QVERIFY(!f->say(u"add apples"_s).isEmpty());
        QVERIFY(!f->say(u"delete all my tasks"_s).isEmpty()); // so that "no" answers something
        const quint64 before = f->store->durableCommits();
        QVERIFY2(!f->say(message).isEmpty(), qPrintable(f->lastError.toString()));
        QCOMPARE(f->store->durableCommits() - before, quint64(1));
    }

    void undo_ofAnExchange_isOneStep()
    {
        QString error;
        auto f = AssistantFixture::create(&error, engineUnderTest());
        QVERIFY2(f, qPrintable(error));
        QVERIFY(!f->say(u"add apples, pears and plums"_s).isEmpty());
        QCOMPARE(f->tasks().size(), 3);
        // One "undo" takes back the whole exchange, and one "redo" brings it all back.
        QVERIFY(f->say(u"undo"_s).contains(u"Undone"_s));
        QCOMPARE(f->tasks().size(), 0);
        QVERIFY(f->say(u"redo"_s).contains(u"Redone"_s));
        QCOMPARE(f->tasks().size(), 3);
        QVERIFY(f->say(u"undo"_s).contains(u"Undone"_s));
        QCOMPARE(f->tasks().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAssistantExchange)

#include "tst_assistant_exchange.moc"
