#include "taskdiff.h"

#include "services/taskservice.h"

#include <algorithm>

namespace tandem::test {

using namespace Qt::StringLiterals;

TaskSnapshot snapshotTasks(const TaskService &tasks, const QList<QUuid> &owners)
{
    TaskSnapshot all;
    for (const QUuid &owner : owners) {
        if (owner.isNull())
            continue;
        auto list = tasks.query(owner, TaskQuery{});
        if (!list)
            continue;
        for (const Task &task : std::as_const(list->tasks))
            all.insert(task.id, task);
    }
    return all;
}

QString changedFields(const Task &task, const Task &base)
{
    QString text;
    if (task.title != base.title)
        text += u"|title="_s + task.title;
    if (task.description != base.description)
        text += u"|desc="_s + task.description;
    if (task.status != base.status)
        text += u"|status="_s + taskStatusName(task.status);
    if (task.priority != base.priority)
        text += u"|prio="_s + taskPriorityName(task.priority);
    if (task.due != base.due)
        text += u"|due="_s + (task.due.isNone() ? u"none"_s : task.due.toIsoString());
    if (task.tags != base.tags)
        text += u"|tags="_s + task.tags.join(u',');
    return text;
}

QStringList taskDiff(const TaskSnapshot &before, const TaskSnapshot &after, const QSet<QUuid> &known,
                     const QUuid &other)
{
    QStringList lines;
    const auto who = [&](const Task &task) {
        return !other.isNull() && task.ownerId == other ? u"bob:"_s : QString();
    };
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key())) {
            if (known.contains(it.key())) {
                lines.append(who(*it) + u'^' + it->title);
            } else {
                Task defaults;
                defaults.title = it->title;
                lines.append(who(*it) + u'+' + it->title + changedFields(it.value(), defaults));
            }
        } else if (const QString changed = changedFields(it.value(), before.value(it.key())); !changed.isEmpty()) {
            lines.append(who(*it) + u'~' + before.value(it.key()).title + changed);
        }
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            lines.append(who(*it) + u'-' + it->title);
    }
    lines.sort();
    return lines;
}

QSet<QUuid> changedTaskIds(const TaskSnapshot &before, const TaskSnapshot &after)
{
    QSet<QUuid> ids;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()) || !changedFields(it.value(), before.value(it.key())).isEmpty())
            ids.insert(it.key());
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            ids.insert(it.key());
    }
    return ids;
}

QString canonicalEffect(const QString &line)
{
    static const QStringList order = {u"title"_s, u"desc"_s, u"status"_s, u"prio"_s, u"due"_s, u"tags"_s};
    QStringList parts = line.split(u'|');
    if (parts.size() < 2)
        return line;
    QString head = parts.takeFirst();
    QMap<int, QString> fields;
    for (const QString &part : std::as_const(parts)) {
        const qsizetype eq = part.indexOf(u'=');
        const int rank = eq < 0 ? -1 : int(order.indexOf(part.left(eq)));
        if (rank < 0)
            return line;
        QString value = part.mid(eq + 1);
        if (rank == 5) {
            QStringList tags = value.split(u',', Qt::SkipEmptyParts);
            std::sort(tags.begin(), tags.end(),
                      [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
            value = tags.join(u',');
        } else if (rank == 4 && value != u"none") {
            if (const auto due = Due::fromIsoString(value))
                value = due->toIsoString();
        }
        fields.insert(rank, order.at(rank) + u'=' + value);
    }
    for (const QString &field : std::as_const(fields))
        head += u'|' + field;
    return head;
}

} // namespace tandem::test
