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
{ }

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

void TaskActions::setStatus(const QUuid &taskId, TaskStatus status)
{
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this, [service, owner, taskId, status] { return service->setStatus(owner, taskId, status); },
        [this](const Result<Change> &result) {
            if (!result)
                Q_EMIT failed(tr("Could not change the task: %1").arg(result.error().message));
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
