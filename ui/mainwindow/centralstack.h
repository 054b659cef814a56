#pragma once

#include <QStackedWidget>

namespace tandem {

// The main window's centre: the dashboard, or a page that takes its whole
// place (the full-page chat) until it is put away again.
class CentralStack final : public QStackedWidget
{
    Q_OBJECT

public:
    explicit CentralStack(QWidget *dashboard, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(CentralStack)

    QWidget *dashboard() const { return m_dashboard; }
    // The page showPage() shows; it becomes this stack's child.
    void setPage(QWidget *page);
    QWidget *page() const { return m_page; }
    bool isPageShown() const { return m_page && currentWidget() == m_page; }

    // The page in the dashboard's place (true) or the dashboard again (false).
    void showPage(bool show);

Q_SIGNALS:
    // Fires after the other widget is shown.
    void pageShownChanged(bool shown);

private:
    QWidget *m_dashboard = nullptr;
    QWidget *m_page = nullptr;
};

} // namespace tandem
