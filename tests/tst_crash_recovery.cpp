// A writer killed with SIGKILL in the middle of a stream of writes loses
// nothing it reported as committed and leaves no half-written operation:
// after reopening, every printed write is in the log intact, the log has no
// gaps, every operation has all of its rows, every task matches its latest
// change, and the next writer carries on from the head.
#include "domain/change.h"
#include "domain/json.h"
#include "store/connection.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <map>
#include <set>

using namespace tandem;
using store::Connection;

namespace {

// One line the writer printed: a change-log row that had committed.
struct Printed
{
    qint64 seq = 0;
    QUuid taskId;
    QString title;
};

std::unique_ptr<Connection> rawConnection(const StoreConfig &config)
{
    static int next = 0;
    return std::make_unique<Connection>(config, QStringLiteral("tst-crash-recovery-%1").arg(next++));
}

// The whole change log of `owner`, page by page.
Result<QList<Change>> wholeLog(Store &store, const QUuid &owner)
{
    QList<Change> log;
    for (;;) {
        auto batch = store.changesSince(owner, log.isEmpty() ? 0 : log.constLast().seq, 97);
        if (!batch)
            return batch.error();
        if (batch->truncated)
            return Error::storage(QStringLiteral("the log was truncated"));
        log += batch->changes;
        if (!batch->more)
            return log;
    }
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private:
    const QString m_writer = QStringLiteral(TANDEM_STOREWRITER_PATH);

    static QStringList storeArguments(const test::TestDatabase &db)
    {
        if (db.config().engine == StoreEngine::Sqlite)
            return {QStringLiteral("--data-dir"), db.directory()};
        return {QStringLiteral("--database"), db.url()};
    }

    // Runs a writer until it has printed `killAfter` committed rows, kills it,
    // and appends what it printed to `printed`. Sets `owner` from its first line.
    void writeAndKill(const test::TestDatabase &db, int round, int killAfter, QUuid &owner, QList<Printed> &printed)
    {
        QProcess writer;
        QByteArray output;
        connect(&writer, &QProcess::readyReadStandardOutput, this, [&] { output += writer.readAllStandardOutput(); });
        writer.setProgram(m_writer);
        writer.setArguments(storeArguments(db)
                            + QStringList{QStringLiteral("--count"), QStringLiteral("1000000"),
                                          QStringLiteral("--prefix"), QStringLiteral("r%1").arg(round)});
        writer.start();
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        // The owner line and `killAfter` rows, or the writer stopped on its own.
        QTRY_VERIFY_WITH_TIMEOUT(output.count('\n') > killAfter || writer.state() != QProcess::Running, 30000);
        QVERIFY2(writer.state() == QProcess::Running, writer.readAllStandardError().constData());
        writer.kill();
        QTRY_COMPARE_WITH_TIMEOUT(writer.state(), QProcess::NotRunning, 10000);
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        output += writer.readAllStandardOutput();

        // A line cut short by the kill was not printed.
        QList<QByteArray> lines = output.split('\n');
        lines.removeLast();
        QVERIFY(lines.size() > killAfter);
        QVERIFY(lines.first().startsWith("owner "));
        const auto ownerId = uuidFromText(QString::fromLatin1(lines.first().mid(6)));
        QVERIFY(ownerId);
        QVERIFY(owner.isNull() || owner == *ownerId);
        owner = *ownerId;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList parts = QString::fromUtf8(lines.at(i)).split(u' ');
            QCOMPARE(parts.size(), 3);
            const auto taskId = uuidFromText(parts.at(1));
            QVERIFY(taskId);
            printed.append({parts.at(0).toLongLong(), *taskId, parts.at(2)});
        }
    }

    // Reopens the store after a kill and checks everything the writer left;
    // sets `recoveredHead` to the owner's head found.
    void verifyRecovered(const test::TestDatabase &db, const QUuid &owner, const QList<Printed> &printed,
                         qint64 &recoveredHead)
    {
        const bool sqlite = db.config().engine == StoreEngine::Sqlite;
        if (sqlite) {
            // The writer died with its write-ahead log in place: this is a recovery, not a clean start.
            QVERIFY(QFile::exists(db.config().sqlitePath + QStringLiteral("-wal")));
        } else {
            // Wait until the server has noticed the killed client, so a commit it was
            // finishing cannot land between the reads below.
            auto probe = rawConnection(db.config());
            TANDEM_VERIFY_OK(probe->open());
            const auto others = [&] {
                auto rows
                    = probe->run(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity "
                                                "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
                return rows && rows->next() ? rows->integer(0) : -1;
            };
            QTRY_COMPARE_WITH_TIMEOUT(others(), 0, 10000);
        }

        auto opened = db.open();
        TANDEM_VERIFY_OK(opened);
        Store &store = *opened.value();
        auto raw = rawConnection(db.config());
        TANDEM_VERIFY_OK(raw->open());
        if (sqlite) {
            auto check = raw->run(QStringLiteral("PRAGMA quick_check"));
            TANDEM_VERIFY_OK(check);
            QVERIFY(check->next());
            QCOMPARE(check->text(0), QStringLiteral("ok"));
            QVERIFY(!check->next());
        }

        // The log: 1..head without gaps, and at most the rows of the one
        // operation in flight beyond what was printed.
        auto head = store.head(owner);
        TANDEM_VERIFY_OK(head);
        const qint64 lastPrinted = printed.constLast().seq;
        QVERIFY2(head.value() >= lastPrinted && head.value() <= lastPrinted + 2,
                 qPrintable(QStringLiteral("head %1, last printed %2").arg(head.value()).arg(lastPrinted)));
        auto log = wholeLog(store, owner);
        TANDEM_VERIFY_OK(log);
        QCOMPARE(log->size(), head.value());
        for (qsizetype i = 0; i < log->size(); ++i)
            QCOMPARE(log->at(i).seq, qint64(i + 1));

        // Every printed write, intact.
        for (const Printed &line : printed) {
            const Change &change = log->at(line.seq - 1);
            QCOMPARE(change.entityId(), line.taskId);
            QVERIFY(change.task());
            QCOMPARE(change.task()->title, line.title);
        }

        // Every operation complete: its record covers exactly its rows.
        std::map<QUuid, std::pair<qint64, qint64>> spans; // opId -> first, last seq in the log
        for (const Change &change : std::as_const(log.value())) {
            auto [it, fresh] = spans.try_emplace(change.opId, change.seq, change.seq);
            if (!fresh) {
                QCOMPARE(change.seq, it->second.second + 1); // an operation's rows are consecutive
                it->second.second = change.seq;
            }
        }
        auto operations = raw->run(QStringLiteral("SELECT op_id, first_seq, last_seq FROM operations "
                                                  "WHERE owner_id = ?"),
                                   {uuidText(owner)});
        TANDEM_VERIFY_OK(operations);
        std::size_t recorded = 0;
        while (operations->next()) {
            const auto opId = uuidFromText(operations->text(0));
            QVERIFY(opId);
            const auto span = spans.find(*opId);
            QVERIFY2(span != spans.end(), "an operation without change-log rows");
            QCOMPARE(span->second.first, operations->integer(1));
            QCOMPARE(span->second.second, operations->integer(2));
            ++recorded;
        }
        QCOMPARE(recorded, spans.size());

        // Every task row is the state its latest change carries, and has one.
        std::map<QUuid, Task> latest;
        for (const Change &change : std::as_const(log.value()))
            latest[change.entityId()] = *change.task();
        auto tasks = store.tasks(owner, {});
        TANDEM_VERIFY_OK(tasks);
        QCOMPARE(tasks->seq, head.value());
        QCOMPARE(std::size_t(tasks->tasks.size()), latest.size());
        for (const Task &task : std::as_const(tasks->tasks)) {
            const auto it = latest.find(task.id);
            QVERIFY2(it != latest.end(), "a task row without a change-log row");
            QCOMPARE(task.title, it->second.title);
            QCOMPARE(task.revision, it->second.revision);
            QCOMPARE(task.updatedAt, it->second.updatedAt);
        }
        recoveredHead = head.value();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_writer), qPrintable(m_writer)); }

    void kill_duringWrites_committedWritesSurviveIntact_data()
    {
        QTest::addColumn<int>("killAfter"); // committed rows printed in each round before the kill
        QTest::newRow("right after the first writes") << 3;
        QTest::newRow("after 60 writes") << 60;
        QTest::newRow("after 250 writes") << 250;
    }

    void kill_duringWrites_committedWritesSurviveIntact()
    {
        QFETCH(int, killAfter);
        TANDEM_TEST_DATABASE(db);
        QUuid owner;
        QList<Printed> printed;
        qint64 head = 0;
        // Each round kills a writer and checks the store; the next writer carries on after the crash.
        for (int round = 1; round <= 3; ++round) {
            const qsizetype before = printed.size();
            writeAndKill(*db, round, killAfter, owner, printed);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(printed.at(before).seq, head + 1); // right after what survived the last crash
            verifyRecovered(*db, owner, printed, head);
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crash_recovery.moc"
