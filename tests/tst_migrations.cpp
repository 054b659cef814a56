// Schema migrations on the engine named by TANDEM_TEST_ENGINE: from an empty
// database and from every earlier version to the latest with the data kept,
// refusal (without a single change) of a database from a newer Tandem, the
// migration-file splitter, and two hosts migrating one empty database at once.
#include "domain/isotime.h"
#include "domain/json.h"
#include "domain/taskquery.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/connection.h"
#include "store/migrator.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <latch>
#include <map>

using namespace tandem;
using store::Connection;
using store::Migrator;

namespace {

// The key every Tandem process takes before migrating a PostgreSQL database
// (migrator.cpp). A test holding it acts as one more Tandem host.
constexpr qint64 migrationLockKey = 0x54616e64656d;

std::unique_ptr<Connection> rawConnection(const StoreConfig &config)
{
    static std::atomic<int> next{0};
    return std::make_unique<Connection>(config, QStringLiteral("tst-migrations-%1").arg(next.fetch_add(1)));
}

// Every file in the directory by name, with a hash of its bytes.
std::map<QString, QByteArray> directoryFingerprint(const QString &path)
{
    std::map<QString, QByteArray> files;
    const QDir dir(path);
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files[name] = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
        else
            files[name] = QByteArrayLiteral("unreadable");
    }
    return files;
}

// The whole visible state of a PostgreSQL database: its tables, the
// migration records and every row count.
QStringList postgresFingerprint(Connection &c)
{
    QStringList state;
    QStringList tables;
    {
        auto rows = c.run(QStringLiteral("SELECT table_name FROM information_schema.tables "
                                         "WHERE table_schema = 'public' ORDER BY table_name"));
        if (!rows)
            return {QStringLiteral("error: ") + rows.error().message};
        while (rows->next())
            tables.append(rows->text(0));
    }
    for (const QString &table : std::as_const(tables)) {
        auto rows = c.run(QStringLiteral("SELECT COUNT(*) FROM ") + table);
        state.append(table + u' ' + QString::number(rows && rows->next() ? rows->integer(0) : -1));
    }
    if (tables.contains(QStringLiteral("schema_migrations"))) {
        auto rows = c.run(QStringLiteral("SELECT version, name, applied_at FROM schema_migrations ORDER BY version"));
        while (rows && rows->next())
            state.append(QStringLiteral("migration %1 %2 %3").arg(rows->text(0), rows->text(1), rows->text(2)));
    }
    return state;
}

// Rows that exist in every schema version since 1: an owner with one task
// and its change-log row, written the way version 1 of Tandem wrote them.
struct Version1Data
{
    QUuid ownerId = QUuid::createUuid();
    Task task;
    // Before version 5 search text was folded by case only: "café" kept its accent.
    bool caseFoldedSearchText = true;
};

Result<void> insertVersion1Data(Connection &c, Version1Data &data)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Task &task = data.task;
    task.id = QUuid::createUuid();
    task.ownerId = data.ownerId;
    task.title = QStringLiteral("Café notes written at an old version");
    task.description = QStringLiteral("kept across the upgrade");
    task.tags = {QStringLiteral("old")};
    task.createdAt = task.updatedAt = timestampFromMsecs(now);
    task.revision = 1;
    const QString owner = uuidText(data.ownerId);
    const QString op = uuidText(QUuid::createUuid());
    const QString payload = QString::fromUtf8(QJsonDocument(taskToJson(task)).toJson(QJsonDocument::Compact));
    const std::initializer_list<std::pair<QString, QVariantList>> statements = {
        {QStringLiteral("INSERT INTO users (id, username, username_key, password_hash, created_at) "
                        "VALUES (?, 'elder', 'elder', NULL, ?)"),
         {owner, now}},
        {QStringLiteral("INSERT INTO log_heads (owner_id, seq, floor_seq) VALUES (?, 1, 0)"), {owner}},
        {QStringLiteral("INSERT INTO tasks (id, owner_id, title, description, status, priority, due, due_date, "
                        "due_at, due_sort, tags, title_key, search_text, created_at, updated_at, completed_at, "
                        "deleted_at, revision) VALUES (?, ?, ?, ?, 'pending', 0, NULL, NULL, NULL, NULL, "
                        "'[\"old\"]', ?, ?, ?, ?, NULL, NULL, 1)"),
         {uuidText(task.id), owner, task.title, task.description, task.title.toCaseFolded(),
          data.caseFoldedSearchText ? QString(task.title + u'\n' + task.description).toCaseFolded()
                                    : taskSearchText(task),
          now, now}},
        {QStringLiteral("INSERT INTO task_tags (task_id, owner_id, tag_key) VALUES (?, ?, 'old')"),
         {uuidText(task.id), owner}},
        {QStringLiteral("INSERT INTO change_log (owner_id, seq, kind, entity_id, op_id, payload, created_at) "
                        "VALUES (?, 1, 'task_created', ?, ?, ?, ?)"),
         {owner, uuidText(task.id), op, payload, now}},
        {QStringLiteral("INSERT INTO operations (owner_id, op_id, first_seq, last_seq, created_at) "
                        "VALUES (?, ?, 1, 1, ?)"),
         {owner, op, now}},
    };
    for (const auto &[sql, values] : statements) {
        auto done = c.run(sql, values);
        if (!done)
            return done.error();
    }
    return {};
}

// Puts the database at a schema version this Tandem does not know.
Result<void> markAsNewer(Connection &c, int version)
{
    if (c.engine() == StoreEngine::Sqlite)
        return c.execute(QStringLiteral("PRAGMA user_version = %1").arg(version));
    if (auto created = c.execute(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER "
                                                "PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
        !created)
        return created;
    auto inserted = c.run(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                          {version, QStringLiteral("from_the_future"), QDateTime::currentMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    return {};
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void available_versionsRunFromOneWithoutGaps()
    {
        for (const StoreEngine engine : {StoreEngine::Sqlite, StoreEngine::Postgres}) {
            const auto migrations = Migrator::available(engine);
            QVERIFY(!migrations.isEmpty());
            for (qsizetype i = 0; i < migrations.size(); ++i) {
                QCOMPARE(migrations.at(i).version, int(i + 1));
                // Each step does something: SQL, or work SQL cannot do (a data step).
                QVERIFY(!migrations.at(i).statements.isEmpty() || migrations.at(i).dataStep);
            }
            QCOMPARE(migrations.constLast().version, Migrator::latestVersion());
        }
    }

    void migrate_emptyDatabase_reachesLatestOnce()
    {
        TANDEM_TEST_DATABASE(db);
        auto c = rawConnection(db->config());
        TANDEM_VERIFY_OK(c->open());
        auto before = Migrator::currentVersion(*c);
        TANDEM_VERIFY_OK(before);
        QCOMPARE(before.value(), 0);

        auto migrated = Migrator::migrate(*c);
        TANDEM_VERIFY_OK(migrated);
        QCOMPARE(migrated.value(), Migrator::latestVersion());
        auto after = Migrator::currentVersion(*c);
        TANDEM_VERIFY_OK(after);
        QCOMPARE(after.value(), Migrator::latestVersion());
        for (const char *table : {"users", "log_heads", "tasks", "task_tags", "change_log", "operations",
                                  "chat_sessions", "chat_messages"}) {
            auto rows = c->run(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table));
            TANDEM_VERIFY_OK(rows);
            QVERIFY(rows->next());
            QCOMPARE(rows->integer(0), 0);
        }

        // A second run finds nothing to do.
        auto again = Migrator::migrate(*c);
        TANDEM_VERIFY_OK(again);
        QCOMPARE(again.value(), Migrator::latestVersion());
        if (c->engine() == StoreEngine::Postgres) {
            auto rows = c->run(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version"));
            TANDEM_VERIFY_OK(rows);
            QList<int> versions;
            while (rows->next())
                versions.append(int(rows->integer(0)));
            QList<int> expected;
            for (int v = 1; v <= Migrator::latestVersion(); ++v)
                expected.append(v);
            QCOMPARE(versions, expected);
        }
    }

    void open_fromEarlierVersion_keepsDataAndUpgrades_data()
    {
        QTest::addColumn<int>("version");
        for (int version = 1; version <= Migrator::latestVersion(); ++version)
            QTest::addRow("from version %d", version) << version;
    }

    void open_fromEarlierVersion_keepsDataAndUpgrades()
    {
        QFETCH(int, version);
        TANDEM_TEST_DATABASE(db);
        Version1Data data;
        data.caseFoldedSearchText = version < 5;
        {
            auto c = rawConnection(db->config());
            TANDEM_VERIFY_OK(c->open());
            auto migrated = Migrator::migrate(*c, version);
            TANDEM_VERIFY_OK(migrated);
            QCOMPARE(migrated.value(), version);
            QCOMPARE(Migrator::currentVersion(*c).value(), version);
            TANDEM_VERIFY_OK(insertVersion1Data(*c, data));
        }

        auto opened = db->open();
        TANDEM_VERIFY_OK(opened);
        Store &store = *opened.value();

        auto task = store.task(data.ownerId, data.task.id);
        TANDEM_VERIFY_OK(task);
        QVERIFY(task.value());
        QCOMPARE(task.value()->title, data.task.title);
        QCOMPARE(task.value()->description, data.task.description);
        QCOMPARE(task.value()->tags, data.task.tags);
        // Version 8: a task from before repeats nothing and has no occurrence completed.
        QVERIFY(!task.value()->repeat);
        QVERIFY(!task.value()->lastCompletedAt.isValid());
        TaskQuery byTag;
        byTag.tag = QStringLiteral("OLD");
        auto tagged = store.tasks(data.ownerId, byTag);
        TANDEM_VERIFY_OK(tagged);
        QCOMPARE(tagged->tasks.size(), 1);
        QCOMPARE(tagged->seq, 1);
        // Version 5 refolds what older versions stored: "cafe" finds "Café" as it finds new tasks.
        TaskQuery byText;
        byText.text = QStringLiteral("CAFE NOTES");
        auto found = store.tasks(data.ownerId, byText);
        TANDEM_VERIFY_OK(found);
        QCOMPARE(found->tasks.size(), 1);
        auto log = store.changesSince(data.ownerId, 0, 100);
        TANDEM_VERIFY_OK(log);
        QCOMPARE(log->changes.size(), 1);
        QCOMPARE(log->changes.first().task()->id, data.task.id);

        // The log continues where the old version left it, and chat (version 2) works.
        TaskService tasks(store);
        TaskDraft draft;
        draft.title = QStringLiteral("written after the upgrade");
        draft.due = Due::onDate(QDate(2026, 1, 31));
        draft.repeat = RepeatRule::every(RepeatUnit::Month);
        auto created = tasks.create(data.ownerId, draft);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->seq, 2);
        auto repeating = store.task(data.ownerId, created->entityId());
        TANDEM_VERIFY_OK(repeating);
        QVERIFY(repeating.value() && repeating.value()->repeat);
        QCOMPARE(repeating.value()->repeat->monthDay, 31);
        ChatService chat(store);
        auto session = chat.createSession(data.ownerId, QStringLiteral("after the upgrade"));
        TANDEM_VERIFY_OK(session);
        auto message = chat.addMessage(data.ownerId, session->entityId(), ChatRole::User, QStringLiteral("hello"));
        TANDEM_VERIFY_OK(message);
        auto messages = chat.messages(data.ownerId, session->entityId());
        TANDEM_VERIFY_OK(messages);
        QCOMPARE(messages->size(), 1);
        QCOMPARE(messages->first().content, QStringLiteral("hello"));
        QCOMPARE(store.head(data.ownerId).value(), 5);

        auto c = rawConnection(db->config());
        TANDEM_VERIFY_OK(c->open());
        QCOMPARE(Migrator::currentVersion(*c).value(), Migrator::latestVersion());
    }

    void open_newerSchema_refusedWithoutChange_data()
    {
        QTest::addColumn<bool>("withData");
        QTest::newRow("only the version") << false;
        QTest::newRow("a full Tandem database") << true;
    }

    void open_newerSchema_refusedWithoutChange()
    {
        QFETCH(bool, withData);
        TANDEM_TEST_DATABASE(db);
        const int newer = Migrator::latestVersion() + 1;
        const bool sqlite = db->config().engine == StoreEngine::Sqlite;
        if (withData) {
            auto opened = db->open();
            TANDEM_VERIFY_OK(opened);
            Version1Data data;
            auto c = rawConnection(db->config());
            TANDEM_VERIFY_OK(c->open());
            TANDEM_VERIFY_OK(insertVersion1Data(*c, data));
        }
        {
            auto c = rawConnection(db->config());
            TANDEM_VERIFY_OK(c->open());
            TANDEM_VERIFY_OK(markAsNewer(*c, newer));
        }
        const QString walFile = db->config().sqlitePath + QStringLiteral("-wal");
        std::map<QString, QByteArray> filesBefore;
        QStringList rowsBefore;
        auto probe = rawConnection(db->config());
        if (sqlite) {
            filesBefore = directoryFingerprint(db->directory());
            QVERIFY(filesBefore.count(QStringLiteral("tandem.db")));
            QVERIFY(!QFile::exists(walFile));
        } else {
            TANDEM_VERIFY_OK(probe->open());
            rowsBefore = postgresFingerprint(*probe);
            QVERIFY(rowsBefore.contains(QStringLiteral("schema_migrations ") + QString::number(withData ? newer : 1)));
        }

        auto opened = db->open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::Storage);
        const QString message = opened.error().message;
        QVERIFY2(message.contains(u"newer"), qPrintable(message));
        QVERIFY2(message.contains(QString::number(newer)), qPrintable(message));
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));

        // Migrating directly is refused the same way.
        {
            auto c = rawConnection(db->config());
            TANDEM_VERIFY_OK(c->open());
            auto migrated = Migrator::migrate(*c);
            QVERIFY(!migrated);
            QVERIFY2(migrated.error().message.contains(u"newer"), qPrintable(migrated.error().message));
        }

        if (sqlite) {
            QVERIFY(!QFile::exists(walFile));
            QCOMPARE(directoryFingerprint(db->directory()), filesBefore);
        } else {
            QCOMPARE(postgresFingerprint(*probe), rowsBefore);
        }
    }

    void splitStatements_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("expected");
        const auto list = [](std::initializer_list<const char *> items) {
            QStringList statements;
            for (const char *item : items)
                statements.append(QString::fromUtf8(item));
            return statements;
        };
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("only comments and blanks")
            << QStringLiteral("-- nothing; here\n\n   \n-- still nothing;\n") << QStringList();
        QTest::newRow("two statements") << QStringLiteral("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n")
                                        << list({"CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"});
        QTest::newRow("no final semicolon") << QStringLiteral("SELECT 1;\nSELECT 2") << list({"SELECT 1", "SELECT 2"});
        QTest::newRow("spans lines") << QStringLiteral("CREATE TABLE a (\n    x INT,\n    y INT\n);\n")
                                     << list({"CREATE TABLE a (\n    x INT,\n    y INT\n)"});
        QTest::newRow("semicolon mid-line does not split")
            << QStringLiteral("SELECT 1; SELECT 2;\n") << list({"SELECT 1; SELECT 2"});
        QTest::newRow("blanks after the semicolon")
            << QStringLiteral("SELECT 1;  \t\nSELECT 2;") << list({"SELECT 1", "SELECT 2"});
        QTest::newRow("CRLF line ends") << QStringLiteral("SELECT 1;\r\nSELECT 2;\r\n")
                                        << list({"SELECT 1", "SELECT 2"});
        QTest::newRow("comment after the semicolon")
            << QStringLiteral("SELECT 1; -- first; really\nSELECT 2;") << list({"SELECT 1", "SELECT 2"});
        QTest::newRow("comment inside a statement")
            << QStringLiteral("CREATE TABLE a ( -- the table; a\n x INT\n);") << list({"CREATE TABLE a ( \n x INT\n)"});
        QTest::newRow("semicolon at a line end inside quotes")
            << QStringLiteral("INSERT INTO a VALUES ('one;\ntwo');\nSELECT 3;")
            << list({"INSERT INTO a VALUES ('one;\ntwo')", "SELECT 3"});
        QTest::newRow("dashes inside quotes are text") << QStringLiteral("INSERT INTO a VALUES ('--not a comment;');\n")
                                                       << list({"INSERT INTO a VALUES ('--not a comment;')"});
        QTest::newRow("doubled quote inside quotes") << QStringLiteral("INSERT INTO a VALUES ('it''s;');\nSELECT 2;")
                                                     << list({"INSERT INTO a VALUES ('it''s;')", "SELECT 2"});
        QTest::newRow("quote inside a comment is ignored")
            << QStringLiteral("-- don't split here\nSELECT 1;\nSELECT 2;") << list({"SELECT 1", "SELECT 2"});
        QTest::newRow("lone semicolons") << QStringLiteral(";\n;\nSELECT 1;\n") << list({"SELECT 1"});
        QTest::newRow("quote and dashes in a quoted identifier")
            << QStringLiteral("CREATE TABLE \"it's--odd\" (x INT);\nSELECT 2;")
            << list({"CREATE TABLE \"it's--odd\" (x INT)", "SELECT 2"});
        QTest::newRow("trailing single dash") << QStringLiteral("SELECT 1 -") << list({"SELECT 1 -"});
    }

    void splitStatements()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, expected);
        QCOMPARE(Migrator::splitStatements(sql), expected);
    }

    // Two hosts start on one empty database at the same moment: both open
    // it, and each migration is applied exactly once.
    void open_twoHostsOnEmptyDatabase_bothSucceedAndMigrateOnce()
    {
        const bool postgres = test::engineUnderTest() == StoreEngine::Postgres;
        // SQLite has no lock to hold from outside, so race a few times instead.
        const int rounds = postgres ? 2 : 8;
        for (int round = 0; round < rounds; ++round) {
            TANDEM_TEST_DATABASE(db);
            // On PostgreSQL this test holds the migration lock until both hosts wait for it,
            // so both are certainly inside the migrator together.
            std::unique_ptr<Connection> holder;
            if (postgres) {
                holder = rawConnection(db->config());
                TANDEM_VERIFY_OK(holder->open());
                TANDEM_VERIFY_OK(holder->run(QStringLiteral("SELECT pg_advisory_lock(?)"), {migrationLockKey}));
            }

            std::latch start(2);
            QString errors[2];
            bool opened[2] = {false, false};
            std::unique_ptr<QThread> hosts[2];
            // Whatever fails below, release the hosts and wait for them before their data goes.
            auto join = qScopeGuard([&] {
                holder.reset();
                for (auto &host : hosts) {
                    if (host)
                        host->wait();
                }
            });
            for (int i = 0; i < 2; ++i) {
                hosts[i].reset(QThread::create([&, i] {
                    start.arrive_and_wait();
                    auto store = Store::open(db->config());
                    opened[i] = store.ok();
                    if (!store)
                        errors[i] = store.error().message;
                }));
                hosts[i]->start();
            }
            if (postgres) {
                auto probe = rawConnection(db->config());
                TANDEM_VERIFY_OK(probe->open());
                const auto waiting = [&] {
                    auto rows = probe->run(QStringLiteral(
                        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
                    return rows && rows->next() ? rows->integer(0) : -1;
                };
                QTRY_COMPARE_WITH_TIMEOUT(waiting(), 2, 10000);
                TANDEM_VERIFY_OK(holder->run(QStringLiteral("SELECT pg_advisory_unlock(?)"), {migrationLockKey}));
            }
            for (auto &host : hosts)
                QVERIFY(host->wait(30000));
            for (int i = 0; i < 2; ++i)
                QVERIFY2(opened[i],
                         qPrintable(QStringLiteral("round %1, host %2: %3").arg(round).arg(i).arg(errors[i])));

            auto c = rawConnection(db->config());
            TANDEM_VERIFY_OK(c->open());
            QCOMPARE(Migrator::currentVersion(*c).value(), Migrator::latestVersion());
            if (postgres) {
                auto rows = c->run(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations"));
                TANDEM_VERIFY_OK(rows);
                QVERIFY(rows->next());
                QCOMPARE(rows->integer(0), qint64(Migrator::latestVersion()));
                QCOMPARE(rows->integer(1), qint64(Migrator::latestVersion()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
