#pragma once

#include "domain/result.h"
#include "storeconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace tandem::store {

class Connection;

struct Migration
{
    int version = 0;
    QString name;
    QStringList statements;
    // Work SQL cannot express (Unicode folding), run after the statements in
    // the same transaction; null for most steps.
    std::function<Result<void>(Connection &)> dataStep;
};

// Versioned schema migrations: numbered SQL files in the :/migrations resource
// ("0001_core.sql"; "0003_x.sqlite.sql" / "0003_x.postgres.sql" for an
// engine-specific step). Each runs in one transaction. SQLite keeps the
// version in PRAGMA user_version; PostgreSQL in schema_migrations, under an
// advisory lock so hosts starting together migrate once.
class Migrator final
{
public:
    static QList<Migration> available(StoreEngine engine);
    static int latestVersion();

    // The schema version of the open database (0 when empty).
    static Result<int> currentVersion(Connection &connection);
    // Refuses a database from a newer Tandem, else applies the missing steps
    // up to `targetVersion` (the latest when 0).
    static Result<int> migrate(Connection &connection, int targetVersion = 0);

    // Splits a migration file into statements: a ';' at the end of a line ends
    // one; '--' starts a comment outside quotes.
    static QStringList splitStatements(const QString &sql);
};

Error newerSchemaError(int found, int known);

} // namespace tandem::store
