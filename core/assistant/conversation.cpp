#include "conversation.h"

#include "domain/json.h"

#include <QJsonArray>

namespace tandem::assistant {

namespace {

QString stepKindName(Step::Kind kind)
{
    switch (kind) {
    case Step::Kind::Create:
        return QStringLiteral("create");
    case Step::Kind::Delete:
        return QStringLiteral("delete");
    case Step::Kind::Restore:
        return QStringLiteral("restore");
    case Step::Kind::Update:
        return QStringLiteral("update");
    }
    return QStringLiteral("update");
}

QJsonArray idsToJson(const QList<QUuid> &ids)
{
    QJsonArray array;
    for (const QUuid &id : ids)
        array.append(uuidText(id));
    return array;
}

QList<QUuid> idsFromJson(const QJsonValue &value)
{
    QList<QUuid> ids;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (const auto id = uuidFromText(item.toString()))
            ids.append(*id);
    }
    return ids;
}

QJsonArray groupsToJson(const QList<StepGroup> &groups)
{
    QJsonArray array;
    for (const StepGroup &group : groups) {
        QJsonArray steps;
        for (const Step &step : group)
            steps.append(step.toJson());
        array.append(steps);
    }
    return array;
}

QList<StepGroup> groupsFromJson(const QJsonValue &value)
{
    QList<StepGroup> groups;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        StepGroup group;
        const QJsonArray steps = item.toArray();
        for (const QJsonValue &step : steps) {
            if (const auto parsed = Step::fromJson(step.toObject()))
                group.append(*parsed);
        }
        if (!group.isEmpty())
            groups.append(group);
    }
    return groups;
}

} // namespace

QJsonObject Step::toJson() const
{
    QJsonObject json{{QStringLiteral("kind"), stepKindName(kind)},
                     {QStringLiteral("taskId"), uuidText(taskId)},
                     {QStringLiteral("title"), title}};
    if (kind == Kind::Update) {
        json.insert(QStringLiteral("before"), before);
        json.insert(QStringLiteral("after"), after);
    }
    return json;
}

std::optional<Step> Step::fromJson(const QJsonObject &json)
{
    const auto taskId = uuidFromText(json.value(QStringLiteral("taskId")).toString());
    if (!taskId)
        return std::nullopt;
    const QString kind = json.value(QStringLiteral("kind")).toString();
    Step step;
    step.taskId = *taskId;
    if (kind == u"create")
        step.kind = Kind::Create;
    else if (kind == u"delete")
        step.kind = Kind::Delete;
    else if (kind == u"restore")
        step.kind = Kind::Restore;
    else if (kind == u"update")
        step.kind = Kind::Update;
    else
        return std::nullopt;
    step.title = json.value(QStringLiteral("title")).toString();
    step.before = json.value(QStringLiteral("before")).toObject();
    step.after = json.value(QStringLiteral("after")).toObject();
    return step;
}

QJsonObject ConversationState::toJson() const
{
    QJsonObject json{{QStringLiteral("version"), 1},
                     {QStringLiteral("lastList"), idsToJson(lastList)},
                     {QStringLiteral("undo"), groupsToJson(undo)},
                     {QStringLiteral("redo"), groupsToJson(redo)}};
    if (!lastTask.isNull())
        json.insert(QStringLiteral("lastTask"), uuidText(lastTask));
    if (pending.isPending()) {
        json.insert(QStringLiteral("pending"),
                    QJsonObject{{QStringLiteral("question"),
                                 pending.question == PendingAction::Question::WhichTask ? QStringLiteral("which")
                                                                                        : QStringLiteral("confirm")},
                                {QStringLiteral("operation"), pending.operation},
                                {QStringLiteral("arguments"), pending.arguments},
                                {QStringLiteral("candidates"), idsToJson(pending.candidates)}});
    }
    return json;
}

ConversationState ConversationState::fromJson(const QJsonObject &json)
{
    ConversationState state;
    if (json.value(QStringLiteral("version")).toInt() != 1)
        return state;
    state.lastList = idsFromJson(json.value(QStringLiteral("lastList"))).mid(0, MaxListed);
    if (const auto id = uuidFromText(json.value(QStringLiteral("lastTask")).toString()))
        state.lastTask = *id;
    state.undo = groupsFromJson(json.value(QStringLiteral("undo"))).mid(0, MaxUndo);
    state.redo = groupsFromJson(json.value(QStringLiteral("redo"))).mid(0, MaxUndo);
    const QJsonObject pending = json.value(QStringLiteral("pending")).toObject();
    const QString question = pending.value(QStringLiteral("question")).toString();
    if (question == u"which" || question == u"confirm") {
        state.pending.question
            = question == u"which" ? PendingAction::Question::WhichTask : PendingAction::Question::ConfirmBulk;
        state.pending.operation = pending.value(QStringLiteral("operation")).toString();
        state.pending.arguments = pending.value(QStringLiteral("arguments")).toObject();
        state.pending.candidates = idsFromJson(pending.value(QStringLiteral("candidates")));
        if (state.pending.operation.isEmpty() || state.pending.candidates.isEmpty())
            state.pending = {};
    }
    return state;
}

void ConversationState::pushUndo(const StepGroup &group)
{
    if (group.isEmpty())
        return;
    undo.append(group);
    while (undo.size() > MaxUndo)
        undo.removeFirst();
    redo.clear();
}

} // namespace tandem::assistant
