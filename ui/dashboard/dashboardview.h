#pragma once

#include "assistant/quickadd.h"
#include "dashboard/listchoice.h"

#include <QColor>
#include <QDate>
#include <QUuid>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QStackedLayout;
class QTimer;
class QTreeView;

namespace tandem {

class ListFilterBar;
class SmartListCounts;
class TaskActions;
class TaskSidebar;
class TaskDetailPane;
class TaskModel;
class UndoToast;

// The task list with its add line, the sidebar of lists (smart lists and
// tags, with counts) on its left, the search field and filter chips above it
// and the detail pane beside it. Owns no data: it shows a TaskModel over the
// shared replica and sends edits to TaskActions.
// F2 or a double-click on a title renames in place; a click or Enter shows
// the task in the pane; a right-click offers the row's menu.
class DashboardView final : public QWidget
{
    Q_OBJECT

public:
    DashboardView(TaskModel &model, TaskActions &actions, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DashboardView)

    QAction *deleteAction() const { return m_deleteAction; }
    QAction *toggleDoneAction() const { return m_toggleDoneAction; }
    QAction *showCompletedAction() const { return m_showCompletedAction; }
    // View ▸ Group by Date: headers for Overdue, Today, Tomorrow, Later (days under Upcoming).
    QAction *groupAction() const { return m_groupAction; }
    // Ctrl+F: the search field.
    QAction *findAction() const;
    TaskSidebar *sidebar() const { return m_sidebar; }
    ListFilterBar *filterBar() const { return m_filters; }
    // Opens the current task in the pane with its title focused.
    QAction *editAction() const { return m_editAction; }
    // Renames the current task in place (F2).
    QAction *renameAction() const { return m_renameAction; }
    TaskDetailPane *detailPane() const { return m_pane; }
    QLineEdit *addLine() const { return m_addLine; }
    QLabel *preview() const { return m_preview; }
    QTreeView *view() const { return m_view; }
    // The note offering Undo after a task is completed or deleted.
    UndoToast *undoToast() const { return m_toast; }

    void focusAddLine();
    // Selects, shows and focuses the task's row. A task the list does not show
    // is brought in view: completed tasks shown, then the search and chips
    // cleared, then the All list chosen, as far as it takes.
    void selectTask(const QUuid &taskId);
    // Shows the task in the detail pane (opening it).
    void openTask(const QUuid &taskId);
    // The row menu for a task in the list (see createTaskContextMenu); not yet shown.
    QMenu *createContextMenu(const QUuid &taskId);

private:
    void submitAddLine();
    void updatePreview(const QString &text);
    void highlightSpans(const QList<assistant::Span> &spans);
    void deleteSelected();
    void toggleCurrentDone();
    void createListControls();
    void applyList();
    void spanHeaders(int first, int last);
    int revealTask(const QUuid &taskId);
    QStringList knownTags() const;
    void updatePlaceholder();
    void updateActions();
    void selectPendingTask();
    void editCurrent();
    void renameCurrent();
    void followCurrent();
    void showContextMenu(const QPoint &pos);
    void closePane();
    void rememberPlace(int first, int last);
    void keepPlace();

    TaskModel &m_model;
    TaskActions &m_actions;
    QLineEdit *m_addLine = nullptr;
    QLabel *m_preview = nullptr;
    QCheckBox *m_showCompleted = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedLayout *m_stack = nullptr;
    QSplitter *m_splitter = nullptr;
    TaskDetailPane *m_pane = nullptr;
    QTimer *m_openTimer = nullptr;
    QUuid m_clickedTask;
    QAction *m_editAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_toggleDoneAction = nullptr;
    QAction *m_showCompletedAction = nullptr;
    QAction *m_groupAction = nullptr;
    SmartListCounts *m_counts = nullptr;
    TaskSidebar *m_sidebar = nullptr;
    ListFilterBar *m_filters = nullptr;
    QTimer *m_dayTimer = nullptr;
    QDate m_day; // the day the list's dates were computed on
    QUuid m_pendingSelection; // selectTask() waits for the next load
    UndoToast *m_toast = nullptr;
    int m_placeRow = -1; // the current row, while it is being removed
};

// The tint the quick-add line gives what it recognised (a due date, a
// priority, a tag); tests look for it in a grab of the line.
QColor quickAddSpanColor(assistant::Span::Kind kind);

} // namespace tandem
