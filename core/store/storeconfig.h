#pragma once

#include "domain/result.h"

#include <QString>

namespace tandem {

enum class StoreEngine { Sqlite, Postgres };

// Where the data lives. Built from --data-dir / --database / the settings;
// the password never appears in describe() or in any log line.
struct StoreConfig
{
    StoreEngine engine = StoreEngine::Sqlite;

    // SQLite: the database file.
    QString sqlitePath;

    // PostgreSQL. An empty password lets libpq use PGPASSWORD or ~/.pgpass.
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password;
    QString connectOptions; // libpq options, "key=value;key=value"

    int busyTimeoutMs = 5000;

    static StoreConfig sqliteFile(const QString &path);
    // "SQLite file /home/me/.local/share/Tandem/tandem.db" or
    // "PostgreSQL database tandem on db.lan:5432 as me"
    QString describe() const;
};

// Parses postgres://user[:password]@host[:port]/dbname[?sslmode=...&connect_timeout=...]
// (postgresql:// too). Percent-escapes in the user and password are decoded.
Result<StoreConfig> parseDatabaseUrl(const QString &url);

// The SQLite file Tandem uses inside a data directory.
QString sqliteFileInDirectory(const QString &dataDirectory);

} // namespace tandem
