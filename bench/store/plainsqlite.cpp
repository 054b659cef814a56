#include "plainsqlite.h"

#include <sqlite3.h>

#include <array>

namespace tandem::bench {

namespace {

// Resets a statement when the step that used it is done.
class Reset final
{
public:
    explicit Reset(sqlite3_stmt *statement)
        : m_statement(statement)
    { }
    ~Reset() { sqlite3_reset(m_statement); }
    Reset(const Reset &) = delete;
    Reset &operator=(const Reset &) = delete;

private:
    sqlite3_stmt *m_statement;
};

// The bound text must outlive the step (SQLITE_STATIC); every caller steps
// and resets before its arguments go away.
void bindText(sqlite3_stmt *statement, int index, const std::string &text)
{
    sqlite3_bind_text(statement, index, text.data(), int(text.size()), nullptr);
}

void bindText(sqlite3_stmt *statement, int index, const std::optional<std::string> &text)
{
    if (text)
        bindText(statement, index, *text);
    else
        sqlite3_bind_null(statement, index);
}

void bindInteger(sqlite3_stmt *statement, int index, std::int64_t value)
{
    sqlite3_bind_int64(statement, index, value);
}

void bindInteger(sqlite3_stmt *statement, int index, const std::optional<std::int64_t> &value)
{
    if (value)
        bindInteger(statement, index, *value);
    else
        sqlite3_bind_null(statement, index);
}

std::string columnText(sqlite3_stmt *statement, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return text ? std::string(text, std::size_t(sqlite3_column_bytes(statement, column))) : std::string();
}

std::optional<std::string> optionalText(sqlite3_stmt *statement, int column)
{
    if (sqlite3_column_type(statement, column) == SQLITE_NULL)
        return std::nullopt;
    return columnText(statement, column);
}

std::optional<std::int64_t> optionalInteger(sqlite3_stmt *statement, int column)
{
    if (sqlite3_column_type(statement, column) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_int64(statement, column);
}

} // namespace

std::unique_ptr<PlainSqlite> PlainSqlite::open(const std::string &path, std::string *error)
{
    std::unique_ptr<PlainSqlite> plain(new PlainSqlite);
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &plain->m_db, flags, nullptr) != SQLITE_OK) {
        *error = "cannot open " + path + ": " + sqlite3_errmsg(plain->m_db);
        return nullptr;
    }
    sqlite3_busy_timeout(plain->m_db, 5000);
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
        if (sqlite3_exec(plain->m_db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) {
            *error = std::string(pragma) + ": " + sqlite3_errmsg(plain->m_db);
            return nullptr;
        }
    }
    const std::array<std::pair<sqlite3_stmt **, const char *>, 12> statements{{
        {&plain->m_begin, "BEGIN IMMEDIATE"},
        {&plain->m_commit, "COMMIT"},
        {&plain->m_rollback, "ROLLBACK"},
        {&plain->m_readHead, plainsql::readHead},
        {&plain->m_findOperation, plainsql::findOperation},
        {&plain->m_readTask, plainsql::readTask},
        {&plain->m_upsertTask, plainsql::upsertTask},
        {&plain->m_clearTags, plainsql::clearTags},
        {&plain->m_insertTag, plainsql::insertTag},
        {&plain->m_appendLog, plainsql::appendLog},
        {&plain->m_moveHead, plainsql::moveHead},
        {&plain->m_recordOperation, plainsql::recordOperation},
    }};
    for (const auto &[statement, sql] : statements) {
        if (!plain->prepare(statement, sql)) {
            *error = plain->m_error;
            return nullptr;
        }
    }
    return plain;
}

PlainSqlite::~PlainSqlite()
{
    for (sqlite3_stmt *statement : {m_begin, m_commit, m_rollback, m_readHead, m_findOperation, m_readTask,
                                    m_upsertTask, m_clearTags, m_insertTag, m_appendLog, m_moveHead, m_recordOperation})
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

bool PlainSqlite::summarize(const std::string &path, DatabaseSummary *summary, std::string *error)
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *statement = nullptr;
    bool ok = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK
        && sqlite3_prepare_v2(db, summarySql, -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW;
    if (ok) {
        summary->tasks = sqlite3_column_int64(statement, 0);
        summary->taskTags = sqlite3_column_int64(statement, 1);
        summary->changes = sqlite3_column_int64(statement, 2);
        summary->operations = sqlite3_column_int64(statement, 3);
        summary->head = sqlite3_column_int64(statement, 4);
        summary->lastPayload = columnText(statement, 5);
    } else {
        *error = "cannot read " + path + ": " + sqlite3_errmsg(db);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return ok;
}

bool PlainSqlite::prepare(sqlite3_stmt **statement, const char *sql)
{
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr) == SQLITE_OK)
        return true;
    return fail("preparing a statement");
}

bool PlainSqlite::fail(const char *doing)
{
    m_error = std::string(doing) + ": " + sqlite3_errmsg(m_db);
    return false;
}

bool PlainSqlite::run(sqlite3_stmt *statement, const char *doing)
{
    const Reset reset(statement);
    if (sqlite3_step(statement) != SQLITE_DONE)
        return fail(doing);
    return true;
}

bool PlainSqlite::begin()
{
    return run(m_begin, "BEGIN IMMEDIATE");
}

bool PlainSqlite::commit()
{
    return run(m_commit, "COMMIT");
}

void PlainSqlite::rollback()
{
    if (!sqlite3_get_autocommit(m_db))
        (void)run(m_rollback, "ROLLBACK");
}

bool PlainSqlite::readHead(const std::string &ownerId, std::int64_t *seq)
{
    const Reset reset(m_readHead);
    bindText(m_readHead, 1, ownerId);
    if (sqlite3_step(m_readHead) != SQLITE_ROW)
        return fail("reading the log head");
    *seq = sqlite3_column_int64(m_readHead, 0);
    return true;
}

bool PlainSqlite::operationExists(const std::string &ownerId, const std::string &opId, bool *exists)
{
    const Reset reset(m_findOperation);
    bindText(m_findOperation, 1, ownerId);
    bindText(m_findOperation, 2, opId);
    const int step = sqlite3_step(m_findOperation);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return fail("looking up the operation");
    *exists = step == SQLITE_ROW;
    return true;
}

bool PlainSqlite::readTask(const std::string &id, TaskRow *row, bool *found)
{
    sqlite3_stmt *s = m_readTask;
    const Reset reset(s);
    bindText(s, 1, id);
    const int step = sqlite3_step(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return fail("reading the task");
    *found = step == SQLITE_ROW;
    if (!*found)
        return true;
    row->id = columnText(s, 0);
    row->ownerId = columnText(s, 1);
    row->title = columnText(s, 2);
    row->description = columnText(s, 3);
    row->status = columnText(s, 4);
    row->priority = sqlite3_column_int(s, 5);
    row->due = optionalText(s, 6);
    row->dueDate = optionalText(s, 7);
    row->dueAt = optionalInteger(s, 8);
    row->dueSort = optionalInteger(s, 9);
    row->tagsJson = columnText(s, 10);
    row->createdAt = sqlite3_column_int64(s, 11);
    row->updatedAt = sqlite3_column_int64(s, 12);
    row->completedAt = optionalInteger(s, 13);
    row->deletedAt = optionalInteger(s, 14);
    row->revision = sqlite3_column_int64(s, 15);
    return true;
}

bool PlainSqlite::upsertTask(const TaskRow &row, const std::string &titleKey, const std::string &searchText)
{
    sqlite3_stmt *s = m_upsertTask;
    bindText(s, 1, row.id);
    bindText(s, 2, row.ownerId);
    bindText(s, 3, row.title);
    bindText(s, 4, row.description);
    bindText(s, 5, row.status);
    bindInteger(s, 6, row.priority);
    bindText(s, 7, row.due);
    bindText(s, 8, row.dueDate);
    bindInteger(s, 9, row.dueAt);
    bindInteger(s, 10, row.dueSort);
    bindText(s, 11, row.tagsJson);
    bindText(s, 12, titleKey);
    bindText(s, 13, searchText);
    bindInteger(s, 14, row.createdAt);
    bindInteger(s, 15, row.updatedAt);
    bindInteger(s, 16, row.completedAt);
    bindInteger(s, 17, row.deletedAt);
    bindInteger(s, 18, row.revision);
    if (!run(s, "writing the task"))
        return false;
    if (sqlite3_changes(m_db) != 1) {
        m_error = "this task id is already in use";
        return false;
    }
    return true;
}

bool PlainSqlite::clearTags(const std::string &taskId)
{
    bindText(m_clearTags, 1, taskId);
    return run(m_clearTags, "clearing the task's tags");
}

bool PlainSqlite::insertTag(const std::string &taskId, const std::string &ownerId, const std::string &tagKey)
{
    bindText(m_insertTag, 1, taskId);
    bindText(m_insertTag, 2, ownerId);
    bindText(m_insertTag, 3, tagKey);
    return run(m_insertTag, "writing a tag");
}

bool PlainSqlite::appendLog(const std::string &ownerId, std::int64_t seq, const char *kind, const std::string &entityId,
                            const std::string &opId, const std::string &payload, std::int64_t createdAt)
{
    sqlite3_stmt *s = m_appendLog;
    bindText(s, 1, ownerId);
    bindInteger(s, 2, seq);
    sqlite3_bind_text(s, 3, kind, -1, nullptr);
    bindText(s, 4, entityId);
    bindText(s, 5, opId);
    bindText(s, 6, payload);
    bindInteger(s, 7, createdAt);
    return run(s, "appending to the change log");
}

bool PlainSqlite::moveHead(const std::string &ownerId, std::int64_t seq)
{
    bindInteger(m_moveHead, 1, seq);
    bindText(m_moveHead, 2, ownerId);
    return run(m_moveHead, "moving the log head");
}

bool PlainSqlite::recordOperation(const std::string &ownerId, const std::string &opId, std::int64_t first,
                                  std::int64_t last, std::int64_t createdAt)
{
    sqlite3_stmt *s = m_recordOperation;
    bindText(s, 1, ownerId);
    bindText(s, 2, opId);
    bindInteger(s, 3, first);
    bindInteger(s, 4, last);
    bindInteger(s, 5, createdAt);
    return run(s, "recording the operation");
}

} // namespace tandem::bench
