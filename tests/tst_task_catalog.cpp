// The assistant's in-memory catalog (core/assistant/catalog.h) against the
// store it mirrors: after random creates, edits, tag changes and deletes —
// enough to move tasks between slots and to rewrite the text buffer — every
// random query selects exactly the tasks the store's SQL returns, the first
// N come in the store's due order, and the tags and lookups agree.
#include "assistant/catalog.h"
#include "assistantfixture.h"
#include "domain/textfold.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace tandem;
using namespace tandem::assistant;
using namespace tandem::test;
using namespace Qt::StringLiterals;

namespace {

template<typename T> const T &pick(QRandomGenerator &rng, const QList<T> &list)
{
    return list.at(rng.bounded(int(list.size())));
}

QStringList idsOf(const QList<Task> &tasks)
{
    QStringList ids;
    for (const Task &task : tasks)
        ids.append(task.id.toString());
    return ids;
}

QStringList idsOf(const QList<const TaskCatalog::Entry *> &entries)
{
    QStringList ids;
    for (const TaskCatalog::Entry *entry : entries)
        ids.append(entry->task.id.toString());
    return ids;
}

} // namespace

class TestTaskCatalog final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QString error;
        m_f = AssistantFixture::create(&error);
        QVERIFY2(m_f, qPrintable(error));
    }
    void cleanup() { m_f.reset(); }

    void select_randomQueries_equalTheStoresAnswer()
    {
        QRandomGenerator rng(20261207);
        const QStringList titles{u"Apple pie"_s,        u"apple"_s,     u"Straße fegen"_s, u"STRASSE"_s,
                                 u"Café Lumière"_s,     u"cafe run"_s,  u"Über alles"_s,   u"Call mom"_s,
                                 u"Write the report"_s, u"東京 trip"_s, u"🎂 cake"_s,       u"zz"_s};
        const QStringList descriptions{QString(), QString(), u"milk and honey"_s, u"über"_s, u"line\nbreak"_s};
        const QStringList tags{u"Work"_s, u"home"_s, u"ÜBER"_s, u"Straße"_s, u"q3"_s, u"errands"_s};
        const QStringList texts{u"apple"_s, u"strasse"_s, u"CAFE"_s, u"über"_s, u"milk"_s,   u"e"_s,
                                u"mom"_s,   u"東京"_s,    u"🎂"_s,    u"zz"_s,   u"nothing"_s};
        // Long notes, so that edits leave enough dead text for the buffer to be rewritten.
        const QString longNote = QString(u"notes "_s).repeated(200);
        const QDate today = AssistantFixture::fixedNow().date();

        const auto randomDue = [&]() -> Due {
            switch (rng.bounded(3)) {
            case 0:
                return Due();
            case 1:
                return Due::onDate(today.addDays(rng.bounded(-5, 10)));
            default:
                return Due::at(QDateTime(today.addDays(rng.bounded(-5, 10)), QTime(rng.bounded(24), 30),
                                         AssistantFixture::zone()));
            }
        };
        const auto randomTags = [&] {
            QStringList chosen;
            for (const QString &tag : tags) {
                if (rng.bounded(4) == 0)
                    chosen.append(rng.bounded(2) ? tag.toUpper() : tag);
            }
            return chosen;
        };
        const auto randomDraft = [&] {
            TaskDraft draft;
            draft.title = pick(rng, titles);
            draft.description = pick(rng, descriptions);
            draft.priority = TaskPriority(rng.bounded(5));
            draft.status = TaskStatus(rng.bounded(3));
            draft.due = randomDue();
            draft.tags = randomTags();
            return draft;
        };

        TaskCatalog catalog(*m_f->store, m_f->owner);
        TANDEM_VERIFY_OK(catalog.refresh());
        QList<QUuid> live;
        int checkedQueries = 0;
        int nonEmpty = 0;
        for (int round = 0; round < 6; ++round) {
            // Changes: creates, then edits (long notes included) and deletes;
            // half the rounds the catalog takes them in one at a time, as the
            // engine does, the other half it catches up from the log.
            const bool applyEach = round % 2 == 0;
            QList<TaskDraft> batch;
            for (int i = 0; i < 60; ++i)
                batch.append(randomDraft());
            auto created = m_f->taskService->createMany(m_f->owner, batch);
            TANDEM_VERIFY_OK(created);
            for (const Change &change : std::as_const(created.value())) {
                live.append(change.entityId());
                if (applyEach)
                    catalog.apply(*change.task());
            }
            for (int i = 0; i < 80 && !live.isEmpty(); ++i) {
                const qsizetype at = rng.bounded(int(live.size()));
                const QUuid id = live.at(at);
                Result<Change> change = Error::storage(u"unreachable"_s);
                switch (rng.bounded(5)) {
                case 0:
                    change = m_f->taskService->remove(m_f->owner, id);
                    live.removeAt(at);
                    break;
                case 1:
                    change = m_f->taskService->setStatus(m_f->owner, id, TaskStatus(rng.bounded(3)));
                    break;
                case 2: {
                    TaskPatch patch;
                    patch.title = pick(rng, titles);
                    patch.tags = randomTags();
                    change = m_f->taskService->update(m_f->owner, id, patch);
                    break;
                }
                case 3: {
                    TaskPatch patch;
                    patch.due = randomDue();
                    patch.priority = TaskPriority(rng.bounded(5));
                    change = m_f->taskService->update(m_f->owner, id, patch);
                    break;
                }
                default: {
                    TaskPatch patch;
                    patch.description = rng.bounded(2) ? longNote + QString::number(i) : pick(rng, descriptions);
                    change = m_f->taskService->update(m_f->owner, id, patch);
                    break;
                }
                }
                TANDEM_VERIFY_OK(change);
                if (applyEach)
                    catalog.apply(*change->task());
            }
            TANDEM_VERIFY_OK(catalog.refresh());

            // Lookups and tags.
            auto everything = m_f->store->tasks(m_f->owner, TaskQuery());
            TANDEM_VERIFY_OK(everything);
            QCOMPARE(catalog.size(), int(everything->tasks.size()));
            QSet<QString> tagKeys;
            for (const Task &task : std::as_const(everything->tasks)) {
                const TaskCatalog::Entry *entry = catalog.find(task.id);
                QVERIFY(entry);
                QCOMPARE(entry->task, task);
                for (const QString &tag : task.tags)
                    tagKeys.insert(tagKey(tag));
            }
            QCOMPARE(catalog.tagKeys(), tagKeys);

            // Queries: the same tasks as SQL; the first N in the store's due order.
            for (int i = 0; i < 80; ++i) {
                TaskQuery query;
                query.timeZone = AssistantFixture::zone();
                query.now = AssistantFixture::fixedNow();
                if (rng.bounded(3) == 0)
                    query.statuses = {TaskStatus(rng.bounded(3))};
                if (rng.bounded(3) == 0)
                    query.priorities = {TaskPriority(rng.bounded(5)), TaskPriority(rng.bounded(5))};
                if (rng.bounded(3) == 0)
                    query.tag = rng.bounded(5) ? pick(rng, tags).toLower() : u"never-used"_s;
                if (rng.bounded(3) == 0)
                    query.text = pick(rng, texts);
                query.dueFilter = DueFilter(rng.bounded(2) ? 0 : rng.bounded(4));
                if (rng.bounded(4) == 0) {
                    query.dueAfter = QDateTime(today.addDays(rng.bounded(-3, 3)), QTime(0, 0), query.timeZone);
                    query.dueBefore = query.dueAfter.addDays(rng.bounded(1, 6));
                }
                auto sql = m_f->store->tasks(m_f->owner, query);
                TANDEM_VERIFY_OK(sql);
                const TaskMatcher matcher(query);
                const TaskCatalog::Selection all = catalog.select(matcher);
                QStringList selected = idsOf(all.tasks);
                QStringList expected = idsOf(sql->tasks);
                std::sort(selected.begin(), selected.end());
                std::sort(expected.begin(), expected.end());
                QCOMPARE(selected, expected);
                QCOMPARE(all.total, sql->tasks.size());

                const qsizetype limit = rng.bounded(0, 12);
                const TaskCatalog::Selection first = catalog.select(matcher, {}, limit);
                QCOMPARE(first.total, sql->tasks.size());
                QCOMPARE(idsOf(first.tasks), idsOf(sql->tasks.mid(0, limit)));
                ++checkedQueries;
                if (!sql->tasks.isEmpty())
                    ++nonEmpty;
            }
        }
        QCOMPARE(checkedQueries, 480);
        QVERIFY2(nonEmpty > 200, qPrintable(u"only %1 queries found something"_s.arg(nonEmpty)));
    }

    // A task that is not in the text search but close to the words said
    // ("textAlso") passes the text condition, and only that one.
    void select_textAlso_passesTheTextCondition()
    {
        const Task report = m_f->addTask(u"Write the quarterly report"_s);
        m_f->addTask(u"Water the plants"_s);
        TaskCatalog catalog(*m_f->store, m_f->owner);
        TANDEM_VERIFY_OK(catalog.refresh());
        TaskQuery query;
        query.text = u"quartely"_s;
        QCOMPARE(catalog.select(TaskMatcher(query)).total, 0);
        const auto found = catalog.select(TaskMatcher(query), {report.id});
        QCOMPARE(idsOf(found.tasks), QStringList{report.id.toString()});
    }

    // The engine holds entries across its own changes (look a task up, change
    // it, read it again): a change keeps the entry where it is, showing the
    // new task; only a delete frees it.
    void apply_changedTask_entryStaysWhereItIs()
    {
        const Task report = m_f->addTask(u"Write the report"_s);
        const Task other = m_f->addTask(u"Water the plants"_s);
        TaskCatalog catalog(*m_f->store, m_f->owner);
        TANDEM_VERIFY_OK(catalog.refresh());
        const TaskCatalog::Entry *entry = catalog.find(report.id);
        QVERIFY(entry);
        Task changed = report;
        changed.title = u"Write the annual report"_s;
        changed.tags = {u"work"_s};
        changed.revision = report.revision + 1;
        catalog.apply(changed);
        QCOMPARE(catalog.find(report.id), entry);
        QCOMPARE(entry->task.title, u"Write the annual report"_s);
        QCOMPARE(entry->tagKeys, QStringList{u"work"_s});
        TaskQuery query;
        query.text = u"annual"_s;
        QCOMPARE(idsOf(catalog.select(TaskMatcher(query)).tasks), QStringList{report.id.toString()});
        query.text = u"plants"_s;
        QCOMPARE(idsOf(catalog.select(TaskMatcher(query)).tasks), QStringList{other.id.toString()});
    }

private:
    std::unique_ptr<AssistantFixture> m_f;
};

QTEST_GUILESS_MAIN(TestTaskCatalog)
#include "tst_task_catalog.moc"
