#pragma once

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
    QLineEdit *addLine() const { return m_addLine; }
    QTreeView *view() const { return m_view; }

    void focusAddLine();

private:
    void submitAddLine();
    void deleteSelected();
    void toggleCurrentDone();
    void setShowCompleted(bool show);
    void updatePlaceholder();
    void updateActions();

    TaskModel &m_model;
    TaskActions &m_actions;
    QLineEdit *m_addLine = nullptr;
    QCheckBox *m_showCompleted = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedLayout *m_stack = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_toggleDoneAction = nullptr;
    QAction *m_showCompletedAction = nullptr;
};

} // namespace tandem
