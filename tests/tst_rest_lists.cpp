// The smart lists over REST (GET /api/tasks?list=…, GET /api/tasks/lists) and
// undoing a delete (POST /api/tasks/{id}/restore), as the web page uses them.
// The lists are core/domain/smartlist.h: the counts must equal the lists.
#include "domain/json.h"
#include "httptestclient.h"
#include "services/taskservice.h"
#include "syncfixture.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tandem;
using namespace tandem::test;

class TestRestLists final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SyncFixture> m_fixture;
    AuthToken m_alice;

    HttpResult get(const QByteArray &target)
    {
        return httpRequest(m_fixture->port(), "GET", target, {}, bearer(m_alice.token));
    }

    QStringList titles(const QByteArray &target)
    {
        QStringList out;
        for (const QJsonValue &task : get(target).json().value(QStringLiteral("tasks")).toArray())
            out.append(task.toObject().value(QStringLiteral("title")).toString());
        out.sort();
        return out;
    }

    Task add(const QString &title, const Due &due = {}, TaskStatus status = TaskStatus::Pending,
             const QStringList &tags = {})
    {
        TaskDraft draft;
        draft.title = title;
        draft.due = due;
        draft.status = status;
        draft.tags = tags;
        auto created = m_fixture->tasks().create(m_alice.user.id, draft);
        return created ? *created->task() : Task();
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
        const QDate today = QDateTime::currentDateTimeUtc().date();
        add(QStringLiteral("yesterday"), Due::onDate(today.addDays(-1)), TaskStatus::Pending, {QStringLiteral("Work")});
        add(QStringLiteral("today"), Due::onDate(today), TaskStatus::InProgress, {QStringLiteral("work")});
        add(QStringLiteral("tomorrow"), Due::onDate(today.addDays(1)), TaskStatus::Pending, {QStringLiteral("home")});
        add(QStringLiteral("someday"));
        add(QStringLiteral("done"), Due::onDate(today), TaskStatus::Completed, {QStringLiteral("home")});
    }
    void cleanup() { m_fixture.reset(); }

    void list_eachSmartList_data()
    {
        QTest::addColumn<QByteArray>("list");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("today (with overdue)")
            << QByteArray("today") << QStringList{QStringLiteral("today"), QStringLiteral("yesterday")};
        QTest::newRow("upcoming") << QByteArray("upcoming") << QStringList{QStringLiteral("tomorrow")};
        QTest::newRow("overdue") << QByteArray("overdue") << QStringList{QStringLiteral("yesterday")};
        QTest::newRow("no date") << QByteArray("no_date") << QStringList{QStringLiteral("someday")};
        QTest::newRow("all open") << QByteArray("all")
                                  << QStringList{QStringLiteral("someday"), QStringLiteral("today"),
                                                 QStringLiteral("tomorrow"), QStringLiteral("yesterday")};
        QTest::newRow("completed") << QByteArray("completed") << QStringList{QStringLiteral("done")};
    }

    void list_eachSmartList()
    {
        QFETCH(QByteArray, list);
        QFETCH(QStringList, expected);
        QCOMPARE(titles("/api/tasks?timeZone=UTC&list=" + list), expected);
        // The count is the list's length.
        const QJsonObject counts = get("/api/tasks/lists?timeZone=UTC").json();
        QCOMPARE(counts.value(QStringLiteral("lists")).toObject().value(QString::fromLatin1(list)).toInteger(),
                 expected.size());
    }

    void list_narrowedByTagAndText()
    {
        QCOMPARE(titles("/api/tasks?timeZone=UTC&list=all&tag=WORK"),
                 (QStringList{QStringLiteral("today"), QStringLiteral("yesterday")}));
        QCOMPARE(titles("/api/tasks?timeZone=UTC&list=today&q=yest"), QStringList{QStringLiteral("yesterday")});
    }

    void list_unknown_422()
    {
        const HttpResult answer = get("/api/tasks?list=someday");
        TANDEM_COMPARE_ERROR(answer, 422, QStringLiteral("validation"));
        QCOMPARE(answer.errorField(), QStringLiteral("list"));
        TANDEM_COMPARE_ERROR(get("/api/tasks/lists?timeZone=Mars/Olympus"), 422, QStringLiteral("validation"));
    }

    void lists_tagsCountOpenTasksIgnoringCase()
    {
        const QJsonObject counts = get("/api/tasks/lists?timeZone=UTC").json();
        QVERIFY(counts.value(QStringLiteral("seq")).toInteger() >= 5);
        QJsonObject byTag;
        for (const QJsonValue &tag : counts.value(QStringLiteral("tags")).toArray())
            byTag.insert(tag.toObject().value(QStringLiteral("tag")).toString(),
                         tag.toObject().value(QStringLiteral("count")));
        // "Work" and "work" are one tag (first spelling kept); "home" counts only its open task.
        QCOMPARE(byTag, (QJsonObject{{QStringLiteral("Work"), 2}, {QStringLiteral("home"), 1}}));
    }

    void restore_deletedTask_backWithItsId()
    {
        const Task task = add(QStringLiteral("undo me"));
        QCOMPARE(httpRequest(m_fixture->port(), "DELETE", "/api/tasks/" + uuidText(task.id).toLatin1(), {},
                             bearer(m_alice.token))
                     .status,
                 204);
        const QByteArray target = "/api/tasks/" + uuidText(task.id).toLatin1() + "/restore";
        const HttpResult restored = httpRequest(m_fixture->port(), "POST", target, {}, bearer(m_alice.token));
        QCOMPARE(restored.status, 200);
        const QJsonObject json = restored.json().value(QStringLiteral("task")).toObject();
        QCOMPARE(json.value(QStringLiteral("id")).toString(), uuidText(task.id));
        QCOMPARE(json.value(QStringLiteral("title")).toString(), QStringLiteral("undo me"));
        // Not deleted (any more): 409; someone else's or unknown: 404.
        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "POST", target, {}, bearer(m_alice.token)), 409,
                             QStringLiteral("conflict"));
        auto bob = m_fixture->registerUser(QStringLiteral("bob"));
        TANDEM_VERIFY_OK(bob);
        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "POST", target, {}, bearer(bob->token)), 404,
                             QStringLiteral("not_found"));
        TANDEM_COMPARE_ERROR(httpRequest(m_fixture->port(), "GET", target, {}, bearer(m_alice.token)), 405,
                             QStringLiteral("method_not_allowed"));
    }
};

QTEST_GUILESS_MAIN(TestRestLists)
#include "tst_rest_lists.moc"
