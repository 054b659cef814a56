#pragma once

#include "domain/task.h"
#include "domain/taskquery.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <functional>

class QAction;
class QHBoxLayout;
class QLineEdit;
class QMenu;
class QToolButton;

namespace tandem {

class SmartListCounts;

// A due-date range a filter chip narrows the list to (on top of the list's own dates).
enum class DueRange { Any, Today, NextSevenDays, ThisMonth, Overdue, NoDate };

// The row above the task list that narrows it: a search field (Ctrl+F; title
// and description, ignoring case and accents, as TaskQuery::text does
// everywhere; Escape clears it), a Filter menu, and one removable chip per
// filter in force: a tag, priorities, a due range.
class ListFilterBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ListFilterBar(SmartListCounts &counts, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ListFilterBar)

    QLineEdit *searchField() const { return m_search; }
    QToolButton *filterButton() const { return m_filterButton; }
    // Focuses the search field (Ctrl+F).
    QAction *findAction() const { return m_findAction; }
    // The chips shown, in order (each removes its filter when clicked).
    QList<QToolButton *> chips() const;

    // Narrows `query` by the search text and the chips, as of `now`.
    void applyTo(TaskQuery &query, const QDateTime &now) const;

    void setTag(const QString &name); // empty: any
    void setPriorities(const QList<TaskPriority> &priorities); // empty: any
    void setDueRange(DueRange range);
    // A tag's own list has its tag already: the tag chip goes and the menu hides it.
    void setTagFilterAvailable(bool available);

Q_SIGNALS:
    // The search text or a filter changed.
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillMenu();
    void updateChips();
    void addChip(const QString &text, const QString &accessibleName, const std::function<void()> &remove);

    SmartListCounts &m_counts;
    QLineEdit *m_search = nullptr;
    QToolButton *m_filterButton = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_findAction = nullptr;
    QHBoxLayout *m_chipLayout = nullptr;
    QString m_tag;
    QList<TaskPriority> m_priorities;
    DueRange m_dueRange = DueRange::Any;
    bool m_tagAvailable = true;
};

QString dueRangeLabel(DueRange range);

} // namespace tandem
