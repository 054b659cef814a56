#include "turntools.h"

#include "domain/json.h"
#include "domain/taskquery.h"
#include "quickadd.h"
#include "taskops.h"

namespace tandem::assistant {

namespace {

QJsonObject failed(const QString &message)
{
    return QJsonObject{{QStringLiteral("error"), message}};
}

QJsonObject taskSummary(const Task &task, const Now &now)
{
    QJsonObject json{{QStringLiteral("id"), uuidText(task.id)},
                     {QStringLiteral("title"), task.title},
                     {QStringLiteral("status"), taskStatusName(task.status)},
                     {QStringLiteral("priority"), taskPriorityName(task.priority)},
                     {QStringLiteral("tags"), QJsonArray::fromStringList(task.tags)}};
    if (!task.due.isNone()) {
        json.insert(QStringLiteral("due"), task.due.toIsoString());
        json.insert(QStringLiteral("dueInWords"), humanDue(task.due, now));
    }
    if (task.repeat)
        json.insert(QStringLiteral("repeat"), describeRepeat(*task.repeat));
    // A description may be 20,000 characters; the model gets the start, so a
    // list of 50 tasks stays within a small model's context.
    constexpr qsizetype descriptionLimit = 280;
    if (task.description.size() > descriptionLimit) {
        const qsizetype cut = descriptionLimit - (task.description.at(descriptionLimit - 1).isHighSurrogate() ? 1 : 0);
        json.insert(QStringLiteral("description"), QString(task.description.left(cut) + QStringLiteral("…")));
    } else if (!task.description.isEmpty()) {
        json.insert(QStringLiteral("description"), task.description);
    }
    return json;
}

QJsonObject schema(const QJsonObject &properties, const QStringList &required)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties},
                       {QStringLiteral("required"), QJsonArray::fromStringList(required)},
                       {QStringLiteral("additionalProperties"), false}};
}

QJsonObject stringProperty(const QString &description, const QStringList &choices = {})
{
    QJsonObject json{{QStringLiteral("type"), QStringLiteral("string")}, {QStringLiteral("description"), description}};
    if (!choices.isEmpty())
        json.insert(QStringLiteral("enum"), QJsonArray::fromStringList(choices));
    return json;
}

QJsonObject stringArrayProperty(const QString &description)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                       {QStringLiteral("items"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                       {QStringLiteral("description"), description}};
}

QJsonObject tool(const QString &name, const QString &description, const QJsonObject &parameters)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                       {QStringLiteral("function"),
                        QJsonObject{{QStringLiteral("name"), name},
                                    {QStringLiteral("description"), description},
                                    {QStringLiteral("parameters"), parameters}}}};
}

const QStringList priorities = {QStringLiteral("none"), QStringLiteral("low"), QStringLiteral("medium"),
                                QStringLiteral("high"), QStringLiteral("urgent")};

} // namespace

TurnTools::TurnTools(TaskOps &ops, TaskCatalog &catalog, ConversationState &state, const TurnContext &context)
    : m_ops(ops)
    , m_catalog(catalog)
    , m_state(state)
    , m_context(context)
{ }

QJsonArray TurnTools::definitions()
{
    const QJsonObject id{
        {QStringLiteral("id"), stringProperty(QStringLiteral("The task's id, from list_tasks or add_task."))}};
    const QString dueHelp
        = QStringLiteral("When it is due, in words as the user said it (\"tomorrow 9am\", \"next friday\", "
                         "\"March 3\") or ISO 8601. Never compute dates yourself.");
    const QString repeatHelp
        = QStringLiteral("How it repeats, in words (\"every monday\", \"every 2 weeks\", \"daily\", \"every month "
                         "on the 1st\"). Completing a repeating task moves it to its next due date.");
    return QJsonArray{
        tool(QStringLiteral("add_task"), QStringLiteral("Create a task."),
             schema(QJsonObject{{QStringLiteral("title"), stringProperty(QStringLiteral("A short title."))},
                                {QStringLiteral("description"), stringProperty(QStringLiteral("Longer notes."))},
                                {QStringLiteral("due"), stringProperty(dueHelp)},
                                {QStringLiteral("repeat"), stringProperty(repeatHelp)},
                                {QStringLiteral("priority"), stringProperty(QStringLiteral("Priority."), priorities)},
                                {QStringLiteral("tags"), stringArrayProperty(QStringLiteral("Tags, without '#'."))}},
                    {QStringLiteral("title")})),
        tool(QStringLiteral("list_tasks"),
             QStringLiteral("List the user's tasks, optionally filtered. Returns ids to act on."),
             schema(
                 QJsonObject{
                     {QStringLiteral("status"),
                      stringProperty(QStringLiteral("Which tasks (default open)."),
                                     {QStringLiteral("open"), QStringLiteral("completed"), QStringLiteral("all")})},
                     {QStringLiteral("due"),
                      stringProperty(QStringLiteral("A due-date filter."),
                                     {QStringLiteral("today"), QStringLiteral("tomorrow"), QStringLiteral("this_week"),
                                      QStringLiteral("overdue"), QStringLiteral("none"), QStringLiteral("any")})},
                     {QStringLiteral("priority"), stringProperty(QStringLiteral("Only this priority."), priorities)},
                     {QStringLiteral("tag"), stringProperty(QStringLiteral("Only tasks with this tag."))},
                     {QStringLiteral("text"), stringProperty(QStringLiteral("Words in the title or description."))}},
                 {})),
        tool(QStringLiteral("update_task"),
             QStringLiteral("Change fields of one task. Only the fields given change. Changing a second task in "
                            "the same answer needs the user's yes (the result says needs_confirmation)."),
             schema(
                 QJsonObject{{QStringLiteral("id"), id.value(QStringLiteral("id"))},
                             {QStringLiteral("title"), stringProperty(QStringLiteral("New title."))},
                             {QStringLiteral("description"), stringProperty(QStringLiteral("New notes."))},
                             {QStringLiteral("due"), stringProperty(dueHelp + QStringLiteral(" \"none\" removes it."))},
                             {QStringLiteral("repeat"),
                              stringProperty(repeatHelp + QStringLiteral(" \"none\" stops the repeat."))},
                             {QStringLiteral("priority"), stringProperty(QStringLiteral("New priority."), priorities)},
                             {QStringLiteral("add_tags"), stringArrayProperty(QStringLiteral("Tags to add."))},
                             {QStringLiteral("remove_tags"), stringArrayProperty(QStringLiteral("Tags to remove."))}},
                 {QStringLiteral("id")})),
        tool(QStringLiteral("complete_task"), QStringLiteral("Mark one task done."),
             schema(id, {QStringLiteral("id")})),
        tool(QStringLiteral("reopen_task"), QStringLiteral("Mark one done task as not done."),
             schema(id, {QStringLiteral("id")})),
        tool(QStringLiteral("delete_task"),
             QStringLiteral("Delete tasks. One task is deleted at once; several need the user's yes first: the result "
                            "then says needs_confirmation, and you must ask the user to confirm."),
             schema(QJsonObject{{QStringLiteral("ids"), stringArrayProperty(QStringLiteral("Ids of the tasks."))}},
                    {QStringLiteral("ids")})),
        tool(QStringLiteral("undo"), QStringLiteral("Undo the assistant's last change."), schema({}, {})),
    };
}

void TurnTools::keepSteps(qsizetype before)
{
    m_group += m_ops.steps().mid(before);
}

std::optional<QJsonObject> TurnTools::holdIfSeveral(const QString &name, const QJsonObject &arguments,
                                                    const QList<QUuid> &targets)
{
    if (m_confirmed)
        return std::nullopt;
    QList<QUuid> touched = m_changed;
    for (const QUuid &id : targets) {
        if (!touched.contains(id))
            touched.append(id);
    }
    if (touched.size() <= 1 && m_held.isEmpty()) {
        for (const QUuid &id : targets) {
            if (!m_changed.contains(id))
                m_changed.append(id);
        }
        return std::nullopt;
    }
    m_held.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}});
    for (const QUuid &id : targets) {
        if (!m_heldTargets.contains(id))
            m_heldTargets.append(id);
    }
    m_state.pending = PendingAction{};
    m_state.pending.question = PendingAction::Question::ConfirmBulk;
    m_state.pending.operation = deferredOperation();
    m_state.pending.arguments = QJsonObject{{QStringLiteral("calls"), m_held}};
    m_state.pending.candidates = m_heldTargets;
    m_state.lastList = m_heldTargets;
    return QJsonObject{
        {QStringLiteral("needs_confirmation"), true},
        {QStringLiteral("count"), int(m_heldTargets.size())},
        {QStringLiteral("instruction"),
         QStringLiteral("Nothing was changed by this call: changing more than one task needs the user's yes first. "
                        "Tell the user which tasks you are about to change and how, and ask them to answer yes or "
                        "no. Do not call tools that change tasks again in this answer.")}};
}

QStringList TurnTools::runConfirmed(const QJsonArray &calls, TaskOps &ops, TaskCatalog &catalog,
                                    ConversationState &state, const TurnContext &context)
{
    TurnTools tools(ops, catalog, state, context);
    tools.m_confirmed = true;
    QStringList lines;
    for (const QJsonValue &value : calls) {
        const QJsonObject call = value.toObject();
        const QString name = call.value(QStringLiteral("name")).toString();
        const QJsonObject arguments = call.value(QStringLiteral("arguments")).toObject();
        if (name == u"add_task" || name == u"list_tasks" || name == u"undo")
            continue; // never held back; a stored state from elsewhere gets no say
        const QJsonObject result = tools.call(name, arguments);
        if (result.contains(QStringLiteral("error"))) {
            lines.append(QStringLiteral("Could not %1: %2")
                             .arg(QString(name).replace(u'_', u' '), result.value(QStringLiteral("error")).toString()));
            continue;
        }
        const QJsonValue deleted = result.value(QStringLiteral("deleted"));
        const QJsonArray deletedMany = result.value(QStringLiteral("deletedMany")).toArray();
        if (deleted.isObject()) {
            lines.append(
                QStringLiteral("Deleted “%1”.").arg(deleted.toObject().value(QStringLiteral("title")).toString()));
        } else if (!deletedMany.isEmpty()) {
            for (const QJsonValue &task : deletedMany)
                lines.append(
                    QStringLiteral("Deleted “%1”.").arg(task.toObject().value(QStringLiteral("title")).toString()));
        } else {
            const QJsonObject task = result.value(QStringLiteral("task")).toObject();
            const QString title = task.value(QStringLiteral("title")).toString();
            if (name == u"complete_task")
                lines.append(QStringLiteral("Completed “%1”.").arg(title));
            else if (name == u"reopen_task")
                lines.append(QStringLiteral("Reopened “%1”.").arg(title));
            else
                lines.append(QStringLiteral("Updated “%1”.").arg(title));
        }
    }
    return lines;
}

const TaskCatalog::Entry *TurnTools::taskFor(const QJsonObject &arguments, QJsonObject *error) const
{
    const auto id = uuidFromText(arguments.value(QStringLiteral("id")).toString());
    const TaskCatalog::Entry *entry = id ? m_catalog.find(*id) : nullptr;
    if (!entry)
        *error = failed(QStringLiteral("there is no task with id %1; call list_tasks to find it")
                            .arg(arguments.value(QStringLiteral("id")).toString().left(64)));
    return entry;
}

QJsonObject TurnTools::call(const QString &name, const QJsonObject &arguments)
{
    if (name == u"add_task")
        return addTask(arguments);
    if (name == u"list_tasks")
        return listTasks(arguments);
    if (name == u"update_task")
        return updateTask(arguments);
    if (name == u"complete_task")
        return setStatus(arguments, TaskStatus::Completed);
    if (name == u"reopen_task")
        return setStatus(arguments, TaskStatus::Pending);
    if (name == u"delete_task")
        return deleteTasks(arguments);
    if (name == u"undo")
        return undo();
    return failed(QStringLiteral("there is no tool called %1").arg(name.left(64)));
}

namespace {

// A due date from words, through the same parser as everything else.
std::optional<Due> dueFrom(const QString &text, const TurnContext &context)
{
    if (text.trimmed().isEmpty())
        return std::nullopt;
    ParseContext parse;
    parse.now = context.now.instant;
    parse.timeZone = context.now.zone;
    parse.locale = context.locale;
    if (const auto iso = Due::fromIsoString(text.trimmed()))
        return iso;
    const auto match = QuickAddParser::findDue(text, parse);
    if (!match)
        return std::nullopt;
    return match->due;
}

// A repeat rule from words ("every friday"), through the quick-add parser, and
// its first occurrence from today.
std::optional<QuickAdd> repeatFrom(const QString &text, const TurnContext &context)
{
    ParseContext parse;
    parse.now = context.now.instant;
    parse.timeZone = context.now.zone;
    parse.locale = context.locale;
    QuickAdd parsed = QuickAddParser::parse(text, parse);
    if (!parsed.repeat || !parsed.title.isEmpty())
        return std::nullopt;
    return parsed;
}

std::optional<TaskPriority> priorityFrom(const QJsonValue &value)
{
    return value.isString() ? taskPriorityFromName(value.toString()) : std::nullopt;
}

QStringList stringsFrom(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        QString text = item.toString().trimmed();
        if (text.startsWith(u'#'))
            text.remove(0, 1);
        if (!text.isEmpty())
            list.append(text);
    }
    return list;
}

} // namespace

QJsonObject TurnTools::addTask(const QJsonObject &arguments)
{
    TaskDraft draft;
    draft.title = arguments.value(QStringLiteral("title")).toString();
    draft.description = arguments.value(QStringLiteral("description")).toString();
    if (arguments.contains(QStringLiteral("due"))) {
        const auto due = dueFrom(arguments.value(QStringLiteral("due")).toString(), m_context);
        if (!due)
            return failed(QStringLiteral("I could not read the due date \"%1\"; use words like \"tomorrow 9am\"")
                              .arg(arguments.value(QStringLiteral("due")).toString().left(64)));
        draft.due = *due;
    }
    if (arguments.contains(QStringLiteral("repeat"))) {
        const auto repeat = repeatFrom(arguments.value(QStringLiteral("repeat")).toString(), m_context);
        if (!repeat)
            return failed(QStringLiteral("I could not read the repeat \"%1\"; use words like \"every monday\"")
                              .arg(arguments.value(QStringLiteral("repeat")).toString().left(64)));
        draft.repeat = repeat->repeat;
        if (draft.due.isNone())
            draft.due = repeat->due;
    }
    if (arguments.contains(QStringLiteral("priority"))) {
        const auto priority = priorityFrom(arguments.value(QStringLiteral("priority")));
        if (!priority)
            return failed(QStringLiteral("priority must be one of none, low, medium, high, urgent"));
        draft.priority = *priority;
    }
    draft.tags = stringsFrom(arguments.value(QStringLiteral("tags")));
    const qsizetype before = m_ops.steps().size();
    auto created = m_ops.create(draft);
    if (!created)
        return failed(created.error().toString());
    keepSteps(before);
    m_state.lastTask = created->id;
    return QJsonObject{{QStringLiteral("task"), taskSummary(created.value(), m_context.now)}};
}

QJsonObject TurnTools::listTasks(const QJsonObject &arguments)
{
    TaskQuery query;
    query.timeZone = m_context.now.zone;
    query.now = m_context.now.instant;
    const QString status = arguments.value(QStringLiteral("status")).toString(QStringLiteral("open"));
    if (status == u"open")
        query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
    else if (status == u"completed")
        query.statuses = {TaskStatus::Completed};
    const QDate today = m_context.now.today();
    const auto startOf = [&](QDate date) {
        return QDateTime(date, QTime(0, 0), m_context.now.zone);
    };
    const QString due = arguments.value(QStringLiteral("due")).toString();
    if (due == u"today") {
        query.dueAfter = startOf(today);
        query.dueBefore = startOf(today.addDays(1));
    } else if (due == u"tomorrow") {
        query.dueAfter = startOf(today.addDays(1));
        query.dueBefore = startOf(today.addDays(2));
    } else if (due == u"this_week") {
        query.dueAfter = startOf(today);
        query.dueBefore = startOf(today.addDays(8 - today.dayOfWeek()));
    } else if (due == u"none") {
        query.dueFilter = DueFilter::NoDue;
    } else if (due == u"overdue") {
        query.dueFilter = DueFilter::Overdue;
    }
    if (const auto priority = priorityFrom(arguments.value(QStringLiteral("priority"))))
        query.priorities = {*priority};
    query.tag = arguments.value(QStringLiteral("tag")).toString();
    if (query.tag.startsWith(u'#'))
        query.tag.remove(0, 1);
    query.text = arguments.value(QStringLiteral("text")).toString();
    QList<Task> tasks;
    for (const TaskCatalog::Entry *entry : m_catalog.select(TaskMatcher(query)).tasks)
        tasks.append(entry->task);
    std::sort(tasks.begin(), tasks.end(), [&](const Task &a, const Task &b) { return query.lessThan(a, b); });
    QJsonArray list;
    m_state.lastList.clear();
    for (qsizetype i = 0; i < tasks.size() && i < 50; ++i) {
        list.append(taskSummary(tasks.at(i), m_context.now));
        m_state.lastList.append(tasks.at(i).id);
    }
    return QJsonObject{{QStringLiteral("count"), int(tasks.size())}, {QStringLiteral("tasks"), list}};
}

QJsonObject TurnTools::updateTask(const QJsonObject &arguments)
{
    QJsonObject error;
    const auto *entry = taskFor(arguments, &error);
    if (!entry)
        return error;
    const Task task = entry->task;
    TaskPatch patch;
    if (arguments.contains(QStringLiteral("title")))
        patch.title = arguments.value(QStringLiteral("title")).toString();
    if (arguments.contains(QStringLiteral("description")))
        patch.description = arguments.value(QStringLiteral("description")).toString();
    if (arguments.contains(QStringLiteral("due"))) {
        const QString text = arguments.value(QStringLiteral("due")).toString();
        if (text.trimmed().compare(u"none", Qt::CaseInsensitive) == 0 || text.trimmed().isEmpty()) {
            patch.due = Due();
        } else {
            const auto due = dueFrom(text, m_context);
            if (!due)
                return failed(QStringLiteral("I could not read the due date \"%1\"").arg(text.left(64)));
            patch.due = *due;
        }
    }
    if (arguments.contains(QStringLiteral("repeat"))) {
        const QString text = arguments.value(QStringLiteral("repeat")).toString();
        if (text.trimmed().compare(u"none", Qt::CaseInsensitive) == 0) {
            patch.repeat = std::optional<RepeatRule>();
        } else {
            const auto repeat = repeatFrom(text, m_context);
            if (!repeat)
                return failed(QStringLiteral("I could not read the repeat \"%1\"").arg(text.left(64)));
            patch.repeat = repeat->repeat;
            if (task.due.isNone() && !patch.due)
                patch.due = repeat->due;
        }
    }
    if (arguments.contains(QStringLiteral("priority"))) {
        const auto priority = priorityFrom(arguments.value(QStringLiteral("priority")));
        if (!priority)
            return failed(QStringLiteral("priority must be one of none, low, medium, high, urgent"));
        patch.priority = *priority;
    }
    const QStringList add = stringsFrom(arguments.value(QStringLiteral("add_tags")));
    const QStringList remove = stringsFrom(arguments.value(QStringLiteral("remove_tags")));
    if (!add.isEmpty() || !remove.isEmpty()) {
        QStringList tags = task.tags;
        for (const QString &tag : remove) {
            for (qsizetype i = tags.size() - 1; i >= 0; --i) {
                if (tags.at(i).compare(tag, Qt::CaseInsensitive) == 0)
                    tags.removeAt(i);
            }
        }
        for (const QString &tag : add) {
            bool known = false;
            for (const QString &t : std::as_const(tags))
                known = known || t.compare(tag, Qt::CaseInsensitive) == 0;
            if (!known)
                tags.append(tag);
        }
        patch.tags = tags;
    }
    if (patch.isEmpty())
        return failed(QStringLiteral("name at least one field to change"));
    if (auto held = holdIfSeveral(QStringLiteral("update_task"), arguments, {task.id}))
        return *held;
    const qsizetype before = m_ops.steps().size();
    auto updated = m_ops.update(task.id, patch);
    if (!updated)
        return failed(updated.error().toString());
    keepSteps(before);
    m_state.lastTask = task.id;
    return QJsonObject{{QStringLiteral("task"), taskSummary(updated.value(), m_context.now)}};
}

QJsonObject TurnTools::setStatus(const QJsonObject &arguments, TaskStatus status)
{
    QJsonObject error;
    const auto *entry = taskFor(arguments, &error);
    if (!entry)
        return error;
    if (auto held = holdIfSeveral(status == TaskStatus::Completed ? QStringLiteral("complete_task")
                                                                  : QStringLiteral("reopen_task"),
                                  arguments, {entry->task.id}))
        return *held;
    const qsizetype before = m_ops.steps().size();
    auto updated = m_ops.setStatus(entry->task.id, status);
    if (!updated)
        return failed(updated.error().toString());
    keepSteps(before);
    m_state.lastTask = entry->task.id;
    return QJsonObject{{QStringLiteral("task"), taskSummary(updated.value(), m_context.now)}};
}

QJsonObject TurnTools::deleteTasks(const QJsonObject &arguments)
{
    QList<QUuid> ids;
    const QJsonArray requested = arguments.value(QStringLiteral("ids")).toArray();
    for (const QJsonValue &value : requested) {
        const auto id = uuidFromText(value.toString());
        if (!id || !m_catalog.find(*id))
            return failed(QStringLiteral("there is no task with id %1").arg(value.toString().left(64)));
        if (!ids.contains(*id))
            ids.append(*id);
    }
    if (ids.isEmpty())
        return failed(QStringLiteral("name the task ids to delete"));
    if (auto held = holdIfSeveral(QStringLiteral("delete_task"), arguments, ids))
        return *held;
    QJsonArray deleted;
    for (const QUuid &id : std::as_const(ids)) {
        if (!m_catalog.find(id))
            continue; // confirmed earlier, gone meanwhile
        const qsizetype before = m_ops.steps().size();
        auto removed = m_ops.remove(id);
        if (!removed)
            return failed(removed.error().toString());
        keepSteps(before);
        deleted.append(taskSummary(removed.value(), m_context.now));
    }
    if (deleted.size() == 1)
        return QJsonObject{{QStringLiteral("deleted"), deleted.first()}};
    return QJsonObject{{QStringLiteral("deletedMany"), deleted}};
}

QJsonObject TurnTools::undo()
{
    if (m_state.undo.isEmpty())
        return failed(QStringLiteral("there is nothing of the assistant's to undo"));
    auto undone = m_ops.undoLast(m_state.undo, m_state.redo, true);
    if (!undone)
        return failed(undone.error().toString());
    return QJsonObject{{QStringLiteral("undone"), int(undone->size())}};
}

} // namespace tandem::assistant
