#pragma once

#include "dashboard/listchoice.h"

#include <QWidget>

class QListView;

namespace tandem {

class SidebarModel;
class SmartListCounts;

// The smart lists and tags beside the task list, each with its live count.
// Choosing an entry (click or keyboard) chooses the list the dashboard shows.
class TaskSidebar final : public QWidget
{
    Q_OBJECT

public:
    explicit TaskSidebar(SmartListCounts &counts, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TaskSidebar)

    const ListChoice &choice() const { return m_choice; }
    // Chooses an entry as a click would (choiceChanged() fires if it differs).
    void setChoice(const ListChoice &choice);
    QListView *view() const { return m_view; }
    SidebarModel *model() const { return m_model; }

Q_SIGNALS:
    // The user (or setChoice()) chose another list; also when a chosen tag's
    // last task went and the choice fell back to All.
    void choiceChanged(const tandem::ListChoice &choice);

private:
    void followCurrent();
    void restoreChoice();

    SidebarModel *m_model = nullptr;
    QListView *m_view = nullptr;
    ListChoice m_choice;
};

} // namespace tandem
