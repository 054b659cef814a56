#include "frames.h"

#include "assistant/text.h"
#include "lexicon.h"

namespace tandem::assistant {

using namespace lexicon;

QString opName(Op op)
{
    switch (op) {
    case Op::Complete:
        return QStringLiteral("complete");
    case Op::Reopen:
        return QStringLiteral("reopen");
    case Op::Start:
        return QStringLiteral("start");
    case Op::Pause:
        return QStringLiteral("pause");
    case Op::Delete:
        return QStringLiteral("delete");
    case Op::Rename:
        return QStringLiteral("rename");
    case Op::Describe:
        return QStringLiteral("describe");
    case Op::Due:
        return QStringLiteral("due");
    case Op::ClearDue:
        return QStringLiteral("clearDue");
    case Op::Priority:
        return QStringLiteral("priority");
    case Op::AddTags:
        return QStringLiteral("addTags");
    case Op::RemoveTags:
        return QStringLiteral("removeTags");
    case Op::ClearTags:
        return QStringLiteral("clearTags");
    case Op::Repeat:
        return QStringLiteral("repeat");
    case Op::StopRepeat:
        return QStringLiteral("stopRepeat");
    }
    return {};
}

std::optional<Op> opFromName(const QString &name)
{
    for (Op op : {Op::Complete, Op::Reopen, Op::Start, Op::Pause, Op::Delete, Op::Rename, Op::Describe, Op::Due,
                  Op::ClearDue, Op::Priority, Op::AddTags, Op::RemoveTags, Op::ClearTags, Op::Repeat, Op::StopRepeat}) {
        if (opName(op) == name)
            return op;
    }
    return std::nullopt;
}

namespace {

CommandFrame frame(const QString &text, Op op, std::optional<TaskPriority> priority = std::nullopt)
{
    return CommandFrame{Pattern(text), op, priority};
}

QString f(const char *text)
{
    return QString::fromUtf8(text);
}

// Verb lists with the words of the imperative in front of a task ("please" is gone already).
QString listWords()
{
    return QStringLiteral("list|tasks|todos|todo_list|to-do_list|to-do|todo|plate|agenda");
}

QList<CommandFrame> completing()
{
    return {
        frame(f("mark|set|tick|check|flag|put|make {task} ?as|to ?be|being %1|off").arg(completedWords()),
              Op::Complete),
        frame(f("%1 {task} ?off ?from|on ?my|the ?%2").arg(completeVerbs(), listWords()), Op::Complete),
        frame(f("cross|tick|check|knock|mark {task} off|out ?my|the ?%1").arg(listWords()), Op::Complete),
        frame(f("{task} ?is|are|was|has_been|have_been|got|is_now|can_be|can_be_marked ?all ?now ?actually ?finally "
                "?fully ?officially %1 ?now ?finally ?already ?today|yesterday|earlier|this_morning")
                  .arg(completedWords()),
              Op::Complete),
        frame(f("i|we ?have|had ?just|already|finally|now ?gone_and %1 {task} ?off ?already ?now ?today")
                  .arg(completePast()),
              Op::Complete),
        frame(f("i|we am ?all ?just done|finished|through with {task}"), Op::Complete),
        frame(f("?all done|finished|through with {task}"), Op::Complete),
        frame(f("i|we ?have|just ?finally managed_to|was_able_to ?get|do|finish|complete {task} ?done|finished"),
              Op::Complete),
        frame(f("i|we ?have|just got {task} done|finished|sorted"), Op::Complete),
        frame(f("done|finished|completed {task}"), Op::Complete),
        frame(f("{task} done|finished"), Op::Complete),
    };
}

QList<CommandFrame> reopening()
{
    return {
        frame(f("%1 {task}").arg(reopenVerbs()).replace(QStringLiteral("undo|"), QString()), Op::Reopen),
        frame(f("mark|set|flag|put {task} ?as|to ?being ?still %1").arg(openWords()), Op::Reopen),
        frame(f("{task} is|are|was|has not ?yet ?been ?actually ?really done|finished|complete|completed|over ?yet"
                "|after_all"),
              Op::Reopen),
        frame(f("{task} is|are ?actually ?still %1 ?after_all").arg(openWords()), Op::Reopen),
        frame(f("{task} still needs_doing|needs_to_be_done|has_to_be_done|is_not_done|needs_work"), Op::Reopen),
        frame(f("i|we did|have|had not ?actually ?yet finish|finished|complete|completed|do|done {task} ?yet "
                "?after_all"),
              Op::Reopen),
        frame(f("undo|revert|cancel completing|finishing|the_completion_of {task}"), Op::Reopen),
        frame(f("?i|we ?need_to|have_to|must|should ?still redo|re-do {task}"), Op::Reopen),
        frame(f("{task} needs|need redoing|to_be_redone|doing_again"), Op::Reopen),
        frame(f("put|add|move|bring {task} back on|to|in|into ?my|the ?open %1").arg(listWords()), Op::Reopen),
        frame(f("{task} is|are|was not done|finished|complete|completed"), Op::Reopen),
    };
}

QList<CommandFrame> starting()
{
    return {
        frame(f("mark|set|flag|put {task} ?as|to in_progress|in-progress|started|doing|ongoing|active|underway"),
              Op::Start),
        frame(f("%1 ?working_on|work_on|on|with {task}").arg(startVerbs()), Op::Start),
        frame(f("i|we am ?now ?currently ?busy working_on|doing|on|starting|tackling|handling {task} ?now"), Op::Start),
        frame(f("i|we ?have|just started|begun|began ?on|with|working_on {task}"), Op::Start),
        frame(f("work_on {task}"), Op::Start),
        frame(f("?currently|now|still working_on|doing|tackling {task} ?now|today"), Op::Start),
        frame(f("i|we am|'m on {task} ?now"), Op::Start),
        frame(f("i|we am|are ?now in the_middle_of|the_process_of {task}"), Op::Start),
        frame(f("?i|we ?am|are getting_started|getting_going|making_a_start on|with {task}"), Op::Start),
        frame(f("{task} is|has ?now underway|started|begun|in_progress|under_way"), Op::Start),
        frame(f("{task} is|was|has ?now ?been in_progress|in-progress|started|underway|ongoing"), Op::Start),
        // Back from in progress to not started.
        frame(f("stop|pause ?working_on|on {task}"), Op::Pause),
        frame(f("mark|set {task} ?as|to not_started|paused|on_hold|not_in_progress"), Op::Pause),
        frame(f("put {task} on_hold"), Op::Pause),
        frame(f("i|we ?have stopped|paused ?working_on {task}"), Op::Pause),
    };
}

QList<CommandFrame> renaming()
{
    return {
        frame(f("%1 ?the_task|task {task} to|as|into {title}").arg(renameVerbs()), Op::Rename),
        frame(f("change|set|update|edit ?the title|name ?of|for {task} to|as|into {title}"), Op::Rename),
        frame(f("change|set|update|edit {task} 's title|name to|as|into {title}"), Op::Rename),
        frame(f("call {task} {title} instead"), Op::Rename),
        frame(f("{task} should_be|must_be|needs_to_be called|named|titled {title}"), Op::Rename),
        frame(f("let us call {task} {title}"), Op::Rename),
    };
}

QList<CommandFrame> describing()
{
    CommandFrame noteAfterColon = frame(
        f("add|attach|put|write ?a|the note|description|details|comment to|on|for {task} {text}"), Op::Describe);
    noteAfterColon.colonAfterTask = true;
    CommandFrame noteOnTask = frame(f("note|description|details|comment on|for|to {task} {text}"), Op::Describe);
    noteOnTask.colonAfterTask = true;
    return {
        frame(f("set|change|update|make|edit ?the description|notes|note|details ?of|for|on {task} to|as {text}"),
              Op::Describe),
        frame(f("add|attach|put|write ?a|the note|description|details|comment to|on|for {task} saying|that|reading "
                "{text}"),
              Op::Describe),
        noteAfterColon,
        frame(f("describe {task} as {text}"), Op::Describe),
        frame(f("the notes|note|description|details for|on|of {task} should_say|should_read|say|read {text}"),
              Op::Describe),
        frame(f("put|write|add {text} in|into|to the notes|note|description|details for|of|on {task}"), Op::Describe),
        frame(f("set|change|update|make|edit {task} 's description|notes|note|details to|as {text}"), Op::Describe),
        frame(f("remove|clear|delete|drop|erase ?the description|notes|note|details from|of|on {task}"), Op::Describe),
        noteOnTask,
    };
}

QList<CommandFrame> dating()
{
    return {
        // Clearing the due date.
        frame(f("no|remove_the|remove|clear_the|clear|drop_the|drop|delete_the|delete|without|take_the|take|"
                "reset_the|reset|unset_the|unset "
                "due_date|deadline|date|due ?for|from|of|on|off {task}"),
              Op::ClearDue),
        frame(f("{task} has|needs|does_not_need|does_not_have|has_got no|a ?due_date|deadline|date ?anymore"),
              Op::ClearDue),
        frame(f("remove|clear|delete|drop|reset|unset|take_off {task} 's due_date|deadline|date|due"), Op::ClearDue),
        frame(f("{task} has_no|needs_no due_date|deadline|date ?anymore"), Op::ClearDue),
        frame(f("unschedule|undate {task}"), Op::ClearDue),
        frame(f("{task} is due|needed whenever|anytime|any_time"), Op::ClearDue),
        frame(f("{task} can_be done|finished whenever|anytime|any_time|any_day"), Op::ClearDue),
        frame(f("no|without ?a due_date|deadline|date for|on {task}"), Op::ClearDue),
        frame(f("remove|clear|take|drop ?off the due_date|deadline|date on|off|from|for {task}"), Op::ClearDue),
        frame(f("make {task} undated|unscheduled"), Op::ClearDue),
        frame(f("{task} does not have_to_be|need_to_be done by|on any|a ?particular ?specific day|date"), Op::ClearDue),
        // Setting the due date, or moving it by a span of time.
        frame(f("%1 ?back|out|over ?the_task|task {task} ?back|out|over to|until|till|for|on|by|back_to|into|onto "
                "{date}")
                  .arg(moveVerbs()),
              Op::Due),
        frame(f("%1 {task} {date}").arg(moveVerbs()), Op::Due),
        frame(f("%1 ?back {task} ?back|out|forward by|for ?another ?an_extra {shift} ?later|more").arg(laterVerbs()),
              Op::Due),
        frame(f("%1 ?back {task} back|out|forward ?another {shift} ?later|more").arg(laterVerbs()), Op::Due),
        frame(f("%1 {task} ?another ?an_extra {shift} ?later|more").arg(laterVerbs()), Op::Due),
        frame(f("give {task} another|an_extra|a_further {shift}"), Op::Due),
        frame(f("set|change|update|make|move|push ?the due_date|deadline|date|due ?of|for|on {task} to|as|for ?be "
                "{date}"),
              Op::Due),
        frame(f("set|change|update|move|push {task} 's due_date|deadline|date to|as|for {date}"), Op::Due),
        frame(f("make|set|change|update {task} ?to_be ?be due {date}"), Op::Due),
        frame(f("schedule|plan|book|pencil_in {task} for|on|at|in {date}"), Op::Due),
        frame(f("{task} is|should_be|must_be|needs_to_be|has_to_be|will_be|is_going_to_be ?now ?actually ?due "
                "{date}"),
              Op::Due),
        frame(f("{task} should|must|needs_to|has_to|will|can ?be ?get done|finished|completed|sorted ?by|on|before "
                "{date}"),
              Op::Due),
        frame(f("{task} needs_doing|is_due ?by|on|before {date}"), Op::Due),
        frame(f("{task} due {date}"), Op::Due),
        frame(f("due_date|deadline|due for|of|on {task} is|to {date}"), Op::Due),
        frame(f("i|we will|can|should|shall ?do|finish|complete|handle|tackle {task} {date} ?instead"), Op::Due),
        frame(f("do|handle|tackle {task} {date} ?instead"), Op::Due),
        frame(f("can|could {task} wait until|till|for|to {date}"), Op::Due),
        frame(f("give {task} a due_date|deadline|date of {date}"), Op::Due),
    };
}

QList<CommandFrame> prioritizing()
{
    CommandFrame raise
        = frame(f("%1 ?the priority|prio|importance|urgency ?of|for|on {task}").arg(raiseVerbs()), Op::Priority);
    raise.change = PriorityChange::Raise;
    CommandFrame raiseTask = frame(f("%1 {task} 's priority|prio").arg(raiseVerbs()), Op::Priority);
    raiseTask.change = PriorityChange::Raise;
    CommandFrame raiseMore = frame(f("make {task} more important|urgent ?than_it_is"), Op::Priority);
    CommandFrame raiseSaid = frame(f("{task} is ?now ?a_bit|much|way|even more important|urgent ?now"), Op::Priority);
    raiseSaid.change = PriorityChange::Raise;
    CommandFrame raiseUp = frame(f("bump|move|push {task} up ?the_list|in_priority"), Op::Priority);
    raiseUp.change = PriorityChange::Raise;
    CommandFrame lowerSaid = frame(f("{task} is ?now ?a_bit|much|way less important|urgent ?now"), Op::Priority);
    lowerSaid.change = PriorityChange::Lower;
    raiseMore.change = PriorityChange::Raise;
    CommandFrame raiseShort
        = frame(f("raise|increase|bump_up|upgrade|escalate|boost {task} ?in_priority"), Op::Priority);
    raiseShort.change = PriorityChange::Raise;
    CommandFrame lower
        = frame(f("%1 ?the priority|prio|importance|urgency ?of|for|on {task}").arg(lowerVerbs()), Op::Priority);
    lower.change = PriorityChange::Lower;
    CommandFrame lowerTask = frame(f("%1 {task} 's priority|prio").arg(lowerVerbs()), Op::Priority);
    lowerTask.change = PriorityChange::Lower;
    CommandFrame lowerLess = frame(f("make {task} less important|urgent"), Op::Priority);
    lowerLess.change = PriorityChange::Lower;
    CommandFrame lowerShort = frame(f("lower|decrease|downgrade {task} ?in_priority"), Op::Priority);
    lowerShort.change = PriorityChange::Lower;
    return {
        raise,
        raiseTask,
        raiseMore,
        raiseSaid,
        raiseUp,
        lowerSaid,
        lower,
        lowerTask,
        lowerLess,
        frame(f("make|set|mark|flag|change|switch|put {task} ?as|to|at ?be ?a|an {priority} ?priority|prio"),
              Op::Priority),
        frame(f("set|change|update|make|switch ?the priority|prio of|for|on {task} to|as|at ?be {priority}"),
              Op::Priority),
        frame(f("set|change|update|make {task} 's priority|prio to|as ?be {priority}"), Op::Priority),
        frame(f("{task} is|should_be|must_be|needs_to_be|has_to_be ?now ?really ?very ?a|an {priority} "
                "?priority|one|task ?now"),
              Op::Priority),
        frame(f("{task} is not urgent|important|a_priority|that_urgent|that_important ?anymore|any_more"), Op::Priority,
              TaskPriority::Low),
        frame(f("give {task} ?a|an {priority} priority|prio"), Op::Priority),
        frame(f("prioritize|prioritise {task}"), Op::Priority, TaskPriority::High),
        frame(f("{task} should_be|is|must_be ?a|the top_priority|highest_priority"), Op::Priority,
              TaskPriority::Urgent),
        frame(f("make {task} a|the top_priority"), Op::Priority, TaskPriority::Urgent),
        frame(f("{task} is not important|a_priority ?anymore|any_more"), Op::Priority, TaskPriority::Low),
        frame(f("{task} can not wait ?any_longer"), Op::Priority, TaskPriority::Urgent),
        frame(f("deprioritize|deprioritise {task}"), Op::Priority, TaskPriority::Low),
        frame(f("make {task} a_priority|a_top_priority"), Op::Priority, TaskPriority::High),
        frame(f("remove|clear|drop|reset ?the priority|prio from|of|on|for {task}"), Op::Priority, TaskPriority::None),
        frame(f("remove|clear|drop|take ?the {priority} ?priority|flag from|off {task}"), Op::Priority,
              TaskPriority::None),
        frame(f("{task} has|needs no priority ?anymore"), Op::Priority, TaskPriority::None),
        frame(f("{task} can wait ?no_rush|no_hurry|for_now|a_bit|till_later|until_later"), Op::Priority,
              TaskPriority::Low),
        raiseShort,
        lowerShort,
    };
}

QList<CommandFrame> tagging()
{
    return {
        frame(f("tag|label {task} with|as {tags}"), Op::AddTags),
        frame(f("tag|label {task} {hashtags}"), Op::AddTags),
        frame(f("add|put|give ?the tag|tags|label|labels {tags} to|on {task}"), Op::AddTags),
        frame(f("add|put {hashtags} to|on {task}"), Op::AddTags),
        frame(f("add|put|give ?the {tags} tag|label to|on {task}"), Op::AddTags),
        frame(f("give {task} the tag|tags|label|labels {tags}"), Op::AddTags),
        frame(f("{task} is|should_be|must_be tagged|labelled|labeled {tags}"), Op::AddTags),
        frame(f("put|file|move|add {task} under|in|into|to ?the {knowntags} ?list|category|tag|project"), Op::AddTags),
        frame(f("tag|label {task} {knowntags}"), Op::AddTags),
        frame(f("{task} is|should_be a|an {tags} task|thing|item|job"), Op::AddTags),
        frame(f("{task} should_be|goes|belongs|should_go under|in|into|with ?the {knowntags} ?list|tag|category"),
              Op::AddTags),
        frame(f("{task} is not {knowntags} ?anymore|any_more"), Op::RemoveTags),
        frame(f("{task} should not be tagged|labelled|labeled|under|in {knowntags} ?anymore"), Op::RemoveTags),
        frame(f("{task} is not a|an {knowntags} task|thing|item|job ?anymore"), Op::RemoveTags),
        frame(f("{task} does_not_belong|is_not|should_not_be in|under|to ?the {knowntags} ?list|category"),
              Op::RemoveTags),
        frame(f("untag {task} from {tags}"), Op::RemoveTags),
        frame(f("take {task} out_of|off ?the {knowntags} ?list|tag|category"), Op::RemoveTags),
        frame(f("{task} is no_longer {hashtags}"), Op::RemoveTags),
        frame(f("remove|delete|drop|take ?the tag|tags|label|labels {tags} from|off {task}"), Op::RemoveTags),
        frame(f("remove|delete|drop|take {hashtags} from|off {task}"), Op::RemoveTags),
        frame(f("remove|drop|take {knowntags} from|off {task}"), Op::RemoveTags),
        frame(f("remove|delete|drop|take ?the {tags} tag|label from|off {task}"), Op::RemoveTags),
        frame(f("remove|delete|clear|drop|take ?all ?the tags|labels from|of|on|off {task}"), Op::ClearTags),
        frame(f("untag {hashtags} from {task}"), Op::RemoveTags),
        frame(f("untag {tags} from {task}"), Op::RemoveTags),
        frame(f("untag {task}"), Op::ClearTags),
        frame(f("untag {task} {tags}"), Op::RemoveTags),
        frame(f("{task} is|should_be not tagged|labelled|labeled {tags} ?anymore"), Op::RemoveTags),
    };
}

QList<CommandFrame> deleting()
{
    return {
        frame(f("%1 ?the_task|task {task} from|off ?my|the %2").arg(deleteVerbs(), listWords()), Op::Delete),
        frame(f("%1 ?the_task|task {task}").arg(deleteVerbs()), Op::Delete),
        frame(f("take|get|cross|strike|scratch {task} off|out_of ?my|the %1").arg(listWords()), Op::Delete),
        frame(f("{task} can|should ?just be deleted|removed|cancelled|canceled|dropped|scrapped"), Op::Delete),
        frame(f("{task} is|was|has_been|got cancelled|canceled|called_off|scrapped|off|not_needed|not_happening "
                "?anymore"),
              Op::Delete),
        frame(f("i|we do|will not need|want|have_to|have_to_do {task} ?anymore|any_more|after_all"), Op::Delete),
        frame(f("i|we do|will not need|have to {task} ?anymore|any_more|after_all"), Op::Delete),
        frame(f("{task} is|was no_longer|not needed|necessary|required|relevant|happening ?anymore"), Op::Delete),
        frame(f("{task} can|may go|be_dropped|be_binned"), Op::Delete),
        frame(f("no need for|to {task} ?anymore"), Op::Delete),
        frame(f("never mind ?about {task}"), Op::Delete),
    };
}

} // namespace

static QList<CommandFrame> repeating()
{
    return {
        frame(f("stop|quit|cease repeating|recurring {task}"), Op::StopRepeat),
        frame(f("stop {task} ?from repeating|recurring"), Op::StopRepeat),
        frame(f("{task} no_longer repeats|recurs|needs_to_repeat"), Op::StopRepeat),
        frame(f("{task} is no_longer repeating|recurring"), Op::StopRepeat),
        frame(f("{task} does_not|should_not|will_not|need_not repeat|recur ?anymore|again"), Op::StopRepeat),
        frame(f("do_not|never repeat {task} ?anymore|again"), Op::StopRepeat),
        frame(f("make {task} not repeat|recur ?anymore"), Op::StopRepeat),
        frame(f("make {task} a one-off|one_off|one_time ?task"), Op::StopRepeat),
        frame(f("remove|clear|drop|delete|cancel the repeat|recurrence|repetition from|on|of|for {task}"),
              Op::StopRepeat),
        frame(f("make|set|have|let {task} repeat|recur {repeat}"), Op::Repeat),
        frame(f("set {task} to repeat|recur {repeat}"), Op::Repeat),
        frame(f("{task} should|must|needs_to|has_to|will repeat|recur|happen {repeat}"), Op::Repeat),
        frame(f("{task} repeats|recurs|happens {repeat}"), Op::Repeat),
        frame(f("repeat {task} {repeat}"), Op::Repeat),
        frame(f("make {task} {repeat}"), Op::Repeat),
    };
}

const QList<CommandFrame> &commandFrames()
{
    static const QList<CommandFrame> frames = [] {
        QList<CommandFrame> all;
        all += completing();
        all += reopening();
        all += starting();
        all += renaming();
        all += describing();
        all += dating();
        all += prioritizing();
        all += tagging();
        all += repeating();
        all += deleting(); // last: "remove the due date from X" is never "remove <a task>"
        return all;
    }();
    return frames;
}

std::optional<std::pair<int, int>> shiftFromWords(const QStringList &words)
{
    if (words.size() != 2)
        return std::nullopt;
    const QString &count = words.at(0);
    const int n = (count == u"a" || count == u"an") ? 1 : ordinalOrNumber(count);
    const bool ordinal
        = count.endsWith(u"st") || count.endsWith(u"nd") || count.endsWith(u"rd") || count.endsWith(u"th");
    if (n <= 0 || n > 366 || ordinal)
        return std::nullopt;
    const QString &unit = words.at(1);
    if (unit == u"day" || unit == u"days")
        return std::pair{n, 0};
    if (unit == u"week" || unit == u"weeks")
        return std::pair{7 * n, 0};
    if (unit == u"fortnight" || unit == u"fortnights")
        return std::pair{14 * n, 0};
    if (unit == u"month" || unit == u"months")
        return std::pair{0, n};
    return std::nullopt;
}

Scope scopeFor(Op op)
{
    switch (op) {
    case Op::Complete:
    case Op::Start:
        return Scope::Open;
    case Op::Reopen:
        return Scope::Completed;
    default:
        return Scope::Any;
    }
}

bool inScope(const Task &task, Scope scope)
{
    switch (scope) {
    case Scope::Any:
        return true;
    case Scope::Open:
        return task.status != TaskStatus::Completed;
    case Scope::Completed:
        return task.status == TaskStatus::Completed;
    }
    return true;
}

} // namespace tandem::assistant
