// The JSON codecs: every entity survives encode -> text -> decode unchanged,
// decoding is strict and names the field at fault, and the client-facing
// draft and patch decoders read only what a client may send.
#include "domain/isotime.h"
#include "domain/json.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tandem;

namespace tandem {

// Readable QCOMPARE failures: the entity as JSON.
static char *toString(const Task &task)
{
    return qstrdup(QJsonDocument(taskToJson(task)).toJson(QJsonDocument::Compact).constData());
}

static char *toString(const ChatSession &session)
{
    return qstrdup(QJsonDocument(sessionToJson(session)).toJson(QJsonDocument::Compact).constData());
}

static char *toString(const ChatMessage &message)
{
    return qstrdup(QJsonDocument(messageToJson(message)).toJson(QJsonDocument::Compact).constData());
}

static char *toString(const User &user)
{
    return qstrdup(QJsonDocument(userToJson(user)).toJson(QJsonDocument::Compact).constData());
}

static char *toString(const Due &due)
{
    return QTest::toString(due.isNone() ? QStringLiteral("<no due>") : due.toIsoString());
}

} // namespace tandem

Q_DECLARE_METATYPE(tandem::Task)
Q_DECLARE_METATYPE(tandem::ChatSession)
Q_DECLARE_METATYPE(tandem::ChatMessage)
Q_DECLARE_METATYPE(tandem::User)
Q_DECLARE_METATYPE(tandem::Due)

namespace {

const QUuid ownerId = QUuid(QStringLiteral("{6a1f7c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b}"));

QDateTime at(qint64 msecs)
{
    return timestampFromMsecs(msecs);
}

Task baseTask()
{
    Task task;
    task.id = QUuid(QStringLiteral("{0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90}"));
    task.ownerId = ownerId;
    task.title = QStringLiteral("Buy milk");
    task.createdAt = at(1795770000123);
    task.updatedAt = at(1795770005456);
    task.revision = 1;
    return task;
}

ChatSession baseSession()
{
    ChatSession session;
    session.id = QUuid(QStringLiteral("{b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e}"));
    session.ownerId = ownerId;
    session.title = QStringLiteral("Planning");
    session.createdAt = at(1795770000000);
    session.updatedAt = at(1795770000999);
    session.revision = 1;
    return session;
}

ChatMessage baseMessage()
{
    ChatMessage message;
    message.id = QUuid(QStringLiteral("{c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f}"));
    message.sessionId = baseSession().id;
    message.ownerId = ownerId;
    message.content = QStringLiteral("Add milk to my list");
    message.createdAt = at(1795770001000);
    return message;
}

QJsonObject merged(QJsonObject base, const QByteArray &setJson, const QString &remove)
{
    const QJsonObject set = QJsonDocument::fromJson(setJson).object();
    for (auto it = set.begin(); it != set.end(); ++it)
        base.insert(it.key(), it.value());
    if (!remove.isEmpty())
        base.remove(remove);
    return base;
}

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad JSON in the test itself: %s", json.constData());
    return document.object();
}

// Through text, as on the wire.
QJsonObject viaText(const QJsonObject &object)
{
    return QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).object();
}

} // namespace

class TestJsonCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void task_roundTrip_isLossless_data()
    {
        QTest::addColumn<Task>("task");

        QTest::newRow("minimal") << baseTask();
        {
            Task task = baseTask();
            task.description = QStringLiteral("two\nlines\twith tab");
            task.status = TaskStatus::InProgress;
            task.priority = TaskPriority::High;
            task.due = Due::onDate(QDate(2026, 11, 27));
            task.tags = {QStringLiteral("Work"), QStringLiteral("home")};
            task.revision = 7;
            QTest::newRow("date due and tags") << task;
        }
        {
            Task task = baseTask();
            task.due = *Due::fromIsoString(u"2026-11-27T09:30:00+05:30");
            task.priority = TaskPriority::Urgent;
            QTest::newRow("date-time due with offset") << task;
        }
        {
            Task task = baseTask();
            task.due = *Due::fromIsoString(u"2026-11-27T23:59:59.250-10:00");
            QTest::newRow("date-time due with milliseconds") << task;
        }
        {
            Task task = baseTask();
            task.due = *Due::fromIsoString(u"2026-11-27T09:30:00Z");
            task.status = TaskStatus::Completed;
            task.completedAt = at(1795770009000);
            QTest::newRow("completed") << task;
        }
        {
            Task task = baseTask();
            task.deletedAt = at(1795770010001);
            task.revision = 3;
            QTest::newRow("tombstone") << task;
        }
        {
            Task task = baseTask();
            task.title = QStringLiteral("Buy 🎂 and 🎉 for 👩‍👩‍👧");
            task.description = QStringLiteral("🏳️‍🌈 flags, skin tones 👍🏽");
            task.tags = {QStringLiteral("🏷️"), QStringLiteral("über")};
            QTest::newRow("emoji") << task;
        }
        {
            Task task = baseTask();
            task.title = QStringLiteral("לקנות חלב");
            task.description = QStringLiteral("مرحبا بالعالم\nשורה שנייה");
            task.tags = {QStringLiteral("עבודה")};
            QTest::newRow("right to left") << task;
        }
        {
            Task task = baseTask();
            task.title = QStringLiteral("\"quoted\" \\ back\\slash </script> \u2028 line separator");
            task.description = QStringLiteral("{\"json\": [1, 2]}");
            QTest::newRow("JSON metacharacters") << task;
        }
        {
            Task task = baseTask();
            task.revision = qint64(1) << 53;
            QTest::newRow("largest revision") << task;
        }
    }

    void task_roundTrip_isLossless()
    {
        QFETCH(Task, task);
        TANDEM_VERIFY_OK(validateTask(task)); // the fixture itself is a valid task
        const auto decoded = taskFromJson(viaText(taskToJson(task)));
        TANDEM_VERIFY_OK(decoded);
        QCOMPARE(decoded.value(), task);
        QCOMPARE(decoded->due.toIsoString(), task.due.toIsoString()); // the offset survives, not only the instant
        QCOMPARE(taskToJson(decoded.value()), taskToJson(task));
        // Through the change-log decoder too.
        const auto entity = entityFromJson(ChangeKind::TaskUpdated, taskToJson(task));
        TANDEM_VERIFY_OK(entity);
        QCOMPARE(std::get<Task>(entity.value()), task);
    }

    void taskToJson_shape_isTheWireContract()
    {
        Task task = baseTask();
        QJsonObject json = taskToJson(task);
        QCOMPARE(json.value(u"id").toString(), QStringLiteral("0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90"));
        QCOMPARE(json.value(u"ownerId").toString(), QStringLiteral("6a1f7c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"));
        QCOMPARE(json.value(u"status").toString(), QStringLiteral("pending"));
        QCOMPARE(json.value(u"priority").toString(), QStringLiteral("none"));
        QVERIFY(json.value(u"due").isNull());
        QVERIFY(json.value(u"completedAt").isNull());
        QVERIFY(!json.contains(u"deletedAt"));
        // Repeating tasks (an extension): always present, null when unused.
        QVERIFY(json.contains(u"repeat") && json.value(u"repeat").isNull());
        QVERIFY(json.contains(u"lastCompletedAt") && json.value(u"lastCompletedAt").isNull());
        QCOMPARE(json.value(u"tags").toArray(), QJsonArray());
        QCOMPARE(json.value(u"createdAt").toString(), QStringLiteral("2026-11-27T09:00:00.123Z"));
        QCOMPARE(json.value(u"revision").toInteger(), 1);

        task.status = TaskStatus::InProgress;
        task.priority = TaskPriority::Medium;
        task.due = *Due::fromIsoString(u"2026-11-27T10:00:00+01:00");
        task.deletedAt = at(1795770010000);
        json = taskToJson(task);
        QCOMPARE(json.value(u"status").toString(), QStringLiteral("in_progress"));
        QCOMPARE(json.value(u"priority").toString(), QStringLiteral("medium"));
        QCOMPARE(json.value(u"due").toString(), QStringLiteral("2026-11-27T10:00:00+01:00"));
        QCOMPARE(json.value(u"deletedAt").toString(), QStringLiteral("2026-11-27T09:00:10.000Z"));
        QCOMPARE(json.size(), 15);
    }

    void session_roundTrip_isLossless_data()
    {
        QTest::addColumn<ChatSession>("session");

        QTest::newRow("active") << baseSession();
        {
            ChatSession session = baseSession();
            session.isActive = false;
            session.revision = 12;
            QTest::newRow("inactive") << session;
        }
        {
            ChatSession session = baseSession();
            session.deletedAt = at(1795770020000);
            QTest::newRow("tombstone") << session;
        }
        {
            ChatSession session = baseSession();
            session.title = QStringLiteral("שיחה 🎂 Ωmega");
            QTest::newRow("emoji and right to left") << session;
        }
    }

    void session_roundTrip_isLossless()
    {
        QFETCH(ChatSession, session);
        const auto decoded = sessionFromJson(viaText(sessionToJson(session)));
        TANDEM_VERIFY_OK(decoded);
        QCOMPARE(decoded.value(), session);
        const auto entity = entityFromJson(ChangeKind::ChatSessionUpdated, sessionToJson(session));
        TANDEM_VERIFY_OK(entity);
        QCOMPARE(std::get<ChatSession>(entity.value()), session);
        QCOMPARE(sessionToJson(session).contains(u"deletedAt"), session.isDeleted());
    }

    void message_roundTrip_isLossless_data()
    {
        QTest::addColumn<ChatMessage>("message");

        QTest::newRow("user, no actions") << baseMessage();
        {
            ChatMessage message = baseMessage();
            message.role = ChatRole::Assistant;
            message.content = QStringLiteral("Done:\n- created \"Buy milk\" 🥛\n- مرحبا");
            const QUuid task = baseTask().id;
            for (auto kind : {TaskActionKind::Created, TaskActionKind::Updated, TaskActionKind::Completed,
                              TaskActionKind::Reopened, TaskActionKind::Deleted, TaskActionKind::Restored})
                message.actions.append(TaskAction{kind, task, {}});
            QTest::newRow("assistant, every action kind") << message;
        }
    }

    void message_roundTrip_isLossless()
    {
        QFETCH(ChatMessage, message);
        const auto decoded = messageFromJson(viaText(messageToJson(message)));
        TANDEM_VERIFY_OK(decoded);
        QCOMPARE(decoded.value(), message);
        const auto entity = entityFromJson(ChangeKind::ChatMessageCreated, messageToJson(message));
        TANDEM_VERIFY_OK(entity);
        QCOMPARE(std::get<ChatMessage>(entity.value()), message);
    }

    void user_roundTrip_omitsPasswordHash()
    {
        User user;
        user.id = ownerId;
        user.username = QStringLiteral("Alice.Smith_99");
        user.passwordHash = QStringLiteral("$argon2id$v=19$secret");
        user.createdAt = at(1795770000000);
        const QJsonObject json = userToJson(user);
        QVERIFY(!json.contains(u"passwordHash"));
        QVERIFY(!QJsonDocument(json).toJson().contains("argon2id"));
        const auto decoded = userFromJson(viaText(json));
        TANDEM_VERIFY_OK(decoded);
        User expected = user;
        expected.passwordHash.clear();
        QCOMPARE(decoded.value(), expected);
    }

    void taskFromJson_badField_namesIt_data()
    {
        QTest::addColumn<QByteArray>("set"); // merged into a valid task
        QTest::addColumn<QString>("remove"); // a key removed from it
        QTest::addColumn<QString>("field");

        const QString none;
        QTest::newRow("status unknown") << QByteArray(R"({"status": "done"})") << none << QStringLiteral("status");
        QTest::newRow("status number") << QByteArray(R"({"status": 1})") << none << QStringLiteral("status");
        QTest::newRow("status wrong case")
            << QByteArray(R"({"status": "Pending"})") << none << QStringLiteral("status");
        QTest::newRow("status null") << QByteArray(R"({"status": null})") << none << QStringLiteral("status");
        QTest::newRow("status missing") << QByteArray("{}") << QStringLiteral("status") << QStringLiteral("status");
        QTest::newRow("priority 7") << QByteArray(R"({"priority": 7})") << none << QStringLiteral("priority");
        QTest::newRow("priority unknown")
            << QByteArray(R"({"priority": "critical"})") << none << QStringLiteral("priority");
        QTest::newRow("title number") << QByteArray(R"({"title": 42})") << none << QStringLiteral("title");
        QTest::newRow("title null") << QByteArray(R"({"title": null})") << none << QStringLiteral("title");
        QTest::newRow("title missing") << QByteArray("{}") << QStringLiteral("title") << QStringLiteral("title");
        QTest::newRow("title empty") << QByteArray(R"({"title": ""})") << none << QStringLiteral("title");
        QTest::newRow("title with newline") << QByteArray(R"({"title": "a\nb"})") << none << QStringLiteral("title");
        QTest::newRow("description number")
            << QByteArray(R"({"description": 5})") << none << QStringLiteral("description");
        QTest::newRow("description with bell")
            << QByteArray(R"({"description": "\u0007"})") << none << QStringLiteral("description");
        QTest::newRow("tags string") << QByteArray(R"({"tags": "a"})") << none << QStringLiteral("tags");
        QTest::newRow("tags object") << QByteArray(R"({"tags": {"a": 1}})") << none << QStringLiteral("tags");
        QTest::newRow("tags number element") << QByteArray(R"({"tags": [1]})") << none << QStringLiteral("tags[0]");
        QTest::newRow("tags null element")
            << QByteArray(R"({"tags": ["a", null]})") << none << QStringLiteral("tags[1]");
        QTest::newRow("tags duplicate ignoring case")
            << QByteArray(R"({"tags": ["Work", "work"]})") << none << QStringLiteral("tags[1]");
        QTest::newRow("tags empty element")
            << QByteArray(R"({"tags": ["a", "b", ""]})") << none << QStringLiteral("tags[2]");
        QTest::newRow("due word") << QByteArray(R"({"due": "tomorrow"})") << none << QStringLiteral("due");
        // "" is no date: a client that sends it has lost a value; clearing is null.
        QTest::newRow("due empty string") << QByteArray(R"({"due": ""})") << none << QStringLiteral("due");
        QTest::newRow("due number") << QByteArray(R"({"due": 20261127})") << none << QStringLiteral("due");
        QTest::newRow("due without offset")
            << QByteArray(R"({"due": "2026-11-27T09:00:00"})") << none << QStringLiteral("due");
        QTest::newRow("due impossible date") << QByteArray(R"({"due": "2026-02-30"})") << none << QStringLiteral("due");
        QTest::newRow("revision fraction") << QByteArray(R"({"revision": 1.5})") << none << QStringLiteral("revision");
        QTest::newRow("revision string") << QByteArray(R"({"revision": "1"})") << none << QStringLiteral("revision");
        QTest::newRow("revision negative") << QByteArray(R"({"revision": -1})") << none << QStringLiteral("revision");
        QTest::newRow("revision beyond 2^53")
            << QByteArray(R"({"revision": 9007199254740994})") << none << QStringLiteral("revision");
        QTest::newRow("revision missing")
            << QByteArray("{}") << QStringLiteral("revision") << QStringLiteral("revision");
        QTest::newRow("id missing") << QByteArray("{}") << QStringLiteral("id") << QStringLiteral("id");
        QTest::newRow("id not a uuid") << QByteArray(R"({"id": "not-a-uuid"})") << none << QStringLiteral("id");
        QTest::newRow("id with braces") << QByteArray(R"({"id": "{0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90}"})") << none
                                        << QStringLiteral("id");
        QTest::newRow("id bad hex") << QByteArray(R"({"id": "zd5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90"})") << none
                                    << QStringLiteral("id");
        QTest::newRow("id nil uuid") << QByteArray(R"({"id": "00000000-0000-0000-0000-000000000000"})") << none
                                     << QStringLiteral("id");
        QTest::newRow("id number") << QByteArray(R"({"id": 7})") << none << QStringLiteral("id");
        QTest::newRow("ownerId missing") << QByteArray("{}") << QStringLiteral("ownerId") << QStringLiteral("ownerId");
        QTest::newRow("createdAt without offset")
            << QByteArray(R"({"createdAt": "2026-11-27T09:00:00"})") << none << QStringLiteral("createdAt");
        QTest::newRow("createdAt date only")
            << QByteArray(R"({"createdAt": "2026-11-27"})") << none << QStringLiteral("createdAt");
        QTest::newRow("createdAt number")
            << QByteArray(R"({"createdAt": 1795770000000})") << none << QStringLiteral("createdAt");
        QTest::newRow("updatedAt missing")
            << QByteArray("{}") << QStringLiteral("updatedAt") << QStringLiteral("updatedAt");
        QTest::newRow("completedAt on a pending task")
            << QByteArray(R"({"completedAt": "2026-11-27T09:00:00Z"})") << none << QStringLiteral("completedAt");
        QTest::newRow("completed without completedAt")
            << QByteArray(R"({"status": "completed"})") << none << QStringLiteral("completedAt");
        QTest::newRow("deletedAt word") << QByteArray(R"({"deletedAt": "never"})") << none
                                        << QStringLiteral("deletedAt");
    }

    void taskFromJson_badField_namesIt()
    {
        QFETCH(QByteArray, set);
        QFETCH(QString, remove);
        QFETCH(QString, field);
        const QJsonObject json = merged(taskToJson(baseTask()), set, remove);
        const auto decoded = taskFromJson(json);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::Validation);
        QCOMPARE(decoded.error().field, field);
        QVERIFY(!decoded.error().message.isEmpty());
        // The same JSON is refused when it arrives in a change.
        const auto entity = entityFromJson(ChangeKind::TaskCreated, json);
        QVERIFY(!entity.ok());
        QCOMPARE(entity.error().field, field);
    }

    void taskFromJson_optionalFields_acceptNullAndAbsence_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QString>("remove");

        QTest::newRow("due null") << QByteArray(R"({"due": null})") << QString();
        QTest::newRow("due absent") << QByteArray("{}") << QStringLiteral("due");
        QTest::newRow("tags null") << QByteArray(R"({"tags": null})") << QString();
        QTest::newRow("tags absent") << QByteArray("{}") << QStringLiteral("tags");
        QTest::newRow("description absent") << QByteArray("{}") << QStringLiteral("description");
        QTest::newRow("completedAt absent") << QByteArray("{}") << QStringLiteral("completedAt");
        QTest::newRow("deletedAt null") << QByteArray(R"({"deletedAt": null})") << QString();
        QTest::newRow("unknown key") << QByteArray(R"({"colour": "red", "x": {"nested": [1]}})") << QString();
    }

    void taskFromJson_optionalFields_acceptNullAndAbsence()
    {
        QFETCH(QByteArray, set);
        QFETCH(QString, remove);
        const auto decoded = taskFromJson(merged(taskToJson(baseTask()), set, remove));
        TANDEM_VERIFY_OK(decoded);
        QCOMPARE(decoded.value(), baseTask());
    }

    void taskFromJson_timestampWithOffset_isReadAsTheSameInstant()
    {
        const QJsonObject json
            = merged(taskToJson(baseTask()), R"({"createdAt": "2026-11-27T10:00:00.123+01:00"})", QString());
        const auto decoded = taskFromJson(json);
        TANDEM_VERIFY_OK(decoded);
        QCOMPARE(decoded->createdAt.toMSecsSinceEpoch(), qint64(1795770000123));
        QCOMPARE(decoded->createdAt.offsetFromUtc(), 0);
    }

    void otherDecoders_badField_namesIt_data()
    {
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QString>("remove");
        QTest::addColumn<QString>("field");

        const QString none;
        const QString session = QStringLiteral("session");
        const QString message = QStringLiteral("message");
        const QString user = QStringLiteral("user");

        QTest::newRow("session title empty")
            << session << QByteArray(R"({"title": ""})") << none << QStringLiteral("title");
        QTest::newRow("session title too long")
            << session << QByteArray("{\"title\": \"" + QByteArray(201, 's') + "\"}") << none
            << QStringLiteral("title");
        QTest::newRow("session isActive string")
            << session << QByteArray(R"({"isActive": "yes"})") << none << QStringLiteral("isActive");
        QTest::newRow("session isActive missing")
            << session << QByteArray("{}") << QStringLiteral("isActive") << QStringLiteral("isActive");
        QTest::newRow("session createdAt without offset")
            << session << QByteArray(R"({"createdAt": "2026-11-27T09:00:00"})") << none << QStringLiteral("createdAt");
        QTest::newRow("session revision fraction")
            << session << QByteArray(R"({"revision": 0.5})") << none << QStringLiteral("revision");
        QTest::newRow("session id bad") << session << QByteArray(R"({"id": "x"})") << none << QStringLiteral("id");

        QTest::newRow("message role system")
            << message << QByteArray(R"({"role": "system"})") << none << QStringLiteral("role");
        QTest::newRow("message role missing")
            << message << QByteArray("{}") << QStringLiteral("role") << QStringLiteral("role");
        QTest::newRow("message role number")
            << message << QByteArray(R"({"role": 1})") << none << QStringLiteral("role");
        QTest::newRow("message content empty")
            << message << QByteArray(R"({"content": ""})") << none << QStringLiteral("content");
        QTest::newRow("message content bell")
            << message << QByteArray(R"({"content": "hi\u0007"})") << none << QStringLiteral("content");
        QTest::newRow("message sessionId missing")
            << message << QByteArray("{}") << QStringLiteral("sessionId") << QStringLiteral("sessionId");
        QTest::newRow("message actions string")
            << message << QByteArray(R"({"actions": "x"})") << none << QStringLiteral("actions");
        QTest::newRow("message actions element not object")
            << message << QByteArray(R"({"actions": [1]})") << none << QStringLiteral("actions[0]");
        QTest::newRow("message action kind unknown")
            << message
            << QByteArray(R"({"actions": [{"kind": "exploded", "taskId": "0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90"}]})")
            << none << QStringLiteral("actions[0].kind");
        QTest::newRow("message second action kind missing")
            << message
            << QByteArray(R"({"actions": [{"kind": "created", "taskId": "0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90"},)"
                          R"( {"taskId": "0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90"}]})")
            << none << QStringLiteral("actions[1].kind");
        QTest::newRow("message action taskId bad")
            << message << QByteArray(R"({"actions": [{"kind": "created", "taskId": "nope"}]})") << none
            << QStringLiteral("actions[0].taskId");

        QTest::newRow("user username too short")
            << user << QByteArray(R"({"username": "al"})") << none << QStringLiteral("username");
        QTest::newRow("user username with space")
            << user << QByteArray(R"({"username": "al ice"})") << none << QStringLiteral("username");
        QTest::newRow("user id missing") << user << QByteArray("{}") << QStringLiteral("id") << QStringLiteral("id");
    }

    void otherDecoders_badField_namesIt()
    {
        QFETCH(QString, codec);
        QFETCH(QByteArray, set);
        QFETCH(QString, remove);
        QFETCH(QString, field);
        Error error;
        bool ok = true;
        if (codec == u"session") {
            const auto decoded = sessionFromJson(merged(sessionToJson(baseSession()), set, remove));
            ok = decoded.ok();
            if (!ok)
                error = decoded.error();
        } else if (codec == u"message") {
            const auto decoded = messageFromJson(merged(messageToJson(baseMessage()), set, remove));
            ok = decoded.ok();
            if (!ok)
                error = decoded.error();
        } else {
            User base;
            base.id = ownerId;
            base.username = QStringLiteral("alice");
            base.createdAt = at(1795770000000);
            const auto decoded = userFromJson(merged(userToJson(base), set, remove));
            ok = decoded.ok();
            if (!ok)
                error = decoded.error();
        }
        QVERIFY(!ok);
        QCOMPARE(error.code, ErrorCode::Validation);
        QCOMPARE(error.field, field);
    }

    void taskDraftFromJson_clientFields_areRead()
    {
        const auto draft = taskDraftFromJson(parse(R"({
            "id": "0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90",
            "title": "  Buy milk  ",
            "description": "2 litres",
            "status": "in_progress",
            "priority": "high",
            "due": "2026-11-27T09:00:00-05:00",
            "tags": ["Work", "home"]
        })"));
        TANDEM_VERIFY_OK(draft);
        QVERIFY(draft->id.has_value());
        QCOMPARE(*draft->id, baseTask().id);
        QCOMPARE(draft->title, QStringLiteral("  Buy milk  ")); // trimming is the service's job
        QCOMPARE(draft->description, QStringLiteral("2 litres"));
        QCOMPARE(draft->status, TaskStatus::InProgress);
        QCOMPARE(draft->priority, TaskPriority::High);
        QCOMPARE(draft->due, *Due::fromIsoString(u"2026-11-27T09:00:00-05:00"));
        QCOMPARE(draft->tags, (QStringList{QStringLiteral("Work"), QStringLiteral("home")}));
    }

    void taskDraftFromJson_onlyTitle_givesDefaults()
    {
        const auto draft = taskDraftFromJson(parse(R"({"title": "Buy milk"})"));
        TANDEM_VERIFY_OK(draft);
        QVERIFY(!draft->id.has_value());
        QCOMPARE(draft->title, QStringLiteral("Buy milk"));
        QVERIFY(draft->description.isEmpty());
        QCOMPARE(draft->status, TaskStatus::Pending);
        QCOMPARE(draft->priority, TaskPriority::None);
        QVERIFY(draft->due.isNone());
        QVERIFY(draft->tags.isEmpty());
    }

    void taskDraftFromJson_ignoredKeys_doNotMatter_data()
    {
        QTest::addColumn<QByteArray>("json");

        QTest::newRow("unknown keys") << QByteArray(R"({"title": "t", "colour": "red", "nested": {"a": [1]}})");
        QTest::newRow("read-only keys, even malformed")
            << QByteArray(R"({"title": "t", "ownerId": "x", "revision": "junk", "createdAt": 5,)"
                          R"( "updatedAt": "yesterday", "completedAt": true, "deletedAt": []})");
        QTest::newRow("id null") << QByteArray(R"({"title": "t", "id": null})");
        QTest::newRow("due null") << QByteArray(R"({"title": "t", "due": null})");
        QTest::newRow("tags null") << QByteArray(R"({"title": "t", "tags": null})");
    }

    void taskDraftFromJson_ignoredKeys_doNotMatter()
    {
        QFETCH(QByteArray, json);
        const auto draft = taskDraftFromJson(parse(json));
        TANDEM_VERIFY_OK(draft);
        QCOMPARE(draft->title, QStringLiteral("t"));
        QVERIFY(!draft->id.has_value());
        QVERIFY(draft->due.isNone());
        QVERIFY(draft->tags.isEmpty());
    }

    void taskDraftFromJson_badField_namesIt_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");

        QTest::newRow("title missing") << QByteArray(R"({"description": "d"})") << QStringLiteral("title");
        QTest::newRow("title null") << QByteArray(R"({"title": null})") << QStringLiteral("title");
        QTest::newRow("title number") << QByteArray(R"({"title": 42})") << QStringLiteral("title");
        QTest::newRow("id not a uuid") << QByteArray(R"({"title": "t", "id": "x"})") << QStringLiteral("id");
        QTest::newRow("status unknown") << QByteArray(R"({"title": "t", "status": "done"})")
                                        << QStringLiteral("status");
        QTest::newRow("priority number") << QByteArray(R"({"title": "t", "priority": 3})")
                                         << QStringLiteral("priority");
        QTest::newRow("due word") << QByteArray(R"({"title": "t", "due": "tomorrow"})") << QStringLiteral("due");
        QTest::newRow("due empty string") << QByteArray(R"({"title": "t", "due": ""})") << QStringLiteral("due");
        QTest::newRow("tags element") << QByteArray(R"({"title": "t", "tags": ["a", 2]})") << QStringLiteral("tags[1]");
        QTest::newRow("description object")
            << QByteArray(R"({"title": "t", "description": {}})") << QStringLiteral("description");
    }

    void taskDraftFromJson_badField_namesIt()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto draft = taskDraftFromJson(parse(json));
        QVERIFY(!draft.ok());
        QCOMPARE(draft.error().code, ErrorCode::Validation);
        QCOMPARE(draft.error().field, field);
    }

    void taskPatchFromJson_presence_decidesWhatChanges_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("empty");
        QTest::addColumn<bool>("hasDue");
        QTest::addColumn<Due>("due");
        QTest::addColumn<bool>("hasDescription");
        QTest::addColumn<QString>("description");

        QTest::newRow("nothing") << QByteArray("{}") << true << false << Due() << false << QString();
        QTest::newRow("due absent") << QByteArray(R"({"title": "t"})") << false << false << Due() << false << QString();
        QTest::newRow("due null clears") << QByteArray(R"({"due": null})") << false << true << Due() << false
                                         << QString();
        QTest::newRow("due date") << QByteArray(R"({"due": "2026-11-27"})") << false << true
                                  << Due::onDate(QDate(2026, 11, 27)) << false << QString();
        QTest::newRow("due date-time") << QByteArray(R"({"due": "2026-11-27T09:00:00+01:00"})") << false << true
                                       << *Due::fromIsoString(u"2026-11-27T09:00:00+01:00") << false << QString();
        QTest::newRow("description null empties")
            << QByteArray(R"({"description": null})") << false << false << Due() << true << QString();
        QTest::newRow("description text")
            << QByteArray(R"({"description": "new"})") << false << false << Due() << true << QStringLiteral("new");
        QTest::newRow("unknown and read-only keys ignored")
            << QByteArray(R"({"colour": "red", "revision": "junk", "id": 5, "ownerId": null})") << true << false
            << Due() << false << QString();
    }

    void taskPatchFromJson_presence_decidesWhatChanges()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, empty);
        QFETCH(bool, hasDue);
        QFETCH(Due, due);
        QFETCH(bool, hasDescription);
        QFETCH(QString, description);
        const auto patch = taskPatchFromJson(parse(json));
        TANDEM_VERIFY_OK(patch);
        QCOMPARE(patch->isEmpty(), empty);
        QCOMPARE(patch->due.has_value(), hasDue);
        if (hasDue)
            QCOMPARE(*patch->due, due);
        QCOMPARE(patch->description.has_value(), hasDescription);
        if (hasDescription)
            QCOMPARE(*patch->description, description);
    }

    void taskPatchFromJson_everyField_isRead()
    {
        const auto patch = taskPatchFromJson(parse(R"({"title": "T", "status": "completed", "priority": "low",
                                                       "tags": ["x", "y"]})"));
        TANDEM_VERIFY_OK(patch);
        QCOMPARE(patch->title.value_or(QString()), QStringLiteral("T"));
        QCOMPARE(patch->status.value_or(TaskStatus::Pending), TaskStatus::Completed);
        QCOMPARE(patch->priority.value_or(TaskPriority::None), TaskPriority::Low);
        QCOMPARE(patch->tags.value_or(QStringList()), (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
        QVERIFY(!patch->due.has_value());
        QVERIFY(!patch->description.has_value());

        const auto cleared = taskPatchFromJson(parse(R"({"tags": null})"));
        TANDEM_VERIFY_OK(cleared);
        QVERIFY(cleared->tags.has_value());
        QVERIFY(cleared->tags->isEmpty());
    }

    void taskPatchFromJson_badField_namesIt_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");

        QTest::newRow("title null") << QByteArray(R"({"title": null})") << QStringLiteral("title");
        QTest::newRow("title number") << QByteArray(R"({"title": 1})") << QStringLiteral("title");
        QTest::newRow("status null") << QByteArray(R"({"status": null})") << QStringLiteral("status");
        QTest::newRow("status unknown") << QByteArray(R"({"status": "done"})") << QStringLiteral("status");
        QTest::newRow("priority 7") << QByteArray(R"({"priority": 7})") << QStringLiteral("priority");
        QTest::newRow("due word") << QByteArray(R"({"due": "tomorrow"})") << QStringLiteral("due");
        QTest::newRow("due empty string") << QByteArray(R"({"due": ""})") << QStringLiteral("due");
        QTest::newRow("due missing offset") << QByteArray(R"({"due": "2026-11-27T09:00"})") << QStringLiteral("due");
        QTest::newRow("tags string") << QByteArray(R"({"tags": "a"})") << QStringLiteral("tags");
        QTest::newRow("tags element") << QByteArray(R"({"tags": [true]})") << QStringLiteral("tags[0]");
        QTest::newRow("description number") << QByteArray(R"({"description": 3})") << QStringLiteral("description");
    }

    void taskPatchFromJson_badField_namesIt()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto patch = taskPatchFromJson(parse(json));
        QVERIFY(!patch.ok());
        QCOMPARE(patch.error().code, ErrorCode::Validation);
        QCOMPARE(patch.error().field, field);
    }

    void uuidFromText_forms_onlyCanonicalAccepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");

        QTest::newRow("canonical") << QStringLiteral("0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90") << true;
        QTest::newRow("upper case") << QStringLiteral("0D5F1A9E-8C37-4F6B-9A51-3B2E6C7D8E90") << true;
        QTest::newRow("braces") << QStringLiteral("{0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90}") << false;
        QTest::newRow("no dashes") << QStringLiteral("0d5f1a9e8c374f6b9a513b2e6c7d8e90") << false;
        QTest::newRow("nil") << QStringLiteral("00000000-0000-0000-0000-000000000000") << false;
        QTest::newRow("bad hex") << QStringLiteral("0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e9g") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void uuidFromText_forms_onlyCanonicalAccepted()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto id = uuidFromText(text);
        QCOMPARE(id.has_value(), valid);
        if (valid)
            QCOMPARE(uuidText(*id), text.toLower());
    }

    // The hand-written writer used on hot paths must produce exactly what
    // QJsonDocument produces, for every character that needs escaping.
    void taskJsonText_anyTask_equalsQJsonDocument_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<bool>("extras"); // due date-time, completed, deleted

        QString controls;
        for (char16_t c = 1; c < 0x20; ++c)
            controls += QChar(c);
        QTest::newRow("plain") << QStringLiteral("Buy milk") << QString() << QStringList() << false;
        QTest::newRow("every control character")
            << QStringLiteral("t") << controls + QStringLiteral("\x7f end") << QStringList{QStringLiteral("a")} << true;
        QTest::newRow("quotes and backslashes")
            << QStringLiteral("say \"hi\" \\ back/slash") << QStringLiteral("\\\\\"\"")
            << QStringList{QStringLiteral("\"q\"")} << false;
        QTest::newRow("unicode") << QStringLiteral("Straße 東京 🎉 \u2028 \u2029 \u00a0")
                                 << QStringLiteral("RTL: שלום مرحبا \ufeff \ufffd")
                                 << QStringList{QStringLiteral("🏷️"), QStringLiteral("ünï")} << true;
        QTest::newRow("html-ish") << QStringLiteral("</script><b>&amp;</b>") << QStringLiteral("<!-- -->")
                                  << QStringList() << true;
    }

    void taskJsonText_anyTask_equalsQJsonDocument()
    {
        QFETCH(QString, title);
        QFETCH(QString, description);
        QFETCH(QStringList, tags);
        QFETCH(bool, extras);
        Task task;
        task.id = QUuid::createUuid();
        task.ownerId = QUuid::createUuid();
        task.title = title;
        task.description = description;
        task.tags = tags;
        task.priority = TaskPriority::Urgent;
        task.createdAt = timestampFromMsecs(1795737573049);
        task.updatedAt = timestampFromMsecs(1795737573000);
        task.revision = 123456789;
        if (extras) {
            task.due = Due::at(dateTimeWithOffset(QDate(2026, 3, 29), QTime(2, 30), -5 * 3600 - 1800));
            task.status = TaskStatus::Completed;
            task.completedAt = timestampFromMsecs(1795737573999);
            task.deletedAt = timestampFromMsecs(1795737574001);
        } else {
            task.due = Due::onDate(QDate(2028, 2, 29));
        }
        const QString expected = QString::fromUtf8(QJsonDocument(taskToJson(task)).toJson(QJsonDocument::Compact));
        QCOMPARE(taskJsonText(task), expected);
        QCOMPARE(stringListJsonText(tags),
                 QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact)));
        // And it decodes back to the same task.
        const auto decoded = taskFromJson(QJsonDocument::fromJson(taskJsonText(task).toUtf8()).object());
        if (validateTask(task).ok()) {
            QVERIFY(decoded.ok());
            QCOMPARE(decoded.value(), task);
        } else {
            QVERIFY(!decoded.ok());
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonCodecs)
#include "tst_json_codecs.moc"
