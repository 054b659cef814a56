// Turn's requests about existing tasks: one task at once, several after a yes.
#include "edits.h"
#include "turn.h"

#include "assistant/taskops.h"
#include "domain/json.h"
#include "domain/textfold.h"
#include "domain/vocabulary.h"

#include <QJsonArray>

namespace tandem::assistant {

namespace {
constexpr int maxListed = 20; // lines in one answer
constexpr int maxSplits = 8; // ways of reading one shape tried before taking the best

QStringList tagsFrom(const Message &m, qsizetype first, qsizetype last)
{
    QStringList tags;
    for (qsizetype i = first; i <= last; ++i) {
        QString word = m.literal(i, i);
        if (isOneOf(m.word(i), {u"and", u"the", u"tag", u"tags", u"label", u"labels", u"a", u"as"}))
            continue;
        if (word.startsWith(u'#'))
            word.remove(0, 1);
        word = word.trimmed();
        while (word.endsWith(u',') || word.endsWith(u'.'))
            word.chop(1);
        if (word.isEmpty())
            continue;
        if (std::none_of(tags.cbegin(), tags.cend(), [&](const QString &t) { return tagKey(t) == tagKey(word); }))
            tags.append(word);
    }
    return tags;
}

} // namespace

namespace {
// Frames whose other slot takes any words: where the task's words end is a choice.
bool hasFreeText(const CommandFrame &frame)
{
    return frame.op == Op::Rename || frame.op == Op::Describe;
}
} // namespace

bool Turn::dateSpans(qsizetype first, qsizetype last) const
{
    // "on friday", "by the 28th": a connector may lead the date ("do X on friday").
    if (first < last && isOneOf(m.word(first), {u"on", u"by", u"for", u"at", u"due", u"until", u"till"}))
        ++first;
    if (first < last && isOneOf(m.word(last), {u"instead", u"then", u"now"}))
        --last;
    const QString text = m.corrected(first, last);
    const auto due = QuickAddParser::findDue(text, m_parse);
    return due && due->start == 0 && due->length == text.size();
}

std::optional<QJsonObject> Turn::commandArguments(const CommandFrame &frame, const Pattern::Captures &captures) const
{
    QJsonObject arguments;
    const auto slot = [&](const char *name) {
        return captures.value(QString::fromLatin1(name));
    };
    switch (frame.op) {
    case Op::Rename: {
        const auto [a, b] = slot("title");
        arguments.insert(QStringLiteral("title"), m.literal(a, b));
        break;
    }
    case Op::Describe: {
        // No {text}: "remove the note from X" clears it.
        const auto [a, b] = slot("text");
        arguments.insert(QStringLiteral("text"),
                         captures.contains(QStringLiteral("text")) ? m.literal(a, b) : QString());
        break;
    }
    case Op::Due:
        if (captures.contains(QStringLiteral("shift"))) {
            const auto [a, b] = slot("shift");
            const auto shift = shiftFromWords(m.folded(a, b));
            if (!shift)
                return std::nullopt;
            arguments.insert(QStringLiteral("shiftDays"), shift->first);
            arguments.insert(QStringLiteral("shiftMonths"), shift->second);
        } else {
            const auto [a, b] = slot("date");
            const auto due = QuickAddParser::findDue(m.corrected(a, b), m_parse);
            if (!due)
                return std::nullopt;
            arguments.insert(QStringLiteral("due"), due->due.toIsoString());
        }
        break;
    case Op::Priority: {
        if (frame.change != PriorityChange::Set) {
            arguments.insert(QStringLiteral("change"),
                             frame.change == PriorityChange::Raise ? QStringLiteral("raise") : QStringLiteral("lower"));
            break;
        }
        std::optional<TaskPriority> priority = frame.fixedPriority;
        if (!priority) {
            const auto [a, b] = slot("priority");
            priority = priorityFromPhrase(m.folded(a, b).join(u' '));
        }
        if (!priority)
            return std::nullopt;
        arguments.insert(QStringLiteral("priority"), taskPriorityName(*priority));
        break;
    }
    case Op::Repeat: {
        const auto [a, b] = slot("repeat");
        const QuickAdd parsed = QuickAddParser::parse(m.corrected(a, b), m_parse);
        if (!parsed.repeat || !parsed.title.isEmpty())
            return std::nullopt;
        arguments.insert(QStringLiteral("repeat"), repeatToJson(*parsed.repeat));
        break;
    }
    case Op::AddTags:
    case Op::RemoveTags: {
        const auto [a, b] = slot(captures.contains(QStringLiteral("hashtags"))        ? "hashtags"
                                     : captures.contains(QStringLiteral("knowntags")) ? "knowntags"
                                                                                      : "tags");
        const QStringList tags = tagsFrom(m, a, b);
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

std::optional<EngineReply> Turn::command()
{
    const Resolver names = resolver();
    const auto valid = [&](const QString &slot, qsizetype first, qsizetype last) {
        if (slot == u"date")
            return dateSpans(first, last);
        if (slot == u"shift")
            return shiftFromWords(m.folded(first, last)).has_value();
        if (slot == u"repeat") {
            const QuickAdd parsed = QuickAddParser::parse(m.corrected(first, last), m_parse);
            return parsed.repeat.has_value() && parsed.title.isEmpty();
        }
        if (slot == u"priority")
            return priorityFromPhrase(m.folded(first, last).join(u' ')).has_value();
        if (slot == u"task")
            return names.taskSlotValid(first, last);
        if (slot == u"hashtags") {
            for (qsizetype i = first; i <= last; ++i) {
                if (!m.word(i).startsWith(u'#'))
                    return false;
            }
        }
        if (slot == u"tags" || slot == u"knowntags") {
            // Tag words, never the words of a request ("take X off my list").
            const QSet<QString> known = slot == u"knowntags" ? m_catalog.tagKeys() : QSet<QString>();
            for (qsizetype i = first; i <= last; ++i) {
                const QString word = m.word(i).startsWith(u'#') ? m.word(i).mid(1) : m.word(i);
                if (isOneOf(word, {u"my", u"list", u"all", u"tasks", u"todo", u"every", u"of", u"from"}))
                    return false;
                if (slot == u"knowntags" && !isOneOf(word, {u"the", u"and", u"tag", u"tags"})
                    && !known.contains(tagKey(word)))
                    return false;
            }
        }
        return true;
    };
    std::optional<EngineReply> firstMiss;
    for (const CommandFrame &frame : commandFrames()) {
        // A shape may fit in several ways ("call buy milk Buy soy milk instead"):
        // take the reading whose task matches best, stopping at an exact title.
        struct Reading
        {
            QJsonObject arguments;
            Resolution resolution;
            qsizetype taskWords = 0;
        };
        std::optional<Reading> best;
        QList<const Entry *> several; // "complete the report and the plants"
        QJsonObject severalArguments;
        int tried = 0;
        frame.pattern.matchAll(m.words, 0, valid, [&](const Pattern::Captures &captures) {
            const auto [taskFirst, taskLast] = captures.value(QStringLiteral("task"));
            if (frame.colonAfterTask && !m.markAfter(taskLast, u':'))
                return false;
            const auto arguments = commandArguments(frame, captures);
            if (!arguments)
                return false;
            ++tried;
            Resolution r = names.resolve(taskFirst, taskLast, scopeFor(frame.op));
            if (r.tasks.isEmpty() && several.isEmpty() && frame.op != Op::Rename && frame.op != Op::Describe) {
                several = names.namedList(taskFirst, taskLast);
                severalArguments = *arguments;
            }
            if (r.tasks.isEmpty()) {
                // "buy bread due monday" names no task: perhaps a new one, so
                // only shapes that start with a command say "not found".
                if (taskFirst > 0 && !firstMiss)
                    firstMiss = unresolved(r);
                else if (taskFirst == 0 && !m_statementMiss && names.looksLikeAName(taskFirst, taskLast))
                    m_statementMiss = unresolved(r);
                return tried >= maxSplits;
            }
            // The better reading; naming the same one task, the one that gives it more
            // words ("call the kitchen snik Fix the tap instead": "snik" is the task's).
            const qsizetype words = taskLast - taskFirst + 1;
            const bool sameTask = best && r.tasks.size() == 1 && best->resolution.tasks.size() == 1
                && r.tasks.constFirst() == best->resolution.tasks.constFirst();
            if (!best || (sameTask ? words > best->taskWords : r.score > best->resolution.score))
                best = Reading{*arguments, r, words};
            return (best->resolution.exact && !hasFreeText(frame)) || tried >= maxSplits;
        });
        if (!best && several.size() > 1)
            return askBulk(frame.op, severalArguments, several);
        if (!best)
            continue;
        const Resolution &r = best->resolution;
        if (frame.op == Op::Delete && m.words.size() == 2 && m.word(0) == u"cancel"
            && isOneOf(m.word(1), {u"that", u"it", u"this"}))
            // "cancel that" often means "undo": never guess a delete.
            return EngineReply{QStringLiteral("Do you want to undo my last change (say “undo”), or delete %1 "
                                              "(say “delete %2”)?")
                                   .arg(quoted(r.tasks.constFirst()->task.title), r.tasks.constFirst()->task.title)};
        if (r.plural && r.tasks.size() > 1)
            return frame.op == Op::Delete ? askDelete(r.tasks, QStringLiteral("tasks"))
                                          : askBulk(frame.op, best->arguments, r.tasks);
        if (r.tasks.size() > 1)
            return askWhich(frame.op, best->arguments, r.tasks, r.said);
        if (frame.op == Op::Delete && !names.clearlyNamed(r))
            return confirmDelete(r.tasks.constFirst());
        return apply(frame.op, best->arguments, r.tasks.constFirst());
    }
    // "schedule the dentist for friday" with no such task may be a new one: said if nothing else fits.
    m_commandMiss = firstMiss;
    return std::nullopt;
}

EngineReply Turn::unresolved(const Resolution &r) const
{
    if (r.byReference)
        return EngineReply{QStringLiteral("I'm not sure which task you mean by %1. Say its name, or ask me to "
                                          "list your tasks first.")
                               .arg(quoted(r.said))};
    return notFoundReply(r.said);
}

EngineReply Turn::apply(Op op, const QJsonObject &arguments, const Entry *entry)
{
    const Task task = entry->task;
    m_state.lastTask = task.id;
    const QString title = quoted(task.title);
    if (op == Op::Delete) {
        auto removed = m_ops.remove(task.id);
        if (!removed)
            return failureReply(QStringLiteral("delete %1").arg(title), removed.error());
        remember();
        return EngineReply{QStringLiteral("Deleted %1. Say “undo” to bring it back.").arg(title)};
    }
    const auto edit = editFor(op, arguments, task, now());
    if (!edit)
        return notUnderstood();
    if (!edit->unchanged.isEmpty())
        return EngineReply{edit->unchanged};
    auto updated = m_ops.update(task.id, edit->patch);
    if (!updated)
        return failureReply(QStringLiteral("change %1").arg(title), updated.error());
    remember();
    return EngineReply{edit->done};
}

EngineReply Turn::confirmDelete(const Entry *entry)
{
    m_state.pending.question = PendingAction::Question::ConfirmBulk;
    m_state.pending.operation = opName(Op::Delete);
    m_state.pending.arguments = {};
    m_state.pending.candidates = {entry->task.id};
    m_state.lastTask = entry->task.id;
    m_state.lastList = {entry->task.id};
    return EngineReply{QStringLiteral("Do you want me to delete %1? (yes / no)").arg(quoted(entry->task.title))};
}

EngineReply Turn::askWhich(Op op, const QJsonObject &arguments, const QList<const Entry *> &candidates,
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

EngineReply Turn::askBulk(Op op, const QJsonObject &arguments, const QList<const Entry *> &targets)
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

EngineReply Turn::applyAll(Op op, const QJsonObject &arguments, const QList<QUuid> &ids)
{
    QStringList lines;
    for (const QUuid &id : ids) {
        const Entry *entry = m_catalog.find(id);
        if (!entry)
            continue; // gone meanwhile
        const Task task = entry->task;
        const auto edit = editFor(op, arguments, task, now());
        if (!edit || !edit->unchanged.isEmpty())
            continue;
        auto updated = m_ops.update(task.id, edit->patch);
        if (!updated) {
            remember();
            const EngineReply failed
                = failureReply(QStringLiteral("change %1").arg(quoted(task.title)), updated.error());
            return lines.isEmpty() ? failed : EngineReply{lines.join(u' ') + QStringLiteral(" Then: ") + failed.text};
        }
        m_state.lastTask = task.id;
        lines.append(edit->done);
    }
    remember();
    if (lines.isEmpty())
        return EngineReply{QStringLiteral("Nothing needed changing.")};
    return EngineReply{lines.join(u'\n')};
}

} // namespace tandem::assistant
