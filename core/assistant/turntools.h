#pragma once

#include "builtin/builtinengine.h"
#include "catalog.h"
#include "conversation.h"
#include "externalengine.h"

#include <QJsonArray>

namespace tandem::assistant {

class TaskCatalog;
class TaskOps;
struct ConversationState;

// The tools a language model may call during one turn, backed by the same
// TaskOps, catalog and conversation state as the built-in engine:
// add_task, list_tasks, update_task, complete_task, reopen_task, delete_task, undo.
class TurnTools final : public ToolHost
{
public:
    TurnTools(TaskOps &ops, TaskCatalog &catalog, ConversationState &state, const TurnContext &context);
    Q_DISABLE_COPY_MOVE(TurnTools)

    QJsonObject call(const QString &name, const QJsonObject &arguments) override;

    // The pending operation under which changes held back for the user's yes
    // are stored; its arguments are {"calls":[{"name","arguments"}...]}.
    static QString deferredOperation() { return QStringLiteral("tool_calls"); }
    // Runs calls the user confirmed (changes to several tasks allowed), and
    // says what they did, one line per call.
    static QStringList runConfirmed(const QJsonArray &calls, TaskOps &ops, TaskCatalog &catalog,
                                    ConversationState &state, const TurnContext &context);

    // The OpenAI "tools" array describing them (JSON Schema for each).
    static QJsonArray definitions();

    // The changes this turn's tools made (undo and redo excluded), to be
    // remembered as one undoable group when the turn ends.
    const StepGroup &group() const { return m_group; }

private:
    QJsonObject addTask(const QJsonObject &arguments);
    QJsonObject listTasks(const QJsonObject &arguments);
    QJsonObject updateTask(const QJsonObject &arguments);
    QJsonObject setStatus(const QJsonObject &arguments, TaskStatus status);
    QJsonObject deleteTasks(const QJsonObject &arguments);
    QJsonObject undo();
    const TaskCatalog::Entry *taskFor(const QJsonObject &arguments, QJsonObject *error) const;
    void keepSteps(qsizetype before);
    // The rule the built-in engine keeps: one existing task may change at once,
    // more need a yes. A call that would take this turn past one task is held
    // back (stored as the conversation's pending question) and its result says so.
    std::optional<QJsonObject> holdIfSeveral(const QString &name, const QJsonObject &arguments,
                                             const QList<QUuid> &targets);

    TaskOps &m_ops;
    TaskCatalog &m_catalog;
    ConversationState &m_state;
    const TurnContext &m_context;
    StepGroup m_group;
    bool m_confirmed = false; // running calls the user said yes to
    QList<QUuid> m_changed; // existing tasks this turn changed
    QJsonArray m_held; // calls waiting for the user's yes
    QList<QUuid> m_heldTargets;
};

} // namespace tandem::assistant
