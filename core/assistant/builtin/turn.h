#pragma once

#include "assistant/quickadd.h"
#include "builtinengine.h"
#include "filters.h"
#include "frames.h"
#include "message.h"
#include "references.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace tandem::assistant {

// One message through the built-in engine. Its parts live in their own files:
// turn.cpp (the order of attempts, small talk, undo, answers to questions),
// commands.cpp (changes to one task, and several after a yes), queries.cpp
// (lists, counts, questions about a task), create.cpp (new tasks).
class Turn final
{
public:
    Turn(const QString &raw, ConversationState &state, TaskCatalog &catalog, TaskOps &ops, const TurnContext &context);

    EngineReply run();

private:
    using Entry = TaskCatalog::Entry;

    // turn.cpp
    std::optional<EngineReply> clauses();
    std::optional<EngineReply> runClause();
    std::optional<EngineReply> smallTalk() const;
    std::optional<EngineReply> undoRedo();
    QString describeGroup(const StepGroup &group, bool undone) const;
    std::optional<EngineReply> answerPending();
    std::optional<EngineReply> ignoredInstruction() const;
    void remember();
    Now now() const { return m_context.now; }
    Resolver resolver() const { return Resolver(m, m_catalog, m_state); }

    // commands.cpp
    std::optional<EngineReply> command();
    std::optional<QJsonObject> commandArguments(const CommandFrame &frame, const Pattern::Captures &captures) const;
    bool dateSpans(qsizetype first, qsizetype last) const;
    EngineReply unresolved(const Resolution &r) const;
    EngineReply apply(Op op, const QJsonObject &arguments, const Entry *entry);
    EngineReply applyAll(Op op, const QJsonObject &arguments, const QList<QUuid> &ids);
    EngineReply confirmDelete(const Entry *entry);
    EngineReply askWhich(Op op, const QJsonObject &arguments, const QList<const Entry *> &candidates,
                         const QString &said);
    EngineReply askBulk(Op op, const QJsonObject &arguments, const QList<const Entry *> &targets);
    std::optional<EngineReply> bulkDelete();
    std::optional<EngineReply> bulkByFilter();
    std::optional<ListFilter> filterOf(qsizetype first, qsizetype last) const;
    EngineReply askDelete(const QList<const Entry *> &targets, const QString &what);
    EngineReply deleteAll(const QList<QUuid> &ids);

    // statements.cpp
    std::optional<EngineReply> statement();
    const Entry *taskByVerb(const QStringList &verbs, qsizetype first, qsizetype last, Scope scope) const;

    // queries.cpp
    std::optional<EngineReply> query();
    std::optional<EngineReply> taskQuestion();
    // The first `limit` in list order (negative: all, in no order), and how many.
    TaskCatalog::Selection select(const ListFilter &filter, qsizetype limit) const;
    QSet<QString> tagKeys() const;

    // create.cpp
    struct ListPhrase
    {
        qsizetype start = 0; // its words: "to" ... "list"
        qsizetype end = 0;
        QString place; // "shopping" in "to my shopping list": a tag; empty for "my list"
    };
    std::optional<ListPhrase> listPhrase(qsizetype first, qsizetype last) const;
    std::optional<EngineReply> create();
    std::optional<EngineReply> bareTask();
    EngineReply addTasks(qsizetype first, qsizetype last, bool split);

    Message m;
    ConversationState &m_state;
    TaskCatalog &m_catalog;
    TaskOps &m_ops;
    const TurnContext &m_context;
    ParseContext m_parse;
    qsizetype m_stepsBefore = 0;
    bool m_reminder = false; // the addition was asked as a reminder ("remind me ... to ...")
    std::optional<TaskPriority> m_createPriority; // "add an urgent task to ..."
    QString m_createTag; // "add milk to my shopping list"
    std::optional<Due> m_leadingDue; // "tomorrow I need to …"
    // "push X to friday" where no task is X: said when no addition or question fits either.
    std::optional<EngineReply> m_commandMiss;
    // "X is done" where no task is X: said only when nothing else fits.
    std::optional<EngineReply> m_statementMiss;
    bool m_clause = false; // one clause of a longer message: changes to tasks only
};

// The reply to a message that was not understood, and to "help".
EngineReply notUnderstood();
EngineReply failureReply(const QString &doing, const Error &error);
EngineReply notFoundReply(const QString &said);

} // namespace tandem::assistant
