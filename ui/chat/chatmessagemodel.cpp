#include "chatmessagemodel.h"

#include "assistant/conversation.h"
#include "chat/chattime.h"
#include "common/backgroundrunner.h"
#include "services/chatservice.h"
#include "services/taskservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace tandem {

namespace {

QString actionLabel(TaskActionKind kind, const QString &title)
{
    if (title.isEmpty()) {
        switch (kind) {
        case TaskActionKind::Created:
            return ChatMessageModel::tr("Added a task");
        case TaskActionKind::Updated:
            return ChatMessageModel::tr("Changed a task");
        case TaskActionKind::Completed:
            return ChatMessageModel::tr("Completed a task");
        case TaskActionKind::Reopened:
            return ChatMessageModel::tr("Reopened a task");
        case TaskActionKind::Deleted:
            return ChatMessageModel::tr("Deleted a task");
        case TaskActionKind::Restored:
            return ChatMessageModel::tr("Restored a task");
        }
        return {};
    }
    switch (kind) {
    case TaskActionKind::Created:
        return ChatMessageModel::tr("Added “%1”").arg(title);
    case TaskActionKind::Updated:
        return ChatMessageModel::tr("Changed “%1”").arg(title);
    case TaskActionKind::Completed:
        return ChatMessageModel::tr("Completed “%1”").arg(title);
    case TaskActionKind::Reopened:
        return ChatMessageModel::tr("Reopened “%1”").arg(title);
    case TaskActionKind::Deleted:
        return ChatMessageModel::tr("Deleted “%1”").arg(title);
    case TaskActionKind::Restored:
        return ChatMessageModel::tr("Restored “%1”").arg(title);
    }
    return {};
}

// The conversation's stored state says the assistant asked for a yes or a no.
bool asksYesNo(const Result<QString> &state)
{
    if (!state || state->isEmpty())
        return false;
    const auto parsed = assistant::ConversationState::fromJson(QJsonDocument::fromJson(state->toUtf8()).object());
    return parsed.pending.question == assistant::PendingAction::Question::ConfirmBulk;
}

} // namespace

ChatMessageModel::ChatMessageModel(ChatService &chats, TaskService &tasks, BackgroundRunner &runner,
                                   const QUuid &ownerId, QObject *parent)
    : QAbstractListModel(parent)
    , m_chats(chats)
    , m_tasks(tasks)
    , m_runner(runner)
    , m_ownerId(ownerId)
{
    connect(&m_chats, &ChatService::changed, this, &ChatMessageModel::applyChange);
    connect(&m_tasks, &TaskService::changed, this, &ChatMessageModel::applyTaskChange);
}

bool ChatMessageModel::isRow(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && !index.parent().isValid() && index.column() == 0
        && index.row() < m_rows.size();
}

int ChatMessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ChatMessageModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const Row &row = m_rows.at(index.row());
    const ChatMessage &message = row.message;
    switch (role) {
    case Qt::DisplayRole:
        return message.content;
    case Qt::ToolTipRole:
        return QLocale().toString(message.createdAt.toLocalTime(), QLocale::LongFormat);
    case TimeRole:
        return chattime::timeOfDay(message.createdAt);
    case DaySeparatorRole: {
        const QDate day = message.createdAt.toLocalTime().date();
        const int previous = index.row() - 1;
        if (previous >= 0 && m_rows.at(previous).message.createdAt.toLocalTime().date() == day)
            return QString();
        return chattime::dayLabel(day, QDate::currentDate());
    }
    case ActionGoneRole:
        return row.gone;
    case Qt::AccessibleTextRole: {
        QString text = message.role == ChatRole::User ? tr("You: %1").arg(message.content)
                                                      : tr("Assistant: %1").arg(message.content);
        if (!row.labels.isEmpty())
            text += u' ' + tr("(%1)").arg(row.labels.join(QStringLiteral("; ")));
        text += u' ' + tr("Sent at %1.").arg(chattime::timeOfDay(message.createdAt));
        return text;
    }
    case MessageIdRole:
        return message.id;
    case SenderRole:
        return int(message.role);
    case CreatedAtRole:
        return message.createdAt;
    case ActionLabelsRole:
        return row.labels;
    case ActionTaskIdsRole:
        return row.links;
    default:
        return {};
    }
}

Qt::ItemFlags ChatMessageModel::flags(const QModelIndex &index) const
{
    if (!isRow(index))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

ChatMessageModel::Row ChatMessageModel::makeRow(const ChatMessage &message) const
{
    Row row;
    row.message = message;
    for (const TaskAction &action : message.actions) {
        const TaskRef ref = m_taskRefs.value(action.taskId);
        // A task deleted since keeps the name it had when the assistant touched it.
        row.labels.append(actionLabel(action.kind, ref.title.isEmpty() ? action.title : ref.title));
        // A deleted task has no row to show.
        const bool linkable = ref.exists && action.kind != TaskActionKind::Deleted;
        row.links.append(linkable ? action.taskId : QUuid());
        row.gone.append(!ref.exists);
    }
    return row;
}

void ChatMessageModel::setSessionId(const QUuid &sessionId)
{
    if (sessionId == m_sessionId)
        return;
    m_sessionId = sessionId;
    reload();
}

void ChatMessageModel::reload()
{
    const quint64 generation = ++m_generation;
    m_pending.clear();
    setAwaitsYesNo(false);
    if (m_sessionId.isNull()) {
        beginResetModel();
        m_rows.clear();
        m_ids.clear();
        m_taskRefs.clear();
        endResetModel();
        if (m_loading) {
            m_loading = false;
            Q_EMIT loadingChanged(false);
        }
        return;
    }
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    ChatService *chats = &m_chats;
    TaskService *tasks = &m_tasks;
    const QUuid owner = m_ownerId;
    const QUuid session = m_sessionId;
    m_runner.run(
        this,
        [chats, tasks, owner, session]() -> Result<Loaded> {
            auto messages = chats->messages(owner, session, LoadLimit);
            if (!messages)
                return messages.error();
            Loaded loaded;
            loaded.messages = std::move(messages).value();
            for (const ChatMessage &message : std::as_const(loaded.messages)) {
                for (const TaskAction &action : message.actions) {
                    if (loaded.tasks.contains(action.taskId))
                        continue;
                    const auto task = tasks->get(owner, action.taskId);
                    loaded.tasks.insert(action.taskId, task ? TaskRef{task->title, true} : TaskRef{});
                }
            }
            loaded.asksYesNo = !loaded.messages.isEmpty() && loaded.messages.constLast().role == ChatRole::Assistant
                && asksYesNo(chats->assistantState(owner, session));
            return loaded;
        },
        [this, generation, session](const Result<Loaded> &result) {
            if (generation != m_generation)
                return; // another conversation or a newer load is on its way
            if (!result) {
                m_loading = false;
                Q_EMIT loadingChanged(false);
                if (result.error().code == ErrorCode::NotFound) {
                    // Deleted before it could be shown.
                    m_sessionId = {};
                    reload();
                    Q_EMIT sessionRemoved(session);
                    return;
                }
                Q_EMIT loadFailed(tr("Could not load the chat: %1").arg(result.error().message));
                return;
            }
            finishLoad(result.value());
        });
}

void ChatMessageModel::finishLoad(const Loaded &loaded)
{
    beginResetModel();
    m_taskRefs = loaded.tasks;
    m_rows.clear();
    m_ids.clear();
    m_rows.reserve(loaded.messages.size());
    for (const ChatMessage &message : loaded.messages) {
        m_rows.append(makeRow(message));
        m_ids.insert(message.id);
    }
    endResetModel();
    m_loading = false;
    setAwaitsYesNo(loaded.asksYesNo);
    // Messages that committed while the load ran, minus those it saw.
    const QList<Change> pending = std::exchange(m_pending, {});
    for (const Change &change : pending)
        applyChange(change);
    Q_EMIT loadingChanged(false);
}

void ChatMessageModel::applyChange(const Change &change)
{
    if (change.ownerId != m_ownerId || m_sessionId.isNull())
        return;
    if (const ChatSession *session = change.session()) {
        if (session->id != m_sessionId || !session->isDeleted())
            return;
        const QUuid removed = m_sessionId;
        m_sessionId = {};
        reload();
        Q_EMIT sessionRemoved(removed);
        return;
    }
    const ChatMessage *message = change.message();
    if (!message || message->sessionId != m_sessionId)
        return;
    if (m_loading) {
        m_pending.append(change);
        return;
    }
    append(*message);
}

void ChatMessageModel::append(const ChatMessage &message)
{
    if (m_ids.contains(message.id))
        return;
    QList<QUuid> unknown;
    for (const TaskAction &action : message.actions) {
        if (!m_taskRefs.contains(action.taskId)) {
            // Assume it exists until the fetch says otherwise; live task
            // changes from now on keep the entry current.
            m_taskRefs.insert(action.taskId, TaskRef{QString(), true});
            unknown.append(action.taskId);
        }
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(makeRow(message));
    m_ids.insert(message.id);
    endInsertRows();
    if (!unknown.isEmpty())
        fetchTitles(unknown);
    // A message of the user's answers any question; a reply may ask one.
    setAwaitsYesNo(false);
    if (message.role == ChatRole::Assistant)
        fetchQuestion();
}

void ChatMessageModel::fetchQuestion()
{
    ChatService *chats = &m_chats;
    const QUuid owner = m_ownerId;
    const QUuid session = m_sessionId;
    const quint64 generation = m_generation;
    const QUuid last = m_rows.constLast().message.id;
    m_runner.run(
        this, [chats, owner, session] { return asksYesNo(chats->assistantState(owner, session)); },
        [this, generation, last](bool asks) {
            // Only while that reply is still the last message shown.
            if (generation == m_generation && !m_rows.isEmpty() && m_rows.constLast().message.id == last)
                setAwaitsYesNo(asks);
        });
}

void ChatMessageModel::setAwaitsYesNo(bool awaits)
{
    if (awaits == m_awaitsYesNo)
        return;
    m_awaitsYesNo = awaits;
    Q_EMIT awaitsYesNoChanged(awaits);
}

void ChatMessageModel::fetchTitles(const QList<QUuid> &taskIds)
{
    TaskService *tasks = &m_tasks;
    const QUuid owner = m_ownerId;
    m_runner.run(
        this,
        [tasks, owner, taskIds] {
            QHash<QUuid, TaskRef> refs;
            for (const QUuid &id : taskIds) {
                const auto task = tasks->get(owner, id);
                refs.insert(id, task ? TaskRef{task->title, true} : TaskRef{});
            }
            return refs;
        },
        [this](const QHash<QUuid, TaskRef> &refs) { mergeTitles(refs); });
}

void ChatMessageModel::mergeTitles(const QHash<QUuid, TaskRef> &refs)
{
    QSet<QUuid> touched;
    for (auto it = refs.cbegin(); it != refs.cend(); ++it) {
        auto known = m_taskRefs.find(it.key());
        // Only placeholders: a live change that came meanwhile is newer.
        if (known == m_taskRefs.end() || !known->title.isEmpty())
            continue;
        *known = it.value();
        touched.insert(it.key());
    }
    refreshRows(touched);
}

void ChatMessageModel::refreshRows(const QSet<QUuid> &taskIds)
{
    if (taskIds.isEmpty())
        return;
    for (int row = 0; row < m_rows.size(); ++row) {
        const ChatMessage &message = m_rows.at(row).message;
        const bool affected
            = std::any_of(message.actions.cbegin(), message.actions.cend(),
                          [&taskIds](const TaskAction &action) { return taskIds.contains(action.taskId); });
        if (!affected)
            continue;
        m_rows[row] = makeRow(message);
        const QModelIndex changed = index(row, 0);
        Q_EMIT dataChanged(changed, changed,
                           {ActionLabelsRole, ActionTaskIdsRole, ActionGoneRole, Qt::AccessibleTextRole});
    }
}

void ChatMessageModel::applyTaskChange(const Change &change)
{
    const Task *task = change.task();
    if (!task || change.ownerId != m_ownerId || !m_taskRefs.contains(task->id))
        return;
    const TaskRef ref{task->title, !task->isDeleted()};
    TaskRef &known = m_taskRefs[task->id];
    if (known.title == ref.title && known.exists == ref.exists)
        return;
    known = ref;
    refreshRows({task->id});
}

} // namespace tandem
