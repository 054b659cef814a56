#include "taskquery.h"

#include "textfold.h"
#include "textorder.h"

#include <algorithm>

namespace tandem {

QString taskSortName(TaskSort sort, bool reversed)
{
    QString name;
    switch (sort) {
    case TaskSort::Due:
        name = QStringLiteral("due");
        break;
    case TaskSort::Priority:
        name = QStringLiteral("priority");
        break;
    case TaskSort::Created:
        name = QStringLiteral("created");
        break;
    case TaskSort::Updated:
        name = QStringLiteral("updated");
        break;
    case TaskSort::Title:
        name = QStringLiteral("title");
        break;
    }
    return reversed ? u'-' + name : name;
}

std::optional<std::pair<TaskSort, bool>> taskSortFromName(QStringView name)
{
    const bool reversed = name.startsWith(u'-');
    if (reversed)
        name = name.mid(1);
    for (TaskSort sort : {TaskSort::Due, TaskSort::Priority, TaskSort::Created, TaskSort::Updated, TaskSort::Title}) {
        if (name == taskSortName(sort, false))
            return std::pair{sort, reversed};
    }
    return std::nullopt;
}

QString taskSearchText(const Task &task)
{
    return foldForSearch(QString(task.title + u'\n' + task.description));
}

QString TaskQuery::foldedTag() const
{
    return tagKey(tag);
}

QString TaskQuery::foldedText() const
{
    return foldForSearch(text);
}

QDate TaskQuery::firstDate() const
{
    if (!dueAfter.isValid())
        return {};
    // The day ends after `dueAfter` exactly when the day is on or after its date.
    return dueAfter.toTimeZone(timeZone).date();
}

QDate TaskQuery::endDate() const
{
    if (!dueBefore.isValid())
        return {};
    // The day starts before `dueBefore` when it is before its date, or on its
    // date if `dueBefore` is later than that day's midnight.
    const QDateTime local = dueBefore.toTimeZone(timeZone);
    const QDateTime midnight(local.date(), QTime(0, 0), timeZone);
    return local > midnight ? local.date().addDays(1) : local.date();
}

bool TaskQuery::matches(const Task &task) const
{
    return TaskMatcher(*this).matches(task);
}

TaskKeys TaskKeys::of(const Task &task)
{
    TaskKeys keys;
    if (task.due.hasTime())
        keys.dueMs = task.due.dateTime().toMSecsSinceEpoch();
    else if (!task.due.isNone())
        keys.dueDay = task.due.date().toJulianDay();
    if (task.completedAt.isValid())
        keys.completedMs = task.completedAt.toMSecsSinceEpoch();
    keys.status = quint8(task.status);
    keys.priority = quint8(task.priority);
    keys.deleted = task.isDeleted();
    return keys;
}

namespace {
qint64 msOrNone(const QDateTime &instant)
{
    return instant.isValid() ? instant.toMSecsSinceEpoch() : TaskKeys::none;
}
qint64 dayOrNone(const QDate &date)
{
    return date.isValid() ? date.toJulianDay() : TaskKeys::none;
}
} // namespace

TaskMatcher::TaskMatcher(const TaskQuery &query)
    : m_dueFilter(query.dueFilter)
    , m_text(query.text.isEmpty() ? QString() : query.foldedText())
    , m_tag(query.foldedTag())
    , m_dueBounded(query.dueAfter.isValid() || query.dueBefore.isValid())
    , m_completedBounded(query.completedAfter.isValid() || query.completedBefore.isValid())
    , m_afterMs(msOrNone(query.dueAfter))
    , m_beforeMs(msOrNone(query.dueBefore))
    , m_firstDay(dayOrNone(query.firstDate()))
    , m_endDay(dayOrNone(query.endDate()))
    , m_completedAfterMs(msOrNone(query.completedAfter))
    , m_completedBeforeMs(msOrNone(query.completedBefore))
{
    for (TaskStatus status : query.statuses)
        m_statuses |= 1u << unsigned(status);
    for (TaskPriority priority : query.priorities)
        m_priorities |= 1u << unsigned(priority);
    const QDateTime now = query.now.isValid() ? query.now : QDateTime::currentDateTimeUtc();
    m_nowMs = now.toMSecsSinceEpoch();
    m_today = now.toTimeZone(query.timeZone).date().toJulianDay();
}

bool TaskMatcher::matches(const Task &task) const
{
    if (!matchesExceptText(task))
        return false;
    return m_text.isEmpty() || taskSearchText(task).contains(m_text);
}

bool TaskMatcher::matches(const Task &task, QStringView searchText) const
{
    return matchesExceptText(task) && (m_text.isEmpty() || searchText.contains(m_text));
}

bool TaskMatcher::matchesExceptText(const Task &task) const
{
    if (!matchesKeys(TaskKeys::of(task)))
        return false;
    // A tag that trims to nothing is no filter, as in the store's SQL.
    return m_tag.isEmpty() || std::any_of(task.tags.cbegin(), task.tags.cend(), [this](const QString &candidate) {
               return tagKey(candidate) == m_tag;
           });
}

bool TaskMatcher::matchesTagKeys(const QStringList &tagKeys) const
{
    return m_tag.isEmpty() || tagKeys.contains(m_tag);
}

namespace {

// -1, 0 or 1, with a missing due date after every present one.
int compareDue(const Task &a, const Task &b)
{
    const auto ka = a.due.sortKey();
    const auto kb = b.due.sortKey();
    if (ka && kb)
        return *ka < *kb ? -1 : (*ka > *kb ? 1 : 0);
    if (ka)
        return -1;
    if (kb)
        return 1;
    return 0;
}

int compareInt(qint64 a, qint64 b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

} // namespace

bool TaskQuery::lessThan(const Task &a, const Task &b) const
{
    int order = 0;
    switch (sort) {
    case TaskSort::Due:
        order = compareDue(a, b);
        if (order == 0)
            order = -compareInt(int(a.priority), int(b.priority));
        break;
    case TaskSort::Priority:
        order = -compareInt(int(a.priority), int(b.priority));
        if (order == 0)
            order = compareDue(a, b);
        break;
    case TaskSort::Created:
        order = -compareInt(a.createdAt.toMSecsSinceEpoch(), b.createdAt.toMSecsSinceEpoch());
        break;
    case TaskSort::Updated:
        order = -compareInt(a.updatedAt.toMSecsSinceEpoch(), b.updatedAt.toMSecsSinceEpoch());
        break;
    case TaskSort::Title:
        order = compareCodePoints(a.title.toCaseFolded(), b.title.toCaseFolded());
        break;
    }
    if (order == 0 && sort != TaskSort::Created)
        order = compareInt(a.createdAt.toMSecsSinceEpoch(), b.createdAt.toMSecsSinceEpoch());
    if (order == 0)
        order = compareCodePoints(a.id.toString(), b.id.toString());
    return reversed ? order > 0 : order < 0;
}

} // namespace tandem
