// The conversational edges of a turn: greetings and thanks, attempts to
// instruct the assistant, and undo/redo in the ways people ask for them.
#include "turn.h"

#include "assistant/catalog.h"
#include "assistant/taskops.h"
#include "assistant/turntools.h"

#include <QLocale>

namespace tandem::assistant {

using namespace Qt::StringLiterals;

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

} // namespace tandem::assistant
