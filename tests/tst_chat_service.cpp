// ChatService on a real store (the engine named by TANDEM_TEST_ENGINE):
// sessions, messages, tombstones, owners, idempotent replay and signals.
#include "auth/accountservice.h"
#include "domain/json.h"
#include "services/chatservice.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace tandem;

namespace tandem {

static char *toString(const ChatSession &session)
{
    return qstrdup(QJsonDocument(sessionToJson(session)).toJson(QJsonDocument::Compact).constData());
}

static char *toString(const ChatMessage &message)
{
    return qstrdup(QJsonDocument(messageToJson(message)).toJson(QJsonDocument::Compact).constData());
}

} // namespace tandem

namespace {

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
}

QStringList contentsOf(const QList<ChatMessage> &messages)
{
    QStringList contents;
    for (const ChatMessage &message : messages)
        contents.append(message.content);
    return contents;
}

QStringList titlesOf(const QList<ChatSession> &sessions)
{
    QStringList titles;
    for (const ChatSession &session : sessions)
        titles.append(session.title);
    return titles;
}

} // namespace

class TestChatService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ChatService> m_chat;
    QUuid m_owner;
    QUuid m_other;
    QDateTime m_now; // what the injected clock reads

    qint64 head() const { return m_store->head(m_owner).value(); }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<tandem::Change>(); }

    void init()
    {
        TANDEM_TEST_DATABASE(database);
        m_db = std::move(database);
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        AccountService accounts(*m_store);
        auto alice = accounts.createUser(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(alice);
        auto mallory = accounts.createUser(QStringLiteral("mallory"));
        TANDEM_VERIFY_OK(mallory);
        m_owner = alice->id;
        m_other = mallory->id;
        m_now = utc(20, 8);
        m_chat = std::make_unique<ChatService>(*m_store, [this] { return m_now; });
    }

    void cleanup()
    {
        m_chat.reset();
        m_store.reset();
        m_db.reset();
    }

    // --- sessions -----------------------------------------------------------

    void createSession_title_isNormalised_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("stored");

        QTest::newRow("empty") << QString() << QStringLiteral("New chat");
        QTest::newRow("blank") << QStringLiteral(" \t ") << QStringLiteral("New chat");
        QTest::newRow("untrimmed") << QStringLiteral("  Planning  ") << QStringLiteral("Planning");
        QTest::newRow("200 characters") << QStringLiteral("s").repeated(200) << QStringLiteral("s").repeated(200);
        QTest::newRow("emoji and right to left") << QStringLiteral("שיחה 🎂") << QStringLiteral("שיחה 🎂");
    }

    void createSession_title_isNormalised()
    {
        QFETCH(QString, title);
        QFETCH(QString, stored);
        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        auto created = m_chat->createSession(m_owner, title);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->kind, ChangeKind::ChatSessionCreated);
        QCOMPARE(created->seq, 1);
        const ChatSession *session = created->session();
        QVERIFY(session);
        QCOMPARE(session->title, stored);
        QCOMPARE(session->ownerId, m_owner);
        QVERIFY(session->isActive);
        QCOMPARE(session->revision, 1);
        QCOMPARE(session->createdAt, m_now);
        QCOMPARE(session->updatedAt, m_now);
        QVERIFY(!session->isDeleted());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Change>().seq, 1);
        auto read = m_chat->session(m_owner, session->id);
        TANDEM_VERIFY_OK(read);
        QCOMPARE(read.value(), *session);
    }

    void createSession_invalidTitle_failsAndWritesNothing_data()
    {
        QTest::addColumn<QString>("title");
        QTest::newRow("201 characters") << QStringLiteral("s").repeated(201);
        QTest::newRow("201 emoji") << QStringLiteral("😀").repeated(201);
        QTest::newRow("newline inside") << QStringLiteral("a\nb");
        QTest::newRow("control character") << QStringLiteral("a\x01");
        QTest::newRow("broken surrogate") << QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b");
    }

    void createSession_invalidTitle_failsAndWritesNothing()
    {
        QFETCH(QString, title);
        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        auto created = m_chat->createSession(m_owner, title);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Validation);
        QCOMPARE(created.error().field, QStringLiteral("title"));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 0);
    }

    void createSession_clientId_isUsedOnce()
    {
        const QUuid id = QUuid::createUuid();
        auto created = m_chat->createSession(m_owner, QStringLiteral("mine"), id);
        TANDEM_VERIFY_OK(created);
        QCOMPARE(created->entityId(), id);
        auto again = m_chat->createSession(m_owner, QStringLiteral("again"), id);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        auto theirs = m_chat->createSession(m_other, QStringLiteral("theirs"), id);
        QVERIFY(!theirs.ok());
        QCOMPARE(theirs.error().code, ErrorCode::Conflict);
        QCOMPARE(m_chat->session(m_owner, id)->title, QStringLiteral("mine"));
        QCOMPARE(head(), 1);
    }

    void updateSession_rename_changesTitleAndRevision()
    {
        auto created = m_chat->createSession(m_owner, QStringLiteral("Old"));
        TANDEM_VERIFY_OK(created);
        m_now = utc(20, 9);
        SessionPatch patch;
        patch.title = QStringLiteral("  New name ");
        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        auto renamed = m_chat->updateSession(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(renamed);
        QCOMPARE(renamed->kind, ChangeKind::ChatSessionUpdated);
        QCOMPARE(renamed->seq, 2);
        QCOMPARE(spy.count(), 1);
        const ChatSession read = m_chat->session(m_owner, created->entityId()).value();
        QCOMPARE(read, *renamed->session());
        QCOMPARE(read.title, QStringLiteral("New name"));
        QCOMPARE(read.revision, 2);
        QCOMPARE(read.updatedAt, m_now);
        QCOMPARE(read.createdAt, utc(20, 8));
        QVERIFY(read.isActive);
    }

    void updateSession_invalidTitle_failsAndKeepsSession_data()
    {
        QTest::addColumn<QString>("title");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << QStringLiteral("   ");
        QTest::newRow("201 characters") << QStringLiteral("t").repeated(201);
        QTest::newRow("tab") << QStringLiteral("a\tb");
    }

    void updateSession_invalidTitle_failsAndKeepsSession()
    {
        QFETCH(QString, title);
        auto created = m_chat->createSession(m_owner, QStringLiteral("Keep"));
        TANDEM_VERIFY_OK(created);
        SessionPatch patch;
        patch.title = title;
        auto renamed = m_chat->updateSession(m_owner, created->entityId(), patch);
        QVERIFY(!renamed.ok());
        QCOMPARE(renamed.error().code, ErrorCode::Validation);
        QCOMPARE(renamed.error().field, QStringLiteral("title"));
        QCOMPARE(m_chat->session(m_owner, created->entityId()).value(), *created->session());
        QCOMPARE(head(), 1);
    }

    void updateSession_isActive_togglesAndStaysListed()
    {
        auto created = m_chat->createSession(m_owner, QStringLiteral("Chat"));
        TANDEM_VERIFY_OK(created);
        SessionPatch patch;
        patch.isActive = false;
        auto paused = m_chat->updateSession(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(paused);
        QVERIFY(!paused->session()->isActive);
        QCOMPARE(paused->session()->title, QStringLiteral("Chat"));
        QVERIFY(!m_chat->session(m_owner, created->entityId())->isActive);
        QCOMPARE(titlesOf(m_chat->sessions(m_owner).value()), QStringList{QStringLiteral("Chat")});
        patch.isActive = true;
        auto resumed = m_chat->updateSession(m_owner, created->entityId(), patch);
        TANDEM_VERIFY_OK(resumed);
        QVERIFY(m_chat->session(m_owner, created->entityId())->isActive);
        QCOMPARE(resumed->session()->revision, 3);
    }

    void deleteSession_session_leavesTombstoneAndHidesEverything()
    {
        auto created = m_chat->createSession(m_owner, QStringLiteral("Doomed"));
        TANDEM_VERIFY_OK(created);
        const QUuid id = created->entityId();
        TANDEM_VERIFY_OK(m_chat->addMessage(m_owner, id, ChatRole::User, QStringLiteral("hello")));
        m_now = utc(20, 10);
        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        auto deleted = m_chat->deleteSession(m_owner, id);
        TANDEM_VERIFY_OK(deleted);
        QCOMPARE(deleted->kind, ChangeKind::ChatSessionDeleted);
        QCOMPARE(deleted->session()->deletedAt, m_now);
        QCOMPARE(deleted->session()->title, QStringLiteral("Doomed"));
        QCOMPARE(deleted->session()->revision, 3); // created, touched by the message, deleted
        QCOMPARE(spy.count(), 1);

        QCOMPARE(m_chat->session(m_owner, id).error().code, ErrorCode::NotFound);
        QCOMPARE(m_chat->messages(m_owner, id).error().code, ErrorCode::NotFound);
        QVERIFY(m_chat->sessions(m_owner)->isEmpty());
        QCOMPARE(m_chat->addMessage(m_owner, id, ChatRole::User, QStringLiteral("anyone?")).error().code,
                 ErrorCode::NotFound);
        SessionPatch patch;
        patch.title = QStringLiteral("revived");
        QCOMPARE(m_chat->updateSession(m_owner, id, patch).error().code, ErrorCode::NotFound);
        QCOMPARE(m_chat->deleteSession(m_owner, id).error().code, ErrorCode::NotFound);
        QCOMPARE(spy.count(), 1);

        // The log carries the tombstone for clients that were away.
        auto log = m_store->changesSince(m_owner, deleted->seq - 1, 10);
        TANDEM_VERIFY_OK(log);
        QCOMPARE(log->changes.size(), 1);
        QCOMPARE(log->changes.first().kind, ChangeKind::ChatSessionDeleted);
        QCOMPARE(*log->changes.first().session(), *deleted->session());
    }

    void sessions_list_mostRecentlyUpdatedFirst()
    {
        auto first = m_chat->createSession(m_owner, QStringLiteral("first"));
        TANDEM_VERIFY_OK(first);
        m_now = utc(20, 9);
        TANDEM_VERIFY_OK(m_chat->createSession(m_owner, QStringLiteral("second")));
        m_now = utc(20, 10);
        TANDEM_VERIFY_OK(m_chat->createSession(m_owner, QStringLiteral("third")));
        QCOMPARE(titlesOf(m_chat->sessions(m_owner).value()),
                 (QStringList{QStringLiteral("third"), QStringLiteral("second"), QStringLiteral("first")}));
        // A message moves its session to the top.
        m_now = utc(20, 11);
        TANDEM_VERIFY_OK(m_chat->addMessage(m_owner, first->entityId(), ChatRole::User, QStringLiteral("bump")));
        QCOMPARE(titlesOf(m_chat->sessions(m_owner).value()),
                 (QStringList{QStringLiteral("first"), QStringLiteral("third"), QStringLiteral("second")}));
        QVERIFY(m_chat->sessions(m_other)->isEmpty());
    }

    // --- messages -----------------------------------------------------------

    void addMessage_message_emitsMessageThenSessionUpdate()
    {
        auto created = m_chat->createSession(m_owner, QStringLiteral("Talk"));
        TANDEM_VERIFY_OK(created);
        const QUuid sessionId = created->entityId();
        m_now = utc(20, 9, 30);
        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        const QUuid op = QUuid::createUuid();
        auto added = m_chat->addMessage(m_owner, sessionId, ChatRole::User, QStringLiteral("Add milk\nplease"), {}, op);
        TANDEM_VERIFY_OK(added);

        QCOMPARE(added->kind, ChangeKind::ChatMessageCreated);
        const ChatMessage *message = added->message();
        QVERIFY(message);
        QCOMPARE(message->sessionId, sessionId);
        QCOMPARE(message->ownerId, m_owner);
        QCOMPARE(message->role, ChatRole::User);
        QCOMPARE(message->content, QStringLiteral("Add milk\nplease"));
        QCOMPARE(message->createdAt, m_now);
        QVERIFY(!message->id.isNull());

        QCOMPARE(spy.count(), 2);
        const Change first = spy.at(0).at(0).value<Change>();
        const Change second = spy.at(1).at(0).value<Change>();
        QCOMPARE(first.kind, ChangeKind::ChatMessageCreated);
        QCOMPARE(second.kind, ChangeKind::ChatSessionUpdated);
        QCOMPARE(first.seq, added->seq);
        QCOMPARE(second.seq, first.seq + 1);
        QCOMPARE(first.opId, op);
        QCOMPARE(second.opId, op);
        QCOMPARE(*first.message(), *message);
        QCOMPARE(second.session()->id, sessionId);
        QCOMPARE(second.session()->updatedAt, m_now);
        QCOMPARE(second.session()->revision, 2);
        QCOMPARE(head(), 3);

        const ChatSession session = m_chat->session(m_owner, sessionId).value();
        QCOMPARE(session.updatedAt, m_now);
        QCOMPARE(session.createdAt, utc(20, 8));
        QCOMPARE(session, *second.session());
        QCOMPARE(m_chat->messages(m_owner, sessionId).value(), QList<ChatMessage>{*message});
    }

    void messages_limit_returnsNewestOldestFirst_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("contents");

        const QStringList all{QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3"), QStringLiteral("m4"),
                              QStringLiteral("m5")};
        QTest::newRow("no limit") << 0 << all;
        QTest::newRow("newest one") << 1 << QStringList{QStringLiteral("m5")};
        QTest::newRow("newest two") << 2 << QStringList{QStringLiteral("m4"), QStringLiteral("m5")};
        QTest::newRow("exactly all") << 5 << all;
        QTest::newRow("more than all") << 50 << all;
    }

    void messages_limit_returnsNewestOldestFirst()
    {
        QFETCH(int, limit);
        QFETCH(QStringList, contents);
        auto created = m_chat->createSession(m_owner, QStringLiteral("Long talk"));
        TANDEM_VERIFY_OK(created);
        auto other = m_chat->createSession(m_owner, QStringLiteral("Other talk"));
        TANDEM_VERIFY_OK(other);
        for (int i = 1; i <= 5; ++i) {
            // Every message at the same instant: the order must come from the log, not the clock.
            TANDEM_VERIFY_OK(m_chat->addMessage(m_owner, created->entityId(),
                                                i % 2 ? ChatRole::User : ChatRole::Assistant,
                                                QStringLiteral("m%1").arg(i)));
            TANDEM_VERIFY_OK(
                m_chat->addMessage(m_owner, other->entityId(), ChatRole::User, QStringLiteral("other %1").arg(i)));
        }
        auto messages = m_chat->messages(m_owner, created->entityId(), limit);
        TANDEM_VERIFY_OK(messages);
        QCOMPARE(contentsOf(messages.value()), contents);
        for (const ChatMessage &message : std::as_const(messages.value()))
            QCOMPARE(message.sessionId, created->entityId());
    }

    void addMessage_actions_roundTripThroughTheStore()
    {
        auto created = m_chat->createSession(m_owner, QStringLiteral("Assistant"));
        TANDEM_VERIFY_OK(created);
        QList<TaskAction> actions;
        for (auto kind : {TaskActionKind::Created, TaskActionKind::Updated, TaskActionKind::Completed,
                          TaskActionKind::Reopened, TaskActionKind::Deleted, TaskActionKind::Restored})
            actions.append(TaskAction{kind, QUuid::createUuid(), {}});
        auto added = m_chat->addMessage(m_owner, created->entityId(), ChatRole::Assistant,
                                        QStringLiteral("Done: 🥛 added, مرحبا"), actions);
        TANDEM_VERIFY_OK(added);
        QCOMPARE(added->message()->actions, actions);
        const QList<ChatMessage> stored = m_chat->messages(m_owner, created->entityId()).value();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first(), *added->message());
        QCOMPARE(stored.first().role, ChatRole::Assistant);
        QCOMPARE(stored.first().actions, actions);
        auto log = m_store->changesSince(m_owner, 0, 10);
        TANDEM_VERIFY_OK(log);
        QCOMPARE(log->changes.at(1).message()->actions, actions);
    }

    void addMessage_content_followsLimits_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<bool>("valid");

        QTest::newRow("32000 characters") << QStringLiteral("m").repeated(32000) << true;
        QTest::newRow("32001 characters") << QStringLiteral("m").repeated(32001) << false;
        QTest::newRow("32000 emoji") << QStringLiteral("😀").repeated(32000) << true;
        QTest::newRow("32001 emoji") << QStringLiteral("😀").repeated(32001) << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("blank") << QStringLiteral(" \n ") << false;
        QTest::newRow("line breaks and tabs") << QStringLiteral("a\r\n\tb") << true;
        QTest::newRow("bell") << QStringLiteral("a\x07") << false;
        QTest::newRow("broken surrogate") << QStringLiteral("a") + QChar(0xDC00) << false;
    }

    void addMessage_content_followsLimits()
    {
        QFETCH(QString, content);
        QFETCH(bool, valid);
        auto created = m_chat->createSession(m_owner, QStringLiteral("Limits"));
        TANDEM_VERIFY_OK(created);
        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        auto added = m_chat->addMessage(m_owner, created->entityId(), ChatRole::User, content);
        QCOMPARE(added.ok(), valid);
        if (valid) {
            QCOMPARE(m_chat->messages(m_owner, created->entityId())->first().content, content);
            QCOMPARE(spy.count(), 2);
        } else {
            QCOMPARE(added.error().code, ErrorCode::Validation);
            QCOMPARE(added.error().field, QStringLiteral("content"));
            QCOMPARE(spy.count(), 0);
            QCOMPARE(head(), 1);
            QVERIFY(m_chat->messages(m_owner, created->entityId())->isEmpty());
        }
    }

    void addMessage_tooManyActions_isRefused()
    {
        auto created = m_chat->createSession(m_owner, QStringLiteral("Bulk"));
        TANDEM_VERIFY_OK(created);
        QList<TaskAction> actions(ChatLimits::MaxActions, TaskAction{TaskActionKind::Created, QUuid::createUuid(), {}});
        TANDEM_VERIFY_OK(
            m_chat->addMessage(m_owner, created->entityId(), ChatRole::Assistant, QStringLiteral("ok"), actions));
        actions.append(actions.first());
        auto refused
            = m_chat->addMessage(m_owner, created->entityId(), ChatRole::Assistant, QStringLiteral("no"), actions);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, QStringLiteral("actions"));
    }

    void addMessage_unknownSession_isNotFound()
    {
        auto added = m_chat->addMessage(m_owner, QUuid::createUuid(), ChatRole::User, QStringLiteral("hello?"));
        QVERIFY(!added.ok());
        QCOMPARE(added.error().code, ErrorCode::NotFound);
        QCOMPARE(head(), 0);
    }

    // --- other owners -------------------------------------------------------

    void operation_anotherOwnersSession_isNotFound_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char *operation : {"session", "messages", "updateSession", "deleteSession", "addMessage"})
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void operation_anotherOwnersSession_isNotFound()
    {
        QFETCH(QString, operation);
        ChatService theirService(*m_store, [this] { return m_now; });
        auto theirs = theirService.createSession(m_other, QStringLiteral("mallory's"));
        TANDEM_VERIFY_OK(theirs);
        const QUuid id = theirs->entityId();
        TANDEM_VERIFY_OK(theirService.addMessage(m_other, id, ChatRole::User, QStringLiteral("secret")));
        const ChatSession before = theirService.session(m_other, id).value();

        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        Error error;
        if (operation == u"session") {
            error = m_chat->session(m_owner, id).error();
        } else if (operation == u"messages") {
            error = m_chat->messages(m_owner, id).error();
        } else if (operation == u"updateSession") {
            SessionPatch patch;
            patch.title = QStringLiteral("hijacked");
            error = m_chat->updateSession(m_owner, id, patch).error();
        } else if (operation == u"deleteSession") {
            error = m_chat->deleteSession(m_owner, id).error();
        } else {
            error = m_chat->addMessage(m_owner, id, ChatRole::User, QStringLiteral("intrusion")).error();
        }
        QCOMPARE(errorCodeName(error.code), errorCodeName(ErrorCode::NotFound));
        QVERIFY(!error.message.contains(QStringLiteral("mallory")));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(head(), 0);
        QCOMPARE(theirService.session(m_other, id).value(), before);
        QCOMPARE(contentsOf(theirService.messages(m_other, id).value()), QStringList{QStringLiteral("secret")});
    }

    // --- idempotency --------------------------------------------------------

    void operation_repeatedOpId_replaysOriginalWithoutWriting_data()
    {
        QTest::addColumn<QString>("operation");
        for (const char *operation : {"createSession", "updateSession", "deleteSession", "addMessage"})
            QTest::newRow(operation) << QString::fromLatin1(operation);
    }

    void operation_repeatedOpId_replaysOriginalWithoutWriting()
    {
        QFETCH(QString, operation);
        auto subject = m_chat->createSession(m_owner, QStringLiteral("subject"));
        TANDEM_VERIFY_OK(subject);
        const QUuid sessionId = subject->entityId();

        // The second attempt asks for something else; a replay must ignore it.
        const auto run = [&](const QUuid &op, int attempt) -> Result<Change> {
            const QString text = QStringLiteral("attempt %1").arg(attempt);
            if (operation == u"createSession")
                return m_chat->createSession(m_owner, text, std::nullopt, op);
            if (operation == u"updateSession") {
                SessionPatch patch;
                patch.title = text;
                return m_chat->updateSession(m_owner, sessionId, patch, op);
            }
            if (operation == u"deleteSession")
                return m_chat->deleteSession(m_owner, sessionId, op);
            return m_chat->addMessage(m_owner, sessionId, ChatRole::User, text, {}, op);
        };

        QSignalSpy spy(m_chat.get(), &ChatService::changed);
        const QUuid op = QUuid::createUuid();
        m_now = utc(20, 12);
        auto first = run(op, 1);
        TANDEM_VERIFY_OK(first);
        const int signalsAfterFirst = spy.count();
        QCOMPARE(signalsAfterFirst, operation == u"addMessage" ? 2 : 1);
        const qint64 headAfterFirst = head();

        m_now = utc(20, 13);
        auto second = run(op, 2);
        TANDEM_VERIFY_OK(second);
        QVERIFY(!first->replayed);
        QVERIFY(second->replayed);
        QCOMPARE(second->seq, first->seq);
        QCOMPARE(second->kind, first->kind);
        QCOMPARE(second->opId, op);
        QCOMPARE(second->entityId(), first->entityId());
        if (first->session())
            QCOMPARE(*second->session(), *first->session());
        else
            QCOMPARE(*second->message(), *first->message());
        QCOMPARE(spy.count(), signalsAfterFirst);
        QCOMPARE(head(), headAfterFirst);
        if (operation == u"addMessage")
            QCOMPARE(contentsOf(m_chat->messages(m_owner, sessionId).value()),
                     QStringList{QStringLiteral("attempt 1")});
        if (operation == u"updateSession")
            QCOMPARE(m_chat->session(m_owner, sessionId)->title, QStringLiteral("attempt 1"));
        if (operation == u"createSession")
            QCOMPARE(m_chat->sessions(m_owner)->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestChatService)
#include "tst_chat_service.moc"
