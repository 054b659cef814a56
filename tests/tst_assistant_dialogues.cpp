// Conversations with the built-in assistant over several turns, on the store
// engine named by TANDEM_TEST_ENGINE: a question about which task, answered
// every way people answer it; "it" and numbers from the last list; bulk
// deletes confirmed, refused and abandoned; undo and redo recorded in the
// change log; a restart between any two turns; other users' tasks; the
// service's limits, its idempotency and the conversation's title. The clock
// is fixed: Thursday 2026-11-26 10:00 Europe/Berlin.
#include "assistantfixture.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>

#include <memory>

using namespace tandem;
using namespace Qt::StringLiterals;
using tandem::test::AssistantFixture;

namespace {

// The titles of a numbered list in a reply ("1. “Buy milk” — due today"), in order.
QStringList listedTitles(const QString &reply)
{
    static const QRegularExpression line(u"^\\d+\\. “(.*?)”"_s, QRegularExpression::MultilineOption);
    QStringList titles;
    auto it = line.globalMatch(reply);
    while (it.hasNext())
        titles.append(it.next().captured(1));
    return titles;
}

QString pendingQuestion(AssistantFixture &f)
{
    auto state = f.store->assistantState(f.owner, f.session);
    if (!state)
        return u"<state unreadable>"_s;
    return QJsonDocument::fromJson(state->toUtf8())
        .object()
        .value(u"pending"_s)
        .toObject()
        .value(u"question"_s)
        .toString();
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList titlesOf(const QList<Task> &tasks)
{
    QStringList titles;
    for (const Task &task : tasks)
        titles.append(task.title);
    titles.sort();
    return titles;
}

} // namespace

class TestAssistantDialogues final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void whichTask_answer_actsOnTheChosenTask_data();
    void whichTask_answer_actsOnTheChosenTask();
    void whichTask_titleWord_deletesOnlyThatTask();
    void whichTask_unclearAnswer_asksAgain();
    void whichTask_none_changesNothing();
    void whichTask_unrelatedMessage_questionLapses();
    void pronoun_addThenEdit_changesTheAddedTask();
    void list_thenNumbers_actOnThoseRows();
    void bulkDelete_yes_deletesEveryListedTask();
    void bulkDelete_no_keepsEveryTask();
    void bulkDelete_unrelatedMessage_questionLapses();
    void bulkDelete_tooMany_refusesWithoutAsking();
    void bulkEdit_yes_completesTheNamedTasks();
    void undoRedo_severalActions_revertAndReapplyAsNewChanges();
    void undo_partlyImpossible_keepsWhatItCouldNotUndo();
    void restart_betweenTurns_keepsQuestionListPronounAndUndo();
    void restart_beforeBulkConfirmation_yesStillDeletes();
    void otherUsers_tasks_neverVisibleOrTouched();
    void send_emptyMessage_isRejectedAndStoresNothing();
    void send_messageLength_limitIs4000CodePoints();
    void send_titleTooLong_replySaysSoAndNothingIsCreated();
    void send_firstMessage_titlesTheConversation();
    void send_longFirstMessageOfEmoji_titleCutBetweenCharacters();
    void send_sameOpIdTwice_repeatsTheReplyAndChangesNothing();

private:
    QString say(const char *message);
    Task seedTask(const char *title, TaskPriority priority = TaskPriority::None, QDate due = {}, QStringList tags = {},
                  TaskStatus status = TaskStatus::Pending);
    std::optional<Task> task(const char *title) const { return f->taskTitled(QString::fromUtf8(title)); }
    void seedReviews();

    std::unique_ptr<AssistantFixture> f;
    int m_created = 0;
};

void TestAssistantDialogues::init()
{
    QString error;
    f = AssistantFixture::create(&error, test::engineUnderTest());
    QVERIFY2(f, qPrintable(error));
    m_created = 0;
}

void TestAssistantDialogues::cleanup()
{
    f.reset();
}

QString TestAssistantDialogues::say(const char *message)
{
    const QString reply = f->say(QString::fromUtf8(message));
    if (reply.isEmpty())
        qWarning().noquote() << "the service refused" << message << ":" << f->lastError.toString();
    return reply;
}

// Each task a second older than the next, so lists have one order.
Task TestAssistantDialogues::seedTask(const char *title, TaskPriority priority, QDate due, QStringList tags,
                                      TaskStatus status)
{
    f->now = AssistantFixture::fixedNow().addSecs(-3600 + m_created++);
    const Task added
        = f->addTask(QString::fromUtf8(title), priority, due.isValid() ? Due::onDate(due) : Due(), tags, status);
    f->now = AssistantFixture::fixedNow();
    return added;
}

void TestAssistantDialogues::seedReviews()
{
    seedTask("Review pull request 12", TaskPriority::None, QDate(2026, 11, 27));
    seedTask("Review pull request 15", TaskPriority::Urgent);
    seedTask("Buy milk", TaskPriority::None, QDate(2026, 11, 26), {u"home"_s});
}

void TestAssistantDialogues::whichTask_answer_actsOnTheChosenTask_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<int>("position"); // 1-based in the question's list; 0: by `title`
    QTest::addColumn<QString>("title");
    QTest::newRow("a number") << u"2"_s << 2 << QString();
    QTest::newRow("a hash number") << u"#1"_s << 1 << QString();
    QTest::newRow("the first") << u"the first"_s << 1 << QString();
    QTest::newRow("the second one") << u"the second one"_s << 2 << QString();
    QTest::newRow("number 1") << u"number 1"_s << 1 << QString();
    QTest::newRow("the last one") << u"the last one"_s << 2 << QString();
    QTest::newRow("the one due Friday") << u"the one due Friday"_s << 0 << u"Review pull request 12"_s;
    QTest::newRow("the urgent one") << u"the urgent one"_s << 0 << u"Review pull request 15"_s;
}

void TestAssistantDialogues::whichTask_answer_actsOnTheChosenTask()
{
    QFETCH(QString, answer);
    QFETCH(int, position);
    QFETCH(QString, title);
    seedReviews();

    const QString question = say("complete review pull request");
    QVERIFY2(question.contains(u"Which one?"_s), qPrintable(question));
    const QStringList candidates = listedTitles(question);
    QCOMPARE(titlesOf({*task("Review pull request 12"), *task("Review pull request 15")}), sorted(candidates));
    QCOMPARE(pendingQuestion(*f), u"which"_s);
    QCOMPARE(f->tasks(false).size(), 3); // nothing done yet

    const QString chosen = position > 0 ? candidates.at(position - 1) : title;
    const QString other = candidates.at(candidates.indexOf(chosen) == 0 ? 1 : 0);
    const QString reply = f->say(answer);
    QCOMPARE(reply, u"Marked “%1” as done."_s.arg(chosen));
    QCOMPARE(f->taskTitled(chosen)->status, TaskStatus::Completed);
    QCOMPARE(f->taskTitled(other)->status, TaskStatus::Pending);
    QCOMPARE(pendingQuestion(*f), QString());
}

void TestAssistantDialogues::whichTask_titleWord_deletesOnlyThatTask()
{
    seedTask("Send invoice to Acme", TaskPriority::None, {}, {u"work"_s});
    seedTask("Send invoice to Globex", TaskPriority::None, {}, {u"work"_s});

    const QString question = say("delete the invoice");
    QVERIFY2(question.contains(u"Which one?"_s), qPrintable(question));
    QCOMPARE(f->tasks().size(), 2);
    QCOMPARE(say("the globex one"), u"Deleted “Send invoice to Globex”. Say “undo” to bring it back."_s);
    QCOMPARE(titlesOf(f->tasks()), QStringList{u"Send invoice to Acme"_s});
}

void TestAssistantDialogues::whichTask_unclearAnswer_asksAgain()
{
    seedReviews();
    const QStringList candidates = listedTitles(say("delete review pull request"));
    QCOMPARE(candidates.size(), 2);
    for (const char *unclear : {"the green one", "7", "the one due Sunday"}) {
        QCOMPARE(say(unclear), u"I couldn't tell which one you mean. Say a number from 1 to 2, or “none”."_s);
        QCOMPARE(pendingQuestion(*f), u"which"_s);
        QCOMPARE(f->tasks().size(), 3); // neither deleted nor anything added
    }
    QCOMPARE(say("the second"), u"Deleted “%1”. Say “undo” to bring it back."_s.arg(candidates.at(1)));
    QCOMPARE(f->tasks().size(), 2);
}

void TestAssistantDialogues::whichTask_none_changesNothing()
{
    seedReviews();
    const QList<Task> before = f->tasks();
    QVERIFY(say("delete review pull request").contains(u"Which one?"_s));
    QCOMPARE(say("none"), u"OK, never mind."_s);
    QCOMPARE(f->tasks(), before);
    QCOMPARE(pendingQuestion(*f), QString());
    // The question is gone: a number now means nothing to delete.
    QVERIFY(!say("1").startsWith(u"Deleted"_s));
    QCOMPARE(f->tasks(), before);
}

void TestAssistantDialogues::whichTask_unrelatedMessage_questionLapses()
{
    seedReviews();
    QVERIFY(say("delete review pull request").contains(u"Which one?"_s));
    const QString reply = say("add buy bread tomorrow");
    QCOMPARE(reply, u"Added “buy bread” — due tomorrow."_s);
    QCOMPARE(pendingQuestion(*f), QString());
    QVERIFY(!say("2").startsWith(u"Deleted"_s));
    QCOMPARE(f->tasks().size(), 4);
}

void TestAssistantDialogues::pronoun_addThenEdit_changesTheAddedTask()
{
    seedReviews();
    QCOMPARE(say("add call the plumber"), u"Added “call the plumber”."_s);
    QCOMPARE(say("make it urgent"), u"“call the plumber” is now urgent priority."_s);
    QCOMPARE(say("push it to Monday"), u"“call the plumber” is now due on Monday."_s);
    QCOMPARE(say("tag that with house"), u"Tagged “call the plumber” with #house."_s);
    const auto plumber = f->taskTitled(u"call the plumber"_s);
    QVERIFY(plumber);
    QCOMPARE(plumber->priority, TaskPriority::Urgent);
    QCOMPARE(plumber->due, Due::onDate(QDate(2026, 11, 30)));
    QCOMPARE(plumber->tags, QStringList{u"house"_s});
    QCOMPARE(task("Buy milk")->priority, TaskPriority::None); // "it" never drifted
}

void TestAssistantDialogues::list_thenNumbers_actOnThoseRows()
{
    seedTask("Call the dentist", TaskPriority::Urgent, QDate(2026, 11, 24));
    seedTask("Buy milk", TaskPriority::None, QDate(2026, 11, 26));
    seedTask("Write the report", TaskPriority::High, QDate(2026, 11, 27));
    seedTask("Water the plants", TaskPriority::Low);

    const QString list = say("show my tasks");
    QCOMPARE(listedTitles(list),
             (QStringList{u"Call the dentist"_s, u"Buy milk"_s, u"Write the report"_s, u"Water the plants"_s}));
    QVERIFY2(list.contains(u"1. “Call the dentist” — was due on 24 Nov, urgent priority"_s), qPrintable(list));
    QVERIFY2(list.contains(u"2. “Buy milk” — due today"_s), qPrintable(list));
    QVERIFY2(list.contains(u"3. “Write the report” — due tomorrow, high priority"_s), qPrintable(list));

    QCOMPARE(say("complete 2"), u"Marked “Buy milk” as done."_s);
    // The numbers stay those of the list shown, although "Buy milk" is now done.
    QCOMPARE(say("delete the third one"), u"Deleted “Write the report”. Say “undo” to bring it back."_s);
    QCOMPARE(say("make #4 high priority"), u"“Water the plants” is now high priority."_s);
    QVERIFY(say("complete 7").contains(u"not sure which task"_s));
    QCOMPARE(task("Buy milk")->status, TaskStatus::Completed);
    QVERIFY(!task("Write the report"));
    QCOMPARE(task("Call the dentist")->status, TaskStatus::Pending);
}

void TestAssistantDialogues::bulkDelete_yes_deletesEveryListedTask()
{
    seedTask("Renew passport", TaskPriority::None, {}, {}, TaskStatus::Completed);
    seedTask("Pay the bill", TaskPriority::None, {}, {}, TaskStatus::Completed);
    seedTask("Buy milk");

    const QString question = say("delete all completed tasks");
    QVERIFY2(question.startsWith(u"This would delete 2 completed tasks:"_s), qPrintable(question));
    QCOMPARE(sorted(listedTitles(question)), (QStringList{u"Pay the bill"_s, u"Renew passport"_s}));
    QCOMPARE(f->tasks().size(), 3); // asking deletes nothing
    QCOMPARE(pendingQuestion(*f), u"confirm"_s);

    QCOMPARE(say("yes"), u"Deleted 2 tasks. Say “undo” to bring them back."_s);
    QCOMPARE(titlesOf(f->tasks()), QStringList{u"Buy milk"_s});
    QCOMPARE(f->lastTurn.actions.size(), 2);
    QCOMPARE(pendingQuestion(*f), QString());
}

void TestAssistantDialogues::bulkDelete_no_keepsEveryTask()
{
    seedTask("Renew passport", TaskPriority::None, {}, {}, TaskStatus::Completed);
    seedTask("Pay the bill", TaskPriority::None, {}, {}, TaskStatus::Completed);
    const QList<Task> before = f->tasks();

    QVERIFY(say("delete everything").startsWith(u"This would delete 2 tasks:"_s));
    QCOMPARE(say("no"), u"OK, I left them as they are."_s);
    QCOMPARE(f->tasks(), before);
    QCOMPARE(pendingQuestion(*f), QString());
    QVERIFY(!say("yes").startsWith(u"Deleted"_s)); // a late yes confirms nothing
    QCOMPARE(f->tasks(), before);
}

void TestAssistantDialogues::bulkDelete_unrelatedMessage_questionLapses()
{
    seedTask("Renew passport", TaskPriority::None, {}, {}, TaskStatus::Completed);
    seedTask("Buy milk");

    QVERIFY(say("delete all completed tasks").startsWith(u"This would delete 1 completed task:"_s));
    const QString listed = say("show my tasks");
    QVERIFY2(listed.contains(u"“Buy milk”"_s), qPrintable(listed));
    QCOMPARE(pendingQuestion(*f), QString());
    QVERIFY(!say("yes").startsWith(u"Deleted"_s));
    QCOMPARE(f->tasks().size(), 2);
}

void TestAssistantDialogues::bulkDelete_tooMany_refusesWithoutAsking()
{
    QList<TaskDraft> drafts;
    for (int n = 0; n < 201; ++n) {
        TaskDraft draft;
        draft.title = u"Chore %1"_s.arg(n);
        drafts.append(draft);
    }
    TANDEM_VERIFY_OK(f->taskService->createMany(f->owner, drafts));

    const QString reply = say("delete everything");
    QVERIFY2(reply.startsWith(u"That would delete 201 tasks, more than I delete at once (200)."_s), qPrintable(reply));
    QCOMPARE(pendingQuestion(*f), QString());
    QVERIFY(!say("yes").startsWith(u"Deleted"_s));
    QCOMPARE(f->tasks().size(), 201);
}

void TestAssistantDialogues::bulkEdit_yes_completesTheNamedTasks()
{
    seedTask("Write the report");
    seedTask("Water the plants");
    seedTask("Buy milk");

    const QString question = say("complete the report and the plants");
    QVERIFY2(question.startsWith(u"This would change 2 tasks:"_s), qPrintable(question));
    QCOMPARE(f->tasks(false).size(), 3);
    QCOMPARE(say("yes"), u"Marked “Write the report” as done.\nMarked “Water the plants” as done."_s);
    QCOMPARE(titlesOf(f->tasks(false)), QStringList{u"Buy milk"_s});
    QCOMPARE(say("undo"),
             u"Undone: “Write the report” is back to how it was; “Water the plants” is back to how it was."_s);
    QCOMPARE(f->tasks(false).size(), 3);
}

void TestAssistantDialogues::undo_partlyImpossible_keepsWhatItCouldNotUndo()
{
    // One message, two changes; then one of the tasks is deleted elsewhere, so
    // undoing its creation cannot delete it again.
    QVERIFY(say("add apples, pears").startsWith(u"Added 2 tasks"_s));
    const auto apples = task("apples");
    QVERIFY(apples);
    TANDEM_VERIFY_OK(f->taskService->remove(f->owner, apples->id));

    // The undo goes last step first: "pears" goes, "apples" cannot.
    QVERIFY(say("undo").startsWith(u"I couldn't undo that"_s));
    QVERIFY(!task("pears"));
    auto state = f->store->assistantState(f->owner, f->session);
    TANDEM_VERIFY_OK(state);
    const QJsonObject json = QJsonDocument::fromJson(state->toUtf8()).object();
    // What went through can be redone; what did not is still there to undo.
    QCOMPARE(json.value(u"undo"_s).toArray().size(), 1);
    QCOMPARE(json.value(u"undo"_s).toArray().at(0).toArray().size(), 1);
    QCOMPARE(json.value(u"redo"_s).toArray().size(), 1);
    QCOMPARE(say("redo"), u"Redone: added “pears” back."_s);
    QVERIFY(task("pears"));
}

void TestAssistantDialogues::undoRedo_severalActions_revertAndReapplyAsNewChanges()
{
    const Task milk = seedTask("Buy milk", TaskPriority::None, QDate(2026, 11, 26));
    const Task plants = seedTask("Water the plants");

    QCOMPARE(say("add call the plumber"), u"Added “call the plumber”."_s);
    QCOMPARE(say("complete buy milk"), u"Marked “Buy milk” as done."_s);
    QCOMPARE(say("delete water the plants"), u"Deleted “Water the plants”. Say “undo” to bring it back."_s);
    QVERIFY(!task("Water the plants"));

    auto head = f->store->head(f->owner);
    TANDEM_VERIFY_OK(head);
    const qint64 beforeUndo = head.value();

    // The delete first: the same task (same id) is back, as a new change in the log.
    QCOMPARE(say("undo"), u"Undone: brought back “Water the plants”."_s);
    const auto back = task("Water the plants");
    QVERIFY(back);
    QCOMPARE(back->id, plants.id);
    auto changes = f->store->changesSince(f->owner, beforeUndo, 100);
    TANDEM_VERIFY_OK(changes);
    bool recreated = false;
    for (const Change &change : std::as_const(changes->changes)) {
        if (change.kind == ChangeKind::TaskCreated && change.entityId() == plants.id)
            recreated = true;
    }
    QVERIFY(recreated);

    QCOMPARE(say("undo"), u"Undone: “Buy milk” is back to how it was."_s);
    QCOMPARE(task("Buy milk")->status, TaskStatus::Pending);
    QCOMPARE(task("Buy milk")->id, milk.id);
    QCOMPARE(say("undo"), u"Undone: removed “call the plumber”."_s);
    QVERIFY(!f->taskTitled(u"call the plumber"_s));
    QCOMPARE(say("undo"), u"There is nothing of mine to undo."_s);

    // Redo goes forward again in order; every step is a new change, never a rewrite.
    head = f->store->head(f->owner);
    TANDEM_VERIFY_OK(head);
    const qint64 beforeRedo = head.value();
    QCOMPARE(say("redo"), u"Redone: added “call the plumber” back."_s);
    QVERIFY(f->taskTitled(u"call the plumber"_s));
    QCOMPARE(say("redo"), u"Redone: changed “Buy milk” again."_s);
    QCOMPARE(task("Buy milk")->status, TaskStatus::Completed);
    QCOMPARE(say("redo"), u"Redone: deleted “Water the plants” again."_s);
    QVERIFY(!task("Water the plants"));
    QCOMPARE(say("redo"), u"There is nothing to redo."_s);
    head = f->store->head(f->owner);
    TANDEM_VERIFY_OK(head);
    QVERIFY(head.value() > beforeRedo + 3); // three task changes plus the chat messages

    // A new action clears what could be redone.
    QCOMPARE(say("undo"), u"Undone: brought back “Water the plants”."_s);
    QCOMPARE(say("make water the plants urgent"), u"“Water the plants” is now urgent priority."_s);
    QCOMPARE(say("redo"), u"There is nothing to redo."_s);
}

void TestAssistantDialogues::restart_betweenTurns_keepsQuestionListPronounAndUndo()
{
    seedReviews();

    // A question asked before the restart is answered after it.
    const QString question = say("complete review pull request");
    const QStringList candidates = listedTitles(question);
    QCOMPARE(candidates.size(), 2);
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(say("1"), u"Marked “%1” as done."_s.arg(candidates.at(0)));

    // A list shown before the restart is numbered the same after it.
    const QStringList listed = listedTitles(say("show my tasks"));
    QCOMPARE(listed.size(), 2);
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(say("complete 2"), u"Marked “%1” as done."_s.arg(listed.at(1)));

    // "it" survives.
    QCOMPARE(say("add call the plumber"), u"Added “call the plumber”."_s);
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(say("make it urgent"), u"“call the plumber” is now urgent priority."_s);

    // And so does the undo history.
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(say("undo"), u"Undone: “call the plumber” is back to how it was."_s);
    QCOMPARE(f->taskTitled(u"call the plumber"_s)->priority, TaskPriority::None);
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(say("undo"), u"Undone: removed “call the plumber”."_s);
    QVERIFY(!f->taskTitled(u"call the plumber"_s));
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(say("redo"), u"Redone: added “call the plumber” back."_s);
}

void TestAssistantDialogues::restart_beforeBulkConfirmation_yesStillDeletes()
{
    seedTask("Renew passport", TaskPriority::None, {}, {}, TaskStatus::Completed);
    seedTask("Buy milk");
    QVERIFY(say("delete all completed tasks").startsWith(u"This would delete 1 completed task:"_s));
    QVERIFY2(f->restart(), qPrintable(f->lastError.toString()));
    QCOMPARE(pendingQuestion(*f), u"confirm"_s);
    QCOMPARE(say("yes"), u"Deleted “Renew passport”. Say “undo” to bring it back."_s);
    QCOMPARE(titlesOf(f->tasks()), QStringList{u"Buy milk"_s});
}

void TestAssistantDialogues::otherUsers_tasks_neverVisibleOrTouched()
{
    auto bob = f->accounts->createUser(u"bob"_s);
    TANDEM_VERIFY_OK(bob);
    QList<TaskDraft> drafts;
    for (const char16_t *title : {u"Bob's secret project", u"Buy milk", u"Write the annual report"}) {
        TaskDraft draft;
        draft.title = QString::fromUtf16(title);
        draft.due = Due::onDate(QDate(2026, 11, 26));
        draft.tags = {u"work"_s};
        drafts.append(draft);
    }
    TANDEM_VERIFY_OK(f->taskService->createMany(bob->id, drafts));
    seedTask("Buy milk", TaskPriority::None, QDate(2026, 11, 26));
    const auto bobsBefore = f->taskService->query(bob->id, TaskQuery{});
    TANDEM_VERIFY_OK(bobsBefore);

    for (const char *query : {"show all tasks", "what's due today", "show tasks tagged work", "find secret",
                              "find report", "show completed tasks"}) {
        const QString reply = say(query);
        QVERIFY2(!reply.contains(u"secret project"_s) && !reply.contains(u"“Write the annual report”"_s),
                 qPrintable(reply));
    }
    QCOMPARE(say("how many tasks do I have in total"), u"You have 1 task."_s);
    QVERIFY(say("delete bob's secret project").contains(u"couldn't find"_s));
    QVERIFY(say("complete the annual report").contains(u"couldn't find"_s));
    QVERIFY(say("delete all tasks tagged work").contains(u"nothing to delete"_s));
    // Her "Buy milk" is the only one she can mean: no question, no touching his.
    QCOMPARE(say("complete buy milk"), u"Marked “Buy milk” as done."_s);
    QCOMPARE(say("delete everything"),
             u"This would delete 1 task:\n1. “Buy milk” — due today, done\nShall I go "
             "ahead? (yes / no)"_s);
    QCOMPARE(say("yes"), u"Deleted “Buy milk”. Say “undo” to bring it back."_s);

    const auto bobsAfter = f->taskService->query(bob->id, TaskQuery{});
    TANDEM_VERIFY_OK(bobsAfter);
    QCOMPARE(bobsAfter->tasks, bobsBefore->tasks);
    QVERIFY(f->tasks().isEmpty());
}

void TestAssistantDialogues::send_emptyMessage_isRejectedAndStoresNothing()
{
    seedTask("Buy milk");
    const QList<Task> before = f->tasks();
    for (const QString &empty : {QString(), u"   "_s, u"\n\t "_s}) {
        auto turn = f->send(empty);
        QVERIFY(!turn.ok());
        QCOMPARE(turn.error().code, ErrorCode::Validation);
        QCOMPARE(turn.error().field, u"content"_s);
    }
    QCOMPARE(f->tasks(), before);
    auto messages = f->chatService->messages(f->owner, f->session);
    TANDEM_VERIFY_OK(messages);
    QVERIFY(messages->isEmpty());
}

void TestAssistantDialogues::send_messageLength_limitIs4000CodePoints()
{
    // 4,000 characters: accepted (and, being no request, not understood).
    const QString longest = QString(u"x "_s).repeated(2000).chopped(1) + u'y';
    QCOMPARE(longest.size(), 4000);
    auto accepted = f->send(longest);
    TANDEM_VERIFY_OK(accepted);
    QVERIFY(accepted->assistantMessage.content.contains(u"didn't understand"_s));

    // Characters, not UTF-16 units: 4,000 emoji are 8,000 units and still fine.
    QString emoji;
    for (int n = 0; n < 4000; ++n)
        emoji += QString::fromUcs4(U"\U0001F389", 1);
    TANDEM_VERIFY_OK(f->send(emoji));

    auto refused = f->send(longest + u'z');
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Validation);
    QCOMPARE(refused.error().field, u"content"_s);
    QVERIFY2(refused.error().message.contains(u"4001"_s) && refused.error().message.contains(u"4000"_s),
             qPrintable(refused.error().message));
    QVERIFY(f->tasks().isEmpty());
}

void TestAssistantDialogues::send_titleTooLong_replySaysSoAndNothingIsCreated()
{
    seedTask("Buy milk");
    const QString title = QString(u"word "_s).repeated(110).trimmed(); // 549 characters
    const QString added = f->say(u"add "_s + title);
    QCOMPARE(added, u"I couldn't add that: the title is 549 characters long; the limit is 500."_s);
    QCOMPARE(f->tasks().size(), 1);
    QVERIFY(f->lastTurn.actions.isEmpty());

    const QString renamed = f->say(u"rename buy milk to "_s + title);
    QVERIFY2(renamed.startsWith(u"I couldn't change “Buy milk”"_s), qPrintable(renamed));
    QVERIFY(f->lastTurn.actions.isEmpty());
    QCOMPARE(task("Buy milk")->revision, 1);

    // Of several, none is added when one cannot be.
    const QString several = f->say(u"add call mom, "_s + title + u", water the plants"_s);
    QVERIFY2(several.startsWith(u"I couldn't add that"_s), qPrintable(several));
    QCOMPARE(f->tasks().size(), 1);
    // Nothing to undo either.
    QCOMPARE(say("undo"), u"There is nothing of mine to undo."_s);
}

void TestAssistantDialogues::send_longFirstMessageOfEmoji_titleCutBetweenCharacters()
{
    // 70 characters outside the BMP, each two UTF-16 units: the title keeps 59 and an ellipsis.
    QString message;
    for (int i = 0; i < 70; ++i)
        message += QString::fromUcs4(U"\U0001F600");
    TANDEM_VERIFY_OK(f->send(message));
    auto session = f->chatService->session(f->owner, f->session);
    TANDEM_VERIFY_OK(session);
    QCOMPARE(session->title, message.left(59 * 2) + u"…"_s);
}

void TestAssistantDialogues::send_firstMessage_titlesTheConversation()
{
    say("add buy milk tomorrow");
    auto session = f->chatService->session(f->owner, f->session);
    TANDEM_VERIFY_OK(session);
    QCOMPARE(session->title, u"add buy milk tomorrow"_s);
    say("add call mom");
    session = f->chatService->session(f->owner, f->session);
    TANDEM_VERIFY_OK(session);
    QCOMPARE(session->title, u"add buy milk tomorrow"_s); // only the first message names it
}

void TestAssistantDialogues::send_sameOpIdTwice_repeatsTheReplyAndChangesNothing()
{
    const QUuid opId = QUuid::createUuid();
    auto first
        = f->assistant->sendNow(f->owner, f->session, u"add buy milk tomorrow"_s, AssistantFixture::zone(), opId);
    TANDEM_VERIFY_OK(first);
    QVERIFY(!first->replayed);
    QCOMPARE(f->tasks().size(), 1);
    auto head = f->store->head(f->owner);
    TANDEM_VERIFY_OK(head);

    QVERIFY2(f->restart(), qPrintable(f->lastError.toString())); // a retry may come after a restart, too
    auto again
        = f->assistant->sendNow(f->owner, f->session, u"add buy milk tomorrow"_s, AssistantFixture::zone(), opId);
    TANDEM_VERIFY_OK(again);
    QVERIFY(again->replayed);
    QCOMPARE(again->assistantMessage.id, first->assistantMessage.id);
    QCOMPARE(again->assistantMessage.content, first->assistantMessage.content);
    QCOMPARE(again->actions, first->actions);
    QCOMPARE(f->tasks().size(), 1);
    auto headAfter = f->store->head(f->owner);
    TANDEM_VERIFY_OK(headAfter);
    QCOMPARE(headAfter.value(), head.value());
    auto messages = f->chatService->messages(f->owner, f->session);
    TANDEM_VERIFY_OK(messages);
    QCOMPARE(messages->size(), 2);
}

QTEST_GUILESS_MAIN(TestAssistantDialogues)

#include "tst_assistant_dialogues.moc"
