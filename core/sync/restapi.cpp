#include "restapi.h"

#include "assistant/assistantservice.h"
#include "assistant/quickadd.h"
#include "auth/authservice.h"
#include "domain/isotime.h"
#include "domain/json.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

namespace tandem::sync {

namespace {

HttpResponse methodNotAllowed(const QByteArray &allowed)
{
    return HttpResponse::error(405, "method_not_allowed",
                               QStringLiteral("use %1 here").arg(QString::fromLatin1(allowed)))
        .withHeader("Allow", allowed);
}

HttpResponse notFound()
{
    return HttpResponse::error(404, "not_found", QStringLiteral("no such resource"));
}

HttpResponse validation(const QString &field, const QString &message)
{
    return HttpResponse::fromError(Error::validation(field, message));
}

bool isGet(const HttpRequest &request)
{
    return request.method == "GET" || request.method == "HEAD";
}

// The JSON object a request carries. Empty bodies are {} when allowed.
Result<QJsonObject> jsonBody(const HttpRequest &request, bool allowEmpty, HttpResponse *failure)
{
    if (request.body.isEmpty()) {
        if (allowEmpty)
            return QJsonObject();
        *failure = HttpResponse::error(400, "bad_json", QStringLiteral("a JSON object body is required"));
        return Error::validation({}, {});
    }
    const QByteArray type = request.header("content-type").toLower();
    if (!type.startsWith("application/json")) {
        *failure = HttpResponse::error(415, "unsupported_media_type",
                                       QStringLiteral("send the body as JSON (Content-Type: application/json)"));
        return Error::validation({}, {});
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *failure = HttpResponse::error(400, "bad_json",
                                       error.error != QJsonParseError::NoError
                                           ? QStringLiteral("the body is not valid JSON (%1 at offset %2)")
                                                 .arg(error.errorString())
                                                 .arg(error.offset)
                                           : QStringLiteral("the body must be a JSON object"));
        return Error::validation({}, {});
    }
    return document.object();
}

// The opId of a mutation: the Idempotency-Key header when given (any text
// up to 255 characters; a UUID is used as is), else a fresh one.
Result<QUuid> operationId(const HttpRequest &request, const QUuid &userId)
{
    const QByteArray key = request.header("idempotency-key");
    if (key.isEmpty())
        return QUuid::createUuid();
    if (key.size() > 255)
        return Error::validation(QStringLiteral("Idempotency-Key"), QStringLiteral("must be at most 255 characters"));
    if (const auto id = uuidFromText(QString::fromLatin1(key)))
        return *id;
    // Derive a stable UUID per user and key, so any client-chosen text works.
    static const QUuid ns = QUuid::fromString(QStringLiteral("6f9a3c1e-2b7d-4e8a-9c5f-0d1e2f3a4b5c"));
    return QUuid::createUuidV5(ns, uuidText(userId).toLatin1() + ':' + key);
}

std::optional<QUuid> pathId(const QString &segment)
{
    return uuidFromText(segment);
}

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

// Query parameters of GET /api/tasks.
Result<TaskQuery> taskQueryFrom(const QUrlQuery &params)
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
    if (const QString statuses = value("status"); !statuses.isEmpty()) {
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

// The "timeZone" member of a body: an IANA name; absent means the server's zone.
Result<QTimeZone> timeZoneFrom(const QJsonObject &body)
{
    const QJsonValue value = body.value(QStringLiteral("timeZone"));
    if (value.isUndefined() || value.isNull())
        return QTimeZone::systemTimeZone();
    const QTimeZone zone(value.toString().toUtf8());
    if (!value.isString() || !zone.isValid())
        return Error::validation(QStringLiteral("timeZone"),
                                 QStringLiteral("must be an IANA time zone such as Europe/Berlin"));
    return zone;
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

QJsonObject tokenResponse(const AuthToken &token)
{
    return QJsonObject{
        {QStringLiteral("token"), token.token},
        {QStringLiteral("expiresAt"), formatTimestamp(token.expiresAt)},
        {QStringLiteral("user"),
         QJsonObject{{QStringLiteral("id"), uuidText(token.user.id)},
                     {QStringLiteral("username"), token.user.username}}},
    };
}

} // namespace

RestApi::RestApi(SyncContext &context, const ServerOptions &options, QObject *asyncContext)
    : m_context(context)
    , m_options(options)
    , m_asyncContext(asyncContext)
{ }

void RestApi::handle(const HttpRequest &request, const HttpReply &reply)
{
    QStringList path = request.path.split(u'/', Qt::SkipEmptyParts);
    if (path.isEmpty() || path.constFirst() != u"api") {
        reply(notFound());
        return;
    }
    path.removeFirst();
    if (path.isEmpty()) {
        reply(notFound());
        return;
    }
    const QString area = path.takeFirst();
    if (area == u"health" && path.isEmpty()) {
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD"));
            return;
        }
        reply(HttpResponse::json(200,
                                 QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                             {QStringLiteral("version"), QStringLiteral(TANDEM_VERSION)}}));
        return;
    }
    if (area == u"auth") {
        handleAuth(request, path, reply);
        return;
    }
    if (area != u"tasks" && area != u"chat") {
        reply(notFound());
        return;
    }

    auto identity = authenticate(request);
    if (!identity) {
        reply(HttpResponse::fromError(identity.error()));
        return;
    }
    if (area == u"tasks")
        handleTasks(request, path, identity.value(), reply);
    else
        handleChat(request, path, identity.value(), reply);
}

Result<TokenIdentity> RestApi::authenticate(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Bearer "))
        return Error::unauthorized(QStringLiteral("sign in and send Authorization: Bearer <token>"));
    auto identity = m_context.auth.authenticate(QString::fromLatin1(authorization.mid(7).trimmed()));
    // REST answers every refused token 401 "unauthorized" (the WebSocket's
    // finer reasons, such as invalid_token, are not part of this contract).
    if (!identity && identity.error().code == ErrorCode::Unauthorized)
        return Error::unauthorized(identity.error().message);
    return identity;
}

void RestApi::handleAuth(const HttpRequest &request, const QStringList &path, const HttpReply &reply)
{
    if (path.size() != 1) {
        reply(notFound());
        return;
    }
    const QString action = path.constFirst();
    const QString address = request.peer.toString();

    if (action == u"register" || action == u"login") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        HttpResponse failure;
        auto body = jsonBody(request, false, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        const QJsonValue username = body->value(QStringLiteral("username"));
        const QJsonValue password = body->value(QStringLiteral("password"));
        if (!username.isString()) {
            reply(validation(QStringLiteral("username"), QStringLiteral("must be a string")));
            return;
        }
        if (!password.isString()) {
            reply(validation(QStringLiteral("password"), QStringLiteral("must be a string")));
            return;
        }
        auto done = [reply, status = action == u"register" ? 201 : 200](const Result<AuthToken> &result) {
            reply(result ? HttpResponse::json(status, tokenResponse(result.value()))
                         : HttpResponse::fromError(result.error()));
        };
        if (action == u"register") {
            const QJsonValue invite = body->value(QStringLiteral("inviteCode"));
            if (!invite.isUndefined() && !invite.isNull() && !invite.isString()) {
                reply(validation(QStringLiteral("inviteCode"), QStringLiteral("must be a string")));
                return;
            }
            m_context.auth.registerUser(username.toString(), password.toString(), invite.toString(), address,
                                        m_asyncContext, done);
        } else {
            m_context.auth.login(username.toString(), password.toString(), address, m_asyncContext, done);
        }
        return;
    }

    // The rest need a signed-in user.
    auto identity = authenticate(request);
    if (!identity) {
        reply(HttpResponse::fromError(identity.error()));
        return;
    }
    if (action == u"me") {
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD"));
            return;
        }
        auto user = m_context.store.userById(identity->userId);
        if (!user || !user.value()) {
            reply(HttpResponse::fromError(user ? Error::unauthorized(QStringLiteral("this account no longer exists"))
                                               : user.error()));
            return;
        }
        reply(HttpResponse::json(200,
                                 QJsonObject{{QStringLiteral("user"),
                                              QJsonObject{{QStringLiteral("id"), uuidText(user.value()->id)},
                                                          {QStringLiteral("username"), user.value()->username}}}}));
        return;
    }
    if (action == u"logout") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        auto done = m_context.auth.logout(identity.value());
        reply(done ? HttpResponse::noContent() : HttpResponse::fromError(done.error()));
        return;
    }
    if (action == u"invites") {
        if (request.method != "POST") {
            reply(methodNotAllowed("POST"));
            return;
        }
        if (identity->userId != m_context.localOwnerId) {
            reply(HttpResponse::error(403, "forbidden", QStringLiteral("only the desktop's owner can invite people")));
            return;
        }
        auto code = m_context.auth.issueInvite(identity->userId);
        reply(code ? HttpResponse::json(201, QJsonObject{{QStringLiteral("code"), code.value()}})
                   : HttpResponse::fromError(code.error()));
        return;
    }
    reply(notFound());
}

void RestApi::handleTasks(const HttpRequest &request, const QStringList &path, const TokenIdentity &identity,
                          const HttpReply &reply)
{
    const QUuid user = identity.userId;
    if (path.isEmpty()) {
        if (isGet(request)) {
            auto query = taskQueryFrom(request.query);
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
        auto opId = operationId(request, user);
        if (!draft || !opId) {
            reply(HttpResponse::fromError(draft ? opId.error() : draft.error()));
            return;
        }
        auto created = m_context.tasks.create(user, draft.value(), opId.value());
        reply(created ? changeResponse(201, created.value()) : HttpResponse::fromError(created.error()));
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
    auto opId = operationId(request, user);
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
        reply(removed ? HttpResponse::noContent() : HttpResponse::fromError(removed.error()));
        return;
    }
    reply(methodNotAllowed("GET, HEAD, PATCH, DELETE"));
}

void RestApi::handleChat(const HttpRequest &request, const QStringList &path, const TokenIdentity &identity,
                         const HttpReply &reply)
{
    const QUuid user = identity.userId;
    if (path.isEmpty() || path.constFirst() != u"sessions" || path.size() > 3) {
        reply(notFound());
        return;
    }
    const auto sessionJson = [](const ChatSession &session) {
        return QJsonObject{{QStringLiteral("session"), sessionToJson(session)}};
    };
    if (path.size() == 1) {
        if (isGet(request)) {
            auto sessions = m_context.chats.sessions(user);
            if (!sessions) {
                reply(HttpResponse::fromError(sessions.error()));
                return;
            }
            QJsonArray array;
            for (const ChatSession &session : std::as_const(sessions.value()))
                array.append(sessionToJson(session));
            reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("sessions"), array}}));
            return;
        }
        if (request.method != "POST") {
            reply(methodNotAllowed("GET, HEAD, POST"));
            return;
        }
        HttpResponse failure;
        auto body = jsonBody(request, true, &failure);
        if (!body) {
            reply(failure);
            return;
        }
        const QJsonValue title = body->value(QStringLiteral("title"));
        if (!title.isUndefined() && !title.isNull() && !title.isString()) {
            reply(validation(QStringLiteral("title"), QStringLiteral("must be a string")));
            return;
        }
        std::optional<QUuid> sessionId;
        const QJsonValue idValue = body->value(QStringLiteral("id"));
        if (!idValue.isUndefined() && !idValue.isNull()) {
            sessionId = idValue.isString() ? uuidFromText(idValue.toString()) : std::nullopt;
            if (!sessionId) {
                reply(validation(QStringLiteral("id"), QStringLiteral("must be a UUID")));
                return;
            }
        }
        auto opId = operationId(request, user);
        if (!opId) {
            reply(HttpResponse::fromError(opId.error()));
            return;
        }
        auto created = m_context.chats.createSession(user, title.toString(), sessionId, opId.value());
        reply(created ? HttpResponse::json(201, sessionJson(*created->session()))
                      : HttpResponse::fromError(created.error()));
        return;
    }

    const auto id = pathId(path.at(1));
    if (!id) {
        reply(notFound());
        return;
    }
    if (path.size() == 3) {
        if (path.at(2) != u"messages") {
            reply(notFound());
            return;
        }
        if (request.method == "POST") {
            postMessage(request, user, *id, reply);
            return;
        }
        if (!isGet(request)) {
            reply(methodNotAllowed("GET, HEAD, POST"));
            return;
        }
        int limit = 0;
        if (const QString text = request.query.queryItemValue(QStringLiteral("limit")); !text.isEmpty()) {
            bool ok = false;
            limit = text.toInt(&ok);
            if (!ok || limit < 1 || limit > 10'000) {
                reply(validation(QStringLiteral("limit"), QStringLiteral("must be between 1 and 10000")));
                return;
            }
        }
        auto messages = m_context.chats.messages(user, *id, limit);
        if (!messages) {
            reply(HttpResponse::fromError(messages.error()));
            return;
        }
        QJsonArray array;
        for (const ChatMessage &message : std::as_const(messages.value()))
            array.append(messageToJson(message));
        reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("messages"), array}}));
        return;
    }
    if (isGet(request)) {
        auto session = m_context.chats.session(user, *id);
        reply(session ? HttpResponse::json(200, sessionJson(session.value()))
                      : HttpResponse::fromError(session.error()));
        return;
    }
    auto opId = operationId(request, user);
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
        SessionPatch patch;
        const QJsonValue title = body->value(QStringLiteral("title"));
        const QJsonValue active = body->value(QStringLiteral("isActive"));
        if (!title.isUndefined()) {
            if (!title.isString()) {
                reply(validation(QStringLiteral("title"), QStringLiteral("must be a string")));
                return;
            }
            patch.title = title.toString();
        }
        if (!active.isUndefined()) {
            if (!active.isBool()) {
                reply(validation(QStringLiteral("isActive"), QStringLiteral("must be true or false")));
                return;
            }
            patch.isActive = active.toBool();
        }
        if (!patch.title && !patch.isActive) {
            reply(validation(QStringLiteral("body"), QStringLiteral("name title or isActive to change")));
            return;
        }
        auto updated = m_context.chats.updateSession(user, *id, patch, opId.value());
        reply(updated ? HttpResponse::json(200, sessionJson(*updated->session()))
                      : HttpResponse::fromError(updated.error()));
        return;
    }
    if (request.method == "DELETE") {
        auto removed = m_context.chats.deleteSession(user, *id, opId.value());
        reply(removed ? HttpResponse::noContent() : HttpResponse::fromError(removed.error()));
        return;
    }
    reply(methodNotAllowed("GET, HEAD, PATCH, DELETE"));
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
    auto opId = operationId(request, user);
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

void RestApi::postMessage(const HttpRequest &request, const QUuid &user, const QUuid &sessionId, const HttpReply &reply)
{
    if (!m_context.assistant) {
        reply(HttpResponse::error(503, "unavailable", QStringLiteral("the assistant is not running on this server")));
        return;
    }
    HttpResponse failure;
    auto body = jsonBody(request, false, &failure);
    if (!body) {
        reply(failure);
        return;
    }
    const QJsonValue content = body->value(QStringLiteral("content"));
    if (!content.isString()) {
        reply(validation(QStringLiteral("content"), QStringLiteral("must be a string of 1 to 4000 characters")));
        return;
    }
    auto zone = timeZoneFrom(body.value());
    auto opId = operationId(request, user);
    if (!zone || !opId) {
        reply(HttpResponse::fromError(zone ? opId.error() : zone.error()));
        return;
    }
    m_context.assistant->send(
        user, sessionId, content.toString(), zone.value(), opId.value(), m_asyncContext,
        [reply](const Result<assistant::AssistantTurn> &turn) {
            if (!turn) {
                reply(HttpResponse::fromError(turn.error()));
                return;
            }
            QJsonArray actions;
            for (const TaskAction &action : turn->actions)
                actions.append(taskActionToJson(action));
            HttpResponse response = HttpResponse::json(
                201,
                QJsonObject{{QStringLiteral("userMessage"), messageToJson(turn->userMessage)},
                            {QStringLiteral("assistantMessage"), messageToJson(turn->assistantMessage)},
                            {QStringLiteral("actions"), actions}});
            if (turn->replayed)
                response.withHeader("Idempotent-Replayed", "true");
            reply(response);
        });
}

} // namespace tandem::sync
