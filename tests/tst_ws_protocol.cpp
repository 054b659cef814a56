// The WebSocket contract of the sync server (docs/protocol.md, "WebSocket at
// /ws"): welcome, events, catching up, commands, pings and heartbeats, and
// the errors a client can provoke, against a real SyncServer on 127.0.0.1.
#include "domain/isotime.h"
#include "domain/json.h"
#include "httptestclient.h"
#include "manualwebsocket.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "sync/syncserver.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

using namespace tandem;
using namespace tandem::test;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString type(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

QJsonObject data(const QJsonObject &message)
{
    return message.value(QStringLiteral("data")).toObject();
}

QJsonObject command(const QString &type, const QUuid &opId, const QJsonObject &data)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("opId"), uuidText(opId)}, {QStringLiteral("data"), data}};
}

// Heartbeats arrive on their own schedule; tests that count messages leave them out.
QList<QJsonObject> withoutHeartbeats(const QList<QJsonObject> &messages)
{
    QList<QJsonObject> kept;
    for (const QJsonObject &message : messages) {
        if (message.value(QStringLiteral("type")).toString() != u"heartbeat")
            kept.append(message);
    }
    return kept;
}

bool isEvent(const QJsonObject &message)
{
    return changeKindFromName(type(message)).has_value();
}

// The events among `messages` from `from` on.
QList<QJsonObject> eventsIn(const QList<QJsonObject> &messages, qsizetype from = 0)
{
    QList<QJsonObject> events;
    for (qsizetype i = from; i < messages.size(); ++i) {
        if (isEvent(messages.at(i)))
            events.append(messages.at(i));
    }
    return events;
}

QList<qint64> seqsOf(const QList<QJsonObject> &events)
{
    QList<qint64> seqs;
    for (const QJsonObject &event : events)
        seqs.append(event.value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> seqs;
    for (qint64 seq = first; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

} // namespace

class TestWsProtocol : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;
    AuthToken m_bob;

    bool start(sync::ServerOptions options = SyncFixture::fastServerOptions())
    {
        QString error;
        m_fixture = SyncFixture::create(&error, std::move(options));
        if (!m_fixture) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        auto bob = m_fixture->registerUser(QStringLiteral("bob"));
        if (!alice || !bob)
            return false;
        m_alice = alice.value();
        m_bob = bob.value();
        return true;
    }

    QUrl tokenUrl(const QString &token) const
    {
        QUrl url = m_fixture->webSocketUrl();
        url.setQuery(QStringLiteral("token=") + token);
        return url;
    }

    qint64 head(const QUuid &owner)
    {
        auto seq = m_fixture->store().head(owner);
        return seq ? seq.value() : -1;
    }

    HttpResult rest(const QByteArray &method, const QByteArray &target, const QByteArray &body, const QString &token,
                    const QUuid &opId = QUuid::createUuid())
    {
        return httpRequest(m_fixture->port(), method, target, body,
                           bearer(token, {{"Idempotency-Key", uuidText(opId).toLatin1()}}));
    }

    Task makeTask(const QUuid &owner, const QString &title)
    {
        TaskDraft draft;
        draft.title = title;
        auto created = m_fixture->tasks().create(owner, draft);
        return created ? *created->task() : Task();
    }

    // A round trip on `client`: everything the server meant to send it before
    // this call has arrived once the pong is in.
    bool barrier(RawWsClient &client)
    {
        const qsizetype from = client.received().size();
        client.sendJson({{QStringLiteral("type"), QStringLiteral("ping")}});
        return client.waitForType(QStringLiteral("pong"), 5'000, from).has_value();
    }

private Q_SLOTS:
    void cleanup() { m_fixture.reset(); }

    // --- connecting --------------------------------------------------------

    void welcome_authMessage_carriesUserAndHead()
    {
        QVERIFY(start());
        makeTask(m_alice.user.id, QStringLiteral("one"));
        makeTask(m_alice.user.id, QStringLiteral("two"));
        makeTask(m_bob.user.id, QStringLiteral("bob's"));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QJsonObject welcome = client.received().constFirst();
        QCOMPARE(type(welcome), QStringLiteral("welcome"));
        QCOMPARE(data(welcome).value(QStringLiteral("userId")).toString(), uuidText(m_alice.user.id));
        QCOMPARE(data(welcome).value(QStringLiteral("seq")).toInteger(), 2);
        QCOMPARE(withoutHeartbeats(client.received()).size(), 1); // nothing from before the welcome is replayed
    }

    void welcome_tokenInUrl_authenticatesAtOnce()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(tokenUrl(m_alice.token)));
        const auto welcome = client.waitForType(QStringLiteral("welcome"));
        QVERIFY(welcome.has_value());
        QCOMPARE(data(*welcome).value(QStringLiteral("userId")).toString(), uuidText(m_alice.user.id));
        QCOMPARE(data(*welcome).value(QStringLiteral("seq")).toInteger(), 0);
        QVERIFY(barrier(client));
    }

    void auth_again_errorAndConnectionStays()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const qsizetype from = client.received().size();
        client.sendJson({{QStringLiteral("type"), QStringLiteral("auth")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("token"), m_bob.token}}}});
        const auto error = client.waitForType(QStringLiteral("error"), 5'000, from);
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("code")).toString(), QStringLiteral("validation"));
        // Still Alice's connection.
        makeTask(m_alice.user.id, QStringLiteral("hers"));
        QVERIFY(client.waitForType(QStringLiteral("task_created"), 5'000, from).has_value());
    }

    // --- events ------------------------------------------------------------

    void events_taskChangesThroughRest_eachKindInOrderWithOpId()
    {
        QVERIFY(start());
        makeTask(m_alice.user.id, QStringLiteral("earlier"));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));

        QList<QUuid> opIds;
        for (int i = 0; i < 5; ++i)
            opIds.append(QUuid::createUuid());
        const HttpResult created
            = rest("POST", "/api/tasks", toJson({{QStringLiteral("title"), QStringLiteral("Buy milk")}}), m_alice.token,
                   opIds[0]);
        QCOMPARE(created.status, 201);
        const QByteArray target = "/api/tasks/"
            + created.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("id")).toString().toLatin1();
        QCOMPARE(rest("PATCH", target, "{\"title\":\"Buy oat milk\"}", m_alice.token, opIds[1]).status, 200);
        QCOMPARE(rest("PATCH", target, "{\"status\":\"completed\"}", m_alice.token, opIds[2]).status, 200);
        QCOMPARE(
            rest("PATCH", target, "{\"status\":\"pending\",\"priority\":\"high\"}", m_alice.token, opIds[3]).status,
            200);
        QCOMPARE(rest("DELETE", target, {}, m_alice.token, opIds[4]).status, 204);

        QTRY_COMPARE(eventsIn(client.received()).size(), 5);
        const QList<QJsonObject> events = eventsIn(client.received());
        QCOMPARE(seqsOf(events), range(2, 6));
        const QStringList kinds{QStringLiteral("task_created"), QStringLiteral("task_updated"),
                                QStringLiteral("task_status_changed"), QStringLiteral("task_updated"),
                                QStringLiteral("task_deleted")};
        for (int i = 0; i < 5; ++i) {
            const QJsonObject &event = events.at(i);
            QCOMPARE(type(event), kinds.at(i));
            QCOMPARE(event.value(QStringLiteral("opId")).toString(), uuidText(opIds.at(i)));
            QCOMPARE(data(event).keys(),
                     (QStringList{QStringLiteral("task"), QStringLiteral("timestamp"), QStringLiteral("userId")}));
            QCOMPARE(data(event).value(QStringLiteral("userId")).toString(), uuidText(m_alice.user.id));
            QVERIFY(parseIsoDateTime(data(event).value(QStringLiteral("timestamp")).toString()).has_value());
            auto task = taskFromJson(data(event).value(QStringLiteral("task")).toObject());
            TANDEM_VERIFY_OK(task);
            QCOMPARE(task->revision, i + 1);
        }
        const QJsonObject last = data(events.at(4)).value(QStringLiteral("task")).toObject();
        QVERIFY(last.contains(QStringLiteral("deletedAt")));
        QCOMPARE(last.value(QStringLiteral("title")).toString(), QStringLiteral("Buy oat milk"));
    }

    void events_chatChanges_sessionAndMessageEvents()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QUuid createOp = QUuid::createUuid();
        const HttpResult created = rest("POST", "/api/chat/sessions", "{\"title\":\"Plans\"}", m_alice.token, createOp);
        QCOMPARE(created.status, 201);
        const QString id
            = created.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(rest("PATCH", "/api/chat/sessions/" + id.toLatin1(), "{\"title\":\"Weekend\"}", m_alice.token).status,
                 200);
        const QUuid messageOp = QUuid::createUuid();
        TANDEM_VERIFY_OK(m_fixture->chats().addMessage(m_alice.user.id, *uuidFromText(id), ChatRole::User,
                                                       QStringLiteral("hello"), {}, messageOp));
        QCOMPARE(rest("DELETE", "/api/chat/sessions/" + id.toLatin1(), {}, m_alice.token).status, 204);

        QTRY_COMPARE(eventsIn(client.received()).size(), 5);
        const QList<QJsonObject> events = eventsIn(client.received());
        QCOMPARE(seqsOf(events), range(1, 5));
        const QStringList kinds{QStringLiteral("chat_session_created"), QStringLiteral("chat_session_updated"),
                                QStringLiteral("chat_message_created"), QStringLiteral("chat_session_updated"),
                                QStringLiteral("chat_session_deleted")};
        const QStringList members{QStringLiteral("session"), QStringLiteral("session"), QStringLiteral("message"),
                                  QStringLiteral("session"), QStringLiteral("session")};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(type(events.at(i)), kinds.at(i));
            QCOMPARE(data(events.at(i)).keys(),
                     (QStringList{members.at(i), QStringLiteral("timestamp"), QStringLiteral("userId")}));
        }
        QCOMPARE(events.at(0).value(QStringLiteral("opId")).toString(), uuidText(createOp));
        // The message and its session's move share the operation.
        QCOMPARE(events.at(2).value(QStringLiteral("opId")).toString(), uuidText(messageOp));
        QCOMPARE(events.at(3).value(QStringLiteral("opId")).toString(), uuidText(messageOp));
        const QJsonObject message = data(events.at(2)).value(QStringLiteral("message")).toObject();
        QCOMPARE(message.value(QStringLiteral("content")).toString(), QStringLiteral("hello"));
        QCOMPARE(message.value(QStringLiteral("sessionId")).toString(), id);
        QVERIFY(data(events.at(4)).value(QStringLiteral("session")).toObject().contains(QStringLiteral("deletedAt")));
    }

    void events_restChange_bothClientsOfUserReceive_otherUserNothing()
    {
        QVERIFY(start());
        RawWsClient first;
        RawWsClient second;
        RawWsClient other;
        QVERIFY(first.open(m_fixture->webSocketUrl(), m_alice.token));
        QVERIFY(second.open(tokenUrl(m_alice.token)));
        QVERIFY(second.waitForType(QStringLiteral("welcome")).has_value());
        QVERIFY(other.open(m_fixture->webSocketUrl(), m_bob.token));

        const HttpResult created
            = rest("POST", "/api/tasks", toJson({{QStringLiteral("title"), QStringLiteral("Shared")}}), m_alice.token);
        QCOMPARE(created.status, 201);
        const auto atFirst = first.waitForType(QStringLiteral("task_created"));
        const auto atSecond = second.waitForType(QStringLiteral("task_created"));
        QVERIFY(atFirst.has_value());
        QVERIFY(atSecond.has_value());
        QCOMPARE(*atFirst, *atSecond);
        QCOMPARE(data(*atFirst).value(QStringLiteral("task")).toObject(),
                 created.json().value(QStringLiteral("task")).toObject());

        // Both have it, so the feed has flushed: Bob's connection has had its
        // chance. After a round trip on it, it still has nothing but its welcome.
        QVERIFY(barrier(other));
        QCOMPARE(eventsIn(other.received()).size(), 0);
        QCOMPARE(data(other.received().constFirst()).value(QStringLiteral("seq")).toInteger(), 0);
    }

    void events_concurrentWriters_everySeqOnceInOrder()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        constexpr int writers = 4;
        constexpr int perWriter = 50;
        QList<QFuture<int>> futures;
        for (int w = 0; w < writers; ++w) {
            futures.append(QtConcurrent::run([this, w] {
                int ok = 0;
                for (int i = 0; i < perWriter; ++i) {
                    TaskDraft draft;
                    draft.title = QStringLiteral("w%1-%2").arg(w).arg(i);
                    if (m_fixture->tasks().create(m_alice.user.id, draft))
                        ++ok;
                }
                return ok;
            }));
        }
        // The REST path races the writers too.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(rest("POST", "/api/tasks", "{\"title\":\"rest\"}", m_alice.token).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(futures.cbegin(), futures.cend(), [](const QFuture<int> &f) { return f.isFinished(); }),
            30'000);
        for (const QFuture<int> &future : std::as_const(futures))
            QCOMPARE(future.result(), perWriter);
        const qint64 total = writers * perWriter + 20;
        QCOMPARE(head(m_alice.user.id), total);
        QTRY_COMPARE_WITH_TIMEOUT(eventsIn(client.received()).size(), total, 10'000);
        QCOMPARE(seqsOf(eventsIn(client.received())), range(1, total));
    }

    // --- catching up -------------------------------------------------------

    void syncRequest_since_pagesOf500InOrder()
    {
        QVERIFY(start());
        QList<TaskDraft> drafts;
        for (int i = 0; i < 1201; ++i) {
            TaskDraft draft;
            draft.title = QStringLiteral("task %1").arg(i);
            drafts.append(draft);
        }
        TANDEM_VERIFY_OK(m_fixture->tasks().createMany(m_alice.user.id, drafts));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));

        qint64 since = 0;
        QList<qint64> seen;
        QList<bool> mores;
        for (;;) {
            const qsizetype from = client.received().size();
            client.sendJson({{QStringLiteral("type"), QStringLiteral("sync_request")},
                             {QStringLiteral("data"), QJsonObject{{QStringLiteral("since"), since}}}});
            const auto response = client.waitForType(QStringLiteral("sync_response"), 10'000, from);
            QVERIFY(response.has_value());
            const QJsonObject body = data(*response);
            QCOMPARE(body.value(QStringLiteral("since")).toInteger(), since);
            QCOMPARE(body.value(QStringLiteral("seq")).toInteger(), 1201);
            QVERIFY(!body.value(QStringLiteral("full")).toBool());
            const QJsonArray changes = body.value(QStringLiteral("changes")).toArray();
            QVERIFY(changes.size() <= 500);
            for (const QJsonValue &change : changes) {
                const QJsonObject event = change.toObject();
                QCOMPARE(type(event), QStringLiteral("task_created"));
                QVERIFY(!event.value(QStringLiteral("opId")).toString().isEmpty());
                QVERIFY(data(event).contains(QStringLiteral("task")));
                seen.append(event.value(QStringLiteral("seq")).toInteger());
            }
            mores.append(body.value(QStringLiteral("more")).toBool());
            if (!mores.constLast())
                break;
            since = seen.constLast();
        }
        QCOMPARE(mores, (QList<bool>{true, true, false}));
        QCOMPARE(seen, range(1, 1201));

        // Up to date: nothing, and no more.
        const qsizetype from = client.received().size();
        client.sendJson({{QStringLiteral("type"), QStringLiteral("sync_request")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("since"), 1201}}}});
        const auto response = client.waitForType(QStringLiteral("sync_response"), 5'000, from);
        QVERIFY(response.has_value());
        QCOMPARE(data(*response).value(QStringLiteral("changes")).toArray().size(), 0);
        QCOMPARE(data(*response).value(QStringLiteral("more")).toBool(), false);
    }

    void syncRequest_withoutSince_fullSnapshot()
    {
        QVERIFY(start());
        const Task kept = makeTask(m_alice.user.id, QStringLiteral("kept"));
        const Task gone = makeTask(m_alice.user.id, QStringLiteral("gone"));
        TANDEM_VERIFY_OK(m_fixture->tasks().remove(m_alice.user.id, gone.id));
        TANDEM_VERIFY_OK(m_fixture->chats().createSession(m_alice.user.id, QStringLiteral("Plans")));
        makeTask(m_bob.user.id, QStringLiteral("bob's"));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        client.sendJson({{QStringLiteral("type"), QStringLiteral("sync_request")}});
        const auto response = client.waitForType(QStringLiteral("sync_response"));
        QVERIFY(response.has_value());
        const QJsonObject body = data(*response);
        QCOMPARE(body.value(QStringLiteral("full")).toBool(), true);
        QCOMPARE(body.value(QStringLiteral("seq")).toInteger(), 4);
        QCOMPARE(body.value(QStringLiteral("more")).toBool(), false);
        const QJsonArray tasks = body.value(QStringLiteral("tasks")).toArray();
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.at(0).toObject(), taskToJson(kept));
        const QJsonArray sessions = body.value(QStringLiteral("sessions")).toArray();
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.at(0).toObject().value(QStringLiteral("title")).toString(), QStringLiteral("Plans"));

        // Changes after the snapshot's seq follow live.
        makeTask(m_alice.user.id, QStringLiteral("after"));
        const auto event = client.waitForType(QStringLiteral("task_created"));
        QVERIFY(event.has_value());
        QCOMPARE(event->value(QStringLiteral("seq")).toInteger(), 5);
    }

    void syncRequest_sinceOlderThanLog_fullSnapshot()
    {
        QVERIFY(start());
        for (int i = 0; i < 3; ++i)
            makeTask(m_alice.user.id, QStringLiteral("task %1").arg(i));
        // Everything in the log is past retention.
        auto compacted = m_fixture->store().compact(QDateTime::currentDateTimeUtc().addDays(1));
        TANDEM_VERIFY_OK(compacted);
        QVERIFY(compacted->changes >= 3);
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));

        client.sendJson({{QStringLiteral("type"), QStringLiteral("sync_request")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("since"), 1}}}});
        auto response = client.waitForType(QStringLiteral("sync_response"));
        QVERIFY(response.has_value());
        QCOMPARE(data(*response).value(QStringLiteral("full")).toBool(), true);
        QCOMPARE(data(*response).value(QStringLiteral("since")).toInteger(), 1);
        QCOMPARE(data(*response).value(QStringLiteral("seq")).toInteger(), 3);
        QCOMPARE(data(*response).value(QStringLiteral("tasks")).toArray().size(), 3);

        // From the head the log still answers, with nothing.
        const qsizetype from = client.received().size();
        client.sendJson({{QStringLiteral("type"), QStringLiteral("sync_request")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("since"), 3}}}});
        response = client.waitForType(QStringLiteral("sync_response"), 5'000, from);
        QVERIFY(response.has_value());
        QVERIFY(!data(*response).value(QStringLiteral("full")).toBool());
        QCOMPARE(data(*response).value(QStringLiteral("changes")).toArray().size(), 0);
    }

    void syncRequest_badSince_validationAndConnectionStays_data()
    {
        QTest::addColumn<QJsonValue>("since");
        QTest::newRow("negative") << QJsonValue(-1);
        QTest::newRow("fraction") << QJsonValue(1.5);
        QTest::newRow("text") << QJsonValue(QStringLiteral("5"));
    }

    void syncRequest_badSince_validationAndConnectionStays()
    {
        QFETCH(QJsonValue, since);
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        client.sendJson({{QStringLiteral("type"), QStringLiteral("sync_request")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("since"), since}}}});
        const auto error = client.waitForType(QStringLiteral("error"));
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("code")).toString(), QStringLiteral("validation"));
        QCOMPARE(data(*error).value(QStringLiteral("field")).toString(), QStringLiteral("data.since"));
        QVERIFY(barrier(client));
    }

    // --- commands ------------------------------------------------------------

    void commands_taskCreate_ackAndOwnEvent()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QUuid opId = QUuid::createUuid();
        const QUuid taskId = QUuid::createUuid();
        client.sendJson(command(QStringLiteral("task_create"), opId,
                                {{QStringLiteral("task"),
                                  QJsonObject{{QStringLiteral("id"), uuidText(taskId)},
                                              {QStringLiteral("title"), QStringLiteral("Mine")}}}}));
        const auto ack = client.waitForType(QStringLiteral("ack"));
        QVERIFY(ack.has_value());
        QCOMPARE(ack->value(QStringLiteral("opId")).toString(), uuidText(opId));
        QCOMPARE(ack->value(QStringLiteral("seq")).toInteger(), 1);
        const QJsonObject task = data(*ack).value(QStringLiteral("task")).toObject();
        QCOMPARE(task.value(QStringLiteral("id")).toString(), uuidText(taskId));
        QCOMPARE(task.value(QStringLiteral("title")).toString(), QStringLiteral("Mine"));

        // The sender gets its own event too, with the same opId and seq.
        const auto event = client.waitForType(QStringLiteral("task_created"));
        QVERIFY(event.has_value());
        QCOMPARE(event->value(QStringLiteral("opId")).toString(), uuidText(opId));
        QCOMPARE(event->value(QStringLiteral("seq")).toInteger(), 1);
        QCOMPARE(data(*event).value(QStringLiteral("task")).toObject(), task);
        auto stored = m_fixture->tasks().get(m_alice.user.id, taskId);
        TANDEM_VERIFY_OK(stored);
        QCOMPARE(taskToJson(stored.value()), task);
    }

    void commands_repeatingTask_eventsCarryRuleAndCompletionIsOneUpdate()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QUuid taskId = QUuid::createUuid();
        const QJsonObject rule{{QStringLiteral("unit"), QStringLiteral("day")}, {QStringLiteral("interval"), 2}};
        client.sendJson(command(QStringLiteral("task_create"), QUuid::createUuid(),
                                {{QStringLiteral("task"),
                                  QJsonObject{{QStringLiteral("id"), uuidText(taskId)},
                                              {QStringLiteral("title"), QStringLiteral("Water the ferns")},
                                              {QStringLiteral("due"), QStringLiteral("2099-01-10")},
                                              {QStringLiteral("repeat"), rule}}}}));
        const auto created = client.waitForType(QStringLiteral("task_created"));
        QVERIFY(created.has_value());
        const QJsonObject wire = data(*created).value(QStringLiteral("task")).toObject();
        QCOMPARE(wire.value(QStringLiteral("repeat")).toObject().value(QStringLiteral("interval")).toInt(), 2);
        // What a client decodes is the stored task, rule included.
        auto decoded = taskFromJson(wire);
        TANDEM_VERIFY_OK(decoded);
        QCOMPARE(decoded.value(), m_fixture->tasks().get(m_alice.user.id, taskId).value());

        client.sendJson(command(
            QStringLiteral("task_update"), QUuid::createUuid(),
            {{QStringLiteral("id"), uuidText(taskId)},
             {QStringLiteral("changes"), QJsonObject{{QStringLiteral("status"), QStringLiteral("completed")}}}}));
        const auto moved = client.waitForType(QStringLiteral("task_updated"));
        QVERIFY(moved.has_value());
        QCOMPARE(moved->value(QStringLiteral("seq")).toInteger(), 2);
        const QJsonObject next = data(*moved).value(QStringLiteral("task")).toObject();
        QCOMPARE(next.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(next.value(QStringLiteral("due")).toString(), QStringLiteral("2099-01-12"));
        QVERIFY(next.value(QStringLiteral("lastCompletedAt")).isString());
    }

    void commands_updateAndDelete_ackWithTask()
    {
        QVERIFY(start());
        const Task task = makeTask(m_alice.user.id, QStringLiteral("Buy milk"));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));

        const QUuid updateOp = QUuid::createUuid();
        client.sendJson(command(
            QStringLiteral("task_update"), updateOp,
            {{QStringLiteral("id"), uuidText(task.id)},
             {QStringLiteral("revision"), 1},
             {QStringLiteral("changes"), QJsonObject{{QStringLiteral("status"), QStringLiteral("completed")}}}}));
        auto ack = client.waitFor([&](const QJsonObject &m) {
            return type(m) == u"ack" && m.value(QStringLiteral("opId")).toString() == uuidText(updateOp);
        });
        QVERIFY(ack.has_value());
        QCOMPARE(ack->value(QStringLiteral("seq")).toInteger(), 2);
        QCOMPARE(data(*ack).value(QStringLiteral("task")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("completed"));
        QCOMPARE(data(*ack).value(QStringLiteral("task")).toObject().value(QStringLiteral("revision")).toInt(), 2);
        QVERIFY(client.waitForType(QStringLiteral("task_status_changed")).has_value());

        const QUuid deleteOp = QUuid::createUuid();
        client.sendJson(command(QStringLiteral("task_delete"), deleteOp, {{QStringLiteral("id"), uuidText(task.id)}}));
        ack = client.waitFor([&](const QJsonObject &m) {
            return type(m) == u"ack" && m.value(QStringLiteral("opId")).toString() == uuidText(deleteOp);
        });
        QVERIFY(ack.has_value());
        QCOMPARE(ack->value(QStringLiteral("seq")).toInteger(), 3);
        QVERIFY(data(*ack).value(QStringLiteral("task")).toObject().contains(QStringLiteral("deletedAt")));
        QVERIFY(client.waitForType(QStringLiteral("task_deleted")).has_value());
        QCOMPARE(m_fixture->tasks().get(m_alice.user.id, task.id).error().code, ErrorCode::NotFound);
    }

    void commands_refused_errorWithOpIdAndCode_data()
    {
        QTest::addColumn<QString>("commandType");
        QTest::addColumn<QJsonObject>("payload"); // {id} is replaced by Alice's task, {bob} by Bob's
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const QJsonObject title{{QStringLiteral("title"), QStringLiteral("x")}};
        QTest::newRow("update unknown task")
            << QStringLiteral("task_update")
            << QJsonObject{{QStringLiteral("id"), uuidText(QUuid::createUuid())}, {QStringLiteral("changes"), title}}
            << QStringLiteral("not_found") << QString();
        QTest::newRow("update another user's task")
            << QStringLiteral("task_update")
            << QJsonObject{{QStringLiteral("id"), QStringLiteral("{bob}")}, {QStringLiteral("changes"), title}}
            << QStringLiteral("not_found") << QString();
        QTest::newRow("delete another user's task")
            << QStringLiteral("task_delete") << QJsonObject{{QStringLiteral("id"), QStringLiteral("{bob}")}}
            << QStringLiteral("not_found") << QString();
        QTest::newRow("update stale revision") << QStringLiteral("task_update")
                                               << QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")},
                                                              {QStringLiteral("revision"), 7},
                                                              {QStringLiteral("changes"), title}}
                                               << QStringLiteral("conflict") << QString();
        QTest::newRow("delete stale revision")
            << QStringLiteral("task_delete")
            << QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")}, {QStringLiteral("revision"), 0}}
            << QStringLiteral("conflict") << QString();
        QTest::newRow("create duplicate id")
            << QStringLiteral("task_create")
            << QJsonObject{{QStringLiteral("task"),
                            QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")},
                                        {QStringLiteral("title"), QStringLiteral("dup")}}}}
            << QStringLiteral("conflict") << QString();
        QTest::newRow("create blank title")
            << QStringLiteral("task_create")
            << QJsonObject{{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), QStringLiteral(" ")}}}}
            << QStringLiteral("validation") << QStringLiteral("data.task.title");
        QTest::newRow("create without task") << QStringLiteral("task_create") << QJsonObject{}
                                             << QStringLiteral("validation") << QStringLiteral("data.task");
        QTest::newRow("update bad status")
            << QStringLiteral("task_update")
            << QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")},
                           {QStringLiteral("changes"), QJsonObject{{QStringLiteral("status"), QStringLiteral("done")}}}}
            << QStringLiteral("validation") << QStringLiteral("data.changes.status");
        QTest::newRow("update without changes")
            << QStringLiteral("task_update") << QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")}}
            << QStringLiteral("validation") << QStringLiteral("data.changes");
        QTest::newRow("update with empty changes")
            << QStringLiteral("task_update")
            << QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")}, {QStringLiteral("changes"), QJsonObject{}}}
            << QStringLiteral("validation") << QStringLiteral("data.changes");
        QTest::newRow("delete bad id") << QStringLiteral("task_delete")
                                       << QJsonObject{{QStringLiteral("id"), QStringLiteral("nope")}}
                                       << QStringLiteral("validation") << QStringLiteral("data.id");
        QTest::newRow("delete negative revision")
            << QStringLiteral("task_delete")
            << QJsonObject{{QStringLiteral("id"), QStringLiteral("{id}")}, {QStringLiteral("revision"), -1}}
            << QStringLiteral("validation") << QStringLiteral("data.revision");
    }

    void commands_refused_errorWithOpIdAndCode()
    {
        QFETCH(QString, commandType);
        QFETCH(QJsonObject, payload);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QVERIFY(start());
        const Task mine = makeTask(m_alice.user.id, QStringLiteral("mine"));
        const Task bobs = makeTask(m_bob.user.id, QStringLiteral("bob's"));
        QByteArray text = toJson(payload);
        text.replace("{id}", uuidText(mine.id).toLatin1()).replace("{bob}", uuidText(bobs.id).toLatin1());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QUuid opId = QUuid::createUuid();
        client.sendText(QStringLiteral("{\"type\":\"%1\",\"opId\":\"%2\",\"data\":%3}")
                            .arg(commandType, uuidText(opId), QString::fromUtf8(text)));
        const auto error = client.waitForType(QStringLiteral("error"));
        QVERIFY(error.has_value());
        QCOMPARE(error->value(QStringLiteral("opId")).toString(), uuidText(opId));
        QCOMPARE(data(*error).value(QStringLiteral("code")).toString(), code);
        QVERIFY(!data(*error).value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(data(*error).value(QStringLiteral("field")).toString(), field);
        if (code == u"conflict" && commandType != u"task_create")
            QCOMPARE(data(*error).value(QStringLiteral("task")).toObject(), taskToJson(mine));
        // Nothing changed, for anyone, and the connection carries on.
        QCOMPARE(head(m_alice.user.id), 1);
        QCOMPARE(head(m_bob.user.id), 1);
        QVERIFY(barrier(client));
        QCOMPARE(withoutHeartbeats(client.received()).size(), 3); // welcome, error, pong
    }

    void commands_withoutOpId_validationNamingOpId()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        client.sendJson(
            {{QStringLiteral("type"), QStringLiteral("task_create")},
             {QStringLiteral("data"),
              QJsonObject{{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), QStringLiteral("x")}}}}}});
        auto error = client.waitForType(QStringLiteral("error"));
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("code")).toString(), QStringLiteral("validation"));
        QCOMPARE(data(*error).value(QStringLiteral("field")).toString(), QStringLiteral("opId"));
        QVERIFY(!error->contains(QStringLiteral("opId")));

        const qsizetype from = client.received().size();
        client.sendText(QStringLiteral("{\"type\":\"task_delete\",\"opId\":\"not-a-uuid\",\"data\":{\"id\":\"00000000-"
                                       "0000-0000-0000-000000000001\"}}"));
        error = client.waitForType(QStringLiteral("error"), 5'000, from);
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("field")).toString(), QStringLiteral("opId"));
        QCOMPARE(head(m_alice.user.id), 0);
        QVERIFY(barrier(client));
    }

    void commands_repeatedOpId_originalAckNothingChanged()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        const QUuid opId = QUuid::createUuid();
        client.sendJson(
            command(QStringLiteral("task_create"), opId,
                    {{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Once")}}}}));
        qsizetype firstIndex = -1;
        const auto first
            = client.waitFor([](const QJsonObject &m) { return type(m) == u"ack"; }, 5'000, 0, &firstIndex);
        QVERIFY(first.has_value());

        // Resent (say after a reconnect): the original answer.
        qsizetype from = client.received().size();
        client.sendJson(
            command(QStringLiteral("task_create"), opId,
                    {{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Once")}}}}));
        const auto again = client.waitForType(QStringLiteral("ack"), 5'000, from);
        QVERIFY(again.has_value());
        QCOMPARE(*again, *first);
        // The same opId with other content is another command: refused, nothing done
        // (an opId is bound to its command, as an Idempotency-Key is to its request).
        from = client.received().size();
        client.sendJson(
            command(QStringLiteral("task_create"), opId,
                    {{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Twice?")}}}}));
        const auto refused = client.waitForType(QStringLiteral("error"), 5'000, from);
        QVERIFY(refused.has_value());
        QCOMPARE(data(*refused).value(QStringLiteral("code")).toString(), QStringLiteral("idempotency_key_reused"));
        // Also from another connection of the same user.
        RawWsClient other;
        QVERIFY(other.open(m_fixture->webSocketUrl(), m_alice.token));
        other.sendJson(
            command(QStringLiteral("task_create"), opId,
                    {{QStringLiteral("task"), QJsonObject{{QStringLiteral("title"), QStringLiteral("Once")}}}}));
        const auto fromOther = other.waitForType(QStringLiteral("ack"));
        QVERIFY(fromOther.has_value());
        QCOMPARE(*fromOther, *first);

        QCOMPARE(head(m_alice.user.id), 1);
        QVERIFY(barrier(client));
        QCOMPARE(eventsIn(client.received()).size(), 1);
        auto list = m_fixture->tasks().query(m_alice.user.id, TaskQuery{});
        TANDEM_VERIFY_OK(list);
        QCOMPARE(list->tasks.size(), 1);
    }

    // --- keeping the connection honest ---------------------------------------

    void ping_answeredWithPong()
    {
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        for (int i = 0; i < 3; ++i) {
            const qsizetype from = client.received().size();
            client.sendText(QStringLiteral("{\"type\":\"ping\"}"));
            const auto pong = client.waitForType(QStringLiteral("pong"), 5'000, from);
            QVERIFY(pong.has_value());
            QCOMPARE(*pong, QJsonObject({{QStringLiteral("type"), QStringLiteral("pong")}}));
        }
    }

    void heartbeat_everyPingInterval_carriesHead()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.pingIntervalMs = 300;
        QVERIFY(start(options));
        makeTask(m_alice.user.id, QStringLiteral("one"));
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        QElapsedTimer clock;
        clock.start();
        QList<qint64> arrivals;
        QList<qint64> heads;
        QObject context;
        connect(&client, &RawWsClient::messageReceived, &context, [&](const QJsonObject &message) {
            if (type(message) == u"heartbeat") {
                arrivals.append(clock.elapsed());
                heads.append(data(message).value(QStringLiteral("seq")).toInteger());
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(arrivals.size() >= 2, 5'000);
        QCOMPARE(heads.at(0), 1);
        // A change made without this connection hearing of it still shows in the next heartbeat's seq.
        makeTask(m_alice.user.id, QStringLiteral("two"));
        const qsizetype before = arrivals.size();
        QTRY_VERIFY_WITH_TIMEOUT(arrivals.size() >= before + 2, 5'000);
        QCOMPARE(heads.constLast(), 2);
        for (qsizetype i = 1; i < arrivals.size(); ++i) {
            const qint64 gap = arrivals.at(i) - arrivals.at(i - 1);
            QVERIFY2(gap >= 200 && gap <= 1'500, qPrintable(QStringLiteral("heartbeats %1 ms apart").arg(gap)));
        }
    }

    void protocolPing_everyPingInterval_evenBeforeAuth()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.pingIntervalMs = 200;
        QVERIFY(start(options));
        ManualWebSocket socket;
        QVERIFY(socket.open(m_fixture->port(), "/ws"));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(socket.waitFor([&] { return socket.count(ManualWebSocket::Ping) >= 3; }, 5'000));
        QVERIFY2(clock.elapsed() >= 350, qPrintable(QString::number(clock.elapsed())));
        // Unauthenticated: pings, but never a heartbeat.
        QCOMPARE(socket.count(ManualWebSocket::Text), 0);
    }

    void silentPeer_droppedAfterSilenceTimeout_pongsKeepOthers()
    {
        sync::ServerOptions options = SyncFixture::fastServerOptions();
        options.pingIntervalMs = 200;
        options.silenceTimeoutMs = 1'000;
        options.authTimeoutMs = 30'000;
        QVERIFY(start(options));
        // This one answers the server's pings (QWebSocket does) but never sends a message.
        RawWsClient answering;
        QVERIFY(answering.open(tokenUrl(m_alice.token)));
        // This one reads but never answers anything.
        ManualWebSocket silent;
        QElapsedTimer clock;
        QVERIFY(silent.open(m_fixture->port(), "/ws?token=" + m_alice.token.toLatin1()));
        clock.start();
        QVERIFY(silent.waitFor([&] { return silent.count(ManualWebSocket::Ping) >= 1; }, 5'000));
        QVERIFY(silent.waitFor([&] { return silent.isDisconnected(); }, 5'000));
        const qint64 droppedAfter = clock.elapsed();
        QVERIFY2(droppedAfter >= 900 && droppedAfter <= 2'500, qPrintable(QString::number(droppedAfter)));
        // Heartbeats were sent to it all along: it was dropped for its silence, not ours.
        QVERIFY(silent.count(ManualWebSocket::Text) >= 2);

        // Three silence periods later the answering client is still served.
        QTest::qWait(2'000);
        QVERIFY(answering.isConnected());
        QVERIFY(barrier(answering));
        QCOMPARE(m_fixture->server().sessionCount(), 1);
    }

    void badMessage_errorCodeAndConnectionStays_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("not JSON") << QStringLiteral("{\"type\":") << QStringLiteral("bad_json");
        QTest::newRow("an array") << QStringLiteral("[1,2,3]") << QStringLiteral("bad_json");
        QTest::newRow("no type") << QStringLiteral("{\"data\":{}}") << QStringLiteral("bad_json");
        QTest::newRow("type not a string") << QStringLiteral("{\"type\":7}") << QStringLiteral("bad_json");
        QTest::newRow("data not an object")
            << QStringLiteral("{\"type\":\"ping\",\"data\":[]}") << QStringLiteral("bad_json");
        QTest::newRow("unknown type") << QStringLiteral("{\"type\":\"task_explode\",\"data\":{}}")
                                      << QStringLiteral("unknown_type");
        QTest::newRow("server-only type") << QStringLiteral("{\"type\":\"welcome\"}") << QStringLiteral("unknown_type");
    }

    void badMessage_errorCodeAndConnectionStays()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QVERIFY(start());
        RawWsClient client;
        QVERIFY(client.open(m_fixture->webSocketUrl(), m_alice.token));
        client.sendText(text);
        const auto error = client.waitForType(QStringLiteral("error"));
        QVERIFY(error.has_value());
        QCOMPARE(data(*error).value(QStringLiteral("code")).toString(), code);
        QVERIFY(!data(*error).value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(client.isConnected());
        QVERIFY(barrier(client));
        makeTask(m_alice.user.id, QStringLiteral("still listening"));
        QVERIFY(client.waitForType(QStringLiteral("task_created")).has_value());
    }

    void binaryMessage_badJsonAndConnectionStays()
    {
        QVERIFY(start());
        QWebSocket binary;
        QList<QJsonObject> received;
        QObject context;
        connect(&binary, &QWebSocket::textMessageReceived, &context, [&](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            if (type(message) != u"heartbeat")
                received.append(message);
        });
        binary.open(tokenUrl(m_alice.token));
        QTRY_VERIFY(!received.isEmpty());
        QCOMPARE(type(received.constFirst()), QStringLiteral("welcome"));
        binary.sendBinaryMessage(QByteArray("{\"type\":\"ping\"}"));
        QTRY_COMPARE(received.size(), 2);
        QCOMPARE(type(received.at(1)), QStringLiteral("error"));
        QCOMPARE(data(received.at(1)).value(QStringLiteral("code")).toString(), QStringLiteral("bad_json"));
        binary.sendTextMessage(QStringLiteral("{\"type\":\"ping\"}"));
        QTRY_COMPARE(received.size(), 3);
        QCOMPARE(type(received.at(2)), QStringLiteral("pong"));
    }
};

QTEST_GUILESS_MAIN(TestWsProtocol)
#include "tst_ws_protocol.moc"
