#include "taskmodel.h"

#include "common/themecolors.h"
#include "dashboard/tasklabels.h"

#include <QColor>
#include <QDate>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QTimeZone>
#include <QTimer>

namespace tandem {

namespace {

// The list follows the clock: groups and "overdue" move as dues pass.
constexpr int clockMs = 60'000;

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

const Task &emptyTask()
{
    static const Task empty;
    return empty;
}

} // namespace

TaskModel::TaskModel(TaskReplica &replica, QObject *parent)
    : QAbstractTableModel(parent)
    , m_replica(replica)
    , m_query([] {
        TaskQuery open;
        open.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
        return open;
    }())
    , m_matcher(m_query)
    , m_order(TaskOrder::of(m_query.sort, m_query.reversed))
{
    connect(&m_replica, &TaskReplica::aboutToReset, this, [this] { beginResetModel(); });
    connect(&m_replica, &TaskReplica::resetDone, this, [this] {
        m_rows.clear(); // the old entries are gone
        m_baseValid = false;
        m_rows = selectRows();
        endResetModel();
    });
    connect(&m_replica, &TaskReplica::taskAboutToChange, this, &TaskModel::taskAboutToChange);
    connect(&m_replica, &TaskReplica::taskChanged, this, &TaskModel::taskChanged);
    connect(&m_replica, &TaskReplica::loadingChanged, this, &TaskModel::loadingChanged);
    connect(&m_replica, &TaskReplica::loadFailed, this, &TaskModel::loadFailed);
    m_clock = new QTimer(this);
    m_clock->setInterval(clockMs);
    connect(m_clock, &QTimer::timeout, this, &TaskModel::tick);
    m_clock->start();
    m_rows = selectRows();
}

TaskModel::~TaskModel() = default;

bool TaskModel::isRow(const QModelIndex &index) const
{
    // Views and the model tester probe with invalid indexes: answer quietly.
    return index.isValid() && index.model() == this && !index.parent().isValid() && index.row() < int(m_rows.size())
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

bool TaskModel::isLoading() const
{
    return m_replica.isLoading();
}

const Task &TaskModel::taskAt(int row) const
{
    const TaskReplica::Entry *entry = m_rows.at(std::size_t(row)).entry;
    return entry ? entry->task : emptyTask();
}

QStringList TaskModel::knownTags() const
{
    return m_replica.tags();
}

void TaskModel::applyTask(const Task &task)
{
    m_replica.apply(task);
}

void TaskModel::forgetTask(const QUuid &taskId)
{
    m_replica.remove(taskId);
}

QString TaskModel::groupTitle(qint64 group) const
{
    switch (group) {
    case TaskGroups::Overdue:
        return tr("Overdue");
    case TaskGroups::NoDate:
        return tr("No date");
    case TaskGroups::Completed:
        return tr("Completed");
    default:
        break;
    }
    if (m_groups.grouping() == TaskGrouping::When) {
        switch (group) {
        case TaskGroups::Today:
            return tr("Today");
        case TaskGroups::Tomorrow:
            return tr("Tomorrow");
        default:
            return tr("Later");
        }
    }
    const QDate day = QDate::fromJulianDay(group);
    if (group == m_groups.today())
        return tr("Today");
    if (group == m_groups.today() + 1)
        return tr("Tomorrow");
    const QLocale locale;
    return day.year() == QDate::fromJulianDay(m_groups.today()).year()
        ? locale.toString(day, QStringLiteral("dddd d MMMM"))
        : locale.toString(day, QStringLiteral("dddd d MMMM yyyy"));
}

QVariant TaskModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    if (!row.entry) {
        switch (role) {
        case HeaderRole:
            return true;
        case GroupCountRole:
            return groupEnd(index.row()) - index.row() - 1;
        case GroupRole:
            return row.group;
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return index.column() == 0 ? groupTitle(row.group) : QString();
        default:
            return {};
        }
    }
    const Task &task = row.entry->task;
    switch (role) {
    case TaskIdRole:
        return task.id;
    case RevisionRole:
        return task.revision;
    case StatusRole:
        return int(task.status);
    case HeaderRole:
        return false;
    case GroupRole:
        return row.group;
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
            return themecolors::danger(QGuiApplication::palette());
        if (index.column() == PriorityColumn && task.priority == TaskPriority::Urgent)
            return themecolors::danger(QGuiApplication::palette());
        if (index.column() == PriorityColumn && task.priority == TaskPriority::High)
            return themecolors::warning(QGuiApplication::palette());
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
    // A header is neither selectable nor enabled: the keyboard passes over it.
    if (!m_rows[std::size_t(index.row())].entry)
        return Qt::ItemNeverHasChildren;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == DoneColumn)
        flags |= Qt::ItemIsUserCheckable;
    if (index.column() == TitleColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool TaskModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!isRow(index) || !m_rows[std::size_t(index.row())].entry)
        return false;
    const Task &task = m_rows[std::size_t(index.row())].entry->task;
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

void TaskModel::sort(int column, Qt::SortOrder order)
{
    const bool reversed = order == Qt::DescendingOrder;
    m_columnOrder = column >= 0 && column < ColumnCount;
    switch (column) {
    case DoneColumn:
        setOrder({TaskOrderKey::Status, reversed});
        break;
    case TitleColumn:
        setOrder({TaskOrderKey::Title, reversed});
        break;
    case PriorityColumn:
        setOrder({TaskOrderKey::Priority, reversed});
        break;
    case DueColumn:
        setOrder({TaskOrderKey::Due, reversed});
        break;
    case TagsColumn:
        setOrder({TaskOrderKey::Tags, reversed});
        break;
    default:
        setOrder(TaskOrder::of(m_query.sort, m_query.reversed));
        break;
    }
}

} // namespace tandem
