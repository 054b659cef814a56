#include "restapi.h"

#include "assistant/assistantservice.h"
#include "assistant/quickadd.h"
#include "auth/authservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "domain/smartlist.h"
#include "domain/textfold.h"
#include "restsupport.h"
#include "services/taskservice.h"

#include <QJsonArray>
#include <QMap>
#include <QTimeZone>

#include <algorithm>

// The task endpoints: /api/tasks, /api/tasks/{id} and /api/tasks/quick.

namespace tandem::sync {

using namespace detail;

namespace {

QByteArray taskObject(const Task &task)
{
    return QStringLiteral("{\"task\":%1}").arg(taskJsonText(task)).toUtf8();
}

HttpResponse changeResponse(int status, const Change &change)
{
    HttpResponse response = HttpResponse::jsonText(status, taskObject(*change.task()));
    if (change.replayed)
        response.withHeader("Idempotent-Replayed", "true");
    return response;
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

void RestApi::handleTasks(const HttpRequest &request, const QStringList &path, const TokenIdentity &identity,
                          const HttpReply &reply)
{
    const QUuid user = identity.userId;
    if (path.isEmpty()) {
        if (isGet(request)) {
            auto query = taskQueryFrom(request.query, m_context.tasks.now());
            if (!query) {
                reply(HttpResponse::fromError(query.error()));
                return;
            }
            auto list = m_context.tasks.query(user, query.value());
            if (!list) {
                reply(HttpResponse::fromError(list.error()));
                return;
            }
            QString text;
            text.reserve(64 + 400 * list->tasks.size());
            text += QStringLiteral("{\"seq\":%1,\"tasks\":[").arg(list->seq);
            for (qsizetype i = 0; i < list->tasks.size(); ++i) {
                if (i > 0)
                    text += u',';
                text += taskJsonText(list->tasks.at(i));
            }
            text += u"]}";
            reply(HttpResponse::jsonText(200, text.toUtf8()));
            return;
        }
        if (request.method != "POST") {
            reply(methodNotAllowed("GET, HEAD, POST"));
            return;
        }
        HttpResponse failure;
        auto body = jsonBody(request, false, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        auto draft = taskDraftFromJson(body.value());
        auto opId = operationId(request, user, m_context.store);
        if (!draft || !opId) {
            reply(HttpResponse::fromError(draft ? opId.error() : draft.error()));
            return;
        }
        auto created = m_context.tasks.create(user, draft.value(), opId.value());
        reply(created ? changeResponse(201, created.value()) : HttpResponse::fromError(created.error()));
        return;
    }

    if (path.size() == 1 && path.constFirst() == u"lists") {
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD"));
            return;
        }
        listCounts(request, user, reply);
        return;
    }
    if (path.size() == 1 && path.constFirst() == u"quick") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        quickAdd(request, user, reply);
        return;
    }
    // POST /api/tasks/{id}/restore: a deleted task back, with its id (undo of a delete).
    if (path.size() == 2 && path.constLast() == u"restore") {
        const auto deleted = pathId(path.constFirst());
        if (!deleted) {
            reply(notFound());
            return;
        }
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        auto opId = operationId(request, user, m_context.store);
        if (!opId) {
            reply(HttpResponse::fromError(opId.error()));
            return;
        }
        auto restored = m_context.tasks.restore(user, *deleted, opId.value());
        reply(restored ? changeResponse(200, restored.value()) : HttpResponse::fromError(restored.error()));
        return;
    }
    const auto id = path.size() == 1 ? pathId(path.constFirst()) : std::nullopt;
    if (!id) {
        reply(notFound());
        return;
    }
    if (isGet(request)) {
        auto task = m_context.tasks.get(user, *id);
        reply(task ? HttpResponse::jsonText(200, taskObject(task.value())) : HttpResponse::fromError(task.error()));
        return;
    }
    auto opId = operationId(request, user, m_context.store);
    if (!opId) {
        reply(HttpResponse::fromError(opId.error()));
        return;
    }
    if (request.method == "PATCH") {
        HttpResponse failure;
        auto body = jsonBody(request, false, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        std::optional<qint64> revision;
        const QJsonValue revisionValue = body->value(QStringLiteral("revision"));
        if (!revisionValue.isUndefined() && !revisionValue.isNull()) {
            revision = jsonCount(revisionValue);
            if (!revision) {
                reply(validation(QStringLiteral("revision"), QStringLiteral("must be a non-negative integer")));
                return;
            }
        }
        auto patch = taskPatchFromJson(body.value());
        if (!patch) {
            reply(HttpResponse::fromError(patch.error()));
            return;
        }
        if (patch->isEmpty()) {
            reply(validation(QStringLiteral("body"), QStringLiteral("name at least one field to change")));
            return;
        }
        auto updated = m_context.tasks.update(user, *id, patch.value(), revision, opId.value());
        reply(updated ? changeResponse(200, updated.value()) : HttpResponse::fromError(updated.error()));
        return;
    }
    if (request.method == "DELETE") {
        std::optional<qint64> revision;
        if (const QString text = request.query.queryItemValue(QStringLiteral("revision")); !text.isEmpty()) {
            bool ok = false;
            revision = text.toLongLong(&ok);
            if (!ok || *revision < 0) {
                reply(validation(QStringLiteral("revision"), QStringLiteral("must be a non-negative integer")));
                return;
            }
        }
        auto removed = m_context.tasks.remove(user, *id, revision, opId.value());
        reply(deletedResponse(removed));
        return;
    }
    reply(methodNotAllowed("GET, HEAD, PATCH, DELETE"));
}

// GET /api/tasks/lists: how many tasks each smart list and each tag holds, by
// the same queries the lists themselves use.
void RestApi::listCounts(const HttpRequest &request, const QUuid &user, const HttpReply &reply)
{
    QTimeZone zone = QTimeZone::utc();
    if (const QString name = request.query.queryItemValue(QStringLiteral("timeZone"), QUrl::FullyDecoded);
        !name.isEmpty()) {
        zone = QTimeZone(name.toUtf8());
        if (!zone.isValid()) {
            reply(validation(QStringLiteral("timeZone"),
                             QStringLiteral("must be an IANA time zone such as Europe/Berlin")));
            return;
        }
    }
    auto all = m_context.tasks.query(user, TaskQuery{});
    if (!all) {
        reply(HttpResponse::fromError(all.error()));
        return;
    }
    const QDateTime now = m_context.tasks.now();
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
    reply(HttpResponse::json(200,
                             QJsonObject{{QStringLiteral("seq"), all->seq},
                                         {QStringLiteral("lists"), lists},
                                         {QStringLiteral("tags"), tagArray}}));
}

void RestApi::quickAdd(const HttpRequest &request, const QUuid &user, const HttpReply &reply)
{
    HttpResponse failure;
    auto body = jsonBody(request, false, &failure);
    if (!body) {
        reply(failure);
        return;
    }
    const QJsonValue text = body->value(QStringLiteral("text"));
    if (!text.isString() || text.toString().trimmed().isEmpty()) {
        reply(validation(QStringLiteral("text"), QStringLiteral("must be a non-empty string")));
        return;
    }
    if (codePointCount(text.toString()) > assistant::AssistantService::MaxMessage) {
        reply(validation(QStringLiteral("text"),
                         QStringLiteral("must be at most %1 characters").arg(assistant::AssistantService::MaxMessage)));
        return;
    }
    auto zone = timeZoneFrom(body.value());
    auto locale = localeFrom(body.value(),
                             m_context.assistant ? m_context.assistant->locale()
                                                 : QLocale(QLocale::English, QLocale::UnitedStates));
    auto opId = operationId(request, user, m_context.store);
    if (!zone || !locale || !opId) {
        reply(HttpResponse::fromError(!zone ? zone.error() : !locale ? locale.error() : opId.error()));
        return;
    }
    assistant::ParseContext context;
    context.now = m_context.assistant ? m_context.assistant->now() : QDateTime::currentDateTimeUtc();
    context.timeZone = zone.value();
    context.locale = locale.value();
    const assistant::QuickAdd parsed = assistant::QuickAddParser::parse(text.toString(), context);
    const auto draft = assistant::taskDraftFromQuickAdd(parsed);
    if (!draft) {
        reply(HttpResponse::fromError(draft.error()));
        return;
    }
    auto created = m_context.tasks.create(user, draft.value(), opId.value());
    if (!created) {
        reply(HttpResponse::fromError(created.error()));
        return;
    }
    HttpResponse response
        = HttpResponse::json(201,
                             QJsonObject{{QStringLiteral("task"), taskToJson(*created->task())},
                                         {QStringLiteral("parsed"), assistant::quickAddToJson(parsed)}});
    if (created->replayed)
        response.withHeader("Idempotent-Replayed", "true");
    reply(response);
}

} // namespace tandem::sync
