#pragma once

#include "domain/change.h"
#include "domain/task.h"
#include "domain/taskquery.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QUuid>

namespace tandem {

class TaskService;
class BackgroundRunner;

// The owner's tasks that match a query, sorted as the query says. A thin
// adapter: the rows come from TaskService (loaded off the GUI thread) and
// follow its changed() signal; edits are requested through signals, never
// written here.
class TaskModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { DoneColumn, TitleColumn, PriorityColumn, DueColumn, TagsColumn, ColumnCount };
    enum Role {
        TaskIdRole = Qt::UserRole + 1, // QUuid
        RevisionRole, // qint64
        SortRole, // a raw value for the column (no formatting)
        StatusRole, // TaskStatus as int
    };

    TaskModel(TaskService &service, BackgroundRunner &runner, const QUuid &ownerId, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TaskModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Ticking the done box asks for a status change, and editing the title
    // (EditRole) a new title; the row changes when the committed change comes back.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const TaskQuery &query() const { return m_query; }
    // Replaces the query and reloads in the background.
    void setQuery(const TaskQuery &query);
    void reload();

    bool isLoading() const { return m_loading; }
    const Task &taskAt(int row) const { return m_rows.at(row); }
    int rowOf(const QUuid &taskId) const;
    // The tags of the tasks shown, each once (ignoring case), sorted.
    QStringList knownTags() const;

    // Applies a committed change (ignored when not a task of this owner, or
    // older than what the model shows).
    void applyChange(const Change &change);
    // Shows a task's state learnt another way (the current version a conflict
    // answered with); ignored when older than what the model shows.
    void applyTask(const Task &task);
    // Drops a task found deleted (an edit answered NotFound).
    void forgetTask(const QUuid &taskId);

Q_SIGNALS:
    // The user ticked or unticked a task's done box.
    void statusChangeRequested(const QUuid &taskId, TaskStatus status, qint64 revision);
    // The user renamed a task in place (the text as typed, not yet checked).
    void titleChangeRequested(const QUuid &taskId, const QString &title, qint64 revision);
    // Fires when a load starts (true) and when its rows are in (false).
    void loadingChanged(bool loading);
    // A background load failed; the rows stay as they were.
    void loadFailed(const QString &message);

private:
    void finishLoad(const QList<Task> &tasks, qint64 seq);
    int insertionRow(const Task &task) const;
    bool isRow(const QModelIndex &index) const;

    TaskService &m_service;
    BackgroundRunner &m_runner;
    QUuid m_ownerId;
    TaskQuery m_query;
    QList<Task> m_rows;
    QHash<QUuid, qint64> m_revisions; // every task seen, shown or not, by id
    qint64 m_seq = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<Change> m_pending; // changes that arrived while a load was running
};

} // namespace tandem
