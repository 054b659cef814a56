#include "centralstack.h"

namespace tandem {

CentralStack::CentralStack(QWidget *dashboard, QWidget *parent)
    : QStackedWidget(parent)
    , m_dashboard(dashboard)
{
    setObjectName(QStringLiteral("CentralStack"));
    addWidget(dashboard);
    setCurrentWidget(dashboard);
}

void CentralStack::setPage(QWidget *page)
{
    if (m_page)
        removeWidget(m_page);
    m_page = page;
    addWidget(page);
}

void CentralStack::showPage(bool show)
{
    QWidget *next = show && m_page ? m_page : m_dashboard;
    if (next == currentWidget())
        return;
    setCurrentWidget(next);
    Q_EMIT pageShownChanged(next == m_page);
}

} // namespace tandem
