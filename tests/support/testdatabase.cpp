#include "testdatabase.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace tandem::test {

namespace {

// Runs one admin statement on its own short-lived connection.
bool runAdmin(const StoreConfig &admin, const QString &sql, QString *error)
{
    const QString name = QStringLiteral("tandem-test-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(admin.host);
        db.setPort(admin.port);
        db.setDatabaseName(admin.database);
        db.setUserName(admin.user);
        db.setPassword(admin.password);
        db.setConnectOptions(admin.connectOptions);
        if (!db.open()) {
            *error = QStringLiteral("cannot reach the test PostgreSQL server: ") + db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                *error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

StoreEngine engineUnderTest()
{
    return qEnvironmentVariable("TANDEM_TEST_ENGINE") == u"postgres" ? StoreEngine::Postgres : StoreEngine::Sqlite;
}

QString engineName(StoreEngine engine)
{
    return engine == StoreEngine::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

QString postgresAdminUrl()
{
    return qEnvironmentVariable("TANDEM_TEST_PG_URL");
}

std::unique_ptr<TestDatabase> TestDatabase::create(StoreEngine engine, QString *error)
{
    std::unique_ptr<TestDatabase> database(new TestDatabase);
    if (engine == StoreEngine::Sqlite) {
        database->m_dir = std::make_unique<QTemporaryDir>();
        if (!database->m_dir->isValid()) {
            *error = QStringLiteral("cannot create a temporary directory");
            return nullptr;
        }
        database->m_config = StoreConfig::sqliteFile(sqliteFileInDirectory(database->m_dir->path()));
        return database;
    }

    database->m_adminUrl = postgresAdminUrl();
    if (database->m_adminUrl.isEmpty()) {
        *error = QStringLiteral("TANDEM_TEST_PG_URL is not set: the PostgreSQL suites need the server that "
                                "scripts/test starts (a skipped PostgreSQL suite is a failure)");
        return nullptr;
    }
    auto admin = parseDatabaseUrl(database->m_adminUrl);
    if (!admin) {
        *error = QStringLiteral("TANDEM_TEST_PG_URL is invalid: ") + admin.error().toString();
        return nullptr;
    }
    const QString name = QStringLiteral("tandem_t_") + QUuid::createUuid().toString(QUuid::Id128);
    if (!runAdmin(admin.value(), QStringLiteral("CREATE DATABASE ") + name, error))
        return nullptr;
    database->m_config = admin.value();
    database->m_config.database = name;
    return database;
}

std::unique_ptr<TestDatabase> TestDatabase::copyOf(const TestDatabase &source, QString *error)
{
    if (source.m_config.engine == StoreEngine::Postgres) {
        std::unique_ptr<TestDatabase> database(new TestDatabase);
        database->m_adminUrl = source.m_adminUrl;
        auto admin = parseDatabaseUrl(database->m_adminUrl);
        if (!admin) {
            *error = admin.error().toString();
            return nullptr;
        }
        const QString name = QStringLiteral("tandem_t_") + QUuid::createUuid().toString(QUuid::Id128);
        if (!runAdmin(admin.value(),
                      QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(name, source.m_config.database), error))
            return nullptr;
        database->m_config = admin.value();
        database->m_config.database = name;
        return database;
    }
    auto database = create(StoreEngine::Sqlite, error);
    if (!database)
        return nullptr;
    // A closed SQLite database in WAL mode has checkpointed into its one file.
    if (!QFile::copy(source.m_config.sqlitePath, database->m_config.sqlitePath)) {
        *error = QStringLiteral("cannot copy %1").arg(source.m_config.sqlitePath);
        return nullptr;
    }
    QFile::setPermissions(database->m_config.sqlitePath, QFile::ReadOwner | QFile::WriteOwner);
    return database;
}

TestDatabase::~TestDatabase()
{
    if (m_config.engine != StoreEngine::Postgres)
        return;
    auto admin = parseDatabaseUrl(m_adminUrl);
    QString error;
    if (admin)
        runAdmin(admin.value(), QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_config.database),
                 &error);
}

QString TestDatabase::url() const
{
    if (m_config.engine != StoreEngine::Postgres)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("postgres"));
    url.setUserName(m_config.user);
    url.setPassword(m_config.password);
    url.setHost(m_config.host);
    url.setPort(m_config.port);
    url.setPath(u'/' + m_config.database);
    return url.toString();
}

} // namespace tandem::test
