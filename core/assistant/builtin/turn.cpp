#include "turn.h"

#include "assistant/catalog.h"
#include "assistant/taskops.h"
#include "assistant/turntools.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {
// Longer messages are only ever additions (a rename to a 500-character title is ~100 words).
constexpr qsizetype maxWordsForCommands = 150;
} // namespace

EngineReply notUnderstood()
{
    return EngineReply{QStringLiteral("Sorry, I didn't understand that. ") + BuiltinEngine::helpText(), false};
}

EngineReply failureReply(const QString &doing, const Error &error)
{
    return EngineReply{QStringLiteral("I couldn't %1: %2.").arg(doing, error.toString())};
}

EngineReply notFoundReply(const QString &said)
{
    return EngineReply{QStringLiteral("I couldn't find a task matching %1. Say “show my tasks” to see them, or "
                                      "“add %2” to add it.")
                           .arg(quoted(said), said)};
}

bool listsBefore(const TaskCatalog::Entry *a, const TaskCatalog::Entry *b)
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

Turn::Turn(const QString &raw, ConversationState &state, TaskCatalog &catalog, TaskOps &ops, const TurnContext &context)
    : m(readMessage(raw, [&catalog](const QString &word) { return catalog.hasWord(word); }))
    , m_state(state)
    , m_catalog(catalog)
    , m_ops(ops)
    , m_context(context)
{
    m_parse.now = context.now.instant;
    m_parse.timeZone = context.now.zone;
    m_parse.locale = context.locale;
}

EngineReply Turn::run()
{
    if (m.words.isEmpty())
        return notUnderstood();
    if (auto reply = answerPending())
        return *reply;
    if (auto reply = smallTalk())
        return *reply;
    stripCourtesy(m);
    if (auto reply = smallTalk())
        return *reply;
    if (auto reply = ignoredInstruction())
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
        if (auto reply = statement())
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
    if (auto reply = clauses())
        return *reply;
    if (auto reply = bareTask())
        return *reply;
    if (m_commandMiss)
        return *m_commandMiss;
    if (m_statementMiss)
        return *m_statementMiss;
    if (m.words.size() == 1
        && isOneOf(m.word(0),
                   {u"delete",     u"remove",   u"complete",   u"finish",   u"rename", u"reopen", u"start", u"tag",
                    u"untag",      u"add",      u"create",     u"push",     u"move",   u"mark",   u"check", u"tick",
                    u"reschedule", u"postpone", u"prioritize", u"describe", u"trash",  u"erase"}))
        return EngineReply{QStringLiteral("Which task? For example: “%1 the dentist task”.").arg(m.word(0))};
    return notUnderstood();
}

// "so I've just finished the slides, you can tick that off", "I called mom, and the
// dentist is done too": each clause on its own, for changes to tasks only (never a new
// task made of a clause); all of them one step for undo.
std::optional<EngineReply> Turn::clauses()
{
    if (m_clause)
        return std::nullopt;
    static const QRegularExpression joints(
        u"\\s*[,;]\\s*|\\s+(?:so|and|but|then|also|because|since|plus)\\s+|\\s+[-\u2013\u2014]\\s+"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QStringList parts = m.text.split(joints, Qt::SkipEmptyParts);
    if (parts.size() < 2 || parts.size() > 6)
        return std::nullopt;
    const qsizetype groupsBefore = m_state.undo.size();
    QStringList replies;
    for (const QString &part : parts) {
        Turn sub(part, m_state, m_catalog, m_ops, m_context);
        sub.m_clause = true;
        sub.m_stepsBefore = m_ops.steps().size();
        if (const auto reply = sub.runClause())
            replies.append(reply->text);
    }
    const bool acted = m_state.undo.size() > groupsBefore;
    if (!acted)
        return std::nullopt;
    StepGroup merged;
    while (m_state.undo.size() > groupsBefore)
        merged = m_state.undo.takeLast() + merged;
    m_state.pushUndo(merged);
    m_stepsBefore = m_ops.steps().size();
    return EngineReply{replies.join(u'\n')};
}

std::optional<EngineReply> Turn::runClause()
{
    stripCourtesy(m);
    if (m.words.isEmpty() || smallTalk())
        return std::nullopt;
    if (auto reply = command())
        return reply;
    return statement();
}

void Turn::remember()
{
    m_state.pushUndo(m_ops.steps().mid(m_stepsBefore));
    m_stepsBefore = m_ops.steps().size();
}

// Text that tries to instruct the assistant rather than manage tasks: nothing is done.
std::optional<EngineReply> Turn::ignoredInstruction() const
{
    static const QList<QStringList> openings = {
        {QStringLiteral("ignore")},
        {QStringLiteral("disregard")},
        {QStringLiteral("forget"), QStringLiteral("all")},
        {QStringLiteral("forget"), QStringLiteral("your")},
        {QStringLiteral("forget"), QStringLiteral("previous")},
        {QStringLiteral("system")},
        {QStringLiteral("you"), QStringLiteral("are"), QStringLiteral("now")},
        {QStringLiteral("act"), QStringLiteral("as")},
        {QStringLiteral("pretend")},
        {QStringLiteral("new"), QStringLiteral("instructions")},
        {QStringLiteral("override")},
    };
    const QStringList words = m.folded(0, m.words.size() - 1);
    const bool mentionsRules = std::any_of(words.cbegin(), words.cend(), [](const QString &w) {
        return isOneOf(w,
                       {u"instructions", u"instruction", u"rules", u"prompt", u"prompts", u"directives", u"system",
                        u"guidelines", u"programming", u"jailbreak", u"developer", u"assistant"});
    });
    for (const QStringList &opening : openings) {
        if (words.size() < opening.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; i < opening.size() && same; ++i)
            same = words.at(i) == opening.at(i);
        if (same && (mentionsRules || opening.constFirst() == u"system" || opening.size() >= 2))
            return EngineReply{QStringLiteral("I only manage your tasks, so I don't take instructions like that; "
                                              "nothing was changed. ")
                                   + BuiltinEngine::helpText(),
                               false};
    }
    return std::nullopt;
}

std::optional<EngineReply> Turn::smallTalk() const
{
    const QString head = m.word(0);
    const QString second = m.word(1);
    if (m.words.size() <= 6
        && (isOneOf(head, {u"thanks", u"thx", u"ty", u"cheers", u"tysm"}) || (head == u"thank" && second == u"you")))
        return EngineReply{QStringLiteral("You're welcome!")};
    if (wholeMessageIs(m,
                       {{u"bye"},
                        {u"goodbye"},
                        {u"bye", u"bye"},
                        {u"good", u"night"},
                        {u"goodnight"},
                        {u"see", u"you"},
                        {u"see", u"you", u"later"},
                        {u"see", u"ya"},
                        {u"later"}}))
        return EngineReply{QStringLiteral("Bye! Everything is saved.")};
    if (wholeMessageIs(m,
                       {{u"well", u"done"},
                        {u"good", u"job"},
                        {u"great", u"job"},
                        {u"nice", u"one"},
                        {u"good", u"bot"},
                        {u"love", u"it"},
                        {u"you", u"are", u"great"},
                        {u"nice", u"work"}}))
        return EngineReply{QStringLiteral("Thanks!")};
    if (wholeMessageIs(m, {{u"who", u"are", u"you"}, {u"what", u"are", u"you"}, {u"who", u"is", u"this"}}))
        return EngineReply{QStringLiteral("I'm Tandem's assistant: I add, find and change your tasks. ")
                           + BuiltinEngine::helpText()};
    if (wholeMessageIs(m,
                       {{u"what", u"time", u"is", u"it"},
                        {u"what", u"is", u"the", u"time"},
                        {u"what", u"day", u"is", u"it"},
                        {u"what", u"day", u"is", u"it", u"today"},
                        {u"what", u"is", u"the", u"date"},
                        {u"what", u"is", u"today's", u"date"},
                        {u"what", u"is", u"the", u"date", u"today"}}))
        return EngineReply{
            QStringLiteral("It's %1.")
                .arg(QLocale(QLocale::English)
                         .toString(now().instant.toTimeZone(now().zone), QStringLiteral("dddd d MMMM yyyy, H:mm")))};
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
                        {u"hello", u"tandem"},
                        {u"how", u"are", u"you"},
                        {u"hi", u"how", u"are", u"you"}}))
        return EngineReply{QStringLiteral("Hi! What can I do for you? For example: “add call Alex tomorrow at 3pm” or "
                                          "“what's due this week?”")};
    if (wholeMessageIs(m,
                       {{u"great"},
                        {u"perfect"},
                        {u"awesome"},
                        {u"nice"},
                        {u"cool"},
                        {u"ok", u"thanks"},
                        {u"great", u"thanks"},
                        {u"got", u"it"},
                        {u"sounds", u"good"}}))
        return EngineReply{QStringLiteral("You're welcome!")};
    if (wholeMessageIs(m,
                       {{u"help"},
                        {u"help", u"me"},
                        {u"what", u"can", u"you", u"do"},
                        {u"commands"},
                        {u"how", u"does", u"this", u"work"},
                        {u"what", u"do", u"you", u"do"},
                        {u"examples"},
                        {u"how", u"do", u"i", u"use", u"you"},
                        {u"how", u"do", u"i", u"use", u"this"}}))
        return EngineReply{QStringLiteral("I manage your tasks. ") + BuiltinEngine::helpText()};
    return std::nullopt;
}

std::optional<EngineReply> Turn::undoRedo()
{
    // "oops, undo that", "wait, can you undo it", "that was a mistake, undo": the
    // interjections and excuses before it go, then the request must be all that is left.
    static const QList<QStringList> openers = {
        {u"oops"_s},
        {u"wait"_s},
        {u"no"_s},
        {u"sorry"_s},
        {u"actually"_s},
        {u"hmm"_s},
        {u"ah"_s},
        {u"ugh"_s},
        {u"whoops"_s},
        {u"my"_s, u"bad"_s},
        {u"my"_s, u"mistake"_s},
        {u"never"_s, u"mind"_s},
        {u"that"_s, u"was"_s, u"a"_s, u"mistake"_s},
        {u"that"_s, u"is"_s, u"wrong"_s},
        {u"i"_s, u"did"_s, u"not"_s, u"mean"_s, u"that"_s},
        {u"i"_s, u"did"_s, u"not"_s, u"mean"_s, u"to"_s},
        {u"can"_s, u"you"_s},
        {u"could"_s, u"you"_s},
        {u"please"_s},
        {u"just"_s},
    };
    Message core = m;
    for (bool changed = true; changed && core.words.size() > 1;) {
        changed = false;
        for (const QStringList &opener : openers) {
            if (opener.size() < core.words.size() && core.folded(0, opener.size() - 1) == opener) {
                core.removeWords(0, opener.size());
                changed = true;
                break;
            }
        }
    }
    const QStringList words = core.folded(0, core.words.size() - 1);
    const QString head = words.value(0);
    const QString rest = words.mid(1).join(u' ');
    const bool undoObject = isOneOf(rest,
                                    {u"", u"that", u"it", u"this", u"the last change", u"last", u"my last change",
                                     u"the last thing", u"what you just did", u"what you did", u"that change",
                                     u"the change", u"your last change", u"that please", u"it please", u"please",
                                     u"the last one", u"that last change", u"everything you just did"});
    const bool lastWasDelete = !m_state.undo.isEmpty()
        && std::any_of(m_state.undo.constLast().cbegin(), m_state.undo.constLast().cend(),
                       [](const Step &step) { return step.kind == Step::Kind::Delete; });
    const bool undo = ((head == u"undo" || head == u"revert") && undoObject)
        || isOneOf(words.join(u' '),
                   {u"take that back", u"take it back", u"put it back", u"change it back", u"put that back",
                    u"change that back", u"set it back", u"go back", u"oops undo", u"reverse that", u"roll that back",
                    u"roll it back"})
        || (lastWasDelete
            && isOneOf(words.join(u' '),
                       {u"bring it back", u"restore it", u"undelete it", u"bring that back", u"restore that",
                        u"undelete that", u"get it back"}));
    const bool redo = (head == u"redo" && undoObject)
        || isOneOf(words.join(u' '), {u"do it again", u"do that again", u"redo the last change"});
    if (!undo && !redo)
        return std::nullopt;
    QList<StepGroup> &from = undo ? m_state.undo : m_state.redo;
    QList<StepGroup> &to = undo ? m_state.redo : m_state.undo;
    if (from.isEmpty())
        return EngineReply{undo ? QStringLiteral("There is nothing of mine to undo.")
                                : QStringLiteral("There is nothing to redo.")};
    auto done = m_ops.undoLast(from, to, undo);
    if (!done)
        return failureReply(undo ? QStringLiteral("undo that") : QStringLiteral("redo that"), done.error());
    const StepGroup group = done.value();
    for (const Step &step : group)
        m_state.lastTask = step.taskId;
    return EngineReply{
        (undo ? QStringLiteral("Undone: %1.") : QStringLiteral("Redone: %1.")).arg(describeGroup(group, undo))};
}

QString Turn::describeGroup(const StepGroup &group, bool undone) const
{
    QStringList parts;
    for (const Step &step : group) {
        const Entry *entry = m_catalog.find(step.taskId);
        const QString title = quoted(entry ? entry->task.title : step.title);
        switch (step.kind) {
        case Step::Kind::Create:
            parts.append(undone ? QStringLiteral("removed %1").arg(title) : QStringLiteral("added %1 back").arg(title));
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

std::optional<EngineReply> Turn::answerPending()
{
    if (!m_state.pending.isPending())
        return std::nullopt;
    const PendingAction pending = m_state.pending;
    m_state.pending = {};
    Message plain = m;
    stripCourtesy(plain);
    const bool cancel = wholeMessageIs(plain,
                                       {{u"none"},
                                        {u"no"},
                                        {u"nope"},
                                        {u"nah"},
                                        {u"cancel"},
                                        {u"never", u"mind"},
                                        {u"nevermind"},
                                        {u"neither"},
                                        {u"forget", u"it"},
                                        {u"stop"},
                                        {u"none", u"of", u"them"},
                                        {u"no", u"thanks"},
                                        {u"do", u"not"},
                                        {u"keep", u"them"},
                                        {u"keep", u"it"},
                                        {u"no", u"do", u"not"},
                                        {u"no", u"way"},
                                        {u"abort"},
                                        {u"not", u"now"},
                                        {u"leave", u"it"},
                                        {u"leave", u"them"}});
    if (pending.question == PendingAction::Question::ConfirmBulk) {
        const bool yes = wholeMessageIs(plain,
                                        {{u"yes"},
                                         {u"y"},
                                         {u"yeah"},
                                         {u"yea"},
                                         {u"yep"},
                                         {u"yup"},
                                         {u"sure"},
                                         {u"ok"},
                                         {u"okay"},
                                         {u"confirm"},
                                         {u"confirmed"},
                                         {u"do", u"it"},
                                         {u"go", u"ahead"},
                                         {u"go", u"for", u"it"},
                                         {u"yes", u"please"},
                                         {u"yes", u"delete", u"them"},
                                         {u"yes", u"delete", u"it"},
                                         {u"delete", u"them"},
                                         {u"delete", u"it"},
                                         {u"yes", u"do", u"it"},
                                         {u"yes", u"go", u"ahead"},
                                         {u"absolutely"},
                                         {u"of", u"course"},
                                         {u"correct"},
                                         {u"that", u"is", u"right"},
                                         {u"right"},
                                         {u"affirmative"},
                                         {u"please", u"do"},
                                         {u"yes", u"all", u"of", u"them"}});
        if (cancel)
            return EngineReply{QStringLiteral("OK, I left them as they are.")};
        // "yep, do it", "sure, go ahead", "yes, complete them": a yes and words that add nothing.
        const QStringList said = plain.folded(0, plain.words.size() - 1);
        const bool saysYes = !said.isEmpty()
            && (isOneOf(said.constFirst(),
                        {u"yes",    u"y",    u"yeah",    u"yea",         u"yep",        u"yup",        u"sure",
                         u"ok",     u"okay", u"confirm", u"confirmed",   u"absolutely", u"definitely", u"correct",
                         u"please", u"go",   u"do",      u"affirmative", u"alright",    u"fine"}))
            && std::all_of(said.cbegin(), said.cend(), [](const QString &word) {
                   return isOneOf(word,
                                  {u"yes",        u"y",        u"yeah",    u"yea",        u"yep",         u"yup",
                                   u"sure",       u"ok",       u"okay",    u"confirm",    u"confirmed",   u"absolutely",
                                   u"definitely", u"correct",  u"please",  u"go",         u"ahead",       u"do",
                                   u"it",         u"them",     u"that",    u"those",      u"all",         u"of",
                                   u"delete",     u"complete", u"remove",  u"change",     u"mark",        u"done",
                                   u"for",        u"thanks",   u"right",   u"is",         u"affirmative", u"alright",
                                   u"fine",       u"both",     u"proceed", u"everything", u"sounds",      u"good"});
               });
        if (!yes && !saysYes)
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
    const Resolver answers(plain, m_catalog, m_state);
    const Entry *chosen = answers.chooseAmong(candidates, m_parse);
    if (!chosen && answers.looksLikeAnAnswer()) {
        // "the green one", "7": meant as an answer, so never a new request.
        m_state.pending = pending;
        return EngineReply{QStringLiteral("I couldn't tell which one you mean. Say a number from 1 to %1, or “none”.")
                               .arg(candidates.size())};
    }
    if (!chosen)
        return std::nullopt;
    const auto op = opFromName(pending.operation);
    if (!op)
        return std::nullopt;
    return apply(*op, pending.arguments, chosen);
}

} // namespace tandem::assistant
