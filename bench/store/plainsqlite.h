#pragma once

#include "plainwork.h"

#include <memory>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace tandem::bench {

// The plain loop's statements on sqlite3, with the store's pragmas
// (journal_mode=WAL, synchronous=FULL, foreign_keys=ON).
class PlainSqlite final : public PlainEngine
{
public:
    static std::unique_ptr<PlainSqlite> open(const std::string &path, std::string *error);
    ~PlainSqlite() override;
    PlainSqlite(const PlainSqlite &) = delete;
    PlainSqlite &operator=(const PlainSqlite &) = delete;

    static bool summarize(const std::string &path, DatabaseSummary *summary, std::string *error);

    const std::string &lastError() const override { return m_error; }
    bool begin() override;
    bool commit() override;
    void rollback() override;
    bool readHead(const std::string &ownerId, std::int64_t *seq) override;
    bool operationExists(const std::string &ownerId, const std::string &opId, bool *exists) override;
    bool readTask(const std::string &id, TaskRow *row, bool *found) override;
    bool upsertTask(const TaskRow &row, const std::string &titleKey, const std::string &searchText) override;
    bool clearTags(const std::string &taskId) override;
    bool insertTag(const std::string &taskId, const std::string &ownerId, const std::string &tagKey) override;
    bool appendLog(const std::string &ownerId, std::int64_t seq, const char *kind, const std::string &entityId,
                   const std::string &opId, const std::string &payload, std::int64_t createdAt) override;
    bool moveHead(const std::string &ownerId, std::int64_t seq) override;
    bool recordOperation(const std::string &ownerId, const std::string &opId, std::int64_t first, std::int64_t last,
                         std::int64_t createdAt) override;

private:
    PlainSqlite() = default;
    bool prepare(sqlite3_stmt **statement, const char *sql);
    bool fail(const char *doing);
    // Steps a statement that returns no rows, then resets it.
    bool run(sqlite3_stmt *statement, const char *doing);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_begin = nullptr;
    sqlite3_stmt *m_commit = nullptr;
    sqlite3_stmt *m_rollback = nullptr;
    sqlite3_stmt *m_readHead = nullptr;
    sqlite3_stmt *m_findOperation = nullptr;
    sqlite3_stmt *m_readTask = nullptr;
    sqlite3_stmt *m_upsertTask = nullptr;
    sqlite3_stmt *m_clearTags = nullptr;
    sqlite3_stmt *m_insertTag = nullptr;
    sqlite3_stmt *m_appendLog = nullptr;
    sqlite3_stmt *m_moveHead = nullptr;
    sqlite3_stmt *m_recordOperation = nullptr;
    std::string m_error;
};

} // namespace tandem::bench
