// The paraphrase grid, second round: undo and redo in people's words, several
// tasks in one message, statements in the task's own past tense, and more ways
// to say edits, delete and clear.
#include "gridparts.h"

namespace tandem::test::grid {

using namespace Qt::StringLiterals;

QList<AssistantCase> undoing()
{
    QList<AssistantCase> out;
    const QStringList changes = {u"complete the garage"_s, u"delete the sink"_s, u"move the expense report to monday"_s,
                                 u"add call the plumber"_s, u"make the dentist urgent"_s};
    const QStringList undo = {u"undo"_s,
                              u"undo that"_s,
                              u"oops, undo that"_s,
                              u"wait, undo that"_s,
                              u"can you undo that?"_s,
                              u"please undo"_s,
                              u"revert that"_s,
                              u"undo the last change"_s,
                              u"undo what you just did"_s,
                              u"take that back"_s,
                              u"actually, undo that"_s,
                              u"never mind, undo that"_s,
                              u"that was a mistake, undo it"_s,
                              u"I didn't mean that, undo it"_s,
                              u"no wait, undo"_s,
                              u"sorry, can you undo that"_s};
    for (const QString &change : changes) {
        for (const QString &back : undo)
            out.append(make(u"undo"_s, u"imperative"_s, {change, back}, {}));
    }
    // After a delete, bringing it back is an undo too.
    for (const QString &back : {u"bring it back"_s, u"restore it"_s, u"undelete it"_s, u"put it back"_s})
        out.append(make(u"undo"_s, u"imperative"_s, {u"delete the sink"_s, back}, {}));
    for (const QString &again : {u"redo"_s, u"redo that"_s, u"actually, do it again"_s, u"redo it please"_s})
        out.append(make(u"undo"_s, u"imperative"_s, {u"complete the garage"_s, u"undo"_s, again},
                        {u"~Clean the garage|status=completed"_s}));
    return out;
}

QList<AssistantCase> lists()
{
    QList<AssistantCase> out;
    const QList<std::pair<QString, QStringList>> added = {
        {u"add buy oat milk and call the plumber"_s, {u"buy oat milk"_s, u"call the plumber"_s}},
        {u"add call the plumber and pay the gas bill tomorrow"_s,
         {u"call the plumber"_s, u"pay the gas bill|due=2026-11-27"_s}},
        {u"remind me to water the roses and to pay the gas bill"_s, {u"water the roses"_s, u"pay the gas bill"_s}},
        {u"add buy oat milk, also call the plumber"_s, {u"buy oat milk"_s, u"call the plumber"_s}},
        {u"add buy oat milk & return the blue jacket"_s, {u"buy oat milk"_s, u"return the blue jacket"_s}},
        {u"add the following:\n1. buy oat milk\n2. call the plumber\n3. water the roses"_s,
         {u"buy oat milk"_s, u"call the plumber"_s, u"water the roses"_s}},
        {u"new tasks:\n* pay the gas bill\n* water the roses"_s, {u"pay the gas bill"_s, u"water the roses"_s}},
        {u"I need to buy oat milk, pay the gas bill and call the plumber"_s,
         {u"buy oat milk"_s, u"pay the gas bill"_s, u"call the plumber"_s}},
        {u"add 3 things: buy oat milk, water the roses, pay the gas bill"_s,
         {u"buy oat milk"_s, u"water the roses"_s, u"pay the gas bill"_s}},
        {u"can you add buy oat milk and water the roses to my list?"_s, {u"buy oat milk"_s, u"water the roses"_s}},
        {u"jot down two things: call the plumber, pay the gas bill"_s, {u"call the plumber"_s, u"pay the gas bill"_s}},
        // One task, not two: no verb after "and".
        {u"add buy eggs and milk"_s, {u"buy eggs and milk"_s}},
        {u"add call mom and dad"_s, {u"call mom and dad"_s}},
    };
    for (const auto &[message, titles] : added) {
        QStringList effects;
        for (const QString &title : titles)
            effects.append(u"+"_s + title);
        out.append(make(u"create-multiple"_s, u"imperative"_s, {message}, effects));
    }
    // Every task of the last list at once: asks first.
    const QList<std::pair<QString, QStringList>> them = {
        {u"mark them all as done"_s,
         {u"~Clean the garage|status=completed"_s, u"~Fix the kitchen sink|status=completed"_s}},
        {u"complete all of them"_s,
         {u"~Clean the garage|status=completed"_s, u"~Fix the kitchen sink|status=completed"_s}},
        {u"mark both as done"_s,
         {u"~Clean the garage|status=completed"_s, u"~Fix the kitchen sink|status=completed"_s}},
        {u"delete them"_s, {u"-Clean the garage"_s, u"-Fix the kitchen sink"_s}},
        {u"delete all of those"_s, {u"-Clean the garage"_s, u"-Fix the kitchen sink"_s}},
        {u"move them all to friday"_s,
         {u"~Clean the garage|due=2026-11-27"_s, u"~Fix the kitchen sink|due=2026-11-27"_s}},
        {u"make them both urgent"_s, {u"~Clean the garage|prio=urgent"_s, u"~Fix the kitchen sink|prio=urgent"_s}},
    };
    for (const auto &[message, effects] : them) {
        out.append(make(u"bulk"_s, u"imperative"_s, {u"show my home tasks"_s, message}, {}, {}, {}, u"confirm"_s));
        out.append(make(u"bulk"_s, u"imperative"_s, {u"show my home tasks"_s, message, u"yes"_s}, effects));
        out.append(make(u"bulk"_s, u"imperative"_s, {u"show my home tasks"_s, message, u"no"_s}, {}));
    }
    return out;
}

QList<AssistantCase> statements()
{
    QList<AssistantCase> out;
    // Done, said with the task's own verb in the past.
    const QList<std::pair<QString, QString>> done = {
        {u"I submitted the expense report"_s, report.title},
        {u"submitted the expense report this morning"_s, report.title},
        {u"I booked the dentist appointment"_s, dentist.title},
        {u"I picked up the parcel"_s, parcel.title},
        {u"picked up the parcel"_s, parcel.title},
        {u"I've cleaned the garage"_s, garage.title},
        {u"cleaned the garage today"_s, garage.title},
        {u"I fixed the kitchen sink"_s, sink.title},
        {u"finally fixed the sink"_s, sink.title},
        {u"I sent the birthday card to Lena"_s, card.title},
        {u"I renewed the car insurance"_s, u"Renew the car insurance"_s},
        {u"just renewed the car insurance"_s, u"Renew the car insurance"_s},
        {u"I have booked the dentist"_s, dentist.title},
        {u"the garage is clean now"_s, garage.title},
        {u"the sink is fixed"_s, sink.title},
        {u"the parcel has been picked up"_s, parcel.title},
    };
    for (const auto &[message, title] : done)
        out.append(make(u"complete"_s, u"declarative"_s, {message}, {u"~%1|status=completed"_s.arg(title)}));
    // Not done after all, said with the task's own verb.
    for (const QString &message :
         {u"I haven't ordered the new glasses yet"_s, u"I didn't actually order the new glasses"_s,
          u"I still need to order new glasses"_s, u"the glasses haven't been ordered yet"_s,
          u"turns out I never ordered the glasses"_s})
        out.append(make(u"reopen"_s, u"declarative"_s, {message}, {u"~Order new glasses|status=pending"_s}));
    // Started, said plainly.
    for (const QString &message :
         {u"I'm on the kitchen sink now"_s, u"working on the expense report"_s, u"the expense report is underway"_s,
          u"I've begun the expense report"_s, u"currently doing the kitchen sink"_s})
        out.append(make(u"start"_s, u"declarative"_s, {message},
                        {u"~%1|status=in_progress"_s.arg(message.contains(u"sink"_s) ? sink.title : report.title)}));
    return out;
}

QList<AssistantCase> moreEdits()
{
    QList<AssistantCase> out;
    const auto one = [&](const QString &intent, const QString &message, const QString &effect) {
        out.append(make(intent, message.endsWith(u'?') ? u"question"_s : u"imperative"_s, {message},
                        effect.isEmpty() ? QStringList() : QStringList{effect}));
    };
    for (const QString &m :
         {u"I don't need to clean the garage anymore"_s, u"the garage is no longer needed"_s,
          u"forget about the garage"_s, u"never mind the garage"_s, u"no need to clean the garage anymore"_s,
          u"the garage can go"_s, u"bin the garage task"_s, u"kill the garage task"_s, u"the garage isn't happening"_s,
          u"drop the garage from my list"_s})
        one(u"delete"_s, m, u"-Clean the garage"_s);
    for (const QString &m : {u"take the deadline off the expense report"_s, u"the expense report is due whenever"_s,
                             u"no deadline for the expense report"_s, u"remove the date on the expense report"_s,
                             u"the expense report can be done whenever"_s})
        one(u"clear-due"_s, m, u"~Submit the expense report|due=none"_s);
    const QList<std::pair<QString, QString>> priorities = {
        {u"bump the dentist up"_s, u"~Book a dentist appointment|prio=medium"_s},
        {u"the dentist should be top priority"_s, u"~Book a dentist appointment|prio=urgent"_s},
        {u"the dentist is more urgent now"_s, u"~Book a dentist appointment|prio=medium"_s},
        {u"the expense report is less important"_s, u"~Submit the expense report|prio=medium"_s},
        {u"downgrade the expense report"_s, u"~Submit the expense report|prio=medium"_s},
        {u"set the dentist to normal priority"_s, u"~Book a dentist appointment|prio=medium"_s},
        {u"the expense report isn't important anymore"_s, u"~Submit the expense report|prio=low"_s},
        {u"make the dentist a top priority"_s, u"~Book a dentist appointment|prio=urgent"_s},
        {u"the dentist is really urgent"_s, u"~Book a dentist appointment|prio=urgent"_s},
        {u"can you make the dentist high priority?"_s, u"~Book a dentist appointment|prio=high"_s},
    };
    for (const auto &[m, effect] : priorities)
        one(u"priority"_s, m, effect);
    for (const QString &m :
         {u"add a note to the sink saying use the blue pipe"_s, u"note on the sink: use the blue pipe"_s,
          u"update the sink's description to use the blue pipe"_s,
          u"add a description to the sink: use the blue pipe"_s,
          u"the notes for the sink should say use the blue pipe"_s,
          u"put use the blue pipe in the notes for the sink"_s})
        one(u"describe"_s, m, u"~Fix the kitchen sink|desc=use the blue pipe"_s);
    for (const QString &m :
         {u"the garage isn't a home task"_s, u"remove home from the garage"_s, u"the garage doesn't belong in home"_s,
          u"untag the garage from home"_s, u"take the garage out of home"_s, u"the garage is no longer #home"_s})
        one(u"untag"_s, m, u"~Clean the garage|tags="_s);
    for (const QString &m : {u"put the dentist under work"_s, u"the dentist is a work task"_s,
                             u"file the dentist under work"_s, u"tag the dentist work"_s, u"add the dentist to work"_s})
        one(u"tag"_s, m, u"~Book a dentist appointment|tags=health,work"_s);
    return out;
}

} // namespace tandem::test::grid

namespace tandem::test::grid {

using namespace Qt::StringLiterals;

QList<AssistantCase> roundThree()
{
    QList<AssistantCase> out;
    const auto one = [&](const QString &intent, const QStringList &messages, const QStringList &effects,
                         std::optional<QString> pending = std::nullopt) {
        out.append(make(intent, messages.constLast().endsWith(u'?') ? u"question"_s : u"imperative"_s, messages,
                        effects, {}, {}, pending));
    };
    // Several tasks, said every way; each asks first.
    const QStringList homeDone = {u"~Clean the garage|status=completed"_s, u"~Fix the kitchen sink|status=completed"_s};
    for (const QString &m : {u"mark all my home tasks as done"_s, u"complete all home tasks"_s,
                             u"tick off all the home stuff"_s, u"finish everything tagged home"_s,
                             u"mark the garage and the sink as done"_s, u"complete the garage and the kitchen sink"_s})
        for (const QString &yes : {u"yes"_s, u"yep, do it"_s, u"sure, go ahead"_s, u"ok"_s, u"please do"_s,
                                   u"yes, complete them"_s, u"confirm"_s})
            one(u"bulk"_s, {m, yes}, homeDone);
    for (const QString &m :
         {u"delete everything I've completed"_s, u"clear all my finished tasks"_s, u"remove all the done ones"_s,
          u"wipe my completed tasks"_s, u"get rid of the finished stuff"_s})
        one(u"bulk"_s, {m, u"yes"_s}, {u"-Order new glasses"_s});
    // A few of the last list by number.
    one(u"bulk"_s, {u"show my home tasks"_s, u"complete 1 and 2"_s, u"yes"_s}, homeDone);
    one(u"bulk"_s, {u"show my home tasks"_s, u"mark the first two as done"_s, u"yes"_s}, homeDone);
    one(u"bulk"_s, {u"what are my home tasks?"_s, u"delete the first two"_s, u"yes"_s},
        {u"-Clean the garage"_s, u"-Fix the kitchen sink"_s});
    // Statements with a little more around them.
    one(u"complete"_s, {u"all done with the garage"_s}, {u"~Clean the garage|status=completed"_s});
    one(u"complete"_s, {u"we finished the garage"_s}, {u"~Clean the garage|status=completed"_s});
    one(u"complete"_s, {u"oops, the garage is actually done"_s}, {u"~Clean the garage|status=completed"_s});
    one(u"complete"_s, {u"the garage got done yesterday"_s}, {u"~Clean the garage|status=completed"_s});
    one(u"reopen"_s, {u"the glasses still need to be ordered"_s}, {u"~Order new glasses|status=pending"_s});
    one(u"reopen"_s, {u"I need to redo the glasses order"_s}, {u"~Order new glasses|status=pending"_s});
    one(u"reopen"_s, {u"I forgot to order the new glasses"_s}, {u"~Order new glasses|status=pending"_s});
    one(u"start"_s, {u"I'm in the middle of the expense report"_s},
        {u"~Submit the expense report|status=in_progress"_s});
    one(u"start"_s, {u"I've started on the expense report"_s}, {u"~Submit the expense report|status=in_progress"_s});
    one(u"start"_s, {u"getting started on the kitchen sink"_s}, {u"~Fix the kitchen sink|status=in_progress"_s});
    one(u"priority"_s, {u"the dentist is super urgent"_s}, {u"~Book a dentist appointment|prio=urgent"_s});
    one(u"priority"_s, {u"the dentist is very important"_s}, {u"~Book a dentist appointment|prio=high"_s});
    one(u"priority"_s, {u"the dentist can't wait"_s}, {u"~Book a dentist appointment|prio=urgent"_s});
    one(u"tag"_s, {u"the dentist should be under work"_s}, {u"~Book a dentist appointment|tags=health,work"_s});
    one(u"tag"_s, {u"move the dentist to work"_s}, {u"~Book a dentist appointment|tags=health,work"_s});
    one(u"untag"_s, {u"the garage isn't home anymore"_s}, {u"~Clean the garage|tags="_s});
    one(u"untag"_s, {u"the garage shouldn't be tagged home"_s}, {u"~Clean the garage|tags="_s});
    one(u"delete"_s, {u"we don't need the garage task anymore"_s}, {u"-Clean the garage"_s});
    one(u"delete"_s, {u"the garage got cancelled"_s}, {u"-Clean the garage"_s});
    // Dates said with their little words, or "instead".
    one(u"due"_s, {u"let's do the garage on friday"_s}, {u"~Clean the garage|due=2026-11-27"_s});
    one(u"due"_s, {u"the garage is due on the 28th instead"_s}, {u"~Clean the garage|due=2026-11-28"_s});
    one(u"due"_s, {u"can the garage wait until monday?"_s}, {u"~Clean the garage|due=2026-11-30"_s});
    one(u"due"_s, {u"do the garage on saturday"_s}, {u"~Clean the garage|due=2026-11-28"_s});
    // New tasks said as wishes and reminders.
    one(u"create"_s, {u"I want to learn Spanish"_s}, {u"+learn Spanish"_s});
    one(u"create"_s, {u"I would like to visit Lisbon next month"_s}, {u"+visit Lisbon|due=2026-12-01"_s});
    one(u"create"_s, {u"don't forget to call the plumber"_s}, {u"+call the plumber"_s});
    one(u"create"_s, {u"make sure I pay the gas bill on friday"_s}, {u"+pay the gas bill|due=2026-11-27"_s});
    one(u"create"_s, {u"I want to add buy oat milk"_s}, {u"+buy oat milk"_s});
    one(u"create"_s, {u"I'd like you to add water the roses"_s}, {u"+water the roses"_s});
    one(u"create"_s, {u"I want add task call the plumber for tomorrow"_s}, {u"+call the plumber|due=2026-11-27"_s});
    // Several clauses, each about a task; one undo step for all.
    one(u"complete"_s, {u"so I've just cleaned the garage, you can tick that off"_s},
        {u"~Clean the garage|status=completed"_s});
    one(u"complete"_s, {u"the garage is done and the sink is fixed too"_s},
        {u"~Clean the garage|status=completed"_s, u"~Fix the kitchen sink|status=completed"_s});
    one(u"complete"_s, {u"I fixed the sink, so that's done"_s}, {u"~Fix the kitchen sink|status=completed"_s});
    one(u"undo"_s, {u"the garage is done and the sink is fixed too"_s, u"undo"_s}, {});
    one(u"due"_s, {u"the garage is done, and move the sink to friday"_s},
        {u"~Clean the garage|status=completed"_s, u"~Fix the kitchen sink|due=2026-11-27"_s});
    // Names decorated with a word no title has.
    one(u"complete"_s, {u"the dentist appointment booking is done"_s},
        {u"~Book a dentist appointment|status=completed"_s});
    one(u"complete"_s, {u"finish the garage job"_s}, {u"~Clean the garage|status=completed"_s});
    one(u"due"_s, {u"move the parcel pickup to friday"_s}, {u"~Pick up the parcel|due=2026-11-27"_s});
    // ... but never a word of its own: another report is not this one.
    one(u"safety"_s, {u"complete the annual expense report"_s}, {});
    one(u"safety"_s, {u"make the dentist to be done"_s}, {u"~Book a dentist appointment|status=completed"_s});
    return out;
}

} // namespace tandem::test::grid
