// The built-in assistant engine against a corpus of utterances: every intent
// in many phrasings (polite, terse, questions, odd case, typos, accents, word
// order) plus the traps (titles made of command words, near-duplicates, other
// users' tasks, empty and very long messages). Each row seeds a store, says
// one message (after an optional prelude) on the fixed clock — Thursday
// 2026-11-26 10:00 Europe/Berlin — and checks the exact effect on the store
// (a diff of every task, both users), the question left open, and what the
// reply mentions and must not mention. Every row also checks that the reply
// never claims a change that did not commit and never shows another user's task.
#include "assistantfixture.h"
#include "store/store.h"
#include "taskdiff.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QScopeGuard>
#include <QSet>
#include <QTest>

#include <vector>

using namespace tandem;
using namespace Qt::StringLiterals;
using namespace tandem::test;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList u8(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

// ------------------------------------------------------------------ seeds

struct SeedTask
{
    SeedTask(const char *name, TaskPriority level = TaskPriority::None, QDate date = {}, QStringList labels = {},
             TaskStatus state = TaskStatus::Pending)
        : title(name)
        , priority(level)
        , due(date)
        , tags(std::move(labels))
        , status(state)
    { }
    const char *title;
    TaskPriority priority;
    QDate due;
    QStringList tags;
    TaskStatus status;
};

QDate nov(int day)
{
    return QDate(2026, 11, day);
}

QDate dec(int day)
{
    return QDate(2026, 12, day);
}

const QList<SeedTask> &seedTasks(const QString &name)
{
    using P = TaskPriority;
    using S = TaskStatus;
    // Alice's everyday list: dues around the fixed Thursday, two completed, one in progress.
    static const QList<SeedTask> work = {
        {"Write the quarterly report", P::High, nov(27), {u"work"_s}},
        {"Email Dana about the budget", P::None, {}, {u"work"_s}},
        {"Book flights to Lisbon", P::None, dec(3), {u"travel"_s}},
        {"Buy milk", P::None, nov(26), {u"home"_s}},
        {"Call the dentist", P::Urgent, nov(24)},
        {"Renew passport", P::None, {}, {u"travel"_s}, S::Completed},
        {"Pay the electricity bill", P::None, nov(20), {}, S::Completed},
        {"Plan the team offsite", P::Medium, dec(10), {}, S::InProgress},
        {"Water the plants", P::Low},
        {"Reserve a table at Café Lumière", P::None, nov(28), {u"home"_s}},
    };
    // Titles that begin with, or contain, the assistant's own command words.
    static const QList<SeedTask> traps = {
        {"Delete old photos from the phone"},
        {"Finish the done list"},
        {"Prepare tomorrow's agenda"},
        {"Remove the wallpaper"},
        {"Mark the exam papers"},
        {"Show the flat to the buyers"},
        {"Cancel the gym membership"},
        {"Undo the knitting mistake"},
        {"Add a shelf in the garage"},
        {"Move to the new flat", P::None, dec(15)},
    };
    // Near-duplicates: prefixes of each other, numbers, one exact twin (done).
    static const QList<SeedTask> dupes = {
        {"Call mom", P::None, nov(27)},
        {"Call mom about Christmas", P::Urgent},
        {"Review pull request 12", P::None, nov(27)},
        {"Review pull request 15", P::Urgent},
        {"Send invoice to Acme", P::None, nov(30), {u"work"_s}},
        {"Send invoice to Globex", P::None, {}, {u"work"_s}},
        {"Buy milk"},
        {"Buy milk", P::None, {}, {}, S::Completed},
    };
    static const QList<SeedTask> empty;
    if (name == u"work")
        return work;
    if (name == u"traps")
        return traps;
    if (name == u"dupes")
        return dupes;
    return empty;
}

// Another user's tasks live in the same database in every row: the assistant
// must never show, match or touch them. Their titles echo Alice's on purpose.
const char *const bobTitles[] = {"Bob's secret project", "Buy milk", "Write the annual report"};
// How a reply would show one of them: the whole title in the engine's quotes.
const char *const bobShown[] = {"“Bob's secret project”", "“Write the annual report”"};

struct Seeded
{
    QUuid bob;
};

// Creates the named seed; each task a second apart, so lists have a fixed order.
Seeded seed(AssistantFixture &f, const QString &name, QString *error)
{
    Seeded seeded;
    auto bob = f.accounts->createUser(u"bob"_s);
    if (!bob) {
        *error = bob.error().toString();
        return seeded;
    }
    seeded.bob = bob->id;
    int second = 0;
    for (const char *title : bobTitles) {
        TaskDraft draft;
        draft.title = u8(title);
        draft.tags = {u"work"_s};
        f.now = AssistantFixture::fixedNow().addSecs(-3600 + second++);
        if (auto created = f.taskService->create(seeded.bob, draft); !created)
            *error = created.error().toString();
    }
    for (const SeedTask &task : seedTasks(name)) {
        f.now = AssistantFixture::fixedNow().addSecs(-3600 + second++);
        const Task added = f.addTask(u8(task.title), task.priority, task.due.isValid() ? Due::onDate(task.due) : Due(),
                                     task.tags, task.status);
        if (added.id.isNull())
            *error = u"could not seed "_s + u8(task.title);
    }
    f.now = AssistantFixture::fixedNow();
    return seeded;
}

// --------------------------------------------------------------- effects

TaskSnapshot snapshot(AssistantFixture &f, const QUuid &bob)
{
    return snapshotTasks(*f.taskService, {f.owner, bob});
}

// "which", "confirm" or "" (no question open).
QString pendingQuestion(AssistantFixture &f)
{
    auto state = f.store->assistantState(f.owner, f.session);
    if (!state)
        return u"<state unreadable>"_s;
    const QJsonObject json = QJsonDocument::fromJson(state->toUtf8()).object();
    return json.value(u"pending"_s).toObject().value(u"question"_s).toString();
}

// ----------------------------------------------------------------- corpus

struct Row
{
    QString intent;
    QString seed;
    QString message;
    QStringList effects; // the exact diff; empty: nothing changed
    QStringList mentions; // substrings of the reply; "error:<field>" for a refused message
    QStringList absent; // substrings the reply must not contain
    QString pending; // the question left open: "", "which" or "confirm"
    QStringList before; // messages said first; their effects are the baseline

    Row &without(std::initializer_list<const char *> texts)
    {
        absent += u8(texts);
        return *this;
    }
    Row &asks(const char *question)
    {
        pending = u8(question);
        return *this;
    }
    Row &after(std::initializer_list<const char *> messages)
    {
        before += u8(messages);
        return *this;
    }
};

class Corpus
{
public:
    Row &add(const char *intent, const char *seed, const QString &message, const QStringList &effects,
             const QStringList &mentions)
    {
        rows.push_back(Row{u8(intent), u8(seed), message, effects, mentions, {}, {}, {}});
        return rows.back();
    }
    Row &add(const char *intent, const char *seed, const QString &message, std::initializer_list<const char *> effects,
             std::initializer_list<const char *> mentions)
    {
        return add(intent, seed, message, u8(effects), u8(mentions));
    }
    Row &add(const char *intent, const char *seed, const char *message, std::initializer_list<const char *> effects,
             std::initializer_list<const char *> mentions)
    {
        return add(intent, seed, u8(message), u8(effects), u8(mentions));
    }
    Row &add(const char *intent, const char *seed, const char *message, std::initializer_list<const char *> effects,
             const QStringList &mentions)
    {
        return add(intent, seed, u8(message), u8(effects), mentions);
    }
    // Not understood: nothing changes, and the reply says so with examples.
    Row &unclear(const char *intent, const char *seed, const QString &message)
    {
        return add(intent, seed, message, {}, {u"didn't understand"_s, u"add call Alex"_s});
    }
    std::vector<Row> rows;
};

QString repeatWords(const QString &words, qsizetype length)
{
    QString text;
    while (text.size() < length)
        text += words + u' ';
    text.truncate(length);
    return text.trimmed();
}

const char *const notFound = "couldn't find";
const char *const noChangeAmbiguous = "Which one?";

void createRows(Corpus &c)
{
    const char *i = "create";
    c.add(i, "work", "add buy bread", {"+buy bread"}, {"Added “buy bread”"});
    c.add(i, "work", "Add Buy bread", {"+Buy bread"}, {"Added “Buy bread”"});
    c.add(i, "work", "please add call the plumber", {"+call the plumber"}, {"“call the plumber”"});
    c.add(i, "work", "could you add a task to call the plumber?", {"+call the plumber"}, {"“call the plumber”"});
    c.add(i, "work", "create a task called Prepare slides", {"+Prepare slides"}, {"“Prepare slides”"});
    c.add(i, "work", "new task: prepare slides", {"+prepare slides"}, {"“prepare slides”"});
    c.add(i, "work", "remind me to water the garden", {"+water the garden"}, {"“water the garden”"});
    c.add(i, "work", "remember to buy stamps", {"+buy stamps"}, {"“buy stamps”"});
    c.add(i, "work", "don't let me forget to renew the car insurance", {"+renew the car insurance"},
          {"“renew the car insurance”"});
    c.add(i, "work", "I need to call the bank", {"+call the bank"}, {"“call the bank”"});
    c.add(i, "work", "todo: clean the garage", {"+clean the garage"}, {"“clean the garage”"});
    c.add(i, "work", "put eggs on my list", {"+eggs"}, {"“eggs”"});
    c.add(i, "work", "ADD CALL GRANDMA", {"+CALL GRANDMA"}, {"“CALL GRANDMA”"});
    c.add(i, "work", "add pick up the dry cleaning.", {"+pick up the dry cleaning"}, {"“pick up the dry cleaning”"});
    c.add(i, "work", "add “Plan Q1 roadmap”", {"+Plan Q1 roadmap"}, {"“Plan Q1 roadmap”"});
    c.add(i, "work", "make a task to renew the lease", {"+renew the lease"}, {"“renew the lease”"});
    c.add(i, "work", "hey tandem, add feed the cat", {"+feed the cat"}, {"“feed the cat”"});
    c.add(i, "work", "add feed the cat please", {"+feed the cat"}, {"“feed the cat”"});
    c.add(i, "work", "add a reminder to stretch", {"+stretch"}, {"“stretch”"});
    c.add(i, "work", "i have to fix the bike", {"+fix the bike"}, {"“fix the bike”"});
    c.add(i, "work", "add task fix the bike", {"+fix the bike"}, {"“fix the bike”"});
    c.add(i, "work", "create todo fix the bike", {"+fix the bike"}, {"“fix the bike”"});
    c.add(i, "work", "add call Ana about the café", {"+call Ana about the café"}, {"“call Ana about the café”"});
    c.add(i, "work", "add 🎉 party prep", {"+🎉 party prep"}, {"“🎉 party prep”"});
    c.add(i, "work", "add email Dana", {"+email Dana"}, {"“email Dana”"});
    c.add(i, "work", "add Buy milk", {"+Buy milk"}, {"Added “Buy milk”"});
    c.add(i, "empty", "add my first task", {"+my first task"}, {"“my first task”"});
    c.add(i, "work", "can you please add book the car service", {"+book the car service"}, {"“book the car service”"});
    c.add(i, "work", "i'd like to add a task to return the library books", {"+return the library books"},
          {"“return the library books”"});
    c.add(i, "work", "add   water   the   lawn", {"+water the lawn"}, {"“water the lawn”"});
}

void createMultipleRows(Corpus &c)
{
    const char *i = "create-multiple";
    c.add(i, "work", "add milk, eggs and bread", {"+milk", "+eggs", "+bread"},
          {"Added 3 tasks", "“milk”", "“eggs”", "“bread”"});
    c.add(i, "work", "add milk, eggs, bread", {"+milk", "+eggs", "+bread"}, {"Added 3 tasks"});
    c.add(i, "work", "add call mom; email Bob", {"+call mom", "+email Bob"},
          {"Added 2 tasks", "“call mom”", "“email Bob”"});
    c.add(i, "work", "add call mom and dad", {"+call mom and dad"}, {"“call mom and dad”"});
    c.add(i, "work", "add:\n- milk\n- eggs", {"+milk", "+eggs"}, {"Added 2 tasks"});
    c.add(i, "work", "add call mom tomorrow, email Bob friday and book flights p1",
          {"+call mom|due=2026-11-27", "+email Bob|due=2026-11-27", "+book flights|prio=urgent"},
          {"Added 3 tasks", "“call mom” — due tomorrow", "urgent priority"});
    c.add(i, "work", "put milk, eggs and bread on my list", {"+milk", "+eggs", "+bread"}, {"Added 3 tasks"});
    c.add(i, "work", "remind me to call mom, pay rent and water the roses",
          {"+call mom", "+pay rent", "+water the roses"}, {"Added 3 tasks"});
    c.add(i, "work", "add apples, pears", {"+apples", "+pears"}, {"Added 2 tasks"});
    c.add(i, "work", "add 'salt, pepper and oil'", {"+salt, pepper and oil"}, {"“salt, pepper and oil”"});
    c.add(i, "work", "add buy tickets #travel; pack bags #travel",
          {"+buy tickets|tags=travel", "+pack bags|tags=travel"}, {"Added 2 tasks", "#travel"});
    c.add(i, "work", "add these: milk, eggs and butter", {"+milk", "+eggs", "+butter"}, {"Added 3 tasks"});
    c.add(i, "work", "add milk\neggs\nbutter", {"+milk", "+eggs", "+butter"}, {"Added 3 tasks"});
    c.add(i, "work", "Add: Call Ana, Email Ben, and Text Cleo", {"+Call Ana", "+Email Ben", "+Text Cleo"},
          {"Added 3 tasks"});
    c.add(i, "empty", "add wash the car, vacuum and mow the lawn tomorrow",
          {"+wash the car", "+vacuum", "+mow the lawn|due=2026-11-27"}, {"Added 3 tasks"});
    c.add(i, "work", "create tasks: pay rent, pay the gas bill", {"+pay rent", "+pay the gas bill"}, {"Added 2 tasks"});
    c.add(i, "work", "add salt and pepper", {"+salt and pepper"}, {"“salt and pepper”"});
    c.add(i, "work", "add fix the door, the window and the roof", {"+fix the door", "+the window", "+the roof"},
          {"Added 3 tasks"});
}

void createFieldRows(Corpus &c)
{
    const char *i = "create-fields";
    c.add(i, "work", "add buy bread tomorrow", {"+buy bread|due=2026-11-27"}, {"“buy bread” — due tomorrow"});
    c.add(i, "work", "add buy bread today", {"+buy bread|due=2026-11-26"}, {"due today"});
    c.add(i, "work", "add buy bread on friday", {"+buy bread|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "add buy bread monday", {"+buy bread|due=2026-11-30"}, {"due on Monday"});
    c.add(i, "work", "add buy bread next week", {"+buy bread|due=2026-11-30"}, {"due on Monday"});
    c.add(i, "work", "add buy bread next friday", {"+buy bread|due=2026-12-04"}, {"due on 4 Dec"});
    c.add(i, "work", "add buy bread in 3 days", {"+buy bread|due=2026-11-29"}, {"due on Sunday"});
    c.add(i, "work", "add buy bread in two weeks", {"+buy bread|due=2026-12-10"}, {"due on 10 Dec"});
    c.add(i, "work", "add buy bread on 2026-12-24", {"+buy bread|due=2026-12-24"}, {"due on 24 Dec"});
    c.add(i, "work", "add buy bread on December 24", {"+buy bread|due=2026-12-24"}, {"due on 24 Dec"});
    c.add(i, "work", "add buy bread 24 dec", {"+buy bread|due=2026-12-24"}, {"due on 24 Dec"});
    c.add(i, "work", "add buy bread by the end of the month", {"+buy bread|due=2026-11-30"}, {"due on Monday"});
    c.add(i, "work", "add call Alex tomorrow at 3pm", {"+call Alex|due=2026-11-27T15:00:00+01:00"},
          {"due tomorrow at 15:00"});
    c.add(i, "work", "add call Alex at 9", {"+call Alex|due=2026-11-26T21:00:00+01:00"}, {"due today at 21:00"});
    c.add(i, "work", "add call Alex tonight", {"+call Alex|due=2026-11-26T20:00:00+01:00"}, {"due today at 20:00"});
    c.add(i, "work", "add call Alex tomorrow morning", {"+call Alex|due=2026-11-27T09:00:00+01:00"},
          {"due tomorrow at 9:00"});
    c.add(i, "work", "add pay rent urgent", {"+pay rent|prio=urgent"}, {"urgent priority"});
    c.add(i, "work", "add pay rent p1", {"+pay rent|prio=urgent"}, {"urgent priority"});
    c.add(i, "work", "add pay rent high priority", {"+pay rent|prio=high"}, {"high priority"});
    c.add(i, "work", "add pay rent !low", {"+pay rent|prio=low"}, {"low priority"});
    c.add(i, "work", "add pay rent important", {"+pay rent|prio=high"}, {"high priority"});
    c.add(i, "work", "add pay rent #home", {"+pay rent|tags=home"}, {"#home"});
    c.add(i, "work", "add pay rent #home #finance", {"+pay rent|tags=home,finance"}, {"#home", "#finance"});
    c.add(i, "work", "add pay rent tomorrow #home p2", {"+pay rent|prio=high|due=2026-11-27|tags=home"},
          {"due tomorrow", "high priority", "#home"});
    c.add(i, "work", "remind me to call Alex on monday at 10am", {"+call Alex|due=2026-11-30T10:00:00+01:00"},
          {"due on Monday at 10:00"});
    c.add(i, "work", "add Update the Monday report", {"+Update the Monday report"}, {"“Update the Monday report”"});
    c.add(i, "work", "add buy sun cream", {"+buy sun cream"}, {"“buy sun cream”"});
    c.add(i, "work", "add buy 3 apples", {"+buy 3 apples"}, {"“buy 3 apples”"});
    c.add(i, "work", "add dentist appointment next month", {"+dentist appointment|due=2026-12-01"}, {"due on Tuesday"});
    c.add(i, "work", "add renew the visa in 2 months", {"+renew the visa|due=2027-01-26"}, {"due on 26 Jan 2027"});
    c.add(i, "work", "add file taxes by december 1", {"+file taxes|due=2026-12-01"}, {"“file taxes”"});
    c.add(i, "work", "add buy a gift this weekend", {"+buy a gift|due=2026-11-28"}, {"due on Saturday"});
    c.add(i, "work", "i need to call the bank tomorrow", {"+call the bank|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "remind me tomorrow to call the bank", {"+call the bank|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "set a reminder for friday to pay rent", {"+pay rent|due=2026-11-27"}, {"“pay rent”"});
    c.add(i, "work", "add lunch with Ana next tuesday at noon", {"+lunch with Ana|due=2026-12-01T12:00:00+01:00"},
          {"due on Tuesday at 12:00"});
    c.add(i, "work", "add call bob on 12/1", {"+call bob|due=2026-12-01"}, {"due on Tuesday"});
    c.add(i, "work", "add 'meeting tomorrow'", {"+meeting tomorrow"}, {"“meeting tomorrow”"}).without({"due"});
    c.add(i, "work", "buy bread tomorrow #home", {"+buy bread|due=2026-11-27|tags=home"}, {"Added “buy bread”"});
    c.add(i, "work", "buy bread due monday", {"+buy bread|due=2026-11-30"}, {"Added “buy bread”"});
    c.add(i, "work", "call the landlord friday at 5pm", {"+call the landlord|due=2026-11-27T17:00:00+01:00"},
          {"Added “call the landlord”"});
    c.add(i, "work", "Add submit expenses by Friday 5pm !high #work",
          {"+submit expenses|prio=high|due=2026-11-27T17:00:00+01:00|tags=work"},
          {"due tomorrow at 17:00", "high priority", "#work"});
}

void queryRows(Corpus &c)
{
    const char *i = "query";
    const char *allOpen[]
        = {"Write the quarterly report", "Email Dana about the budget", "Book flights to Lisbon", "Buy milk",
           "Call the dentist",           "Plan the team offsite",       "Water the plants",       "Café Lumière"};
    QStringList open;
    for (const char *title : allOpen)
        open.append(u8(title));
    for (const char *message :
         {"show my tasks", "list my tasks", "SHOW MY TASKS", "show my tasks please", "can you show my todos?",
          "list my to-dos", "what's left?", "show open tasks", "what do i have to do", "what are my tasks"}) {
        c.add(i, "work", u8(message), {}, open + u8({"8 open tasks", "1. “Call the dentist” — was due on 24 Nov"}))
            .without({"Renew passport", "Pay the electricity bill"});
    }
    c.add(i, "work", "list all tasks", {}, u8({"10 tasks", "Renew passport", "Pay the electricity bill", "Buy milk"}));
    c.add(i, "work", "show me everything", {}, u8({"10 tasks", "Renew passport", "Buy milk"}));
    c.add(i, "work", "show completed tasks", {},
          u8({"2 completed tasks", "Renew passport", "Pay the electricity bill"}))
        .without({"Buy milk"});
    c.add(i, "work", "what have i finished?", {}, u8({"Renew passport", "Pay the electricity bill"}))
        .without({"Buy milk"});
    c.add(i, "work", "what's done", {}, u8({"Renew passport"})).without({"Buy milk"});
    c.add(i, "work", "what's due today?", {}, u8({"1 open task due today", "“Buy milk” — due today"}))
        .without({"quarterly"});
    c.add(i, "work", "What do I have today", {}, u8({"Buy milk"})).without({"quarterly"});
    c.add(i, "work", "what is due tomorrow", {}, u8({"“Write the quarterly report” — due tomorrow"}))
        .without({"Buy milk"});
    c.add(i, "work", "whats due tmrw", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    c.add(i, "work", "what's due this week", {},
          u8({"3 open tasks due this week", "Buy milk", "Write the quarterly report", "Café Lumière"}))
        .without({"Book flights", "dentist"});
    c.add(i, "work", "anything due next week?", {}, u8({"Book flights to Lisbon", "due on 3 Dec"}))
        .without({"offsite", "Buy milk"});
    c.add(i, "work", "what's overdue", {}, u8({"1 overdue task", "Call the dentist", "was due on 24 Nov"}))
        .without({"electricity", "Buy milk"});
    c.add(i, "work", "show overdue tasks", {}, u8({"Call the dentist"})).without({"electricity"});
    c.add(i, "work", "am i late on anything?", {}, u8({"Call the dentist"})).without({"Buy milk"});
    c.add(i, "work", "which tasks have no due date", {}, u8({"Email Dana about the budget", "Water the plants"}))
        .without({"Buy milk", "passport"});
    c.add(i, "work", "tasks without a deadline", {}, u8({"Email Dana about the budget", "Water the plants"}))
        .without({"Buy milk"});
    c.add(i, "work", "show urgent tasks", {}, u8({"Call the dentist"})).without({"Buy milk", "quarterly"});
    c.add(i, "work", "show high priority tasks", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    c.add(i, "work", "list low priority tasks", {}, u8({"Water the plants"})).without({"Buy milk"});
    c.add(i, "work", "list tasks tagged work", {}, u8({"Write the quarterly report", "Email Dana about the budget"}))
        .without({"Buy milk"});
    c.add(i, "work", "show #travel tasks", {}, u8({"Book flights to Lisbon"})).without({"Renew passport", "Buy milk"});
    c.add(i, "work", "show tasks with tag home", {}, u8({"Buy milk", "Café Lumière"})).without({"quarterly"});
    c.add(i, "work", "find tasks about budget", {}, u8({"Email Dana about the budget"})).without({"Buy milk"});
    c.add(i, "work", "search for dentist", {}, u8({"Call the dentist"})).without({"Buy milk"});
    c.add(i, "work", "find report", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    c.add(i, "work", "find cafe", {}, u8({"Café Lumière"})).without({"Buy milk"});
    c.add(i, "work", "find quartely report", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    // Descriptions are searched folded too: "zoe" finds "Zoë".
    c.add(i, "work", "find zoe", {}, {"1 task matching “zoe”", "“Buy milk”"})
        .after({"describe buy milk as ask Zoë which brand"});
    c.add(i, "work", "what's in progress?", {}, u8({"Plan the team offsite"})).without({"Buy milk"});
    c.add(i, "work", "show tasks in progress", {}, u8({"Plan the team offsite"})).without({"Buy milk"});
    c.add(i, "work", "show completed tasks tagged travel", {}, u8({"Renew passport"})).without({"Book flights"});
    c.add(i, "work", "show my open tasks due today", {}, u8({"Buy milk"})).without({"quarterly"});
    c.add(i, "empty", "show my tasks", {}, u8({"You have no open tasks"}));
    c.add(i, "work", "Show me what's overdue please", {}, u8({"Call the dentist"})).without({"Buy milk"});
    c.add(i, "work", "anything due tomorrow?", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    c.add(i, "work", "what's due on saturday", {}, u8({"Café Lumière"})).without({"Buy milk", "quarterly"});
    c.add(i, "work", "show tasks due friday", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    c.add(i, "work", "what's due?", {}, u8({"Buy milk", "Book flights to Lisbon", "6 open tasks with a due date"}))
        .without({"Email Dana", "Water the plants"});
    c.add(i, "work", "what's on my plate", {}, u8({"8 open tasks"}));
    c.add(i, "work", "show me tasks with no due date", {}, u8({"Email Dana about the budget", "Water the plants"}))
        .without({"Buy milk"});
    c.add(i, "work", "list everything tagged home", {}, u8({"Buy milk", "Café Lumière", "2 tasks tagged #home"}))
        .without({"quarterly"});
    c.add(i, "work", "find Lumière", {}, u8({"Reserve a table at Café Lumière"})).without({"Buy milk"});
    c.add(i, "work", "search plants", {}, u8({"Water the plants"})).without({"Buy milk"});
    c.add(i, "work", "find milk", {}, u8({"1 task matching", "Buy milk"}));
    c.add(i, "work", "anything for dec 3?", {}, u8({"Book flights to Lisbon"})).without({"Buy milk"});
    c.add(i, "work", "what about tomorrow?", {}, u8({"Write the quarterly report"})).without({"Buy milk"});
    c.add(i, "work", "what's due before friday", {}, u8({"Call the dentist", "Buy milk"})).without({"quarterly"});
    c.add(i, "work", "what's due by friday", {}, u8({"Call the dentist", "Buy milk", "quarterly"})).without({"Lisbon"});
    c.add(i, "work", "what's next", {}, u8({"1. “Call the dentist”", "with a due date"})).without({"Email Dana"});
    c.add(i, "dupes", "find pull request", {}, u8({"Review pull request 12", "Review pull request 15"}));
}

void countRows(Corpus &c)
{
    const char *i = "count";
    c.add(i, "work", "how many tasks do I have", {}, {"8 open tasks"});
    c.add(i, "work", "how many open tasks?", {}, {"8 open tasks"});
    c.add(i, "work", "how many tasks are overdue", {}, {"1 overdue task"});
    c.add(i, "work", "how many tasks are due today", {}, {"1 open task due today"});
    c.add(i, "work", "how many completed tasks", {}, {"2 completed tasks"});
    c.add(i, "work", "how many tasks are tagged work?", {}, {"2 open tasks tagged #work"});
    c.add(i, "work", "how many urgent tasks", {}, {"You have 1 open urgent-priority task."});
    c.add(i, "work", "how many tasks do i have in total", {}, {"10 tasks"});
    c.add(i, "work", "how many things are left", {}, {"8 open tasks"});
    c.add(i, "work", "How many tasks have no due date?", {}, {"2 open tasks without a due date"});
    c.add(i, "work", "count my tasks", {}, {"8 open tasks"});
    c.add(i, "work", "how many tasks are due this week", {}, {"3 open tasks due this week"});
    c.add(i, "empty", "how many tasks do I have?", {}, {"no open tasks"});
    c.add(i, "work", "how many tasks have I completed", {}, {"2 completed tasks"});
    c.add(i, "work", "how many tasks are in progress", {}, {"1 in-progress task"});
    c.add(i, "work", "HOW MANY TASKS", {}, {"8 open tasks"}).without({"Buy milk"});
    c.add(i, "work", "how many tasks are due tomorrow?", {}, {"1 open task due tomorrow"});
}

void completeRows(Corpus &c)
{
    const char *i = "complete";
    const char *report = "~Write the quarterly report|status=completed";
    const char *milk = "~Buy milk|status=completed";
    c.add(i, "work", "mark the quarterly report as done", {report}, {"“Write the quarterly report”", "done"});
    c.add(i, "work", "complete buy milk", {milk}, {"Marked “Buy milk” as done"});
    c.add(i, "work", "I finished the quarterly report", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "I've finished the quarterly report", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "i just did the report", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "done with buy milk", {milk}, {"“Buy milk”"});
    c.add(i, "work", "the quarterly report is done", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "tick off buy milk", {milk}, {"“Buy milk”"});
    c.add(i, "work", "check off call the dentist", {"~Call the dentist|status=completed"}, {"“Call the dentist”"});
    c.add(i, "work", "finish the report", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "mark quartely report done", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "mark report quarterly as complete", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "mark reserve a table at cafe lumiere as done",
          {"~Reserve a table at Café Lumière|status=completed"}, {"“Reserve a table at Café Lumière”"});
    c.add(i, "work", "Mark Buy Milk As Done", {milk}, {"“Buy milk”"});
    c.add(i, "work", "could you mark the milk as done please", {milk}, {"“Buy milk”"});
    c.add(i, "work", "set the dentist call as done", {"~Call the dentist|status=completed"}, {"“Call the dentist”"});
    c.add(i, "work", "cross off water the plants", {"~Water the plants|status=completed"}, {"“Water the plants”"});
    c.add(i, "work", "completed the quarterly report", {report}, {"“Write the quarterly report”"});
    c.add(i, "work", "finish plants", {"~Water the plants|status=completed"}, {"“Water the plants”"});
    c.add(i, "work", "complete plan the team offsite", {"~Plan the team offsite|status=completed"},
          {"“Plan the team offsite”"});
    c.add(i, "work", "mark the dentist as done!", {"~Call the dentist|status=completed"}, {"“Call the dentist”"});
    c.add(i, "work", "the milk is done", {milk}, {"“Buy milk”"});
    c.add(i, "work", "complete renew passport", {}, {"“Renew passport” is already done"});
    c.add(i, "work", "mark it as done", {}, {"not sure which task"});
    c.add(i, "work", "complete the annual report", {}, {notFound});
    c.add(i, "work", "complete the thing that does not exist", {}, {notFound});
    c.add(i, "work", "mark Buy Mlik as done", {milk}, {"“Buy milk”"});
    c.add(i, "dupes", "complete call mom", {"~Call mom|status=completed"}, {"“Call mom”"}).without({"Christmas"});
    c.add(i, "dupes", "complete review pull request", {},
          {noChangeAmbiguous, "1. “Review pull request", "2. “Review pull request"})
        .asks("which");
    c.add(i, "dupes", "complete review pull request 15", {"~Review pull request 15|status=completed"},
          {"“Review pull request 15”"});
    c.add(i, "dupes", "complete pull request 12", {"~Review pull request 12|status=completed"},
          {"“Review pull request 12”"});
    c.add(i, "dupes", "mark the invoice as done", {}, {noChangeAmbiguous, "Acme", "Globex"}).asks("which");
    c.add(i, "dupes", "complete buy milk", {"~Buy milk|status=completed"}, {"“Buy milk”"}).without({"Which one"});
    c.add(i, "work", "complete the report and the plants", {},
          {"This would change 2 tasks", "Write the quarterly report", "Water the plants", "yes"})
        .asks("confirm");
    c.add(i, "work", "mark buy milk, the dentist and the plants as done", {}, {"3 tasks"}).asks("confirm");
    c.add(i, "work", "complete 3", {}, {"3"});
    c.add(i, "work", "mark all as done", {}, {"This would change 8 tasks", "Buy milk"}).asks("confirm");
    c.add(i, "work", "complete all tasks tagged work", {}, {"This would change 2 tasks", "Email Dana"})
        .without({"Buy milk"})
        .asks("confirm");
    c.add(i, "work", "complete everything due this week", {}, {"3 tasks"}).asks("confirm");
    c.add(i, "work", "yes", {"~Call the dentist|status=completed"}, {"Marked “Call the dentist” as done."})
        .after({"mark all my overdue tasks as done"});
    c.add(i, "work", "cross buy milk off", {milk}, {"“Buy milk”"});
    c.add(i, "work", "buy milk done", {milk}, {"“Buy milk”"});
}

void reopenRows(Corpus &c)
{
    const char *i = "reopen";
    const char *passport = "~Renew passport|status=pending";
    c.add(i, "work", "reopen renew passport", {passport}, {"Reopened “Renew passport”"});
    c.add(i, "work", "mark renew passport as not done", {passport}, {"“Renew passport”"});
    c.add(i, "work", "uncheck pay the electricity bill", {"~Pay the electricity bill|status=pending"},
          {"“Pay the electricity bill”"});
    c.add(i, "work", "renew passport isn't done", {passport}, {"“Renew passport”"});
    c.add(i, "work", "reopen the passport task", {passport}, {"“Renew passport”"});
    c.add(i, "work", "mark the electricity bill as open", {"~Pay the electricity bill|status=pending"},
          {"“Pay the electricity bill”"});
    c.add(i, "work", "reopen renew pasport", {passport}, {"“Renew passport”"});
    c.add(i, "work", "reopen buy milk", {}, {"“Buy milk” is not done yet"});
    c.add(i, "work", "Renew passport is not finished", {passport}, {"“Renew passport”"});
    c.add(i, "work", "please reopen passport", {passport}, {"“Renew passport”"});
    c.add(i, "work", "mark the electricity bill as incomplete", {"~Pay the electricity bill|status=pending"},
          {"“Pay the electricity bill”"});
    c.add(i, "work", "undo completing renew passport", {passport}, {"“Renew passport”"});
    c.add(i, "dupes", "reopen buy milk", {"~Buy milk|status=pending"}, {"Reopened “Buy milk”"}).without({"Which one"});
    c.add(i, "work", "put renew passport back on my list", {passport}, {"Reopened “Renew passport”"});
    c.add(i, "work", "uncomplete the passport", {passport}, {"Reopened"});
    c.add(i, "work", "reopen the electricity bill please", {"~Pay the electricity bill|status=pending"}, {"Reopened"});
}

void startRows(Corpus &c)
{
    const char *i = "start";
    const char *report = "~Write the quarterly report|status=in_progress";
    c.add(i, "work", "start the quarterly report", {report}, {"“Write the quarterly report”", "in progress"});
    c.add(i, "work", "mark buy milk as in progress", {"~Buy milk|status=in_progress"}, {"“Buy milk”", "in progress"});
    c.add(i, "work", "I'm working on the quarterly report", {report}, {"in progress"});
    c.add(i, "work", "begin working on the budget email", {"~Email Dana about the budget|status=in_progress"},
          {"“Email Dana about the budget”"});
    c.add(i, "work", "set call the dentist as started", {"~Call the dentist|status=in_progress"}, {"in progress"});
    c.add(i, "work", "start plan the team offsite", {}, {"already in progress"});
    c.add(i, "work", "work on the plants", {"~Water the plants|status=in_progress"}, {"“Water the plants”"});
    c.add(i, "work", "mark the report as started", {report}, {"in progress"});
    c.add(i, "work", "start on the flights to lisbon", {"~Book flights to Lisbon|status=in_progress"},
          {"“Book flights to Lisbon”"});
    c.add(i, "work", "I am working on buy milk now", {"~Buy milk|status=in_progress"}, {"in progress"});
    c.add(i, "work", "set the report to in progress", {report}, {"in progress"});
    c.add(i, "work", "start the annual report", {}, {notFound});
    c.add(i, "work", "i'm starting the report", {report}, {"in progress"});
    c.add(i, "work", "the report is in progress", {report}, {"in progress"});
    c.add(i, "work", "stop working on the offsite", {"~Plan the team offsite|status=pending"},
          {"“Plan the team offsite” is no longer in progress."});
    c.add(i, "work", "pause the offsite", {"~Plan the team offsite|status=pending"}, {"no longer in progress"});
    c.add(i, "work", "put the offsite on hold", {"~Plan the team offsite|status=pending"}, {"no longer in progress"});
    c.add(i, "work", "pause buy milk", {}, {"“Buy milk” is not in progress."});
}

void renameRows(Corpus &c)
{
    const char *i = "rename";
    c.add(i, "work", "rename buy milk to Buy oat milk", {"~Buy milk|title=Buy oat milk"},
          {"Renamed “Buy milk” to “Buy oat milk”"});
    c.add(i, "work", "rename the report to Write the Q4 report",
          {"~Write the quarterly report|title=Write the Q4 report"}, {"“Write the Q4 report”"});
    c.add(i, "work", "change the title of buy milk to Buy almond milk", {"~Buy milk|title=Buy almond milk"},
          {"“Buy almond milk”"});
    c.add(i, "work", "call buy milk Buy soy milk instead", {"~Buy milk|title=Buy soy milk"}, {"“Buy soy milk”"});
    c.add(i, "work", "rename 'Buy milk' to 'Buy milk and eggs'", {"~Buy milk|title=Buy milk and eggs"},
          {"“Buy milk and eggs”"});
    c.add(i, "work", "rename the dentist task to Call Dr. Weber", {"~Call the dentist|title=Call Dr. Weber"},
          {"“Call Dr. Weber”"});
    c.add(i, "work", "retitle water the plants as Water the ferns", {"~Water the plants|title=Water the ferns"},
          {"“Water the ferns”"});
    c.add(i, "work", "change the name of the passport task to Renew passport and ID",
          {"~Renew passport|title=Renew passport and ID"}, {"“Renew passport and ID”"});
    c.add(i, "work", "rename buy milk to buy milk tomorrow", {"~Buy milk|title=buy milk tomorrow"},
          {"“buy milk tomorrow”"});
    c.add(i, "work", "rename buy milk to delete me", {"~Buy milk|title=delete me"}, {"“delete me”"});
    c.add(i, "work", "rename the unicorn task to something", {}, {notFound});
    c.add(i, "work", "update the name of Buy milk to Buy bread", {"~Buy milk|title=Buy bread"}, {"“Buy bread”"});
    c.add(i, "work", "rename buy milk into Buy cheese", {"~Buy milk|title=Buy cheese"}, {"“Buy cheese”"});
    c.add(i, "work", "rename email dana to Email Dana about the Q1 budget",
          {"~Email Dana about the budget|title=Email Dana about the Q1 budget"}, {"“Email Dana about the Q1 budget”"});
    c.add(i, "work", u"rename buy milk to "_s + repeatWords(u"long"_s, 501), {}, {"couldn't"});
    c.add(i, "work", "rename buy milk to Buy milk", {}, {"already"});
    c.add(i, "work", "change water the plants's title to Water the ferns", {"~Water the plants|title=Water the ferns"},
          {"“Water the ferns”"});
    c.add(i, "traps", "rename move to the new flat to Moving day", {"~Move to the new flat|title=Moving day"},
          {"Renamed “Move to the new flat” to “Moving day”"});
}

void describeRows(Corpus &c)
{
    const char *i = "describe";
    c.add(i, "work", "add a note to buy milk saying get the organic one", {"~Buy milk|desc=get the organic one"},
          {"“Buy milk”", "description"});
    c.add(i, "work", "add a note to the quarterly report: ask Finance first",
          {"~Write the quarterly report|desc=ask Finance first"}, {"“Write the quarterly report”"});
    c.add(i, "work", "set the description of the report to Include the sales figures",
          {"~Write the quarterly report|desc=Include the sales figures"}, {"“Write the quarterly report”"});
    c.add(i, "work", "describe buy milk as 2 litres, semi-skimmed", {"~Buy milk|desc=2 litres, semi-skimmed"},
          {"“Buy milk”"});
    c.add(i, "work", "change the notes for the dentist to Ask about the filling",
          {"~Call the dentist|desc=Ask about the filling"}, {"“Call the dentist”"});
    c.add(i, "work", "update the description of water the plants to Twice a week",
          {"~Water the plants|desc=Twice a week"}, {"“Water the plants”"});
    c.add(i, "work", "set the notes on the offsite to Book the venue by Friday",
          {"~Plan the team offsite|desc=Book the venue by Friday"}, {"“Plan the team offsite”"});
    c.add(i, "work", "add a note to the unicorn task: feed it", {}, {notFound});
    c.add(i, "work", "add details to book flights: window seat", {"~Book flights to Lisbon|desc=window seat"},
          {"“Book flights to Lisbon”"});
    c.add(i, "work", "add a note to buy milk that the shop closes at 6", {"~Buy milk|desc=the shop closes at 6"},
          {"“Buy milk”"});
    c.add(i, "work", "note on buy milk: get oat milk", {"~Buy milk|desc=get oat milk"}, {"Updated the description"});
    c.add(i, "work", "set buy milk's description to organic only", {"~Buy milk|desc=organic only"}, {"“Buy milk”"});
    c.add(i, "work", "clear the description of buy milk", {"~Buy milk|desc="},
          {"Removed the description of “Buy milk”"})
        .after({"describe buy milk as semi-skimmed"});
    c.add(i, "work", "remove the note from buy milk", {}, {"“Buy milk” has no description."});
    c.add(i, "work", "add a note to buy milk get the organic one", {}, {}).without({"Updated", "Added"});
    c.add(i, "work", "describe buy milk as semi-skimmed", {}, {"already has that description"})
        .after({"describe buy milk as semi-skimmed"});
}

void dueRows(Corpus &c)
{
    const char *i = "due";
    c.add(i, "work", "push buy milk to monday", {"~Buy milk|due=2026-11-30"}, {"“Buy milk” is now due on Monday"});
    c.add(i, "work", "move the report to next friday", {"~Write the quarterly report|due=2026-12-04"}, {"on 4 Dec"});
    c.add(i, "work", "reschedule the dentist for tomorrow", {"~Call the dentist|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "postpone book flights to next week", {"~Book flights to Lisbon|due=2026-11-30"},
          {"due on Monday"});
    c.add(i, "work", "set the due date of water the plants to saturday", {"~Water the plants|due=2026-11-28"},
          {"due on Saturday"});
    c.add(i, "work", "make email dana due tomorrow", {"~Email Dana about the budget|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "schedule water the plants for monday at 9am", {"~Water the plants|due=2026-11-30T09:00:00+01:00"},
          {"due on Monday at 9:00"});
    c.add(i, "work", "water the plants is due friday", {"~Water the plants|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "the report is now due monday", {"~Write the quarterly report|due=2026-11-30"}, {"due on Monday"});
    c.add(i, "work", "move the dentist to dec 1", {"~Call the dentist|due=2026-12-01"}, {"due on Tuesday"});
    c.add(i, "work", "push buy milk to 2026-12-24", {"~Buy milk|due=2026-12-24"}, {"due on 24 Dec"});
    c.add(i, "work", "push buy milk to tomorrow at 6pm", {"~Buy milk|due=2026-11-27T18:00:00+01:00"},
          {"due tomorrow at 18:00"});
    c.add(i, "work", "defer book flights until the end of the month", {"~Book flights to Lisbon|due=2026-11-30"},
          {"due on Monday"});
    c.add(i, "work", "push quartely report to monday", {"~Write the quarterly report|due=2026-11-30"},
          {"“Write the quarterly report”"});
    c.add(i, "work", "push the cafe lumiere table to sunday", {"~Reserve a table at Café Lumière|due=2026-11-29"},
          {"due on Sunday"});
    c.add(i, "work", "change the deadline for the report to december 1st",
          {"~Write the quarterly report|due=2026-12-01"}, {"due on Tuesday"});
    c.add(i, "work", "due date of buy milk is friday", {"~Buy milk|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "buy milk due monday", {"~Buy milk|due=2026-11-30"}, {"due on Monday"});
    c.add(i, "work", "push it to monday", {}, {"not sure which task"});
    c.add(i, "work", "Could you move Buy Milk to Saturday?", {"~Buy milk|due=2026-11-28"}, {"due on Saturday"});
    c.add(i, "work", "postpone the milk by a week", {"~Buy milk|due=2026-12-03"}, {"due on 3 Dec"});
    c.add(i, "work", "push buy milk back 2 days", {"~Buy milk|due=2026-11-28"}, {"due on Saturday"});
    c.add(i, "work", "bump the report to next week", {"~Write the quarterly report|due=2026-11-30"}, {"due on Monday"});
    c.add(i, "work", "set the report's deadline to monday", {"~Write the quarterly report|due=2026-11-30"},
          {"due on Monday"});
    c.add(i, "work", "delay the offsite by 2 weeks", {"~Plan the team offsite|due=2026-12-24"}, {"due on 24 Dec"});
    c.add(i, "work", "push the plants back a day", {"~Water the plants|due=2026-11-27"}, {"due tomorrow"});
    c.add(i, "work", "push buy milk to today", {}, {"already due today"});
    c.add(i, "work", "set the deadline of the unicorn task to friday", {}, {notFound});
    c.add(i, "dupes", "push call mom to monday", {"~Call mom|due=2026-11-30"}, {"“Call mom”"}).without({"Christmas"});
    c.add(i, "dupes", "push the invoice to friday", {}, {noChangeAmbiguous, "Acme", "Globex"}).asks("which");
}

void clearDueRows(Corpus &c)
{
    const char *i = "due-clear";
    c.add(i, "work", "no deadline for buy milk", {"~Buy milk|due=none"}, {"Removed the due date from “Buy milk”"});
    c.add(i, "work", "remove the due date from the report", {"~Write the quarterly report|due=none"},
          {"“Write the quarterly report”"});
    c.add(i, "work", "clear the deadline of book flights", {"~Book flights to Lisbon|due=none"},
          {"“Book flights to Lisbon”"});
    c.add(i, "work", "buy milk has no due date", {"~Buy milk|due=none"}, {"“Buy milk”"});
    c.add(i, "work", "unschedule the dentist", {"~Call the dentist|due=none"}, {"“Call the dentist”"});
    c.add(i, "work", "make buy milk undated", {"~Buy milk|due=none"}, {"“Buy milk”"});
    c.add(i, "work", "remove the date from buy milk", {"~Buy milk|due=none"}, {"“Buy milk”"});
    c.add(i, "work", "delete the due date of the report", {"~Write the quarterly report|due=none"},
          {"Removed the due date"});
    c.add(i, "work", "no due date for water the plants", {}, {"“Water the plants” has no due date"});
    c.add(i, "work", "take the deadline off the report", {"~Write the quarterly report|due=none"},
          {"Removed the due date"});
    c.add(i, "work", "clear the due date on buy milk", {"~Buy milk|due=none"}, {"“Buy milk”"});
    c.add(i, "work", "Please remove the deadline for the offsite", {"~Plan the team offsite|due=none"},
          {"“Plan the team offsite”"});
    c.add(i, "work", "the report has no deadline", {"~Write the quarterly report|due=none"}, {"Removed the due date"});
    c.add(i, "work", "no due date for it", {"~Buy milk|due=none"}, {"“Buy milk”"}).after({"what's due today"});
    c.add(i, "work", "remove the deadline from the unicorn task", {}, {notFound});
}

void priorityRows(Corpus &c)
{
    const char *i = "priority";
    c.add(i, "work", "make buy milk urgent", {"~Buy milk|prio=urgent"}, {"“Buy milk” is now urgent priority"});
    c.add(i, "work", "set the priority of buy milk to high", {"~Buy milk|prio=high"}, {"high priority"});
    c.add(i, "work", "mark email dana as important", {"~Email Dana about the budget|prio=high"}, {"high priority"});
    c.add(i, "work", "buy milk is low priority", {"~Buy milk|prio=low"}, {"low priority"});
    c.add(i, "work", "give the plants a medium priority", {"~Water the plants|prio=medium"}, {"medium priority"});
    c.add(i, "work", "prioritize book flights", {"~Book flights to Lisbon|prio=high"}, {"high priority"});
    c.add(i, "work", "deprioritize the report", {"~Write the quarterly report|prio=low"}, {"low priority"});
    c.add(i, "work", "make the report p1", {"~Write the quarterly report|prio=urgent"}, {"urgent priority"});
    c.add(i, "work", "set buy milk to urgent", {"~Buy milk|prio=urgent"}, {"urgent priority"});
    // "not urgent" is low priority everywhere (domain/vocabulary.h), as when adding a task.
    c.add(i, "work", "make the report not urgent", {"~Write the quarterly report|prio=low"},
          {"“Write the quarterly report” is now low priority"});
    c.add(i, "work", "make the dentist normal priority", {"~Call the dentist|prio=medium"}, {"medium priority"});
    c.add(i, "work", "set priority of the dentist to low", {"~Call the dentist|prio=low"}, {"low priority"});
    c.add(i, "work", "make buy milk high prio", {"~Buy milk|prio=high"}, {"high priority"});
    c.add(i, "work", "make book flights a top priority", {"~Book flights to Lisbon|prio=urgent"}, {"urgent priority"});
    c.add(i, "work", "flag buy milk as urgent", {"~Buy milk|prio=urgent"}, {"urgent priority"});
    c.add(i, "work", "make the dentist urgent", {}, {"already urgent"});
    c.add(i, "work", "Make Water The Plants HIGH PRIORITY", {"~Water the plants|prio=high"}, {"high priority"});
    c.add(i, "work", "the offsite is urgent", {"~Plan the team offsite|prio=urgent"}, {"urgent priority"});
    c.add(i, "work", "remove the priority from the report", {"~Write the quarterly report|prio=none"},
          {"Removed the priority"});
    c.add(i, "work", "make the unicorn task urgent", {}, {notFound});
    c.add(i, "work", "change buy milk's priority to high", {"~Buy milk|prio=high"}, {"high priority"});
}

void tagRows(Corpus &c)
{
    const char *i = "tag-add";
    c.add(i, "work", "tag buy milk with groceries", {"~Buy milk|tags=home,groceries"},
          {"Tagged “Buy milk” with #groceries"});
    c.add(i, "work", "tag buy milk #groceries", {"~Buy milk|tags=home,groceries"}, {"#groceries"});
    c.add(i, "work", "add the tag errands to buy milk", {"~Buy milk|tags=home,errands"}, {"#errands"});
    c.add(i, "work", "label the report as q4", {"~Write the quarterly report|tags=work,q4"}, {"#q4"});
    c.add(i, "work", "add #errands to buy milk", {"~Buy milk|tags=home,errands"}, {"#errands"});
    c.add(i, "work", "tag the dentist with health and admin", {"~Call the dentist|tags=health,admin"},
          {"#health", "#admin"});
    c.add(i, "work", "tag book flights with travel", {}, {"already has"});
    c.add(i, "work", "tag email dana with work, finance", {"~Email Dana about the budget|tags=work,finance"},
          {"#finance"});
    c.add(i, "work", "add tag urgent to the plants", {"~Water the plants|tags=urgent"}, {"#urgent"});
    c.add(i, "work", "tag the unicorn task with magic", {}, {notFound});
    c.add(i, "work", "add the label garden to water the plants", {"~Water the plants|tags=garden"}, {"#garden"});
    c.add(i, "work", "add the groceries tag to buy milk", {"~Buy milk|tags=home,groceries"}, {"#groceries"});
    c.add(i, "work", "buy milk should be tagged errands", {"~Buy milk|tags=home,errands"}, {"#errands"});
    c.add(i, "work", "tag buy milk as groceries and errands", {"~Buy milk|tags=home,groceries,errands"},
          {"#groceries, #errands"});
    c.add(i, "work", "add the groceries tag to the unicorn", {}, {notFound});

    i = "tag-remove";
    c.add(i, "work", "remove the tag home from buy milk", {"~Buy milk|tags="}, {"Removed #home from “Buy milk”"});
    c.add(i, "work", "untag buy milk home", {"~Buy milk|tags="}, {"#home"});
    c.add(i, "work", "remove #work from the report", {"~Write the quarterly report|tags="}, {"#work"});
    c.add(i, "work", "remove all tags from buy milk", {"~Buy milk|tags="}, {"Removed all tags from “Buy milk”"});
    c.add(i, "work", "untag buy milk", {"~Buy milk|tags="}, {"“Buy milk”"});
    c.add(i, "work", "remove the work tag from the report", {"~Write the quarterly report|tags="}, {"#work"});
    c.add(i, "work", "remove tag travel from buy milk", {}, {"doesn't have that tag"});
    c.add(i, "work", "delete the tag travel from book flights", {"~Book flights to Lisbon|tags="}, {"#travel"});
    c.add(i, "work", "clear the tags on the plants", {}, {"has no tags"});
    c.add(i, "work", "untag home from buy milk", {"~Buy milk|tags="}, {"Removed #home from “Buy milk”"});
    c.add(i, "work", "untag #work from the report", {"~Write the quarterly report|tags="}, {"#work"});
    c.add(i, "work", "take the travel tag off book flights", {"~Book flights to Lisbon|tags="}, {"#travel"});
    c.add(i, "work", "remove tags from buy milk", {"~Buy milk|tags="}, {"Removed all tags"});
}

void deleteRows(Corpus &c)
{
    const char *i = "delete";
    c.add(i, "work", "delete buy milk", {"-Buy milk"}, {"Deleted “Buy milk”", "undo"});
    c.add(i, "work", "remove the dentist task", {"-Call the dentist"}, {"Deleted “Call the dentist”"});
    c.add(i, "work", "please delete the quarterly report", {"-Write the quarterly report"},
          {"Deleted “Write the quarterly report”"});
    c.add(i, "work", "get rid of water the plants", {"-Water the plants"}, {"Deleted “Water the plants”"});
    c.add(i, "work", "trash the passport task", {"-Renew passport"}, {"Deleted “Renew passport”"});
    // A typo or a prefix names a task only probably: a delete asks first.
    c.add(i, "work", "delete quartely report", {}, {"Do you want me to delete “Write the quarterly report”?"})
        .asks("confirm");
    c.add(i, "work", "yes", {"-Write the quarterly report"}, {"Deleted “Write the quarterly report”", "undo"})
        .after({"delete quartely report"});
    c.add(i, "work", "remove the passp", {}, {"Do you want me to delete “Renew passport”?"}).asks("confirm");
    c.add(i, "work", "delete the plants", {"-Water the plants"}, {"Deleted"});
    c.add(i, "work", "erase book flights to lisbon", {"-Book flights to Lisbon"}, {"Deleted"});
    c.add(i, "work", "Delete 'Buy milk'", {"-Buy milk"}, {"Deleted “Buy milk”"});
    c.add(i, "work", "cancel the dentist", {"-Call the dentist"}, {"Deleted “Call the dentist”"});
    c.add(i, "work", "delete the unicorn task", {}, {notFound});
    c.add(i, "work", "delete", {}, {"Which task?"});
    c.add(i, "work", "delete it", {}, {"not sure which task"});
    c.add(i, "work", "delete milk", {"-Buy milk"}, {"Deleted “Buy milk”"});
    c.add(i, "work", "delete the annual report", {}, {notFound});
    c.add(i, "work", "delete bob's secret project", {}, {notFound});
    c.add(i, "work", "remove buy milk from my list", {"-Buy milk"}, {"Deleted “Buy milk”"});
    c.add(i, "work", "DELETE BUY MILK", {"-Buy milk"}, {"Deleted “Buy milk”"});
    c.add(i, "work", "delete the cafe lumiere reservation", {}, {notFound});
    c.add(i, "work", "delete the café lumière table", {"-Reserve a table at Café Lumière"}, {"Deleted"});
    c.add(i, "dupes", "delete review pull request", {},
          {noChangeAmbiguous, "Review pull request 12", "Review pull request 15"})
        .asks("which");
    c.add(i, "dupes", "delete call mom", {"-Call mom"}, {"Deleted “Call mom”"});
    c.add(i, "dupes", "delete invoice", {}, {noChangeAmbiguous}).asks("which");
    c.add(i, "dupes", "delete buy milk", {}, {noChangeAmbiguous}).asks("which");
    c.add(i, "dupes", "delete the invoice to acme", {"-Send invoice to Acme"}, {"Deleted “Send invoice to Acme”"});
}

void bulkRows(Corpus &c)
{
    const char *i = "bulk-delete";
    c.add(i, "work", "delete all completed tasks", {},
          {"This would delete 2 completed tasks", "Renew passport", "Pay the electricity bill", "yes"})
        .asks("confirm");
    c.add(i, "work", "clear completed", {}, {"2 completed tasks"}).asks("confirm");
    c.add(i, "work", "delete everything", {}, {"10 tasks"}).asks("confirm");
    c.add(i, "work", "delete all tasks", {}, {"10 tasks"}).asks("confirm");
    c.add(i, "work", "remove all my tasks tagged work", {}, {"2 tasks tagged #work", "Write the quarterly report"})
        .asks("confirm");
    c.add(i, "work", "delete all overdue tasks", {}, {"Call the dentist"}).asks("confirm");
    c.add(i, "work", "delete buy milk and water the plants", {}, {"2 tasks", "Buy milk", "Water the plants"})
        .asks("confirm");
    c.add(i, "work", "delete all done tasks", {}, {"2 completed tasks"}).asks("confirm");
    c.add(i, "work", "purge finished tasks", {}, {"2 completed tasks"}).asks("confirm");
    c.add(i, "work", "delete all tasks tagged #travel", {}, {"Book flights to Lisbon", "Renew passport"})
        .asks("confirm");
    c.add(i, "empty", "delete all completed tasks", {}, {"nothing to delete"});
    c.add(i, "work", "delete every task", {}, {"10 tasks"}).asks("confirm");
    c.add(i, "work", "wipe everything", {}, {"10 tasks"}).asks("confirm");
    c.add(i, "work", "clear my list", {}, {"10 tasks"}).asks("confirm");
    c.add(i, "work", "please delete all my completed tasks", {}, {"2 completed tasks"}).asks("confirm");
    c.add(i, "work", "delete the report, the plants and buy milk", {}, {"3 tasks"}).asks("confirm");
    c.add(i, "work", "delete all low priority tasks", {},
          {"This would delete 1 open low-priority task:", "Water the plants"})
        .asks("confirm");
    c.add(i, "work", "delete all tasks due today", {}, {"1 open task due today", "Buy milk"}).asks("confirm");
    c.add(i, "work", "delete all open tabs", {}, {notFound});
    c.add(i, "work", "yes please", {"-Renew passport", "-Pay the electricity bill"}, {"Deleted 2 tasks"})
        .after({"delete all completed tasks"});
}

void undoRows(Corpus &c)
{
    const char *i = "undo-redo";
    c.add(i, "work", "undo", {"~Buy milk|status=pending"}, {"Undone", "“Buy milk”"}).after({"complete buy milk"});
    c.add(i, "work", "undo", {"^Buy milk"}, {"Undone", "brought back “Buy milk”"}).after({"delete buy milk"});
    c.add(i, "work", "undo", {"-buy bread"}, {"Undone", "“buy bread”"}).after({"add buy bread"});
    c.add(i, "work", "undo that", {"~Buy milk|due=2026-11-26"}, {"Undone"}).after({"push buy milk to monday"});
    c.add(i, "work", "undo", {"~Buy oat milk|title=Buy milk"}, {"Undone"}).after({"rename buy milk to Buy oat milk"});
    c.add(i, "work", "redo", {"~Buy milk|status=completed"}, {"Redone"}).after({"complete buy milk", "undo"});
    c.add(i, "work", "redo", {"-Buy milk"}, {"Redone", "deleted “Buy milk” again"}).after({"delete buy milk", "undo"});
    c.add(i, "work", "undo", {}, {"nothing of mine to undo"});
    c.add(i, "work", "redo", {}, {"nothing to redo"});
    c.add(i, "work", "undo", {"-milk", "-eggs", "-bread"}, {"Undone"}).after({"add milk, eggs and bread"});
    c.add(i, "work", "take that back", {"~Buy milk|status=pending"}, {"Undone"}).after({"complete buy milk"});
    c.add(i, "work", "revert", {"~Buy milk|prio=none"}, {"Undone"}).after({"make buy milk urgent"});
    c.add(i, "work", "Undo!", {"~Buy milk|status=pending"}, {"Undone"}).after({"complete buy milk"});
    c.add(i, "work", "undo please", {"~Buy milk|status=pending"}, {"Undone"}).after({"complete buy milk"});
    c.add(i, "work", "undo", {"^Renew passport", "^Pay the electricity bill"}, {"Undone"})
        .after({"delete all completed tasks", "yes"});
    c.add(i, "work", "redo", {"~Buy milk|prio=urgent"}, {"Redone"}).after({"make buy milk urgent", "undo"});
    c.add(i, "work", "undo", {"~Write the quarterly report|status=pending"}, {"Undone"})
        .after({"complete buy milk", "complete the report"});
    c.add(i, "work", "undo", {}, {"nothing of mine to undo"}).after({"complete buy milk", "undo"});
    c.add(i, "work", "undo the last change", {"~Buy milk|tags=home"}, {"Undone"})
        .after({"tag buy milk with groceries"});
    c.add(i, "work", "redo", {}, {"nothing to redo"}).after({"complete buy milk", "undo", "complete the report"});
}

// Questions about one task: answered, nothing changed.
void questionRows(Corpus &c)
{
    const char *i = "task-questions";
    c.add(i, "work", "when is the report due?", {}, {"“Write the quarterly report” is due tomorrow."});
    c.add(i, "work", "when's the dentist due", {}, {"“Call the dentist” was due on 24 Nov."});
    c.add(i, "work", "what's the deadline for book flights", {}, {"“Book flights to Lisbon” is due on 3 Dec."});
    c.add(i, "work", "when is water the plants due", {}, {"“Water the plants” has no due date."});
    c.add(i, "work", "is buy milk done?", {}, {"No, “Buy milk” is still open."});
    c.add(i, "work", "is the passport done", {}, {"Yes, “Renew passport” is done."});
    c.add(i, "work", "is the offsite finished?", {}, {"No, “Plan the team offsite” is in progress."});
    c.add(i, "work", "is the dentist overdue?", {}, {"Yes, “Call the dentist” was due on 24 Nov."});
    c.add(i, "work", "is the report late", {}, {"No, “Write the quarterly report” is due tomorrow."});
    c.add(i, "work", "what's the status of the offsite", {},
          {"“Plan the team offsite” — due on 10 Dec, medium priority, in progress"});
    c.add(i, "work", "when is the unicorn task due", {}, {notFound});
    c.add(i, "dupes", "when is review pull request due", {},
          {"Several tasks match", "Review pull request 12", "Review pull request 15"});
    c.add(i, "work", "is anything overdue?", {}, {"Call the dentist"}).without({notFound});
    c.add(i, "work", "what did I finish today", {},
          {"2 tasks completed today", "Renew passport", "Pay the electricity bill"})
        .without({"Buy milk"});
    c.add(i, "work", "what did i complete yesterday", {}, {"no tasks completed yesterday"});
}

// Tasks named by what the last turns said: "it", a number from the last list.
void referenceRows(Corpus &c)
{
    const char *i = "references";
    c.add(i, "work", "make it urgent", {"~buy bread|prio=urgent"}, {"“buy bread” is now urgent priority"})
        .after({"add buy bread"});
    c.add(i, "work", "push it to monday", {"~buy bread|due=2026-11-30"}, {"due on Monday"}).after({"add buy bread"});
    c.add(i, "work", "complete it", {"~Buy milk|status=completed"}, {"“Buy milk”"}).after({"what's due today"});
    c.add(i, "work", "complete 2", {"~Buy milk|status=completed"}, {"“Buy milk”"}).after({"show my tasks"});
    c.add(i, "work", "delete the third one", {"-Write the quarterly report"}, {"Deleted “Write the quarterly report”"})
        .after({"show my tasks"});
    c.add(i, "work", "complete #1", {"~Call the dentist|status=completed"}, {"“Call the dentist”"})
        .after({"show my tasks"});
    c.add(i, "work", "mark number 4 as done", {"~Reserve a table at Café Lumière|status=completed"}, {"Marked"})
        .after({"show my tasks"});
    c.add(i, "work", "delete the last one", {"-Email Dana about the budget"}, {"Deleted"}).after({"show my tasks"});
    c.add(i, "work", "complete 12", {}, {"not sure which task"}).after({"show my tasks"});
    c.add(i, "work", "rename that to Buy oat milk", {"~Buy milk|title=Buy oat milk"}, {"“Buy oat milk”"})
        .after({"complete buy milk"});
    c.add(i, "work", "reopen it", {"~Buy milk|status=pending"}, {"Reopened “Buy milk”"}).after({"complete buy milk"});
    c.add(i, "work", "tag it with dairy", {"~Buy milk|tags=home,dairy"}, {"#dairy"}).after({"complete buy milk"});
    c.add(i, "work", "delete that one", {"-Buy milk"}, {"Deleted “Buy milk”"}).after({"complete buy milk"});
    c.add(i, "work", "and make the second one urgent", {"~eggs|prio=urgent"}, {"“eggs” is now urgent priority"})
        .after({"add milk, eggs and bread"});
    c.add(i, "work", "it's urgent", {"~call mom|prio=urgent"}, {"“call mom” is now urgent priority"})
        .after({"add call mom"});
    c.add(i, "work", "actually make it high priority", {"~call mom|prio=high"}, {"“call mom” is now high priority"})
        .after({"add call mom"});
    c.add(i, "work", "that's done", {"~Buy milk|status=completed"}, {"Marked “Buy milk” as done"})
        .after({"what's due today?"});
    c.add(i, "work", "rename 2 to Buy oat milk", {"~Buy milk|title=Buy oat milk"}, {"“Buy oat milk”"})
        .after({"show my tasks"});
    c.add(i, "work", "the first one is done", {"~Call the dentist|status=completed"}, {"Marked"})
        .after({"show my tasks"});
    c.add(i, "work", "push the third to next monday", {"~Write the quarterly report|due=2026-11-30"}, {"due on Monday"})
        .after({"show my tasks"});
}

void smallTalkRows(Corpus &c)
{
    const char *i = "smalltalk";
    for (const char *greeting : {"hi", "Hello!", "hey there", "good morning", "Hi Tandem"})
        c.add(i, "work", greeting, {}, {"Hi!"});
    for (const char *thanks : {"thanks", "Thank you!", "thx", "cheers", "thanks a lot"})
        c.add(i, "work", thanks, {}, {"welcome"});
    for (const char *help : {"help", "what can you do?", "Help me", "how does this work?", "HELP"})
        c.add(i, "work", help, {}, {"add call Alex", "undo"});
    for (const char *bye : {"bye", "good night", "see you later"})
        c.add(i, "work", bye, {}, {"Bye!"});
    c.add(i, "work", "thank you very much!", {}, {"welcome"});
    c.add(i, "work", "well done", {}, {"Thanks!"});
    c.add(i, "work", "who are you?", {}, {"assistant", "add call Alex"});
    c.add(i, "work", "what time is it", {}, {"It's Thursday 26 November 2026, 10:00."});
    c.add(i, "work", "what's today's date?", {}, {"Thursday 26 November 2026"});
}

void unclearRows(Corpus &c)
{
    const char *i = "not-understood";
    for (const char *message : {"blah blah blah",
                                "asdfghjkl",
                                "what is the meaning of life",
                                "the weather is nice",
                                "42",
                                "??",
                                "!!!",
                                "purple monkey dishwasher",
                                "tell me a joke",
                                "yes",
                                "no",
                                "tomorrow",
                                "urgent",
                                "#work",
                                "maybe",
                                "hmm",
                                "ok so",
                                "I don't know",
                                "can you",
                                "please",
                                "done",
                                "it's raining",
                                "oops"}) {
        c.unclear(i, "work", u8(message));
    }
    c.add(i, "work", "mark", {}, {"Which task?"});
}

void trapRows(Corpus &c)
{
    const char *i = "traps";
    // Command words inside titles to add.
    c.add(i, "work", "add 'finish the done list'", {"+finish the done list"}, {"Added “finish the done list”"});
    c.add(i, "work", "add finish the done list", {"+finish the done list"}, {"Added “finish the done list”"});
    c.add(i, "work", "add delete old emails", {"+delete old emails"}, {"Added “delete old emails”"});
    c.add(i, "work", "add remove the batteries from the remote", {"+remove the batteries from the remote"}, {"Added"});
    c.add(i, "work", "add mark the essays", {"+mark the essays"}, {"Added “mark the essays”"});
    c.add(i, "work", "add 'call mom tomorrow'", {"+call mom tomorrow"}, {"“call mom tomorrow”"});
    c.add(i, "work", "add undo the knot", {"+undo the knot"}, {"Added “undo the knot”"});
    c.add(i, "work", "add show the flat to buyers", {"+show the flat to buyers"}, {"Added"});
    c.add(i, "work", "add complete the tax form", {"+complete the tax form"}, {"Added “complete the tax form”"});
    c.add(i, "work", "remind me to delete my old account", {"+delete my old account"}, {"Added"});
    c.add(i, "work", "add rename the files", {"+rename the files"}, {"Added “rename the files”"});
    c.add(i, "work", "add help the neighbours", {"+help the neighbours"}, {"Added"});
    c.add(i, "work", "add thanks cards", {"+thanks cards"}, {"Added “thanks cards”"});
    c.add(i, "work", "add how many boxes to buy", {"+how many boxes to buy"}, {"Added"});
    c.add(i, "work", "add show my tasks to Ana", {"+show my tasks to Ana"}, {"Added"});
    c.add(i, "work", "add 'delete all completed tasks'", {"+delete all completed tasks"}, {"Added"});
    c.add(i, "work", "add delete everything", {"+delete everything"}, {"Added “delete everything”"});
    c.add(i, "work", "add done", {"+done"}, {"Added “done”"});
    c.add(i, "work", "add undo", {"+undo"}, {"Added “undo”"});
    c.add(i, "work", "add a note about the meeting", {"+note about the meeting"}, {"Added"});
    // Titles made of command words, acted on by name.
    c.add(i, "traps", "complete finish the done list", {"~Finish the done list|status=completed"},
          {"“Finish the done list”"});
    c.add(i, "traps", "complete delete old photos from the phone",
          {"~Delete old photos from the phone|status=completed"}, {"Marked"});
    c.add(i, "traps", "delete remove the wallpaper", {"-Remove the wallpaper"}, {"Deleted “Remove the wallpaper”"});
    c.add(i, "traps", "mark mark the exam papers as done", {"~Mark the exam papers|status=completed"}, {"Marked"});
    c.add(i, "traps", "complete prepare tomorrow's agenda", {"~Prepare tomorrow's agenda|status=completed"},
          {"Marked"});
    c.add(i, "traps", "rename cancel the gym membership to Cancel the gym contract",
          {"~Cancel the gym membership|title=Cancel the gym contract"}, {"Renamed"});
    c.add(i, "traps", "complete cancel the gym membership", {"~Cancel the gym membership|status=completed"},
          {"Marked"});
    c.add(i, "traps", "push remove the wallpaper to friday", {"~Remove the wallpaper|due=2026-11-27"},
          {"due tomorrow"});
    c.add(i, "traps", "complete undo the knitting mistake", {"~Undo the knitting mistake|status=completed"},
          {"Marked"});
    c.add(i, "traps", "show my tasks", {},
          {"Delete old photos from the phone", "Finish the done list", "10 open tasks"});
    c.add(i, "traps", "what's due tomorrow", {}, {"no open tasks due tomorrow"}).without({"agenda"});
    c.add(i, "traps", "find tomorrow", {}, {"Prepare tomorrow's agenda"});
    c.add(i, "traps", "the done list is done", {"~Finish the done list|status=completed"}, {"Marked"});
    c.add(i, "traps", "delete the task called remove the wallpaper", {"-Remove the wallpaper"}, {"Deleted"});
    c.add(i, "traps", "move 'Move to the new flat' to next week", {"~Move to the new flat|due=2026-11-30"},
          {"due on Monday"});
    c.add(i, "traps", "start add a shelf in the garage", {"~Add a shelf in the garage|status=in_progress"},
          {"in progress"});
    c.add(i, "traps", "delete show the flat to the buyers", {"-Show the flat to the buyers"}, {"Deleted"});
    c.add(i, "work", "delete the report and", {}, {notFound});
    c.add(i, "work", "delete 2", {}, {notFound}); // no list shown yet: "2" names nothing
    c.add(i, "work", "add buy milk #delete", {"+buy milk|tags=delete"}, {"#delete"});
    c.add(i, "work", "rename buy milk to 'complete the report'", {"~Buy milk|title=complete the report"}, {"Renamed"});
    c.add(i, "traps", "mark 'Mark the exam papers' as done", {"~Mark the exam papers|status=completed"}, {"Marked"});
    c.add(i, "traps", "delete 'Delete old photos from the phone'", {"-Delete old photos from the phone"}, {"Deleted"});
    // A task's own title said as a message: is it a command or the name? Never a guessed delete.
    c.add(i, "traps", "Remove the wallpaper", {}, {"Do you want me to delete “Remove the wallpaper”?"}).asks("confirm");
    c.add(i, "traps", "Delete old photos from the phone", {},
          {"Do you want me to delete “Delete old photos from the phone”?"})
        .asks("confirm");
    c.add(i, "traps", "the old photos can be deleted", {}, {"Do you want me to delete"}).asks("confirm");
    c.add(i, "traps", "no", {}, {"left them as they are"}).after({"Remove the wallpaper"});
    c.add(i, "traps", "find done", {}, {"Finish the done list"});
    c.add(i, "work", "make the dentist not urgent anymore", {"~Call the dentist|prio=low"},
          {"“Call the dentist” is now low priority"});
    c.add(i, "work", "remove urgent from the dentist", {"~Call the dentist|prio=none"}, {"Removed the priority"});
    c.add(i, "work", "cancel that", {}, {"undo", "delete “Buy milk”"}).after({"complete buy milk"});
    c.add(i, "work", "delete all hands meeting notes", {"-All hands meeting notes"}, {"Deleted"})
        .after({"add All hands meeting notes"});
    c.add(i, "work", "complete all hands meeting notes", {"~All hands meeting notes|status=completed"}, {"Marked"})
        .after({"add All hands meeting notes"});
    c.add(i, "work", "make buy milk tomorrow", {}, {}).without({"Added"});
    c.add(i, "work", "delete all the things", {}, {"10 tasks"}).asks("confirm");
    // Other users' tasks: never listed, matched or counted.
    c.add(i, "work", "show all tasks", {}, {"10 tasks"}).without({"Bob"});
    c.add(i, "empty", "show all tasks", {}, {"no tasks"});
    c.add(i, "empty", "complete buy milk", {}, {notFound});
    c.add(i, "empty", "how many tasks do I have in total", {}, {"no tasks"});
    c.add(i, "empty", "find secret", {}, {"no tasks"});
    c.add(i, "empty", "delete everything", {}, {"nothing to delete"});
    // Empty and very long messages.
    c.add(i, "work", u""_s, {}, {"error:content"});
    c.add(i, "work", u"   \n  "_s, {}, {"error:content"});
    const QString title480 = repeatWords(u"alpha beta gamma delta"_s, 480);
    c.add(i, "work", u"add "_s + title480, {u"+"_s + title480}, {u"Added"_s});
    const QString title600 = repeatWords(u"alpha beta gamma delta"_s, 600);
    c.add(i, "work", u"add "_s + title600, {}, {u"couldn't"_s, u"500"_s});
    c.add(i, "work", repeatWords(u"lorem ipsum dolor sit amet"_s, 3990), {}, {u"didn't understand"_s});
    c.add(i, "work", u"delete "_s + repeatWords(u"lorem ipsum"_s, 3000), {}, {u"didn't understand"_s});
    c.add(i, "work", repeatWords(u"x"_s, 4001), {}, {u"error:content"_s});
    QStringList sixty;
    QStringList fifty;
    for (int n = 1; n <= 60; ++n) {
        sixty.append(u"item %1"_s.arg(n));
        if (n <= 50)
            fifty.append(u"+item %1"_s.arg(n));
    }
    c.add(i, "work", u"add "_s + sixty.join(u", "_s), {}, {u"at most 50"_s});
    c.add(i, "work", u"add "_s + sixty.mid(0, 50).join(u", "_s), fifty, {u"Added 50 tasks"_s, u"…and 30 more"_s});
}

const std::vector<Row> &corpus()
{
    static const std::vector<Row> rows = [] {
        Corpus c;
        createRows(c);
        createMultipleRows(c);
        createFieldRows(c);
        queryRows(c);
        countRows(c);
        completeRows(c);
        reopenRows(c);
        startRows(c);
        renameRows(c);
        describeRows(c);
        dueRows(c);
        clearDueRows(c);
        priorityRows(c);
        tagRows(c);
        deleteRows(c);
        bulkRows(c);
        undoRows(c);
        referenceRows(c);
        questionRows(c);
        smallTalkRows(c);
        unclearRows(c);
        trapRows(c);
        return c.rows;
    }();
    return rows;
}

QMap<QString, int> countsByIntent()
{
    QMap<QString, int> counts;
    for (const Row &row : corpus())
        ++counts[row.intent];
    return counts;
}

// Replies that claim a change; such a reply with nothing changed is a lie.
bool claimsChange(const QString &reply)
{
    for (const char *claim :
         {"Added", "Deleted", "Marked", "Renamed", "Reopened", "Tagged", "Removed", "Updated", "Undone", "Redone"}) {
        if (reply.startsWith(u8(claim)))
            return true;
    }
    return reply.contains(u" is now "_s);
}

} // namespace

class TestAssistantCorpus final : public QObject
{
    Q_OBJECT

private slots:
    void corpus_everyIntent_hasManyPhrasings();
    void respond_corpusRow_hasExpectedEffectAndReply_data();
    void respond_corpusRow_hasExpectedEffectAndReply();
    void cleanupTestCase();
};

void TestAssistantCorpus::corpus_everyIntent_hasManyPhrasings()
{
    const auto counts = countsByIntent();
    QVERIFY(corpus().size() >= 300);
    QCOMPARE(counts.size(), 23);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() < 9)
            QFAIL(qPrintable(u"intent "_s + it.key() + u" has only %1 rows"_s.arg(it.value())));
    }
}

void TestAssistantCorpus::respond_corpusRow_hasExpectedEffectAndReply_data()
{
    QTest::addColumn<QString>("seedName");
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("effects");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<QStringList>("absent");
    QTest::addColumn<QString>("pending");
    int n = 0;
    for (const Row &row : corpus()) {
        const QString shown = row.message.size() > 60 ? row.message.left(57) + u"..."_s : row.message;
        QTest::addRow("%03d %s: %s", ++n, qPrintable(row.intent), qPrintable(shown))
            << row.seed << row.before << row.message << row.effects << row.mentions << row.absent << row.pending;
    }
}

void TestAssistantCorpus::respond_corpusRow_hasExpectedEffectAndReply()
{
    QFETCH(QString, seedName);
    QFETCH(QStringList, before);
    QFETCH(QString, message);
    QFETCH(QStringList, effects);
    QFETCH(QStringList, mentions);
    QFETCH(QStringList, absent);
    QFETCH(QString, pending);

    QString error;
    auto f = AssistantFixture::create(&error);
    QVERIFY2(f, qPrintable(error));
    const Seeded seeded = seed(*f, seedName, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QSet<QUuid> known;
    for (const QString &earlier : std::as_const(before)) {
        const auto seen = snapshot(*f, seeded.bob);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            known.insert(it.key());
        TANDEM_VERIFY_OK(f->send(earlier));
    }
    const TaskSnapshot baseline = snapshot(*f, seeded.bob);
    for (auto it = baseline.cbegin(); it != baseline.cend(); ++it)
        known.insert(it.key());

    auto turn = f->send(message);
    const TaskSnapshot after = snapshot(*f, seeded.bob);
    const auto showReply = qScopeGuard([&] {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "reply:" << (turn ? turn->assistantMessage.content : turn.error().toString());
    });
    QStringList expected = effects;
    expected.sort();
    QCOMPARE(taskDiff(baseline, after, known, seeded.bob), expected);

    if (mentions.size() == 1 && mentions.constFirst().startsWith(u"error:"_s)) {
        QVERIFY(!turn.ok());
        QCOMPARE(turn.error().code, ErrorCode::Validation);
        QCOMPARE(turn.error().field, mentions.constFirst().mid(6));
        return;
    }
    TANDEM_VERIFY_OK(turn);
    const QString reply = turn->assistantMessage.content;
    for (const QString &mention : std::as_const(mentions)) {
        if (!reply.contains(mention))
            QFAIL(qPrintable(u"the reply does not mention “%1”:\n%2"_s.arg(mention, reply)));
    }
    for (const QString &text : std::as_const(absent)) {
        if (reply.contains(text))
            QFAIL(qPrintable(u"the reply mentions “%1”:\n%2"_s.arg(text, reply)));
    }
    for (const char *shown : bobShown) {
        if (reply.contains(u8(shown)))
            QFAIL(qPrintable(u"the reply shows another user's task:\n"_s + reply));
    }
    // The actions the reply carries are exactly the tasks that changed.
    QSet<QUuid> acted;
    for (const TaskAction &action : std::as_const(turn->actions))
        acted.insert(action.taskId);
    QCOMPARE(acted, changedTaskIds(baseline, after));
    if (effects.isEmpty() && claimsChange(reply))
        QFAIL(qPrintable(u"the reply claims a change that did not happen:\n"_s + reply));
    QVERIFY2(reply.count(u'\n') < 25, qPrintable(reply));
    QCOMPARE(pendingQuestion(*f), pending);
}

void TestAssistantCorpus::cleanupTestCase()
{
    const auto counts = countsByIntent();
    QStringList lines;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        lines.append(u"%1 %2"_s.arg(it.key(), -16).arg(it.value(), 4));
    qInfo().noquote() << u"assistant corpus: %1 utterances\n"_s.arg(corpus().size()) + lines.join(u'\n');
}

QTEST_GUILESS_MAIN(TestAssistantCorpus)

#include "tst_assistant_corpus.moc"
