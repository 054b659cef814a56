#include "filters.h"

#include "assistant/quickadd.h"
#include "domain/textfold.h"
#include "domain/vocabulary.h"

namespace tandem::assistant {

namespace {

// The tag a word names, when the user has one by that word (or its plural).
QString knownTag(const QString &word, const QSet<QString> &tagKeys)
{
    const QString plain = word.startsWith(u'#') ? word.mid(1) : word;
    if (plain.isEmpty())
        return {};
    const QString key = tagKey(plain);
    if (tagKeys.contains(key))
        return plain;
    const QString stem = wordStem(key);
    for (const QString &tag : tagKeys) {
        if (wordStem(tag) == stem)
            return tag;
    }
    return {};
}

bool isListNoun(const QString &word)
{
    return isOneOf(word,
                   {u"tasks", u"task", u"todos", u"todo", u"things", u"items", u"list", u"to-dos", u"to-do", u"plate",
                    u"agenda", u"stuff", u"jobs", u"chores", u"reminders", u"ones"});
}

} // namespace

std::optional<ListFilter> parseListFilter(const Message &m, const Now &now, const ParseContext &parse,
                                          const QSet<QString> &tagKeys)
{
    ListFilter f;
    f.query.timeZone = now.zone;
    f.query.now = now.instant;
    f.query.statuses = {TaskStatus::Pending, TaskStatus::InProgress};
    QString status = QStringLiteral("open");
    QString when;
    QString extra;
    bool sawTaskWord = false;
    bool sawAnything = false;
    bool sawDue = false;
    const QList<Word> &w = m.words;
    const QDate today = now.today();
    const auto startOf = [&](QDate date) {
        return QDateTime(date, QTime(0, 0), now.zone);
    };
    const auto setDay = [&](QDate from, QDate to, const QString &said) {
        f.query.dueAfter = startOf(from);
        f.query.dueBefore = startOf(to);
        when = said;
        sawAnything = true;
    };
    for (qsizetype i = 0; i < w.size(); ++i) {
        const QString &word = w.at(i).folded;
        const QString next = m.word(i + 1);
        if (isListNoun(word)) {
            sawTaskWord = true;
        } else if (word == u"to" && next == u"do") {
            sawTaskWord = true; // "what do I have to do"
            ++i;
        } else if (word == u"how" && next == u"many") {
            f.count = true;
            ++i;
        } else if ((word == u"count" || word == u"number") && i <= 1) {
            f.count = true;
        } else if (word == u"due") {
            sawDue = true;
        } else if (isOneOf(word, {u"total", u"altogether", u"overall", u"ever"})) {
            f.query.statuses.clear();
            status.clear();
            sawAnything = true;
        } else if (isOneOf(word,
                           {u"open", u"pending", u"remaining", u"left", u"incomplete", u"unfinished", u"outstanding",
                            u"active", u"undone", u"unticked"})) {
            sawAnything = true;
        } else if (isOneOf(word, {u"upcoming", u"soon", u"next", u"coming"}) && next != u"week" && next != u"month") {
            sawDue = true; // "what's next", "anything coming up soon"
            if (word == u"coming" && next == u"up")
                ++i;
        } else if (word == u"not" && isOneOf(next, {u"done", u"finished", u"completed", u"complete"})) {
            sawAnything = true; // "tasks not done yet": open, the default
            ++i;
        } else if (isOneOf(word,
                           {u"completed", u"done", u"finished", u"closed", u"complete", u"finish", u"ticked", u"did",
                            u"accomplished"})) {
            f.query.statuses = {TaskStatus::Completed};
            status = QStringLiteral("completed");
            sawAnything = true;
        } else if ((word == u"in" && next == u"progress") || isOneOf(word, {u"started", u"ongoing", u"in-progress"})) {
            f.query.statuses = {TaskStatus::InProgress};
            status = QStringLiteral("in-progress");
            sawAnything = true;
            if (word == u"in")
                ++i;
        } else if (word == u"working" && next == u"on") {
            f.query.statuses = {TaskStatus::InProgress};
            status = QStringLiteral("in-progress");
            sawAnything = true;
            ++i;
        } else if (isOneOf(word, {u"all", u"everything", u"every"})) {
            f.query.statuses.clear();
            status.clear();
            sawAnything = true;
        } else if (isOneOf(word, {u"overdue", u"late", u"missed", u"behind"})
                   || (word == u"past" && isOneOf(next, {u"due", u"deadline", u"their"}))) {
            f.query.dueFilter = DueFilter::Overdue;
            when = QStringLiteral("overdue");
            sawAnything = true;
        } else if (isOneOf(word, {u"today", u"tonight", u"todays"})) {
            setDay(today, today.addDays(1), QStringLiteral("due today"));
        } else if (word == u"yesterday") {
            setDay(today.addDays(-1), today, QStringLiteral("due yesterday"));
        } else if (isOneOf(word, {u"tomorrow", u"tmrw", u"tmr", u"tomorrows"})) {
            setDay(today.addDays(1), today.addDays(2), QStringLiteral("due tomorrow"));
        } else if ((word == u"this" || word == u"the") && next == u"week") {
            setDay(today, today.addDays(8 - today.dayOfWeek()), QStringLiteral("due this week"));
            ++i;
        } else if (word == u"next" && next == u"week") {
            const QDate monday = today.addDays(8 - today.dayOfWeek());
            setDay(monday, monday.addDays(7), QStringLiteral("due next week"));
            ++i;
        } else if ((word == u"this" || word == u"the") && next == u"month") {
            setDay(today, QDate(today.year(), today.month(), 1).addMonths(1), QStringLiteral("due this month"));
            ++i;
        } else if ((word == u"no" || word == u"without" || word == u"not") && i + 1 < w.size()) {
            qsizetype j = i + 1;
            while (j < w.size() && isOneOf(w.at(j).folded, {u"a", u"due", u"any", u"have", u"got", u"set"}))
                ++j;
            if (j < w.size() && isOneOf(w.at(j).folded, {u"date", u"dates", u"deadline", u"deadlines", u"due"})) {
                f.query.dueFilter = DueFilter::NoDue;
                when = QStringLiteral("without a due date");
                sawAnything = true;
                i = j;
            }
        } else if (isOneOf(word, {u"undated", u"unscheduled", u"dateless"})) {
            f.query.dueFilter = DueFilter::NoDue;
            when = QStringLiteral("without a due date");
            sawAnything = true;
        } else if (const auto priority
                   = (isOneOf(next, {u"priority", u"prio"}) ? priorityFromPhrase(QString(word + u' ' + next))
                          : isOneOf(word, {u"urgent", u"important", u"asap"}) ? priorityFromPhrase(word)
                                                                              : std::nullopt)) {
            if (*priority == TaskPriority::High)
                f.query.priorities = {TaskPriority::High, TaskPriority::Urgent};
            else
                f.query.priorities = {*priority};
            extra = word == u"important" ? QStringLiteral("important")
                                         : priorityWord(*priority) + QStringLiteral("-priority");
            if (isOneOf(next, {u"priority", u"prio"}))
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
        } else if (const QString tag = f.query.tag.isEmpty() ? knownTag(word, tagKeys) : QString(); !tag.isEmpty()) {
            f.query.tag = tag; // "my home tasks", "my errands", "work stuff"
            sawAnything = true;
        } else if (((isOneOf(word,
                             {u"about", u"called", u"named", u"matching", u"containing", u"mentioning", u"regarding",
                              u"re"})
                     && !(i + 1 < w.size() && isOneOf(next, {u"today", u"tomorrow"}))) // "what about tomorrow"
                    || (word == u"with"
                        && !isOneOf(next,
                                    {u"no", u"a", u"an", u"any", u"tag", u"tags", u"label", u"labels", u"due", u"high",
                                     u"low", u"medium", u"urgent"})))
                   && i + 1 < w.size()) {
            f.text = m.literal(i + 1, w.size() - 1);
            sawAnything = true;
            break;
        } else if (isOneOf(word, {u"find", u"search", u"look", u"lookup", u"locate"}) && i + 1 < w.size()) {
            qsizetype j = i + 1;
            while (j < w.size()
                   && isOneOf(w.at(j).folded,
                              {u"for", u"up", u"me", u"my", u"tasks", u"task", u"todos", u"a", u"about", u"called",
                               u"named", u"matching", u"containing", u"mentioning", u"with", u"the", u"any", u"all"}))
                ++j;
            if (j < w.size()) {
                f.text = m.literal(j, w.size() - 1);
                f.query.statuses.clear();
                status.clear();
                sawAnything = true;
                break;
            }
        } else if (!isOneOf(word, {u"the",       u"my",     u"a",        u"an",     u"of",        u"all",   u"me",
                                   u"i",         u"that",   u"which",    u"are",    u"is",        u"have",  u"do",
                                   u"for",       u"on",     u"with",     u"any",    u"to",        u"by",    u"before",
                                   u"until",     u"due",    u"in",       u"now",    u"currently", u"still", u"got",
                                   u"what",      u"there",  u"anything", u"show",   u"list",      u"see",   u"view",
                                   u"display",   u"give",   u"tell",     u"get",    u"whats",     u"yet",   u"left",
                                   u"so",        u"far",    u"at",       u"moment", u"right",     u"up",    u"pull",
                                   u"bring",     u"please", u"can",      u"you",    u"could",     u"am",    u"does",
                                   u"did",       u"we",     u"our",      u"need",   u"should",    u"else",  u"some",
                                   u"how",       u"many",   u"much",     u"lot",    u"lots",      u"plan",  u"planned",
                                   u"scheduled", u"coming", u"look",     u"like",   u"it",        u"out"})) {
            ++f.unknownWords;
        }
    }
    // "what's due on saturday", "anything for dec 3": one day.
    if (when.isEmpty() && f.query.dueFilter == DueFilter::Any && f.text.isEmpty()) {
        const QString said = m.corrected(0, m.words.size() - 1);
        if (const auto due = QuickAddParser::findDue(said, parse)) {
            const QDate day = due->due.hasTime() ? due->due.dateTime().toTimeZone(now.zone).date() : due->due.date();
            const QString before = said.left(due->start).trimmed().toCaseFolded();
            const QString shown = humanDue(Due::onDate(day), now).remove(QStringLiteral("on "));
            if (before.endsWith(u" before")) {
                f.query.dueBefore = startOf(day); // overdue ones too
                when = QStringLiteral("due before ") + shown;
            } else if (before.endsWith(u" by") || before.endsWith(u" until") || before.endsWith(u" till")) {
                f.query.dueBefore = startOf(day.addDays(1));
                when = QStringLiteral("due by ") + shown;
            } else {
                f.query.dueAfter = startOf(day);
                f.query.dueBefore = startOf(day.addDays(1));
                when = QStringLiteral("due ") + humanDue(Due::onDate(day), now);
            }
            sawAnything = true;
        }
    }
    // "what did I finish today": the day it was done.
    if (f.query.statuses == QList<TaskStatus>{TaskStatus::Completed} && !sawDue
        && (f.query.dueAfter.isValid() || f.query.dueBefore.isValid())) {
        f.query.completedAfter = f.query.dueAfter;
        f.query.completedBefore = f.query.dueBefore;
        f.query.dueAfter = f.query.dueBefore = QDateTime();
        when.remove(QStringLiteral("due "));
    }
    if (sawDue && when.isEmpty() && f.query.dueFilter == DueFilter::Any) {
        f.query.dueFilter = DueFilter::HasDue; // "what's due?"
        when = QStringLiteral("with a due date");
        sawAnything = true;
    }
    if (!sawAnything && !sawTaskWord)
        return std::nullopt;
    const bool overdue = f.query.dueFilter == DueFilter::Overdue;
    QStringList parts;
    if (!status.isEmpty() && !(overdue && status == u"open"))
        parts.append(status);
    if (!extra.isEmpty())
        parts.append(extra);
    if (overdue)
        parts.append(QStringLiteral("overdue"));
    QString description = (parts.isEmpty() ? QString() : parts.join(u' ') + u' ') + QStringLiteral("tasks");
    if (f.query.completedAfter.isValid() || f.query.completedBefore.isValid())
        description = QStringLiteral("tasks completed ") + when;
    else if (!when.isEmpty() && !overdue)
        description += u' ' + when;
    if (!f.query.tag.isEmpty())
        description += QStringLiteral(" tagged #") + f.query.tag;
    if (!f.text.isEmpty())
        description += QStringLiteral(" matching ") + quoted(f.text);
    f.description = description;
    return f;
}

QString singularOf(const QString &plural)
{
    QString s = plural; // "open tasks tagged #work": only the first "tasks", never a quoted one
    if (const qsizetype at = s.indexOf(QStringLiteral("tasks")); at >= 0)
        s.remove(at + 4, 1);
    return s;
}

} // namespace tandem::assistant
