#include "store.h"

#include "connection.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "domain/textfold.h"
#include "migrator.h"
#include "storelog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QThread>
#include <QThreadStorage>

#include <atomic>
#include <unordered_map>

namespace tandem {

namespace store {
Q_LOGGING_CATEGORY(lcStore, "tandem.store")
}

using store::Connection;
using store::Rows;

namespace {

std::atomic<quint64> nextStoreId{1};

// Each thread's connections, by store id. Destroyed (and so closed) when the thread ends.
// Each thread's connections, by store id. QThreadStorage (not thread_local)
// because Qt destroys it as the QThread finishes — before QThread::wait()
// returns, and for the main thread when QCoreApplication goes — so a
// connection is never closed while QtSql's own globals are being torn down.
struct ThreadConnections
{
    std::unordered_map<quint64, std::shared_ptr<Connection>> byStore;
};
QThreadStorage<ThreadConnections *> t_connections;

ThreadConnections &threadConnections()
{
    if (!t_connections.hasLocalData())
        t_connections.setLocalData(new ThreadConnections); // NOLINT: owned by QThreadStorage
    return *t_connections.localData();
}

const QString taskColumns
    = QStringLiteral("t.id, t.owner_id, t.title, t.description, t.status, t.priority, t.due, t.tags, t.created_at, "
                     "t.updated_at, t.completed_at, t.deleted_at, t.revision");

const QString sessionColumns
    = QStringLiteral("s.id, s.owner_id, s.title, s.is_active, s.created_at, s.updated_at, s.deleted_at, s.revision");

const QString messageColumns
    = QStringLiteral("m.id, m.session_id, m.owner_id, m.role, m.content, m.actions, m.created_at");

QVariant text(const QUuid &id)
{
    return uuidText(id);
}

// A null QString binds as SQL NULL; text columns hold "" instead.
QVariant nonNull(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant optionalMsecs(const QDateTime &instant)
{
    return instant.isValid() ? QVariant(instant.toMSecsSinceEpoch()) : store::nullInteger();
}

QDateTime optionalInstant(const Rows &rows, int column)
{
    return rows.isNull(column) ? QDateTime() : timestampFromMsecs(rows.integer(column));
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

Error unreadable(const QString &what, const QString &id, const QString &why)
{
    qCWarning(store::lcStore) << "unreadable" << what << id << why;
    return Error::storage(QStringLiteral("the stored %1 %2 cannot be read (%3); the database may have been "
                                         "written by another program")
                              .arg(what, id, why));
}

Result<Task> taskFromRow(const Rows &rows)
{
    Task task;
    const QString id = rows.text(0);
    const auto taskId = uuidFromText(id);
    const auto ownerId = uuidFromText(rows.text(1));
    if (!taskId || !ownerId)
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad id"));
    task.id = *taskId;
    task.ownerId = *ownerId;
    task.title = rows.text(2);
    task.description = rows.text(3);
    const auto status = taskStatusFromName(rows.text(4));
    const qint64 priority = rows.integer(5);
    if (!status || priority < 0 || priority > 4)
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad status or priority"));
    task.status = *status;
    task.priority = TaskPriority(priority);
    const auto due = Due::fromIsoString(rows.text(6));
    if (!due)
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad due date"));
    task.due = *due;
    const QJsonDocument tags = QJsonDocument::fromJson(rows.text(7).toUtf8());
    if (!tags.isArray())
        return unreadable(QStringLiteral("task"), id, QStringLiteral("bad tags"));
    const QJsonArray tagArray = tags.array();
    task.tags.reserve(tagArray.size());
    for (const QJsonValue &tag : tagArray)
        task.tags.append(tag.toString());
    task.createdAt = timestampFromMsecs(rows.integer(8));
    task.updatedAt = timestampFromMsecs(rows.integer(9));
    task.completedAt = optionalInstant(rows, 10);
    task.deletedAt = optionalInstant(rows, 11);
    task.revision = rows.integer(12);
    return task;
}

Result<ChatSession> sessionFromRow(const Rows &rows)
{
    ChatSession session;
    const QString id = rows.text(0);
    const auto sessionId = uuidFromText(id);
    const auto ownerId = uuidFromText(rows.text(1));
    if (!sessionId || !ownerId)
        return unreadable(QStringLiteral("chat session"), id, QStringLiteral("bad id"));
    session.id = *sessionId;
    session.ownerId = *ownerId;
    session.title = rows.text(2);
    session.isActive = rows.integer(3) != 0;
    session.createdAt = timestampFromMsecs(rows.integer(4));
    session.updatedAt = timestampFromMsecs(rows.integer(5));
    session.deletedAt = optionalInstant(rows, 6);
    session.revision = rows.integer(7);
    return session;
}

Result<ChatMessage> messageFromRow(const Rows &rows)
{
    const QString id = rows.text(0);
    // Reuse the strict JSON codec for the action list and the field rules.
    const QJsonDocument actions = QJsonDocument::fromJson(rows.text(5).toUtf8());
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("sessionId"), rows.text(1)},
        {QStringLiteral("ownerId"), rows.text(2)},
        {QStringLiteral("role"), rows.text(3)},
        {QStringLiteral("content"), rows.text(4)},
        {QStringLiteral("actions"), actions.array()},
        {QStringLiteral("createdAt"), formatTimestamp(timestampFromMsecs(rows.integer(6)))},
    };
    auto message = messageFromJson(json);
    if (!message)
        return unreadable(QStringLiteral("chat message"), id, message.error().toString());
    return message;
}

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

struct Store::Private
{
    StoreConfig config;
    quint64 storeId = nextStoreId.fetch_add(1);
    QMutex mutex;
    QList<std::weak_ptr<Connection>> connections;

    bool sqlite() const { return config.engine == StoreEngine::Sqlite; }

    Result<Connection *> connection()
    {
        auto &connectionsHere = threadConnections().byStore;
        auto it = connectionsHere.find(storeId);
        if (it != connectionsHere.end() && it->second->isOpen())
            return it->second.get();
        if (it == connectionsHere.end()) {
            const QString name = QStringLiteral("tandem-%1-%2").arg(storeId).arg(quintptr(QThread::currentThreadId()));
            auto connection = std::make_shared<Connection>(config, name);
            {
                QMutexLocker lock(&mutex);
                connections.append(connection);
            }
            it = connectionsHere.emplace(storeId, std::move(connection)).first;
        }
        if (auto opened = it->second->open(); !opened)
            return opened.error();
        return it->second.get();
    }

    // Runs `work` on this thread's connection. On PostgreSQL a dropped server
    // connection is reopened and the work tried once more: reads are
    // harmless to repeat, and writes carry an opId that makes them idempotent.
    template<typename T, typename Work> Result<T> withConnection(Work &&work)
    {
        auto connection = this->connection();
        if (!connection)
            return connection.error();
        Result<T> result = work(*connection.value());
        if (result.ok() || sqlite() || result.error().code != ErrorCode::Storage || connection.value()->isAlive())
            return result;
        qCWarning(store::lcStore) << "the PostgreSQL connection was lost; reconnecting";
        connection.value()->close();
        if (auto reopened = connection.value()->open(); !reopened)
            return result;
        return work(*connection.value());
    }

    // Transaction control runs for every read and write, so on SQLite it goes
    // through the prepared-statement cache instead of being parsed each time
    // (PostgreSQL cannot prepare BEGIN or COMMIT).
    static Result<void> control(Connection &c, const QString &sql)
    {
        if (c.engine() != StoreEngine::Sqlite)
            return c.execute(sql);
        auto done = c.run(sql);
        if (!done)
            return done.error();
        return {};
    }

    // A read of several statements sees one snapshot; inside a unit of work it
    // is already part of the unit's transaction (and sees its writes).
    Result<void> beginRead(Connection &c)
    {
        if (c.unitDepth > 0)
            return {};
        return control(
            c, sqlite() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    }

    Result<void> beginWrite(Connection &c)
    {
        return control(c, sqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    }

    static Result<void> commit(Connection &c) { return control(c, QStringLiteral("COMMIT")); }
    static void rollback(Connection &c) { (void)control(c, QStringLiteral("ROLLBACK")); }
    static void endRead(Connection &c)
    {
        if (c.unitDepth == 0)
            rollback(c);
    }

    // In one transaction: the user's row, the owner's change-log head, then
    // `also` (if any); a failure anywhere rolls all of it back.
    Result<User> insertUser(const User &user, const std::function<Result<void>(Connection &)> &also)
    {
        return withConnection<User>([&](Connection &c) -> Result<User> {
            if (auto begun = beginWrite(c); !begun)
                return begun.error();
            bool committed = false;
            auto guard = qScopeGuard([&] {
                if (!committed)
                    rollback(c);
            });
            auto inserted
                = c.run(QStringLiteral("INSERT INTO users (id, username, username_key, password_hash, created_at) "
                                       "VALUES (?, ?, ?, ?, ?)"),
                        {text(user.id), user.username, user.username.toCaseFolded(),
                         user.passwordHash.isEmpty() ? store::nullText() : QVariant(user.passwordHash),
                         user.createdAt.toMSecsSinceEpoch()});
            if (!inserted) {
                if (inserted.error().code == ErrorCode::Conflict)
                    return Error::conflict(QStringLiteral("the username \"%1\" is taken").arg(user.username));
                return inserted.error();
            }
            auto head = c.run(QStringLiteral("INSERT INTO log_heads (owner_id, seq, floor_seq) VALUES (?, 0, 0)"),
                              {text(user.id)});
            if (!head)
                return head.error();
            if (also) {
                if (auto done = also(c); !done)
                    return done.error();
            }
            if (auto done = commit(c); !done)
                return done.error();
            committed = true;
            return user;
        });
    }

    Result<qint64> readHead(Connection &c, const QUuid &ownerId, bool forUpdate, qint64 *floor = nullptr)
    {
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

    Result<std::optional<Task>> taskById(Connection &c, const QUuid &id)
    {
        auto rows = c.run(QStringLiteral("SELECT ") + taskColumns + QStringLiteral(" FROM tasks t WHERE t.id = ?"),
                          {text(id)});
        if (!rows)
            return rows.error();
        if (!rows->next())
            return std::optional<Task>();
        auto task = taskFromRow(rows.value());
        if (!task)
            return task.error();
        return std::optional<Task>(std::move(task).value());
    }

    Result<std::optional<ChatSession>> sessionById(Connection &c, const QUuid &id)
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

    Result<QList<Task>> selectTasks(Connection &c, const QUuid &ownerId, const TaskQuery &query)
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

    Result<QList<ChatSession>> selectSessions(Connection &c, const QUuid &ownerId)
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

    Result<QList<Change>> selectChanges(Connection &c, const QUuid &ownerId, qint64 after, qint64 upTo, int limit)
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

    Result<void> persistTask(Connection &c, const Task &task)
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
        auto upsert = c.run(
            QStringLiteral(
                "INSERT INTO tasks (id, owner_id, title, description, status, priority, due, due_date, due_at, "
                "due_sort, tags, title_key, search_text, created_at, updated_at, completed_at, deleted_at, revision) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, "
                "status = excluded.status, priority = excluded.priority, due = excluded.due, "
                "due_date = excluded.due_date, due_at = excluded.due_at, due_sort = excluded.due_sort, "
                "tags = excluded.tags, title_key = excluded.title_key, search_text = excluded.search_text, "
                "updated_at = excluded.updated_at, completed_at = excluded.completed_at, "
                "deleted_at = excluded.deleted_at, revision = excluded.revision "
                "WHERE tasks.owner_id = excluded.owner_id"),
            {text(task.id), text(task.ownerId), nonNull(task.title), nonNull(task.description),
             taskStatusName(task.status), int(task.priority), due, dueDate, dueAt, dueSort,
             stringListJsonText(task.tags), nonNull(task.title.toCaseFolded()), taskSearchText(task),
             task.createdAt.toMSecsSinceEpoch(), task.updatedAt.toMSecsSinceEpoch(), optionalMsecs(task.completedAt),
             optionalMsecs(task.deletedAt), task.revision});
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

    Result<void> persistSession(Connection &c, const ChatSession &session)
    {
        auto upsert = c.run(
            QStringLiteral("INSERT INTO chat_sessions (id, owner_id, title, is_active, created_at, updated_at, "
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

    Result<void> persistMessage(Connection &c, const ChatMessage &message, qint64 seq)
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

    Result<QList<Change>> writeOnce(Connection &c, const QUuid &ownerId, const QUuid &opId, const QDateTime &at,
                                    const Mutation &mutation);

    class TransactionContext final : public WriteContext
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
};

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

    qint64 replayFirst = 0;
    qint64 replayLast = 0;
    {
        auto previous
            = c.run(QStringLiteral("SELECT first_seq, last_seq FROM operations WHERE owner_id = ? AND op_id = ?"),
                    {text(ownerId), text(opId)});
        if (!previous)
            return previous.error();
        if (previous->next()) {
            replayFirst = previous->integer(0);
            replayLast = previous->integer(1);
        }
    }
    if (replayFirst > 0) {
        auto changes = selectChanges(c, ownerId, replayFirst - 1, replayLast, int(replayLast - replayFirst + 1));
        if (!changes)
            return changes.error();
        for (Change &change : changes.value())
            change.replayed = true;
        return changes;
    }

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

    auto moved = c.run(QStringLiteral("UPDATE log_heads SET seq = ? WHERE owner_id = ?"), {seq, text(ownerId)});
    if (!moved)
        return moved.error();
    auto recorded = c.run(QStringLiteral("INSERT INTO operations (owner_id, op_id, first_seq, last_seq, created_at) "
                                         "VALUES (?, ?, ?, ?, ?)"),
                          {text(ownerId), text(opId), first, seq, at.toMSecsSinceEpoch()});
    if (!recorded)
        return recorded.error();
    if (!sqlite()) {
        // Delivered to every LISTENing Tandem server when (and only if) this commits.
        auto notified = c.run(
            QStringLiteral("SELECT pg_notify(?, ?)"),
            {QString::fromLatin1(Store::ChangeChannel), QString(uuidText(ownerId) + u':' + QString::number(seq))});
        if (!notified)
            return notified.error();
    }
    if (auto done = joined ? control(c, QStringLiteral("RELEASE SAVEPOINT tandem_write")) : Private::commit(c); !done)
        return done.error();
    committed = true;
    return changes;
}

Store::Store(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

Store::~Store()
{
    if (t_connections.hasLocalData())
        t_connections.localData()->byStore.erase(d->storeId);
    QMutexLocker lock(&d->mutex);
    // Other threads' connections too: their threads may outlive the store
    // (or even main()), so nothing may be left for them to clean up.
    for (const auto &weak : std::as_const(d->connections)) {
        if (auto connection = weak.lock())
            connection->release();
    }
}

const StoreConfig &Store::config() const
{
    return d->config;
}

namespace {

// Checks a SQLite location before opening it, so a missing or read-only
// place gets a clear message instead of a driver error.
Result<void> preflightSqlite(const QString &path)
{
    const QFileInfo file(path);
    const QString directory = file.absolutePath();
    if (!QDir().mkpath(directory))
        return Error::storage(QStringLiteral("cannot create the data directory %1; choose another --data-dir or fix "
                                             "the permissions of its parent")
                                  .arg(QDir::toNativeSeparators(directory)));
    const QFileInfo dir(directory);
    if (!dir.isWritable())
        return Error::storage(QStringLiteral("the data directory %1 is read-only; make it writable or choose another "
                                             "--data-dir")
                                  .arg(QDir::toNativeSeparators(directory)));
    if (file.exists()) {
        if (!file.isFile())
            return Error::storage(
                QStringLiteral("%1 is not a file; choose another --data-dir").arg(QDir::toNativeSeparators(path)));
        if (!file.isReadable() || !file.isWritable())
            return Error::storage(QStringLiteral("the database file %1 is read-only; make it writable or choose "
                                                 "another --data-dir")
                                      .arg(QDir::toNativeSeparators(path)));
    }
    return {};
}

} // namespace

Result<std::unique_ptr<Store>> Store::open(const StoreConfig &config)
{
    if (config.engine == StoreEngine::Sqlite) {
        if (auto ok = preflightSqlite(config.sqlitePath); !ok)
            return ok.error();
    }
    auto d = std::make_unique<Private>();
    d->config = config;
    // Owned from the start, so a refused open closes this thread's connection
    // at once instead of leaving it (and a SQLite file's -wal) open until the thread ends.
    std::unique_ptr<Store> store(new Store(std::move(d)));
    auto connection = store->d->connection();
    if (!connection)
        return connection.error();
    Connection &c = *connection.value();

    // Read the version first and touch nothing else, so a newer or foreign
    // file is refused exactly as it was found.
    auto version = store::Migrator::currentVersion(c);
    if (!version)
        return version.error();
    const int latest = store::Migrator::latestVersion();
    if (version.value() > latest) {
        Error error = store::newerSchemaError(version.value(), latest);
        error.message = config.describe() + QStringLiteral(": ") + error.message;
        return error;
    }

    if (config.engine == StoreEngine::Sqlite) {
        // Another process opening the same new file at the same moment may hold
        // it briefly (switching it to WAL); statements such as the journal-mode
        // switch answer SQLITE_BUSY at once instead of waiting, so wait here.
        QElapsedTimer waited;
        waited.start();
        const auto retry = [&](auto step) {
            for (;;) {
                auto result = step();
                if (result || !c.lastFailureWasBusy() || waited.elapsed() >= config.busyTimeoutMs)
                    return result;
                QThread::msleep(20);
            }
        };
        {
            auto check = retry([&] { return c.run(QStringLiteral("PRAGMA quick_check(1)")); });
            if (!check)
                return check.error();
            if (!check->next() || check->text(0) != u"ok") {
                // quick_check reports on several lines ("*** in database main ***\nPage 5: ...").
                return Error::storage(
                    QStringLiteral("the database file %1 is damaged (%2); restore it from a backup "
                                   "or choose another --data-dir")
                        .arg(QDir::toNativeSeparators(config.sqlitePath), check->text(0).simplified()));
            }
        }
        // Readers are never blocked in WAL mode, so ask for the write lock now:
        // a file another program holds locked fails here, clearly, not on the first edit.
        if (auto probe = c.execute(QStringLiteral("BEGIN IMMEDIATE")); !probe)
            return probe.error();
        (void)c.execute(QStringLiteral("ROLLBACK"));
        auto mode = retry([&] { return c.run(QStringLiteral("PRAGMA journal_mode = WAL")); });
        if (!mode)
            return mode.error();
        if (!mode->next() || mode->text(0).compare(u"wal", Qt::CaseInsensitive) != 0)
            return Error::storage(QStringLiteral("cannot switch %1 to write-ahead logging; is it on a network drive?")
                                      .arg(QDir::toNativeSeparators(config.sqlitePath)));
    }

    auto migrated = store::Migrator::migrate(c);
    if (!migrated)
        return migrated.error();
    qCInfo(store::lcStore) << "opened" << config.describe() << "at schema version" << migrated.value();
    return store;
}

Result<User> Store::insertUser(const User &user)
{
    return d->insertUser(user, {});
}

namespace {

Result<std::optional<User>> userFromRows(Rows &rows)
{
    if (!rows.next())
        return std::optional<User>();
    User user;
    const auto id = uuidFromText(rows.text(0));
    if (!id)
        return unreadable(QStringLiteral("user"), rows.text(0), QStringLiteral("bad id"));
    user.id = *id;
    user.username = rows.text(1);
    user.passwordHash = rows.isNull(2) ? QString() : rows.text(2);
    user.createdAt = timestampFromMsecs(rows.integer(3));
    return std::optional<User>(user);
}

} // namespace

Result<std::optional<User>> Store::userById(const QUuid &id)
{
    return d->withConnection<std::optional<User>>([&](Connection &c) -> Result<std::optional<User>> {
        auto rows = c.run(QStringLiteral("SELECT id, username, password_hash, created_at FROM users WHERE id = ?"),
                          {text(id)});
        if (!rows)
            return rows.error();
        return userFromRows(rows.value());
    });
}

Result<std::optional<User>> Store::userByName(const QString &username)
{
    return d->withConnection<std::optional<User>>([&](Connection &c) -> Result<std::optional<User>> {
        auto rows = c.run(QStringLiteral("SELECT id, username, password_hash, created_at FROM users "
                                         "WHERE username_key = ?"),
                          {username.toCaseFolded()});
        if (!rows)
            return rows.error();
        return userFromRows(rows.value());
    });
}

Result<void> Store::setPasswordHash(const QUuid &userId, const QString &hash)
{
    auto updated = d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
                          {hash.isEmpty() ? store::nullText() : QVariant(hash), text(userId)});
        if (!rows)
            return rows.error();
        if (rows->affected() != 1)
            return Error::notFound(QStringLiteral("no such user"));
        return true;
    });
    if (!updated)
        return updated.error();
    return {};
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
    if (auto head = d->readHead(c, ownerId, true); !head) {
        Private::rollback(c);
        return head.error();
    }
    ++c.unitDepth;
    Result<void> done = work();
    --c.unitDepth;
    std::vector<std::function<void()>> waiting;
    std::swap(waiting, c.afterCommit);
    if (done) {
        if (auto committed = Private::commit(c); !committed)
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

void Store::afterCommit(std::function<void()> action)
{
    auto connection = d->connection();
    if (connection && connection.value()->unitDepth > 0) {
        connection.value()->afterCommit.push_back(std::move(action));
        return;
    }
    action();
}

Result<QList<Change>> Store::operationChanges(const QUuid &ownerId, const QUuid &opId)
{
    return d->withConnection<QList<Change>>([&](Connection &c) -> Result<QList<Change>> {
        qint64 first = 0;
        qint64 last = 0;
        {
            auto rows
                = c.run(QStringLiteral("SELECT first_seq, last_seq FROM operations WHERE owner_id = ? AND op_id = ?"),
                        {text(ownerId), text(opId)});
            if (!rows)
                return rows.error();
            if (!rows->next())
                return QList<Change>();
            first = rows->integer(0);
            last = rows->integer(1);
        }
        auto changes = d->selectChanges(c, ownerId, first - 1, last, int(last - first + 1));
        if (!changes)
            return changes.error();
        for (Change &change : changes.value())
            change.replayed = true;
        return changes;
    });
}

Result<CompactionStats> Store::compact(const QDateTime &cutoff)
{
    return d->withConnection<CompactionStats>([&](Connection &c) -> Result<CompactionStats> {
        if (auto begun = d->beginWrite(c); !begun)
            return begun.error();
        bool committed = false;
        auto guard = qScopeGuard([&] {
            if (!committed)
                Private::rollback(c);
        });
        const qint64 limit = cutoff.toMSecsSinceEpoch();
        CompactionStats stats;

        // Each owner's new floor: the newest old row. Rows are removed only up
        // to it, so what stays is always a contiguous tail of the log.
        QList<std::pair<QString, qint64>> floors;
        {
            auto rows = c.run(QStringLiteral("SELECT owner_id, MAX(seq) FROM change_log WHERE created_at < ? "
                                             "GROUP BY owner_id"),
                              {limit});
            if (!rows)
                return rows.error();
            while (rows->next())
                floors.append({rows->text(0), rows->integer(1)});
        }
        for (const auto &[owner, floor] : std::as_const(floors)) {
            auto raised
                = c.run(QStringLiteral("UPDATE log_heads SET floor_seq = ? WHERE owner_id = ? AND floor_seq < ?"),
                        {floor, owner, floor});
            if (!raised)
                return raised.error();
            auto removed
                = c.run(QStringLiteral("DELETE FROM change_log WHERE owner_id = ? AND seq <= ?"), {owner, floor});
            if (!removed)
                return removed.error();
            stats.changes += removed->affected();
        }
        const auto removeOld = [&](const QString &sql) -> Result<qint64> {
            auto rows = c.run(sql, {limit});
            if (!rows)
                return rows.error();
            return qint64(rows->affected());
        };
        auto operations = removeOld(QStringLiteral("DELETE FROM operations WHERE created_at < ?"));
        if (!operations)
            return operations.error();
        stats.operations = operations.value();
        auto tasks = removeOld(QStringLiteral("DELETE FROM tasks WHERE deleted_at IS NOT NULL AND deleted_at < ?"));
        if (!tasks)
            return tasks.error();
        auto sessions
            = removeOld(QStringLiteral("DELETE FROM chat_sessions WHERE deleted_at IS NOT NULL AND deleted_at < ?"));
        if (!sessions)
            return sessions.error();
        stats.tombstones = tasks.value() + sessions.value();
        for (const auto *table : {"revoked_tokens", "invites"}) {
            auto expired
                = removeOld(QStringLiteral("DELETE FROM %1 WHERE expires_at < ?").arg(QLatin1StringView(table)));
            if (!expired)
                return expired.error();
        }
        if (auto done = Private::commit(c); !done)
            return done.error();
        committed = true;
        return stats;
    });
}

Result<void> Store::revokeToken(const QString &jti, const QUuid &userId, const QDateTime &expiresAt)
{
    auto revoked = d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES (?, ?, ?) "
                                         "ON CONFLICT (jti) DO NOTHING"),
                          {jti, text(userId), expiresAt.toMSecsSinceEpoch()});
        if (!rows)
            return rows.error();
        return true;
    });
    if (!revoked)
        return revoked.error();
    return {};
}

Result<bool> Store::isTokenRevoked(const QString &jti)
{
    return d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("SELECT 1 FROM revoked_tokens WHERE jti = ?"), {jti});
        if (!rows)
            return rows.error();
        return rows->next();
    });
}

Result<void> Store::insertInvite(const QString &codeHash, const QUuid &issuedBy, const QDateTime &createdAt,
                                 const QDateTime &expiresAt)
{
    auto inserted = d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("INSERT INTO invites (code_hash, issued_by, created_at, expires_at) "
                                         "VALUES (?, ?, ?, ?)"),
                          {codeHash, text(issuedBy), createdAt.toMSecsSinceEpoch(), expiresAt.toMSecsSinceEpoch()});
        if (!rows)
            return rows.error();
        return true;
    });
    if (!inserted)
        return inserted.error();
    return {};
}

Result<User> Store::insertUserWithInvite(const User &user, const QString &codeHash, const QDateTime &usedAt)
{
    // The user row first (insertUser's transaction): the invite's used_by refers to it.
    return d->insertUser(user, [&](Connection &c) -> Result<void> {
        // Only one transaction can move used_by from NULL: a concurrent one
        // waits for this row lock (PostgreSQL) or for the write lock (SQLite),
        // then finds the invite used.
        auto redeemed = c.run(QStringLiteral("UPDATE invites SET used_by = ?, used_at = ? "
                                             "WHERE code_hash = ? AND used_by IS NULL AND expires_at > ?"),
                              {text(user.id), usedAt.toMSecsSinceEpoch(), codeHash, usedAt.toMSecsSinceEpoch()});
        if (!redeemed)
            return redeemed.error();
        if (redeemed->affected() != 1)
            return Error::forbidden(QStringLiteral("this invite code is not valid: it is unknown, used or expired"));
        return {};
    });
}

Result<QString> Store::assistantState(const QUuid &ownerId, const QUuid &sessionId)
{
    return d->withConnection<QString>([&](Connection &c) -> Result<QString> {
        auto rows = c.run(QStringLiteral("SELECT state FROM assistant_state WHERE session_id = ? AND owner_id = ?"),
                          {text(sessionId), text(ownerId)});
        if (!rows)
            return rows.error();
        return rows->next() ? rows->text(0) : QString();
    });
}

Result<void> Store::setAssistantState(const QUuid &ownerId, const QUuid &sessionId, const QString &state,
                                      const QDateTime &at)
{
    auto written = d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("INSERT INTO assistant_state (session_id, owner_id, state, updated_at) "
                                         "VALUES (?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
                                         "state = excluded.state, updated_at = excluded.updated_at "
                                         "WHERE assistant_state.owner_id = excluded.owner_id"),
                          {text(sessionId), text(ownerId), nonNull(state), at.toMSecsSinceEpoch()});
        if (!rows)
            return rows.error();
        if (rows->affected() != 1)
            return Error::notFound(QStringLiteral("no such conversation"));
        return true;
    });
    if (!written)
        return written.error();
    return {};
}

} // namespace tandem
