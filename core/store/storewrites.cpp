#include "storeprivate.h"

#include "domain/isotime.h"
#include "domain/json.h"
#include "domain/textfold.h"
#include "storerows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

namespace tandem {

using namespace store::detail;
using store::Connection;

namespace {

QVariant optionalMsecs(const QDateTime &instant)
{
    return instant.isValid() ? QVariant(instant.toMSecsSinceEpoch()) : store::nullInteger();
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString compactJsonText(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString payloadText(const Entity &entity)
{
    if (const auto *task = std::get_if<Task>(&entity))
        return taskJsonText(*task);
    return QString::fromUtf8(compactJson(entityToJson(entity)));
}

} // namespace

class Store::Private::TransactionContext final : public WriteContext
{
public:
    TransactionContext(Private &d, Connection &c)
        : m_d(d)
        , m_c(c)
    { }
    Result<std::optional<Task>> taskById(const QUuid &id) override { return m_d.taskById(m_c, id); }
    Result<std::optional<ChatSession>> sessionById(const QUuid &id) override { return m_d.sessionById(m_c, id); }

private:
    Private &m_d;
    Connection &m_c;
};

Result<void> Store::Private::persistTask(Connection &c, const Task &task)
{
    QVariant dueDate = store::nullText();
    QVariant dueAt = store::nullInteger();
    QVariant dueSort = store::nullInteger();
    QVariant due = store::nullText();
    if (!task.due.isNone()) {
        due = task.due.toIsoString();
        dueSort = *task.due.sortKey();
        if (task.due.hasTime())
            dueAt = task.due.dateTime().toMSecsSinceEpoch();
        else
            dueDate = formatIsoDate(task.due.date());
    }
    const QVariant repeatRule = task.repeat ? QVariant(repeatJsonText(*task.repeat)) : store::nullText();
    auto upsert = c.run(
        QStringLiteral(
            "INSERT INTO tasks (id, owner_id, title, description, status, priority, due, due_date, due_at, "
            "due_sort, tags, title_key, search_text, created_at, updated_at, completed_at, deleted_at, revision, "
            "repeat_rule, last_completed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, "
            "status = excluded.status, priority = excluded.priority, due = excluded.due, "
            "due_date = excluded.due_date, due_at = excluded.due_at, due_sort = excluded.due_sort, "
            "tags = excluded.tags, title_key = excluded.title_key, search_text = excluded.search_text, "
            "updated_at = excluded.updated_at, completed_at = excluded.completed_at, "
            "deleted_at = excluded.deleted_at, revision = excluded.revision, repeat_rule = excluded.repeat_rule, "
            "last_completed_at = excluded.last_completed_at "
            "WHERE tasks.owner_id = excluded.owner_id"),
        {text(task.id),
         text(task.ownerId),
         nonNull(task.title),
         nonNull(task.description),
         taskStatusName(task.status),
         int(task.priority),
         due,
         dueDate,
         dueAt,
         dueSort,
         stringListJsonText(task.tags),
         nonNull(task.title.toCaseFolded()),
         taskSearchText(task),
         task.createdAt.toMSecsSinceEpoch(),
         task.updatedAt.toMSecsSinceEpoch(),
         optionalMsecs(task.completedAt),
         optionalMsecs(task.deletedAt),
         task.revision,
         repeatRule,
         optionalMsecs(task.lastCompletedAt)});
    if (!upsert)
        return upsert.error();
    if (upsert->affected() != 1)
        return Error::conflict(QStringLiteral("this task id is already in use"));
    auto cleared = c.run(QStringLiteral("DELETE FROM task_tags WHERE task_id = ?"), {text(task.id)});
    if (!cleared)
        return cleared.error();
    if (task.isDeleted())
        return {};
    for (const QString &tag : task.tags) {
        auto inserted = c.run(QStringLiteral("INSERT INTO task_tags (task_id, owner_id, tag_key) VALUES (?, ?, ?)"),
                              {text(task.id), text(task.ownerId), tagKey(tag)});
        if (!inserted)
            return inserted.error();
    }
    return {};
}

Result<void> Store::Private::persistSession(Connection &c, const ChatSession &session)
{
    auto upsert
        = c.run(QStringLiteral("INSERT INTO chat_sessions (id, owner_id, title, is_active, created_at, updated_at, "
                               "deleted_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                               "ON CONFLICT (id) DO UPDATE SET title = excluded.title, is_active = excluded.is_active, "
                               "updated_at = excluded.updated_at, deleted_at = excluded.deleted_at, "
                               "revision = excluded.revision WHERE chat_sessions.owner_id = excluded.owner_id"),
                {text(session.id), text(session.ownerId), nonNull(session.title), session.isActive ? 1 : 0,
                 session.createdAt.toMSecsSinceEpoch(), session.updatedAt.toMSecsSinceEpoch(),
                 optionalMsecs(session.deletedAt), session.revision});
    if (!upsert)
        return upsert.error();
    if (upsert->affected() != 1)
        return Error::conflict(QStringLiteral("this chat session id is already in use"));
    return {};
}

Result<void> Store::Private::persistMessage(Connection &c, const ChatMessage &message, qint64 seq)
{
    QJsonArray actions;
    for (const TaskAction &action : message.actions)
        actions.append(taskActionToJson(action));
    auto inserted
        = c.run(QStringLiteral("INSERT INTO chat_messages (id, session_id, owner_id, seq, role, content, "
                               "actions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                {text(message.id), text(message.sessionId), text(message.ownerId), seq, chatRoleName(message.role),
                 nonNull(message.content), compactJsonText(actions), message.createdAt.toMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    return {};
}

Result<QList<Change>> Store::Private::writeOnce(Connection &c, const QUuid &ownerId, const QUuid &opId,
                                                const QDateTime &at, const Mutation &mutation)
{
    // Inside a unit of work this write is a savepoint of the unit's transaction.
    const bool joined = c.unitDepth > 0;
    if (auto begun = joined ? control(c, QStringLiteral("SAVEPOINT tandem_write")) : beginWrite(c); !begun)
        return begun.error();
    bool committed = false;
    auto guard = qScopeGuard([&] {
        if (committed)
            return;
        if (!joined) {
            rollback(c);
        } else {
            (void)control(c, QStringLiteral("ROLLBACK TO SAVEPOINT tandem_write"));
            (void)control(c, QStringLiteral("RELEASE SAVEPOINT tandem_write"));
        }
    });

    auto head = readHead(c, ownerId, true);
    if (!head)
        return head.error();

    // An opId that has committed before: its original changes, nothing written.
    auto previous = operationRange(c, ownerId, opId);
    if (!previous)
        return previous.error();
    if (previous.value() && previous.value()->first > 0)
        return replayedChanges(c, ownerId, previous.value()->first, previous.value()->second);

    TransactionContext context(*this, c);
    auto drafts = mutation(context);
    if (!drafts)
        return drafts.error();
    if (drafts->isEmpty())
        return QList<Change>();

    qint64 seq = head.value();
    const qint64 first = seq + 1;
    QList<Change> changes;
    changes.reserve(drafts->size());
    for (const Draft &draft : std::as_const(drafts.value())) {
        ++seq;
        Result<void> persisted;
        if (const auto *task = std::get_if<Task>(&draft.entity))
            persisted = persistTask(c, *task);
        else if (const auto *session = std::get_if<ChatSession>(&draft.entity))
            persisted = persistSession(c, *session);
        else
            persisted = persistMessage(c, std::get<ChatMessage>(draft.entity), seq);
        if (!persisted)
            return persisted.error();

        Change change{seq, draft.kind, ownerId, opId, at, draft.entity, false};
        auto logged = c.run(QStringLiteral("INSERT INTO change_log (owner_id, seq, kind, entity_id, op_id, payload, "
                                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            {text(ownerId), seq, changeKindName(draft.kind), text(change.entityId()), text(opId),
                             payloadText(draft.entity), at.toMSecsSinceEpoch()});
        if (!logged)
            return logged.error();
        changes.append(std::move(change));
    }

    const bool unitHead = joined && ownerId == c.unitOwner;
    if (!unitHead) {
        if (auto moved = moveHead(c, ownerId, seq); !moved)
            return moved.error();
    }
    auto recorded = c.run(QStringLiteral("INSERT INTO operations (owner_id, op_id, first_seq, last_seq, created_at) "
                                         "VALUES (?, ?, ?, ?, ?)"),
                          {text(ownerId), text(opId), first, seq, at.toMSecsSinceEpoch()});
    if (!recorded)
        return recorded.error();
    if (auto done = joined ? control(c, QStringLiteral("RELEASE SAVEPOINT tandem_write")) : commit(c); !done)
        return done.error();
    committed = true;
    if (unitHead) {
        c.unitHead = seq;
        c.unitHeadMoved = true;
    }
    return changes;
}

// Moves the owner's head to `seq`; on PostgreSQL every LISTENing Tandem
// server hears of it when (and only if) the transaction commits.
Result<void> Store::Private::moveHead(Connection &c, const QUuid &ownerId, qint64 seq)
{
    auto moved = c.run(QStringLiteral("UPDATE log_heads SET seq = ? WHERE owner_id = ?"), {seq, text(ownerId)});
    if (!moved)
        return moved.error();
    if (!sqlite()) {
        auto notified = c.run(
            QStringLiteral("SELECT pg_notify(?, ?)"),
            {QString::fromLatin1(Store::ChangeChannel), QString(uuidText(ownerId) + u':' + QString::number(seq))});
        if (!notified)
            return notified.error();
    }
    return {};
}

Result<QList<Change>> Store::write(const QUuid &ownerId, const QUuid &opId, const QDateTime &at,
                                   const Mutation &mutation)
{
    if (opId.isNull())
        return Error::validation(QStringLiteral("opId"), QStringLiteral("must be a UUID"));
    return d->withConnection<QList<Change>>(
        [&](Connection &c) { return d->writeOnce(c, ownerId, opId, at, mutation); });
}

Result<void> Store::inUnit(const QUuid &ownerId, const std::function<Result<void>()> &work)
{
    auto connection = d->connection();
    if (!connection)
        return connection.error();
    Connection &c = *connection.value();
    if (c.unitDepth > 0)
        return work(); // part of the unit already open
    if (auto begun = d->beginWrite(c); !begun)
        return begun.error();
    // The owner's head first, as every write does: the unit's writers queue here, in order.
    qint64 floor = 0;
    auto head = d->readHead(c, ownerId, true, &floor);
    if (!head) {
        Private::rollback(c);
        return head.error();
    }
    c.unitOwner = ownerId;
    c.unitHead = head.value();
    c.unitFloor = floor;
    c.unitHeadMoved = false;
    ++c.unitDepth;
    Result<void> done = work();
    --c.unitDepth;
    c.unitOwner = QUuid();
    std::vector<std::function<void()>> waiting;
    std::swap(waiting, c.afterCommit);
    if (done && c.unitHeadMoved)
        done = d->moveHead(c, ownerId, c.unitHead);
    if (done) {
        if (auto committed = d->commit(c); !committed)
            done = committed.error();
    }
    if (!done) {
        Private::rollback(c);
        return done;
    }
    for (const auto &action : waiting)
        action();
    return {};
}

quint64 Store::durableCommits() const
{
    return d->commits.load();
}

void Store::afterCommit(std::function<void()> action)
{
    auto connection = d->connection();
    if (connection && connection.value()->unitDepth > 0) {
        connection.value()->afterCommit.push_back(std::move(action));
        return;
    }
    action();
}

} // namespace tandem
