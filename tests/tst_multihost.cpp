// Several hosts on one PostgreSQL (docs/protocol.md, "Several hosts on one
// PostgreSQL"): two real `tandem-server` processes share a fresh
// database; a client of one sees what is done through the other, at once
// and in order. Needs TANDEM_TEST_PG_URL; without it this suite fails.
#include "domain/json.h"
#include "httptestclient.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace tandem;
using namespace tandem::test;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString type(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

QList<qint64> eventSeqs(const QList<QJsonObject> &messages)
{
    QList<qint64> seqs;
    for (const QJsonObject &message : messages) {
        if (changeKindFromName(type(message)))
            seqs.append(message.value(QStringLiteral("seq")).toInteger());
    }
    return seqs;
}

// One `tandem-server` process with a home of its own (so a key of its own).
struct Host
{
    QTemporaryDir home;
    QProcess process;
    QByteArray out;
    quint16 port = 0;

    bool start(const QString &databaseUrl)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // No session bus: no keychain, so the key goes to a file in this home
        // (and a developer's real keychain is never touched).
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TANDEM_APP_PATH),
                      {QStringLiteral("--headless"), QStringLiteral("--database"), databaseUrl,
                       QStringLiteral("--port"), QStringLiteral("0")});
        if (!process.waitForStarted(10'000))
            return false;
        if (!QTest::qWaitFor([this] { return (out += process.readAllStandardOutput()).contains('\n'); }, 30'000))
            return false;
        static const QRegularExpression line(QStringLiteral("^Tandem listening on http://127\\.0\\.0\\.1:(\\d+)\\n$"));
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(out));
        port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
        return port != 0;
    }

    QString keyFile() const
    {
        QDirIterator it(home.path(), {QStringLiteral("jwt-signing-key")}, QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    QUrl webSocketUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)); }

    int stop()
    {
        if (process.state() == QProcess::NotRunning)
            return process.exitCode();
        process.terminate();
        if (!process.waitForFinished(15'000)) {
            process.kill();
            process.waitForFinished();
            return -1;
        }
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }
};

} // namespace

class TestMultiHost : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<Host> m_a;
    std::unique_ptr<Host> m_b;
    QString m_tokenA; // alice, signed in on host A
    QString m_tokenB; // alice, signed in on host B
    QUuid m_alice;

    QString signIn(const Host &host, int expectedStatus, const QByteArray &route)
    {
        const HttpResult response
            = httpRequest(host.port, "POST", route,
                          toJson({{QStringLiteral("username"), QStringLiteral("alice")},
                                  {QStringLiteral("password"), QStringLiteral("correct horse")}}));
        if (response.status != expectedStatus)
            return {};
        m_alice = *uuidFromText(
            response.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString());
        return response.json().value(QStringLiteral("token")).toString();
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_database = TestDatabase::create(StoreEngine::Postgres, &error);
        QVERIFY2(m_database, qPrintable(error));
        m_a = std::make_unique<Host>();
        m_b = std::make_unique<Host>();
        // One after the other: the first one creates the schema.
        QVERIFY2(m_a->start(m_database->url()),
                 qPrintable(QString::fromUtf8(m_a->out + m_a->process.readAllStandardError())));
        QVERIFY2(m_b->start(m_database->url()),
                 qPrintable(QString::fromUtf8(m_b->out + m_b->process.readAllStandardError())));
        QVERIFY(m_a->port != m_b->port);

        // The account lives in the database: registered through A, it signs in on B.
        m_tokenA = signIn(*m_a, 201, "/api/auth/register");
        QVERIFY(!m_tokenA.isEmpty());
        m_tokenB = signIn(*m_b, 200, "/api/auth/login");
        QVERIFY(!m_tokenB.isEmpty());
    }

    void cleanup()
    {
        // Both stop on SIGTERM, cleanly; if not, say what the host printed.
        QStringList problems;
        for (Host *host : {m_a.get(), m_b.get()}) {
            if (!host)
                continue;
            if (const int code = host->stop(); code != 0)
                problems.append(QStringLiteral("host on port %1: exit code %2 (-2: crashed); stderr:\n%3")
                                    .arg(host->port)
                                    .arg(code)
                                    .arg(QString::fromLocal8Bit(host->process.readAllStandardError())));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // Exactly one line each on stdout, ever.
        for (Host *host : {m_a.get(), m_b.get()}) {
            if (host)
                QCOMPARE(QByteArray(host->out + host->process.readAllStandardOutput()).count('\n'), 1);
        }
        m_a.reset();
        m_b.reset();
        m_database.reset();
    }

    void hosts_eachHasItsOwnSigningKey()
    {
        const QString keyA = m_a->keyFile();
        const QString keyB = m_b->keyFile();
        QVERIFY2(!keyA.isEmpty(), "host A keeps its key in a file (no keychain here)");
        QVERIFY(!keyB.isEmpty());
        QFile a(keyA);
        QFile b(keyB);
        QCOMPARE(a.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(a.open(QIODevice::ReadOnly));
        QVERIFY(b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() != b.readAll());
        // So a token is good only where it was signed.
        QCOMPARE(httpRequest(m_a->port, "GET", "/api/auth/me", {}, bearer(m_tokenA)).status, 200);
        QCOMPARE(httpRequest(m_b->port, "GET", "/api/auth/me", {}, bearer(m_tokenB)).status, 200);
        QCOMPARE(httpRequest(m_b->port, "GET", "/api/auth/me", {}, bearer(m_tokenA)).status, 401);
    }

    void changeThroughB_reachesClientOfA_within100ms()
    {
        RawWsClient client;
        QVERIFY(client.open(m_a->webSocketUrl(), m_tokenA));
        HttpTestClient rest(m_b->port);
        QVERIFY(rest.connectToServer());
        // Warm both paths once (first statements, first NOTIFY).
        QCOMPARE(rest.request("POST", "/api/tasks", "{\"title\":\"warm-up\"}", bearer(m_tokenB)).status, 201);
        QVERIFY(client.waitForType(QStringLiteral("task_created"), 5'000).has_value());

        QList<qint64> latencies;
        QString title;
        QElapsedTimer clock;
        qint64 arrivedAfter = -1;
        QObject context;
        connect(&client, &RawWsClient::messageReceived, &context, [&](const QJsonObject &m) {
            if (type(m) == u"task_created"
                && m.value(QStringLiteral("data"))
                        .toObject()
                        .value(QStringLiteral("task"))
                        .toObject()
                        .value(QStringLiteral("title"))
                    == title)
                arrivedAfter = clock.elapsed();
        });
        for (int i = 0; i < 10; ++i) {
            title = QStringLiteral("from B #%1").arg(i);
            arrivedAfter = -1;
            clock.start();
            rest.sendRequest("POST", "/api/tasks", toJson({{QStringLiteral("title"), title}}), bearer(m_tokenB));
            // QSignalSpy::wait wakes on the socket at once (QTRY polls in 10 ms steps).
            QSignalSpy spy(&client, &RawWsClient::messageReceived);
            while (arrivedAfter < 0 && clock.elapsed() < 5'000)
                spy.wait(int(5'000 - clock.elapsed()));
            QVERIFY2(arrivedAfter >= 0, qPrintable(title));
            latencies.append(arrivedAfter);
            QCOMPARE(rest.readResponse().status, 201);
        }
        const qint64 worst = *std::max_element(latencies.cbegin(), latencies.cend());
        qInfo("B -> A latencies (ms, from sending the request): %s", qPrintable([&] {
                  QStringList parts;
                  for (qint64 ms : std::as_const(latencies))
                      parts.append(QString::number(ms));
                  return parts.join(u' ');
              }()));
        QVERIFY2(worst < 100, qPrintable(QStringLiteral("the slowest took %1 ms").arg(worst)));
    }

    void manyChangesThroughB_clientOfA_seesAllInOrder()
    {
        RawWsClient client;
        QVERIFY(client.open(m_a->webSocketUrl(), m_tokenA));
        RawWsClient writer;
        QVERIFY(writer.open(m_b->webSocketUrl(), m_tokenB));

        // 300 commands through B's WebSocket as fast as it takes them:
        // creates, then updates and deletes of some of them.
        constexpr int creates = 200;
        QList<QUuid> ids;
        for (int i = 0; i < creates; ++i) {
            ids.append(QUuid::createUuid());
            writer.sendJson(
                {{QStringLiteral("type"), QStringLiteral("task_create")},
                 {QStringLiteral("opId"), uuidText(QUuid::createUuid())},
                 {QStringLiteral("data"),
                  QJsonObject{{QStringLiteral("task"),
                               QJsonObject{{QStringLiteral("id"), uuidText(ids.constLast())},
                                           {QStringLiteral("title"), QStringLiteral("bulk %1").arg(i)}}}}}});
        }
        for (int i = 0; i < 100; ++i) {
            const bool remove = i % 2 == 1;
            QJsonObject payload{{QStringLiteral("id"), uuidText(ids.at(i))}};
            if (!remove)
                payload.insert(QStringLiteral("changes"),
                               QJsonObject{{QStringLiteral("status"), QStringLiteral("completed")}});
            writer.sendJson(
                {{QStringLiteral("type"), remove ? QStringLiteral("task_delete") : QStringLiteral("task_update")},
                 {QStringLiteral("opId"), uuidText(QUuid::createUuid())},
                 {QStringLiteral("data"), payload}});
        }
        constexpr int total = creates + 100;
        QTRY_COMPARE_WITH_TIMEOUT(eventSeqs(client.received()).size(), total, 30'000);
        QList<qint64> expected;
        for (qint64 seq = 1; seq <= total; ++seq)
            expected.append(seq);
        QCOMPARE(eventSeqs(client.received()), expected);
        // Exactly as B's own client saw them.
        QTRY_COMPARE_WITH_TIMEOUT(eventSeqs(writer.received()).size(), total, 10'000);
        QList<QJsonObject> atA;
        QList<QJsonObject> atB;
        for (const QJsonObject &m : client.received())
            if (changeKindFromName(type(m)))
                atA.append(m);
        for (const QJsonObject &m : writer.received())
            if (changeKindFromName(type(m)))
                atB.append(m);
        QCOMPARE(atA, atB);
        QCOMPARE(
            std::count_if(atA.cbegin(), atA.cend(), [](const QJsonObject &m) { return type(m) == u"task_deleted"; }),
            50);
        QCOMPARE(std::count_if(atA.cbegin(), atA.cend(),
                               [](const QJsonObject &m) { return type(m) == u"task_status_changed"; }),
                 50);

        // And the other way round: a change through A reaches B's client.
        const HttpResult created
            = httpRequest(m_a->port, "POST", "/api/tasks", "{\"title\":\"from A\"}", bearer(m_tokenA));
        QCOMPARE(created.status, 201);
        const auto event = writer.waitFor(
            [](const QJsonObject &m) {
                return type(m) == u"task_created" && m.value(QStringLiteral("seq")).toInteger() == total + 1;
            },
            5'000);
        QVERIFY(event.has_value());
    }

    void databaseConnectionsKilled_hostsRecover_noGap()
    {
        RawWsClient client;
        QVERIFY(client.open(m_a->webSocketUrl(), m_tokenA));
        QCOMPARE(httpRequest(m_b->port, "POST", "/api/tasks", "{\"title\":\"before\"}", bearer(m_tokenB)).status, 201);
        QVERIFY(client.waitForType(QStringLiteral("task_created")).has_value());

        // Every server connection to the database drops (a restart, a failover):
        // both hosts' store connections and their LISTEN connections.
        const StoreConfig &config = m_database->config();
        const QString name = QStringLiteral("tst_multihost_killer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(config.host);
            db.setPort(config.port);
            db.setDatabaseName(config.database);
            db.setUserName(config.user);
            db.setPassword(config.password);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            // Both hosts are listening (a LISTEN connection each), beside their store connections.
            QVERIFY(
                query.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND query LIKE 'LISTEN %'")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 2);
            QVERIFY2(query.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")),
                     qPrintable(query.lastError().text()));
            QVERIFY(query.next());
            QVERIFY2(query.value(0).toInt() >= 4, qPrintable(query.value(0).toString()));
        }
        QSqlDatabase::removeDatabase(name);

        // B takes writes again (a first one may fail while it reconnects).
        int created = 0;
        QElapsedTimer clock;
        clock.start();
        while (created < 3 && clock.elapsed() < 15'000) {
            const HttpResult response = httpRequest(
                m_b->port, "POST", "/api/tasks",
                toJson({{QStringLiteral("title"), QStringLiteral("after %1").arg(created)}}), bearer(m_tokenB));
            if (response.status == 201)
                ++created;
            else
                QCOMPARE(response.status, 503);
        }
        QCOMPARE(created, 3);
        // A's client gets them (by the poll at the latest), with no gap.
        QTRY_COMPARE_WITH_TIMEOUT(eventSeqs(client.received()).size(), 4, 10'000);
        QCOMPARE(eventSeqs(client.received()), (QList<qint64>{1, 2, 3, 4}));

        // Once A listens again, changes arrive within 100 ms again.
        QElapsedTimer lap;
        QString title;
        qint64 arrivedAfter = -1;
        QObject context;
        connect(&client, &RawWsClient::messageReceived, &context, [&](const QJsonObject &m) {
            if (m.value(QStringLiteral("data"))
                    .toObject()
                    .value(QStringLiteral("task"))
                    .toObject()
                    .value(QStringLiteral("title"))
                == title)
                arrivedAfter = lap.elapsed();
        });
        int fastInARow = 0;
        for (int i = 0; fastInARow < 5 && clock.elapsed() < 40'000; ++i) {
            title = QStringLiteral("probe %1").arg(i);
            arrivedAfter = -1;
            lap.start();
            QCOMPARE(httpRequest(m_b->port, "POST", "/api/tasks", toJson({{QStringLiteral("title"), title}}),
                                 bearer(m_tokenB))
                         .status,
                     201);
            QSignalSpy spy(&client, &RawWsClient::messageReceived);
            while (arrivedAfter < 0 && lap.elapsed() < 10'000)
                spy.wait(int(10'000 - lap.elapsed()));
            QVERIFY(arrivedAfter >= 0);
            fastInARow = arrivedAfter < 100 ? fastInARow + 1 : 0;
        }
        QCOMPARE(fastInARow, 5);
        const QList<qint64> seqs = eventSeqs(client.received());
        QCOMPARE(seqs.constFirst(), 1);
        QCOMPARE(seqs.constLast(), seqs.size());
    }
};

QTEST_GUILESS_MAIN(TestMultiHost)
#include "tst_multihost.moc"
