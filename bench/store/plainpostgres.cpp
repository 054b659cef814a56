#include "plainpostgres.h"

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace tandem::bench {

namespace {

struct ResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnectionDeleter
{
    void operator()(PGconn *connection) const { PQfinish(connection); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionDeleter>;

// Text-format parameters for PQexecPrepared; integers are written into the
// object itself, so it must outlive the call.
class Params final
{
public:
    void text(const std::string &value) { m_values[m_count++] = value.c_str(); }
    void text(const char *value) { m_values[m_count++] = value; }
    void text(const std::optional<std::string> &value) { m_values[m_count++] = value ? value->c_str() : nullptr; }
    void integer(std::int64_t value)
    {
        auto &buffer = m_numbers[m_count];
        const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 1, value).ptr;
        *end = '\0';
        m_values[m_count++] = buffer.data();
    }
    void integer(const std::optional<std::int64_t> &value)
    {
        if (value)
            integer(*value);
        else
            m_values[m_count++] = nullptr;
    }
    int count() const { return m_count; }
    const char *const *values() const { return m_values.data(); }

private:
    static constexpr int capacity = 18;
    std::array<const char *, capacity> m_values{};
    std::array<std::array<char, 24>, capacity> m_numbers{};
    int m_count = 0;
};

struct Statement
{
    const char *name;
    std::string sql;
};

// Prepared once per connection, by name.
std::array<Statement, 9> statements()
{
    return {{
        {"read_head", numberedPlaceholders(plainsql::readHead) + " FOR UPDATE"},
        {"find_operation", numberedPlaceholders(plainsql::findOperation)},
        {"read_task", numberedPlaceholders(plainsql::readTask)},
        {"upsert_task", numberedPlaceholders(plainsql::upsertTask)},
        {"clear_tags", numberedPlaceholders(plainsql::clearTags)},
        {"insert_tag", numberedPlaceholders(plainsql::insertTag)},
        {"append_log", numberedPlaceholders(plainsql::appendLog)},
        {"move_head", numberedPlaceholders(plainsql::moveHead)},
        {"record_operation", numberedPlaceholders(plainsql::recordOperation)},
    }};
}

ConnectionPtr connect(const std::string &url, const std::string &database, std::string *error)
{
    const char *keywords[] = {"dbname", database.empty() ? nullptr : "dbname", nullptr};
    const char *values[] = {url.c_str(), database.empty() ? nullptr : database.c_str(), nullptr};
    ConnectionPtr connection(PQconnectdbParams(keywords, values, 1));
    if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
        *error = std::string("cannot connect to PostgreSQL: ")
            + (connection ? PQerrorMessage(connection.get()) : "out of memory");
        return nullptr;
    }
    return connection;
}

std::string text(const PGresult *result, int column)
{
    return std::string(PQgetvalue(result, 0, column), std::size_t(PQgetlength(result, 0, column)));
}

std::int64_t integer(const PGresult *result, int column)
{
    return std::strtoll(PQgetvalue(result, 0, column), nullptr, 10);
}

std::optional<std::string> optionalText(const PGresult *result, int column)
{
    if (PQgetisnull(result, 0, column))
        return std::nullopt;
    return text(result, column);
}

std::optional<std::int64_t> optionalInteger(const PGresult *result, int column)
{
    if (PQgetisnull(result, 0, column))
        return std::nullopt;
    return integer(result, column);
}

} // namespace

std::unique_ptr<PlainPostgres> PlainPostgres::open(const std::string &url, const std::string &database,
                                                   std::string *error)
{
    auto connection = connect(url, database, error);
    if (!connection)
        return nullptr;
    std::unique_ptr<PlainPostgres> plain(new PlainPostgres);
    plain->m_conn = connection.release();
    for (const Statement &statement : statements()) {
        ResultPtr prepared(PQprepare(plain->m_conn, statement.name, statement.sql.c_str(), 0, nullptr));
        if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
            *error = std::string("preparing ") + statement.name + ": " + PQerrorMessage(plain->m_conn);
            return nullptr;
        }
    }
    return plain;
}

PlainPostgres::~PlainPostgres()
{
    PQfinish(m_conn);
}

bool PlainPostgres::execute(const std::string &url, const std::string &database, const std::string &sql,
                            std::string *error)
{
    auto connection = connect(url, database, error);
    if (!connection)
        return false;
    ResultPtr result(PQexec(connection.get(), sql.c_str()));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        *error = PQerrorMessage(connection.get());
        return false;
    }
    return true;
}

std::string PlainPostgres::describeServer(const std::string &url, std::string *error)
{
    auto connection = connect(url, std::string(), error);
    if (!connection)
        return {};
    ResultPtr result(PQexec(connection.get(),
                            "SELECT current_setting('server_version'), current_setting('fsync'), "
                            "current_setting('synchronous_commit'), current_setting('wal_sync_method')"));
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) != 1) {
        *error = PQerrorMessage(connection.get());
        return {};
    }
    return "PostgreSQL " + text(result.get(), 0) + ", fsync=" + text(result.get(), 1)
        + ", synchronous_commit=" + text(result.get(), 2) + ", wal_sync_method=" + text(result.get(), 3);
}

bool PlainPostgres::summarize(const std::string &url, const std::string &database, DatabaseSummary *summary,
                              std::string *error)
{
    auto connection = connect(url, database, error);
    if (!connection)
        return false;
    ResultPtr result(PQexec(connection.get(), summarySql));
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) != 1) {
        *error = PQerrorMessage(connection.get());
        return false;
    }
    summary->tasks = integer(result.get(), 0);
    summary->taskTags = integer(result.get(), 1);
    summary->changes = integer(result.get(), 2);
    summary->operations = integer(result.get(), 3);
    summary->head = integer(result.get(), 4);
    summary->lastPayload = text(result.get(), 5);
    return true;
}

bool PlainPostgres::simple(const char *sql)
{
    ResultPtr result(PQexec(m_conn, sql));
    if (PQresultStatus(result.get()) == PGRES_COMMAND_OK)
        return true;
    m_error = std::string(sql) + ": " + PQerrorMessage(m_conn);
    return false;
}

bool PlainPostgres::begin()
{
    return simple("BEGIN");
}

bool PlainPostgres::commit()
{
    return simple("COMMIT");
}

void PlainPostgres::rollback()
{
    if (PQtransactionStatus(m_conn) != PQTRANS_IDLE)
        (void)simple("ROLLBACK");
}

namespace {

// Runs a prepared statement; `expected` is PGRES_TUPLES_OK for queries.
ResultPtr run(PGconn *connection, const char *name, const Params &params, ExecStatusType expected, const char *doing,
              std::string *error)
{
    ResultPtr result(PQexecPrepared(connection, name, params.count(), params.values(), nullptr, nullptr, 0));
    if (PQresultStatus(result.get()) != expected) {
        *error = std::string(doing) + ": " + PQerrorMessage(connection);
        return nullptr;
    }
    return result;
}

} // namespace

bool PlainPostgres::readHead(const std::string &ownerId, std::int64_t *seq)
{
    Params params;
    params.text(ownerId);
    auto result = run(m_conn, "read_head", params, PGRES_TUPLES_OK, "reading the log head", &m_error);
    if (!result)
        return false;
    if (PQntuples(result.get()) != 1) {
        m_error = "no such user";
        return false;
    }
    *seq = integer(result.get(), 0);
    return true;
}

bool PlainPostgres::operationExists(const std::string &ownerId, const std::string &opId, bool *exists)
{
    Params params;
    params.text(ownerId);
    params.text(opId);
    auto result = run(m_conn, "find_operation", params, PGRES_TUPLES_OK, "looking up the operation", &m_error);
    if (!result)
        return false;
    *exists = PQntuples(result.get()) > 0;
    return true;
}

bool PlainPostgres::readTask(const std::string &id, TaskRow *row, bool *found)
{
    Params params;
    params.text(id);
    auto result = run(m_conn, "read_task", params, PGRES_TUPLES_OK, "reading the task", &m_error);
    if (!result)
        return false;
    const PGresult *r = result.get();
    *found = PQntuples(r) == 1;
    if (!*found)
        return true;
    row->id = text(r, 0);
    row->ownerId = text(r, 1);
    row->title = text(r, 2);
    row->description = text(r, 3);
    row->status = text(r, 4);
    row->priority = int(integer(r, 5));
    row->due = optionalText(r, 6);
    row->dueDate = optionalText(r, 7);
    row->dueAt = optionalInteger(r, 8);
    row->dueSort = optionalInteger(r, 9);
    row->tagsJson = text(r, 10);
    row->createdAt = integer(r, 11);
    row->updatedAt = integer(r, 12);
    row->completedAt = optionalInteger(r, 13);
    row->deletedAt = optionalInteger(r, 14);
    row->revision = integer(r, 15);
    return true;
}

bool PlainPostgres::upsertTask(const TaskRow &row, const std::string &titleKey, const std::string &searchText)
{
    Params params;
    params.text(row.id);
    params.text(row.ownerId);
    params.text(row.title);
    params.text(row.description);
    params.text(row.status);
    params.integer(row.priority);
    params.text(row.due);
    params.text(row.dueDate);
    params.integer(row.dueAt);
    params.integer(row.dueSort);
    params.text(row.tagsJson);
    params.text(titleKey);
    params.text(searchText);
    params.integer(row.createdAt);
    params.integer(row.updatedAt);
    params.integer(row.completedAt);
    params.integer(row.deletedAt);
    params.integer(row.revision);
    auto result = run(m_conn, "upsert_task", params, PGRES_COMMAND_OK, "writing the task", &m_error);
    if (!result)
        return false;
    if (std::strcmp(PQcmdTuples(result.get()), "1") != 0) {
        m_error = "this task id is already in use";
        return false;
    }
    return true;
}

bool PlainPostgres::clearTags(const std::string &taskId)
{
    Params params;
    params.text(taskId);
    return bool(run(m_conn, "clear_tags", params, PGRES_COMMAND_OK, "clearing the task's tags", &m_error));
}

bool PlainPostgres::insertTag(const std::string &taskId, const std::string &ownerId, const std::string &tagKey)
{
    Params params;
    params.text(taskId);
    params.text(ownerId);
    params.text(tagKey);
    return bool(run(m_conn, "insert_tag", params, PGRES_COMMAND_OK, "writing a tag", &m_error));
}

bool PlainPostgres::appendLog(const std::string &ownerId, std::int64_t seq, const char *kind,
                              const std::string &entityId, const std::string &opId, const std::string &payload,
                              std::int64_t createdAt)
{
    Params params;
    params.text(ownerId);
    params.integer(seq);
    params.text(kind);
    params.text(entityId);
    params.text(opId);
    params.text(payload);
    params.integer(createdAt);
    return bool(run(m_conn, "append_log", params, PGRES_COMMAND_OK, "appending to the change log", &m_error));
}

bool PlainPostgres::moveHead(const std::string &ownerId, std::int64_t seq)
{
    Params params;
    params.integer(seq);
    params.text(ownerId);
    return bool(run(m_conn, "move_head", params, PGRES_COMMAND_OK, "moving the log head", &m_error));
}

bool PlainPostgres::recordOperation(const std::string &ownerId, const std::string &opId, std::int64_t first,
                                    std::int64_t last, std::int64_t createdAt)
{
    Params params;
    params.text(ownerId);
    params.text(opId);
    params.integer(first);
    params.integer(last);
    params.integer(createdAt);
    return bool(run(m_conn, "record_operation", params, PGRES_COMMAND_OK, "recording the operation", &m_error));
}

} // namespace tandem::bench
