#pragma once

#include "domain/task.h"
#include "domain/taskquery.h"
#include "services/tasklistorder.h"
#include "services/taskreplica.h"

#include <QAbstractTableModel>
#include <QList>
#include <QUuid>

#include <vector>

class QTimer;

namespace tandem {

// The tasks of a shared TaskReplica that match a query, in a TaskOrder,
// optionally under group headers (Overdue, Today, ...). A thin adapter: the
// filtering (TaskMatcher), order and groups are core's; the model keeps one
// vector of rows, and a change in the replica inserts, moves, removes or
// updates one row in place, so selection, scroll and an edit in progress
// survive it. Edits are requested through signals, never written here.
class TaskModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DoneColumn, TitleColumn, PriorityColumn, DueColumn, TagsColumn, ColumnCount };
    enum Role {
        TaskIdRole = Qt::UserRole + 1, // QUuid; null on a header
        RevisionRole, // qint64
        SortRole, // a raw value for the column (no formatting)
        StatusRole, // TaskStatus as int
        HeaderRole, // bool: the row is a group's header
        GroupCountRole, // int: on a header, how many tasks its group shows
        GroupRole, // qint64: the row's group key (TaskGroups)
    };

    explicit TaskModel(TaskReplica &replica, QObject *parent = nullptr);
    ~TaskModel() override;
    Q_DISABLE_COPY_MOVE(TaskModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Ticking the done box asks for a status change, and editing the title
    // (EditRole) a new title; the row changes when the committed change comes back.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    // A column header's click: orders by that column (TaskOrderKey); column
    // -1 (the indicator cleared) goes back to the query's own order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    const TaskQuery &query() const { return m_query; }
    // Shows the tasks `query` selects (its sort is the order until a column is chosen).
    void setQuery(const TaskQuery &query);
    // The same, grouped as `grouping` says (one reset for both).
    void setQuery(const TaskQuery &query, TaskGrouping grouping);
    const TaskOrder &order() const { return m_order; }
    void setOrder(const TaskOrder &order);
    TaskGrouping grouping() const { return m_groups.grouping(); }
    void setGrouping(TaskGrouping grouping);
    // Reads the replica again with the current time (groups, "overdue").
    void reload();
    TaskReplica &replica() const { return m_replica; }

    // Whether the replica is still loading its first contents.
    bool isLoading() const;
    int taskCount() const { return m_taskCount; }
    bool isHeader(int row) const { return row >= 0 && row < int(m_rows.size()) && !m_rows[std::size_t(row)].entry; }
    // The task on a row; an empty task on a header.
    const Task &taskAt(int row) const;
    int rowOf(const QUuid &taskId) const;
    // Every tag in use, each once (ignoring case), sorted.
    QStringList knownTags() const;
    // The group key (TaskGroups) of a header or task row.
    qint64 groupAt(int row) const { return m_rows.at(std::size_t(row)).group; }
    // A header's words for a group ("Overdue", "Tomorrow", "Friday 12 December").
    QString groupTitle(qint64 group) const;

    // Shows a task's state learnt another way (the current version a conflict
    // answered with) in the replica, so every window shows it; ignored when
    // older than what it holds.
    void applyTask(const Task &task);
    // Drops a task found deleted (an edit answered NotFound) from the replica.
    void forgetTask(const QUuid &taskId);

Q_SIGNALS:
    // The user ticked or unticked a task's done box.
    void statusChangeRequested(const QUuid &taskId, TaskStatus status, qint64 revision);
    // The user renamed a task in place (the text as typed, not yet checked).
    void titleChangeRequested(const QUuid &taskId, const QString &title, qint64 revision);
    // Fires when the replica starts loading (true) and when its tasks are in (false).
    void loadingChanged(bool loading);
    // The replica's load failed; the rows stay as they were.
    void loadFailed(const QString &message);

private:
    struct Row
    {
        const TaskReplica::Entry *entry = nullptr; // null: the group's header
        qint64 group = 0;
    };
    bool rowLess(const Row &a, const Row &b) const;
    bool isRow(const QModelIndex &index) const;
    std::vector<Row> selectRows();
    void rebuild(bool keepPlaces);
    void resetRows();
    void tick();
    int findRow(const TaskReplica::Entry &entry) const;
    int lowerBound(const Row &row, int skip = -1) const;
    int groupEnd(int headerRow) const;
    int ensureHeader(qint64 group);
    void dropHeaderIfEmpty(qint64 group);
    void taskAboutToChange(const TaskReplica::Entry &entry);
    void taskChanged(const QUuid &taskId, const TaskReplica::Entry *entry);
    void insertTask(const TaskReplica::Entry &entry);
    void removeTask(int row);
    void moveTask(int from, const TaskReplica::Entry &entry);

    TaskReplica &m_replica;
    TaskQuery m_query;
    TaskMatcher m_matcher;
    TaskOrder m_order;
    TaskGroups m_groups;
    std::vector<Row> m_rows;
    // The tasks the query selects but for its text, sorted and grouped: a
    // search keystroke only filters them (no sort). Dropped on any change.
    std::vector<Row> m_base;
    bool m_baseValid = false;
    int m_taskCount = 0;
    int m_changingRow = -1; // the row of the task the replica is changing
    bool m_columnOrder = false; // a column header chose m_order (else the query's sort did)
    QTimer *m_clock = nullptr;
};

} // namespace tandem
