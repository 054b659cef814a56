#include "migrator.h"

#include "connection.h"
#include "domain/taskquery.h"
#include "storelog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace tandem::store {

namespace {

// Any constant works; it only has to be the same in every Tandem process.
constexpr qint64 advisoryLockKey = 0x54616e64656d; // "Tandem"

// Version 5: search text folded by domain/textfold.h (accents too), for every
// task already stored, tombstones included (an undo brings them back).
Result<void> refoldSearchText(Connection &connection)
{
    auto rows = connection.run(QStringLiteral("SELECT id, title, description FROM tasks"));
    if (!rows)
        return rows.error();
    QList<std::pair<QString, QString>> refolded;
    while (rows->next()) {
        Task task;
        task.title = rows->text(1);
        task.description = rows->text(2);
        refolded.append({rows->text(0), taskSearchText(task)});
    }
    for (const auto &[id, searchText] : std::as_const(refolded)) {
        if (auto updated
            = connection.run(QStringLiteral("UPDATE tasks SET search_text = ? WHERE id = ?"), {searchText, id});
            !updated)
            return updated.error();
    }
    return {};
}

std::function<Result<void>(Connection &)> dataStepFor(int version)
{
    switch (version) {
    case 5:
        return refoldSearchText;
    default:
        return {};
    }
}

QString engineSuffix(StoreEngine engine)
{
    return engine == StoreEngine::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres");
}

} // namespace

Error newerSchemaError(int found, int known)
{
    return Error::storage(QStringLiteral("the database is at schema version %1, written by a newer Tandem (this one "
                                         "knows up to version %2); upgrade Tandem, or use another data directory "
                                         "or database. Nothing was changed")
                              .arg(found)
                              .arg(known));
}

QStringList Migrator::splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    bool inQuote = false; // a 'string literal'
    bool inIdentifier = false; // a "quoted identifier": a ' or -- inside it is part of the name
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        const bool quoted = inQuote || inIdentifier;
        if (!quoted && c == u'-' && i + 1 < sql.size() && sql.at(i + 1) == u'-') {
            while (i < sql.size() && sql.at(i) != u'\n')
                ++i;
            current += u'\n';
            continue;
        }
        if (c == u'\'' && !inIdentifier)
            inQuote = !inQuote;
        else if (c == u'"' && !inQuote)
            inIdentifier = !inIdentifier;
        if (!inQuote && !inIdentifier && c == u';') {
            // A statement ends at a semicolon followed only by blanks up to the line end.
            qsizetype j = i + 1;
            while (j < sql.size() && (sql.at(j) == u' ' || sql.at(j) == u'\t' || sql.at(j) == u'\r'))
                ++j;
            const bool endOfLine = j >= sql.size() || sql.at(j) == u'\n'
                || (sql.at(j) == u'-' && j + 1 < sql.size() && sql.at(j + 1) == u'-');
            if (endOfLine) {
                if (!current.trimmed().isEmpty())
                    statements.append(current.trimmed());
                current.clear();
                continue;
            }
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

QList<Migration> Migrator::available(StoreEngine engine)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+?)(?:\\.(sqlite|postgres))?\\.sql$"));
    QList<Migration> migrations;
    const QDir dir(QStringLiteral(":/migrations"));
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = pattern.match(file);
        if (!match.hasMatch()) {
            qCWarning(lcStore) << "ignoring a migration file with an unexpected name:" << file;
            continue;
        }
        const QString only = match.captured(3);
        if (!only.isEmpty() && only != engineSuffix(engine))
            continue;
        QFile input(dir.filePath(file));
        if (!input.open(QIODevice::ReadOnly))
            continue;
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = match.captured(2);
        migration.statements = splitStatements(QString::fromUtf8(input.readAll()));
        migration.dataStep = dataStepFor(migration.version);
        migrations.append(migration);
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return migrations;
}

int Migrator::latestVersion()
{
    const auto migrations = available(StoreEngine::Sqlite);
    return migrations.isEmpty() ? 0 : migrations.constLast().version;
}

Result<int> Migrator::currentVersion(Connection &connection)
{
    if (connection.engine() == StoreEngine::Sqlite) {
        auto rows = connection.run(QStringLiteral("PRAGMA user_version"));
        if (!rows)
            return rows.error();
        return rows->next() ? int(rows->integer(0)) : 0;
    }
    auto exists = connection.run(QStringLiteral("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    if (!exists)
        return exists.error();
    if (!exists->next() || !exists->value(0).toBool())
        return 0;
    auto rows = connection.run(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (!rows)
        return rows.error();
    return rows->next() ? int(rows->integer(0)) : 0;
}

namespace {

// Applies one step; false when another process applied it first.
Result<bool> applyOne(Connection &connection, const Migration &migration)
{
    const bool sqlite = connection.engine() == StoreEngine::Sqlite;
    if (auto r = connection.execute(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")); !r)
        return r.error();
    auto fail = [&](const Error &error) -> Result<bool> {
        (void)connection.execute(QStringLiteral("ROLLBACK"));
        return Error::storage(QStringLiteral("could not apply database migration %1 (%2): %3")
                                  .arg(migration.version)
                                  .arg(migration.name, error.message));
    };
    // SQLite has no migration lock: two processes opening a new file together
    // both read version 0, and BEGIN IMMEDIATE is where they queue. Look again
    // inside the transaction, so the second one does not apply the step twice.
    auto current = Migrator::currentVersion(connection);
    if (!current)
        return fail(current.error());
    if (current.value() >= migration.version) {
        (void)connection.execute(QStringLiteral("ROLLBACK"));
        return false;
    }
    for (const QString &statement : migration.statements) {
        if (auto r = connection.execute(statement); !r)
            return fail(r.error());
    }
    if (migration.dataStep) {
        if (auto r = migration.dataStep(connection); !r)
            return fail(r.error());
    }
    if (sqlite) {
        // PRAGMA takes no bind values; the version is our own integer.
        if (auto r = connection.execute(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)); !r)
            return fail(r.error());
    } else {
        auto r = connection.run(
            QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
            {migration.version, migration.name, QDateTime::currentMSecsSinceEpoch()});
        if (!r)
            return fail(r.error());
    }
    if (auto r = connection.execute(QStringLiteral("COMMIT")); !r)
        return fail(r.error());
    qCInfo(lcStore) << "applied database migration" << migration.version << migration.name;
    return true;
}

} // namespace

Result<int> Migrator::migrate(Connection &connection, int targetVersion)
{
    const auto migrations = available(connection.engine());
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    if (targetVersion <= 0 || targetVersion > latest)
        targetVersion = latest;
    const bool postgres = connection.engine() == StoreEngine::Postgres;

    // Read the version before touching anything, so a newer database is refused unaltered.
    auto before = currentVersion(connection);
    if (!before)
        return before.error();
    if (before.value() > latest)
        return newerSchemaError(before.value(), latest);
    if (before.value() >= targetVersion)
        return before.value();

    if (postgres) {
        auto locked = connection.run(QStringLiteral("SELECT pg_advisory_lock(?)"), {advisoryLockKey});
        if (!locked)
            return locked.error();
    }
    auto unlock = [&] {
        if (postgres)
            (void)connection.run(QStringLiteral("SELECT pg_advisory_unlock(?)"), {advisoryLockKey});
    };

    if (postgres) {
        auto created = connection.execute(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at BIGINT NOT NULL)"));
        if (!created) {
            unlock();
            return created.error();
        }
    }
    // Another host may have migrated while we waited for the lock.
    auto current = currentVersion(connection);
    if (!current) {
        unlock();
        return current.error();
    }
    if (current.value() > latest) {
        unlock();
        return newerSchemaError(current.value(), latest);
    }
    int version = current.value();
    for (const Migration &migration : migrations) {
        if (migration.version <= version || migration.version > targetVersion)
            continue;
        auto applied = applyOne(connection, migration);
        if (!applied) {
            unlock();
            return applied.error();
        }
        version = migration.version;
    }
    unlock();
    return version;
}

} // namespace tandem::store
