// Reconnecting: full-jitter exponential backoff (ReconnectBackoff), as the
// SyncClient schedules it, the reset after a stable connection, and the
// connection state it reports.
#include "sync/reconnectbackoff.h"
#include "sync/syncclient.h"
#include "syncfixture.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <limits>

using namespace tandem;
using namespace std::chrono_literals;
using sync::ReconnectBackoff;
using sync::SyncClient;

class TestSyncClientBackoff : public QObject
{
    Q_OBJECT

private:
    // A port nothing listens on (connections are refused at once).
    static quint16 closedPort()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = server.serverPort();
        server.close();
        return port;
    }

    static SyncClient::Options options(double fraction, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                       std::chrono::milliseconds stable = 60s)
    {
        SyncClient::Options o = test::SyncFixture::fastClientOptions();
        o.backoffBase = base;
        o.backoffCap = cap;
        o.stablePeriod = stable;
        o.random = [fraction] {
            return fraction;
        };
        return o;
    }

    static QList<qint64> delays(const QSignalSpy &spy)
    {
        QList<qint64> list;
        for (const QList<QVariant> &arguments : spy)
            list.append(arguments.at(0).toLongLong());
        return list;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void next_atTheTopOfTheRange_doublesFromBaseUpToCap()
    {
        ReconnectBackoff backoff(500ms, 30s, [] { return 1.0; });
        QList<qint64> drawn;
        for (int i = 0; i < 9; ++i)
            drawn.append(backoff.next().count());
        QCOMPARE(drawn, (QList<qint64>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
        QCOMPARE(backoff.attempt(), 9);
    }

    void next_fullJitter_scalesTheCeiling_data()
    {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<qint64>("third"); // the third delay: ceiling 2,000 ms
        QTest::newRow("bottom") << 0.0 << qint64(0);
        QTest::newRow("quarter") << 0.25 << qint64(500);
        QTest::newRow("middle") << 0.5 << qint64(1000);
        QTest::newRow("top") << 1.0 << qint64(2000);
        QTest::newRow("out of range is clamped") << 7.0 << qint64(2000);
    }

    void next_fullJitter_scalesTheCeiling()
    {
        QFETCH(double, fraction);
        QFETCH(qint64, third);
        ReconnectBackoff backoff(500ms, 30s, [fraction] { return fraction; });
        (void)backoff.next();
        (void)backoff.next();
        QCOMPARE(backoff.ceiling().count(), 2000);
        QCOMPARE(backoff.next().count(), third);
    }

    void next_defaultRandom_staysWithinTheCeilingAndSpreadsOverIt()
    {
        ReconnectBackoff backoff(500ms, 30s);
        for (int attempt = 0; attempt < 12; ++attempt) {
            qint64 low = std::numeric_limits<qint64>::max();
            qint64 high = -1;
            for (int i = 0; i < 400; ++i) {
                backoff.reset();
                for (int k = 0; k < attempt; ++k)
                    (void)backoff.next();
                const qint64 ceiling = backoff.ceiling().count();
                QCOMPARE(ceiling, std::min<qint64>(30'000, 500LL << attempt));
                const qint64 delay = backoff.next().count();
                QVERIFY(delay >= 0);
                QVERIFY(delay <= ceiling);
                low = std::min(low, delay);
                high = std::max(high, delay);
            }
            // Jitter over the whole range, not around the ceiling.
            const qint64 ceiling = std::min<qint64>(30'000, 500LL << attempt);
            QVERIFY2(low < ceiling / 10 && high > ceiling * 9 / 10,
                     qPrintable(QStringLiteral("attempt %1: %2..%3").arg(attempt).arg(low).arg(high)));
        }
    }

    void reset_afterSomeAttempts_startsFromBaseAgain()
    {
        ReconnectBackoff backoff(500ms, 30s, [] { return 1.0; });
        for (int i = 0; i < 5; ++i)
            (void)backoff.next();
        QCOMPARE(backoff.ceiling().count(), 16000);
        backoff.reset();
        QCOMPARE(backoff.attempt(), 0);
        QCOMPARE(backoff.next().count(), 500);
    }

    void client_refusedConnections_scheduleGrowingDelaysUpToTheCap()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        auto created = SyncClient::create(options(1.0, 20ms, 160ms));
        TANDEM_VERIFY_OK(created);
        SyncClient &client = *created.value();
        QSignalSpy scheduled(&client, &SyncClient::reconnectScheduled);
        QSignalSpy states(&client, &SyncClient::stateChanged);
        client.start(test::SyncFixture::webSocketUrl(port), QStringLiteral("token"));
        QCOMPARE(client.state(), SyncClient::State::Connecting);
        QTRY_VERIFY_WITH_TIMEOUT(scheduled.count() >= 6, 10'000);
        QCOMPARE(delays(scheduled).mid(0, 6), (QList<qint64>{20, 40, 80, 160, 160, 160}));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(scheduled.at(i).at(1).toInt(), i + 1);
        QVERIFY(states.count() >= 2);
        QCOMPARE(states.at(1).at(0).value<SyncClient::State>(), SyncClient::State::Reconnecting);
        client.stop();
        QCOMPARE(client.state(), SyncClient::State::Offline);
        QCOMPARE(client.statusText(), QStringLiteral("offline"));
        const int before = scheduled.count();
        QTest::qWait(300); // longer than any delay: a stopped client stays stopped
        QCOMPARE(scheduled.count(), before);
    }

    void client_reconnecting_reportsSecondsAndPendingChanges()
    {
        const quint16 port = closedPort();
        auto created = SyncClient::create(options(1.0, 4000ms, 4000ms));
        TANDEM_VERIFY_OK(created);
        SyncClient &client = *created.value();
        TaskDraft draft;
        draft.title = QStringLiteral("waiting");
        TANDEM_VERIFY_OK(client.createTask(draft));
        QCOMPARE(client.statusText(), QStringLiteral("offline with 1 pending change"));
        client.start(test::SyncFixture::webSocketUrl(port), QStringLiteral("token"));
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Reconnecting, 5'000);
        QCOMPARE(client.reconnectInSeconds(), 4);
        QCOMPARE(client.statusText(), QStringLiteral("reconnecting in 4 s with 1 pending change"));
        client.stop();
        QCOMPARE(client.reconnectInSeconds(), 0);
    }

    void client_connectionStableForThePeriod_resetsTheAttemptCounter()
    {
        QString error;
        auto fixture = test::SyncFixture::create(&error);
        QVERIFY2(fixture, qPrintable(error));
        auto alice = fixture->registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        constexpr auto stable = 600ms;
        auto created = SyncClient::create(options(1.0, 20ms, 5000ms, stable));
        TANDEM_VERIFY_OK(created);
        SyncClient &client = *created.value();
        QSignalSpy scheduled(&client, &SyncClient::reconnectScheduled);

        // Down: attempts pile up.
        fixture->stopServer();
        client.start(fixture->webSocketUrl(), alice->token);
        QTRY_VERIFY_WITH_TIMEOUT(scheduled.count() >= 3, 10'000);
        TANDEM_VERIFY_OK(fixture->restartServer());
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Connected, 10'000);

        // Dropped before the stable period: the counter carries on.
        const int attempts = scheduled.constLast().at(1).toInt();
        fixture->stopServer();
        QTRY_COMPARE_WITH_TIMEOUT(scheduled.constLast().at(1).toInt(), attempts + 1, 10'000);
        QCOMPARE(scheduled.constLast().at(0).toLongLong(), std::min<qint64>(5000, 20LL << attempts));

        // Up for longer than the stable period: the next delay is from base.
        TANDEM_VERIFY_OK(fixture->restartServer());
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), SyncClient::State::Connected, 10'000);
        QTest::qWait(int(stable.count()) + 300); // the behaviour under test is time spent connected
        QCOMPARE(client.state(), SyncClient::State::Connected);
        const int before = int(scheduled.count());
        fixture->stopServer();
        QTRY_COMPARE_WITH_TIMEOUT(int(scheduled.count()), before + 1, 10'000);
        QCOMPARE(scheduled.constLast().at(1).toInt(), 1);
        QCOMPARE(scheduled.constLast().at(0).toLongLong(), 20);
        client.stop();
    }

    void client_tokenRefused_stopsWithoutRetrying()
    {
        QString error;
        auto fixture = test::SyncFixture::create(&error);
        QVERIFY2(fixture, qPrintable(error));
        auto created = SyncClient::create(options(1.0, 20ms, 100ms));
        TANDEM_VERIFY_OK(created);
        SyncClient &client = *created.value();
        QSignalSpy refused(&client, &SyncClient::authenticationFailed);
        QSignalSpy scheduled(&client, &SyncClient::reconnectScheduled);
        client.start(fixture->webSocketUrl(), QStringLiteral("not-a-token"));
        QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 10'000);
        QCOMPARE(refused.at(0).at(0).value<Error>().code, ErrorCode::Unauthorized);
        QCOMPARE(client.state(), SyncClient::State::Offline);
        QVERIFY(!client.isRunning());
        QCOMPARE(scheduled.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncClientBackoff)
#include "tst_sync_client_backoff.moc"
