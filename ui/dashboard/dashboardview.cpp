#include "dashboardview.h"

#include "assistant/phrasing.h"
#include "dashboard/listfilterbar.h"
#include "dashboard/taskactions.h"
#include "dashboard/taskcontextmenu.h"
#include "dashboard/taskdetailpane.h"
#include "dashboard/taskmodel.h"
#include "dashboard/taskrowdelegates.h"
#include "dashboard/tasksidebar.h"
#include "dashboard/undotoast.h"
#include "domain/json.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStackedLayout>
#include <QTextCharFormat>
#include <QTimeZone>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace tandem {

DashboardView::DashboardView(TaskModel &model, TaskActions &actions, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_actions(actions)
{
    m_addLine = new QLineEdit(this);
    m_addLine->setPlaceholderText(tr("Add a task: “Call Alex tomorrow 3pm #work p1”, then Enter"));
    m_addLine->setClearButtonEnabled(true);
    m_addLine->setMaxLength(int(TaskLimits::MaxTitle) * 2); // code points may take two UTF-16 units
    m_addLine->setAccessibleName(tr("New task"));

    m_showCompleted = new QCheckBox(tr("Show completed"), this);

    // What the quick-add line understood so far, as the user types.
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("quickAddPreview"));
    m_preview->setForegroundRole(QPalette::PlaceholderText);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->hide();

    m_view = new QTreeView(this);
    // Before the view hears of a removal (it moves the current row first), so
    // this sees which row was current.
    connect(&m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { rememberPlace(first, last); });
    m_view->setModel(&m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAccessibleName(tr("Tasks"));
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked); // F2 is renameAction, from any column
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(TaskModel::TitleColumn, new TitleDelegate(m_view));
    m_view->setItemDelegateForColumn(TaskModel::DoneColumn, new GroupHeaderDelegate(m_view));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TaskModel::DoneColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(TaskModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(TaskModel::DoneColumn, 32);
    header->resizeSection(TaskModel::PriorityColumn, 90);
    header->resizeSection(TaskModel::DueColumn, 150);
    header->resizeSection(TaskModel::TagsColumn, 160);
    // A click sorts by the column, a second reverses, a third goes back to the list's own order.
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    createListControls();
    auto *top = new QHBoxLayout;
    top->addWidget(m_addLine, 1);
    top->addWidget(m_showCompleted);

    auto *stackHost = new QWidget(this);
    m_stack = new QStackedLayout(stackHost);
    m_stack->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);
    m_toast = new UndoToast(stackHost);

    m_pane = new TaskDetailPane(m_actions, this);
    m_pane->hide();
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(stackHost);
    m_splitter->addWidget(m_pane);
    // The list takes what the window gains; the pane keeps its width.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);

    auto *main = new QWidget(this);
    auto *column = new QVBoxLayout(main);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(top);
    column->addWidget(m_preview);
    column->addWidget(m_filters);
    column->addWidget(m_splitter, 1);
    auto *outer = new QSplitter(Qt::Horizontal, this);
    outer->setChildrenCollapsible(false);
    outer->addWidget(m_sidebar);
    outer->addWidget(main);
    outer->setStretchFactor(0, 0);
    outer->setStretchFactor(1, 1);
    outer->setSizes({200, 900});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(outer, 1);

    m_deleteAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete Task"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_deleteAction);

    m_toggleDoneAction = new QAction(tr("Mark &Done / Not Done"), this);
    m_toggleDoneAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_toggleDoneAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_toggleDoneAction);

    m_editAction = new QAction(QIcon::fromTheme(QStringLiteral("document-edit")), tr("&Edit Task…"), this);
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_editAction);

    m_renameAction = new QAction(tr("&Rename Task"), this);
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_renameAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_renameAction);

    m_showCompletedAction = new QAction(tr("Show &Completed Tasks"), this);
    m_showCompletedAction->setCheckable(true);

    connect(m_addLine, &QLineEdit::returnPressed, this, &DashboardView::submitAddLine);
    connect(m_addLine, &QLineEdit::textChanged, this, &DashboardView::updatePreview);
    connect(m_deleteAction, &QAction::triggered, this, &DashboardView::deleteSelected);
    connect(m_toggleDoneAction, &QAction::triggered, this, &DashboardView::toggleCurrentDone);
    connect(m_showCompleted, &QCheckBox::toggled, this, &DashboardView::applyList);
    connect(m_showCompletedAction, &QAction::toggled, m_showCompleted, &QCheckBox::setChecked);
    connect(m_showCompleted, &QCheckBox::toggled, m_showCompletedAction, &QAction::setChecked);
    connect(m_editAction, &QAction::triggered, this, &DashboardView::editCurrent);
    connect(m_renameAction, &QAction::triggered, this, &DashboardView::renameCurrent);
    connect(&m_model, &TaskModel::statusChangeRequested, &m_actions, &TaskActions::setStatus);
    // A writer this process does not hear (another process on the same
    // store) shows up as a conflict or a vanished task: the rows catch up.
    connect(&m_actions, &TaskActions::conflicted, &m_model, &TaskModel::applyTask);
    connect(&m_actions, &TaskActions::vanished, &m_model, &TaskModel::forgetTask);
    connect(&m_model, &TaskModel::titleChangeRequested, this,
            [this](const QUuid &id, const QString &title, qint64 revision) {
                TaskPatch patch;
                patch.title = title;
                m_actions.update(id, patch, revision);
            });
    // A click opens the pane once it is clearly not the first half of a
    // double-click: the pane narrowing the list must not move the title
    // from under the second click.
    m_openTimer = new QTimer(this);
    m_openTimer->setSingleShot(true);
    m_openTimer->setInterval(QApplication::doubleClickInterval());
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        m_clickedTask = index.data(TaskModel::TaskIdRole).toUuid();
        if (m_pane->isVisible())
            openTask(m_clickedTask);
        else
            m_openTimer->start();
    });
    connect(m_view, &QAbstractItemView::doubleClicked, m_openTimer, &QTimer::stop);
    connect(m_openTimer, &QTimer::timeout, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (!m_view->indexWidget(current.siblingAtColumn(TaskModel::TitleColumn)))
            openTask(m_clickedTask);
    });
    connect(m_view, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openTask(index.data(TaskModel::TaskIdRole).toUuid()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DashboardView::followCurrent);
    connect(m_view, &QWidget::customContextMenuRequested, this, &DashboardView::showContextMenu);
    connect(m_pane, &TaskDetailPane::closeRequested, this, &DashboardView::closePane);
    connect(m_pane, &TaskDetailPane::knownTagsWanted, this, [this] { m_pane->setKnownTags(knownTags()); });
    connect(&m_model, &QAbstractItemModel::modelReset, this, &DashboardView::updatePlaceholder);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &DashboardView::updatePlaceholder);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &DashboardView::updatePlaceholder);
    connect(&m_model, &TaskModel::loadingChanged, this, &DashboardView::updatePlaceholder);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DashboardView::updateActions);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &DashboardView::updateActions);
    connect(&m_model, &TaskModel::loadingChanged, this, &DashboardView::selectPendingTask);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &DashboardView::keepPlace);

    // The toast after a completion or deletion; the next change (or an undo) dismisses it.
    connect(m_actions.undoStack(), &QUndoStack::indexChanged, m_toast, &UndoToast::dismiss);
    connect(m_toast, &UndoToast::undoRequested, m_actions.undoStack(), &QUndoStack::undo);
    connect(&m_actions, &TaskActions::completed, m_toast,
            [this](const QString &title) { m_toast->showMessage(tr("Completed “%1”").arg(title)); });
    connect(&m_actions, &TaskActions::removed, m_toast, [this](int count, const QString &title) {
        m_toast->showMessage(count == 1 ? tr("Deleted “%1”").arg(title) : tr("Deleted %n tasks", nullptr, count));
    });

    setFocusProxy(m_addLine);
    applyList();
    updateActions();
}

void DashboardView::focusAddLine()
{
    m_addLine->setFocus(Qt::ShortcutFocusReason);
    m_addLine->selectAll();
}

void DashboardView::selectTask(const QUuid &taskId)
{
    int row = m_model.rowOf(taskId);
    if (row < 0 && !m_model.isLoading())
        row = revealTask(taskId);
    if (row < 0) {
        // Not in the replica yet: wait for the load in progress.
        if (m_model.isLoading())
            m_pendingSelection = taskId;
        return;
    }
    m_pendingSelection = {};
    const QModelIndex index = m_model.index(row, TaskModel::TitleColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_view->setFocus(Qt::OtherFocusReason);
}

void DashboardView::rememberPlace(int first, int last)
{
    const int current = m_view->currentIndex().row();
    m_placeRow = current >= first && current <= last ? first : -1;
}

void DashboardView::keepPlace()
{
    // The current row left the list (completed, deleted): its successor, or
    // the new last row, becomes current and selected, so the next key acts on it.
    const int place = std::exchange(m_placeRow, -1);
    if (place < 0 || m_model.taskCount() == 0)
        return;
    // The next task at or after the place, else the last before it (headers are no place).
    int row = qMin(place, m_model.rowCount() - 1);
    while (row < m_model.rowCount() && m_model.isHeader(row))
        ++row;
    if (row >= m_model.rowCount()) {
        row = m_model.rowCount() - 1;
        while (row > 0 && m_model.isHeader(row))
            --row;
    }
    const QModelIndex index = m_model.index(row, TaskModel::TitleColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void DashboardView::selectPendingTask()
{
    if (m_model.isLoading() || m_pendingSelection.isNull())
        return;
    selectTask(std::exchange(m_pendingSelection, {}));
}

void DashboardView::submitAddLine()
{
    const QString title = m_addLine->text().trimmed();
    if (title.isEmpty())
        return;
    m_actions.create(title);
    m_addLine->clear();
}

QColor quickAddSpanColor(assistant::Span::Kind kind)
{
    // Soft tints that read on light and dark palettes alike.
    switch (kind) {
    case assistant::Span::Kind::Due:
        return QColor(59, 130, 246, 70);
    case assistant::Span::Kind::Priority:
        return QColor(239, 68, 68, 70);
    case assistant::Span::Kind::Tag:
        return QColor(34, 197, 94, 70);
    case assistant::Span::Kind::Repeat:
        return QColor(168, 85, 247, 70);
    }
    return {};
}

void DashboardView::highlightSpans(const QList<assistant::Span> &spans)
{
    // QLineEdit has no public API for styling part of its text; an input
    // method event carrying only formats (no preedit, nothing committed) sets
    // them, positioned relative to the cursor, and leaves the text alone.
    QList<QInputMethodEvent::Attribute> attributes;
    const int cursor = m_addLine->cursorPosition();
    for (const assistant::Span &span : spans) {
        QTextCharFormat format;
        format.setBackground(quickAddSpanColor(span.kind));
        attributes.append(QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat, int(span.start) - cursor,
                                                       int(span.length), format));
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_addLine, &event);
}

void DashboardView::updatePreview(const QString &text)
{
    const assistant::QuickAdd parsed = parseQuickAdd(text);
    highlightSpans(parsed.spans);
    QStringList parts;
    if (!parsed.due.isNone()) {
        // The assistant's words ("tomorrow at 9:00", "on Friday"): what the user typed, confirmed.
        const assistant::Now now{QDateTime::currentDateTime(), QTimeZone::systemTimeZone()};
        parts.append(tr("Due %1").arg(assistant::humanDue(parsed.due, now)));
    }
    if (parsed.priority && *parsed.priority != TaskPriority::None)
        parts.append(tr("Priority: %1").arg(taskPriorityName(*parsed.priority)));
    for (const QString &tag : parsed.tags)
        parts.append(u'#' + tag);
    if (parts.isEmpty() || text.trimmed().isEmpty()) {
        m_preview->hide();
        return;
    }
    m_preview->setText(parsed.title.isEmpty() ? tr("Say what the task is · %1").arg(parts.join(QStringLiteral(" · ")))
                                              : tr("“%1” · %2").arg(parsed.title, parts.join(QStringLiteral(" · "))));
    m_preview->show();
}

void DashboardView::deleteSelected()
{
    QList<QUuid> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(TaskModel::TaskIdRole).toUuid());
    m_actions.remove(ids);
}

void DashboardView::toggleCurrentDone()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex done = current.siblingAtColumn(TaskModel::DoneColumn);
    const bool checked = done.data(Qt::CheckStateRole).value<Qt::CheckState>() == Qt::Checked;
    m_model.setData(done, checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
}

void DashboardView::updatePlaceholder()
{
    const bool empty = m_model.rowCount() == 0;
    if ((m_model.isLoading() || !m_model.replica().isLoaded()) && empty)
        m_placeholder->setText(tr("Loading tasks…"));
    else if (empty && !m_model.query().text.isEmpty())
        m_placeholder->setText(
            tr("No task matches “%1”.\nPress Escape to clear the search.").arg(m_model.query().text));
    else if (empty && m_model.replica().size() > 0)
        m_placeholder->setText(tr("Nothing here.\nPick another list, or type a task above and press Enter."));
    else if (empty)
        m_placeholder->setText(m_showCompleted->isChecked()
                                   ? tr("No tasks yet.\nType one above and press Enter.")
                                   : tr("Nothing left to do.\nType a task above and press Enter."));
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_placeholder) : m_view);
}

void DashboardView::updateActions()
{
    const bool selected = m_view->selectionModel()->hasSelection();
    m_deleteAction->setEnabled(selected);
    m_toggleDoneAction->setEnabled(selected);
    m_editAction->setEnabled(selected);
    m_renameAction->setEnabled(selected);
}

void DashboardView::openTask(const QUuid &taskId)
{
    const int row = m_model.rowOf(taskId);
    if (row < 0)
        return;
    if (m_pane->task().id != taskId || m_pane->isDeleted())
        m_pane->showTask(m_model.taskAt(row));
    m_pane->setKnownTags(knownTags());
    m_pane->show();
}

void DashboardView::followCurrent()
{
    // An open pane follows the list's current row.
    const QModelIndex current = m_view->currentIndex();
    if (m_pane->isVisible() && current.isValid())
        openTask(current.data(TaskModel::TaskIdRole).toUuid());
}

void DashboardView::editCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    openTask(current.data(TaskModel::TaskIdRole).toUuid());
    m_pane->focusTitle();
}

void DashboardView::renameCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        m_view->edit(current.siblingAtColumn(TaskModel::TitleColumn));
}

void DashboardView::closePane()
{
    m_pane->hide();
    m_view->setFocus(Qt::OtherFocusReason);
}

QMenu *DashboardView::createContextMenu(const QUuid &taskId)
{
    const int row = m_model.rowOf(taskId);
    if (row < 0)
        return nullptr;
    return createTaskContextMenu(
        m_model.taskAt(row), knownTags(), m_actions,
        [this, taskId] {
            selectTask(taskId);
            editCurrent();
        },
        this);
}

void DashboardView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    if (QMenu *menu = createContextMenu(index.data(TaskModel::TaskIdRole).toUuid()))
        menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace tandem
