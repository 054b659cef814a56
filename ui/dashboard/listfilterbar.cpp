#include "listfilterbar.h"

#include "dashboard/tasklabels.h"
#include "domain/textfold.h"
#include "services/smartlistcounts.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QTimeZone>
#include <QToolButton>

#include <algorithm>
#include <memory>

namespace tandem {

namespace {

// An empty due range: a list of dated tasks asked for undated ones, or the reverse.
void matchNothing(TaskQuery &query, const QDateTime &now)
{
    query.dueAfter = now;
    query.dueBefore = now;
}

} // namespace

QString dueRangeLabel(DueRange range)
{
    switch (range) {
    case DueRange::Any:
        return ListFilterBar::tr("Any date");
    case DueRange::Today:
        return ListFilterBar::tr("Due today");
    case DueRange::NextSevenDays:
        return ListFilterBar::tr("Due in the next 7 days");
    case DueRange::ThisMonth:
        return ListFilterBar::tr("Due this month");
    case DueRange::Overdue:
        return ListFilterBar::tr("Overdue");
    case DueRange::NoDate:
        return ListFilterBar::tr("No due date");
    }
    return {};
}

ListFilterBar::ListFilterBar(SmartListCounts &counts, QWidget *parent)
    : QWidget(parent)
    , m_counts(counts)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("taskSearch"));
    m_search->setPlaceholderText(tr("Search tasks (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search tasks"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    m_search->installEventFilter(this);

    m_menu = new QMenu(this);
    m_filterButton = new QToolButton(this);
    m_filterButton->setObjectName(QStringLiteral("filterButton"));
    m_filterButton->setText(tr("Filter"));
    m_filterButton->setAccessibleName(tr("Filter tasks"));
    m_filterButton->setPopupMode(QToolButton::InstantPopup);
    m_filterButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_filterButton->setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &ListFilterBar::fillMenu);

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    m_chipLayout = new QHBoxLayout;
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setSpacing(6);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_filterButton);
    layout->addLayout(m_chipLayout);
    layout->addStretch(1);

    connect(m_search, &QLineEdit::textChanged, this, &ListFilterBar::changed);
}

bool ListFilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
        m_search->clear();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ListFilterBar::applyTo(TaskQuery &query, const QDateTime &now) const
{
    query.text = m_search->text().trimmed();
    if (m_tagAvailable && !m_tag.isEmpty())
        query.tag = m_tag;
    if (!m_priorities.isEmpty())
        query.priorities = m_priorities;
    const QTimeZone zone = query.timeZone;
    const QDate today = now.toTimeZone(zone).date();
    QDate first;
    QDate end;
    switch (m_dueRange) {
    case DueRange::Any:
        return;
    case DueRange::Today:
        first = today;
        end = today.addDays(1);
        break;
    case DueRange::NextSevenDays:
        first = today;
        end = today.addDays(7);
        break;
    case DueRange::ThisMonth:
        first = QDate(today.year(), today.month(), 1);
        end = first.addMonths(1);
        break;
    case DueRange::Overdue:
        if (query.dueFilter == DueFilter::NoDue)
            matchNothing(query, now);
        else
            query.dueFilter = DueFilter::Overdue;
        return;
    case DueRange::NoDate:
        if (query.dueFilter == DueFilter::Any)
            query.dueFilter = DueFilter::NoDue;
        else if (query.dueFilter != DueFilter::NoDue)
            matchNothing(query, now);
        return;
    }
    // The tighter of the list's own bounds and the chip's.
    const QDateTime after(first, QTime(0, 0), zone);
    const QDateTime before(end, QTime(0, 0), zone);
    if (!query.dueAfter.isValid() || query.dueAfter < after)
        query.dueAfter = after;
    if (!query.dueBefore.isValid() || query.dueBefore > before)
        query.dueBefore = before;
    if (query.dueFilter == DueFilter::Any)
        query.dueFilter = DueFilter::HasDue;
}

void ListFilterBar::setTag(const QString &name)
{
    m_tag = name;
    updateChips();
    Q_EMIT changed();
}

void ListFilterBar::setPriorities(const QList<TaskPriority> &priorities)
{
    m_priorities = priorities;
    std::sort(m_priorities.begin(), m_priorities.end(), std::greater<>());
    updateChips();
    Q_EMIT changed();
}

void ListFilterBar::setDueRange(DueRange range)
{
    m_dueRange = range;
    updateChips();
    Q_EMIT changed();
}

void ListFilterBar::setTagFilterAvailable(bool available)
{
    m_tagAvailable = available;
    if (!available)
        m_tag.clear();
    updateChips();
}

void ListFilterBar::fillMenu()
{
    m_menu->clear();
    QMenu *priority = m_menu->addMenu(tr("&Priority"));
    priority->setObjectName(QStringLiteral("priorityFilterMenu"));
    const QList<TaskPriority> priorities = taskPriorities();
    for (auto it = priorities.crbegin(); it != priorities.crend(); ++it) {
        const TaskPriority level = *it;
        QAction *action = priority->addAction(priorityLabel(level, true));
        action->setCheckable(true);
        action->setChecked(m_priorities.contains(level));
        connect(action, &QAction::toggled, this, [this, level](bool on) {
            QList<TaskPriority> chosen = m_priorities;
            chosen.removeAll(level);
            if (on)
                chosen.append(level);
            setPriorities(chosen);
        });
    }
    QMenu *due = m_menu->addMenu(tr("&Due"));
    due->setObjectName(QStringLiteral("dueFilterMenu"));
    auto *group = new QActionGroup(due);
    for (DueRange range : {DueRange::Any, DueRange::Today, DueRange::NextSevenDays, DueRange::ThisMonth,
                           DueRange::Overdue, DueRange::NoDate}) {
        QAction *action = due->addAction(dueRangeLabel(range));
        action->setCheckable(true);
        action->setChecked(m_dueRange == range);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, range] { setDueRange(range); });
    }
    QMenu *tags = m_menu->addMenu(tr("&Tag"));
    tags->setObjectName(QStringLiteral("tagFilterMenu"));
    tags->setEnabled(m_tagAvailable);
    const QList<SmartListCounts::Tag> known = m_counts.tags();
    for (const SmartListCounts::Tag &tag : known) {
        QAction *action = tags->addAction(u'#' + tag.name);
        action->setCheckable(true);
        action->setChecked(tagKey(m_tag) == tag.key);
        connect(action, &QAction::triggered, this, [this, name = tag.name](bool on) { setTag(on ? name : QString()); });
    }
    if (known.isEmpty())
        tags->addAction(tr("No tags yet"))->setEnabled(false);
}

QList<QToolButton *> ListFilterBar::chips() const
{
    QList<QToolButton *> chips;
    for (int i = 0; i < m_chipLayout->count(); ++i) {
        if (auto *chip = qobject_cast<QToolButton *>(m_chipLayout->itemAt(i)->widget()))
            chips.append(chip);
    }
    return chips;
}

void ListFilterBar::addChip(const QString &text, const QString &accessibleName, const std::function<void()> &remove)
{
    auto *chip = new QToolButton(this);
    chip->setObjectName(QStringLiteral("filterChip"));
    chip->setText(text + QStringLiteral("  ✕"));
    chip->setAccessibleName(accessibleName);
    chip->setToolTip(tr("Remove this filter"));
    chip->setAutoRaise(false);
    chip->setStyleSheet(QStringLiteral("QToolButton#filterChip { border: 1px solid palette(mid); border-radius: 11px;"
                                       " padding: 2px 10px; background: palette(alternate-base); }"
                                       "QToolButton#filterChip:hover { background: palette(midlight); }"));
    connect(chip, &QToolButton::clicked, this, remove);
    m_chipLayout->addWidget(chip);
    chip->show(); // now, not when the layout's queued show comes round
}

void ListFilterBar::updateChips()
{
    while (std::unique_ptr<QLayoutItem> item{m_chipLayout->takeAt(0)}) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
    }
    if (m_tagAvailable && !m_tag.isEmpty())
        addChip(u'#' + m_tag, tr("Remove the tag filter %1").arg(m_tag), [this] { setTag({}); });
    if (!m_priorities.isEmpty()) {
        QStringList names;
        for (TaskPriority priority : std::as_const(m_priorities))
            names.append(priorityLabel(priority, true));
        const QString text = tr("Priority: %1").arg(names.join(QStringLiteral(", ")));
        addChip(text, tr("Remove the filter %1").arg(text), [this] { setPriorities({}); });
    }
    if (m_dueRange != DueRange::Any) {
        const QString text = dueRangeLabel(m_dueRange);
        addChip(text, tr("Remove the filter %1").arg(text), [this] { setDueRange(DueRange::Any); });
    }
}

} // namespace tandem
