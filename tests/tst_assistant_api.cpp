// The assistant's REST endpoints: POST /api/chat/sessions/{id}/messages (a
// turn with the assistant, broadcast like any change) and POST
// /api/tasks/quick (a task from free text), with their errors.
#include "assistant/assistantservice.h"
#include "httptestclient.h"
#include "services/taskservice.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace tandem;
using namespace tandem::test;

class TestAssistantApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;
    AuthToken m_bob;

    HttpResult call(const QByteArray &method, const QByteArray &target, const QJsonObject &body, const QString &token,
                    const HttpHeaders &extra = {})
    {
        const QByteArray bytes = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return httpRequest(m_fixture->port(), method, target, bytes, bearer(token, extra));
    }

    QString newSession(const AuthToken &who)
    {
        const HttpResult created = call("POST", "/api/chat/sessions", {}, who.token);
        return created.json().value(QStringLiteral("session")).toObject().value(QStringLiteral("id")).toString();
    }

    QByteArray messagesPath(const QString &session) const
    {
        return "/api/chat/sessions/" + session.toLatin1() + "/messages";
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_fixture = SyncFixture::create(&error);
        QVERIFY2(m_fixture, qPrintable(error));
        auto alice = m_fixture->registerUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        m_alice = alice.value();
        auto bob = m_fixture->registerUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(bob);
        m_bob = bob.value();
    }

    void cleanup() { m_fixture.reset(); }

    void postMessage_addRequest_createsTaskAndStoresBothMessages()
    {
        const QString session = newSession(m_alice);
        QVERIFY(!session.isEmpty());
        const HttpResult response = call("POST", messagesPath(session),
                                         {{QStringLiteral("content"), QStringLiteral("add buy milk tomorrow #home")},
                                          {QStringLiteral("timeZone"), QStringLiteral("Europe/Berlin")}},
                                         m_alice.token);
        QCOMPARE(response.status, 201);
        const QJsonObject body = response.json();
        QCOMPARE(body.value(QStringLiteral("userMessage")).toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("add buy milk tomorrow #home"));
        const QJsonObject reply = body.value(QStringLiteral("assistantMessage")).toObject();
        QCOMPARE(reply.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QVERIFY2(reply.value(QStringLiteral("content")).toString().contains(QStringLiteral("buy milk")),
                 qPrintable(reply.value(QStringLiteral("content")).toString()));
        const QJsonArray actions = body.value(QStringLiteral("actions")).toArray();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("created"));
        // The task exists, with what the parser understood.
        const HttpResult tasks = call("GET", "/api/tasks", {}, m_alice.token);
        const QJsonArray list = tasks.json().value(QStringLiteral("tasks")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("title")).toString(), QStringLiteral("buy milk"));
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("tags")).toArray().at(0).toString(),
                 QStringLiteral("home"));
        QVERIFY(!list.at(0).toObject().value(QStringLiteral("due")).isNull());
        // Both messages are stored, in order; the session took its title from the first one.
        const HttpResult messages = call("GET", messagesPath(session), {}, m_alice.token);
        QCOMPARE(messages.json().value(QStringLiteral("messages")).toArray().size(), 2);
        const HttpResult sessions = call("GET", "/api/chat/sessions", {}, m_alice.token);
        QCOMPARE(sessions.json()
                     .value(QStringLiteral("sessions"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("title"))
                     .toString(),
                 QStringLiteral("add buy milk tomorrow #home"));
    }

    void postMessage_turn_isBroadcastToWebSocketClients()
    {
        const QString session = newSession(m_alice);
        RawWsClient ws;
        QVERIFY(ws.open(m_fixture->webSocketUrl(), m_alice.token));
        QCOMPARE(call("POST", messagesPath(session),
                      {{QStringLiteral("content"), QStringLiteral("add water the plants")}}, m_alice.token)
                     .status,
                 201);
        // task_created and both chat_message_created arrive, in seq order.
        const auto count = [&](const QString &type) {
            return std::count_if(ws.received().cbegin(), ws.received().cend(),
                                 [&](const QJsonObject &event) { return event.value(QStringLiteral("type")) == type; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            count(QStringLiteral("chat_message_created")) == 2 && count(QStringLiteral("task_created")) == 1, 5000);
        qint64 last = -1;
        for (const QJsonObject &event : ws.received()) {
            if (event.value(QStringLiteral("type")).toString() == u"welcome") {
                last = event.value(QStringLiteral("data")).toObject().value(QStringLiteral("seq")).toInteger();
                continue;
            }
            if (!event.contains(QStringLiteral("seq")))
                continue;
            const qint64 seq = event.value(QStringLiteral("seq")).toInteger();
            QCOMPARE(seq, last + 1);
            last = seq;
        }
    }

    void postMessage_sameIdempotencyKey_answersOnceAndRepeats()
    {
        const QString session = newSession(m_alice);
        const HttpHeaders key{{"Idempotency-Key", "turn-1"}};
        const QJsonObject body{{QStringLiteral("content"), QStringLiteral("add call the bank")}};
        const HttpResult first = call("POST", messagesPath(session), body, m_alice.token, key);
        const HttpResult second = call("POST", messagesPath(session), body, m_alice.token, key);
        QCOMPARE(first.status, 201);
        QCOMPARE(second.status, 201);
        QCOMPARE(second.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(second.json().value(QStringLiteral("assistantMessage")).toObject().value(QStringLiteral("id")),
                 first.json().value(QStringLiteral("assistantMessage")).toObject().value(QStringLiteral("id")));
        QCOMPARE(call("GET", "/api/tasks", {}, m_alice.token).json().value(QStringLiteral("tasks")).toArray().size(),
                 1);
        QCOMPARE(call("GET", messagesPath(session), {}, m_alice.token)
                     .json()
                     .value(QStringLiteral("messages"))
                     .toArray()
                     .size(),
                 2);
    }

    void postMessage_badInput_422_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no content") << QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")}}
                                    << QStringLiteral("content");
        QTest::newRow("not a string") << QJsonObject{{QStringLiteral("content"), 42}} << QStringLiteral("content");
        QTest::newRow("blank") << QJsonObject{{QStringLiteral("content"), QStringLiteral("   ")}}
                               << QStringLiteral("content");
        QTest::newRow("4001 characters") << QJsonObject{{QStringLiteral("content"), QString(4001, u'x')}}
                                         << QStringLiteral("content");
        QTest::newRow("bad time zone") << QJsonObject{{QStringLiteral("content"), QStringLiteral("hi")},
                                                      {QStringLiteral("timeZone"), QStringLiteral("Mars/Olympus")}}
                                       << QStringLiteral("timeZone");
    }

    void postMessage_badInput_422()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        const QString session = newSession(m_alice);
        const HttpResult response = call("POST", messagesPath(session), body, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
        // Nothing was stored.
        QCOMPARE(call("GET", messagesPath(session), {}, m_alice.token)
                     .json()
                     .value(QStringLiteral("messages"))
                     .toArray()
                     .size(),
                 0);
    }

    void postMessage_4000Characters_accepted()
    {
        const QString session = newSession(m_alice);
        const HttpResult response
            = call("POST", messagesPath(session), {{QStringLiteral("content"), QString(4000, u'x')}}, m_alice.token);
        QCOMPARE(response.status, 201);
    }

    void postMessage_otherUsersSession_404()
    {
        const QString session = newSession(m_alice);
        const HttpResult response
            = call("POST", messagesPath(session), {{QStringLiteral("content"), QStringLiteral("hi")}}, m_bob.token);
        TANDEM_COMPARE_ERROR(response, 404, QStringLiteral("not_found"));
    }

    void postMessage_otherUsersTasks_neverVisible()
    {
        TaskDraft draft;
        draft.title = QStringLiteral("alice's secret plan");
        TANDEM_VERIFY_OK(m_fixture->tasks().create(m_alice.user.id, draft));
        const QString session = newSession(m_bob);
        const HttpResult list = call("POST", messagesPath(session),
                                     {{QStringLiteral("content"), QStringLiteral("show all my tasks")}}, m_bob.token);
        QCOMPARE(list.status, 201);
        QVERIFY(!list.json()
                     .value(QStringLiteral("assistantMessage"))
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString()
                     .contains(QStringLiteral("secret")));
        const HttpResult remove
            = call("POST", messagesPath(session), {{QStringLiteral("content"), QStringLiteral("delete secret plan")}},
                   m_bob.token);
        QCOMPARE(remove.status, 201);
        QVERIFY(remove.json().value(QStringLiteral("actions")).toArray().isEmpty());
        QCOMPARE(call("GET", "/api/tasks", {}, m_alice.token).json().value(QStringLiteral("tasks")).toArray().size(),
                 1);
    }

    void postMessage_noToken_401()
    {
        const QString session = newSession(m_alice);
        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "POST", messagesPath(session), "{\"content\":\"hi\"}"), 401,
                             QStringLiteral("unauthorized"));
    }

    void quickAdd_text_createsParsedTask()
    {
        const HttpResult response
            = call("POST", "/api/tasks/quick",
                   {{QStringLiteral("text"), QStringLiteral("Call Alex 2030-03-04 at 3pm #work p1")},
                    {QStringLiteral("timeZone"), QStringLiteral("Europe/Berlin")}},
                   m_alice.token);
        QCOMPARE(response.status, 201);
        const QJsonObject task = response.json().value(QStringLiteral("task")).toObject();
        QCOMPARE(task.value(QStringLiteral("title")).toString(), QStringLiteral("Call Alex"));
        QCOMPARE(task.value(QStringLiteral("due")).toString(), QStringLiteral("2030-03-04T15:00:00+01:00"));
        QCOMPARE(task.value(QStringLiteral("priority")).toString(), QStringLiteral("urgent"));
        QCOMPARE(task.value(QStringLiteral("tags")).toArray().at(0).toString(), QStringLiteral("work"));
        const QJsonObject parsed = response.json().value(QStringLiteral("parsed")).toObject();
        const QJsonArray spans = parsed.value(QStringLiteral("spans")).toArray();
        QCOMPARE(spans.size(), 3);
        QCOMPARE(spans.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("due"));
        QCOMPARE(spans.at(0).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("2030-03-04 at 3pm"));
    }

    void quickAdd_relativeDate_resolvesAgainstTheServersClockInTheZoneGiven()
    {
        // 23:30 UTC on Thursday 26 November 2026 is already Friday in Tokyo.
        m_fixture->setNow(QDateTime(QDate(2026, 11, 26), QTime(23, 30), QTimeZone::utc()));
        const auto dueFor = [&](const QString &zone) {
            const HttpResult response = call("POST", "/api/tasks/quick",
                                             {{QStringLiteral("text"), QStringLiteral("Call Alex tomorrow at 9")},
                                              {QStringLiteral("timeZone"), zone}},
                                             m_alice.token);
            return response.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("due")).toString();
        };
        QCOMPARE(dueFor(QStringLiteral("Europe/Berlin")), QStringLiteral("2026-11-28T09:00:00+01:00"));
        QCOMPARE(dueFor(QStringLiteral("Asia/Tokyo")), QStringLiteral("2026-11-28T09:00:00+09:00"));
        QCOMPARE(dueFor(QStringLiteral("America/New_York")), QStringLiteral("2026-11-27T09:00:00-05:00"));
        m_fixture->setNow({});
    }

    void quickAdd_locale_decidesHowNumericDatesRead()
    {
        m_fixture->setNow(QDateTime(QDate(2026, 11, 26), QTime(12, 0), QTimeZone::utc()));
        const auto dueFor = [&](const QJsonValue &locale) {
            QJsonObject body{{QStringLiteral("text"), QStringLiteral("Dentist 3/4")},
                             {QStringLiteral("timeZone"), QStringLiteral("Europe/London")}};
            if (!locale.isUndefined())
                body.insert(QStringLiteral("locale"), locale);
            const HttpResult response = call("POST", "/api/tasks/quick", body, m_alice.token);
            return response.json().value(QStringLiteral("task")).toObject().value(QStringLiteral("due")).toString();
        };
        QCOMPARE(dueFor(QStringLiteral("en-GB")), QStringLiteral("2027-04-03"));
        QCOMPARE(dueFor(QStringLiteral("de_DE")), QStringLiteral("2027-04-03"));
        QCOMPARE(dueFor(QStringLiteral("en-US")), QStringLiteral("2027-03-04"));
        QCOMPARE(dueFor(QJsonValue()), QStringLiteral("2027-03-04")); // the server's default: en_US here
        m_fixture->assistant().setLocale(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(dueFor(QJsonValue()), QStringLiteral("2027-04-03"));
        m_fixture->assistant().setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
        m_fixture->setNow({});
    }

    void quickAdd_idempotencyKey_createsOnce()
    {
        const HttpHeaders key{{"Idempotency-Key", "quick-1"}};
        const QJsonObject body{{QStringLiteral("text"), QStringLiteral("pay rent")}};
        QCOMPARE(call("POST", "/api/tasks/quick", body, m_alice.token, key).status, 201);
        const HttpResult again = call("POST", "/api/tasks/quick", body, m_alice.token, key);
        QCOMPARE(again.status, 201);
        QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(call("GET", "/api/tasks", {}, m_alice.token).json().value(QStringLiteral("tasks")).toArray().size(),
                 1);
    }

    void quickAdd_badInput_422_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no text") << QJsonObject{{QStringLiteral("content"), QStringLiteral("x")}}
                                 << QStringLiteral("text");
        QTest::newRow("blank") << QJsonObject{{QStringLiteral("text"), QStringLiteral(" ")}} << QStringLiteral("text");
        QTest::newRow("too long") << QJsonObject{{QStringLiteral("text"), QString(4001, u'a')}}
                                  << QStringLiteral("text");
        QTest::newRow("bad zone") << QJsonObject{{QStringLiteral("text"), QStringLiteral("x")},
                                                 {QStringLiteral("timeZone"), 7}}
                                  << QStringLiteral("timeZone");
        QTest::newRow("bad locale") << QJsonObject{{QStringLiteral("text"), QStringLiteral("x")},
                                                   {QStringLiteral("locale"), QStringLiteral("not a locale")}}
                                    << QStringLiteral("locale");
        QTest::newRow("locale not a string")
            << QJsonObject{{QStringLiteral("text"), QStringLiteral("x")}, {QStringLiteral("locale"), 3}}
            << QStringLiteral("locale");
    }

    void quickAdd_badInput_422()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        const HttpResult response = call("POST", "/api/tasks/quick", body, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 422, QStringLiteral("validation"));
        QCOMPARE(response.errorField(), field);
    }

    void quickAdd_get_405()
    {
        const HttpResult response = call("GET", "/api/tasks/quick", {}, m_alice.token);
        TANDEM_COMPARE_ERROR(response, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(response.header("allow"), QByteArray("POST"));
    }
};

QTEST_GUILESS_MAIN(TestAssistantApi)
#include "tst_assistant_api.moc"
