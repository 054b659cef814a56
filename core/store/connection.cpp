#include "connection.h"

#include "storelog.h"

#include <QSqlDriver>
#include <QSqlError>

namespace tandem::store {

Rows::~Rows()
{
    if (m_query)
        m_query->finish();
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant nullInteger()
{
    return QVariant(QMetaType::fromType<qint64>());
}

Connection::Connection(const StoreConfig &config, const QString &name)
    : m_config(config)
    , m_name(name)
{ }

Connection::~Connection()
{
    release();
}

void Connection::release()
{
    const std::lock_guard lock(m_releaseMutex);
    if (m_released)
        return;
    m_released = true;
    close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void Connection::close()
{
    m_statements.clear();
    if (m_db.isOpen())
        m_db.close();
}

Result<void> Connection::open()
{
    if (m_released)
        return Error::storage(QStringLiteral("the database has been closed"));
    const bool sqlite = m_config.engine == StoreEngine::Sqlite;
    const QString driver = sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error::storage(sqlite
                                  ? QStringLiteral("Qt's SQLite driver (QSQLITE) is not installed; install the Qt SQL "
                                                   "SQLite plugin (Debian: libqt6sql6-sqlite)")
                                  : QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed; install the Qt "
                                                   "SQL PostgreSQL plugin (Debian: libqt6sql6-psql)"));
    }
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(driver, m_name);
    if (sqlite) {
        m_db.setDatabaseName(m_config.sqlitePath);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_config.busyTimeoutMs));
    } else {
        m_db.setHostName(m_config.host);
        m_db.setPort(m_config.port);
        m_db.setDatabaseName(m_config.database);
        m_db.setUserName(m_config.user);
        m_db.setPassword(m_config.password);
        m_db.setConnectOptions(m_config.connectOptions);
    }
    if (!m_db.open()) {
        const QString reason = m_db.lastError().text().simplified();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
        if (sqlite)
            return Error::storage(QStringLiteral("cannot open %1: %2").arg(m_config.describe(), reason));
        return Error::storage(QStringLiteral("cannot connect to %1: %2. Check that the server is running, the URL is "
                                             "right, and the password (in the URL, PGPASSWORD or ~/.pgpass)")
                                  .arg(m_config.describe(), reason));
    }
    if (sqlite) {
        for (const auto *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
            if (auto r = execute(QString::fromLatin1(pragma)); !r)
                return r;
        }
    } else {
        if (auto r = execute(QStringLiteral("SET client_min_messages TO warning")); !r)
            return r;
    }
    return {};
}

Result<QSqlQuery *> Connection::prepared(const QString &sql)
{
    if (auto it = m_statements.find(sql); it != m_statements.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        return errorFor(query->lastError(), QStringLiteral("preparing a statement"));
    QSqlQuery *raw = query.get();
    m_statements.emplace(sql, std::move(query));
    return raw;
}

Result<Rows> Connection::run(const QString &sql, std::initializer_list<QVariant> values)
{
    auto query = prepared(sql);
    if (!query)
        return query.error();
    QSqlQuery *q = query.value();
    int index = 0;
    for (const QVariant &value : values)
        q->bindValue(index++, value);
    if (!q->exec()) {
        const Error error = errorFor(q->lastError(), QStringLiteral("running a statement"));
        q->finish();
        return error;
    }
    return Rows(q);
}

Result<Rows> Connection::run(const QString &sql, const QVariantList &values)
{
    auto query = prepared(sql);
    if (!query)
        return query.error();
    QSqlQuery *q = query.value();
    for (int i = 0; i < values.size(); ++i)
        q->bindValue(i, values.at(i));
    if (!q->exec()) {
        const Error error = errorFor(q->lastError(), QStringLiteral("running a statement"));
        q->finish();
        return error;
    }
    return Rows(q);
}

Result<void> Connection::execute(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return errorFor(query.lastError(), QStringLiteral("running a statement"));
    return {};
}

bool Connection::isAlive()
{
    if (!m_db.isOpen())
        return false;
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("SELECT 1")) && query.next();
}

Error Connection::errorFor(const QSqlError &error, const QString &doing) const
{
    const QString native = error.nativeErrorCode();
    const QString detail = (error.databaseText().isEmpty() ? error.driverText() : error.databaseText()).simplified();
    qCInfo(lcStore) << "database error while" << doing << "code" << native << detail;

    m_lastBusy = false;
    if (m_config.engine == StoreEngine::Sqlite) {
        const int code = native.toInt() & 0xff; // primary result code of an extended one
        m_lastBusy = code == 5 || code == 6;
        switch (code) {
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
            return Error::storage(QStringLiteral("the database file %1 is locked by another program; close that "
                                                 "program (or wait for it to finish) and try again")
                                      .arg(m_config.sqlitePath));
        case 8: // SQLITE_READONLY
            return Error::storage(QStringLiteral("the database file %1 is read-only; make it and its folder "
                                                 "writable, or choose another --data-dir")
                                      .arg(m_config.sqlitePath));
        case 11: // SQLITE_CORRUPT
        case 26: // SQLITE_NOTADB
            return Error::storage(QStringLiteral("the database file %1 is damaged or is not a Tandem database; "
                                                 "restore it from a backup or choose another --data-dir")
                                      .arg(m_config.sqlitePath));
        case 13: // SQLITE_FULL
            return Error::storage(
                QStringLiteral("the disk holding %1 is full; free some space and try again").arg(m_config.sqlitePath));
        case 10: // SQLITE_IOERR
        case 14: // SQLITE_CANTOPEN
            return Error::storage(QStringLiteral("cannot read or write the database file %1 (%2); check the disk "
                                                 "and the file's permissions")
                                      .arg(m_config.sqlitePath, detail));
        case 19: // SQLITE_CONSTRAINT
            return Error::conflict(QStringLiteral("the change conflicts with data already stored (%1)").arg(detail));
        default:
            return Error::storage(QStringLiteral("the database failed while %1 (%2)").arg(doing, detail));
        }
    }

    if (native == u"23505" || native.startsWith(u"23"))
        return Error::conflict(QStringLiteral("the change conflicts with data already stored"));
    if (native.startsWith(u"08") || native == u"57P01" || native.isEmpty())
        return Error::storage(
            QStringLiteral("lost the connection to %1 (%2); Tandem will reconnect").arg(m_config.describe(), detail));
    if (native == u"40001" || native == u"40P01")
        return Error::storage(QStringLiteral("the database was too busy to finish the change; try again"));
    return Error::storage(QStringLiteral("the database failed while %1 (%2)").arg(doing, detail));
}

} // namespace tandem::store
