// The paraphrase grid: due dates set, moved and cleared; priorities, tags, titles, descriptions.
#include "gridparts.h"

namespace tandem::test::grid {

using namespace Qt::StringLiterals;

namespace {

// Date phrases from Thursday 2026-11-26, Europe/Berlin, and what they mean.
const QList<std::pair<QString, QString>> when = {
    {u"friday"_s, u"2026-11-27"_s},     {u"next monday"_s, u"2026-11-30"_s},
    {u"the 28th"_s, u"2026-11-28"_s},   {u"tomorrow"_s, u"2026-11-27"_s},
    {u"december 3"_s, u"2026-12-03"_s}, {u"tomorrow at 6pm"_s, u"2026-11-27T18:00:00+01:00"_s},
    {u"next week"_s, u"2026-11-30"_s},  {u"the day after tomorrow"_s, u"2026-11-28"_s},
    {u"in 3 days"_s, u"2026-11-29"_s},  {u"this weekend"_s, u"2026-11-28"_s},
    {u"tommorow"_s, u"2026-11-27"_s},   {u"wensday"_s, u"2026-12-02"_s},
};

} // namespace

QList<AssistantCase> dates()
{
    QList<AssistantCase> out;
    const QStringList setting = {
        u"move {T} to {X}"_s,
        u"push {T} to {X}"_s,
        u"reschedule {T} to {X}"_s,
        u"reschedule {T} for {X}"_s,
        u"postpone {T} until {X}"_s,
        u"change {T} to {X}"_s,
        u"set {T} for {X}"_s,
        u"bump {T} to {X}"_s,
        u"move {T} {X}"_s,
        u"{T} is due {X}"_s,
        u"{T} is now due {X}"_s,
        u"make {T} due {X}"_s,
        u"change {T} to be due {X}"_s,
        u"set the due date of {T} to {X}"_s,
        u"change the deadline for {T} to {X}"_s,
        u"{T} should be done by {X}"_s,
        u"{T} needs to be done by {X}"_s,
        u"schedule {T} for {X}"_s,
        u"I'll do {T} {X}"_s,
        u"do {T} {X} instead"_s,
        u"put {T} on {X}"_s,
        u"can you move {T} to {X}?"_s,
    };
    int turn = 0;
    for (const QString &t : setting) {
        const bool statement = t.startsWith(u"{T}"_s) || t.startsWith(u"I'"_s);
        for (const Known *target : {&report, &dentist, &garage, &sink}) {
            for (const auto &[phrase, due] : when) {
                if (target == &report && due == u"2026-11-27")
                    continue; // already due then
                const QString name = target->names.at(turn % target->names.size());
                const QString message = statement ? fill(t, name, phrase) : wrap(fill(t, name, phrase), turn);
                ++turn;
                out.append(make(u"due"_s,
                                message.endsWith(u'?') ? u"question"_s
                                    : statement        ? u"declarative"_s
                                                       : u"imperative"_s,
                                {message}, {u"~%1|due=%2"_s.arg(target->title, due)}));
            }
        }
    }
    // Moving by a span: from the current due date.
    const QList<std::pair<QString, int>> later = {
        {u"push {T} back a day"_s, 1},     {u"push {T} back by a week"_s, 7}, {u"postpone {T} by 2 days"_s, 2},
        {u"delay {T} by a week"_s, 7},     {u"bump {T} out a week"_s, 7},     {u"move {T} back 3 days"_s, 3},
        {u"put off {T} for a week"_s, 7},  {u"push {T} out by a day"_s, 1},   {u"postpone {T} a fortnight"_s, 14},
        {u"give {T} another 2 days"_s, 2},
    };
    for (const auto &[t, days] : later) {
        for (const auto &[target, from] :
             {std::pair{&report, QDate(2026, 11, 27)}, std::pair{&card, QDate(2026, 12, 4)}}) {
            for (const QString &name : target->names) {
                out.append(make(u"due"_s, u"imperative"_s, {wrap(fill(t, name), turn++)},
                                {u"~%1|due=%2"_s.arg(target->title, from.addDays(days).toString(Qt::ISODate))}));
            }
        }
    }
    // Clearing it.
    edits(out, u"clear-due"_s,
          {u"remove the due date from {T}"_s, u"clear the deadline of {T}"_s, u"{T} has no deadline"_s,
           u"{T} doesn't have a due date anymore"_s, u"unschedule {T}"_s, u"take the date off {T}"_s,
           u"no due date for {T}"_s, u"remove {T}'s due date"_s, u"{T} doesn't need a deadline"_s},
          {&report, &parcel, &card}, u"|due=none"_s, false);
    return out;
}

QList<AssistantCase> fields()
{
    QList<AssistantCase> out;
    // Priority: said as a level, a statement, a step up or down.
    const QList<std::pair<QString, QString>> levels = {
        {u"make {T} urgent"_s, u"urgent"_s},
        {u"mark {T} as urgent"_s, u"urgent"_s},
        {u"set {T} to high priority"_s, u"high"_s},
        {u"make {T} high priority"_s, u"high"_s},
        {u"make {T} a high priority"_s, u"high"_s},
        {u"give {T} high priority"_s, u"high"_s},
        {u"{T} is urgent"_s, u"urgent"_s},
        {u"{T} is important"_s, u"high"_s},
        {u"{T} is high priority"_s, u"high"_s},
        {u"flag {T} as important"_s, u"high"_s},
        {u"prioritize {T}"_s, u"high"_s},
        {u"change {T}'s priority to medium"_s, u"medium"_s},
        {u"set the priority of {T} to medium"_s, u"medium"_s},
        {u"make {T} medium priority"_s, u"medium"_s},
        {u"{T} is a top priority"_s, u"urgent"_s},
        {u"make {T} p1"_s, u"urgent"_s},
    };
    for (const auto &[t, level] : levels)
        edits(out, u"priority"_s, {t}, {&dentist, &sink}, u"|prio="_s + level);
    edits(out, u"priority"_s,
          {u"make {T} low priority"_s, u"{T} isn't urgent"_s, u"{T} is low priority"_s, u"{T} can wait, no rush"_s,
           u"deprioritize {T}"_s},
          {&report}, u"|prio=low"_s);
    edits(out, u"priority"_s,
          {u"raise the priority of {T}"_s, u"bump up the priority of {T}"_s, u"increase {T}'s priority"_s,
           u"make {T} more important"_s},
          {&garage}, u"|prio=medium"_s);
    edits(out, u"priority"_s, {u"lower the priority of {T}"_s, u"decrease {T}'s priority"_s, u"make {T} less urgent"_s},
          {&report}, u"|prio=medium"_s);
    edits(out, u"priority"_s, {u"remove the priority from {T}"_s, u"{T} has no priority anymore"_s}, {&report},
          u"|prio=none"_s);
    // Tags.
    edits(out, u"tag"_s,
          {u"tag {T} with weekend"_s, u"tag {T} as weekend"_s, u"add the tag weekend to {T}"_s,
           u"add #weekend to {T}"_s, u"label {T} #weekend"_s, u"add the weekend tag to {T}"_s,
           u"{T} should be tagged weekend"_s},
          {&garage, &sink}, u"|tags=home,weekend"_s);
    edits(out, u"untag"_s,
          {u"remove the tag home from {T}"_s, u"remove #home from {T}"_s, u"untag {T}"_s,
           u"take the home tag off {T}"_s, u"remove all tags from {T}"_s},
          {&garage, &sink}, u"|tags="_s);
    // Titles and descriptions.
    edits(out, u"rename"_s,
          {u"rename {T} to Repair the kitchen tap"_s, u"call {T} Repair the kitchen tap instead"_s,
           u"change the title of {T} to Repair the kitchen tap"_s,
           u"change the name of {T} to Repair the kitchen tap"_s, u"{T} should be called Repair the kitchen tap"_s,
           u"rename {T} as Repair the kitchen tap"_s},
          {&sink}, u"|title=Repair the kitchen tap"_s);
    edits(out, u"describe"_s,
          {u"add a note to {T}: use the blue pipe"_s, u"set the description of {T} to use the blue pipe"_s,
           u"describe {T} as use the blue pipe"_s, u"add a note to {T} saying use the blue pipe"_s,
           u"set the notes on {T} to use the blue pipe"_s},
          {&sink}, u"|desc=use the blue pipe"_s);
    return out;
}

} // namespace tandem::test::grid
