#include "taskmodel.h"

#include "common/backgroundrunner.h"
#include "dashboard/tasklabels.h"
#include "domain/textfold.h"
#include "services/taskservice.h"

#include <QColor>
#include <QDate>
#include <QFont>
#include <QLocale>
#include <QPointer>
#include <QSet>

#include <algorithm>

namespace tandem {

namespace {

// "Today", "Tomorrow 09:00", "Fri 3 Apr", "3 Apr 2027 14:30"
QString dueText(const Due &due)
{
    if (due.isNone())
        return {};
    const QLocale locale;
    const QDate today = QDate::currentDate();
    QDate date = due.date();
    QString time;
    if (due.hasTime()) {
        const QDateTime local = due.dateTime().toLocalTime();
        date = local.date();
        QString format = locale.timeFormat(QLocale::ShortFormat);
        format.remove(QStringLiteral(":ss")); // "C"-like locales include seconds in the short form
        time = locale.toString(local.time(), format);
    }
    QString day;
    if (date == today)
        day = TaskModel::tr("Today");
    else if (date == today.addDays(1))
        day = TaskModel::tr("Tomorrow");
    else if (date == today.addDays(-1))
        day = TaskModel::tr("Yesterday");
    else if (date.year() == today.year())
        day = locale.toString(date, QStringLiteral("ddd d MMM"));
    else
        day = locale.toString(date, QLocale::ShortFormat);
    return time.isEmpty() ? day : day + u' ' + time;
}

} // namespace

TaskModel::TaskModel(TaskService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_runner(runner)
    , m_ownerId(ownerId)
{
    m_query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
    connect(&m_service, &TaskService::changed, this, &TaskModel::applyChange);
}

bool TaskModel::isRow(const QModelIndex &index) const
{
    // Views and the model tester probe with invalid indexes: answer quietly.
    return index.isValid() && index.model() == this && !index.parent().isValid() && index.row() < m_rows.size()
        && index.column() < ColumnCount;
}

int TaskModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const Task &task = m_rows.at(index.row());
    switch (role) {
    case TaskIdRole:
        return task.id;
    case RevisionRole:
        return task.revision;
    case StatusRole:
        return int(task.status);
    case Qt::EditRole:
        return index.column() == TitleColumn ? QVariant(task.title) : QVariant();
    case Qt::CheckStateRole:
        if (index.column() == DoneColumn)
            return task.status == TaskStatus::Completed ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return task.title;
        case PriorityColumn:
            return priorityLabel(task.priority);
        case DueColumn:
            return QString(dueText(task.due) + repeatMarker(task));
        case TagsColumn:
            return task.tags.join(QStringLiteral(", "));
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == DueColumn
            && isOverdue(task, QDateTime::currentDateTimeUtc(), QTimeZone::systemTimeZone()))
            return QColor(0xc6, 0x28, 0x28);
        if (index.column() == PriorityColumn && task.priority == TaskPriority::Urgent)
            return QColor(0xc6, 0x28, 0x28);
        if (index.column() == PriorityColumn && task.priority == TaskPriority::High)
            return QColor(0xd8, 0x6a, 0x00);
        return {};
    case Qt::FontRole:
        if (index.column() == TitleColumn && task.status == TaskStatus::Completed) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn && !task.description.isEmpty())
            return task.description;
        if (index.column() == DueColumn && !task.due.isNone())
            return dueToolTip(task);
        return {};
    case SortRole:
        switch (index.column()) {
        case DoneColumn:
            return int(task.status);
        case TitleColumn:
            return task.title;
        case PriorityColumn:
            return int(task.priority);
        case DueColumn:
            return task.due.sortKey() ? QVariant(*task.due.sortKey()) : QVariant();
        case TagsColumn:
            return task.tags;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant TaskModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DoneColumn:
        return QString();
    case TitleColumn:
        return tr("Task");
    case PriorityColumn:
        return tr("Priority");
    case DueColumn:
        return tr("Due");
    case TagsColumn:
        return tr("Tags");
    default:
        return {};
    }
}

Qt::ItemFlags TaskModel::flags(const QModelIndex &index) const
{
    if (!isRow(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == DoneColumn)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() == TitleColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool TaskModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!isRow(index))
        return false;
    const Task &task = m_rows.at(index.row());
    if (role == Qt::EditRole && index.column() == TitleColumn) {
        if (value.toString() != task.title)
            Q_EMIT titleChangeRequested(task.id, value.toString(), task.revision);
        return true;
    }
    if (role != Qt::CheckStateRole || index.column() != DoneColumn)
        return false;
    const bool done = value.value<Qt::CheckState>() == Qt::Checked;
    Q_EMIT statusChangeRequested(task.id, done ? TaskStatus::Completed : TaskStatus::Pending, task.revision);
    return true;
}

void TaskModel::setQuery(const TaskQuery &query)
{
    m_query = query;
    reload();
}

void TaskModel::reload()
{
    const quint64 generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    m_pending.clear();
    TaskService *service = &m_service;
    const QUuid owner = m_ownerId;
    const TaskQuery query = m_query;
    m_runner.run(
        this, [service, owner, query] { return service->query(owner, query); },
        [this, generation](const Result<TaskList> &result) {
            if (generation != m_generation)
                return; // a newer load is on its way
            if (!result) {
                m_loading = false;
                Q_EMIT loadingChanged(false);
                Q_EMIT loadFailed(result.error().message);
                return;
            }
            finishLoad(result->tasks, result->seq);
        });
}

void TaskModel::finishLoad(const QList<Task> &tasks, qint64 seq)
{
    beginResetModel();
    m_rows = tasks;
    // The store sorts in SQL with the same order; keep the invariant even if
    // an engine's collation ever disagrees.
    const auto less = [this](const Task &a, const Task &b) {
        return m_query.lessThan(a, b);
    };
    if (!std::is_sorted(m_rows.cbegin(), m_rows.cend(), less))
        std::sort(m_rows.begin(), m_rows.end(), less);
    m_revisions.clear();
    for (const Task &task : std::as_const(m_rows))
        m_revisions.insert(task.id, task.revision);
    m_seq = seq;
    endResetModel();
    m_loading = false;
    // Changes that committed while the load ran and are newer than it.
    const QList<Change> pending = std::exchange(m_pending, {});
    for (const Change &change : pending) {
        if (change.seq > seq)
            applyChange(change);
    }
    Q_EMIT loadingChanged(false);
}

int TaskModel::insertionRow(const Task &task) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), task,
                                     [this](const Task &a, const Task &b) { return m_query.lessThan(a, b); });
    return int(it - m_rows.cbegin());
}

void TaskModel::forgetTask(const QUuid &taskId)
{
    const int row = rowOf(taskId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

QStringList TaskModel::knownTags() const
{
    QStringList tags;
    QSet<QString> seen;
    for (const Task &task : m_rows) {
        for (const QString &tag : task.tags) {
            if (const QString key = tagKey(tag); !seen.contains(key)) {
                seen.insert(key);
                tags.append(tag);
            }
        }
    }
    tags.sort(Qt::CaseInsensitive);
    return tags;
}

int TaskModel::rowOf(const QUuid &taskId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == taskId)
            return row;
    }
    return -1;
}

void TaskModel::applyChange(const Change &change)
{
    const Task *task = change.task();
    if (!task || change.ownerId != m_ownerId)
        return;
    if (m_loading) {
        m_pending.append(change);
        return;
    }
    m_seq = std::max(m_seq, change.seq);
    applyTask(*task);
}

void TaskModel::applyTask(const Task &state)
{
    // Changes from several writers can arrive out of order; the revision
    // tells which state is newer.
    const Task *task = &state;
    if (m_loading)
        return; // the load under way brings the current state
    const auto known = m_revisions.constFind(task->id);
    if (known != m_revisions.cend() && known.value() >= task->revision)
        return;
    m_revisions.insert(task->id, task->revision);

    const int oldRow = rowOf(task->id);
    const bool shown = !task->isDeleted() && m_query.matches(*task);
    if (oldRow >= 0 && !shown) {
        beginRemoveRows({}, oldRow, oldRow);
        m_rows.removeAt(oldRow);
        endRemoveRows();
        return;
    }
    if (!shown)
        return;
    if (oldRow >= 0) {
        const Task previous = m_rows.at(oldRow);
        m_rows.removeAt(oldRow);
        const int newRow = insertionRow(*task);
        m_rows.insert(oldRow, previous);
        if (newRow == oldRow) {
            m_rows[oldRow] = *task;
            Q_EMIT dataChanged(index(oldRow, 0), index(oldRow, ColumnCount - 1));
            return;
        }
        // Qt's move destination counts rows before the move.
        beginMoveRows({}, oldRow, oldRow, {}, newRow > oldRow ? newRow + 1 : newRow);
        m_rows.removeAt(oldRow);
        m_rows.insert(newRow, *task);
        endMoveRows();
        return;
    }
    const int row = insertionRow(*task);
    beginInsertRows({}, row, row);
    m_rows.insert(row, *task);
    endInsertRows();
}

} // namespace tandem
