// Turn's questions: lists, counts, and questions about one task.
#include "turn.h"

#include "domain/textfold.h"

namespace tandem::assistant {

using namespace Qt::StringLiterals;

namespace {
constexpr int maxListed = 20; // lines in one answer
} // namespace

QSet<QString> Turn::tagKeys() const
{
    return m_catalog.tagKeys();
}

// The tasks a filter selects, in no order. Its words of text match a task when
// its title or description has them (ignoring case and accents), or when its
// title's words are close to them (a typo, another order).
TaskCatalog::Selection Turn::select(const ListFilter &filter, qsizetype limit) const
{
    TaskQuery query = filter.query;
    query.text = filter.text;
    QSet<QUuid> close;
    if (!filter.text.isEmpty()) {
        QStringList words;
        for (const Word &word : splitWords(filter.text)) {
            if (!isOneOf(word.folded, {u"the", u"a", u"an", u"my"}))
                words.append(word.folded);
        }
        for (const auto &match : m_catalog.match(words, foldForSearch(filter.text)))
            close.insert(match.entry->task.id);
    }
    return m_catalog.select(TaskMatcher(query), close, limit);
}

std::optional<EngineReply> Turn::query()
{
    const QString first = m.word(0);
    const bool asks = isOneOf(
        first, {u"show",   u"list",       u"display", u"what",  u"which",   u"give",     u"see",       u"view",
                u"find",   u"search",     u"any",     u"tell",  u"get",     u"how",      u"do",        u"are",
                u"is",     u"anything",   u"my",      u"look",  u"lookup",  u"tasks",    u"todos",     u"overdue",
                u"open",   u"completed",  u"due",     u"all",   u"pending", u"upcoming", u"remaining", u"am",
                u"count",  u"where",      u"pull",    u"bring", u"have",    u"has",      u"did",       u"number",
                u"locate", u"everything", u"got"});
    // Other openings ("today?", "urgent stuff", "errands") only when every word says which tasks.
    if (!asks && ((!m.question && m.words.size() > 3) || m.words.size() < 2))
        return std::nullopt;
    auto filter = parseListFilter(m, now(), m_parse, tagKeys());
    if (!asks && filter && (filter->unknownWords > 0 || !filter->text.isEmpty()))
        return std::nullopt;
    if (!filter && isOneOf(first, {u"show", u"display", u"view", u"see", u"give", u"pull", u"bring"})) {
        // "show me the report": the tasks with those words
        qsizetype from = 1;
        while (from < m.words.size()
               && isOneOf(m.word(from), {u"me", u"my", u"the", u"a", u"an", u"task", u"tasks", u"all", u"up"}))
            ++from;
        if (from < m.words.size()) {
            filter = ListFilter{};
            filter->query.timeZone = now().zone;
            filter->query.now = now().instant;
            filter->text = m.literal(from, m.words.size() - 1);
            filter->description = u"tasks matching "_s + quoted(filter->text);
        }
    }
    if (!filter)
        return std::nullopt;
    // Only what is shown can be referred to by number, so only that needs an order.
    const TaskCatalog::Selection found = select(*filter, filter->count ? 0 : maxListed);
    const QString description = filter->description;
    const QString counted = countOf(found.total, singularOf(description), description);
    if (filter->count)
        return EngineReply{found.total == 0 ? u"You have no %1."_s.arg(description) : u"You have %1."_s.arg(counted)};
    m_state.lastList.clear();
    if (found.total == 0)
        return EngineReply{u"You have no %1."_s.arg(description)};
    QList<Task> shown;
    for (const Entry *entry : found.tasks) {
        m_state.lastList.append(entry->task.id);
        shown.append(entry->task);
    }
    if (found.total == 1)
        m_state.lastTask = found.tasks.constFirst()->task.id;
    QString reply = u"You have %1:\n%2"_s.arg(counted, numberedList(shown, now()));
    if (found.total > shown.size())
        reply += u"\n…and %1 more."_s.arg(found.total - shown.size());
    return EngineReply{reply};
}

// "when is the report due?", "is the report done?", "what's the status of X?"
std::optional<EngineReply> Turn::taskQuestion()
{
    enum class Ask { When, Done, Overdue, About };
    static const QList<std::pair<Pattern, Ask>> patterns = {
        {Pattern(u"when is|was|are {task} due ?again"_s), Ask::When},
        {Pattern(u"when is|was the deadline|due_date for|of|on {task}"_s), Ask::When},
        {Pattern(u"when do|should|must i ?have_to do|finish|complete|submit {task} ?by"_s), Ask::When},
        {Pattern(u"what is|was the due_date|deadline|date of|for|on {task}"_s), Ask::When},
        {Pattern(u"is|are|was {task} ?already ?marked done|complete|completed|finished|ticked_off ?yet|already"_s),
         Ask::Done},
        {Pattern(
             u"did|have i ?already ?ever finish|finished|complete|completed|do|done|tick_off {task} ?yet|already"_s),
         Ask::Done},
        {Pattern(u"is|are {task} overdue|late|past_due"_s), Ask::Overdue},
        {Pattern(u"what is the status of {task}"_s), Ask::About},
        {Pattern(u"status|details of|for|on {task}"_s), Ask::About},
        {Pattern(u"tell me about|more_about {task}"_s), Ask::About},
        {Pattern(u"what is {task} about"_s), Ask::About},
        {Pattern(u"how urgent|important is {task}"_s), Ask::About},
    };
    const Resolver names = resolver();
    const auto valid = [&](const QString &, qsizetype first, qsizetype last) {
        return names.taskSlotValid(first, last);
    };
    for (const auto &row : patterns) {
        const auto &pattern = row.first;
        const auto &ask = row.second;
        Pattern::Captures captures;
        if (!pattern.match(m.words, 0, &captures, valid))
            continue;
        const auto [first, last] = captures.value(u"task"_s);
        const Resolution r = names.resolve(first, last, Scope::Any);
        if (r.tasks.isEmpty())
            return unresolved(r);
        if (r.tasks.size() > 1) {
            QList<Task> tasks;
            m_state.lastList.clear();
            for (const Entry *entry : r.tasks) {
                tasks.append(entry->task);
                m_state.lastList.append(entry->task.id);
            }
            return EngineReply{u"Several tasks match %1:\n%2"_s.arg(quoted(r.said), numberedList(tasks, now()))};
        }
        const Task &task = r.tasks.constFirst()->task;
        m_state.lastTask = task.id;
        const QString title = quoted(task.title);
        const bool done = task.status == TaskStatus::Completed;
        switch (ask) {
        case Ask::When:
            if (task.due.isNone())
                return EngineReply{u"%1 has no due date."_s.arg(title)};
            return EngineReply{(isOverdue(task, now()) ? u"%1 was due %2."_s : u"%1 is due %2."_s)
                                   .arg(title, humanDue(task.due, now()))
                               + (done ? u" It is done."_s : QString())};
        case Ask::Done:
            return EngineReply{done                                        ? u"Yes, %1 is done."_s.arg(title)
                                   : task.status == TaskStatus::InProgress ? u"No, %1 is in progress."_s.arg(title)
                                                                           : u"No, %1 is still open."_s.arg(title)};
        case Ask::Overdue:
            if (isOverdue(task, now()))
                return EngineReply{u"Yes, %1 was due %2."_s.arg(title, humanDue(task.due, now()))};
            return EngineReply{done                    ? u"No, %1 is done."_s.arg(title)
                                   : task.due.isNone() ? u"No, %1 has no due date."_s.arg(title)
                                                       : u"No, %1 is due %2."_s.arg(title, humanDue(task.due, now()))};
        case Ask::About:
            return EngineReply{describe(task, now())
                               + (task.description.isEmpty() ? QString() : u'\n' + task.description)};
        }
    }
    return std::nullopt;
}

} // namespace tandem::assistant
