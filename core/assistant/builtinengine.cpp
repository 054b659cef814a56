#include "builtinengine.h"

#include "catalog.h"
#include "domain/json.h"
#include "domain/taskquery.h"
#include "patterns.h"
#include "quickadd.h"
#include "taskops.h"
#include "turntools.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStringMatcher>

#include <algorithm>
#include <optional>

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {

using Entry = TaskCatalog::Entry;

// Longer messages are only ever additions (a rename to a 500-character title is ~100 words).
constexpr qsizetype maxWordsForCommands = 150;
constexpr int maxListed = 20; // lines in one answer
constexpr int maxCreated = 50; // tasks one message may add
// Tasks one confirmation may delete: each becomes an action on the reply and a
// step in the stored undo history, both bounded.
constexpr int maxBulk = 200;
constexpr int maxSplits = 8; // ways of reading one shape tried before taking the best
const QString quoteMarker = QStringLiteral("\u0001");

// ---------------------------------------------------------------- the message

struct Message
{
    QString text; // trimmed
    QList<Word> words; // quoted stretches are one word each, folded to quoteMarker
    QHash<qsizetype, QString> quotes; // word index -> the literal text inside the quotes
    bool question = false;

    QString span(qsizetype first, qsizetype last) const { return originalSpan(text, words, first, last).toString(); }
    bool isQuote(qsizetype i) const { return quotes.contains(i); }
    // The literal title a slot names: a single quoted word, else the words as written.
    QString literal(qsizetype first, qsizetype last) const
    {
        if (first == last && isQuote(first))
            return quotes.value(first);
        return span(first, last);
    }
    // Whether `mark` stands between word i and the next word (or the end): "report: ask".
    bool markAfter(qsizetype i, QChar mark) const
    {
        const qsizetype from = words.at(i).start + words.at(i).length;
        const qsizetype to = i + 1 < words.size() ? words.at(i + 1).start : text.size();
        return QStringView(text).sliced(from, to - from).contains(mark);
    }
};

bool isOpeningQuote(QStringView text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c == u'"' || c.unicode() == 0x201C)
        return true;
    if (c == u'\'' || c.unicode() == 0x2018) // an apostrophe only when it starts a word
        return (i == 0 || !text.at(i - 1).isLetterOrNumber()) && i + 1 < text.size() && !text.at(i + 1).isSpace();
    return false;
}

qsizetype closingQuote(QStringView text, qsizetype open)
{
    const QChar c = text.at(open);
    for (qsizetype j = open + 1; j < text.size(); ++j) {
        const QChar d = text.at(j);
        const bool closes = (c == u'"' || c.unicode() == 0x201C)
            ? (d == u'"' || d.unicode() == 0x201D)
            : ((d == u'\'' || d.unicode() == 0x2019) && (j + 1 == text.size() || !text.at(j + 1).isLetterOrNumber()));
        if (closes)
            return j;
    }
    return -1;
}

bool isOneOf(const QString &word, std::initializer_list<const char16_t *> options)
{
    for (const char16_t *option : options) {
        if (word == QStringView(option))
            return true;
    }
    return false;
}

Message prepare(const QString &raw)
{
    Message m;
    m.text = raw.trimmed();
    while (!m.text.isEmpty() && (m.text.endsWith(u'.') || m.text.endsWith(u'!') || m.text.endsWith(u'?'))) {
        m.question = m.question || m.text.endsWith(u'?');
        m.text.chop(1);
    }
    m.text = m.text.trimmed();
    const QStringView text(m.text);
    qsizetype plain = 0;
    auto addPlain = [&](qsizetype end) {
        const auto words = splitWords(text.sliced(plain, end - plain));
        for (Word word : words) {
            word.start += plain;
            m.words.append(word);
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isOpeningQuote(text, i))
            continue;
        const qsizetype close = closingQuote(text, i);
        if (close < 0 || close == i + 1)
            continue;
        addPlain(i);
        m.quotes.insert(m.words.size(), text.sliced(i + 1, close - i - 1).trimmed().toString());
        m.words.append(Word{quoteMarker, i, close - i + 1});
        plain = close + 1;
        i = close;
    }
    addPlain(text.size());
    // "it's urgent", "that's done": the pronoun and "is", so the shapes of
    // "it is urgent" fit (only at the start: inside a title the words stay).
    if (!m.words.isEmpty() && isOneOf(m.words.constFirst().folded, {u"it's", u"that's"})) {
        const Word contraction = m.words.constFirst();
        const qsizetype apostrophe = contraction.folded.indexOf(u'\'');
        m.words[0] = Word{contraction.folded.left(apostrophe), contraction.start, apostrophe};
        m.words.insert(1, Word{QStringLiteral("is"), contraction.start + apostrophe, contraction.length - apostrophe});
        QHash<qsizetype, QString> shifted;
        for (auto it = m.quotes.cbegin(); it != m.quotes.cend(); ++it)
            shifted.insert(it.key() + 1, it.value());
        m.quotes = shifted;
    }
    // "buy milk's description": the possessive apart, so the task's words are its title's.
    for (qsizetype i = 0; i + 1 < m.words.size(); ++i) {
        const Word word = m.words.at(i);
        if (!word.folded.endsWith(u"'s") || word.folded.size() < 3 || m.quotes.contains(i)
            || !isOneOf(m.words.at(i + 1).folded,
                        {u"description", u"notes", u"note", u"details", u"title", u"name", u"due", u"deadline",
                         u"priority", u"prio"}))
            continue;
        m.words[i] = Word{word.folded.chopped(2), word.start, word.length - 2};
        m.words.insert(i + 1, Word{QStringLiteral("'s"), word.start + word.length - 2, 2});
        QHash<qsizetype, QString> shifted;
        for (auto it = m.quotes.cbegin(); it != m.quotes.cend(); ++it)
            shifted.insert(it.key() > i ? it.key() + 1 : it.key(), it.value());
        m.quotes = shifted;
        ++i;
    }
    return m;
}

// Drops courtesy around a request: "please", "can you", "hey tandem", "... for me", "... thanks".
void stripCourtesy(Message &m)
{
    static const QList<QStringList> leading = {
        {u"hey"_s, u"tandem"_s},
        {u"ok"_s, u"tandem"_s},
        {u"tandem"_s},
        {u"please"_s},
        {u"pls"_s},
        {u"plz"_s},
        {u"kindly"_s},
        {u"can"_s, u"you"_s},
        {u"could"_s, u"you"_s},
        {u"would"_s, u"you"_s},
        {u"will"_s, u"you"_s},
        {u"can"_s, u"u"_s},
        {u"could"_s, u"u"_s},
        {u"i"_s, u"want"_s, u"you"_s, u"to"_s},
        {u"i'd"_s, u"like"_s, u"you"_s, u"to"_s},
        {u"i"_s, u"need"_s, u"you"_s, u"to"_s},
        {u"go"_s, u"ahead"_s, u"and"_s},
        {u"just"_s},
        {u"now"_s},
        {u"ok"_s},
        {u"okay"_s},
        {u"so"_s},
        {u"actually"_s},
        {u"oh"_s},
        {u"also"_s},
        {u"and"_s},
        {u"then"_s},
        {u"let's"_s},
        {u"lets"_s},
        {u"i"_s, u"want"_s, u"to"_s},
        {u"i'd"_s, u"like"_s, u"to"_s},
        {u"i"_s, u"would"_s, u"like"_s, u"to"_s},
    };
    static const QList<QStringList> trailing = {
        {u"please"_s},  {u"pls"_s},
        {u"thanks"_s},  {u"thank"_s, u"you"_s},
        {u"thx"_s},     {u"for"_s, u"me"_s},
        {u"now"_s},     {u"asap"_s, u"please"_s},
        {u"anymore"_s}, {u"any"_s, u"more"_s},
    };
    bool changed = true;
    while (changed && m.words.size() > 1) {
        changed = false;
        for (const QStringList &phrase : leading) {
            if (phrase.size() >= m.words.size())
                continue;
            bool same = true;
            for (qsizetype i = 0; i < phrase.size() && same; ++i)
                same = m.words.at(i).folded == phrase.at(i);
            if (same) {
                m.words.remove(0, phrase.size());
                QHash<qsizetype, QString> shifted;
                for (auto it = m.quotes.cbegin(); it != m.quotes.cend(); ++it)
                    shifted.insert(it.key() - phrase.size(), it.value());
                m.quotes = shifted;
                changed = true;
                break;
            }
        }
    }
    changed = true;
    while (changed && m.words.size() > 1) {
        changed = false;
        for (const QStringList &phrase : trailing) {
            if (phrase.size() >= m.words.size())
                continue;
            bool same = true;
            const qsizetype from = m.words.size() - phrase.size();
            for (qsizetype i = 0; i < phrase.size() && same; ++i)
                same = m.words.at(from + i).folded == phrase.at(i);
            if (same) {
                m.words.resize(from);
                changed = true;
                break;
            }
        }
    }
}

bool wholeMessageIs(const Message &m, std::initializer_list<std::initializer_list<const char16_t *>> phrases)
{
    for (const auto &phrase : phrases) {
        if (qsizetype(phrase.size()) != m.words.size())
            continue;
        qsizetype i = 0;
        bool same = true;
        for (const char16_t *word : phrase)
            same = same && m.words.at(i++).folded == QStringView(word);
        if (same)
            return true;
    }
    return false;
}

std::optional<TaskPriority> priorityFromWords(const QList<Word> &words, qsizetype first, qsizetype last)
{
    QStringList said;
    for (qsizetype i = first; i <= last; ++i)
        said.append(words.at(i).folded);
    // "high priority", "priority high", "a high priority" are all "high".
    said.removeAll(QStringLiteral("priority"));
    said.removeAll(QStringLiteral("a"));
    said.removeAll(QStringLiteral("an"));
    said.removeAll(QStringLiteral("prio"));
    const QString text = said.join(u' ');
    if (text == u"urgent" || text == u"p1" || text == u"!urgent" || text == u"critical" || text == u"top")
        return TaskPriority::Urgent;
    if (text == u"high" || text == u"important" || text == u"p2" || text == u"!high" || text == u"very important")
        return TaskPriority::High;
    if (text == u"medium" || text == u"normal" || text == u"p3" || text == u"!medium" || text == u"mid")
        return TaskPriority::Medium;
    if (text == u"low" || text == u"p4" || text == u"!low" || text == u"minor" || text == u"unimportant")
        return TaskPriority::Low;
    if (text == u"no" || text == u"none" || text == u"not urgent" || text == u"not important" || text == u"zero")
        return TaskPriority::None;
    return std::nullopt;
}

QStringList tagsFromWords(const QList<Word> &words, const Message &m, qsizetype first, qsizetype last)
{
    QStringList tags;
    for (qsizetype i = first; i <= last; ++i) {
        QString word = m.literal(i, i);
        if (isOneOf(words.at(i).folded, {u"and", u"the", u"tag", u"tags", u"label", u"labels"}))
            continue;
        if (word.startsWith(u'#'))
            word.remove(0, 1);
        if (word.isEmpty())
            continue;
        bool known = false;
        for (const QString &tag : std::as_const(tags))
            known = known || tag.compare(word, Qt::CaseInsensitive) == 0;
        if (!known)
            tags.append(word);
    }
    return tags;
}

// ------------------------------------------------------------- the patterns

enum class Op {
    Complete,
    Reopen,
    Start,
    Pause,
    Delete,
    Rename,
    Describe,
    Due,
    ClearDue,
    Priority,
    AddTags,
    RemoveTags,
    ClearTags
};

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
    }
    return {};
}

std::optional<Op> opFromName(const QString &name)
{
    for (Op op : {Op::Complete, Op::Reopen, Op::Start, Op::Pause, Op::Delete, Op::Rename, Op::Describe, Op::Due,
                  Op::ClearDue, Op::Priority, Op::AddTags, Op::RemoveTags, Op::ClearTags}) {
        if (opName(op) == name)
            return op;
    }
    return std::nullopt;
}

struct CommandPattern
{
    Pattern pattern;
    Op op;
    std::optional<TaskPriority> fixedPriority = std::nullopt; // "prioritize X"
    bool colonAfterTask = false; // "add a note to X: text" (without the colon, where X ends is a guess)
};

// Slots: {task} a task reference; {title}, {text} literal text; {date} one
// date phrase; {shift} "2 days", "a week"; {priority}; {tags} tag words;
// {hashtags} words that all start with '#'. The first shape whose task exists
// wins, so the destructive shapes come last: "remove the due date from X" and
// "remove #work from X" are never read as "remove <a task>".
const QList<CommandPattern> &commandPatterns()
{
    static const QList<CommandPattern> patterns = [] {
        const auto p = [](const char *text, Op op, std::optional<TaskPriority> priority = std::nullopt) {
            return CommandPattern{Pattern(QString::fromUtf8(text)), op, priority};
        };
        CommandPattern noteAfterColon
            = p("add|attach|put ?a|the note|description|details to|on|for {task} {text}", Op::Describe);
        noteAfterColon.colonAfterTask = true;
        CommandPattern noteOnTask = p("note|description|details on|for|to {task} {text}", Op::Describe);
        noteOnTask.colonAfterTask = true;
        return QList<CommandPattern>{
            // Completing.
            p("mark|set|tick|check {task} ?as|to done|complete|completed|finished|off", Op::Complete),
            p("complete|finish|close|tick_off|check_off|cross_off {task}", Op::Complete),
            p("cross|tick|check {task} off", Op::Complete),
            p("{task} ?is|was|are ?all ?now done|complete|completed|finished", Op::Complete),
            p("i ?have|'ve ?just done|finished|completed|did {task}", Op::Complete),
            p("i've|ive ?just done|finished|completed|did {task}", Op::Complete),
            p("i'm|im|i_am ?all done_with|finished_with {task}", Op::Complete),
            p("done_with|finished_with|did|completed|finished {task}", Op::Complete),
            // Reopening.
            p("reopen|uncomplete|unfinish|untick|uncheck|unmark|resume {task}", Op::Reopen),
            p("mark|set {task} ?as|to "
              "not_done|undone|incomplete|open|pending|todo|unfinished|not_completed|not_complete|not_finished",
              Op::Reopen),
            p("{task} is|isn't not_done|not_finished|not_complete|not_completed|undone|incomplete", Op::Reopen),
            p("{task} isn't|wasn't done|finished|complete|completed", Op::Reopen),
            p("undo|revert completing|finishing|the_completion_of {task}", Op::Reopen),
            p("put|add {task} back on|to|in ?my|the list|tasks|todos|todo_list|to-do_list", Op::Reopen),
            // In progress.
            p("mark|set {task} ?as|to in_progress|started|doing|ongoing|active", Op::Start),
            p("start|begin ?working_on|on {task}", Op::Start),
            p("i'm|im|i_am ?now working_on|doing|on|starting {task}", Op::Start),
            p("work_on {task}", Op::Start),
            p("{task} is|was ?now in_progress|started|underway|ongoing", Op::Start),
            // Back from in progress to not started.
            p("stop|pause ?working_on|on {task}", Op::Pause),
            p("mark|set {task} ?as|to not_started|paused|on_hold|not_in_progress", Op::Pause),
            p("put {task} on_hold", Op::Pause),
            // Renaming.
            p("rename|retitle ?the_task|task {task} to|as|into {title}", Op::Rename),
            p("change|set|update ?the title|name ?of|for {task} to|as|into {title}", Op::Rename),
            p("change|set|update {task} 's title|name to|as|into {title}", Op::Rename),
            p("call {task} {title} instead", Op::Rename),
            // Describing.
            p("set|change|update ?the description|notes|note|details ?of|for|on {task} to|as {text}", Op::Describe),
            p("add|attach|put ?a|the note|description|details to|on|for {task} saying|that {text}", Op::Describe),
            noteAfterColon,
            p("describe {task} as {text}", Op::Describe),
            p("set|change|update|make {task} 's description|notes|note|details to|as {text}", Op::Describe),
            p("remove|clear|delete|drop|erase ?the description|notes|note|details from|of|on {task}", Op::Describe),
            noteOnTask,
            // Clearing the due date.
            p("no|remove_the|remove|clear_the|clear|drop_the|drop|delete_the|delete|without|take_the|take|reset_the "
              "due_date|deadline|date|due ?for|from|of|on|off {task}",
              Op::ClearDue),
            p("{task} has|needs no|doesn't_have ?a due_date|deadline|date", Op::ClearDue),
            p("unschedule|undate {task}", Op::ClearDue),
            p("make {task} undated", Op::ClearDue),
            // Setting the due date, or moving it by a span of time.
            p("push|move|reschedule|postpone|defer|delay|shift|bump|change|set|put ?back {task} "
              "to|until|till|for|on|by|back_to {date}",
              Op::Due),
            p("push|move|reschedule|postpone|defer|delay|shift|bump {task} {date}", Op::Due),
            p("push|move|postpone|defer|delay|shift|bump|put_off ?back {task} ?back|out by|for ?another {shift} "
              "?later",
              Op::Due),
            p("push|move|postpone|defer|delay|shift|bump ?back {task} back|out {shift} ?later", Op::Due),
            p("set|change|update|make ?the due_date|deadline|date|due ?of|for|on {task} to|as|for ?be {date}", Op::Due),
            p("set|change|update|move {task} 's due_date|deadline|date to|as|for {date}", Op::Due),
            p("make|set {task} due {date}", Op::Due),
            p("schedule {task} for|on|at {date}", Op::Due),
            p("{task} is|should_be|must_be|needs_to_be|has_to_be ?now due {date}", Op::Due),
            p("{task} due {date}", Op::Due),
            p("due_date|deadline|due for|of {task} is {date}", Op::Due),
            // Priority.
            p("make|set|mark|flag {task} ?as|to ?a|an {priority} ?priority", Op::Priority),
            p("set|change|update|make ?the priority|prio of|for|on {task} to|as ?be {priority}", Op::Priority),
            p("set|change|update|make {task} 's priority|prio to|as ?be {priority}", Op::Priority),
            p("{task} is|should_be ?a|an {priority} ?priority", Op::Priority),
            p("give {task} ?a|an {priority} priority|prio", Op::Priority),
            p("prioritize|prioritise {task}", Op::Priority, TaskPriority::High),
            p("deprioritize|deprioritise {task}", Op::Priority, TaskPriority::Low),
            p("remove|clear|drop|reset ?the priority|prio from|of|on|for {task}", Op::Priority, TaskPriority::None),
            p("remove|clear|drop|take ?the {priority} ?priority|flag from|off {task}", Op::Priority,
              TaskPriority::None),
            // Tags.
            p("tag|label {task} with|as {tags}", Op::AddTags),
            p("tag|label {task} {hashtags}", Op::AddTags),
            p("add ?the tag|tags|label|labels {tags} to {task}", Op::AddTags),
            p("add {hashtags} to {task}", Op::AddTags),
            p("add ?the {tags} tag|label to {task}", Op::AddTags),
            p("{task} is|should_be|must_be tagged|labelled|labeled {tags}", Op::AddTags),
            p("remove|delete|drop ?the tag|tags|label|labels {tags} from {task}", Op::RemoveTags),
            p("remove|delete|drop|take {hashtags} from|off {task}", Op::RemoveTags),
            p("remove|delete|drop|take ?the {tags} tag|label from|off {task}", Op::RemoveTags),
            p("remove|delete|clear ?all ?the tags|labels from|of|on {task}", Op::ClearTags),
            p("untag {hashtags} from {task}", Op::RemoveTags),
            p("untag {tags} from {task}", Op::RemoveTags),
            p("untag {task}", Op::ClearTags),
            p("untag {task} {tags}", Op::RemoveTags),
            // Deleting one task (several ask first).
            p("delete|remove|trash|erase|drop|scrap|discard|get_rid_of|cancel|kill ?the_task|task {task} "
              "from|off ?my|the list|tasks|todos|todo_list|to-do_list",
              Op::Delete),
            p("delete|remove|trash|erase|drop|scrap|scratch|discard|get_rid_of|cancel|kill ?the_task|task {task}",
              Op::Delete),
            p("{task} can_be deleted|removed", Op::Delete),
        };
    }();
    return patterns;
}

// "2 days", "a week", "three weeks", "one month": {days, months}.
std::optional<std::pair<int, int>> shiftFromWords(const QList<Word> &words, qsizetype first, qsizetype last)
{
    if (last != first + 1)
        return std::nullopt;
    const QString &count = words.at(first).folded;
    const int n = (count == u"a" || count == u"an") ? 1 : ordinalOrNumber(count);
    const bool ordinal
        = count.endsWith(u"st") || count.endsWith(u"nd") || count.endsWith(u"rd") || count.endsWith(u"th");
    if (n <= 0 || n > 366 || ordinal)
        return std::nullopt;
    const QString &unit = words.at(last).folded;
    if (isOneOf(unit, {u"day", u"days"}))
        return std::pair{n, 0};
    if (isOneOf(unit, {u"week", u"weeks"}))
        return std::pair{7 * n, 0};
    if (isOneOf(unit, {u"month", u"months"}))
        return std::pair{0, n};
    return std::nullopt;
}

// Where a task reference looks first: what an operation normally applies to.
enum class Scope { Any, Open, Completed };

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

// The order of every list: TaskQuery's due order (soonest first, undated last,
// then more urgent, older, and by id), on keys the catalog computed once.
bool listsBefore(const Entry *a, const Entry *b)
{
    if (a->dueKey != b->dueKey)
        return a->dueKey && (!b->dueKey || *a->dueKey < *b->dueKey);
    if (a->task.priority != b->task.priority)
        return a->task.priority > b->task.priority;
    if (a->createdMs != b->createdMs)
        return a->createdMs < b->createdMs;
    // As the ids' text compares: field by field, most significant first.
    const QUuid &x = a->task.id;
    const QUuid &y = b->task.id;
    if (x.data1 != y.data1)
        return x.data1 < y.data1;
    if (x.data2 != y.data2)
        return x.data2 < y.data2;
    if (x.data3 != y.data3)
        return x.data3 < y.data3;
    return std::lexicographical_compare(std::begin(x.data4), std::end(x.data4), std::begin(y.data4), std::end(y.data4));
}

// ----------------------------------------------------------------- one turn

class Turn
{
public:
    Turn(Message message, ConversationState &state, TaskCatalog &catalog, TaskOps &ops, const TurnContext &context)
        : m(std::move(message))
        , m_state(state)
        , m_catalog(catalog)
        , m_ops(ops)
        , m_context(context)
    {
        m_parse.now = context.now.instant;
        m_parse.timeZone = context.now.zone;
        m_parse.locale = context.locale;
    }

    EngineReply run()
    {
        if (m.words.isEmpty())
            return notUnderstood();
        if (auto reply = answerPending())
            return *reply;
        stripCourtesy(m);
        if (auto reply = smallTalk())
            return *reply;
        if (auto reply = undoRedo())
            return *reply;
        // Commands and additions are told apart by their first words, so the
        // order here only matters for sentences that fit several shapes.
        if (m.words.size() <= maxWordsForCommands) {
            if (auto reply = bulkDelete())
                return *reply;
            if (auto reply = command())
                return *reply;
            if (auto reply = taskQuestion())
                return *reply;
        }
        if (auto reply = create())
            return *reply;
        if (m.words.size() <= maxWordsForCommands) {
            if (auto reply = query())
                return *reply;
        }
        if (auto reply = bareTask())
            return *reply;
        if (m_statementMiss)
            return *m_statementMiss;
        if (m.words.size() == 1
            && isOneOf(m.words.constFirst().folded,
                       {u"delete",     u"remove",   u"complete",   u"finish",   u"rename", u"reopen", u"start", u"tag",
                        u"untag",      u"add",      u"create",     u"push",     u"move",   u"mark",   u"check", u"tick",
                        u"reschedule", u"postpone", u"prioritize", u"describe", u"trash",  u"erase"}))
            return EngineReply{
                QStringLiteral("Which task? For example: “%1 the dentist task”.").arg(m.words.constFirst().folded)};
        return notUnderstood();
    }

private:
    struct Filter
    {
        TaskQuery query; // what was asked for (its sort is not used: lists sort by listsBefore())
        QDateTime completedAfter; // "what did I finish today": when it was done, not when it was due
        QDateTime completedBefore;
        QString text; // words of the title or description, as said ("find cafe")
        int unknownWords = 0; // words that said nothing about which tasks
        QString description; // "open tasks due today"
        bool count = false;
        bool overdue = false;

        // The same answers as query.matches() (plus overdue and completion
        // times), on bounds computed once by prepare() rather than per task.
        bool accepts(const Task &task) const
        {
            if (!query.statuses.isEmpty() && !query.statuses.contains(task.status))
                return false;
            if (!query.priorities.isEmpty() && !query.priorities.contains(task.priority))
                return false;
            if (!query.tag.isEmpty()) {
                bool tagged = false;
                for (const QString &candidate : task.tags)
                    tagged = tagged
                        || (candidate.size() == query.tag.size()
                            && candidate.compare(query.tag, Qt::CaseInsensitive) == 0);
                if (!tagged)
                    return false;
            }
            if ((query.dueFilter == DueFilter::HasDue && task.due.isNone())
                || (query.dueFilter == DueFilter::NoDue && !task.due.isNone()))
                return false;
            if (m_hasAfter || m_hasBefore) {
                if (task.due.isNone())
                    return false;
                if (task.due.hasTime()) {
                    const qint64 at = task.due.dateTime().toMSecsSinceEpoch();
                    if ((m_hasAfter && at < m_afterMs) || (m_hasBefore && at >= m_beforeMs))
                        return false;
                } else {
                    const QDate date = task.due.date();
                    if ((m_firstDate.isValid() && date < m_firstDate) || (m_endDate.isValid() && date >= m_endDate))
                        return false;
                }
            }
            if (overdue) { // isOverdue(), on today's date and now computed once
                if (task.due.isNone() || task.status == TaskStatus::Completed)
                    return false;
                if (task.due.hasTime() ? task.due.dateTime().toMSecsSinceEpoch() >= m_nowMs
                                       : task.due.date() >= m_today)
                    return false;
            }
            if ((m_hasCompletedAfter && task.completedAt < completedAfter)
                || (m_hasCompletedBefore && task.completedAt >= completedBefore))
                return false;
            return true;
        }

        void prepare(const Now &now)
        {
            m_today = now.today();
            m_nowMs = now.instant.toMSecsSinceEpoch();
            m_hasAfter = query.dueAfter.isValid();
            m_hasBefore = query.dueBefore.isValid();
            m_hasCompletedAfter = completedAfter.isValid();
            m_hasCompletedBefore = completedBefore.isValid();
            query.tag = query.tag.trimmed();
            m_firstDate = query.firstDate();
            m_endDate = query.endDate();
            m_afterMs = query.dueAfter.isValid() ? query.dueAfter.toMSecsSinceEpoch() : 0;
            m_beforeMs = query.dueBefore.isValid() ? query.dueBefore.toMSecsSinceEpoch() : 0;
        }

    private:
        QDate m_today;
        qint64 m_nowMs = 0;
        bool m_hasAfter = false;
        bool m_hasBefore = false;
        bool m_hasCompletedAfter = false;
        bool m_hasCompletedBefore = false;
        QDate m_firstDate;
        QDate m_endDate;
        qint64 m_afterMs = 0;
        qint64 m_beforeMs = 0;
    };

    // Whether the task has `text` in its title or description (ignoring case and
    // accents), or, said with a typo or out of order, close to its title's words.
    // Both sides are folded once (the catalog keeps its entries folded), so the
    // search is a plain, case-sensitive substring scan: "find Zoe" on 10,000
    // tasks reads every title and description, and a case-insensitive matcher
    // there was most of a query's time.
    struct TextMatcher
    {
        QString folded;
        QSet<QUuid> close;
        QStringMatcher matcher;
        void prepare() { matcher = QStringMatcher(folded); }
        bool matches(const Entry &entry) const
        {
            return matcher.indexIn(entry.folded) >= 0 || close.contains(entry.task.id)
                || (!entry.foldedDescription.isEmpty() && matcher.indexIn(entry.foldedDescription) >= 0);
        }
    };

    // ------------------------------------------------------------ resolving

    struct Resolution
    {
        QList<const Entry *> tasks; // one: resolved; several: ask which; none: not found
        QString said; // what the user called it, for the reply
        bool byReference = false; // "it", "#2": never ambiguous
        bool exact = false; // by reference, or the whole title as said
        bool wordsExact = false; // exact, or every word said is in the best title as said (no typo, no prefix)
        double score = 0; // how well the best task matches (TaskCatalog::Match::score)
    };

    Resolution resolve(qsizetype first, qsizetype last, Scope scope) const
    {
        Resolution r;
        r.said = m.literal(first, last);
        QStringList words;
        for (qsizetype i = first; i <= last; ++i)
            words.append(m.words.at(i).folded);
        // Drop articles and filler: "the", "my", "task", "one", "called".
        const auto filler = [](const QString &w) {
            return isOneOf(w,
                           {u"the", u"my", u"a", u"an", u"task", u"todo", u"item", u"one", u"called", u"named",
                            u"titled", u"that", u"this", u"thing"});
        };

        // Pronouns: the task last mentioned.
        const QString joined = words.join(u' ');
        if (isOneOf(joined,
                    {u"it", u"that", u"this", u"that one", u"this one", u"that task", u"this task", u"the task",
                     u"them", u"the last one i added", u"the one i just added"})) {
            r.byReference = r.exact = true;
            r.score = 1;
            if (const Entry *entry = m_catalog.find(m_state.lastTask))
                r.tasks.append(entry);
            return r;
        }
        // Numbers from the last list: "3", "#3", "the third one", "number 3", "the last one".
        {
            QStringList rest;
            for (const QString &w : std::as_const(words)) {
                if (!filler(w) && !isOneOf(w, {u"number", u"no", u"no.", u"item", u"option"}))
                    rest.append(w);
            }
            int number = rest.size() == 1 ? ordinalOrNumber(rest.constFirst()) : 0;
            if (rest.size() == 1 && rest.constFirst() == u"last" && !m_state.lastList.isEmpty())
                number = int(m_state.lastList.size());
            if (number > 0 && rest.size() == 1 && !m_state.lastList.isEmpty()) {
                r.byReference = r.exact = true;
                r.score = 1;
                if (number <= m_state.lastList.size()) {
                    if (const Entry *entry = m_catalog.find(m_state.lastList.at(number - 1)))
                        r.tasks.append(entry);
                }
                return r;
            }
        }
        // A quoted title is exact (ignoring case and accents).
        if (first == last && m.isQuote(first)) {
            const QString folded = foldForMatching(m.quotes.value(first));
            QStringList quotedWords;
            for (const Word &word : splitWords(folded))
                quotedWords.append(word.folded);
            const auto matches = m_catalog.match(quotedWords, folded);
            for (const auto &match : matches) {
                if (match.exact)
                    r.tasks.append(match.entry);
            }
            if (r.tasks.size() > 1)
                preferScope(r.tasks, scope);
            r.exact = !r.tasks.isEmpty();
            r.score = r.exact ? 1 : 0;
            return r;
        }
        QStringList query;
        for (const QString &w : std::as_const(words)) {
            if (!filler(w))
                query.append(w);
        }
        if (query.isEmpty())
            query = words;
        const QString foldedQuery = foldForMatching(r.said);
        auto matches = m_catalog.match(query, foldedQuery);
        // An exact title wins outright.
        QList<const Entry *> exact;
        for (const auto &match : std::as_const(matches)) {
            if (match.exact)
                exact.append(match.entry);
        }
        if (!exact.isEmpty()) {
            preferScope(exact, scope);
            r.tasks = exact;
            r.exact = true;
            r.score = 1;
            return r;
        }
        // Otherwise the best score, if it stands out; prefer the operation's scope.
        QList<TaskCatalog::Match> scoped;
        for (const auto &match : std::as_const(matches)) {
            if (inScope(match.entry->task, scope))
                scoped.append(match);
        }
        if (scoped.isEmpty())
            scoped = matches;
        if (scoped.isEmpty())
            return r;
        const double best = scoped.constFirst().score;
        r.score = best;
        r.wordsExact = scoped.constFirst().wordsExact;
        for (const auto &match : std::as_const(scoped)) {
            if (best - match.score < 0.08)
                r.tasks.append(match.entry);
            if (r.tasks.size() >= 9)
                break;
        }
        return r;
    }

    static void preferScope(QList<const Entry *> &tasks, Scope scope)
    {
        QList<const Entry *> preferred;
        for (const Entry *entry : std::as_const(tasks)) {
            if (inScope(entry->task, scope))
                preferred.append(entry);
        }
        if (!preferred.isEmpty())
            tasks = preferred;
    }

    // ------------------------------------------------------------- replies

    Now now() const { return m_context.now; }

    EngineReply notUnderstood() const
    {
        return EngineReply{QStringLiteral("Sorry, I didn't understand that. ") + BuiltinEngine::helpText(), false};
    }

    EngineReply failure(const QString &doing, const Error &error) const
    {
        return EngineReply{QStringLiteral("I couldn't %1: %2.").arg(doing, error.toString())};
    }

    EngineReply notFound(const QString &said) const
    {
        return EngineReply{QStringLiteral("I couldn't find a task matching %1. Say “show my tasks” to see them, or "
                                          "“add %2” to add it.")
                               .arg(quoted(said), said)};
    }

    EngineReply askWhich(Op op, const QJsonObject &arguments, const QList<const Entry *> &candidates,
                         const QString &said)
    {
        QList<Task> tasks;
        QList<QUuid> ids;
        for (const Entry *entry : candidates) {
            tasks.append(entry->task);
            ids.append(entry->task.id);
        }
        m_state.pending.question = PendingAction::Question::WhichTask;
        m_state.pending.operation = opName(op);
        m_state.pending.arguments = arguments;
        m_state.pending.candidates = ids;
        m_state.lastList = ids;
        return EngineReply{QStringLiteral("Several tasks match %1. Which one?\n%2\nSay a number, or “none”.")
                               .arg(quoted(said), numberedList(tasks, now()))};
    }

    // --------------------------------------------------------- small talk

    std::optional<EngineReply> smallTalk() const
    {
        const QString &head = m.words.constFirst().folded;
        const QString second = m.words.size() > 1 ? m.words.at(1).folded : QString();
        if (m.words.size() <= 6
            && (isOneOf(head, {u"thanks", u"thx", u"ty", u"cheers"}) || (head == u"thank" && second == u"you")))
            return EngineReply{QStringLiteral("You're welcome!")};
        if (wholeMessageIs(m,
                           {{u"bye"},
                            {u"goodbye"},
                            {u"bye", u"bye"},
                            {u"good", u"night"},
                            {u"goodnight"},
                            {u"see", u"you"},
                            {u"see", u"you", u"later"},
                            {u"later"}}))
            return EngineReply{QStringLiteral("Bye! Everything is saved.")};
        if (wholeMessageIs(m,
                           {{u"well", u"done"},
                            {u"good", u"job"},
                            {u"great", u"job"},
                            {u"nice", u"one"},
                            {u"good", u"bot"},
                            {u"love", u"it"}}))
            return EngineReply{QStringLiteral("Thanks!")};
        if (wholeMessageIs(m, {{u"who", u"are", u"you"}, {u"what", u"are", u"you"}, {u"who's", u"this"}}))
            return EngineReply{QStringLiteral("I'm Tandem's assistant: I add, find and change your tasks. ")
                               + BuiltinEngine::helpText()};
        if (wholeMessageIs(m,
                           {{u"what", u"time", u"is", u"it"},
                            {u"what's", u"the", u"time"},
                            {u"what", u"day", u"is", u"it"},
                            {u"what", u"day", u"is", u"it", u"today"},
                            {u"what's", u"the", u"date"},
                            {u"what's", u"today's", u"date"},
                            {u"what", u"is", u"today's", u"date"},
                            {u"what's", u"the", u"date", u"today"}}))
            return EngineReply{QStringLiteral("It's %1.")
                                   .arg(QLocale(QLocale::English)
                                            .toString(now().instant.toTimeZone(now().zone),
                                                      QStringLiteral("dddd d MMMM yyyy, H:mm")))};
        if (wholeMessageIs(m,
                           {{u"hi"},
                            {u"hello"},
                            {u"hey"},
                            {u"hiya"},
                            {u"howdy"},
                            {u"yo"},
                            {u"hi", u"there"},
                            {u"hello", u"there"},
                            {u"hey", u"there"},
                            {u"good", u"morning"},
                            {u"good", u"afternoon"},
                            {u"good", u"evening"},
                            {u"morning"},
                            {u"hi", u"tandem"},
                            {u"hello", u"tandem"}}))
            return EngineReply{
                QStringLiteral("Hi! What can I do for you? For example: “add call Alex tomorrow at 3pm” or "
                               "“what's due this week?”")};
        // (Thanks, thx, ty, cheers and "thank you ..." were answered above.)
        if (wholeMessageIs(m,
                           {{u"great"},
                            {u"perfect"},
                            {u"awesome"},
                            {u"nice"},
                            {u"cool"},
                            {u"ok", u"thanks"},
                            {u"great", u"thanks"},
                            {u"got", u"it"}}))
            return EngineReply{QStringLiteral("You're welcome!")};
        if (wholeMessageIs(m,
                           {{u"help"},
                            {u"help", u"me"},
                            {u"what", u"can", u"you", u"do"},
                            {u"commands"},
                            {u"how", u"does", u"this", u"work"},
                            {u"what", u"do", u"you", u"do"},
                            {u"examples"},
                            {u"how", u"do", u"i", u"use", u"you"}}))
            return EngineReply{QStringLiteral("I manage your tasks. ") + BuiltinEngine::helpText()};
        return std::nullopt;
    }

    // -------------------------------------------------------- undo & redo

    std::optional<EngineReply> undoRedo()
    {
        const bool undo = wholeMessageIs(m,
                                         {{u"undo"},
                                          {u"undo", u"that"},
                                          {u"undo", u"it"},
                                          {u"undo", u"this"},
                                          {u"undo", u"the", u"last", u"change"},
                                          {u"undo", u"last"},
                                          {u"take", u"that", u"back"},
                                          {u"revert"},
                                          {u"revert", u"that"},
                                          {u"revert", u"it"},
                                          {u"oops", u"undo"}}); // ("undo please": courtesy is stripped first)
        const bool redo = wholeMessageIs(m,
                                         {{u"redo"},
                                          {u"redo", u"that"},
                                          {u"redo", u"it"},
                                          {u"do", u"it", u"again"},
                                          {u"redo", u"the", u"last", u"change"}});
        if (!undo && !redo)
            return std::nullopt;
        QList<StepGroup> &from = undo ? m_state.undo : m_state.redo;
        QList<StepGroup> &to = undo ? m_state.redo : m_state.undo;
        if (from.isEmpty())
            return EngineReply{undo ? QStringLiteral("There is nothing of mine to undo.")
                                    : QStringLiteral("There is nothing to redo.")};
        auto done = m_ops.undoLast(from, to, undo);
        if (!done)
            return failure(undo ? QStringLiteral("undo that") : QStringLiteral("redo that"), done.error());
        const StepGroup group = done.value();
        for (const Step &step : group)
            m_state.lastTask = step.taskId;
        return EngineReply{
            (undo ? QStringLiteral("Undone: %1.") : QStringLiteral("Redone: %1.")).arg(describeGroup(group, undo))};
    }

    QString describeGroup(const StepGroup &group, bool undone) const
    {
        QStringList parts;
        for (const Step &step : group) {
            const Entry *entry = m_catalog.find(step.taskId);
            const QString title = quoted(entry ? entry->task.title : step.title);
            switch (step.kind) {
            case Step::Kind::Create:
                parts.append(undone ? QStringLiteral("removed %1").arg(title)
                                    : QStringLiteral("added %1 back").arg(title));
                break;
            case Step::Kind::Delete:
                parts.append(undone ? QStringLiteral("brought back %1").arg(title)
                                    : QStringLiteral("deleted %1 again").arg(title));
                break;
            case Step::Kind::Restore:
                parts.append(undone ? QStringLiteral("deleted %1 again").arg(title)
                                    : QStringLiteral("brought back %1").arg(title));
                break;
            case Step::Kind::Update:
                parts.append(undone ? QStringLiteral("%1 is back to how it was").arg(title)
                                    : QStringLiteral("changed %1 again").arg(title));
                break;
            }
        }
        parts.removeDuplicates();
        return parts.join(QStringLiteral("; "));
    }

    // ---------------------------------------------------- pending answers

    std::optional<EngineReply> answerPending()
    {
        if (!m_state.pending.isPending())
            return std::nullopt;
        const PendingAction pending = m_state.pending;
        m_state.pending = {};
        const bool cancel = wholeMessageIs(m,
                                           {{u"none"},
                                            {u"no"},
                                            {u"nope"},
                                            {u"cancel"},
                                            {u"never", u"mind"},
                                            {u"nevermind"},
                                            {u"neither"},
                                            {u"forget", u"it"},
                                            {u"stop"},
                                            {u"none", u"of", u"them"},
                                            {u"no", u"thanks"},
                                            {u"don't"},
                                            {u"keep", u"them"},
                                            {u"no", u"don't"},
                                            {u"abort"}});
        if (pending.question == PendingAction::Question::ConfirmBulk) {
            const bool yes = wholeMessageIs(m,
                                            {{u"yes"},
                                             {u"y"},
                                             {u"yeah"},
                                             {u"yep"},
                                             {u"yup"},
                                             {u"sure"},
                                             {u"ok"},
                                             {u"okay"},
                                             {u"confirm"},
                                             {u"do", u"it"},
                                             {u"go", u"ahead"},
                                             {u"yes", u"please"},
                                             {u"yes", u"delete", u"them"},
                                             {u"delete", u"them"},
                                             {u"yes", u"do", u"it"},
                                             {u"absolutely"}});
            if (cancel)
                return EngineReply{QStringLiteral("OK, I left them as they are.")};
            if (!yes)
                return std::nullopt; // a new request: the question lapses
            if (pending.operation == TurnTools::deferredOperation()) {
                // Changes a language model held back for this yes.
                const QStringList lines = TurnTools::runConfirmed(
                    pending.arguments.value(QStringLiteral("calls")).toArray(), m_ops, m_catalog, m_state, m_context);
                remember();
                return EngineReply{lines.isEmpty() ? QStringLiteral("Nothing needed changing.") : lines.join(u'\n')};
            }
            const auto op = opFromName(pending.operation);
            if (!op)
                return std::nullopt;
            if (*op == Op::Delete)
                return deleteAll(pending.candidates);
            return applyAll(*op, pending.arguments, pending.candidates);
        }
        // Which task?
        if (cancel)
            return EngineReply{QStringLiteral("OK, never mind.")};
        QList<const Entry *> candidates;
        for (const QUuid &id : pending.candidates) {
            if (const Entry *entry = m_catalog.find(id))
                candidates.append(entry);
        }
        const Entry *chosen = chooseAmong(candidates);
        if (!chosen && looksLikeAnAnswer()) {
            // "the green one", "7": meant as an answer, so never a new request.
            m_state.pending = pending;
            return EngineReply{QStringLiteral("I couldn't tell which one you mean. Say a number from 1 to %1, or "
                                              "“none”.")
                                   .arg(candidates.size())};
        }
        if (!chosen)
            return std::nullopt;
        const auto op = opFromName(pending.operation);
        if (!op)
            return std::nullopt;
        return apply(*op, pending.arguments, chosen);
    }

    // "7", "the last", "the one ...", "the ... one", "number ..."
    bool looksLikeAnAnswer() const
    {
        const auto &w = m.words;
        if (w.size() == 1)
            return ordinalOrNumber(w.constFirst().folded) > 0 || w.constFirst().folded == u"last";
        const QString &head = w.constFirst().folded;
        return head == u"number" || head == u"option"
            || (head == u"the" && (w.at(1).folded == u"one" || w.constLast().folded == u"one"));
    }

    // "the first", "2", "#2", "the one due friday", "the urgent one", "the one tagged work", or words of its title.
    const Entry *chooseAmong(const QList<const Entry *> &candidates) const
    {
        if (candidates.isEmpty())
            return nullptr;
        QStringList words;
        for (const Word &w : m.words) {
            if (!isOneOf(w.folded, {u"the", u"one", u"number", u"option", u"task", u"please", u"i", u"mean", u"meant"}))
                words.append(w.folded);
        }
        if (words.size() == 1) {
            if (words.constFirst() == u"last")
                return candidates.constLast();
            const int n = ordinalOrNumber(words.constFirst());
            if (n > 0)
                return n <= candidates.size() ? candidates.at(n - 1) : nullptr;
        }
        // "the one due friday"
        if (!words.isEmpty() && words.constFirst() == u"due") {
            if (const auto due = QuickAddParser::findDue(m.text, m_parse)) {
                QList<const Entry *> same;
                for (const Entry *entry : candidates) {
                    if (!entry->task.due.isNone() && entry->task.due.date() == due->due.date())
                        same.append(entry);
                }
                return same.size() == 1 ? same.constFirst() : nullptr;
            }
        }
        // "the urgent one", "the high priority one"
        QList<Word> said;
        for (const QString &word : std::as_const(words))
            said.append(Word{word, 0, 0});
        if (const auto priority = said.isEmpty() ? std::nullopt : priorityFromWords(said, 0, said.size() - 1)) {
            QList<const Entry *> same;
            for (const Entry *entry : candidates) {
                if (entry->task.priority == *priority)
                    same.append(entry);
            }
            if (same.size() == 1)
                return same.constFirst();
        }
        // "the one tagged work", "#work"
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString &word = words.at(i);
            QString tag = word.startsWith(u'#') ? word.mid(1) : QString();
            if (isOneOf(word, {u"tagged", u"labelled", u"labeled"}) && i + 1 < words.size())
                tag = words.at(i + 1).startsWith(u'#') ? words.at(i + 1).mid(1) : words.at(i + 1);
            if (tag.isEmpty())
                continue;
            QList<const Entry *> same;
            for (const Entry *entry : candidates) {
                for (const QString &t : entry->task.tags) {
                    if (foldForMatching(t) == tag)
                        same.append(entry);
                }
            }
            if (same.size() == 1)
                return same.constFirst();
        }
        // Words of one candidate's title (and of no other).
        QList<const Entry *> hits;
        for (const Entry *entry : candidates) {
            bool all = !words.isEmpty();
            for (const QString &word : std::as_const(words))
                all = all && (entry->words.contains(word) || entry->folded.contains(word));
            if (all)
                hits.append(entry);
        }
        return hits.size() == 1 ? hits.constFirst() : nullptr;
    }

    // ------------------------------------------------------------ commands

    // Whether words [first, last] can name a task: never just filler, never
    // across a colon, never the words of a query ("completed tasks"), and
    // when the message starts with it, never a question ("what's due ...").
    bool taskSlotValid(qsizetype first, qsizetype last) const
    {
        const QString &head = m.words.at(first).folded;
        if (first == last && isOneOf(head, {u"the", u"a", u"my", u"all", u"as", u"to"}))
            return false;
        for (qsizetype i = first; i < last; ++i) {
            if (m.markAfter(i, u':'))
                return false;
        }
        if (isOneOf(
                head,
                {u"tasks", u"todos", u"items", u"everything", u"ones", u"anything", u"something", u"nothing", u"any"}))
            return false;
        return first > 0 || !isOneOf(head, {u"what", u"what's", u"whats",    u"which", u"how", u"when", u"where",
                                            u"who",  u"why",    u"show",     u"list",  u"do",  u"does", u"is",
                                            u"are",  u"any",    u"anything", u"am",    u"can", u"could"});
    }

    // "the unicorn report" rather than "i'm" or "we": worth a "not found".
    bool looksLikeAName(qsizetype first, qsizetype last) const
    {
        for (qsizetype i = first; i <= last; ++i) {
            const QString &word = m.words.at(i).folded;
            if (isOneOf(word, {u"all", u"everything", u"every"}))
                return false; // "mark all as done" is about several tasks
        }
        for (qsizetype i = first; i <= last; ++i) {
            const QString &word = m.words.at(i).folded;
            if (word.size() >= 3
                && !isOneOf(
                    word, {u"i'm", u"we're", u"you're", u"that's", u"it's", u"this", u"that", u"the", u"you", u"its"}))
                return true;
        }
        return false;
    }

    // What a shape's slots say, or nothing when they do not make sense.
    std::optional<QJsonObject> argumentsFor(const CommandPattern &command, const Pattern::Captures &captures) const
    {
        QJsonObject arguments;
        switch (command.op) {
        case Op::Rename: {
            const auto [a, b] = captures.value(QStringLiteral("title"));
            arguments.insert(QStringLiteral("title"), m.literal(a, b));
            break;
        }
        case Op::Describe: {
            // No {text}: "remove the note from X" clears it.
            const auto [a, b] = captures.value(QStringLiteral("text"));
            arguments.insert(QStringLiteral("text"),
                             captures.contains(QStringLiteral("text")) ? m.literal(a, b) : QString());
            break;
        }
        case Op::Due:
            if (captures.contains(QStringLiteral("shift"))) {
                const auto [a, b] = captures.value(QStringLiteral("shift"));
                const auto shift = shiftFromWords(m.words, a, b);
                if (!shift)
                    return std::nullopt;
                arguments.insert(QStringLiteral("shiftDays"), shift->first);
                arguments.insert(QStringLiteral("shiftMonths"), shift->second);
            } else {
                const auto [a, b] = captures.value(QStringLiteral("date"));
                const auto due = QuickAddParser::findDue(m.span(a, b), m_parse);
                if (!due)
                    return std::nullopt;
                arguments.insert(QStringLiteral("due"), due->due.toIsoString());
            }
            break;
        case Op::Priority: {
            TaskPriority priority = TaskPriority::High;
            if (command.fixedPriority) {
                priority = *command.fixedPriority;
            } else {
                const auto [a, b] = captures.value(QStringLiteral("priority"));
                priority = *priorityFromWords(m.words, a, b);
            }
            arguments.insert(QStringLiteral("priority"), taskPriorityName(priority));
            break;
        }
        case Op::AddTags:
        case Op::RemoveTags: {
            const QString slot
                = captures.contains(QStringLiteral("hashtags")) ? QStringLiteral("hashtags") : QStringLiteral("tags");
            const auto [a, b] = captures.value(slot);
            const QStringList tags = tagsFromWords(m.words, m, a, b);
            if (tags.isEmpty())
                return std::nullopt;
            arguments.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
            break;
        }
        default:
            break;
        }
        return arguments;
    }

    std::optional<EngineReply> command()
    {
        const auto valid = [&](const QString &slot, qsizetype first, qsizetype last) {
            if (slot == u"date")
                return dateSpans(first, last);
            if (slot == u"shift")
                return shiftFromWords(m.words, first, last).has_value();
            if (slot == u"priority")
                return priorityFromWords(m.words, first, last).has_value();
            if (slot == u"task")
                return taskSlotValid(first, last);
            if (slot == u"hashtags") {
                for (qsizetype i = first; i <= last; ++i) {
                    if (!m.words.at(i).folded.startsWith(u'#'))
                        return false;
                }
            }
            return true;
        };
        std::optional<EngineReply> firstMiss;
        for (const CommandPattern &command : commandPatterns()) {
            // A shape may fit in several ways ("call buy milk Buy soy milk instead"):
            // take the reading whose task matches best, stopping at an exact title.
            struct Reading
            {
                QJsonObject arguments;
                Resolution resolution;
            };
            std::optional<Reading> best;
            QList<const Entry *> several; // "complete the report and the plants"
            QJsonObject severalArguments;
            int tried = 0;
            command.pattern.matchAll(m.words, 0, valid, [&](const Pattern::Captures &captures) {
                const auto [taskFirst, taskLast] = captures.value(QStringLiteral("task"));
                if (command.colonAfterTask && !m.markAfter(taskLast, u':'))
                    return false;
                const auto arguments = argumentsFor(command, captures);
                if (!arguments)
                    return false;
                ++tried;
                Resolution r = resolve(taskFirst, taskLast, scopeFor(command.op));
                if (r.tasks.isEmpty() && several.isEmpty() && command.op != Op::Rename && command.op != Op::Describe) {
                    several = namedList(taskFirst, taskLast);
                    severalArguments = *arguments;
                }
                if (r.tasks.isEmpty()) {
                    // "buy bread due monday" names no task: perhaps a new one, so
                    // only shapes that start with a command say "not found".
                    if (taskFirst > 0 && !firstMiss)
                        firstMiss = unresolved(r);
                    else if (taskFirst == 0 && !m_statementMiss && looksLikeAName(taskFirst, taskLast))
                        m_statementMiss = unresolved(r);
                    return tried >= maxSplits;
                }
                if (!best || r.score > best->resolution.score)
                    best = Reading{*arguments, r};
                return best->resolution.exact || tried >= maxSplits;
            });
            if (!best && several.size() > 1)
                return askBulk(command.op, severalArguments, several);
            if (!best)
                continue;
            const Resolution &r = best->resolution;
            if (command.op == Op::Delete && m.words.size() == 2 && m.words.constFirst().folded == u"cancel"
                && isOneOf(m.words.at(1).folded, {u"that", u"it", u"this"}))
                // "cancel that" often means "undo": never guess a delete.
                return EngineReply{
                    QStringLiteral("Do you want to undo my last change (say “undo”), or delete %1 "
                                   "(say “delete %2”)?")
                        .arg(quoted(r.tasks.constFirst()->task.title), r.tasks.constFirst()->task.title)};
            if (r.tasks.size() > 1)
                return askWhich(command.op, best->arguments, r.tasks, r.said);
            if (command.op == Op::Delete && !clearlyNamed(r))
                return confirmDelete(r.tasks.constFirst());
            return apply(command.op, best->arguments, r.tasks.constFirst());
        }
        return firstMiss;
    }

    EngineReply unresolved(const Resolution &r) const
    {
        if (r.byReference)
            return EngineReply{QStringLiteral("I'm not sure which task you mean by %1. Say its name, or ask me to "
                                              "list your tasks first.")
                                   .arg(quoted(r.said))};
        return notFound(r.said);
    }

    // True when words [first, last] are one date expression and nothing else.
    bool dateSpans(qsizetype first, qsizetype last) const
    {
        const QString text = m.span(first, last);
        const auto due = QuickAddParser::findDue(text, m_parse);
        return due && due->start == 0 && due->length == text.size();
    }

    struct Edit
    {
        TaskPatch patch;
        QString done; // "Marked “X” as done."
        QString unchanged; // when there is nothing to do: the reply that says so
    };

    // What `op` changes on `task`; nothing when the arguments make no sense.
    std::optional<Edit> editFor(Op op, const QJsonObject &arguments, const Task &task) const
    {
        const QString title = quoted(task.title);
        Edit edit;
        TaskPatch &patch = edit.patch;
        QString &done = edit.done;
        switch (op) {
        case Op::Complete:
            if (task.status == TaskStatus::Completed)
                return Edit{{}, {}, QStringLiteral("%1 is already done.").arg(title)};
            patch.status = TaskStatus::Completed;
            done = QStringLiteral("Marked %1 as done.").arg(title);
            break;
        case Op::Reopen:
            if (task.status != TaskStatus::Completed)
                return Edit{{}, {}, QStringLiteral("%1 is not done yet, so it is already open.").arg(title)};
            patch.status = TaskStatus::Pending;
            done = QStringLiteral("Reopened %1.").arg(title);
            break;
        case Op::Start:
            if (task.status == TaskStatus::InProgress)
                return Edit{{}, {}, QStringLiteral("%1 is already in progress.").arg(title)};
            patch.status = TaskStatus::InProgress;
            done = QStringLiteral("Marked %1 as in progress.").arg(title);
            break;
        case Op::Pause:
            if (task.status != TaskStatus::InProgress)
                return Edit{{}, {}, QStringLiteral("%1 is not in progress.").arg(title)};
            patch.status = TaskStatus::Pending;
            done = QStringLiteral("%1 is no longer in progress.").arg(title);
            break;
        case Op::Delete:
            return std::nullopt; // not an edit
        case Op::Rename: {
            patch.title = arguments.value(QStringLiteral("title")).toString().trimmed();
            if (*patch.title == task.title)
                return Edit{{}, {}, QStringLiteral("%1 is already called that.").arg(title)};
            done = QStringLiteral("Renamed %1 to %2.").arg(title, quoted(*patch.title));
            break;
        }
        case Op::Describe:
            patch.description = arguments.value(QStringLiteral("text")).toString().trimmed();
            if (*patch.description == task.description)
                return Edit{{},
                            {},
                            task.description.isEmpty() ? QStringLiteral("%1 has no description.").arg(title)
                                                       : QStringLiteral("%1 already has that description.").arg(title)};
            done = patch.description->isEmpty() ? QStringLiteral("Removed the description of %1.").arg(title)
                                                : QStringLiteral("Updated the description of %1.").arg(title);
            break;
        case Op::Due: {
            const auto due = arguments.contains(QStringLiteral("due"))
                ? Due::fromIsoString(arguments.value(QStringLiteral("due")).toString())
                : shifted(task.due, arguments.value(QStringLiteral("shiftDays")).toInt(),
                          arguments.value(QStringLiteral("shiftMonths")).toInt());
            if (!due)
                return std::nullopt;
            if (*due == task.due)
                return Edit{{}, {}, QStringLiteral("%1 is already due %2.").arg(title, humanDue(*due, now()))};
            patch.due = *due;
            done = QStringLiteral("%1 is now due %2.").arg(title, humanDue(*due, now()));
            break;
        }
        case Op::ClearDue:
            if (task.due.isNone())
                return Edit{{}, {}, QStringLiteral("%1 has no due date.").arg(title)};
            patch.due = Due();
            done = QStringLiteral("Removed the due date from %1.").arg(title);
            break;
        case Op::Priority: {
            const auto priority = taskPriorityFromName(arguments.value(QStringLiteral("priority")).toString());
            if (!priority)
                return std::nullopt;
            if (*priority == task.priority)
                return Edit{{},
                            {},
                            *priority == TaskPriority::None
                                ? QStringLiteral("%1 has no priority.").arg(title)
                                : QStringLiteral("%1 is already %2 priority.").arg(title, priorityWord(*priority))};
            patch.priority = *priority;
            done = *priority == TaskPriority::None
                ? QStringLiteral("Removed the priority of %1.").arg(title)
                : QStringLiteral("%1 is now %2 priority.").arg(title, priorityWord(*priority));
            break;
        }
        case Op::AddTags: {
            QStringList tags = task.tags;
            QStringList added;
            const QJsonArray wanted = arguments.value(QStringLiteral("tags")).toArray();
            for (const QJsonValue &value : wanted) {
                const QString tag = value.toString();
                bool known = false;
                for (const QString &t : std::as_const(tags))
                    known = known || t.compare(tag, Qt::CaseInsensitive) == 0;
                if (!known) {
                    tags.append(tag);
                    added.append(u'#' + tag);
                }
            }
            if (added.isEmpty())
                return Edit{{}, {}, QStringLiteral("%1 already has those tags.").arg(title)};
            patch.tags = tags;
            done = QStringLiteral("Tagged %1 with %2.").arg(title, added.join(QStringLiteral(", ")));
            break;
        }
        case Op::RemoveTags: {
            QStringList tags = task.tags;
            QStringList removed;
            const QJsonArray unwanted = arguments.value(QStringLiteral("tags")).toArray();
            for (const QJsonValue &value : unwanted) {
                for (qsizetype i = tags.size() - 1; i >= 0; --i) {
                    if (tags.at(i).compare(value.toString(), Qt::CaseInsensitive) == 0)
                        removed.append(u'#' + tags.takeAt(i));
                }
            }
            if (removed.isEmpty())
                return Edit{{}, {}, QStringLiteral("%1 doesn't have that tag.").arg(title)};
            patch.tags = tags;
            done = QStringLiteral("Removed %1 from %2.").arg(removed.join(QStringLiteral(", ")), title);
            break;
        }
        case Op::ClearTags:
            if (task.tags.isEmpty())
                return Edit{{}, {}, QStringLiteral("%1 has no tags.").arg(title)};
            patch.tags = QStringList();
            done = QStringLiteral("Removed all tags from %1.").arg(title);
            break;
        }
        return edit;
    }

    EngineReply apply(Op op, const QJsonObject &arguments, const Entry *entry)
    {
        const Task task = entry->task;
        m_state.lastTask = task.id;
        const QString title = quoted(task.title);
        if (op == Op::Delete) {
            auto removed = m_ops.remove(task.id);
            if (!removed)
                return failure(QStringLiteral("delete %1").arg(title), removed.error());
            remember();
            return EngineReply{QStringLiteral("Deleted %1. Say “undo” to bring it back.").arg(title)};
        }
        const auto edit = editFor(op, arguments, task);
        if (!edit)
            return notUnderstood();
        if (!edit->unchanged.isEmpty())
            return EngineReply{edit->unchanged};
        auto updated = m_ops.update(task.id, edit->patch);
        if (!updated)
            return failure(QStringLiteral("change %1").arg(title), updated.error());
        remember();
        return EngineReply{edit->done};
    }

    // A delete goes ahead at once only when the task is named beyond doubt: by
    // number or pronoun, by its whole title, or by words all in its title as
    // written. A typo, a prefix, or a title that itself says "remove..." (is
    // "remove the wallpaper" a command, or that task's name?) asks first.
    bool clearlyNamed(const Resolution &r) const
    {
        if (r.byReference || r.exact)
            return true;
        if (!r.wordsExact)
            return false;
        QStringList said;
        for (const Word &word : splitWords(foldForMatching(r.said)))
            said.append(word.folded);
        for (const QString &word : r.tasks.constFirst()->words) {
            if (!said.contains(word)
                && isOneOf(word,
                           {u"delete", u"remove", u"trash", u"erase", u"drop", u"scrap", u"scratch", u"discard",
                            u"cancel", u"kill", u"rid", u"deleted", u"removed"}))
                return false;
        }
        return true;
    }

    EngineReply confirmDelete(const Entry *entry)
    {
        m_state.pending.question = PendingAction::Question::ConfirmBulk;
        m_state.pending.operation = opName(Op::Delete);
        m_state.pending.arguments = {};
        m_state.pending.candidates = {entry->task.id};
        m_state.lastTask = entry->task.id;
        m_state.lastList = {entry->task.id};
        return EngineReply{QStringLiteral("Do you want me to delete %1? (yes / no)").arg(quoted(entry->task.title))};
    }

    // Several named tasks ("complete the report and the plants"): asks first.
    EngineReply askBulk(Op op, const QJsonObject &arguments, const QList<const Entry *> &targets)
    {
        QList<Task> tasks;
        QList<QUuid> ids;
        for (const Entry *entry : targets) {
            tasks.append(entry->task);
            ids.append(entry->task.id);
        }
        m_state.pending.question = PendingAction::Question::ConfirmBulk;
        m_state.pending.operation = opName(op);
        m_state.pending.arguments = arguments;
        m_state.pending.candidates = ids;
        m_state.lastList = ids;
        QString list = numberedList(tasks.mid(0, maxListed), now());
        if (tasks.size() > maxListed)
            list += QStringLiteral("\n…and %1 more.").arg(tasks.size() - maxListed);
        return EngineReply{QStringLiteral("This would change %1:\n%2\nShall I go ahead? (yes / no)")
                               .arg(countOf(tasks.size(), QStringLiteral("task"), QStringLiteral("tasks")), list)};
    }

    // The confirmed change to each task still there; tasks already so are skipped.
    EngineReply applyAll(Op op, const QJsonObject &arguments, const QList<QUuid> &ids)
    {
        QStringList lines;
        for (const QUuid &id : ids) {
            const Entry *entry = m_catalog.find(id);
            if (!entry)
                continue; // gone meanwhile
            const Task task = entry->task;
            const auto edit = editFor(op, arguments, task);
            if (!edit || !edit->unchanged.isEmpty())
                continue;
            auto updated = m_ops.update(task.id, edit->patch);
            if (!updated) {
                remember();
                const EngineReply failed
                    = failure(QStringLiteral("change %1").arg(quoted(task.title)), updated.error());
                return lines.isEmpty() ? failed
                                       : EngineReply{lines.join(u' ') + QStringLiteral(" Then: ") + failed.text};
            }
            m_state.lastTask = task.id;
            lines.append(edit->done);
        }
        remember();
        if (lines.isEmpty())
            return EngineReply{QStringLiteral("Nothing needed changing.")};
        return EngineReply{lines.join(u'\n')};
    }

    // `due` moved later by days and months (from today when it has no date);
    // a time of day stays the same local time.
    std::optional<Due> shifted(const Due &due, int days, int months) const
    {
        if (due.hasTime()) {
            const QDateTime local = due.dateTime().toTimeZone(now().zone);
            return Due::at(QDateTime(local.date().addMonths(months).addDays(days), local.time(), now().zone));
        }
        const QDate from = due.isNone() ? now().today() : due.date();
        return Due::onDate(from.addMonths(months).addDays(days));
    }

    // Records this turn's changes for undo.
    void remember()
    {
        m_state.pushUndo(m_ops.steps().mid(m_stepsBefore));
        m_stepsBefore = m_ops.steps().size();
    }

    // --------------------------------------------------------- bulk delete

    // "the report, the plants and buy milk": the tasks named, when every name
    // is one task of its own; nothing when any is unclear (then perhaps it is
    // one task called that, and the single delete decides).
    QList<const Entry *> namedList(qsizetype first, qsizetype last) const
    {
        QList<std::pair<qsizetype, qsizetype>> names;
        qsizetype start = first;
        for (qsizetype i = first; i <= last; ++i) {
            if (m.words.at(i).folded == u"and") {
                if (i > start)
                    names.append({start, i - 1});
                start = i + 1;
            } else if (m.markAfter(i, u',') && i < last) {
                names.append({start, i});
                start = i + 1;
            }
        }
        if (start <= last)
            names.append({start, last});
        if (names.size() < 2 || resolve(first, last, Scope::Any).exact)
            return {};
        QList<const Entry *> targets;
        for (const auto &[a, b] : std::as_const(names)) {
            const Resolution r = resolve(a, b, Scope::Any);
            if (r.tasks.size() != 1 || targets.contains(r.tasks.constFirst()))
                return {};
            targets.append(r.tasks.constFirst());
        }
        return targets;
    }

    // The query filter for words [first, last] alone ("tasks tagged work").
    std::optional<Filter> filterOf(qsizetype first, qsizetype last)
    {
        Message sub = m;
        sub.words = m.words.mid(first, last - first + 1);
        sub.quotes.clear();
        for (auto it = m.quotes.cbegin(); it != m.quotes.cend(); ++it) {
            if (it.key() >= first && it.key() <= last)
                sub.quotes.insert(it.key() - first, it.value());
        }
        std::swap(m, sub);
        auto filter = parseFilter();
        std::swap(m, sub);
        // Strict, unlike a question: "delete all hands meeting notes" names a task.
        if (filter && filter->unknownWords > 0 && filter->text.isEmpty())
            return std::nullopt;
        return filter;
    }

    // The tasks a filter selects, in no order.
    QList<const Entry *> select(const Filter &filter) const
    {
        std::optional<TextMatcher> text;
        if (!filter.text.isEmpty())
            text = textMatcher(filter.text);
        Filter prepared = filter;
        prepared.prepare(now());
        QList<const Entry *> found;
        found.reserve(m_catalog.size());
        m_catalog.forEach([&](const Entry &entry) {
            if (prepared.accepts(entry.task) && (!text || text->matches(entry)))
                found.append(&entry);
        });
        return found;
    }

    static void sortForList(QList<const Entry *> &entries) { std::sort(entries.begin(), entries.end(), listsBefore); }

    // "complete everything", "mark all tasks tagged work as done", "delete all
    // low priority tasks": the tasks a filter selects, after a yes.
    std::optional<EngineReply> bulkByFilter()
    {
        static const QList<std::pair<Pattern, Op>> patterns = {
            {Pattern(u"complete|finish|close|tick_off|check_off all|every|everything ?{rest}"_s), Op::Complete},
            {Pattern(u"mark|set|tick|check all|every|everything ?{rest} ?as done|complete|completed|finished|off"_s),
             Op::Complete},
            {Pattern(u"delete|remove|erase|trash|wipe|purge all|every {rest}"_s), Op::Delete},
        };
        for (const auto &row : patterns) {
            // Named, not a structured binding: lambdas below capture it (clang < 16 cannot).
            const auto &pattern = row.first;
            const auto &op = row.second;
            Pattern::Captures captures;
            if (!pattern.match(m.words, 0, &captures))
                continue;
            std::optional<Filter> filter;
            if (captures.contains(QStringLiteral("rest"))) {
                const auto [a, b] = captures.value(QStringLiteral("rest"));
                filter = filterOf(a, b);
            } else {
                filter = Filter{};
                filter->query.timeZone = now().zone;
                filter->description = QStringLiteral("open tasks");
            }
            if (!filter || filter->count)
                continue;
            if (op == Op::Complete) {
                if (filter->query.statuses == QList<TaskStatus>{TaskStatus::Completed})
                    return EngineReply{QStringLiteral("Those are done already.")};
                filter->query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
            }
            QList<const Entry *> targets = select(*filter);
            const QString description = filter->description;
            if (targets.isEmpty())
                return EngineReply{
                    QStringLiteral("You have no %1, so there is nothing to %2.")
                        .arg(description, op == Op::Delete ? QStringLiteral("delete") : QStringLiteral("complete"))};
            if (targets.size() > maxBulk)
                return EngineReply{QStringLiteral("That would change %1 tasks, more than I change at once (%2). "
                                                  "Narrow it down, for example “complete all tasks tagged work”.")
                                       .arg(targets.size())
                                       .arg(maxBulk)};
            sortForList(targets);
            if (op == Op::Delete)
                return askDelete(targets, description);
            return askBulk(op, {}, targets);
        }
        return std::nullopt;
    }

    std::optional<EngineReply> bulkDelete()
    {
        static const QList<std::pair<Pattern, QString>> patterns = {
            {Pattern(u"delete|remove|clear|erase|purge|trash|wipe ?all ?of ?the|my completed|done|finished "
                     "?tasks|todos|items|ones"_s),
             u"completed"_s},
            {Pattern(u"clear|delete|remove|purge ?out ?the|my completed|done|finished"_s), u"completed"_s},
            {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all|every ?of ?the|my "
                     "?tasks|todos|items|task|things"_s),
             u"all"_s},
            {Pattern(u"delete|remove|clear|erase|trash|wipe|purge ?out everything"_s), u"all"_s},
            {Pattern(u"clear|empty|wipe|purge ?out my|the list|todo_list|to-do_list|tasks|todos"_s), u"all"_s},
            {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all ?of ?the|my ?overdue tasks|todos|items"_s),
             u"overdue"_s},
            {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all|every ?of ?the|my ?tasks|todos "
                     "tagged|with|labelled {tags}"_s),
             u"tag"_s},
            {Pattern(u"delete|remove|clear|erase|trash|wipe|purge all ?of ?the|my ?tasks|todos with_the_tag|with_tag "
                     "{tags}"_s),
             u"tag"_s},
            {Pattern(u"delete|remove|erase|trash|drop|get_rid_of {names}"_s), u"named"_s},
        };
        for (const auto &row : patterns) {
            // Named, not a structured binding: lambdas below capture it (clang < 16 cannot).
            const auto &pattern = row.first;
            const auto &kind = row.second;
            Pattern::Captures captures;
            if (!pattern.match(m.words, 0, &captures))
                continue;
            QList<const Entry *> targets;
            QString what;
            if (kind == u"named") {
                const auto [a, b] = captures.value(QStringLiteral("names"));
                targets = namedList(a, b);
                if (targets.isEmpty())
                    continue;
                what = QStringLiteral("tasks");
            } else {
                QStringList tags;
                if (kind == u"tag") {
                    const auto [a, b] = captures.value(QStringLiteral("tags"));
                    tags = tagsFromWords(m.words, m, a, b);
                    what = QStringLiteral("tasks tagged %1").arg(u'#' + tags.join(QStringLiteral(", #")));
                } else {
                    what = kind == u"completed" ? QStringLiteral("completed tasks")
                        : kind == u"overdue"    ? QStringLiteral("overdue tasks")
                                                : QStringLiteral("tasks");
                }
                m_catalog.forEach([&](const Entry &entry) {
                    bool hit = kind == u"all" || (kind == u"completed" && entry.task.status == TaskStatus::Completed)
                        || (kind == u"overdue" && isOverdue(entry.task, now()));
                    for (qsizetype t = 0; !hit && t < entry.task.tags.size(); ++t) {
                        for (const QString &tag : std::as_const(tags))
                            hit = hit || entry.task.tags.at(t).compare(tag, Qt::CaseInsensitive) == 0;
                    }
                    if (hit)
                        targets.append(&entry);
                });
                if (targets.size() <= maxBulk)
                    sortForList(targets);
            }
            if (targets.isEmpty())
                return EngineReply{QStringLiteral("You have no %1, so there is nothing to delete.").arg(what)};
            return askDelete(targets, what);
        }
        return bulkByFilter();
    }

    EngineReply askDelete(const QList<const Entry *> &targets, const QString &what)
    {
        {
            const QString counted = countOf(targets.size(), singular(what), what);
            if (targets.size() > maxBulk)
                return EngineReply{QStringLiteral("That would delete %1, more than I delete at once (%2). Narrow it "
                                                  "down, for example “delete all completed tasks”.")
                                       .arg(counted)
                                       .arg(maxBulk)};
            QList<Task> tasks;
            QList<QUuid> ids;
            for (const Entry *entry : std::as_const(targets)) {
                tasks.append(entry->task);
                ids.append(entry->task.id);
            }
            m_state.pending.question = PendingAction::Question::ConfirmBulk;
            m_state.pending.operation = opName(Op::Delete);
            m_state.pending.candidates = ids;
            QString list = QStringLiteral("\n") + numberedList(tasks.mid(0, maxListed), now());
            if (tasks.size() > maxListed)
                list += QStringLiteral("\n…and %1 more.").arg(tasks.size() - maxListed);
            return EngineReply{
                QStringLiteral("This would delete %1:%2\nShall I go ahead? (yes / no)").arg(counted, list)};
        }
    }

    EngineReply deleteAll(const QList<QUuid> &ids)
    {
        int deleted = 0;
        QString deletedTitle;
        for (const QUuid &id : ids) {
            const Entry *entry = m_catalog.find(id);
            if (!entry)
                continue; // gone meanwhile
            deletedTitle = entry->task.title;
            auto removed = m_ops.remove(id);
            if (!removed) {
                remember();
                return failure(QStringLiteral("delete every task (%1 deleted before the error)").arg(deleted),
                               removed.error());
            }
            ++deleted;
        }
        remember();
        if (deleted == 1 && ids.size() == 1)
            return EngineReply{QStringLiteral("Deleted %1. Say “undo” to bring it back.").arg(quoted(deletedTitle))};
        return EngineReply{(deleted == 1 ? QStringLiteral("Deleted %1. Say “undo” to bring it back.")
                                         : QStringLiteral("Deleted %1. Say “undo” to bring them back."))
                               .arg(countOf(deleted, QStringLiteral("task"), QStringLiteral("tasks")))};
    }

    // -------------------------------------------------------------- queries

    // "when is the report due?", "is the report done?", "what's the status of X?"
    std::optional<EngineReply> taskQuestion()
    {
        enum class Ask { When, Done, Overdue, About };
        static const QList<std::pair<Pattern, Ask>> patterns = {
            {Pattern(u"when is|was|are {task} due"_s), Ask::When},
            {Pattern(u"when's|whens {task} due"_s), Ask::When},
            {Pattern(u"when is|was|'s the deadline|due_date for|of {task}"_s), Ask::When},
            {Pattern(u"what's|whats|what_is the due_date|deadline of|for|on {task}"_s), Ask::When},
            {Pattern(u"is|are|was {task} done|complete|completed|finished"_s), Ask::Done},
            {Pattern(u"did_i finish|complete|do {task}"_s), Ask::Done},
            {Pattern(u"is|are {task} overdue|late"_s), Ask::Overdue},
            {Pattern(u"what's|whats|what_is the status of {task}"_s), Ask::About},
            {Pattern(u"status|details of|for|on {task}"_s), Ask::About},
        };
        const auto valid = [&](const QString &, qsizetype first, qsizetype last) {
            return taskSlotValid(first, last);
        };
        for (const auto &row : patterns) {
            // Named, not a structured binding: lambdas below capture it (clang < 16 cannot).
            const auto &pattern = row.first;
            const auto &ask = row.second;
            Pattern::Captures captures;
            if (!pattern.match(m.words, 0, &captures, valid))
                continue;
            const auto [first, last] = captures.value(QStringLiteral("task"));
            const Resolution r = resolve(first, last, Scope::Any);
            if (r.tasks.isEmpty())
                return unresolved(r);
            if (r.tasks.size() > 1) {
                QList<Task> tasks;
                m_state.lastList.clear();
                for (const Entry *entry : r.tasks) {
                    tasks.append(entry->task);
                    m_state.lastList.append(entry->task.id);
                }
                return EngineReply{
                    QStringLiteral("Several tasks match %1:\n%2").arg(quoted(r.said), numberedList(tasks, now()))};
            }
            const Task &task = r.tasks.constFirst()->task;
            m_state.lastTask = task.id;
            const QString title = quoted(task.title);
            const bool done = task.status == TaskStatus::Completed;
            switch (ask) {
            case Ask::When:
                if (task.due.isNone())
                    return EngineReply{QStringLiteral("%1 has no due date.").arg(title)};
                return EngineReply{
                    (isOverdue(task, now()) ? QStringLiteral("%1 was due %2.") : QStringLiteral("%1 is due %2."))
                        .arg(title, humanDue(task.due, now()))
                    + (done ? QStringLiteral(" It is done.") : QString())};
            case Ask::Done:
                return EngineReply{done ? QStringLiteral("Yes, %1 is done.").arg(title)
                                       : task.status == TaskStatus::InProgress
                                       ? QStringLiteral("No, %1 is in progress.").arg(title)
                                       : QStringLiteral("No, %1 is still open.").arg(title)};
            case Ask::Overdue:
                if (isOverdue(task, now()))
                    return EngineReply{QStringLiteral("Yes, %1 was due %2.").arg(title, humanDue(task.due, now()))};
                return EngineReply{done ? QStringLiteral("No, %1 is done.").arg(title)
                                       : task.due.isNone()
                                       ? QStringLiteral("No, %1 has no due date.").arg(title)
                                       : QStringLiteral("No, %1 is due %2.").arg(title, humanDue(task.due, now()))};
            case Ask::About:
                return EngineReply{describe(task, now())
                                   + (task.description.isEmpty() ? QString() : u'\n' + task.description)};
            }
        }
        return std::nullopt;
    }

    TextMatcher textMatcher(const QString &text) const
    {
        TextMatcher matcher;
        matcher.folded = foldForMatching(text);
        QStringList words;
        for (const Word &word : splitWords(text)) {
            if (!isOneOf(word.folded, {u"the", u"a", u"an", u"my"}))
                words.append(word.folded);
        }
        const auto matches = m_catalog.match(words, matcher.folded);
        for (const auto &match : matches)
            matcher.close.insert(match.entry->task.id);
        matcher.prepare();
        return matcher;
    }

    std::optional<EngineReply> query()
    {
        const QString first = m.words.constFirst().folded;
        const bool asks = isOneOf(
            first, {u"show",    u"list",     u"display",   u"what",     u"what's", u"whats",     u"which",   u"give",
                    u"see",     u"view",     u"find",      u"search",   u"any",    u"tell",      u"get",     u"how",
                    u"do",      u"are",      u"is",        u"anything", u"my",     u"whatre",    u"what're", u"look",
                    u"lookup",  u"tasks",    u"todos",     u"overdue",  u"open",   u"completed", u"due",     u"all",
                    u"pending", u"upcoming", u"remaining", u"am",       u"count",  u"where"});
        if (!asks)
            return std::nullopt;
        auto filter = parseFilter();
        if (!filter && isOneOf(first, {u"show", u"display", u"view", u"see", u"give"})) {
            // "show me the report": the tasks with those words
            qsizetype from = 1;
            while (from < m.words.size()
                   && isOneOf(m.words.at(from).folded, {u"me", u"my", u"the", u"a", u"an", u"task", u"tasks", u"all"}))
                ++from;
            if (from < m.words.size()) {
                filter = Filter{};
                filter->query.timeZone = now().zone;
                filter->text = m.literal(from, m.words.size() - 1);
                filter->description = QStringLiteral("tasks matching ") + quoted(filter->text);
            }
        }
        if (!filter)
            return std::nullopt;
        std::optional<TextMatcher> text;
        if (!filter->text.isEmpty())
            text = textMatcher(filter->text);
        filter->prepare(now());
        QList<const Entry *> found;
        found.reserve(m_catalog.size());
        m_catalog.forEach([&](const Entry &entry) {
            if (filter->accepts(entry.task) && (!text || text->matches(entry)))
                found.append(&entry);
        });
        const QString description = filter->description;
        const QString counted = countOf(found.size(), singular(description), description);
        if (filter->count)
            return EngineReply{found.isEmpty() ? QStringLiteral("You have no %1.").arg(description)
                                               : QStringLiteral("You have %1.").arg(counted)};
        m_state.lastList.clear();
        if (found.isEmpty())
            return EngineReply{QStringLiteral("You have no %1.").arg(description)};
        // Only what is shown can be referred to by number, so only that needs an order.
        const auto listed = found.begin() + std::min<qsizetype>(found.size(), maxListed);
        std::partial_sort(found.begin(), listed, found.end(), listsBefore);
        QList<Task> shown;
        for (auto it = found.begin(); it != listed; ++it) {
            m_state.lastList.append((*it)->task.id);
            shown.append((*it)->task);
        }
        if (found.size() == 1)
            m_state.lastTask = found.constFirst()->task.id;
        QString reply = QStringLiteral("You have %1:\n%2").arg(counted, numberedList(shown, now()));
        if (found.size() > shown.size())
            reply += QStringLiteral("\n…and %1 more.").arg(found.size() - shown.size());
        return EngineReply{reply};
    }

    static QString singular(const QString &plural)
    {
        QString s = plural; // "open tasks tagged #work": only the first "tasks", never a quoted one
        if (const qsizetype at = s.indexOf(QStringLiteral("tasks")); at >= 0)
            s.remove(at + 4, 1);
        return s;
    }

    std::optional<Filter> parseFilter() const
    {
        Filter f;
        f.query.timeZone = m_context.now.zone;
        f.query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
        QString status = QStringLiteral("open");
        QString when;
        QString extra;
        bool sawTaskWord = false;
        bool sawAnything = false;
        bool sawDue = false;
        const QList<Word> &w = m.words;
        const QDate today = now().today();
        const auto startOf = [&](QDate date) {
            return QDateTime(date, QTime(0, 0), m_context.now.zone);
        };
        for (qsizetype i = 0; i < w.size(); ++i) {
            const QString &word = w.at(i).folded;
            const QString next = i + 1 < w.size() ? w.at(i + 1).folded : QString();
            if (isOneOf(word,
                        {u"tasks", u"task", u"todos", u"todo", u"things", u"items", u"list", u"to-dos", u"plate",
                         u"agenda"})) {
                sawTaskWord = true;
            } else if (word == u"to" && next == u"do") {
                sawTaskWord = true; // "what do I have to do"
                ++i;
            } else if (word == u"how" && next == u"many") {
                f.count = true;
                ++i;
            } else if (word == u"count" && i == 0) {
                f.count = true;
            } else if (word == u"due") {
                sawDue = true;
            } else if (isOneOf(word, {u"total", u"altogether", u"overall"})) {
                f.query.statuses.clear();
                status.clear();
                sawAnything = true;
            } else if (isOneOf(word,
                               {u"open", u"pending", u"remaining", u"left", u"incomplete", u"unfinished",
                                u"outstanding", u"active", u"undone"})) {
                sawAnything = true;
            } else if (isOneOf(word, {u"upcoming", u"soon", u"next"}) && next != u"week" && next != u"month") {
                sawDue = true; // "what's next", "anything coming up soon"
            } else if (word == u"coming" && next == u"up") {
                sawDue = true;
                ++i;
            } else if (isOneOf(word, {u"completed", u"done", u"finished", u"closed", u"complete", u"finish"})) {
                f.query.statuses = {TaskStatus::Completed};
                status = QStringLiteral("completed");
                sawAnything = true;
            } else if (word == u"in" && next == u"progress") {
                f.query.statuses = {TaskStatus::InProgress};
                status = QStringLiteral("in-progress");
                sawAnything = true;
                ++i;
            } else if (isOneOf(word, {u"all", u"everything", u"every"})) {
                f.query.statuses.clear();
                status.clear();
                sawAnything = true;
            } else if (isOneOf(word, {u"overdue", u"late"}) || (word == u"past" && next == u"due")) {
                f.overdue = true;
                when = QStringLiteral("overdue");
                sawAnything = true;
            } else if (isOneOf(word, {u"today", u"tonight"})) {
                f.query.dueAfter = startOf(today);
                f.query.dueBefore = startOf(today.addDays(1));
                when = QStringLiteral("due today");
                sawAnything = true;
            } else if (word == u"yesterday") {
                f.query.dueAfter = startOf(today.addDays(-1));
                f.query.dueBefore = startOf(today);
                when = QStringLiteral("due yesterday");
                sawAnything = true;
            } else if (isOneOf(word, {u"tomorrow", u"tmrw", u"tmr"})) {
                f.query.dueAfter = startOf(today.addDays(1));
                f.query.dueBefore = startOf(today.addDays(2));
                when = QStringLiteral("due tomorrow");
                sawAnything = true;
            } else if ((word == u"this" || word == u"the") && next == u"week") {
                f.query.dueAfter = startOf(today);
                f.query.dueBefore = startOf(today.addDays(8 - today.dayOfWeek()));
                when = QStringLiteral("due this week");
                sawAnything = true;
                ++i;
            } else if (word == u"next" && next == u"week") {
                const QDate monday = today.addDays(8 - today.dayOfWeek());
                f.query.dueAfter = startOf(monday);
                f.query.dueBefore = startOf(monday.addDays(7));
                when = QStringLiteral("due next week");
                sawAnything = true;
                ++i;
            } else if ((word == u"no" || word == u"without") && i + 1 < w.size()) {
                qsizetype j = i + 1;
                while (j < w.size() && isOneOf(w.at(j).folded, {u"a", u"due", u"any"}))
                    ++j;
                if (j < w.size() && isOneOf(w.at(j).folded, {u"date", u"dates", u"deadline", u"deadlines", u"due"})) {
                    f.query.dueFilter = DueFilter::NoDue;
                    when = QStringLiteral("without a due date");
                    sawAnything = true;
                    i = j;
                }
            } else if (isOneOf(word, {u"undated", u"unscheduled"})) {
                f.query.dueFilter = DueFilter::NoDue;
                when = QStringLiteral("without a due date");
                sawAnything = true;
            } else if (isOneOf(word, {u"urgent", u"important", u"high", u"medium", u"low"})
                       && (next == u"priority" || next == u"prio" || isOneOf(word, {u"urgent", u"important"}))) {
                const auto priority = priorityFromWords(w, i, i);
                if (word == u"important" || word == u"high")
                    f.query.priorities = {TaskPriority::High, TaskPriority::Urgent};
                else
                    f.query.priorities = {*priority};
                extra = word == u"important" ? QStringLiteral("important") : word + QStringLiteral("-priority");
                if (next == u"priority" || next == u"prio")
                    ++i;
                sawAnything = true;
            } else if (word.startsWith(u'#') && word.size() > 1) {
                f.query.tag = m.literal(i, i).mid(1);
                sawAnything = true;
            } else if (isOneOf(word, {u"tagged", u"labelled", u"labeled"}) && i + 1 < w.size()) {
                f.query.tag = m.literal(i + 1, i + 1);
                if (f.query.tag.startsWith(u'#'))
                    f.query.tag.remove(0, 1);
                sawAnything = true;
                ++i;
            } else if (word == u"with" && (next == u"tag" || next == u"label") && i + 2 < w.size()) {
                f.query.tag = m.literal(i + 2, i + 2);
                if (f.query.tag.startsWith(u'#'))
                    f.query.tag.remove(0, 1);
                sawAnything = true;
                i += 2;
            } else if (((isOneOf(word, {u"about", u"called", u"named", u"matching", u"containing", u"mentioning"})
                         && !(i + 1 < w.size() && dateSpans(i + 1, w.size() - 1))) // "what about tomorrow"
                        || (word == u"with"
                            && !isOneOf(next,
                                        {u"no", u"a", u"an", u"any", u"tag", u"tags", u"label", u"labels", u"due",
                                         u"high", u"low", u"medium", u"urgent"})))
                       && i + 1 < w.size()) {
                f.text = m.literal(i + 1, w.size() - 1);
                sawAnything = true;
                break;
            } else if ((word == u"find" || word == u"search" || word == u"look" || word == u"lookup")
                       && i + 1 < w.size()) {
                qsizetype j = i + 1;
                while (j < w.size()
                       && isOneOf(w.at(j).folded,
                                  {u"for", u"up", u"me", u"my", u"tasks", u"task", u"todos", u"a", u"about", u"called",
                                   u"named", u"matching", u"containing", u"mentioning", u"with", u"the", u"any"}))
                    ++j;
                if (j < w.size()) {
                    f.text = m.literal(j, w.size() - 1);
                    f.query.statuses.clear();
                    status.clear();
                    sawAnything = true;
                    break;
                }
            } else if (!isOneOf(word, {u"the",   u"my",   u"a",     u"an",  u"of",        u"all",  u"me",
                                       u"i",     u"that", u"which", u"are", u"is",        u"have", u"do",
                                       u"for",   u"on",   u"with",  u"any", u"to",        u"by",   u"before",
                                       u"until", u"due",  u"in",    u"now", u"currently", u"still"})) {
                ++f.unknownWords;
            }
        }
        // "what's due on saturday", "anything for dec 3": one day.
        if (when.isEmpty() && !f.overdue && f.text.isEmpty() && f.query.dueFilter == DueFilter::Any) {
            if (const auto due = QuickAddParser::findDue(m.text, m_parse)) {
                const QDate day
                    = due->due.hasTime() ? due->due.dateTime().toTimeZone(now().zone).date() : due->due.date();
                const QString before = m.text.left(due->start).trimmed().toCaseFolded();
                if (before.endsWith(u" before")) {
                    f.query.dueBefore = startOf(day); // overdue ones too
                    when = QStringLiteral("due before ") + humanDue(Due::onDate(day), now()).remove(u"on "_s);
                } else if (before.endsWith(u" by") || before.endsWith(u" until") || before.endsWith(u" till")) {
                    f.query.dueBefore = startOf(day.addDays(1));
                    when = QStringLiteral("due by ") + humanDue(Due::onDate(day), now()).remove(u"on "_s);
                } else {
                    f.query.dueAfter = startOf(day);
                    f.query.dueBefore = startOf(day.addDays(1));
                    when = QStringLiteral("due ") + humanDue(Due::onDate(day), now());
                }
                sawAnything = true;
            }
        }
        // "what did I finish today": the day it was done.
        if (f.query.statuses == QList<TaskStatus>{TaskStatus::Completed} && !sawDue
            && (f.query.dueAfter.isValid() || f.query.dueBefore.isValid())) {
            f.completedAfter = f.query.dueAfter;
            f.completedBefore = f.query.dueBefore;
            f.query.dueAfter = f.query.dueBefore = QDateTime();
            when.remove(QStringLiteral("due "));
        }
        if (sawDue && when.isEmpty() && !f.overdue && f.query.dueFilter == DueFilter::Any) {
            f.query.dueFilter = DueFilter::HasDue; // "what's due?"
            when = QStringLiteral("with a due date");
            sawAnything = true;
        }
        if (!sawAnything && !sawTaskWord)
            return std::nullopt;
        // Anything with a date range: overdue ones too unless only open... keep the status chosen.
        QStringList parts;
        if (!status.isEmpty() && !(f.overdue && status == u"open"))
            parts.append(status);
        if (!extra.isEmpty())
            parts.append(extra);
        if (f.overdue)
            parts.append(QStringLiteral("overdue"));
        QString description = (parts.isEmpty() ? QString() : parts.join(u' ') + u' ') + QStringLiteral("tasks");
        if (f.completedAfter.isValid() || f.completedBefore.isValid())
            description = QStringLiteral("tasks completed ") + when;
        else if (!when.isEmpty() && !f.overdue)
            description += u' ' + when;
        if (!f.query.tag.isEmpty())
            description += QStringLiteral(" tagged #") + f.query.tag;
        if (!f.text.isEmpty())
            description += QStringLiteral(" matching ") + quoted(f.text);
        f.description = description;
        return f;
    }

    // ------------------------------------------------------------ creating

    std::optional<EngineReply> create()
    {
        static const QList<Pattern> patterns = {
            Pattern(u"put|add {title} on|to ?my|the list|todo_list|to-do_list|tasks|todos"_s),
            // "item" and "reminder" begin titles too ("item 1", "reminder cards"): they
            // only name the task after an article or before "to"/"called".
            Pattern(u"add|create|set|new a|an|new item|reminder ?to|called|named|for {title}"_s),
            Pattern(u"add|create|set|new item|items|reminder to|called|named|for {title}"_s),
            Pattern(u"add|create|new ?a|an|new ?task|tasks|todo|todos|to-do ?to|called|named {title}"_s),
            Pattern(u"make ?a|an|new task|todo|to-do|reminder|item ?to|called|named|for {title}"_s),
            Pattern(u"remind me ?to|about|of {title}"_s),
            Pattern(u"remember to {title}"_s),
            Pattern(u"don't|dont|do_not ?let_me forget ?to|about {title}"_s),
            Pattern(u"i need|have|must|gotta|got|should ?to {title}"_s),
            Pattern(u"i've got_to {title}"_s),
            Pattern(u"todo|to-do {title}"_s),
        };
        for (const Pattern &pattern : patterns) {
            Pattern::Captures captures;
            if (!pattern.match(m.words, 0, &captures))
                continue;
            auto [first, last] = captures.value(QStringLiteral("title"));
            // "add a tag ... to X" and "add a note to X" are edits, not new tasks.
            const QString &head = m.words.at(first).folded;
            const QString next = first < last ? m.words.at(first + 1).folded : QString();
            if (isOneOf(head, {u"tag", u"tags", u"label", u"labels"})
                || (isOneOf(head, {u"note", u"description", u"details"}) && isOneOf(next, {u"to", u"on", u"for"})))
                return std::nullopt;
            // "remind me tomorrow to call the bank": the date goes, and so does "to".
            for (qsizetype i = 0; i < first; ++i)
                m_reminder = m_reminder || isOneOf(m.words.at(i).folded, {u"remind", u"reminder"});
            // "add these: milk, eggs", "add the following: ..."
            for (qsizetype i = first; i < last && i < first + 2; ++i) {
                if (m.markAfter(i, u':')
                    && isOneOf(m.words.at(i).folded, {u"these", u"following", u"this", u"them", u"those"})) {
                    first = i + 1;
                    break;
                }
            }
            return addTasks(first, last);
        }
        return std::nullopt;
    }

    // A message with a date, priority or tag but no command ("buy milk tomorrow #home")
    // is an addition — unless it reads as a question, or nothing but the date,
    // priority or tag is left to be the title ("tomorrow", "urgent").
    std::optional<EngineReply> bareTask()
    {
        if (m.question || m.words.isEmpty()
            || isOneOf(m.words.constFirst().folded,
                       {u"what",     u"what's",   u"whats",    u"which",  u"when",   u"where",  u"who",
                        u"why",      u"how",      u"show",     u"list",   u"is",     u"are",    u"am",
                        u"does",     u"did",      u"can",      u"could",  u"should", u"will",   u"would",
                        u"any",      u"anything", u"make",     u"set",    u"mark",   u"push",   u"move",
                        u"delete",   u"remove",   u"complete", u"rename", u"tag",    u"untag",  u"reschedule",
                        u"postpone", u"change",   u"update",   u"undo",   u"redo",   u"reopen", u"prioritize",
                        u"clear",    u"drop",     u"cancel",   u"trash",  u"erase",  u"flag",   u"give"}))
            return std::nullopt;
        const QString text = m.literal(0, m.words.size() - 1);
        const QuickAdd parsed = QuickAddParser::parse(text, m_parse);
        if (parsed.due.isNone() && !parsed.priority && parsed.tags.isEmpty())
            return std::nullopt;
        qsizetype covered = 0;
        for (const Span &span : parsed.spans)
            covered += span.length;
        qsizetype letters = 0;
        for (const QChar c : text)
            letters += c.isSpace() ? 0 : 1;
        if (covered >= letters || parsed.title.compare(text.simplified(), Qt::CaseInsensitive) == 0)
            return std::nullopt;
        return addTasks(0, m.words.size() - 1);
    }

    EngineReply addTasks(qsizetype first, qsizetype last)
    {
        const QString text = m.literal(first, last);
        const QStringList items = first == last && m.isQuote(first) ? QStringList{text} : splitItems(text);
        if (items.size() > maxCreated)
            return EngineReply{QStringLiteral("That is %1 tasks; I add at most %2 at once, so I added none. Send "
                                              "them in smaller batches.")
                                   .arg(items.size())
                                   .arg(maxCreated)};
        QList<TaskDraft> drafts;
        for (const QString &item : items) {
            TaskDraft draft;
            if (first == last && m.isQuote(first)) {
                draft.title = text; // quoted: taken literally
            } else {
                const QuickAdd parsed = QuickAddParser::parse(item, m_parse);
                draft.title = parsed.title;
                if (m_reminder && draft.title.startsWith(u"to "_s, Qt::CaseInsensitive))
                    draft.title = draft.title.mid(3).trimmed();
                draft.due = parsed.due;
                draft.priority = parsed.priority.value_or(TaskPriority::None);
                draft.tags = parsed.tags;
            }
            if (draft.title.trimmed().isEmpty())
                continue;
            // All or nothing: a title the store would refuse stops the whole message.
            Task check;
            check.id = QUuid::createUuid();
            check.title = draft.title;
            check.tags = draft.tags;
            normalizeTask(check);
            if (const auto valid = validateTask(check); !valid) {
                const Error &error = valid.error();
                return EngineReply{error.field == u"title"
                                       ? QStringLiteral("I couldn't add that: the title %1.").arg(error.message)
                                       : QStringLiteral("I couldn't add that: %1.").arg(error.toString())};
            }
            drafts.append(draft);
        }
        QList<Task> added;
        for (const TaskDraft &draft : std::as_const(drafts)) {
            auto created = m_ops.create(draft);
            if (!created) {
                remember();
                QStringList titles;
                for (const Task &task : std::as_const(added))
                    titles.append(quoted(task.title));
                const EngineReply failed = failure(QStringLiteral("add %1").arg(quoted(draft.title)), created.error());
                return titles.isEmpty()
                    ? failed
                    : EngineReply{
                        QStringLiteral("I added %1, then: %2").arg(titles.join(QStringLiteral(", ")), failed.text)};
            }
            added.append(created.value());
        }
        remember();
        if (added.isEmpty())
            return EngineReply{
                QStringLiteral("What should the task be called? For example: “add call Alex tomorrow”.")};
        if (added.size() == 1) {
            m_state.lastTask = added.constFirst().id;
            return EngineReply{QStringLiteral("Added %1.").arg(describe(added.constFirst(), now()))};
        }
        m_state.lastList.clear();
        for (const Task &task : std::as_const(added))
            m_state.lastList.append(task.id);
        QString reply = QStringLiteral("Added %1:\n%2")
                            .arg(countOf(added.size(), QStringLiteral("task"), QStringLiteral("tasks")),
                                 numberedList(added.mid(0, maxListed), now()));
        if (added.size() > maxListed)
            reply += QStringLiteral("\n…and %1 more.").arg(added.size() - maxListed);
        return EngineReply{reply};
    }

    // "milk, eggs and bread" -> three; "call mom and dad" -> one; lines and
    // semicolons always separate.
    static QStringList splitItems(const QString &text)
    {
        QStringList items;
        const QStringList lines = text.split(QRegularExpression(QStringLiteral("[\\n;]+")), Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            QStringList parts = line.split(u',', Qt::SkipEmptyParts);
            if (parts.size() > 1) {
                // The last part may be "x and y" / "and y".
                QString lastPart = parts.takeLast().trimmed();
                static const QRegularExpression andSplit(QStringLiteral("^(.*?)\\s*\\band\\s+(.+)$"),
                                                         QRegularExpression::CaseInsensitiveOption);
                const auto match = andSplit.match(lastPart);
                if (match.hasMatch()) {
                    if (!match.captured(1).trimmed().isEmpty())
                        parts.append(match.captured(1));
                    parts.append(match.captured(2));
                } else {
                    parts.append(lastPart);
                }
            }
            for (QString part : std::as_const(parts)) {
                part = part.trimmed();
                if (part.startsWith(QStringLiteral("- ")) || part.startsWith(QStringLiteral("* ")))
                    part = part.mid(2).trimmed();
                if (!part.isEmpty())
                    items.append(part);
            }
        }
        return items.isEmpty() ? QStringList{text} : items;
    }

    Message m;
    ConversationState &m_state;
    TaskCatalog &m_catalog;
    TaskOps &m_ops;
    const TurnContext &m_context;
    ParseContext m_parse;
    qsizetype m_stepsBefore = 0;
    bool m_reminder = false; // the addition was asked as a reminder ("remind me ... to ...")
    // "X is done" where no task is X: said only when nothing else fits.
    std::optional<EngineReply> m_statementMiss;
};

} // namespace

QString BuiltinEngine::helpText()
{
    return QStringLiteral("You can say things like:\n"
                          "• “add call Alex tomorrow at 3pm #work”\n"
                          "• “what's due this week?” or “show my overdue tasks”\n"
                          "• “mark the report as done”\n"
                          "• “push groceries to Friday”\n"
                          "• “make the invoice urgent”\n"
                          "• “delete the dentist task”\n"
                          "• “undo”");
}

EngineReply BuiltinEngine::respond(const QString &message, ConversationState &state, TaskCatalog &catalog, TaskOps &ops,
                                   const TurnContext &context) const
{
    Turn turn(prepare(message), state, catalog, ops, context);
    return turn.run();
}

} // namespace tandem::assistant
