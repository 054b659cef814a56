#pragma once

#include "domain/user.h"

#include <QMainWindow>

class QLabel;

namespace tandem {

class BackgroundRunner;
class DashboardView;
class TaskActions;
class TaskModel;
class TaskService;

// Composes the dashboard, menus and status bar. Holds no logic of its own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(TaskService &tasks, BackgroundRunner &runner, const User &owner, const QString &storeDescription,
               QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    DashboardView *dashboard() const { return m_dashboard; }
    TaskModel *taskModel() const { return m_model; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void showError(const QString &message);
    void updateCount();
    void showAbout();

    TaskModel *m_model = nullptr;
    TaskActions *m_actions = nullptr;
    DashboardView *m_dashboard = nullptr;
    QLabel *m_countLabel = nullptr;
    QString m_storeDescription;
};

} // namespace tandem
