#include "storeconfig.h"

#include <QDir>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace tandem {

StoreConfig StoreConfig::sqliteFile(const QString &path)
{
    StoreConfig config;
    config.engine = StoreEngine::Sqlite;
    config.sqlitePath = path;
    return config;
}

QString StoreConfig::describe() const
{
    if (engine == StoreEngine::Sqlite)
        return QStringLiteral("SQLite file %1").arg(QDir::toNativeSeparators(sqlitePath));
    return QStringLiteral("PostgreSQL database %1 on %2:%3 as %4").arg(database, host).arg(port).arg(user);
}

QString sqliteFileInDirectory(const QString &dataDirectory)
{
    return QDir(dataDirectory).absoluteFilePath(QStringLiteral("tandem.db"));
}

namespace {

// The URL as typed, for an error message, with any password masked: an
// unparsable URL cannot be trusted to have its password where QUrl finds it.
QString withoutPassword(const QString &text)
{
    static const QRegularExpression password(QStringLiteral("(://[^/@:]*:).*@"));
    QString shown = text;
    return shown.replace(password, QStringLiteral("\\1***@"));
}

} // namespace

Result<StoreConfig> parseDatabaseUrl(const QString &text)
{
    const QString field = QStringLiteral("database");
    const QString shape = QStringLiteral("postgres://user[:password]@host[:port]/dbname");
    const QUrl url(text, QUrl::StrictMode);
    if (text.trimmed().isEmpty() || !url.isValid())
        return Error::validation(
            field, QStringLiteral("\"%1\" is not a valid URL; expected %2").arg(withoutPassword(text), shape));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"postgres" && scheme != u"postgresql")
        return Error::validation(field,
                                 QStringLiteral("unsupported database URL scheme \"%1\"; expected %2 "
                                                "(or --data-dir DIR for the SQLite file)")
                                     .arg(url.scheme(), shape));

    StoreConfig config;
    config.engine = StoreEngine::Postgres;
    config.host = url.host();
    config.user = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    config.database = url.path(QUrl::FullyDecoded);
    if (config.database.startsWith(u'/'))
        config.database.remove(0, 1);
    if (config.host.isEmpty())
        return Error::validation(field, QStringLiteral("the URL names no host; expected %1").arg(shape));
    if (config.user.isEmpty())
        return Error::validation(field, QStringLiteral("the URL names no user; expected %1").arg(shape));
    if (config.database.isEmpty() || config.database.contains(u'/'))
        return Error::validation(field, QStringLiteral("the URL names no database; expected %1").arg(shape));
    const int port = url.port(5432);
    if (port < 1 || port > 65535)
        return Error::validation(field, QStringLiteral("the port must be between 1 and 65535"));
    config.port = port;

    // Only options that make sense for a libpq client; anything else is a typo.
    static const QStringList allowed = {
        QStringLiteral("sslmode"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("application_name"),
        QStringLiteral("target_session_attrs"),
    };
    QStringList options;
    bool hasTimeout = false;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!allowed.contains(key))
            return Error::validation(field,
                                     QStringLiteral("unknown URL option \"%1\"; supported: %2")
                                         .arg(key, allowed.join(QStringLiteral(", "))));
        if (value.contains(u';') || value.contains(u'=') || value.contains(u' '))
            return Error::validation(
                field, QStringLiteral("the value of URL option \"%1\" may not contain ';', '=' or spaces").arg(key));
        hasTimeout = hasTimeout || key == u"connect_timeout";
        options.append(key + u'=' + value);
    }
    if (!hasTimeout)
        options.append(QStringLiteral("connect_timeout=5"));
    config.connectOptions = options.join(u';');
    return config;
}

} // namespace tandem
