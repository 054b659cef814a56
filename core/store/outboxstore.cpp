#include "outboxstore.h"

#include "connection.h"
#include "domain/isotime.h"
#include "privatefiles.h"
#include "storeconfig.h"
#include "storelog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tandem {

namespace {

// Version 1: one ordered table. `position` is never reused (AUTOINCREMENT), so
// the order survives removals from the front.
constexpr const char *schemaV1[] = {
    "CREATE TABLE outbox ("
    " position INTEGER PRIMARY KEY AUTOINCREMENT,"
    " op_id TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL,"
    " target_id TEXT NOT NULL,"
    " data TEXT NOT NULL,"
    " created_at INTEGER NOT NULL)",
    "PRAGMA user_version = 1",
};

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

std::optional<QUuid> idFromText(const QString &text)
{
    if (text.size() != 36)
        return std::nullopt;
    const QUuid id = QUuid::fromString(text);
    return id.isNull() ? std::nullopt : std::optional<QUuid>(id);
}

Error badRow(const QString &path, qint64 position, const QString &what)
{
    return Error::storage(QStringLiteral("the outbox %1 is damaged (entry %2: %3); move it aside to start with an "
                                         "empty outbox")
                              .arg(path)
                              .arg(position)
                              .arg(what));
}

} // namespace

bool isOutboxKind(QStringView kind)
{
    return kind == u"task_create" || kind == u"task_update" || kind == u"task_delete";
}

OutboxStore::OutboxStore(QString path, std::unique_ptr<store::Connection> connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
{ }

OutboxStore::~OutboxStore() = default;

Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const QString &path)
{
    if (path.isEmpty())
        return Error::validation(QStringLiteral("path"), QStringLiteral("the outbox needs a file path"));
    const QFileInfo info(path);
    if (auto made = ensurePrivateDirectory(info.absolutePath()); !made)
        return made.error();

    // Each outbox gets its own QtSql connection name, so several clients can
    // live in one process (tests run three).
    const QString name = QStringLiteral("tandem-outbox-") + QUuid::createUuid().toString(QUuid::Id128);
    auto connection = std::make_unique<store::Connection>(StoreConfig::sqliteFile(path), name);
    if (auto opened = connection->open(); !opened)
        return opened.error();
    // WAL keeps a crash from ever leaving a half-written file behind; with
    // synchronous = FULL (set by Connection) every commit is on disk when it returns.
    if (auto wal = connection->run(QStringLiteral("PRAGMA journal_mode = WAL")); !wal)
        return wal.error();
    std::unique_ptr<OutboxStore> outbox(new OutboxStore(path, std::move(connection)));
    if (auto migrated = outbox->migrate(); !migrated)
        return migrated.error();
    if (auto privately = makeFilePrivate(path, true); !privately) // changes not yet sent are the user's data too
        return privately.error();
    return outbox;
}

Result<void> OutboxStore::migrate()
{
    store::Connection &c = *m_connection;
    qint64 version = 0;
    {
        auto rows = c.run(QStringLiteral("PRAGMA user_version"));
        if (!rows)
            return rows.error();
        if (rows->next())
            version = rows->integer(0);
    }
    if (version == SchemaVersion)
        return {};
    if (version > SchemaVersion)
        return Error::storage(QStringLiteral("the outbox %1 was written by a newer Tandem (schema %2; this one knows "
                                             "%3); update Tandem or move the file aside")
                                  .arg(m_path)
                                  .arg(version)
                                  .arg(SchemaVersion));
    if (auto begun = c.execute(QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun;
    for (const char *statement : schemaV1) {
        if (auto done = c.execute(QString::fromLatin1(statement)); !done) {
            (void)c.execute(QStringLiteral("ROLLBACK"));
            return done;
        }
    }
    if (auto committed = c.execute(QStringLiteral("COMMIT")); !committed) {
        (void)c.execute(QStringLiteral("ROLLBACK"));
        return committed;
    }
    qCInfo(store::lcStore) << "created the outbox" << m_path;
    return {};
}

Result<QList<OutboxEntry>> OutboxStore::load()
{
    auto rows = m_connection->run(
        QStringLiteral("SELECT position, op_id, kind, target_id, data, created_at FROM outbox ORDER BY position"));
    if (!rows)
        return rows.error();
    QList<OutboxEntry> entries;
    while (rows->next()) {
        OutboxEntry entry;
        entry.position = rows->integer(0);
        const auto opId = idFromText(rows->text(1));
        if (!opId)
            return badRow(m_path, entry.position, QStringLiteral("op_id is not a UUID"));
        entry.opId = *opId;
        entry.kind = rows->text(2);
        if (!isOutboxKind(entry.kind))
            return badRow(m_path, entry.position, QStringLiteral("unknown kind \"%1\"").arg(entry.kind.left(40)));
        const auto target = idFromText(rows->text(3));
        if (!target)
            return badRow(m_path, entry.position, QStringLiteral("target_id is not a UUID"));
        entry.targetId = *target;
        QJsonParseError parseError;
        const QJsonDocument data = QJsonDocument::fromJson(rows->text(4).toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !data.isObject())
            return badRow(m_path, entry.position, QStringLiteral("data is not a JSON object"));
        entry.data = data.object();
        bool isNumber = false;
        const qint64 msecs = rows->value(5).toLongLong(&isNumber);
        if (!isNumber || rows->isNull(5) || msecs <= 0)
            return badRow(m_path, entry.position, QStringLiteral("created_at is not a time"));
        entry.createdAt = timestampFromMsecs(msecs);
        entries.append(std::move(entry));
    }
    return entries;
}

Result<qint64> OutboxStore::append(const OutboxEntry &entry)
{
    if (entry.opId.isNull() || entry.targetId.isNull() || !isOutboxKind(entry.kind) || !entry.createdAt.isValid())
        return Error::validation(QStringLiteral("entry"),
                                 QStringLiteral("an outbox entry needs an opId, a target, a known kind and a time"));
    const QString data = QString::fromUtf8(QJsonDocument(entry.data).toJson(QJsonDocument::Compact));
    {
        auto inserted = m_connection->run(
            QStringLiteral("INSERT INTO outbox (op_id, kind, target_id, data, created_at) VALUES (?, ?, ?, ?, ?)"),
            {idText(entry.opId), entry.kind, idText(entry.targetId), data, entry.createdAt.toMSecsSinceEpoch()});
        if (!inserted)
            return inserted.error();
    }
    auto rows = m_connection->run(QStringLiteral("SELECT position FROM outbox WHERE op_id = ?"), {idText(entry.opId)});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Error::storage(QStringLiteral("the outbox %1 lost an entry it had just written").arg(m_path));
    return rows->integer(0);
}

Result<void> OutboxStore::remove(const QUuid &opId)
{
    auto removed = m_connection->run(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), {idText(opId)});
    if (!removed)
        return removed.error();
    return {};
}

Result<qint64> OutboxStore::count()
{
    auto rows = m_connection->run(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    if (!rows)
        return rows.error();
    return rows->next() ? rows->integer(0) : 0;
}

} // namespace tandem
