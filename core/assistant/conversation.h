#pragma once

#include "domain/chat.h"
#include "domain/task.h"

#include <QJsonObject>
#include <QList>
#include <QUuid>

#include <optional>

namespace tandem::assistant {

// One change the assistant made, with what it takes to reverse and redo it.
struct Step
{
    enum class Kind { Create, Delete, Restore, Update };
    Kind kind = Kind::Update;
    QUuid taskId;
    QString title; // the task's title when the step was made, for replies
    QJsonObject before; // Update: the fields it changed, as they were (a task patch as JSON)
    QJsonObject after; // Update: the same fields as they became

    QJsonObject toJson() const;
    static std::optional<Step> fromJson(const QJsonObject &json);
};

// Everything one assistant message did, undone and redone as one.
using StepGroup = QList<Step>;

// What the assistant intends to do once a question is answered.
struct PendingAction
{
    enum class Question { None, WhichTask, ConfirmBulk };
    Question question = Question::None;
    QString operation; // "complete", "delete", "rename", ... (the engine's verbs)
    QJsonObject arguments; // the operation's arguments (a patch, a new title, ...)
    QList<QUuid> candidates; // WhichTask: numbered 1..n as asked; ConfirmBulk: the tasks it would touch

    bool isPending() const { return question != Question::None; }
};

// The assistant's memory of one conversation, stored with it so it survives
// a restart. Bounded: lists and undo history are capped.
struct ConversationState
{
    static constexpr int MaxUndo = 20;
    static constexpr int MaxListed = 200;

    QList<QUuid> lastList; // the tasks of the last list shown, numbered from 1
    QUuid lastTask; // what "it" and "that one" mean
    PendingAction pending;
    QList<StepGroup> undo; // most recent last
    QList<StepGroup> redo;

    QJsonObject toJson() const;
    // A state written by another version or damaged comes back as a fresh one:
    // losing the memory of a chat is better than refusing to answer.
    static ConversationState fromJson(const QJsonObject &json);

    void pushUndo(const StepGroup &group); // clears redo
};

} // namespace tandem::assistant
