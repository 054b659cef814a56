#pragma once

#include "domain/chat.h"
#include "domain/task.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <QUuid>

#include <optional>
#include <random>

namespace tandem::bench {

// A seeded random source, so every run sends the same kinds of messages in
// the same order (the tasks they name depend on what earlier messages did).
class Dice
{
public:
    explicit Dice(quint32 seed)
        : m_engine(seed)
    { }
    int below(int n); // 0 .. n-1
    bool chance(double p);
    const QString &pick(const QStringList &list) { return list.at(below(int(list.size()))); }

private:
    std::mt19937 m_engine;
};

// `count` tasks as a person's store would hold them after a few years: titles
// from word lists (so many share words and some share whole titles, "Buy
// milk" a dozen times), 0 to 3 tags, 70% with a due date spread over `today`
// ± 60 days (a quarter of them with a time), every priority, 20% completed,
// some in progress and some with a description. Ids are fixed, so two stores
// seeded from the same list hold the same tasks.
QList<TaskDraft> makeTasks(int count, QDate today, const QTimeZone &zone, Dice &dice);

// What the benchmark believes the store holds, so its messages can name
// tasks by their current titles. Updated from each turn's actions.
class Mirror
{
public:
    struct Known
    {
        QUuid id;
        QString title;
        TaskStatus status = TaskStatus::Pending;
        QStringList tags;
    };

    void put(const Task &task); // a deleted task is removed
    void put(const TaskDraft &draft);
    // Forgets a task for good: the single-edit peer rewrites these behind the
    // conversation's back, so no message may name them by a title.
    void exclude(const QUuid &id)
    {
        m_excluded.insert(id, true);
        remove(id);
    }
    // A random open task whose title no other task has (ignoring case), or
    // one whose title other open tasks share.
    const Known *randomOpen(Dice &dice, bool uniqueTitle) const;
    const Known *find(const QUuid &id) const;

private:
    void remove(const QUuid &id);
    QHash<QUuid, Known> m_tasks;
    QList<QUuid> m_ids;
    QHash<QUuid, qsizetype> m_index; // position in m_ids
    QHash<QString, int> m_titles; // case-folded title -> tasks with it
    QHash<QString, int> m_openTitles; // the same, counting open tasks only
    QHash<QUuid, bool> m_excluded;
};

// What a message is for, as the script meant it (the engine may read it otherwise).
enum class Intent {
    Query, // "what's due today", "tasks tagged work"
    Question, // "when is X due?", about one task named by title
    Create,
    Complete,
    Rename,
    Due,
    Priority,
    Tag,
    Ambiguous, // names a title several tasks share: "Which one?"
    Answer, // the answer to "Which one?": a number, or "none"
    Undo,
    Help, // help and small talk
    NotUnderstood,
};
inline constexpr int intentCount = int(Intent::NotUnderstood) + 1;
QString intentName(Intent intent);

// How a write names its task.
enum class Reference { None, Title, TitleTypo, Number, It };
QString referenceName(Reference reference);

struct ScriptMessage
{
    QString text;
    Intent intent = Intent::Query;
    Reference reference = Reference::None;
};

// The messages of one conversation, each chosen after seeing the reply to the
// one before: a number follows a list, "it" follows a change to one task, an
// answer follows "Which one?". `readOnly` keeps to messages that change no
// task (queries, questions, asks answered "none", help, nonsense), for
// timing the engine alone.
class Script
{
public:
    Script(Mirror &mirror, quint32 seed, bool readOnly);

    ScriptMessage next();
    // The reply to the last message and the tasks it touched (already put in the mirror).
    void observe(const QString &reply, const QList<TaskAction> &actions);

private:
    QString nameOf(const Mirror::Known &task, Reference *reference);
    std::optional<ScriptMessage> write(Intent intent);
    ScriptMessage query();

    Mirror &m_mirror;
    Dice m_dice;
    bool m_readOnly = false;
    ScriptMessage m_last;
    int m_listed = 0; // lines of the last numbered list in a reply
    int m_asked = 0; // choices of an open "Which one?"
    std::optional<QUuid> m_it; // the one task the last message was about
    int m_undoable = 0;
};

// Kinds of reply, for the outcome counts that show the workload did what it meant to.
enum class Outcome { Changed, Listed, Answered, Asked, NotFound, NotUnderstood };
inline constexpr int outcomeCount = int(Outcome::NotUnderstood) + 1;
Outcome outcomeOf(const QString &reply, bool changedTasks);
QString outcomeName(Outcome outcome);

// About fifty quick-add lines of every shape the parser knows (and some it must leave alone).
QStringList quickAddInputs();

} // namespace tandem::bench
