// Turn's requests about several tasks at once: always a yes/no first.
#include "turn.h"

#include "assistant/taskops.h"
#include "domain/textfold.h"

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {
constexpr int maxListed = 20;
constexpr int maxBulk = 200;
} // namespace

std::optional<ListFilter> Turn::filterOf(qsizetype first, qsizetype last) const
{
    const Message sub = m.slice(first, last);
    auto filter = parseListFilter(sub, now(), m_parse, tagKeys());
    // Strict, unlike a question: "delete all hands meeting notes" names a task.
    if (filter && filter->unknownWords > 0 && filter->text.isEmpty())
        return std::nullopt;
    return filter;
}

// "complete everything", "mark all tasks tagged work as done", "delete all
// low priority tasks": the tasks a filter selects, after a yes.
std::optional<EngineReply> Turn::bulkByFilter()
{
    static const QList<std::pair<Pattern, Op>> patterns = {
        {Pattern(u"complete|finish|close|tick_off|check_off all|every|everything ?of ?{rest}"_s), Op::Complete},
        {Pattern(u"mark|set|tick|check all|every|everything ?of ?{rest} ?as done|complete|completed|finished|off"_s),
         Op::Complete},
        {Pattern(u"delete|remove|erase|trash|wipe|purge|clear|get_rid_of all|every ?of {rest}"_s), Op::Delete},
    };
    for (const auto &row : patterns) {
        // Named, not a structured binding: lambdas below capture it (clang < 16 cannot).
        const auto &pattern = row.first;
        const auto &op = row.second;
        Pattern::Captures captures;
        if (!pattern.match(m.words, 0, &captures))
            continue;
        std::optional<ListFilter> filter;
        if (captures.contains(u"rest"_s)) {
            const auto [a, b] = captures.value(u"rest"_s);
            filter = filterOf(a, b);
        } else {
            filter = ListFilter{};
            filter->query.timeZone = now().zone;
            filter->query.now = now().instant;
            filter->description = u"open tasks"_s;
        }
        if (!filter || filter->count)
            continue;
        if (op == Op::Complete) {
            if (filter->query.statuses == QList<TaskStatus>{TaskStatus::Completed})
                return EngineReply{u"Those are done already."_s};
            filter->query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
        }
        const TaskCatalog::Selection found = select(*filter, maxBulk);
        const QList<const Entry *> &targets = found.tasks;
        const QString description = filter->description;
        if (found.total == 0)
            return EngineReply{u"You have no %1, so there is nothing to %2."_s.arg(
                description, op == Op::Delete ? u"delete"_s : u"complete"_s)};
        if (found.total > maxBulk)
            return EngineReply{u"That would change %1 tasks, more than I change at once (%2). "
                               u"Narrow it down, for example “complete all tasks tagged work”."_s.arg(found.total)
                                   .arg(maxBulk)};
        if (op == Op::Delete)
            return askDelete(targets, description);
        return askBulk(op, {}, targets);
    }
    return std::nullopt;
}

std::optional<EngineReply> Turn::bulkDelete()
{
    static const QList<std::pair<Pattern, QString>> patterns = {
        {Pattern(u"delete|remove|clear|erase|purge|trash|wipe|get_rid_of ?all ?of ?the|my completed|done|finished "
                 "?tasks|todos|items|ones|stuff"_s),
         u"completed"_s},
        {Pattern(u"clear|delete|remove|purge ?out ?all ?the|my completed|done|finished ?ones|tasks|items|stuff"_s),
         u"completed"_s},
        {Pattern(u"delete|remove|clear|erase|trash|get_rid_of everything|all ?that_is|that's ?tasks|todos "
                 "overdue|late"_s),
         u"overdue"_s},
        {Pattern(u"delete|remove|clear|erase|trash|wipe|get_rid_of everything|all|anything ?that i|we ?have|already "
                 "completed|finished|done|ticked_off"_s),
         u"completed"_s},
        {Pattern(u"delete|remove|clear|erase|trash|wipe|purge|get_rid_of all|every ?of ?the|my "
                 "?tasks|todos|items|task|things|stuff"_s),
         u"all"_s},
        {Pattern(u"delete|remove|clear|erase|trash|wipe|purge ?out everything"_s), u"all"_s},
        {Pattern(u"clear|empty|wipe|purge ?out my|the list|todo_list|to-do_list|tasks|todos"_s), u"all"_s},
        {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all ?of ?the|my ?overdue tasks|todos|items"_s),
         u"overdue"_s},
        {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all|every ?of ?the|my ?tasks|todos "
                 "tagged|with|labelled {tags}"_s),
         u"tag"_s},
        {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all ?of ?the|my ?tasks|todos with_the_tag|with_tag "
                 "{tags}"_s),
         u"tag"_s},
        {Pattern(u"delete|remove|erase|trash|drop|get_rid_of|scrap {names}"_s), u"named"_s},
    };
    for (const auto &row : patterns) {
        const auto &pattern = row.first;
        const auto &kind = row.second;
        Pattern::Captures captures;
        if (!pattern.match(m.words, 0, &captures))
            continue;
        QList<const Entry *> targets;
        QString what;
        if (kind == u"named") {
            const auto [a, b] = captures.value(u"names"_s);
            targets = resolver().namedList(a, b);
            if (targets.isEmpty())
                continue;
            what = u"tasks"_s;
        } else {
            QStringList tags;
            if (kind == u"tag") {
                const auto [a, b] = captures.value(u"tags"_s);
                for (qsizetype i = a; i <= b; ++i) {
                    QString tag = m.literal(i, i);
                    if (tag.startsWith(u'#'))
                        tag.remove(0, 1);
                    if (!tag.isEmpty() && !isOneOf(m.word(i), {u"and", u"the", u"tag", u"tags"}))
                        tags.append(tag);
                }
                what = u"tasks tagged %1"_s.arg(u'#' + tags.join(u", #"_s));
            } else {
                what = kind == u"completed" ? u"completed tasks"_s
                    : kind == u"overdue"    ? u"overdue tasks"_s
                                            : u"tasks"_s;
            }
            QSet<QString> keys;
            for (const QString &tag : std::as_const(tags))
                keys.insert(tagKey(tag));
            m_catalog.forEach([&](const Entry &entry) {
                bool hit = kind == u"all" || (kind == u"completed" && entry.task.status == TaskStatus::Completed)
                    || (kind == u"overdue" && isOverdue(entry.task, now()));
                for (qsizetype t = 0; !hit && t < entry.tagKeys.size(); ++t)
                    hit = keys.contains(entry.tagKeys.at(t));
                if (hit)
                    targets.append(&entry);
            });
            if (targets.size() <= maxBulk)
                std::sort(targets.begin(), targets.end(), TaskCatalog::listsBefore);
        }
        if (targets.isEmpty())
            return EngineReply{u"You have no %1, so there is nothing to delete."_s.arg(what)};
        return askDelete(targets, what);
    }
    return bulkByFilter();
}

EngineReply Turn::askDelete(const QList<const Entry *> &targets, const QString &what)
{
    const QString counted = countOf(targets.size(), singularOf(what), what);
    if (targets.size() > maxBulk)
        return EngineReply{u"That would delete %1, more than I delete at once (%2). Narrow it down, for example "
                           u"“delete all completed tasks”."_s.arg(counted)
                               .arg(maxBulk)};
    QList<Task> tasks;
    QList<QUuid> ids;
    for (const Entry *entry : targets) {
        tasks.append(entry->task);
        ids.append(entry->task.id);
    }
    m_state.pending.question = PendingAction::Question::ConfirmBulk;
    m_state.pending.operation = opName(Op::Delete);
    m_state.pending.candidates = ids;
    m_state.lastList = ids;
    QString list = u"\n"_s + numberedList(tasks.mid(0, maxListed), now());
    if (tasks.size() > maxListed)
        list += u"\n…and %1 more."_s.arg(tasks.size() - maxListed);
    return EngineReply{u"This would delete %1:%2\nShall I go ahead? (yes / no)"_s.arg(counted, list)};
}

EngineReply Turn::deleteAll(const QList<QUuid> &ids)
{
    int deleted = 0;
    QString deletedTitle;
    for (const QUuid &id : ids) {
        const Entry *entry = m_catalog.find(id);
        if (!entry)
            continue; // gone meanwhile
        deletedTitle = entry->task.title;
        auto removed = m_ops.remove(id);
        if (!removed) {
            remember();
            return failureReply(u"delete every task (%1 deleted before the error)"_s.arg(deleted), removed.error());
        }
        ++deleted;
    }
    remember();
    if (deleted == 1 && ids.size() == 1)
        return EngineReply{u"Deleted %1. Say “undo” to bring it back."_s.arg(quoted(deletedTitle))};
    return EngineReply{
        (deleted == 1 ? u"Deleted %1. Say “undo” to bring it back."_s : u"Deleted %1. Say “undo” to bring them back."_s)
            .arg(countOf(deleted, u"task"_s, u"tasks"_s))};
}

} // namespace tandem::assistant
