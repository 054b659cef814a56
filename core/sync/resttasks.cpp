#include "restareas.h"

#include "assistant/assistantservice.h"
#include "assistant/quickadd.h"
#include "auth/authservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "domain/smartlist.h"
#include "domain/textfold.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "synccontext.h"

#include <QJsonArray>
#include <QMap>
#include <QTimeZone>

#include <algorithm>

// The task endpoints: /api/tasks, /api/tasks/{id} and /api/tasks/quick.

namespace tandem::sync::rest::tasks {

namespace {

QByteArray taskObject(const Task &task)
{
    return QStringLiteral("{\"task\":%1}").arg(taskJsonText(task)).toUtf8();
}

// The answer to a change of one task: {"task": ...}, marked when replayed.
Result<HttpResponse> changed(int status, const Result<Change> &change)
{
    if (!change)
        return change.error();
    return replayMarked(HttpResponse::jsonText(status, taskObject(*change->task())), change.value());
}

// Query parameters of GET /api/tasks; `now` is what "today" is for list=.
Result<TaskQuery> taskQueryFrom(const QUrlQuery &params, const QDateTime &now)
{
    TaskQuery query;
    query.timeZone = QTimeZone::utc();
    const auto value = [&](const char *name) {
        return params.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    if (const QString zone = value("timeZone"); !zone.isEmpty()) {
        const QTimeZone tz(zone.toUtf8());
        if (!tz.isValid())
            return Error::validation(QStringLiteral("timeZone"),
                                     QStringLiteral("must be an IANA time zone such as Europe/Berlin"));
        query.timeZone = tz;
    }
    // A smart list is the starting point; the other parameters narrow it.
    if (const QString name = value("list"); !name.isEmpty()) {
        const auto list = smartListFromName(name);
        if (!list)
            return Error::validation(QStringLiteral("list"),
                                     QStringLiteral("must be today, upcoming, overdue, no_date, all or completed"));
        query = smartListQuery(*list, now, query.timeZone);
    }
    if (const QString statuses = value("status"); !statuses.isEmpty()) {
        query.statuses.clear();
        for (const QString &name : statuses.split(u',')) {
            const auto status = taskStatusFromName(name.trimmed());
            if (!status)
                return Error::validation(QStringLiteral("status"),
                                         QStringLiteral("must be pending, in_progress or completed (comma-separated)"));
            query.statuses.append(*status);
        }
    }
    if (const QString priorities = value("priority"); !priorities.isEmpty()) {
        for (const QString &name : priorities.split(u',')) {
            const auto priority = taskPriorityFromName(name.trimmed());
            if (!priority)
                return Error::validation(QStringLiteral("priority"),
                                         QStringLiteral("must be none, low, medium, high or urgent (comma-separated)"));
            query.priorities.append(*priority);
        }
    }
    query.tag = value("tag");
    query.text = value("q");
    if (query.text.size() > 500)
        return Error::validation(QStringLiteral("q"), QStringLiteral("must be at most 500 characters"));
    for (const char *name : {"dueAfter", "dueBefore", "completedAfter", "completedBefore"}) {
        const QString text = value(name);
        if (text.isEmpty())
            continue;
        QDateTime bound;
        if (const auto dateTime = parseIsoDateTime(text))
            bound = *dateTime;
        else if (const auto date = parseIsoDate(text))
            bound = QDateTime(*date, QTime(0, 0), query.timeZone);
        else
            return Error::validation(
                QString::fromLatin1(name),
                QStringLiteral("must be a date (2026-11-27) or a date-time with an offset (2026-11-27T09:00:00Z)"));
        const QByteArrayView which(name);
        (which == "dueAfter"             ? query.dueAfter
             : which == "dueBefore"      ? query.dueBefore
             : which == "completedAfter" ? query.completedAfter
                                         : query.completedBefore)
            = bound;
    }
    if (query.dueAfter.isValid() && query.dueBefore.isValid() && query.dueAfter > query.dueBefore)
        return Error::validation(QStringLiteral("dueAfter"), QStringLiteral("must not be later than dueBefore"));
    if (query.completedAfter.isValid() && query.completedBefore.isValid()
        && query.completedAfter > query.completedBefore)
        return Error::validation(QStringLiteral("completedAfter"),
                                 QStringLiteral("must not be later than completedBefore"));
    if (const QString hasDue = value("hasDue"); !hasDue.isEmpty()) {
        if (hasDue != u"true" && hasDue != u"false")
            return Error::validation(QStringLiteral("hasDue"), QStringLiteral("must be true or false"));
        query.dueFilter = hasDue == u"true" ? DueFilter::HasDue : DueFilter::NoDue;
    }
    if (const QString overdue = value("overdue"); !overdue.isEmpty()) {
        if (overdue != u"true" && overdue != u"false")
            return Error::validation(QStringLiteral("overdue"), QStringLiteral("must be true or false"));
        if (overdue == u"true" && query.dueFilter != DueFilter::Any)
            return Error::validation(QStringLiteral("overdue"), QStringLiteral("cannot be combined with hasDue"));
        if (overdue == u"true")
            query.dueFilter = DueFilter::Overdue;
    }
    if (const QString sort = value("sort"); !sort.isEmpty()) {
        const auto parsed = taskSortFromName(sort);
        if (!parsed)
            return Error::validation(
                QStringLiteral("sort"),
                QStringLiteral("must be due, priority, created, updated or title, optionally with a leading -"));
        query.sort = parsed->first;
        query.reversed = parsed->second;
    }
    if (const QString limit = value("limit"); !limit.isEmpty()) {
        bool ok = false;
        const int n = limit.toInt(&ok);
        if (!ok || n < 1 || n > 10'000)
            return Error::validation(QStringLiteral("limit"), QStringLiteral("must be between 1 and 10000"));
        query.limit = n;
    }
    return query;
}

// The "locale" member of a body: a BCP 47 / POSIX name ("en-GB", "de_DE") that
// decides how "3/4" reads; absent means `fallback`.
Result<QLocale> localeFrom(const QJsonObject &body, const QLocale &fallback)
{
    const QJsonValue value = body.value(QStringLiteral("locale"));
    if (value.isUndefined() || value.isNull())
        return fallback;
    const QString name = value.toString().trimmed();
    const QLocale locale(name);
    if (!value.isString() || name.isEmpty() || name.size() > 35 || (locale.language() == QLocale::C && name != u"C"))
        return Error::validation(QStringLiteral("locale"), QStringLiteral("must be a locale name such as en-GB"));
    return locale;
}

} // namespace

Result<HttpResponse> list(const RestCall &call)
{
    auto query = taskQueryFrom(call.request.query, call.context().tasks.now());
    if (!query)
        return query.error();
    auto found = call.context().tasks.query(call.user(), query.value());
    if (!found)
        return found.error();
    QString text;
    text.reserve(64 + 400 * found->tasks.size());
    text += QStringLiteral("{\"seq\":%1,\"tasks\":[").arg(found->seq);
    for (qsizetype i = 0; i < found->tasks.size(); ++i) {
        if (i > 0)
            text += u',';
        text += taskJsonText(found->tasks.at(i));
    }
    text += u"]}";
    return HttpResponse::jsonText(200, text.toUtf8());
}

Result<HttpResponse> create(const RestCall &call)
{
    auto body = jsonBody(call.request);
    if (!body)
        return body.error();
    auto draft = taskDraftFromJson(body.value());
    auto opId = operationId(call); // binds the key even when the draft is refused
    if (!draft)
        return draft.error();
    if (!opId)
        return opId.error();
    return changed(201, call.context().tasks.create(call.user(), draft.value(), opId.value()));
}

Result<HttpResponse> get(const RestCall &call)
{
    auto task = call.context().tasks.get(call.user(), call.ids.at(0));
    if (!task)
        return task.error();
    return HttpResponse::jsonText(200, taskObject(task.value()));
}

Result<HttpResponse> update(const RestCall &call)
{
    auto edit = editRequest(call);
    if (!edit)
        return edit.error();
    auto revision = revisionFrom(edit->body.value(QStringLiteral("revision")));
    if (!revision)
        return revision.error();
    auto patch = taskPatchFromJson(edit->body);
    if (!patch)
        return patch.error();
    if (patch->isEmpty())
        return Error::validation(QStringLiteral("body"), QStringLiteral("name at least one field to change"));
    return changed(
        200, call.context().tasks.update(call.user(), call.ids.at(0), patch.value(), revision.value(), edit->opId));
}

Result<HttpResponse> remove(const RestCall &call)
{
    auto opId = operationId(call);
    if (!opId)
        return opId.error();
    auto revision = revisionFrom(queryNumber(call.request, QStringLiteral("revision")));
    if (!revision)
        return revision.error();
    auto removed = call.context().tasks.remove(call.user(), call.ids.at(0), revision.value(), opId.value());
    if (!removed)
        return removed.error();
    return replayMarked(HttpResponse::noContent(), removed.value());
}

// POST /api/tasks/{id}/restore: a deleted task back, with its id (undo of a delete).
Result<HttpResponse> restore(const RestCall &call)
{
    auto opId = operationId(call);
    if (!opId)
        return opId.error();
    return changed(200, call.context().tasks.restore(call.user(), call.ids.at(0), opId.value()));
}

// GET /api/tasks/lists: how many tasks each smart list and each tag holds, by
// the same queries the lists themselves use.
Result<HttpResponse> listCounts(const RestCall &call)
{
    QTimeZone zone = QTimeZone::utc();
    if (const QString name = call.request.query.queryItemValue(QStringLiteral("timeZone"), QUrl::FullyDecoded);
        !name.isEmpty()) {
        zone = QTimeZone(name.toUtf8());
        if (!zone.isValid())
            return Error::validation(QStringLiteral("timeZone"),
                                     QStringLiteral("must be an IANA time zone such as Europe/Berlin"));
    }
    auto all = call.context().tasks.query(call.user(), TaskQuery{});
    if (!all)
        return all.error();
    const QDateTime now = call.context().tasks.now();
    QJsonObject lists;
    for (const SmartList list : allSmartLists) {
        const TaskMatcher matcher(smartListQuery(list, now, zone));
        const auto count = std::count_if(all->tasks.cbegin(), all->tasks.cend(),
                                         [&](const Task &task) { return matcher.matches(task); });
        lists.insert(smartListName(list), qint64(count));
    }
    // Open tasks per tag, under the spelling first seen; tags compare ignoring case.
    QMap<QString, std::pair<QString, qint64>> tags;
    const TaskMatcher open(smartListQuery(SmartList::All, now, zone));
    for (const Task &task : std::as_const(all->tasks)) {
        if (!open.matches(task))
            continue;
        for (const QString &tag : task.tags) {
            auto &entry = tags[tagKey(tag)];
            if (entry.first.isEmpty())
                entry.first = tag;
            ++entry.second;
        }
    }
    QJsonArray tagArray;
    for (const auto &[name, count] : std::as_const(tags))
        tagArray.append(QJsonObject{{QStringLiteral("tag"), name}, {QStringLiteral("count"), count}});
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("seq"), all->seq},
                                          {QStringLiteral("lists"), lists},
                                          {QStringLiteral("tags"), tagArray}});
}

Result<HttpResponse> quickAdd(const RestCall &call)
{
    const SyncContext &context = call.context();
    auto body = jsonBody(call.request);
    if (!body)
        return body.error();
    const QJsonValue text = body->value(QStringLiteral("text"));
    if (!text.isString() || text.toString().trimmed().isEmpty())
        return Error::validation(QStringLiteral("text"), QStringLiteral("must be a non-empty string"));
    if (codePointCount(text.toString()) > assistant::AssistantService::MaxMessage)
        return Error::validation(
            QStringLiteral("text"),
            QStringLiteral("must be at most %1 characters").arg(assistant::AssistantService::MaxMessage));
    auto zone = timeZoneFrom(body.value());
    auto locale = localeFrom(body.value(),
                             context.assistant ? context.assistant->locale()
                                               : QLocale(QLocale::English, QLocale::UnitedStates));
    auto opId = operationId(call); // binds the key even when the zone or locale is refused
    if (!zone)
        return zone.error();
    if (!locale)
        return locale.error();
    if (!opId)
        return opId.error();
    assistant::ParseContext parse;
    parse.now = context.assistant ? context.assistant->now() : QDateTime::currentDateTimeUtc();
    parse.timeZone = zone.value();
    parse.locale = locale.value();
    const assistant::QuickAdd parsed = assistant::QuickAddParser::parse(text.toString(), parse);
    const auto draft = assistant::taskDraftFromQuickAdd(parsed);
    if (!draft)
        return draft.error();
    auto created = context.tasks.create(call.user(), draft.value(), opId.value());
    if (!created)
        return created.error();
    return replayMarked(HttpResponse::json(201,
                                           QJsonObject{{QStringLiteral("task"), taskToJson(*created->task())},
                                                       {QStringLiteral("parsed"), assistant::quickAddToJson(parsed)}}),
                        created.value());
}

} // namespace tandem::sync::rest::tasks
