// The paraphrase grid: new tasks (fields anywhere, several at once), and questions about the list.
#include "gridparts.h"

namespace tandem::test::grid {

using namespace Qt::StringLiterals;

namespace {

const QStringList titles
    = {u"call the plumber"_s,       u"buy oat milk"_s,    u"water the roses"_s, u"email Priya about the budget"_s,
       u"return the blue jacket"_s, u"pay the gas bill"_s};

} // namespace

QList<AssistantCase> additions()
{
    QList<AssistantCase> out;
    // How people ask for a new task.
    const QStringList asking = {
        u"add {X}"_s,
        u"add a task to {X}"_s,
        u"add task: {X}"_s,
        u"create a task called {X}"_s,
        u"new task: {X}"_s,
        u"put {X} on my list"_s,
        u"put {X} on my to-do list"_s,
        u"jot down {X}"_s,
        u"remind me to {X}"_s,
        u"don't let me forget to {X}"_s,
        u"I need to {X}"_s,
        u"I have to {X}"_s,
        u"remember to {X}"_s,
        u"add a reminder to {X}"_s,
        u"can you add {X}?"_s,
        u"could you please add {X} for me"_s,
        u"please create a todo to {X}"_s,
        u"new todo {X}"_s,
        u"add {X} to my list"_s,
        u"note down {X}"_s,
        u"todo: {X}"_s,
        u"I gotta {X}"_s,
        u"add an item to {X}"_s,
        u"make a task to {X}"_s,
    };
    for (const QString &t : asking) {
        for (const QString &title : titles) {
            const QString message = fill(t, {}, title);
            out.append(make(u"create"_s,
                            message.endsWith(u'?')      ? u"question"_s
                                : t.startsWith(u"I "_s) ? u"declarative"_s
                                                        : u"imperative"_s,
                            {message}, {u"+"_s + title}));
        }
    }
    // The date anywhere, with its little words.
    const QList<std::tuple<QString, QString>> dated = {
        {u"add {X} tomorrow"_s, u"2026-11-27"_s},
        {u"add {X} on friday"_s, u"2026-11-27"_s},
        {u"add {X} by friday"_s, u"2026-11-27"_s},
        {u"add {X} for the 28th"_s, u"2026-11-28"_s},
        {u"add {X} on the 1st"_s, u"2026-12-01"_s},
        {u"add {X} tomorrow at 6pm"_s, u"2026-11-27T18:00:00+01:00"_s},
        {u"add {X} tonight"_s, u"2026-11-26T20:00:00+01:00"_s},
        {u"add {X} by end of day"_s, u"2026-11-26"_s},
        {u"add {X} next friday"_s, u"2026-12-04"_s},
        {u"add {X} in two weeks"_s, u"2026-12-10"_s},
        {u"remind me tomorrow to {X}"_s, u"2026-11-27"_s},
        {u"remind me on monday to {X}"_s, u"2026-11-30"_s},
        {u"tomorrow I need to {X}"_s, u"2026-11-27"_s},
        {u"put {X} on my list for the day after tomorrow"_s, u"2026-11-28"_s},
        {u"add a task for friday to {X}"_s, u"2026-11-27"_s},
        {u"{X} by friday"_s, u"2026-11-27"_s},
        {u"{X} tomorrow morning"_s, u"2026-11-27T09:00:00+01:00"_s},
        {u"add {X} due next monday"_s, u"2026-11-30"_s},
        {u"add {X} yesterday"_s, u"2026-11-25"_s},
    };
    for (const auto &[t, due] : dated) {
        for (const QString &title : titles)
            out.append(
                make(u"create-fields"_s, u"imperative"_s, {fill(t, {}, title)}, {u"+%1|due=%2"_s.arg(title, due)}));
    }
    // The priority, said every way.
    const QList<std::tuple<QString, QString>> important = {
        {u"add an urgent task to {X}"_s, u"urgent"_s},
        {u"add a high priority task to {X}"_s, u"high"_s},
        {u"create a low-priority task to {X}"_s, u"low"_s},
        {u"add {X} with low priority"_s, u"low"_s},
        {u"add {X}, it's important"_s, u"high"_s},
        {u"add {X} asap"_s, u"urgent"_s},
        {u"add {X} - no rush"_s, u"low"_s},
        {u"add {X} high priority"_s, u"high"_s},
        {u"add {X} p2"_s, u"high"_s},
        {u"add {X} !!"_s, u"high"_s},
        {u"add {X} with high priority"_s, u"high"_s},
        {u"add {X}, not urgent"_s, u"low"_s},
        {u"add urgent task: {X}"_s, u"urgent"_s},
        {u"add an important task to {X}"_s, u"high"_s},
        {u"remind me to {X}, it's urgent"_s, u"urgent"_s},
    };
    for (const auto &[t, level] : important) {
        for (const QString &title : titles)
            out.append(
                make(u"create-fields"_s, u"imperative"_s, {fill(t, {}, title)}, {u"+%1|prio=%2"_s.arg(title, level)}));
    }
    // Tags and lists.
    const QList<std::tuple<QString, QString>> tagged = {
        {u"add {X} #home"_s, u"|tags=home"_s},
        {u"add {X} to my shopping list"_s, u"|tags=shopping"_s},
        {u"put {X} on my errands list"_s, u"|tags=errands"_s},
        {u"add {X} to my to-do list"_s, QString()},
        {u"add {X} to the list"_s, QString()},
        {u"add {X} on my todo list"_s, QString()},
        {u"add {X} to my work list"_s, u"|tags=work"_s},
    };
    for (const auto &[t, field] : tagged) {
        for (const QString &title : titles)
            out.append(make(u"create-fields"_s, u"imperative"_s, {fill(t, {}, title)}, {u"+"_s + title + field}));
    }
    // Everything at once.
    out.append(make(u"create-fields"_s, u"imperative"_s,
                    {u"add an urgent task to call the plumber tomorrow at 9am #home"_s},
                    {u"+call the plumber|prio=urgent|due=2026-11-27T09:00:00+01:00|tags=home"_s}));
    out.append(make(u"create-fields"_s, u"imperative"_s, {u"remind me on friday to pay the gas bill, it's important"_s},
                    {u"+pay the gas bill|prio=high|due=2026-11-27"_s}));
    // Several at once.
    const QList<std::tuple<QString, QStringList>> lists = {
        {u"add two things: buy oat milk and water the roses"_s, {u"buy oat milk"_s, u"water the roses"_s}},
        {u"add three tasks: call the plumber, buy oat milk, water the roses"_s,
         {u"call the plumber"_s, u"buy oat milk"_s, u"water the roses"_s}},
        {u"add call the plumber, buy oat milk and water the roses"_s,
         {u"call the plumber"_s, u"buy oat milk"_s, u"water the roses"_s}},
        {u"add these: buy oat milk; pay the gas bill"_s, {u"buy oat milk"_s, u"pay the gas bill"_s}},
        {u"add 2 tasks: buy oat milk and pay the gas bill"_s, {u"buy oat milk"_s, u"pay the gas bill"_s}},
        {u"put buy oat milk, pay the gas bill and water the roses on my list"_s,
         {u"buy oat milk"_s, u"pay the gas bill"_s, u"water the roses"_s}},
        // Two requests, each with its verb: two tasks.
        {u"I need to call the plumber and pay the gas bill"_s, {u"call the plumber"_s, u"pay the gas bill"_s}},
        {u"remind me to buy oat milk, call the plumber and water the roses"_s,
         {u"buy oat milk"_s, u"call the plumber"_s, u"water the roses"_s}},
        {u"add a couple of tasks: buy oat milk and call the plumber"_s, {u"buy oat milk"_s, u"call the plumber"_s}},
    };
    for (const auto &[message, added] : lists) {
        QStringList effects;
        for (const QString &title : added)
            effects.append(u"+"_s + title);
        out.append(make(u"create-multiple"_s, u"imperative"_s, {message}, effects));
    }
    // Only a date: nothing to add yet.
    out.append(make(u"create"_s, u"imperative"_s, {u"add tomorrow #work p1"_s}, {}));
    return out;
}

QList<AssistantCase> questions()
{
    QList<AssistantCase> out;
    const QString insurance = u"Renew the car insurance"_s;
    const QString presentation = u"Prepare the team presentation"_s;
    const QList<std::tuple<QString, QStringList, QStringList>> lists = {
        {u"show my work tasks"_s, {report.title, presentation}, {sink.title, u"Submit the tax return"_s}},
        {u"what are my work tasks?"_s, {report.title, presentation}, {sink.title}},
        {u"what are my home tasks?"_s, {garage.title, sink.title}, {report.title}},
        {u"show me my errands"_s, {parcel.title}, {report.title}},
        {u"list my errands tasks"_s, {parcel.title}, {garage.title}},
        {u"any work stuff left?"_s, {report.title}, {garage.title}},
        {u"what's overdue?"_s, {insurance}, {parcel.title}},
        {u"am I behind on anything?"_s, {insurance}, {parcel.title}},
        {u"what's due today"_s, {parcel.title}, {report.title}},
        {u"what's due tomorrow?"_s, {report.title}, {parcel.title}},
        {u"what do I have this week"_s, {parcel.title, report.title}, {card.title}},
        {u"what's in progress"_s, {presentation}, {report.title}},
        {u"what am I working on?"_s, {presentation}, {report.title}},
        {u"what have I finished?"_s, {glasses.title}, {report.title}},
        {u"show completed tasks"_s, {glasses.title}, {garage.title}},
        {u"which tasks have no due date"_s, {dentist.title, garage.title, sink.title}, {report.title}},
        {u"show urgent tasks"_s, {insurance}, {garage.title}},
        {u"find the garage"_s, {garage.title}, {sink.title}},
        {u"search for lena"_s, {card.title}, {sink.title}},
        {u"what's on my plate?"_s, {report.title, garage.title}, {glasses.title}},
    };
    for (const auto &[message, shown, hidden] : lists)
        out.append(make(u"query"_s,
                        message.startsWith(u"show"_s) || message.startsWith(u"list"_s) || message.startsWith(u"find"_s)
                                || message.startsWith(u"search"_s)
                            ? u"imperative"_s
                            : u"question"_s,
                        {message}, {}, shown, hidden));
    const QList<std::pair<QString, QString>> counts = {
        {u"how many tasks are overdue?"_s, u"1 overdue task"_s},
        {u"how many work tasks do I have"_s, u"2 open tasks tagged #work"_s},
        {u"how many tasks have I finished?"_s, u"1 completed task"_s},
        {u"count my home tasks"_s, u"2 open tasks tagged #home"_s},
    };
    for (const auto &[message, said] : counts)
        out.append(make(u"count"_s, u"question"_s, {message}, {}, {said}));
    // A list, then a task named by its place in it: home tasks are the garage (low), then the sink.
    const QList<std::pair<QString, const Known *>> places = {
        {u"the first one"_s, &garage}, {u"the second one"_s, &sink}, {u"number 2"_s, &sink}, {u"#1"_s, &garage},
        {u"the last one"_s, &sink},    {u"the 2nd"_s, &sink},
    };
    for (const auto &[place, target] : places) {
        for (const QString &action : {u"mark %1 as done"_s, u"complete %1"_s, u"%1 is done"_s})
            out.append(make(u"reference"_s, u"imperative"_s, {u"show my home tasks"_s, action.arg(place)},
                            {u"~%1|status=completed"_s.arg(target->title)}));
        out.append(make(u"reference"_s, u"imperative"_s,
                        {u"what are my home tasks?"_s, u"push %1 to friday"_s.arg(place)},
                        {u"~%1|due=2026-11-27"_s.arg(target->title)}));
    }
    for (const QString &pronoun : {u"it"_s, u"that"_s, u"that one"_s}) {
        out.append(make(u"reference"_s, u"imperative"_s,
                        {u"when is the expense report due?"_s, u"mark %1 as done"_s.arg(pronoun)},
                        {u"~%1|status=completed"_s.arg(report.title)}));
        out.append(make(u"reference"_s, u"imperative"_s, {u"add call the plumber"_s, u"make %1 urgent"_s.arg(pronoun)},
                        {u"+call the plumber|prio=urgent"_s}));
    }
    return out;
}

} // namespace tandem::test::grid
