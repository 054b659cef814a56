// DashboardView's choice of what the list shows: the sidebar's list, the
// search field, the filter chips, "Show completed" and grouping, composed
// into one TaskQuery for the model. The list's editing is dashboardview.cpp.
#include "dashboardview.h"

#include "dashboard/listfilterbar.h"
#include "dashboard/taskmodel.h"
#include "dashboard/tasksidebar.h"
#include "services/smartlistcounts.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QTimer>
#include <QTreeView>

namespace tandem {

namespace {
constexpr int dayCheckMs = 60'000;
} // namespace

void DashboardView::createListControls()
{
    m_counts = new SmartListCounts(m_model.replica(), this);
    m_sidebar = new TaskSidebar(*m_counts, this);
    m_filters = new ListFilterBar(*m_counts, this);
    addAction(m_filters->findAction());

    m_groupAction = new QAction(tr("&Group by Date"), this);
    m_groupAction->setObjectName(QStringLiteral("groupByDateAction"));
    m_groupAction->setCheckable(true);
    m_groupAction->setChecked(true);

    connect(m_sidebar, &TaskSidebar::choiceChanged, this, [this](const ListChoice &choice) {
        m_filters->setTagFilterAvailable(!choice.isTag());
        applyList();
    });
    connect(m_filters, &ListFilterBar::changed, this, &DashboardView::applyList);
    connect(m_groupAction, &QAction::toggled, this, &DashboardView::applyList);
    // Headers span the row; Qt keeps the span with the row as rows move.
    connect(&m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { spanHeaders(first, last); });
    connect(&m_model, &QAbstractItemModel::modelReset, this, [this] { spanHeaders(0, m_model.rowCount() - 1); });
    connect(&m_model, &QAbstractItemModel::layoutChanged, this, [this] { spanHeaders(0, m_model.rowCount() - 1); });

    // Today's list and the date chips are dates: they move when the day turns.
    m_day = QDate::currentDate();
    m_dayTimer = new QTimer(this);
    m_dayTimer->setInterval(dayCheckMs);
    connect(m_dayTimer, &QTimer::timeout, this, [this] {
        if (QDate::currentDate() != m_day)
            applyList();
    });
    m_dayTimer->start();
}

QAction *DashboardView::findAction() const
{
    return m_filters->findAction();
}

void DashboardView::applyList()
{
    const ListChoice choice = m_sidebar->choice();
    const QDateTime now = QDateTime::currentDateTime();
    m_day = now.date();
    TaskQuery query = listQuery(choice, m_showCompleted->isChecked(), now);
    m_filters->applyTo(query, now);
    m_model.setQuery(query, m_groupAction->isChecked() ? listGrouping(choice) : TaskGrouping::None);
    updatePlaceholder();
}

void DashboardView::spanHeaders(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        if (m_model.isHeader(row))
            m_view->setFirstColumnSpanned(row, {}, true);
    }
}

// Brings a task the list does not show into it, a step at a time; its row or -1.
int DashboardView::revealTask(const QUuid &taskId)
{
    const TaskReplica::Entry *entry = m_model.replica().find(taskId);
    if (!entry)
        return -1;
    if (!entry->isOpen() && !m_showCompleted->isChecked() && m_sidebar->choice().list != SmartList::Completed)
        m_showCompleted->setChecked(true);
    if (m_model.rowOf(taskId) < 0) {
        const QSignalBlocker blocker(m_filters);
        m_filters->searchField()->clear();
        m_filters->setTag({});
        m_filters->setPriorities({});
        m_filters->setDueRange(DueRange::Any);
        applyList();
    }
    if (m_model.rowOf(taskId) < 0)
        m_sidebar->setChoice(ListChoice{});
    return m_model.rowOf(taskId);
}

QStringList DashboardView::knownTags() const
{
    QStringList names;
    const QList<SmartListCounts::Tag> tags = m_counts->tags();
    names.reserve(tags.size());
    for (const SmartListCounts::Tag &tag : tags)
        names.append(tag.name);
    return names;
}

} // namespace tandem
