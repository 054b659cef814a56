#pragma once

#include "plainwork.h"

#include <memory>
#include <string>

struct pg_conn;

namespace tandem::bench {

// The plain loop's statements through libpq (PQprepare / PQexecPrepared),
// taking the head row with SELECT ... FOR UPDATE as the store does.
class PlainPostgres final : public PlainEngine
{
public:
    // `url` is a libpq URL; `database`, when not empty, replaces the database it names.
    static std::unique_ptr<PlainPostgres> open(const std::string &url, const std::string &database, std::string *error);
    ~PlainPostgres() override;
    PlainPostgres(const PlainPostgres &) = delete;
    PlainPostgres &operator=(const PlainPostgres &) = delete;

    // Administration on the server of `url`, each on a short-lived connection.
    static bool execute(const std::string &url, const std::string &database, const std::string &sql,
                        std::string *error);
    // "PostgreSQL 15.4, fsync=on, synchronous_commit=on, wal_sync_method=fdatasync"
    static std::string describeServer(const std::string &url, std::string *error);
    static bool summarize(const std::string &url, const std::string &database, DatabaseSummary *summary,
                          std::string *error);

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
    PlainPostgres() = default;
    bool simple(const char *sql);

    pg_conn *m_conn = nullptr;
    std::string m_error;
};

} // namespace tandem::bench
