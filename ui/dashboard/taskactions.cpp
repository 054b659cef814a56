#include "taskactions.h"

#include "common/backgroundrunner.h"
#include "services/taskservice.h"

#include <QLocale>
#include <QTimeZone>

namespace tandem {

TaskActions::TaskActions(TaskService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_runner(runner)
    , m_ownerId(ownerId)
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
    m_runner.run(
        this, [service, owner, draft] { return service->create(owner, draft); },
        [this](const Result<Change> &result) {
            if (!result)
                Q_EMIT failed(tr("Could not add the task: %1").arg(result.error().toString()));
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
    runEdit(taskId, revision,
            [service, owner, taskId, status, revision] { return service->setStatus(owner, taskId, status, revision); });
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
    runEdit(taskId, revision,
            [service, owner, taskId, patch, revision] { return service->update(owner, taskId, patch, revision); });
    return true;
}

void TaskActions::runEdit(const QUuid &taskId, qint64 revision, std::function<Result<Change>()> edit)
{
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    struct Outcome
    {
        Result<Change> result;
        std::optional<Task> current; // on a conflict
    };
    m_runner.run(
        this,
        [service, owner, taskId, edit = std::move(edit)] {
            Outcome outcome{edit(), std::nullopt};
            if (!outcome.result && outcome.result.error().code == ErrorCode::Conflict) {
                if (auto current = service->get(owner, taskId))
                    outcome.current = current.value();
            }
            return outcome;
        },
        [this, taskId, revision](const Outcome &outcome) {
            if (outcome.result) {
                if (const Task *task = outcome.result->task())
                    Q_EMIT updated(*task);
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
        QList<QUuid> removed;
        QString firstTitle;
        QString error;
    };
    m_runner.run(
        this,
        [service, owner, taskIds] {
            Outcome outcome;
            for (const QUuid &id : taskIds) {
                auto result = service->remove(owner, id);
                if (!result) {
                    // Already gone elsewhere is fine; anything else is reported.
                    if (result.error().code != ErrorCode::NotFound)
                        outcome.error = result.error().message;
                    continue;
                }
                if (outcome.removed.isEmpty())
                    outcome.firstTitle = result->task()->title;
                outcome.removed.append(id);
            }
            return outcome;
        },
        [this](const Outcome &outcome) {
            if (!outcome.removed.isEmpty()) {
                m_lastRemoved = outcome.removed;
                Q_EMIT undoAvailableChanged(true);
                Q_EMIT removed(int(outcome.removed.size()), outcome.firstTitle);
            }
            if (!outcome.error.isEmpty())
                Q_EMIT failed(tr("Could not delete every task: %1").arg(outcome.error));
        });
}

void TaskActions::undoRemove()
{
    const QList<QUuid> ids = std::exchange(m_lastRemoved, {});
    if (ids.isEmpty())
        return;
    Q_EMIT undoAvailableChanged(false);
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this,
        [service, owner, ids] {
            QString error;
            for (const QUuid &id : ids) {
                auto result = service->restore(owner, id);
                if (!result)
                    error = result.error().message;
            }
            return error;
        },
        [this](const QString &error) {
            if (!error.isEmpty())
                Q_EMIT failed(tr("Could not bring back every task: %1").arg(error));
        });
}

} // namespace tandem
