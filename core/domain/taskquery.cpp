#include "taskquery.h"

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

namespace {

struct FullFolding
{
    char16_t from;
    char16_t to[3];
};

// The full case foldings (status F in Unicode's CaseFolding.txt), which
// QString::toCaseFolded() leaves out because they change the length. Sorted
// by `from`; every entry is in the BMP. Applied after simple folding, which
// maps the few characters that have both forms (U+1E9E, U+1F88...) onto an
// entry of this table.
// clang-format off
constexpr FullFolding fullFoldings[] = {
    {0x00DF, {0x0073, 0x0073}},
    {0x0130, {0x0069, 0x0307}},
    {0x0149, {0x02BC, 0x006E}},
    {0x01F0, {0x006A, 0x030C}},
    {0x0390, {0x03B9, 0x0308, 0x0301}},
    {0x03B0, {0x03C5, 0x0308, 0x0301}},
    {0x0587, {0x0565, 0x0582}},
    {0x1E96, {0x0068, 0x0331}},
    {0x1E97, {0x0074, 0x0308}},
    {0x1E98, {0x0077, 0x030A}},
    {0x1E99, {0x0079, 0x030A}},
    {0x1E9A, {0x0061, 0x02BE}},
    {0x1E9E, {0x0073, 0x0073}},
    {0x1F50, {0x03C5, 0x0313}},
    {0x1F52, {0x03C5, 0x0313, 0x0300}},
    {0x1F54, {0x03C5, 0x0313, 0x0301}},
    {0x1F56, {0x03C5, 0x0313, 0x0342}},
    {0x1F80, {0x1F00, 0x03B9}},
    {0x1F81, {0x1F01, 0x03B9}},
    {0x1F82, {0x1F02, 0x03B9}},
    {0x1F83, {0x1F03, 0x03B9}},
    {0x1F84, {0x1F04, 0x03B9}},
    {0x1F85, {0x1F05, 0x03B9}},
    {0x1F86, {0x1F06, 0x03B9}},
    {0x1F87, {0x1F07, 0x03B9}},
    {0x1F88, {0x1F00, 0x03B9}},
    {0x1F89, {0x1F01, 0x03B9}},
    {0x1F8A, {0x1F02, 0x03B9}},
    {0x1F8B, {0x1F03, 0x03B9}},
    {0x1F8C, {0x1F04, 0x03B9}},
    {0x1F8D, {0x1F05, 0x03B9}},
    {0x1F8E, {0x1F06, 0x03B9}},
    {0x1F8F, {0x1F07, 0x03B9}},
    {0x1F90, {0x1F20, 0x03B9}},
    {0x1F91, {0x1F21, 0x03B9}},
    {0x1F92, {0x1F22, 0x03B9}},
    {0x1F93, {0x1F23, 0x03B9}},
    {0x1F94, {0x1F24, 0x03B9}},
    {0x1F95, {0x1F25, 0x03B9}},
    {0x1F96, {0x1F26, 0x03B9}},
    {0x1F97, {0x1F27, 0x03B9}},
    {0x1F98, {0x1F20, 0x03B9}},
    {0x1F99, {0x1F21, 0x03B9}},
    {0x1F9A, {0x1F22, 0x03B9}},
    {0x1F9B, {0x1F23, 0x03B9}},
    {0x1F9C, {0x1F24, 0x03B9}},
    {0x1F9D, {0x1F25, 0x03B9}},
    {0x1F9E, {0x1F26, 0x03B9}},
    {0x1F9F, {0x1F27, 0x03B9}},
    {0x1FA0, {0x1F60, 0x03B9}},
    {0x1FA1, {0x1F61, 0x03B9}},
    {0x1FA2, {0x1F62, 0x03B9}},
    {0x1FA3, {0x1F63, 0x03B9}},
    {0x1FA4, {0x1F64, 0x03B9}},
    {0x1FA5, {0x1F65, 0x03B9}},
    {0x1FA6, {0x1F66, 0x03B9}},
    {0x1FA7, {0x1F67, 0x03B9}},
    {0x1FA8, {0x1F60, 0x03B9}},
    {0x1FA9, {0x1F61, 0x03B9}},
    {0x1FAA, {0x1F62, 0x03B9}},
    {0x1FAB, {0x1F63, 0x03B9}},
    {0x1FAC, {0x1F64, 0x03B9}},
    {0x1FAD, {0x1F65, 0x03B9}},
    {0x1FAE, {0x1F66, 0x03B9}},
    {0x1FAF, {0x1F67, 0x03B9}},
    {0x1FB2, {0x1F70, 0x03B9}},
    {0x1FB3, {0x03B1, 0x03B9}},
    {0x1FB4, {0x03AC, 0x03B9}},
    {0x1FB6, {0x03B1, 0x0342}},
    {0x1FB7, {0x03B1, 0x0342, 0x03B9}},
    {0x1FBC, {0x03B1, 0x03B9}},
    {0x1FC2, {0x1F74, 0x03B9}},
    {0x1FC3, {0x03B7, 0x03B9}},
    {0x1FC4, {0x03AE, 0x03B9}},
    {0x1FC6, {0x03B7, 0x0342}},
    {0x1FC7, {0x03B7, 0x0342, 0x03B9}},
    {0x1FCC, {0x03B7, 0x03B9}},
    {0x1FD2, {0x03B9, 0x0308, 0x0300}},
    {0x1FD3, {0x03B9, 0x0308, 0x0301}},
    {0x1FD6, {0x03B9, 0x0342}},
    {0x1FD7, {0x03B9, 0x0308, 0x0342}},
    {0x1FE2, {0x03C5, 0x0308, 0x0300}},
    {0x1FE3, {0x03C5, 0x0308, 0x0301}},
    {0x1FE4, {0x03C1, 0x0313}},
    {0x1FE6, {0x03C5, 0x0342}},
    {0x1FE7, {0x03C5, 0x0308, 0x0342}},
    {0x1FF2, {0x1F7C, 0x03B9}},
    {0x1FF3, {0x03C9, 0x03B9}},
    {0x1FF4, {0x03CE, 0x03B9}},
    {0x1FF6, {0x03C9, 0x0342}},
    {0x1FF7, {0x03C9, 0x0342, 0x03B9}},
    {0x1FFC, {0x03C9, 0x03B9}},
    {0xFB00, {0x0066, 0x0066}},
    {0xFB01, {0x0066, 0x0069}},
    {0xFB02, {0x0066, 0x006C}},
    {0xFB03, {0x0066, 0x0066, 0x0069}},
    {0xFB04, {0x0066, 0x0066, 0x006C}},
    {0xFB05, {0x0073, 0x0074}},
    {0xFB06, {0x0073, 0x0074}},
    {0xFB13, {0x0574, 0x0576}},
    {0xFB14, {0x0574, 0x0565}},
    {0xFB15, {0x0574, 0x056B}},
    {0xFB16, {0x057E, 0x0576}},
    {0xFB17, {0x0574, 0x056D}}
};
// clang-format on

// Unicode full case folding, so "STRASSE", "straße" and "STRAẞE" compare equal.
QString foldCaseFully(const QString &text)
{
    const QString simple = text.toCaseFolded();
    const auto firstExpandable
        = std::find_if(simple.cbegin(), simple.cend(), [](QChar c) { return c.unicode() >= fullFoldings[0].from; });
    if (firstExpandable == simple.cend())
        return simple;
    QString folded;
    folded.reserve(simple.size() + 8);
    for (const QChar c : simple) {
        const auto it = std::lower_bound(std::begin(fullFoldings), std::end(fullFoldings), c.unicode(),
                                         [](const FullFolding &entry, char16_t u) { return entry.from < u; });
        if (it == std::end(fullFoldings) || it->from != c.unicode()) {
            folded += c;
            continue;
        }
        for (const char16_t u : it->to) {
            if (u != 0)
                folded += QChar(u);
        }
    }
    return folded;
}

} // namespace

QString taskSearchText(const Task &task)
{
    return foldCaseFully(task.title + u'\n' + task.description);
}

QString TaskQuery::foldedText() const
{
    return foldCaseFully(text);
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
    if (task.isDeleted())
        return false;
    if (!statuses.isEmpty() && !statuses.contains(task.status))
        return false;
    if (!priorities.isEmpty() && !priorities.contains(task.priority))
        return false;
    // A tag that trims to nothing is no filter, as in the store's SQL.
    if (const QString wanted = foldedTag(); !wanted.isEmpty()) {
        bool found = false;
        for (const QString &candidate : task.tags) {
            if (candidate.toCaseFolded() == wanted) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    if (!text.isEmpty() && !taskSearchText(task).contains(foldedText()))
        return false;
    switch (dueFilter) {
    case DueFilter::Any:
        break;
    case DueFilter::HasDue:
        if (task.due.isNone())
            return false;
        break;
    case DueFilter::NoDue:
        if (!task.due.isNone())
            return false;
        break;
    }
    if (dueAfter.isValid() || dueBefore.isValid()) {
        if (task.due.isNone())
            return false;
        if (task.due.hasTime()) {
            const QDateTime at = task.due.dateTime();
            if (dueAfter.isValid() && at < dueAfter)
                return false;
            if (dueBefore.isValid() && at >= dueBefore)
                return false;
        } else {
            const QDate date = task.due.date();
            if (dueAfter.isValid() && date < firstDate())
                return false;
            if (dueBefore.isValid() && date >= endDate())
                return false;
        }
    }
    return true;
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

// Orders UTF-16 text by code point, as SQLite and PostgreSQL ("C") order UTF-8 bytes.
int compareCodePoints(QStringView a, QStringView b)
{
    const auto rank = [](char16_t u) -> int {
        if (u >= 0xE000)
            return u - 0x800;
        if (u >= 0xD800)
            return u + 0x2000;
        return u;
    };
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const int ra = rank(a.at(i).unicode());
        const int rb = rank(b.at(i).unicode());
        if (ra != rb)
            return ra < rb ? -1 : 1;
    }
    return compareInt(a.size(), b.size());
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
