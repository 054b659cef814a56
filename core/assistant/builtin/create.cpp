// Turn's additions: "add …", "remind me to …", "I need to …", lists of several,
// and a bare "buy milk tomorrow #home".
#include "turn.h"

#include "assistant/taskops.h"
#include "domain/textfold.h"
#include "domain/vocabulary.h"
#include "lexicon.h"

#include <QRegularExpression>

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {

constexpr int maxListed = 20; // lines in one answer
constexpr int maxCreated = 50; // tasks one message may add

// The first word of `part` (folded), past an optional "to" or "also".
QString leadingWord(QStringView part)
{
    const auto words = splitWords(part);
    qsizetype i = 0;
    while (i < words.size() && isOneOf(words.at(i).folded, {u"to", u"also", u"then", u"and"}))
        ++i;
    return i < words.size() ? words.at(i).folded : QString();
}

// "buy eggs and call the vet" -> two tasks: " and " (also "&", "and then",
// "and also", "and to") separates two requests that each start with a verb;
// "buy eggs and milk" and "call mom and dad" stay one.
QStringList splitOnVerbs(const QString &part)
{
    static const QRegularExpression joiner(u"\\s+(?:and\\s+then|and\\s+also|and\\s+to|and|&|also|then)\\s+"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    QStringList pieces;
    qsizetype from = 0;
    QRegularExpressionMatchIterator it = joiner.globalMatch(part);
    while (it.hasNext()) {
        const auto match = it.next();
        const QString before = part.mid(from, match.capturedStart() - from);
        const QString after = part.mid(match.capturedEnd());
        if (lexicon::isEverydayVerb(leadingWord(before)) && lexicon::isEverydayVerb(leadingWord(after))) {
            pieces.append(before);
            from = match.capturedEnd();
        }
    }
    pieces.append(part.mid(from));
    return pieces;
}

// "milk, eggs and bread" -> three; "call mom and dad" -> one; lines and
// semicolons always separate; with `always`, " and " separates too.
QStringList splitItems(const QString &text, bool always)
{
    QStringList items;
    const QStringList lines = text.split(QRegularExpression(u"[\\n;]+"_s), Qt::SkipEmptyParts);
    static const QRegularExpression andSplit(u"^(.*?)\\s*(?:\\band\\b|&)\\s+(.+)$"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    for (const QString &line : lines) {
        QStringList parts = line.split(u',', Qt::SkipEmptyParts);
        if (parts.size() > 1 || always) {
            // The last part may be "x and y" / "and y".
            QString lastPart = parts.takeLast().trimmed();
            const auto match = andSplit.match(lastPart);
            if (match.hasMatch()) {
                if (!match.captured(1).trimmed().isEmpty())
                    parts.append(match.captured(1));
                parts.append(match.captured(2));
            } else {
                parts.append(lastPart);
            }
        }
        static const QRegularExpression bullet(u"^(?:[-*•]|\\d{1,2}[.)])\\s+"_s);
        static const QRegularExpression leading(u"^(?:and|also|then|and then|and also|plus)\\s+"_s,
                                                QRegularExpression::CaseInsensitiveOption);
        for (const QString &whole : std::as_const(parts)) {
            for (QString part : splitOnVerbs(whole.trimmed())) {
                part = part.trimmed().remove(bullet).remove(leading).trimmed();
                if (part.startsWith(u"to "_s, Qt::CaseInsensitive) && lexicon::isEverydayVerb(leadingWord(part)))
                    part = part.mid(3).trimmed();
                if (!part.isEmpty())
                    items.append(part);
            }
        }
    }
    return items.isEmpty() ? QStringList{text} : items;
}

bool isCountWord(const QString &word)
{
    return isOneOf(word, {u"two",     u"three",    u"four",  u"five",      u"six",   u"seven",  u"eight",
                          u"nine",    u"ten",      u"2",     u"3",         u"4",     u"5",      u"6",
                          u"7",       u"8",        u"9",     u"10",        u"few",   u"couple", u"some",
                          u"several", u"multiple", u"these", u"following", u"those", u"them",   u"this"});
}

bool isTaskNoun(const QString &word)
{
    return lexicon::alternatives(lexicon::taskNouns()).contains(word);
}

// A list that only names a place: "to my list", "on my to-do list".
bool isPlainList(const QString &word)
{
    return isOneOf(word,
                   {u"to-do", u"todo", u"to", u"task", u"tasks", u"main", u"daily", u"usual", u"personal", u"reminder",
                    u"reminders", u"the"});
}

} // namespace

std::optional<Turn::ListPhrase> Turn::listPhrase(qsizetype first, qsizetype last) const
{
    for (qsizetype i = first + 1; i < last; ++i) {
        if (!isOneOf(m.word(i), {u"to", u"on", u"onto", u"in", u"into", u"for"}))
            continue;
        // "to|on (my|the) (NAME) (to do|to-do) list", ending the message or followed by a date.
        qsizetype j = i + 1;
        if (isOneOf(m.word(j), {u"my", u"the", u"our"}))
            ++j;
        const qsizetype nameAt = j;
        qsizetype noun = -1;
        for (qsizetype k = j; k <= std::min(last, j + 3) && noun < 0; ++k) {
            if (isOneOf(m.word(k), {u"list", u"lists", u"tasks", u"todos", u"to-dos", u"agenda"}))
                noun = k;
        }
        const bool dateAfter = noun >= 0 && noun < last
            && (dateSpans(noun + 1, last)
                || (isOneOf(m.word(noun + 1), {u"for", u"on", u"by", u"due"}) && noun + 1 < last
                    && dateSpans(noun + 2, last)));
        if (noun < 0 || (noun < last && !dateAfter))
            continue;
        qsizetype nameEnd = noun - 1;
        if (nameEnd - 1 >= nameAt && m.word(nameEnd - 1) == u"to" && m.word(nameEnd) == u"do")
            nameEnd -= 2;
        else if (nameEnd >= nameAt && isOneOf(m.word(nameEnd), {u"to-do", u"todo"}))
            nameEnd -= 1;
        if (nameEnd - nameAt > 0)
            continue; // more than one word before "list": part of the title
        ListPhrase phrase;
        phrase.start = i;
        phrase.end = noun;
        if (nameEnd == nameAt) {
            const QString place = m.literal(nameAt, nameAt);
            if (!isPlainList(foldForSearch(place)))
                phrase.place = place.startsWith(u'#') ? place.mid(1) : place;
        }
        return phrase;
    }
    return std::nullopt;
}

std::optional<EngineReply> Turn::create()
{
    const QString addVerbs = lexicon::addVerbs();
    static const QList<Pattern> patterns = {
        // "remind me tomorrow to call the bank": the date goes, and so does "to".
        Pattern(u"remind me ?to|about|of|that {title}"_s),
        Pattern(u"set|add|create|make ?a|an|new|me ?a reminder|reminders ?to|for|about|that {title}"_s),
        Pattern(u"remember to|that {title}"_s),
        Pattern(u"do not let me forget ?to|about {title}"_s),
        Pattern(u"do not forget ?to|about {title}"_s),
        Pattern(u"make sure ?that i|to|you_remind_me_to|i {title}"_s),
        Pattern(u"i want|would_like to remember to {title}"_s),
        Pattern(u"i want|would_like to {title}"_s),
        Pattern(u"i ?really ?still need|must|should|gotta ?to {title}"_s),
        Pattern(u"i ?really ?still have|got|ought to {title}"_s),
        Pattern(u"i have got to {title}"_s),
        Pattern(u"need|have|got|gotta ?to {title}"_s),
        Pattern(u"i want to remember to {title}"_s),
        Pattern(u"i will need to {title}"_s),
        Pattern(u"note to self {title}"_s),
        Pattern(u"todo|to-do|to_do|reminder|task|new_task|new_todo {title}"_s),
        Pattern(u"set_up|set|make ?a|an|new ?new task|todo|to-do|item|reminder|note|entry ?to|called|named|for "
                "{title}"_s),
        Pattern(u"%1 ?down|in|up {title}"_s.arg(addVerbs)),
    };
    // These verbs add only where a list is named ("put milk on my list"): "put X on hold" is no task.
    static const QStringList needList
        = {u"put"_s, u"stick"_s, u"pop"_s, u"throw"_s, u"chuck"_s, u"get"_s, u"slap"_s, u"bung"_s};
    // "tomorrow I need to call the bank", "on friday remind me to …": a date may come first.
    qsizetype from = 0;
    for (qsizetype k = std::min<qsizetype>(4, m.words.size() - 1); k >= 1; --k) {
        if (dateSpans(0, k - 1) || (isOneOf(m.word(0), {u"on", u"by", u"for"}) && k >= 2 && dateSpans(1, k - 1))) {
            from = k;
            if (const auto due = QuickAddParser::findDue(m.corrected(0, k - 1), m_parse))
                m_leadingDue = due->due;
            break;
        }
    }
    for (const Pattern &pattern : patterns) {
        Pattern::Captures captures;
        if (!pattern.match(m.words, from, &captures))
            continue;
        auto [first, last] = captures.value(u"title"_s);
        // "add a tag ... to X", "add the work tag to X", "add a note to X" are edits, not new tasks.
        qsizetype head = first;
        while (head < last && isOneOf(m.word(head), {u"a", u"an", u"the"}))
            ++head;
        if (isOneOf(m.word(head), {u"tag", u"tags", u"label", u"labels"})
            || (isOneOf(m.word(head), {u"note", u"description", u"details", u"comment"})
                && isOneOf(m.word(head + 1), {u"to", u"on"}))
            || (isOneOf(m.word(head + 1), {u"tag", u"tags", u"label", u"labels"})
                && isOneOf(m.word(head + 2), {u"to", u"on"})))
            return std::nullopt;
        if (needList.contains(m.word(from)) && !listPhrase(first, last))
            continue;
        for (qsizetype i = from; i < first; ++i)
            m_reminder = m_reminder || isOneOf(m.word(i), {u"remind", u"reminder", u"reminders"});
        return addTasks(first, last, false);
    }
    return std::nullopt;
}

// A message with a date, priority or tag but no command ("buy milk tomorrow #home")
// is an addition — unless it reads as a question, names a task that exists
// together with other words (an unknown verb and a change: never a new task
// made of a command's words), or nothing but the date, priority or tag is left.
std::optional<EngineReply> Turn::bareTask()
{
    if (m.question || m.words.isEmpty()
        || isOneOf(m.word(0),
                   {u"what",       u"which",    u"when",   u"where",  u"who",      u"why",    u"how",    u"show",
                    u"list",       u"is",       u"are",    u"am",     u"does",     u"did",    u"can",    u"could",
                    u"should",     u"will",     u"would",  u"any",    u"anything", u"make",   u"set",    u"mark",
                    u"push",       u"move",     u"delete", u"remove", u"complete", u"rename", u"tag",    u"untag",
                    u"reschedule", u"postpone", u"change", u"update", u"undo",     u"redo",   u"reopen", u"prioritize",
                    u"clear",      u"drop",     u"cancel", u"trash",  u"erase",    u"flag",   u"give",   u"do",
                    u"not",        u"no",       u"it",     u"that",   u"this",     u"i",      u"finish", u"finished",
                    u"done",       u"start",    u"stop",   u"shift",  u"bump",     u"delay",  u"defer",  u"raise",
                    u"lower",      u"ignore",   u"forget", u"put"}))
        return std::nullopt;
    const QString text = m.words.size() == 1 && m.isQuote(0) ? m.literal(0, 0) : m.corrected(0, m.words.size() - 1);
    const QuickAdd parsed = QuickAddParser::parse(text, m_parse);
    if (parsed.due.isNone() && !parsed.priority && parsed.tags.isEmpty())
        return std::nullopt;
    if (parsed.title.isEmpty())
        return std::nullopt; // "tomorrow", "#work": no task said
    // The words left for a title must not name an existing task with more words around it
    // ("zap the expense report friday"): that is a change said in a way not understood,
    // never a new task. The task's own whole title is a new one like it ("buy milk tomorrow").
    QStringList titleWords;
    QStringList significant;
    for (const Word &word : splitWords(parsed.title)) {
        titleWords.append(word.folded);
        if (!isOneOf(word.folded, {u"the",  u"a",    u"an",   u"my",  u"for", u"to",  u"of",      u"on",   u"at",
                                   u"with", u"is",   u"are",  u"was", u"be",  u"now", u"instead", u"just", u"also",
                                   u"it",   u"this", u"that", u"and", u"or",  u"so",  u"then"}))
            significant.append(word.folded);
    }
    const auto whole = m_catalog.match(significant, foldForSearch(parsed.title));
    const bool exactTitle = std::any_of(whole.cbegin(), whole.cend(), [](const auto &match) { return match.exact; });
    // The stretches to look for a task in: the whole title, all but its first word, and, after
    // a first word that is no everyday verb ("zorp the sink"), every word or two of the rest.
    QList<QStringList> stretches;
    const bool everyday = !significant.isEmpty() && lexicon::isEverydayVerb(significant.constFirst());
    if (significant.size() >= 2)
        stretches.append(significant);
    if (significant.size() >= (everyday ? 3 : 2))
        stretches.append(significant.mid(1));
    for (qsizetype i = 1; !everyday && i < significant.size(); ++i) {
        if (significant.at(i).size() >= 4)
            stretches.append({significant.at(i)});
        if (i + 1 < significant.size())
            stretches.append(significant.mid(i, 2));
    }
    if (exactTitle)
        stretches.clear();
    for (const QStringList &said : std::as_const(stretches)) {
        for (const auto &match : m_catalog.match(said, foldForSearch(said.join(u' ')))) {
            if (match.score < 0.6)
                continue;
            m_state.lastTask = match.entry->task.id;
            return EngineReply{u"Did you mean to change %1? I couldn't tell how: say, for example, “move %2 to "
                               u"friday” or “mark %2 as done”."_s.arg(quoted(match.entry->task.title), said.join(u' ')),
                               false};
        }
    }
    if (isOneOf(titleWords.constLast(), {u"to", u"into", u"from", u"as", u"until"}))
        return notUnderstood(); // "frobnicate the report to friday": a change, not a task
    return addTasks(0, m.words.size() - 1, false);
}

EngineReply Turn::addTasks(qsizetype first, qsizetype last, bool split)
{
    // What stands between the verb and the title: "three tasks:", "an urgent task to", "a reminder for".
    bool named = m_reminder; // "a task for friday to call the bank": the "to" goes too
    while (first < last) {
        const QString word = m.word(first);
        const QString next = m.word(first + 1);
        if (isCountWord(word)
            && (isTaskNoun(next) || m.markAfter(first, u':') || next == u"of" || next == u"more"
                || isOneOf(next, {u"new", u"things", u"more"}))) {
            split = true;
            ++first;
            while (first < last && isOneOf(m.word(first), {u"of", u"more", u"new", u"quick", u"little"}))
                ++first;
            continue;
        }
        if (isOneOf(word, {u"a", u"an", u"another", u"new", u"one", u"quick", u"little"}) && !m.markAfter(first, u':')
            && !m.isQuote(first + 1)) {
            ++first;
            continue;
        }
        // "urgent", "high priority", "low-priority" before the noun: the task's priority.
        bool priorityWords = false;
        for (qsizetype n = 2; n >= 1 && !priorityWords; --n) {
            if (first + n > last)
                continue;
            const auto priority = priorityFromPhrase(m.folded(first, first + n - 1).join(u' '));
            if (priority && isTaskNoun(m.word(first + n))) {
                m_createPriority = *priority;
                first += n;
                priorityWords = true;
            }
        }
        if (priorityWords)
            continue;
        if (isTaskNoun(word) && !m.isQuote(first)) {
            const bool introduces = m.markAfter(first, u':')
                || isOneOf(next, {u"to", u"for", u"called", u"named", u"titled", u"saying", u"about", u"that"});
            const bool plainNoun = isOneOf(word, {u"task", u"tasks", u"todo", u"todos", u"to-do", u"to-dos"});
            if (!introduces && !plainNoun)
                break;
            split = split || word.endsWith(u's');
            named = true;
            ++first;
            if (first < last
                && isOneOf(m.word(first),
                           {u"to", u"for", u"called", u"named", u"titled", u"saying", u"about", u"that"}))
                ++first;
            continue;
        }
        if (isOneOf(word, {u"called", u"named", u"titled"})) {
            ++first;
            continue;
        }
        if (word == u"the" && next == u"following") {
            ++first;
            continue;
        }
        if (isOneOf(word, {u"these", u"following", u"this", u"them", u"those"}) && m.markAfter(first, u':')) {
            split = true;
            ++first;
            continue;
        }
        break;
    }
    // "… to my shopping list", "… on my list for friday": where, not what.
    const auto list = listPhrase(first, last);
    if (list && !list->place.isEmpty())
        m_createTag = list->place;
    if (first > last)
        return EngineReply{u"What should the task be called? For example: “add call Alex tomorrow”."_s};
    const bool literal = first == last && m.isQuote(first);
    QString text = literal ? m.literal(first, last) : m.corrected(first, last);
    if (list) {
        text = m.corrected(first, list->start - 1);
        if (list->end < last)
            text += u' ' + m.corrected(list->end + 1, last);
    }
    // A marker after the last word ("buy milk !!") belongs to it.
    if (!literal && last == m.words.size() - 1) {
        const Word &end = m.words.constLast();
        const QString tail = m.text.mid(end.start + end.length);
        if (std::none_of(tail.cbegin(), tail.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            text += tail;
    }
    const QStringList items = literal ? QStringList{text} : splitItems(text, split);
    if (items.size() > maxCreated)
        return EngineReply{
            u"That is %1 tasks; I add at most %2 at once, so I added none. Send them in smaller batches."_s
                .arg(items.size())
                .arg(maxCreated)};
    QList<TaskDraft> drafts;
    for (const QString &item : items) {
        TaskDraft draft;
        if (literal) {
            draft.title = text; // quoted: taken literally
        } else {
            const QuickAdd said = QuickAddParser::parse(item, m_parse);
            auto parsed = taskDraftFromQuickAdd(said);
            if (!parsed) {
                // ", it's important", ", tomorrow": more about the task before.
                if (!drafts.isEmpty()) {
                    TaskDraft &previous = drafts.last();
                    if (previous.due.isNone())
                        previous.due = said.due;
                    if (said.priority && previous.priority == TaskPriority::None)
                        previous.priority = *said.priority;
                    for (const QString &tag : said.tags) {
                        if (!previous.tags.contains(tag, Qt::CaseInsensitive))
                            previous.tags.append(tag);
                    }
                }
                continue;
            }
            draft = parsed.value();
            if (named && draft.title.startsWith(u"to "_s, Qt::CaseInsensitive))
                draft.title = draft.title.mid(3).trimmed();
            while (draft.title.startsWith(u"a "_s, Qt::CaseInsensitive)
                   || draft.title.startsWith(u"an "_s, Qt::CaseInsensitive))
                draft.title = draft.title.mid(draft.title.indexOf(u' ') + 1).trimmed();
        }
        if (m_createPriority && draft.priority == TaskPriority::None)
            draft.priority = *m_createPriority;
        if (m_leadingDue && draft.due.isNone())
            draft.due = *m_leadingDue;
        if (!m_createTag.isEmpty() && std::none_of(draft.tags.cbegin(), draft.tags.cend(), [&](const QString &tag) {
                return tagKey(tag) == tagKey(m_createTag);
            }))
            draft.tags.append(m_createTag);
        if (draft.title.trimmed().isEmpty())
            continue;
        // All or nothing: a title the store would refuse stops the whole message.
        Task check = taskFromDraft(QUuid(), draft, now().instant);
        check.id = QUuid::createUuid();
        if (const auto valid = validateTask(check); !valid) {
            const Error &error = valid.error();
            return EngineReply{error.field == u"title" ? u"I couldn't add that: the title %1."_s.arg(error.message)
                                                       : u"I couldn't add that: %1."_s.arg(error.toString())};
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
            const EngineReply failed = failureReply(u"add %1"_s.arg(quoted(draft.title)), created.error());
            return titles.isEmpty() ? failed
                                    : EngineReply{u"I added %1, then: %2"_s.arg(titles.join(u", "_s), failed.text)};
        }
        added.append(created.value());
    }
    remember();
    if (added.isEmpty())
        return EngineReply{u"What should the task be called? For example: “add call Alex tomorrow”."_s};
    if (added.size() == 1) {
        m_state.lastTask = added.constFirst().id;
        return EngineReply{u"Added %1."_s.arg(describe(added.constFirst(), now()))};
    }
    m_state.lastList.clear();
    for (const Task &task : std::as_const(added))
        m_state.lastList.append(task.id);
    QString reply = u"Added %1:\n%2"_s.arg(countOf(added.size(), u"task"_s, u"tasks"_s),
                                           numberedList(added.mid(0, maxListed), now()));
    if (added.size() > maxListed)
        reply += u"\n…and %1 more."_s.arg(added.size() - maxListed);
    return EngineReply{reply};
}

} // namespace tandem::assistant
