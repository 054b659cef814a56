#include "assistantgrid.h"

#include "gridparts.h"
#include "taskdiff.h"

#include "domain/task.h"

namespace tandem::test {

using namespace Qt::StringLiterals;

namespace grid {

// The grid's own seed (not the held-out set's): Thursday 2026-11-26 10:00, Europe/Berlin.
const Known report{
    u"Submit the expense report"_s,
    {u"the expense report"_s, u"expense report"_s, u"Submit the expense report"_s, u"the expenses report"_s},
    {u"the expnse report"_s}};
const Known dentist{u"Book a dentist appointment"_s,
                    {u"the dentist appointment"_s, u"dentist appointment"_s, u"the dentist"_s},
                    {u"the dentst appointment"_s}};
const Known parcel{u"Pick up the parcel"_s, {u"the parcel"_s, u"pick up the parcel"_s}, {u"the parcle"_s}};
const Known garage{u"Clean the garage"_s, {u"the garage"_s, u"clean the garage"_s, u"garage"_s}, {u"the grage"_s}};
const Known sink{
    u"Fix the kitchen sink"_s, {u"the kitchen sink"_s, u"kitchen sink"_s, u"the sink"_s}, {u"the kitchen snik"_s}};
const Known card{u"Send a birthday card to Lena"_s, {u"the birthday card"_s, u"the card for Lena"_s}, {}};
const Known glasses{
    u"Order new glasses"_s, {u"order new glasses"_s, u"the new glasses"_s, u"the glasses"_s}, {u"the new glases"_s}};

// Courtesy around a request, taken in turn so every template meets several.
QString wrap(const QString &request, int i)
{
    static const QList<std::pair<QString, QString>> around = {
        {QString(), QString()},
        {u"please "_s, QString()},
        {u"can you "_s, u"?"_s},
        {QString(), u" please"_s},
        {u"could you please "_s, u" for me"_s},
        {u"hey, "_s, u", thanks"_s},
        {u"ok "_s, QString()},
        {u"pls "_s, QString()},
        {QString(), u" thanks!"_s},
    };
    const auto &[before, after] = around.at(i % around.size());
    return before + request + after;
}

QString fill(QString text, const QString &task, const QString &extra)
{
    return text.replace(u"{T}"_s, task).replace(u"{X}"_s, extra);
}

AssistantCase make(const QString &intent, const QString &form, const QStringList &messages, const QStringList &effects,
                   const QStringList &mentions, const QStringList &absent, std::optional<QString> pending)
{
    AssistantCase c;
    c.source = u"grid:%1"_s.arg(intent);
    c.intent = intent;
    c.form = form;
    c.seed = u"grid"_s;
    c.messages = messages;
    for (const QString &effect : effects)
        c.effects.append(canonicalEffect(effect));
    c.effects.sort();
    c.mentions = mentions;
    c.absent = absent;
    c.pending = pending;
    return c;
}

// Every template with every way to name every target, courtesy taken in turn.
void edits(QList<AssistantCase> &out, const QString &intent, const QStringList &templates,
           const QList<const Known *> &targets, const QString &field, bool typosToo)
{
    int turn = 0;
    for (const QString &t : templates) {
        const QString form = t.startsWith(u"{T}"_s) || t.startsWith(u"i "_s, Qt::CaseInsensitive)
                || t.startsWith(u"I'"_s) || t.startsWith(u"just "_s) || t.startsWith(u"finished"_s)
            ? u"declarative"_s
            : u"imperative"_s;
        for (const Known *target : targets) {
            QStringList names = target->names;
            if (typosToo)
                names += target->typos;
            for (const QString &name : std::as_const(names)) {
                const QString message = form == u"declarative" ? fill(t, name) : wrap(fill(t, name), turn++);
                out.append(make(intent, message.endsWith(u'?') ? u"question"_s : form, {message},
                                {u"~"_s + target->title + field}));
            }
        }
    }
}

} // namespace grid

using namespace grid;

Seeds gridSeeds()
{
    Seeds seeds;
    const auto task
        = [](const char *owner, const QString &title, TaskPriority priority = TaskPriority::None,
             const QString &due = {}, const QStringList &tags = {}, TaskStatus status = TaskStatus::Pending) {
              SeedTask seed;
              seed.owner = QString::fromLatin1(owner);
              seed.draft.title = title;
              seed.draft.priority = priority;
              seed.draft.due = due.isEmpty() ? Due() : *Due::fromIsoString(due);
              seed.draft.tags = tags;
              seed.draft.status = status;
              return seed;
          };
    using P = TaskPriority;
    seeds.insert(u"grid"_s,
                 {
                     task("alice", report.title, P::High, u"2026-11-27"_s, {u"work"_s}),
                     task("alice", dentist.title, P::None, {}, {u"health"_s}),
                     task("alice", parcel.title, P::None, u"2026-11-26"_s, {u"errands"_s}),
                     task("alice", u"Renew the car insurance"_s, P::Urgent, u"2026-11-23"_s),
                     task("alice", garage.title, P::Low, {}, {u"home"_s}),
                     task("alice", u"Prepare the team presentation"_s, P::Medium, u"2026-12-02"_s, {u"work"_s},
                          TaskStatus::InProgress),
                     task("alice", glasses.title, P::None, {}, {}, TaskStatus::Completed),
                     task("alice", sink.title, P::None, {}, {u"home"_s}),
                     task("alice", card.title, P::None, u"2026-12-04"_s),
                     task("bob", u"Submit the tax return"_s, P::None, {}, {u"work"_s}),
                     task("bob", garage.title),
                     task("bob", u"Walk the dog"_s),
                 });
    return seeds;
}

const QStringList &changeWords()
{
    static const QStringList words = {
        u"done"_s,     u"complete"_s, u"completed"_s, u"finish"_s,     u"finished"_s, u"delete"_s,   u"remove"_s,
        u"move"_s,     u"push"_s,     u"postpone"_s,  u"reschedule"_s, u"rename"_s,   u"priority"_s, u"urgent"_s,
        u"due"_s,      u"tag"_s,      u"reopen"_s,    u"mark"_s,       u"change"_s,   u"cancel"_s,   u"scrap"_s,
        u"deadline"_s, u"untag"_s,    u"bump"_s,      u"tick"_s,       u"check"_s,
    };
    return words;
}

QList<AssistantCase> paraphraseGrid()
{
    QList<AssistantCase> out;
    const QList<const Known *> open = {&report, &parcel, &garage, &sink};
    // Completing, as a command and as a statement.
    edits(out, u"complete"_s,
          {u"complete {T}"_s,
           u"finish {T}"_s,
           u"mark {T} as done"_s,
           u"mark {T} done"_s,
           u"mark {T} as complete"_s,
           u"mark {T} as completed"_s,
           u"tick off {T}"_s,
           u"tick {T} off"_s,
           u"check off {T}"_s,
           u"cross {T} off my list"_s,
           u"close {T}"_s,
           u"wrap up {T}"_s,
           u"knock out {T}"_s,
           u"set {T} to done"_s,
           u"{T} is done"_s,
           u"{T} is finished"_s,
           u"{T} is complete"_s,
           u"{T} is all done"_s,
           u"{T} has been done"_s,
           u"{T} done"_s,
           u"I finished {T}"_s,
           u"I've finished {T}"_s,
           u"I have completed {T}"_s,
           u"just finished {T}"_s,
           u"I'm done with {T}"_s,
           u"finished {T}"_s,
           u"{T} is taken care of"_s,
           u"I got {T} done"_s,
           u"{T} is sorted"_s,
           u"I've just done {T}"_s},
          open, u"|status=completed"_s);
    // Reopening, including a negated statement.
    edits(out, u"reopen"_s,
          {u"reopen {T}"_s, u"uncheck {T}"_s, u"untick {T}"_s, u"mark {T} as not done"_s, u"mark {T} as undone"_s,
           u"mark {T} as incomplete"_s, u"{T} isn't done"_s, u"{T} is not done yet"_s, u"{T} isn't finished"_s,
           u"I didn't finish {T}"_s, u"I haven't done {T} yet"_s, u"{T} is still open"_s, u"{T} still needs doing"_s,
           u"put {T} back on my list"_s, u"undo completing {T}"_s, u"{T} wasn't done after all"_s},
          {&glasses}, u"|status=pending"_s);
    // Starting.
    edits(out, u"start"_s,
          {u"start {T}"_s, u"start working on {T}"_s, u"I'm working on {T}"_s, u"I am now working on {T}"_s,
           u"mark {T} as in progress"_s, u"mark {T} as started"_s, u"{T} is in progress"_s, u"I've started {T}"_s,
           u"I started {T}"_s, u"begin {T}"_s, u"kick off {T}"_s},
          {&report, &sink}, u"|status=in_progress"_s);
    // Deleting a task named clearly goes ahead; with a typo it asks.
    {
        const QStringList templates = {u"delete {T}"_s,
                                       u"remove {T}"_s,
                                       u"get rid of {T}"_s,
                                       u"scrap {T}"_s,
                                       u"trash {T}"_s,
                                       u"drop {T}"_s,
                                       u"discard {T}"_s,
                                       u"erase {T}"_s,
                                       u"ditch {T}"_s,
                                       u"remove {T} from my list"_s,
                                       u"take {T} off my list"_s,
                                       u"{T} can be deleted"_s,
                                       u"I don't need {T} anymore"_s};
        int turn = 0;
        for (const QString &t : templates) {
            for (const Known *target : {&dentist, &garage, &sink, &card}) {
                for (const QString &name : target->names) {
                    const QString message
                        = t.startsWith(u"{T}"_s) || t.startsWith(u"I "_s) ? fill(t, name) : wrap(fill(t, name), turn++);
                    out.append(
                        make(u"delete"_s,
                             t.startsWith(u"{T}"_s) || t.startsWith(u"I "_s) ? u"declarative"_s : u"imperative"_s,
                             {message}, {u"-"_s + target->title}));
                }
                for (const QString &name : target->typos)
                    out.append(make(u"delete"_s, u"imperative"_s, {fill(t, name)}, {}, {}, {}, u"confirm"_s));
            }
        }
    }
    out += dates();
    out += fields();
    out += additions();
    out += questions();
    out += undoing();
    out += lists();
    out += statements();
    out += moreEdits();
    out += roundThree();
    return out;
}

QList<AssistantCase> safetyGrid()
{
    return unsafe();
}

QList<AssistantCase> bulkGrid()
{
    return several();
}

} // namespace tandem::test
