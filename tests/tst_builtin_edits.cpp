// The built-in engine's edits (core/assistant/builtin/edits.h): what each
// operation changes on a task, and that saying something already true changes nothing.
#include "assistant/builtin/edits.h"

#include <QJsonArray>
#include <QTest>

using namespace tandem;
using namespace tandem::assistant;
using namespace Qt::StringLiterals;

namespace {
const QTimeZone berlin("Europe/Berlin");
const Now now{QDateTime(QDate(2026, 11, 26), QTime(10, 0), berlin), berlin};

Task sample()
{
    Task task;
    task.title = u"Write the report"_s;
    task.priority = TaskPriority::High;
    task.due = Due::onDate(QDate(2026, 11, 27));
    task.tags = {u"Work"_s};
    return task;
}
} // namespace

class TestBuiltinEdits final : public QObject
{
    Q_OBJECT

private slots:
    void editFor_status_changesOrSaysSo()
    {
        Task task = sample();
        auto edit = editFor(Op::Complete, {}, task, now);
        QVERIFY(edit && edit->unchanged.isEmpty());
        QCOMPARE(edit->patch.status, std::optional<TaskStatus>(TaskStatus::Completed));
        task.status = TaskStatus::Completed;
        edit = editFor(Op::Complete, {}, task, now);
        QVERIFY(edit && !edit->unchanged.isEmpty());
        QVERIFY(edit->patch.isEmpty());
        edit = editFor(Op::Reopen, {}, task, now);
        QCOMPARE(edit->patch.status, std::optional<TaskStatus>(TaskStatus::Pending));
    }

    void editFor_priorityChange_stepsFromCurrent()
    {
        const Task task = sample();
        auto edit = editFor(Op::Priority, {{u"change"_s, u"raise"_s}}, task, now);
        QCOMPARE(edit->patch.priority, std::optional<TaskPriority>(TaskPriority::Urgent));
        edit = editFor(Op::Priority, {{u"change"_s, u"lower"_s}}, task, now);
        QCOMPARE(edit->patch.priority, std::optional<TaskPriority>(TaskPriority::Medium));
        edit = editFor(Op::Priority, {{u"priority"_s, u"high"_s}}, task, now);
        QVERIFY(!edit->unchanged.isEmpty());
        QVERIFY(!editFor(Op::Priority, {{u"priority"_s, u"enormous"_s}}, task, now));
    }

    void editFor_tags_matchByKey()
    {
        const Task task = sample();
        auto edit = editFor(Op::AddTags, {{u"tags"_s, QJsonArray{u"work"_s, u"Home"_s}}}, task, now);
        QCOMPARE(edit->patch.tags, std::optional<QStringList>({u"Work"_s, u"Home"_s}));
        edit = editFor(Op::RemoveTags, {{u"tags"_s, QJsonArray{u"WORK"_s}}}, task, now);
        QCOMPARE(edit->patch.tags, std::optional<QStringList>(QStringList()));
        edit = editFor(Op::RemoveTags, {{u"tags"_s, QJsonArray{u"garden"_s}}}, task, now);
        QVERIFY(!edit->unchanged.isEmpty());
    }

    void editFor_due_setShiftClear()
    {
        const Task task = sample();
        auto edit = editFor(Op::Due, {{u"due"_s, u"2026-12-01"_s}}, task, now);
        QCOMPARE(edit->patch.due, std::optional<Due>(Due::onDate(QDate(2026, 12, 1))));
        edit = editFor(Op::Due, {{u"shiftDays"_s, 7}, {u"shiftMonths"_s, 0}}, task, now);
        QCOMPARE(edit->patch.due, std::optional<Due>(Due::onDate(QDate(2026, 12, 4))));
        edit = editFor(Op::ClearDue, {}, task, now);
        QCOMPARE(edit->patch.due, std::optional<Due>(Due()));
    }

    void shiftedDue_timedDue_keepsLocalTime()
    {
        // Across the end of summer time the wall-clock time stays, not the offset.
        const Due due = Due::at(QDateTime(QDate(2026, 10, 24), QTime(9, 0), berlin));
        const Due moved = shiftedDue(due, 7, 0, now);
        QCOMPARE(moved.dateTime().toTimeZone(berlin).time(), QTime(9, 0));
        QCOMPARE(moved.dateTime().toTimeZone(berlin).date(), QDate(2026, 10, 31));
        // Undated: from today.
        QCOMPARE(shiftedDue(Due(), 2, 0, now), Due::onDate(QDate(2026, 11, 28)));
    }

    void editFor_renameAndDescribe()
    {
        const Task task = sample();
        auto edit = editFor(Op::Rename, {{u"title"_s, u"  Write the Q4 report "_s}}, task, now);
        QCOMPARE(edit->patch.title, std::optional<QString>(u"Write the Q4 report"_s));
        edit = editFor(Op::Rename, {{u"title"_s, task.title}}, task, now);
        QVERIFY(!edit->unchanged.isEmpty());
        edit = editFor(Op::Describe, {{u"text"_s, u"Numbers from Dana"_s}}, task, now);
        QCOMPARE(edit->patch.description, std::optional<QString>(u"Numbers from Dana"_s));
        QVERIFY(!editFor(Op::Delete, {}, task, now));
    }
};

QTEST_GUILESS_MAIN(TestBuiltinEdits)

#include "tst_builtin_edits.moc"
