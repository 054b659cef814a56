#include "taskactions.h"

#include "assistant/taskops.h"
#include "common/backgroundrunner.h"
#include "dashboard/taskundocommand.h"
#include "services/taskservice.h"

#include <QLocale>
#include <QTimeZone>
#include <QUndoStack>

namespace tandem {

namespace {

TaskUndoStep::Apply applyPatch(const QUuid &taskId, const TaskPatch &patch)
{
    return [taskId, patch](TaskService &service, const QUuid &owner, qint64 revision) {
        return service.update(owner, taskId, patch, revision);
    };
}

TaskUndoStep::Apply applyRestore(const QUuid &taskId)
{
    return [taskId](TaskService &service, const QUuid &owner, qint64) {
        return service.restore(owner, taskId);
    };
}

TaskUndoStep::Apply applyRemove(const QUuid &taskId)
{
    return [taskId](TaskService &service, const QUuid &owner, qint64 revision) {
        return service.remove(owner, taskId, revision);
    };
}

} // namespace

TaskActions::TaskActions(TaskService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_runner(runner)
    , m_ownerId(ownerId)
    , m_undoStack(new QUndoStack(this))
    , m_written(std::make_shared<QHash<QUuid, qint64>>())
{
    connect(&m_service, &TaskService::changed, this, [this](const Change &change) {
        if (const Task *task = change.task(); task && change.ownerId == m_ownerId)
            Q_EMIT taskCommitted(*task);
    });
}

void TaskActions::create(const QString &text)
{
    const auto parsed = assistant::taskDraftFromQuickAdd(parseQuickAdd(text));
    if (!parsed) {
        Q_EMIT failed(tr("Could not add the task: %1").arg(parsed.error().toString()));
        return;
    }
    const TaskDraft draft = parsed.value();
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    auto written = m_written;
    m_runner.run(
        this,
        [service, owner, draft, written] {
            auto result = service->create(owner, draft);
            if (result)
                written->insert(result->task()->id, result->task()->revision);
            return result;
        },
        [this](const Result<Change> &result) {
            if (!result) {
                Q_EMIT failed(tr("Could not add the task: %1").arg(result.error().toString()));
                return;
            }
            const Task &task = *result->task();
            push(tr("Add “%1”").arg(task.title), {{task.id, task.title, applyRemove(task.id), applyRestore(task.id)}});
        });
}

assistant::QuickAdd parseQuickAdd(const QString &text)
{
    assistant::ParseContext context;
    context.now = QDateTime::currentDateTime();
    context.timeZone = QTimeZone::systemTimeZone();
    context.locale = assistant::userLocale();
    return assistant::QuickAddParser::parse(text, context);
}

void TaskActions::setStatus(const QUuid &taskId, TaskStatus status, qint64 revision)
{
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    runEdit(
        taskId, revision,
        [service, owner, taskId, status, revision] { return service->setStatus(owner, taskId, status, revision); },
        [this, taskId, status](const Task &before, const Task &after) {
            TaskPatch forward;
            forward.status = status;
            const QString text = status == TaskStatus::Completed ? tr("Complete “%1”")
                : before.status == TaskStatus::Completed         ? tr("Reopen “%1”")
                                                                 : tr("Change the status of “%1”");
            push(text.arg(after.title),
                 {{taskId, after.title, applyPatch(taskId, assistant::patchOfCurrent(before, forward)),
                   applyPatch(taskId, forward)}});
            if (status == TaskStatus::Completed)
                Q_EMIT completed(after.title);
        });
}

QString TaskActions::titleRequiredMessage()
{
    return tr("A task needs a title; the old title was kept.");
}

bool TaskActions::update(const QUuid &taskId, const TaskPatch &patch, qint64 revision)
{
    if (patch.title && patch.title->trimmed().isEmpty()) {
        Q_EMIT failed(titleRequiredMessage());
        return false;
    }
    if (patch.isEmpty())
        return false;
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    runEdit(
        taskId, revision,
        [service, owner, taskId, patch, revision] { return service->update(owner, taskId, patch, revision); },
        [this, taskId, patch](const Task &before, const Task &) {
            const bool rename
                = patch.title && !patch.description && !patch.status && !patch.priority && !patch.due && !patch.tags;
            const QString text = rename ? tr("Rename “%1”") : tr("Edit “%1”");
            push(text.arg(before.title),
                 {{taskId, before.title, applyPatch(taskId, assistant::patchOfCurrent(before, patch)),
                   applyPatch(taskId, patch)}});
        });
    return true;
}

void TaskActions::runEdit(const QUuid &taskId, qint64 revision, std::function<Result<Change>()> edit, Describe onDone)
{
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    struct Outcome
    {
        Result<Change> result;
        std::optional<Task> before; // for the undo stack
        std::optional<Task> current; // on a conflict
    };
    auto written = m_written;
    m_runner.run(
        this,
        [service, owner, taskId, written, edit = std::move(edit)] {
            auto before = service->get(owner, taskId);
            Outcome outcome{edit(), std::nullopt, std::nullopt};
            if (before)
                outcome.before = before.value();
            if (outcome.result) {
                written->insert(taskId, outcome.result->task()->revision);
            } else if (outcome.result.error().code == ErrorCode::Conflict) {
                if (auto current = service->get(owner, taskId))
                    outcome.current = current.value();
            }
            return outcome;
        },
        [this, taskId, revision, onDone = std::move(onDone)](const Outcome &outcome) {
            if (outcome.result) {
                if (const Task *task = outcome.result->task()) {
                    if (outcome.before)
                        onDone(*outcome.before, *task);
                    Q_EMIT updated(*task);
                    Q_EMIT saved();
                }
                return;
            }
            const Error &error = outcome.result.error();
            if (error.code == ErrorCode::NotFound) {
                Q_EMIT vanished(taskId);
                return;
            }
            if (outcome.current && outcome.current->revision != revision) {
                Q_EMIT conflicted(*outcome.current);
                return;
            }
            Q_EMIT failed(tr("Could not change the task: %1").arg(error.toString()));
        });
}

void TaskActions::remove(const QList<QUuid> &taskIds)
{
    if (taskIds.isEmpty())
        return;
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    struct Outcome
    {
        QList<Task> removed;
        QString error;
    };
    auto written = m_written;
    m_runner.run(
        this,
        [service, owner, taskIds, written] {
            Outcome outcome;
            for (const QUuid &id : taskIds) {
                auto result = service->remove(owner, id);
                if (!result) {
                    // Already gone elsewhere is fine; anything else is reported.
                    if (result.error().code != ErrorCode::NotFound)
                        outcome.error = result.error().message;
                    continue;
                }
                written->insert(id, result->task()->revision);
                outcome.removed.append(*result->task());
            }
            return outcome;
        },
        [this](const Outcome &outcome) {
            if (!outcome.removed.isEmpty()) {
                QList<TaskUndoStep> steps;
                for (const Task &task : outcome.removed)
                    steps.append({task.id, task.title, applyRestore(task.id), applyRemove(task.id)});
                const int count = int(outcome.removed.size());
                const QString &first = outcome.removed.constFirst().title;
                push(count == 1 ? tr("Delete “%1”").arg(first) : tr("Delete %n tasks", nullptr, count), steps);
                Q_EMIT saved();
                Q_EMIT removed(count, first);
            }
            if (!outcome.error.isEmpty())
                Q_EMIT failed(tr("Could not delete every task: %1").arg(outcome.error));
        });
}

void TaskActions::push(const QString &text, QList<TaskUndoStep> steps)
{
    m_undoStack->push(new TaskUndoCommand(
        text, std::move(steps), [this](const QList<TaskUndoStep> &replayed, bool undo) { replay(replayed, undo); }));
}

void TaskActions::replay(const QList<TaskUndoStep> &steps, bool undo)
{
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    struct Outcome
    {
        std::optional<Error> error;
        QString title; // of the task that refused
    };
    auto written = m_written;
    m_runner.run(
        this,
        [service, owner, steps, undo, written] {
            Outcome outcome;
            for (const TaskUndoStep &step : steps) {
                const auto &apply = undo ? step.undo : step.redo;
                auto result = apply(*service, owner, written->value(step.taskId));
                if (result) {
                    written->insert(step.taskId, result->task()->revision);
                } else if (!outcome.error) {
                    outcome.error = result.error();
                    outcome.title = step.title;
                }
            }
            return outcome;
        },
        [this, undo](const Outcome &outcome) {
            if (!outcome.error) {
                Q_EMIT saved();
                return;
            }
            // The history no longer matches the tasks: clear it rather than
            // let a later undo overwrite what someone else did.
            m_undoStack->clear();
            const ErrorCode code = outcome.error->code;
            if (code == ErrorCode::Conflict) {
                Q_EMIT failed(
                    undo ? tr("Could not undo: “%1” was changed elsewhere; nothing was changed.").arg(outcome.title)
                         : tr("Could not redo: “%1” was changed elsewhere; nothing was changed.").arg(outcome.title));
                return;
            }
            if (code == ErrorCode::NotFound) {
                Q_EMIT failed(undo ? tr("Could not undo: “%1” was deleted elsewhere.").arg(outcome.title)
                                   : tr("Could not redo: “%1” was deleted elsewhere.").arg(outcome.title));
                return;
            }
            Q_EMIT failed(undo ? tr("Could not undo: %1").arg(outcome.error->toString())
                               : tr("Could not redo: %1").arg(outcome.error->toString()));
        });
}

} // namespace tandem
