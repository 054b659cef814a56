#include "storeprivate.h"

#include "domain/isotime.h"
#include "domain/json.h"
#include "storerows.h"

#include <QJsonDocument>
#include <QScopeGuard>

namespace tandem {

using namespace store::detail;
using store::Connection;

namespace {

struct Ordering
{
    QString expression;
    bool ascending;
};

QString orderBy(const TaskQuery &query, StoreEngine engine)
{
    const QString binary = engine == StoreEngine::Postgres ? QStringLiteral(" COLLATE \"C\"") : QString();
    const Ordering dueMissing{QStringLiteral("(t.due_sort IS NULL)"), true};
    const Ordering dueSort{QStringLiteral("t.due_sort"), true};
    const Ordering priority{QStringLiteral("t.priority"), false};
    const Ordering created{QStringLiteral("t.created_at"), true};
    const Ordering id{QStringLiteral("t.id") + binary, true};
    QList<Ordering> terms;
    switch (query.sort) {
    case TaskSort::Due:
        terms = {dueMissing, dueSort, priority, created, id};
        break;
    case TaskSort::Priority:
        terms = {priority, dueMissing, dueSort, created, id};
        break;
    case TaskSort::Created:
        terms = {{QStringLiteral("t.created_at"), false}, id};
        break;
    case TaskSort::Updated:
        terms = {{QStringLiteral("t.updated_at"), false}, created, id};
        break;
    case TaskSort::Title:
        terms = {{QStringLiteral("t.title_key") + binary, true}, created, id};
        break;
    }
    QStringList parts;
    for (const Ordering &term : std::as_const(terms)) {
        const bool ascending = term.ascending != query.reversed;
        parts.append(term.expression + (ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC")));
    }
    return QStringLiteral(" ORDER BY ") + parts.join(QStringLiteral(", "));
}

} // namespace

Result<qint64> Store::Private::readHead(Connection &c, const QUuid &ownerId, bool forUpdate, qint64 *floor)
{
    if (c.unitDepth > 0 && ownerId == c.unitOwner) {
        // The unit holds the head (and its lock) since it began: its own value is the current one.
        if (floor)
            *floor = c.unitFloor;
        return c.unitHead;
    }
    const QString sql = forUpdate && !sqlite()
        ? QStringLiteral("SELECT seq, floor_seq FROM log_heads WHERE owner_id = ? FOR UPDATE")
        : QStringLiteral("SELECT seq, floor_seq FROM log_heads WHERE owner_id = ?");
    auto rows = c.run(sql, {text(ownerId)});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Error::notFound(QStringLiteral("no such user"));
    if (floor)
        *floor = rows->integer(1);
    return rows->integer(0);
}

Result<std::optional<Task>> Store::Private::taskById(Connection &c, const QUuid &id)
{
    auto rows
        = c.run(QStringLiteral("SELECT ") + taskColumns + QStringLiteral(" FROM tasks t WHERE t.id = ?"), {text(id)});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<Task>();
    auto task = taskFromRow(rows.value());
    if (!task)
        return task.error();
    return std::optional<Task>(std::move(task).value());
}

Result<std::optional<ChatSession>> Store::Private::sessionById(Connection &c, const QUuid &id)
{
    auto rows
        = c.run(QStringLiteral("SELECT ") + sessionColumns + QStringLiteral(" FROM chat_sessions s WHERE s.id = ?"),
                {text(id)});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<ChatSession>();
    auto session = sessionFromRow(rows.value());
    if (!session)
        return session.error();
    return std::optional<ChatSession>(std::move(session).value());
}

Result<QList<Task>> Store::Private::selectTasks(Connection &c, const QUuid &ownerId, const TaskQuery &query)
{
    QString sql = QStringLiteral("SELECT ") + taskColumns
        + QStringLiteral(" FROM tasks t WHERE t.owner_id = ? AND t.deleted_at IS NULL");
    QVariantList values{text(ownerId)};
    if (!query.statuses.isEmpty()) {
        QStringList marks;
        for (TaskStatus status : query.statuses) {
            marks.append(QStringLiteral("?"));
            values.append(taskStatusName(status));
        }
        sql += QStringLiteral(" AND t.status IN (") + marks.join(u',') + u')';
    }
    if (!query.priorities.isEmpty()) {
        QStringList marks;
        for (TaskPriority priority : query.priorities) {
            marks.append(QStringLiteral("?"));
            values.append(int(priority));
        }
        sql += QStringLiteral(" AND t.priority IN (") + marks.join(u',') + u')';
    }
    if (!query.foldedTag().isEmpty()) {
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM task_tags g WHERE g.task_id = t.id AND g.tag_key = ?)");
        values.append(query.foldedTag());
    }
    if (!query.text.isEmpty()) {
        sql += sqlite() ? QStringLiteral(" AND instr(t.search_text, ?) > 0")
                        : QStringLiteral(" AND strpos(t.search_text, ?) > 0");
        values.append(query.foldedText());
    }
    if (query.dueFilter == DueFilter::HasDue) {
        sql += QStringLiteral(" AND t.due IS NOT NULL");
    } else if (query.dueFilter == DueFilter::NoDue) {
        sql += QStringLiteral(" AND t.due IS NULL");
    } else if (query.dueFilter == DueFilter::Overdue) {
        // isOverdue(): open, and a timed due before now or a dated one before today (in the query's zone).
        const QDateTime now = query.now.isValid() ? query.now : QDateTime::currentDateTimeUtc();
        sql += QStringLiteral(" AND t.status <> 'completed' AND ((t.due_at IS NOT NULL AND t.due_at < ?) OR "
                              "(t.due_date IS NOT NULL AND t.due_date < ?))");
        values.append(now.toMSecsSinceEpoch());
        values.append(formatIsoDate(now.toTimeZone(query.timeZone).date()));
    }
    if (query.completedAfter.isValid()) {
        sql += QStringLiteral(" AND t.completed_at >= ?");
        values.append(query.completedAfter.toMSecsSinceEpoch());
    }
    if (query.completedBefore.isValid()) {
        sql += QStringLiteral(" AND t.completed_at < ?");
        values.append(query.completedBefore.toMSecsSinceEpoch());
    }
    if (query.dueAfter.isValid() || query.dueBefore.isValid()) {
        QString timed = QStringLiteral("t.due_at IS NOT NULL");
        QString dated = QStringLiteral("t.due_date IS NOT NULL");
        QVariantList timedValues;
        QVariantList datedValues;
        if (query.dueAfter.isValid()) {
            timed += QStringLiteral(" AND t.due_at >= ?");
            timedValues.append(query.dueAfter.toMSecsSinceEpoch());
            dated += QStringLiteral(" AND t.due_date >= ?");
            datedValues.append(formatIsoDate(query.firstDate()));
        }
        if (query.dueBefore.isValid()) {
            timed += QStringLiteral(" AND t.due_at < ?");
            timedValues.append(query.dueBefore.toMSecsSinceEpoch());
            dated += QStringLiteral(" AND t.due_date < ?");
            datedValues.append(formatIsoDate(query.endDate()));
        }
        sql += QStringLiteral(" AND ((") + timed + QStringLiteral(") OR (") + dated + QStringLiteral("))");
        values += timedValues;
        values += datedValues;
    }
    sql += orderBy(query, config.engine);
    if (query.limit > 0) {
        sql += QStringLiteral(" LIMIT ?");
        values.append(query.limit);
    }
    auto rows = c.run(sql, values);
    if (!rows)
        return rows.error();
    QList<Task> tasks;
    while (rows->next()) {
        auto task = taskFromRow(rows.value());
        if (!task)
            return task.error();
        tasks.append(std::move(task).value());
    }
    return tasks;
}

Result<QList<ChatSession>> Store::Private::selectSessions(Connection &c, const QUuid &ownerId)
{
    auto rows = c.run(QStringLiteral("SELECT ") + sessionColumns
                          + QStringLiteral(" FROM chat_sessions s WHERE s.owner_id = ? AND s.deleted_at IS NULL "
                                           "ORDER BY s.updated_at DESC, s.created_at DESC, s.id"),
                      {text(ownerId)});
    if (!rows)
        return rows.error();
    QList<ChatSession> sessions;
    while (rows->next()) {
        auto session = sessionFromRow(rows.value());
        if (!session)
            return session.error();
        sessions.append(std::move(session).value());
    }
    return sessions;
}

Result<QList<Change>> Store::Private::selectChanges(Connection &c, const QUuid &ownerId, qint64 after, qint64 upTo,
                                                    int limit)
{
    auto rows = c.run(QStringLiteral("SELECT seq, kind, op_id, payload, created_at FROM change_log "
                                     "WHERE owner_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"),
                      {text(ownerId), after, upTo, limit});
    if (!rows)
        return rows.error();
    QList<Change> changes;
    while (rows->next()) {
        Change change;
        change.seq = rows->integer(0);
        const QString seqText = QString::number(change.seq);
        const auto kind = changeKindFromName(rows->text(1));
        const auto opId = uuidFromText(rows->text(2));
        if (!kind || !opId)
            return unreadable(QStringLiteral("change"), seqText, QStringLiteral("bad kind or operation id"));
        change.kind = *kind;
        change.opId = *opId;
        change.ownerId = ownerId;
        change.at = timestampFromMsecs(rows->integer(4));
        const QJsonDocument payload = QJsonDocument::fromJson(rows->text(3).toUtf8());
        auto entity = entityFromJson(change.kind, payload.object());
        if (!payload.isObject() || !entity)
            return unreadable(QStringLiteral("change"), seqText,
                              entity ? QStringLiteral("bad payload") : entity.error().toString());
        change.entity = std::move(entity).value();
        changes.append(std::move(change));
    }
    return changes;
}

Result<std::optional<std::pair<qint64, qint64>>> Store::Private::operationRange(Connection &c, const QUuid &ownerId,
                                                                                const QUuid &opId)
{
    auto rows = c.run(QStringLiteral("SELECT first_seq, last_seq FROM operations WHERE owner_id = ? AND op_id = ?"),
                      {text(ownerId), text(opId)});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<std::pair<qint64, qint64>>();
    return std::optional<std::pair<qint64, qint64>>({rows->integer(0), rows->integer(1)});
}

Result<QList<Change>> Store::Private::replayedChanges(Connection &c, const QUuid &ownerId, qint64 first, qint64 last)
{
    auto changes = selectChanges(c, ownerId, first - 1, last, int(last - first + 1));
    if (!changes)
        return changes.error();
    for (Change &change : changes.value())
        change.replayed = true;
    return changes;
}

Result<std::optional<Task>> Store::task(const QUuid &ownerId, const QUuid &id)
{
    return d->withConnection<std::optional<Task>>([&](Connection &c) -> Result<std::optional<Task>> {
        auto task = d->taskById(c, id);
        if (!task)
            return task.error();
        if (!task.value() || task.value()->ownerId != ownerId || task.value()->isDeleted())
            return std::optional<Task>();
        return task;
    });
}

Result<TaskList> Store::tasks(const QUuid &ownerId, const TaskQuery &query)
{
    return d->withConnection<TaskList>([&](Connection &c) -> Result<TaskList> {
        if (auto begun = d->beginRead(c); !begun)
            return begun.error();
        auto guard = qScopeGuard([&] { Private::endRead(c); });
        auto head = d->readHead(c, ownerId, false);
        if (!head)
            return head.error().code == ErrorCode::NotFound ? Result<TaskList>(TaskList{}) : head.error();
        auto tasks = d->selectTasks(c, ownerId, query);
        if (!tasks)
            return tasks.error();
        return TaskList{std::move(tasks).value(), head.value()};
    });
}

Result<std::optional<ChatSession>> Store::session(const QUuid &ownerId, const QUuid &id)
{
    return d->withConnection<std::optional<ChatSession>>([&](Connection &c) -> Result<std::optional<ChatSession>> {
        auto session = d->sessionById(c, id);
        if (!session)
            return session.error();
        if (!session.value() || session.value()->ownerId != ownerId || session.value()->isDeleted())
            return std::optional<ChatSession>();
        return session;
    });
}

Result<QList<ChatSession>> Store::sessions(const QUuid &ownerId)
{
    return d->withConnection<QList<ChatSession>>([&](Connection &c) { return d->selectSessions(c, ownerId); });
}

Result<QList<ChatMessage>> Store::messages(const QUuid &ownerId, const QUuid &sessionId, int limit)
{
    return d->withConnection<QList<ChatMessage>>([&](Connection &c) -> Result<QList<ChatMessage>> {
        // The newest `limit` messages, returned oldest first.
        const QString sql = QStringLiteral("SELECT ") + messageColumns
            + QStringLiteral(" FROM chat_messages m WHERE m.owner_id = ? AND m.session_id = ? "
                             "ORDER BY m.seq DESC")
            + (limit > 0 ? QStringLiteral(" LIMIT ?") : QString());
        QVariantList values{text(ownerId), text(sessionId)};
        if (limit > 0)
            values.append(limit);
        auto rows = c.run(sql, values);
        if (!rows)
            return rows.error();
        QList<ChatMessage> messages;
        while (rows->next()) {
            auto message = messageFromRow(rows.value());
            if (!message)
                return message.error();
            messages.prepend(std::move(message).value());
        }
        return messages;
    });
}

Result<Snapshot> Store::snapshot(const QUuid &ownerId)
{
    return d->withConnection<Snapshot>([&](Connection &c) -> Result<Snapshot> {
        if (auto begun = d->beginRead(c); !begun)
            return begun.error();
        auto guard = qScopeGuard([&] { Private::endRead(c); });
        auto head = d->readHead(c, ownerId, false);
        if (!head)
            return head.error();
        TaskQuery all;
        all.sort = TaskSort::Created;
        auto tasks = d->selectTasks(c, ownerId, all);
        if (!tasks)
            return tasks.error();
        auto sessions = d->selectSessions(c, ownerId);
        if (!sessions)
            return sessions.error();
        return Snapshot{std::move(tasks).value(), std::move(sessions).value(), head.value()};
    });
}

Result<ChangeBatch> Store::changesSince(const QUuid &ownerId, qint64 since, int limit)
{
    return d->withConnection<ChangeBatch>([&](Connection &c) -> Result<ChangeBatch> {
        if (auto begun = d->beginRead(c); !begun)
            return begun.error();
        auto guard = qScopeGuard([&] { Private::endRead(c); });
        qint64 floor = 0;
        auto head = d->readHead(c, ownerId, false, &floor);
        if (!head)
            return head.error();
        ChangeBatch batch;
        batch.head = head.value();
        if (since < floor) {
            batch.truncated = true;
            return batch;
        }
        const int wanted = limit > 0 ? limit : 1000;
        auto changes = d->selectChanges(c, ownerId, since, head.value(), wanted);
        if (!changes)
            return changes.error();
        batch.changes = std::move(changes).value();
        const qint64 last = batch.changes.isEmpty() ? since : batch.changes.constLast().seq;
        batch.more = last < batch.head;
        return batch;
    });
}

Result<qint64> Store::head(const QUuid &ownerId)
{
    return d->withConnection<qint64>([&](Connection &c) { return d->readHead(c, ownerId, false); });
}

Result<void> Store::bindRequestKey(const QUuid &ownerId, const QUuid &opId, const QByteArray &fingerprint,
                                   const QDateTime &at)
{
    return d->withConnection<void>([&](Connection &c) -> Result<void> {
        // Whoever inserts first binds the key; everyone then reads the binding.
        auto inserted = c.run(QStringLiteral("INSERT INTO request_keys (owner_id, op_id, fingerprint, created_at) "
                                             "VALUES (?, ?, ?, ?) ON CONFLICT (owner_id, op_id) DO NOTHING"),
                              {text(ownerId), text(opId), QString::fromLatin1(fingerprint), at.toMSecsSinceEpoch()});
        if (!inserted)
            return inserted.error();
        auto rows = c.run(QStringLiteral("SELECT fingerprint FROM request_keys WHERE owner_id = ? AND op_id = ?"),
                          {text(ownerId), text(opId)});
        if (!rows)
            return rows.error();
        if (rows->next() && rows->text(0) != QLatin1StringView(fingerprint)) {
            Error error = Error::validation(
                QStringLiteral("Idempotency-Key"),
                QStringLiteral("this key was already used for a different request; use a new key for a new request"));
            error.reason = QStringLiteral("idempotency_key_reused");
            return error;
        }
        return {};
    });
}

Result<QList<Change>> Store::operationChanges(const QUuid &ownerId, const QUuid &opId)
{
    return d->withConnection<QList<Change>>([&](Connection &c) -> Result<QList<Change>> {
        auto range = d->operationRange(c, ownerId, opId);
        if (!range)
            return range.error();
        if (!range.value())
            return QList<Change>();
        return d->replayedChanges(c, ownerId, range.value()->first, range.value()->second);
    });
}

} // namespace tandem
