#pragma once

#include "assistant/quickadd.h"

#include <QColor>
#include <QUuid>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QStackedLayout;
class QTreeView;

namespace tandem {

class TaskActions;
class TaskModel;

// The task list with its add line and filter toggle. Owns no data: it shows
// a TaskModel and sends edits to TaskActions.
class DashboardView final : public QWidget
{
    Q_OBJECT

public:
    DashboardView(TaskModel &model, TaskActions &actions, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(DashboardView)

    QAction *deleteAction() const { return m_deleteAction; }
    QAction *toggleDoneAction() const { return m_toggleDoneAction; }
    QAction *showCompletedAction() const { return m_showCompletedAction; }
    // Renames the current task in place (F2).
    QAction *renameAction() const { return m_renameAction; }
    QLineEdit *addLine() const { return m_addLine; }
    QLabel *preview() const { return m_preview; }
    QTreeView *view() const { return m_view; }

    void focusAddLine();
    // Selects, shows and focuses the task's row; a task hidden by the
    // completed filter is selected once the filter shows completed tasks.
    void selectTask(const QUuid &taskId);

private:
    void submitAddLine();
    void updatePreview(const QString &text);
    void highlightSpans(const QList<assistant::Span> &spans);
    void deleteSelected();
    void toggleCurrentDone();
    void setShowCompleted(bool show);
    void updatePlaceholder();
    void updateActions();
    void selectPendingTask();
    void renameCurrent();

    TaskModel &m_model;
    TaskActions &m_actions;
    QLineEdit *m_addLine = nullptr;
    QLabel *m_preview = nullptr;
    QCheckBox *m_showCompleted = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedLayout *m_stack = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_toggleDoneAction = nullptr;
    QAction *m_showCompletedAction = nullptr;
    QUuid m_pendingSelection; // selectTask() waits for the next load
};

// The tint the quick-add line gives what it recognised (a due date, a
// priority, a tag); tests look for it in a grab of the line.
QColor quickAddSpanColor(assistant::Span::Kind kind);

} // namespace tandem
