#include "workload.h"

#include "domain/isotime.h"
#include "domain/json.h"

#include <QTimeZone>

namespace tandem::bench {

namespace {

// Every third task has no due date, every third a date, every third a date-time.
Due dueFor(int index)
{
    switch (index % 3) {
    case 1:
        return Due::onDate(QDate(2026, 12, 1 + index % 28));
    case 2:
        return Due::at(QDateTime(QDate(2026, 12, 1 + index % 28), QTime(9, 30), QTimeZone(3600)));
    default:
        return {};
    }
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

PlainDraft plainDraft(const TaskDraft &draft)
{
    PlainDraft plain;
    plain.title = utf8(draft.title);
    plain.description = utf8(draft.description);
    plain.priority = int(draft.priority);
    if (!draft.due.isNone()) {
        plain.due = utf8(draft.due.toIsoString());
        plain.dueSort = *draft.due.sortKey();
        if (draft.due.hasTime())
            plain.dueAt = draft.due.dateTime().toMSecsSinceEpoch();
        else
            plain.dueDate = utf8(formatIsoDate(draft.due.date()));
    }
    for (const QString &tag : draft.tags)
        plain.tags.push_back(utf8(tag));
    return plain;
}

} // namespace

Workload makeWorkload(const WorkloadSize &size)
{
    Workload work;
    work.ownerId = QUuid::createUuid();
    work.ownerIdText = utf8(uuidText(work.ownerId));

    work.seed.reserve(size.seedTasks);
    for (int i = 0; i < size.seedTasks; ++i) {
        TaskDraft draft;
        draft.id = QUuid::createUuid();
        draft.title = QStringLiteral("Seed task %1").arg(i);
        draft.description
            = QStringLiteral("A task the benchmark edits over and over.\nSecond line of the description.");
        draft.priority = TaskPriority(i % 5);
        draft.due = dueFor(i);
        draft.tags = {QStringLiteral("Work"), QStringLiteral("bench-%1").arg(i % 7)};
        work.seed.append(draft);
    }

    work.edits.reserve(size.edits);
    for (int i = 0; i < size.edits && size.seedTasks > 0; ++i) {
        EditInput edit;
        edit.taskId = *work.seed.at(i % size.seedTasks).id;
        edit.taskIdText = utf8(uuidText(edit.taskId));
        edit.title = QStringLiteral("Edited task %1, pass %2").arg(i % size.seedTasks).arg(i / size.seedTasks);
        edit.titleUtf8 = utf8(edit.title);
        edit.priority = TaskPriority((i + 1) % 5);
        work.edits.push_back(std::move(edit));
    }

    work.imports.resize(size.importBatches);
    for (int b = 0; b < size.importBatches; ++b) {
        ImportBatch &batch = work.imports[b];
        batch.drafts.reserve(size.importRows);
        batch.plain.reserve(size.importRows);
        for (int i = 0; i < size.importRows; ++i) {
            TaskDraft draft;
            draft.title = QStringLiteral("Imported task %1 of batch %2").arg(i).arg(b);
            draft.description = QStringLiteral("Row %1 of the benchmark import").arg(i);
            draft.priority = TaskPriority(i % 5);
            draft.due = dueFor(i);
            draft.tags = {QStringLiteral("import"), QStringLiteral("batch-%1").arg(b)};
            batch.plain.push_back(plainDraft(draft));
            batch.drafts.append(std::move(draft));
        }
    }
    return work;
}

} // namespace tandem::bench
