#pragma once

#include "contender.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::bench {

// The plain side: what Store::write does for a task, written by hand on the
// engine's C API with prepared statements kept across iterations. The SQL is
// the store's own, so both sides run the same statements on the same schema.
namespace plainsql {
inline constexpr const char *readHead = "SELECT seq, floor_seq FROM log_heads WHERE owner_id = ?";
inline constexpr const char *findOperation
    = "SELECT first_seq, last_seq FROM operations WHERE owner_id = ? AND op_id = ?";
// The store reads the task's columns and derives the due_* ones from `due`;
// the plain loop reads them back instead.
inline constexpr const char *readTask
    = "SELECT t.id, t.owner_id, t.title, t.description, t.status, t.priority, t.due, t.due_date, t.due_at, "
      "t.due_sort, t.tags, t.created_at, t.updated_at, t.completed_at, t.deleted_at, t.revision "
      "FROM tasks t WHERE t.id = ?";
inline constexpr const char *upsertTask
    = "INSERT INTO tasks (id, owner_id, title, description, status, priority, due, due_date, due_at, "
      "due_sort, tags, title_key, search_text, created_at, updated_at, completed_at, deleted_at, revision) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, "
      "status = excluded.status, priority = excluded.priority, due = excluded.due, "
      "due_date = excluded.due_date, due_at = excluded.due_at, due_sort = excluded.due_sort, "
      "tags = excluded.tags, title_key = excluded.title_key, search_text = excluded.search_text, "
      "updated_at = excluded.updated_at, completed_at = excluded.completed_at, "
      "deleted_at = excluded.deleted_at, revision = excluded.revision "
      "WHERE tasks.owner_id = excluded.owner_id";
inline constexpr const char *clearTags = "DELETE FROM task_tags WHERE task_id = ?";
inline constexpr const char *insertTag = "INSERT INTO task_tags (task_id, owner_id, tag_key) VALUES (?, ?, ?)";
inline constexpr const char *appendLog = "INSERT INTO change_log (owner_id, seq, kind, entity_id, op_id, payload, "
                                         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
inline constexpr const char *moveHead = "UPDATE log_heads SET seq = ? WHERE owner_id = ?";
inline constexpr const char *recordOperation
    = "INSERT INTO operations (owner_id, op_id, first_seq, last_seq, created_at) VALUES (?, ?, ?, ?, ?)";
} // namespace plainsql

// A task row as the plain loop holds it.
struct TaskRow
{
    std::string id;
    std::string ownerId;
    std::string title;
    std::string description;
    std::string status;
    int priority = 0;
    std::optional<std::string> due;
    std::optional<std::string> dueDate;
    std::optional<std::int64_t> dueAt;
    std::optional<std::int64_t> dueSort;
    std::string tagsJson;
    std::vector<std::string> tags;
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;
    std::optional<std::int64_t> completedAt;
    std::optional<std::int64_t> deletedAt;
    std::int64_t revision = 0;
};

// The statements of one write transaction on one engine's C API. Each
// returns false on failure, with the reason in lastError().
class PlainEngine
{
public:
    virtual ~PlainEngine() = default;

    virtual const std::string &lastError() const = 0;
    virtual bool begin() = 0; // takes the write lock (BEGIN IMMEDIATE / BEGIN)
    virtual bool commit() = 0;
    virtual void rollback() = 0;
    // The owner's head row (FOR UPDATE on PostgreSQL).
    virtual bool readHead(const std::string &ownerId, std::int64_t *seq) = 0;
    virtual bool operationExists(const std::string &ownerId, const std::string &opId, bool *exists) = 0;
    virtual bool readTask(const std::string &id, TaskRow *row, bool *found) = 0;
    virtual bool upsertTask(const TaskRow &row, const std::string &titleKey, const std::string &searchText) = 0;
    virtual bool clearTags(const std::string &taskId) = 0;
    virtual bool insertTag(const std::string &taskId, const std::string &ownerId, const std::string &tagKey) = 0;
    virtual bool appendLog(const std::string &ownerId, std::int64_t seq, const char *kind, const std::string &entityId,
                           const std::string &opId, const std::string &payload, std::int64_t createdAt)
        = 0;
    virtual bool moveHead(const std::string &ownerId, std::int64_t seq) = 0;
    virtual bool recordOperation(const std::string &ownerId, const std::string &opId, std::int64_t first,
                                 std::int64_t last, std::int64_t createdAt)
        = 0;
};

// The plain loop: Store::write's steps for an update and for an import.
class PlainContender final : public Contender
{
public:
    PlainContender(std::unique_ptr<PlainEngine> engine, std::string ownerId);

    bool edit(const EditInput &input, QString *error) override;
    bool import(const ImportBatch &batch, QString *error) override;

private:
    bool editInTransaction(const EditInput &input, std::string *why);
    bool importInTransaction(const ImportBatch &batch, std::string *why);
    bool persist(const TaskRow &row);
    bool finish(bool ok, const std::string &why, QString *error);
    std::string nextUuid();

    std::unique_ptr<PlainEngine> m_engine;
    std::string m_ownerId;
    std::mt19937_64 m_random;
};

// What a database holds after the runs, read with the C API: proof that both
// sides did the same work.
struct DatabaseSummary
{
    std::int64_t tasks = 0;
    std::int64_t taskTags = 0;
    std::int64_t changes = 0;
    std::int64_t operations = 0;
    std::int64_t head = 0;
    std::string lastPayload; // of the newest change-log row
};

inline constexpr const char *summarySql
    = "SELECT (SELECT COUNT(*) FROM tasks), (SELECT COUNT(*) FROM task_tags), (SELECT COUNT(*) FROM change_log), "
      "(SELECT COUNT(*) FROM operations), (SELECT MAX(seq) FROM log_heads), "
      "(SELECT payload FROM change_log ORDER BY seq DESC LIMIT 1)";

// Helpers shared by the plain engines.

// Milliseconds since the Unix epoch, now.
std::int64_t nowMsecs();
// Lower case; the benchmark's text is ASCII, where this is Unicode case folding.
std::string foldAscii(std::string_view text);
// `text` in SQL placeholders ? rewritten as $1, $2, ... (libpq).
std::string numberedPlaceholders(std::string_view sql);
// A JSON array of strings as the store writes it: ["a","b"].
std::string tagsJson(const std::vector<std::string> &tags);
// Reads such an array back; nullopt when it is not one.
std::optional<std::vector<std::string>> parseTags(std::string_view json);
// The task as taskToJson() + QJsonDocument::Compact write it (keys sorted).
std::string taskPayload(const TaskRow &row);

} // namespace tandem::bench
