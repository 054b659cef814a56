#pragma once

#include "domain/task.h"

#include <QList>
#include <QUuid>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tandem::bench {

// One single-task edit (a new title and priority), in the service's terms and
// in the plain loop's, so both sides do exactly the same edit.
struct EditInput
{
    QUuid taskId;
    std::string taskIdText;
    QString title;
    std::string titleUtf8;
    TaskPriority priority = TaskPriority::None;
};

// An import row for the plain loop, already parsed as TaskDraft is for the
// service: the due date comes with the columns the store derives from it.
struct PlainDraft
{
    std::string title;
    std::string description;
    int priority = 0;
    std::optional<std::string> due;
    std::optional<std::string> dueDate;
    std::optional<std::int64_t> dueAt;
    std::optional<std::int64_t> dueSort;
    std::vector<std::string> tags;
};

struct ImportBatch
{
    QList<TaskDraft> drafts;
    std::vector<PlainDraft> plain;
};

struct WorkloadSize
{
    int seedTasks = 500;
    int edits = 0; // per side, warm-up included
    int importRows = 10'000;
    int importBatches = 0; // per side, warm-up included
};

// The work both contenders do, generated once before anything is timed.
struct Workload
{
    QUuid ownerId;
    std::string ownerIdText;
    QList<TaskDraft> seed; // with fixed ids, so both databases start identical
    std::vector<EditInput> edits;
    std::vector<ImportBatch> imports;
};

Workload makeWorkload(const WorkloadSize &size);

} // namespace tandem::bench
