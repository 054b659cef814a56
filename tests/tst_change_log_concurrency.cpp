// Two writer processes share one owner's change log (one SQLite file, or one
// PostgreSQL database) while this process keeps reading it. Proves the log's
// contract under real concurrency: every read is a gapless prefix of what
// will finally be there (nothing appears later below what was already seen),
// and at the end seq runs 1..600 with each committed write exactly once.
#include "auth/accountservice.h"
#include "domain/change.h"
#include "domain/json.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <map>

using namespace tandem;

namespace {

constexpr int writesPerWriter = 300;

struct Printed
{
    QUuid taskId;
    QString title;
    int writer = 0;
};

} // namespace

class TestChangeLogConcurrency : public QObject
{
    Q_OBJECT

private:
    const QString m_writer = QStringLiteral(TANDEM_STOREWRITER_PATH);

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_writer), qPrintable(m_writer)); }

    void changesSince_twoWriterProcesses_readsAreGaplessPrefixes()
    {
        TANDEM_TEST_DATABASE(db);
        auto opened = db->open();
        TANDEM_VERIFY_OK(opened);
        Store &store = *opened.value();
        AccountService accounts(store);
        auto owner = accounts.ensureLocalOwner(QStringLiteral("writer"));
        TANDEM_VERIFY_OK(owner);
        const QUuid ownerId = owner->id;

        const QStringList location = db->config().engine == StoreEngine::Sqlite
            ? QStringList{QStringLiteral("--data-dir"), db->directory()}
            : QStringList{QStringLiteral("--database"), db->url()};
        QProcess writers[2];
        QByteArray output[2];
        for (int i = 0; i < 2; ++i) {
            connect(&writers[i], &QProcess::readyReadStandardOutput, this,
                    [&, i] { output[i] += writers[i].readAllStandardOutput(); });
            writers[i].setProgram(m_writer);
            writers[i].setArguments(location
                                    + QStringList{QStringLiteral("--owner"), QStringLiteral("writer"),
                                                  QStringLiteral("--count"), QString::number(writesPerWriter),
                                                  QStringLiteral("--prefix"), QStringLiteral("p%1").arg(i),
                                                  QStringLiteral("--delay-ms"), QStringLiteral("2"),
                                                  QStringLiteral("--wait-for-go")});
            writers[i].start();
        }
        // Both have opened the store and found the owner: let them go together.
        const QByteArray ownerLine = "owner " + uuidText(ownerId).toLatin1() + '\n';
        QTRY_VERIFY_WITH_TIMEOUT(output[0].startsWith(ownerLine) || writers[0].state() == QProcess::NotRunning, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(output[1].startsWith(ownerLine) || writers[1].state() == QProcess::NotRunning, 20000);
        QVERIFY2(output[0].startsWith(ownerLine), writers[0].readAllStandardError().constData());
        QVERIFY2(output[1].startsWith(ownerLine), writers[1].readAllStandardError().constData());

        // Meanwhile: read whatever is new, in small pages, again and again.
        QList<Change> seen;
        QStringList violations;
        int readsWithNews = 0;
        qint64 lastHead = 0;
        // Reads one page; true when more rows are already there.
        const auto poll = [&] {
            const qint64 since = seen.isEmpty() ? 0 : seen.constLast().seq;
            auto batch = store.changesSince(ownerId, since, 25);
            if (!batch) {
                violations.append(QStringLiteral("read failed: ") + batch.error().message);
                return false;
            }
            qint64 expected = since + 1;
            for (const Change &change : std::as_const(batch->changes)) {
                if (change.seq != expected)
                    violations.append(
                        QStringLiteral("after %1 came seq %2, expected %3").arg(since).arg(change.seq).arg(expected));
                expected = change.seq + 1;
            }
            const qint64 last = expected - 1;
            if (batch->head < lastHead)
                violations.append(QStringLiteral("the head went back from %1 to %2").arg(lastHead).arg(batch->head));
            if (last > batch->head || (!batch->more && last != batch->head))
                violations.append(
                    QStringLiteral("rows up to %1 but head %2 (more: %3)").arg(last).arg(batch->head).arg(batch->more));
            lastHead = batch->head;
            if (!batch->changes.isEmpty())
                ++readsWithNews;
            seen += batch->changes;
            return batch->more;
        };
        QTimer poller;
        poller.setInterval(1);
        connect(&poller, &QTimer::timeout, this, [&] { poll(); });
        poller.start();
        for (QProcess &writer : writers)
            writer.write("go\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            writers[0].state() == QProcess::NotRunning && writers[1].state() == QProcess::NotRunning, 60000);
        poller.stop();
        for (int page = 0; page < 2 * writesPerWriter && poll(); ++page) { }
        for (int i = 0; i < 2; ++i) {
            output[i] += writers[i].readAllStandardOutput();
            QCOMPARE(writers[i].exitStatus(), QProcess::NormalExit);
            QVERIFY2(writers[i].exitCode() == 0, writers[i].readAllStandardError().constData());
        }
        QVERIFY2(violations.isEmpty(), qPrintable(violations.mid(0, 5).join(QStringLiteral("; "))));
        // The reads really overlapped the writes.
        QVERIFY2(readsWithNews >= 10, qPrintable(QString::number(readsWithNews)));

        // What each writer reported as committed, by seq; no seq twice.
        std::map<qint64, Printed> printed;
        for (int i = 0; i < 2; ++i) {
            QList<QByteArray> lines = output[i].split('\n');
            QCOMPARE(lines.takeFirst(), ownerLine.trimmed());
            QCOMPARE(lines.takeLast(), QByteArray());
            QCOMPARE(lines.size(), writesPerWriter);
            for (const QByteArray &line : std::as_const(lines)) {
                const QStringList parts = QString::fromUtf8(line).split(u' ');
                QCOMPARE(parts.size(), 3);
                const auto taskId = uuidFromText(parts.at(1));
                QVERIFY(taskId);
                const bool fresh
                    = printed.try_emplace(parts.at(0).toLongLong(), Printed{*taskId, parts.at(2), i}).second;
                QVERIFY2(fresh, line.constData());
            }
        }

        // Read again from the start: exactly what was seen along the way, 1..600.
        const int total = 2 * writesPerWriter;
        auto head = store.head(ownerId);
        TANDEM_VERIFY_OK(head);
        QCOMPARE(head.value(), qint64(total));
        auto full = store.changesSince(ownerId, 0, total + 10);
        TANDEM_VERIFY_OK(full);
        QVERIFY(!full->more);
        QCOMPARE(full->changes.size(), total);
        QCOMPARE(seen.size(), total);
        int switches = 0;
        for (int i = 0; i < total; ++i) {
            const Change &change = full->changes.at(i);
            QCOMPARE(change.seq, qint64(i + 1));
            QCOMPARE(seen.at(i).seq, change.seq);
            QCOMPARE(seen.at(i).opId, change.opId);
            QCOMPARE(seen.at(i).entityId(), change.entityId());
            const auto line = printed.find(change.seq);
            QVERIFY2(line != printed.end(), qPrintable(QStringLiteral("seq %1 was never reported").arg(change.seq)));
            QCOMPARE(change.entityId(), line->second.taskId);
            QVERIFY(change.task());
            QCOMPARE(change.task()->title, line->second.title);
            if (i > 0 && printed.at(change.seq - 1).writer != line->second.writer)
                ++switches;
        }
        QCOMPARE(printed.size(), std::size_t(total));
        // The two writers' rows are interleaved, so they really wrote at the same time.
        QVERIFY2(switches >= 10, qPrintable(QString::number(switches)));
    }
};

QTEST_GUILESS_MAIN(TestChangeLogConcurrency)
#include "tst_change_log_concurrency.moc"
