#include "corpus.h"

#include <QRegularExpression>

namespace tandem::bench {

using namespace Qt::StringLiterals;

namespace {

const QStringList &verbs()
{
    static const QStringList list = {
        u"Buy"_s,     u"Call"_s,    u"Email"_s,   u"Review"_s,   u"Send"_s,      u"Write"_s,    u"Fix"_s,
        u"Update"_s,  u"Book"_s,    u"Renew"_s,   u"Pay"_s,      u"Clean"_s,     u"Prepare"_s,  u"Schedule"_s,
        u"Plan"_s,    u"Order"_s,   u"Check"_s,   u"Return"_s,   u"Submit"_s,    u"Draft"_s,    u"Organize"_s,
        u"Finish"_s,  u"Read"_s,    u"Test"_s,    u"Deploy"_s,   u"Refactor"_s,  u"Cancel"_s,   u"Confirm"_s,
        u"Print"_s,   u"Sign"_s,    u"Pick up"_s, u"Drop off"_s, u"Replace"_s,   u"Research"_s, u"Compare"_s,
        u"Back up"_s, u"Install"_s, u"Upgrade"_s, u"Archive"_s,  u"Translate"_s,
    };
    return list;
}

const QStringList &objects()
{
    static const QStringList list = {
        u"groceries"_s,
        u"the report"_s,
        u"the invoice"_s,
        u"the contract"_s,
        u"slides"_s,
        u"the budget"_s,
        u"the proposal"_s,
        u"car insurance"_s,
        u"passport"_s,
        u"dentist appointment"_s,
        u"plants"_s,
        u"garage"_s,
        u"flight"_s,
        u"hotel"_s,
        u"train tickets"_s,
        u"birthday gift"_s,
        u"laptop"_s,
        u"printer"_s,
        u"router"_s,
        u"tax return"_s,
        u"rent"_s,
        u"electricity bill"_s,
        u"pull request"_s,
        u"release notes"_s,
        u"documentation"_s,
        u"unit tests"_s,
        u"database migration"_s,
        u"login page"_s,
        u"onboarding checklist"_s,
        u"newsletter"_s,
        u"blog post"_s,
        u"podcast episode"_s,
        u"team offsite"_s,
        u"quarterly review"_s,
        u"expense report"_s,
        u"timesheet"_s,
        u"vacation request"_s,
        u"meeting notes"_s,
        u"roadmap"_s,
        u"user survey"_s,
        u"press release"_s,
        u"job posting"_s,
        u"interview questions"_s,
        u"bike"_s,
        u"winter tyres"_s,
        u"smoke detector"_s,
        u"gym membership"_s,
        u"phone plan"_s,
        u"library books"_s,
        u"parcel"_s,
        u"concert tickets"_s,
        u"wedding card"_s,
        u"dishwasher"_s,
        u"bathroom tiles"_s,
        u"kitchen shelves"_s,
        u"website copy"_s,
        u"API keys"_s,
        u"SSL certificate"_s,
        u"backup drive"_s,
        u"design mockups"_s,
        u"sprint board"_s,
        u"customer feedback"_s,
        u"sales forecast"_s,
        u"pricing page"_s,
        u"security audit"_s,
        u"incident report"_s,
        u"health insurance"_s,
        u"school forms"_s,
        u"piano lessons"_s,
        u"vet appointment"_s,
        u"dog food"_s,
        u"recycling"_s,
    };
    return list;
}

const QStringList &people()
{
    static const QStringList list = {
        u"Ana"_s,     u"Ben"_s,          u"Carla"_s,       u"Dmitri"_s,   u"Elif"_s,   u"Farid"_s,   u"Greta"_s,
        u"Hiro"_s,    u"Ines"_s,         u"Jonas"_s,       u"Kemal"_s,    u"Lena"_s,   u"Marco"_s,   u"Nadia"_s,
        u"Oskar"_s,   u"Priya"_s,        u"Quentin"_s,     u"Rosa"_s,     u"Sven"_s,   u"Tomasz"_s,  u"Ulla"_s,
        u"Vera"_s,    u"Wei"_s,          u"Xavier"_s,      u"Yusuf"_s,    u"Zoe"_s,    u"mom"_s,     u"dad"_s,
        u"grandma"_s, u"the landlord"_s, u"the plumber"_s, u"Dr. Berg"_s, u"Amélie"_s, u"José"_s,    u"Zoë"_s,
        u"Björn"_s,   u"Chiara"_s,       u"Dolores"_s,     u"Emeka"_s,    u"Fatima"_s, u"Gustavo"_s, u"Hannah"_s,
        u"Ivan"_s,    u"Jasmin"_s,       u"Kofi"_s,        u"Lucia"_s,    u"Mateo"_s,
    };
    return list;
}

const QStringList &companies()
{
    static const QStringList list = {
        u"Globex"_s, u"Initech"_s,   u"Umbrella"_s, u"Acme"_s,    u"Hooli"_s,    u"Stark"_s,    u"Wayne"_s,
        u"Wonka"_s,  u"Cyberdyne"_s, u"Soylent"_s,  u"Tyrell"_s,  u"Aperture"_s, u"Massive"_s,  u"Vandelay"_s,
        u"Dunder"_s, u"Gringotts"_s, u"Oscorp"_s,   u"Monarch"_s, u"Pendant"_s,  u"Sterling"_s,
    };
    return list;
}

const QStringList &projects()
{
    static const QStringList list = {
        u"Atlas"_s,  u"Phoenix"_s, u"Orion"_s,   u"Nimbus"_s,  u"Falcon"_s,   u"Zephyr"_s,  u"Titan"_s,
        u"Aurora"_s, u"Comet"_s,   u"Delta"_s,   u"Everest"_s, u"Fjord"_s,    u"Granite"_s, u"Horizon"_s,
        u"Ionic"_s,  u"Juniper"_s, u"Kestrel"_s, u"Lumen"_s,   u"Meridian"_s, u"Nova"_s,
    };
    return list;
}

const QStringList &tagWords()
{
    static const QStringList list
        = {u"work"_s,  u"home"_s,    u"errands"_s, u"finance"_s,  u"health"_s,  u"family"_s, u"shopping"_s, u"travel"_s,
           u"admin"_s, u"reading"_s, u"q4"_s,      u"client-x"_s, u"someday"_s, u"garden"_s, u"car"_s};
    return list;
}

// The tasks people keep adding again and again: whole-title collisions.
const QStringList &recurring()
{
    static const QStringList list = {
        u"Buy milk"_s, u"Call mom"_s,          u"Water the plants"_s, u"Review pull request"_s, u"Take out the trash"_s,
        u"Pay rent"_s, u"Clean the kitchen"_s, u"Backup laptop"_s,    u"Weekly review"_s};
    return list;
}

QString title(Dice &dice)
{
    const int shape = dice.below(100);
    if (shape < 4)
        return dice.pick(recurring());
    if (shape < 40)
        return dice.pick(verbs()) + u' ' + dice.pick(objects());
    if (shape < 55)
        return dice.pick(verbs()) + u' ' + dice.pick(objects()) + u" for "_s + dice.pick(people());
    if (shape < 65)
        return u"Email "_s + dice.pick(people()) + u" about "_s + dice.pick(objects());
    if (shape < 75)
        return u"Send invoice %1 to %2"_s.arg(1000 + dice.below(9000)).arg(dice.pick(companies()));
    if (shape < 85)
        return u"Fix bug %1 in %2"_s.arg(100 + dice.below(4900)).arg(dice.pick(projects()));
    if (shape < 93)
        return dice.pick(verbs()) + u" the "_s + dice.pick(projects()) + u' '
            + QString(dice.pick(objects())).remove(u"the "_s);
    return u"Meet "_s + dice.pick(people()) + u" at "_s + dice.pick(companies());
}

QStringList tagsFor(Dice &dice)
{
    const int roll = dice.below(100);
    const int n = roll < 35 ? 0 : roll < 75 ? 1 : roll < 95 ? 2 : 3;
    QStringList tags;
    while (tags.size() < n) {
        const QString tag = dice.pick(tagWords());
        if (!tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

TaskPriority priorityFor(Dice &dice)
{
    const int roll = dice.below(100);
    if (roll < 45)
        return TaskPriority::None;
    if (roll < 60)
        return TaskPriority::Low;
    if (roll < 80)
        return TaskPriority::Medium;
    if (roll < 93)
        return TaskPriority::High;
    return TaskPriority::Urgent;
}

// A misspelling the engine should still understand: two letters swapped or
// one dropped, inside a word of five letters or more (never its first letter).
std::optional<QString> withTypo(const QString &text, Dice &dice)
{
    QStringList words = text.split(u' ');
    QList<qsizetype> candidates;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words.at(i);
        bool letters = word.size() >= 5;
        for (const QChar c : word)
            letters = letters && c.isLetter();
        if (letters)
            candidates.append(i);
    }
    if (candidates.isEmpty())
        return std::nullopt;
    QString &word = words[candidates.at(dice.below(int(candidates.size())))];
    const int at = 1 + dice.below(int(word.size()) - 2); // 1 .. size-2
    if (dice.chance(0.5) && word.at(at) != word.at(at + 1))
        std::swap(word[at], word[at + 1]);
    else
        word.remove(at, 1);
    return words.join(u' ');
}

const QStringList &dueWords()
{
    static const QStringList list
        = {u"tomorrow"_s, u"friday"_s,    u"next monday"_s, u"next week"_s,       u"the end of the month"_s,
           u"Dec 3"_s,    u"in 3 days"_s, u"monday at 9"_s, u"tomorrow at 3pm"_s, u"saturday"_s,
           u"12/15"_s,    u"today"_s};
    return list;
}

} // namespace

int Dice::below(int n)
{
    if (n <= 1)
        return 0;
    return std::uniform_int_distribution<int>(0, n - 1)(m_engine);
}

bool Dice::chance(double p)
{
    return std::uniform_real_distribution<double>(0, 1)(m_engine) < p;
}

QList<TaskDraft> makeTasks(int count, QDate today, const QTimeZone &zone, Dice &dice)
{
    static const QUuid idSpace(u"6c1d1e52-3f0a-4f0e-9a57-0b3c5d2e8a11"_s);
    QList<TaskDraft> drafts;
    drafts.reserve(count);
    for (int i = 0; i < count; ++i) {
        TaskDraft draft;
        draft.id = QUuid::createUuidV5(idSpace, QString::number(i));
        draft.title = title(dice);
        draft.priority = priorityFor(dice);
        draft.tags = tagsFor(dice);
        if (dice.chance(0.7)) {
            const QDate date = today.addDays(dice.below(121) - 60);
            if (dice.chance(0.25)) {
                const QDateTime local(date, QTime(8 + dice.below(11), dice.chance(0.5) ? 0 : 30), zone);
                draft.due = Due::at(local.toOffsetFromUtc(local.offsetFromUtc()));
            } else {
                draft.due = Due::onDate(date);
            }
        }
        const int status = dice.below(100);
        draft.status = status < 20 ? TaskStatus::Completed : status < 25 ? TaskStatus::InProgress : TaskStatus::Pending;
        if (dice.chance(0.15))
            draft.description = u"Notes: ask %1 first; see the %2 thread.\nLink in the shared drive."_s.arg(
                dice.pick(people()), dice.pick(projects()));
        drafts.append(draft);
    }
    return drafts;
}

// ------------------------------------------------------------------ Mirror

void Mirror::put(const Task &task)
{
    remove(task.id);
    if (task.isDeleted() || m_excluded.contains(task.id))
        return;
    m_tasks.insert(task.id, Known{task.id, task.title, task.status, task.tags});
    m_index.insert(task.id, m_ids.size());
    m_ids.append(task.id);
    ++m_titles[task.title.toCaseFolded()];
    if (task.status != TaskStatus::Completed)
        ++m_openTitles[task.title.toCaseFolded()];
}

void Mirror::put(const TaskDraft &draft)
{
    Task task;
    task.id = *draft.id;
    task.title = draft.title;
    task.status = draft.status;
    task.tags = draft.tags;
    put(task);
}

void Mirror::remove(const QUuid &id)
{
    const auto it = m_tasks.find(id);
    if (it == m_tasks.end())
        return;
    const QString key = it->title.toCaseFolded();
    if (--m_titles[key] <= 0)
        m_titles.remove(key);
    if (it->status != TaskStatus::Completed && --m_openTitles[key] <= 0)
        m_openTitles.remove(key);
    m_tasks.erase(it);
    const qsizetype at = m_index.take(id);
    const QUuid moved = m_ids.constLast();
    m_ids[at] = moved;
    m_ids.removeLast();
    if (moved != id)
        m_index[moved] = at;
}

const Mirror::Known *Mirror::find(const QUuid &id) const
{
    const auto it = m_tasks.constFind(id);
    return it == m_tasks.cend() ? nullptr : &it.value();
}

const Mirror::Known *Mirror::randomOpen(Dice &dice, bool uniqueTitle) const
{
    for (int attempt = 0; attempt < 400 && !m_ids.isEmpty(); ++attempt) {
        const Known &task = m_tasks.value(m_ids.at(dice.below(int(m_ids.size()))));
        if (task.status == TaskStatus::Completed)
            continue;
        const QString key = task.title.toCaseFolded();
        if (uniqueTitle ? m_titles.value(key) == 1 : m_openTitles.value(key) >= 2)
            return &m_tasks.find(task.id).value();
    }
    return nullptr;
}

// ------------------------------------------------------------------ Script

QString intentName(Intent intent)
{
    switch (intent) {
    case Intent::Query:
        return u"query"_s;
    case Intent::Question:
        return u"question"_s;
    case Intent::Create:
        return u"create"_s;
    case Intent::Complete:
        return u"complete"_s;
    case Intent::Rename:
        return u"rename"_s;
    case Intent::Due:
        return u"due"_s;
    case Intent::Priority:
        return u"priority"_s;
    case Intent::Tag:
        return u"tag"_s;
    case Intent::Ambiguous:
        return u"ambiguous"_s;
    case Intent::Answer:
        return u"answer"_s;
    case Intent::Undo:
        return u"undo"_s;
    case Intent::Help:
        return u"help"_s;
    case Intent::NotUnderstood:
        return u"nonsense"_s;
    }
    return {};
}

QString referenceName(Reference reference)
{
    switch (reference) {
    case Reference::None:
        return u"-"_s;
    case Reference::Title:
        return u"title"_s;
    case Reference::TitleTypo:
        return u"title with a typo"_s;
    case Reference::Number:
        return u"number"_s;
    case Reference::It:
        return u"it"_s;
    }
    return {};
}

Script::Script(Mirror &mirror, quint32 seed, bool readOnly)
    : m_mirror(mirror)
    , m_dice(seed)
    , m_readOnly(readOnly)
{ }

QString Script::nameOf(const Mirror::Known &task, Reference *reference)
{
    // Half the time typed in lower case, one time in five with a typo.
    QString name = m_dice.chance(0.5) ? task.title.toLower() : task.title;
    *reference = Reference::Title;
    if (m_dice.chance(0.2)) {
        if (auto typo = withTypo(name, m_dice)) {
            name = *typo;
            *reference = Reference::TitleTypo;
        }
    }
    return name;
}

ScriptMessage Script::query()
{
    static const QStringList fixed = {
        u"what's due today"_s,         u"show my overdue tasks"_s,
        u"how many open tasks"_s,      u"what's due this week?"_s,
        u"what's due tomorrow"_s,      u"show my high priority tasks"_s,
        u"what did I finish today"_s,  u"how many tasks do I have in total"_s,
        u"list my urgent tasks"_s,     u"anything due on friday?"_s,
        u"what's overdue"_s,           u"show my completed tasks"_s,
        u"what's due next week"_s,     u"show my tasks"_s,
        u"tasks without a due date"_s,
    };
    const int roll = m_dice.below(100);
    QString text;
    if (roll < 20)
        text = u"tasks tagged "_s + m_dice.pick(tagWords());
    else if (roll < 27)
        text = u"how many tasks tagged "_s + m_dice.pick(tagWords());
    else if (roll < 35)
        text = u"find "_s + m_dice.pick(m_dice.chance(0.5) ? companies() : people());
    else
        text = m_dice.pick(fixed);
    return ScriptMessage{text, Intent::Query, Reference::None};
}

std::optional<ScriptMessage> Script::write(Intent intent)
{
    // Which task: "it" after a change to one task, a number after a list, else a title.
    Reference reference = Reference::None;
    QString name;
    const Mirror::Known *target = nullptr;
    const int how = m_dice.below(100);
    if (how < 25 && m_it && (target = m_mirror.find(*m_it))) {
        name = m_dice.chance(0.7) ? u"it"_s : u"that"_s;
        reference = Reference::It;
    } else if (how < 50 && m_listed > 0) {
        const int n = 1 + m_dice.below(m_listed);
        static const QStringList forms = {u"%1"_s, u"#%1"_s, u"number %1"_s};
        name = m_dice.pick(forms).arg(n);
        reference = Reference::Number;
    } else {
        target = m_mirror.randomOpen(m_dice, true);
        if (!target)
            return std::nullopt;
        name = nameOf(*target, &reference);
    }
    QString text;
    switch (intent) {
    case Intent::Complete: {
        static const QStringList forms
            = {u"complete %1"_s, u"mark %1 as done"_s, u"I finished %1"_s, u"%1 is done"_s, u"tick off %1"_s};
        text = m_dice.pick(forms).arg(name);
        break;
    }
    case Intent::Rename:
        text = u"rename %1 to %2"_s.arg(name, title(m_dice));
        break;
    case Intent::Due: {
        static const QStringList forms
            = {u"push %1 to %2"_s, u"move %1 to %2"_s, u"reschedule %1 for %2"_s, u"set the due date of %1 to %2"_s};
        if (m_dice.chance(0.2))
            text = u"postpone %1 by %2 days"_s.arg(name).arg(1 + m_dice.below(5));
        else
            text = m_dice.pick(forms).arg(name, m_dice.pick(dueWords()));
        break;
    }
    case Intent::Priority: {
        static const QStringList forms
            = {u"make %1 urgent"_s, u"set the priority of %1 to high"_s, u"make %1 low priority"_s, u"prioritize %1"_s,
               u"give %1 a medium priority"_s};
        text = m_dice.pick(forms).arg(name);
        break;
    }
    case Intent::Tag: {
        const QString tag = m_dice.pick(tagWords());
        if (target && target->tags.size() > 0 && m_dice.chance(0.4))
            text = u"remove #%1 from %2"_s.arg(target->tags.constFirst(), name);
        else if (m_dice.chance(0.5))
            text = u"tag %1 with %2"_s.arg(name, tag);
        else
            text = u"add #%1 to %2"_s.arg(tag, name);
        break;
    }
    default:
        return std::nullopt;
    }
    return ScriptMessage{text, intent, reference};
}

ScriptMessage Script::next()
{
    m_last = [this]() -> ScriptMessage {
        if (m_asked > 0) {
            // "Which one?": pick one (or, read-only, decline).
            if (m_readOnly)
                return ScriptMessage{m_dice.chance(0.5) ? u"none"_s : u"never mind"_s, Intent::Answer, {}};
            static const QStringList forms = {u"%1"_s, u"the %1"_s, u"number %1"_s};
            const int n = 1 + m_dice.below(m_asked);
            static const QStringList ordinals = {u"first"_s, u"second"_s, u"third"_s};
            const QString choice
                = n <= 3 && m_dice.chance(0.3) ? u"the "_s + ordinals.at(n - 1) : m_dice.pick(forms).arg(n);
            return ScriptMessage{choice, Intent::Answer, Reference::Number};
        }
        for (;;) {
            const int roll = m_dice.below(100);
            if (roll < 30)
                return query();
            if (roll < 40) {
                // A question about one task, by title, by number after a list, or "it".
                Reference reference = Reference::Title;
                QString name;
                if (m_listed > 0 && m_dice.chance(0.3)) {
                    name = QString::number(1 + m_dice.below(m_listed));
                    reference = Reference::Number;
                } else if (const auto *task = m_mirror.randomOpen(m_dice, true)) {
                    name = nameOf(*task, &reference);
                } else {
                    continue;
                }
                static const QStringList forms
                    = {u"when is %1 due?"_s, u"is %1 done?"_s, u"what's the status of %1?"_s};
                return ScriptMessage{m_dice.pick(forms).arg(name), Intent::Question, reference};
            }
            if (roll < 44) {
                const auto *task = m_mirror.randomOpen(m_dice, false);
                if (!task)
                    continue;
                const QString name = m_dice.chance(0.5) ? task->title.toLower() : task->title;
                static const QStringList writes = {u"complete %1"_s, u"push %1 to friday"_s, u"make %1 urgent"_s};
                static const QStringList reads = {u"complete %1"_s, u"when is %1 due?"_s};
                return ScriptMessage{m_dice.pick(m_readOnly ? reads : writes).arg(name), Intent::Ambiguous,
                                     Reference::Title};
            }
            if (roll < 47) {
                static const QStringList forms
                    = {u"help"_s, u"what can you do?"_s, u"thanks"_s, u"hi"_s, u"who are you"_s};
                return ScriptMessage{m_dice.pick(forms), Intent::Help, {}};
            }
            if (roll < 50) {
                static const QStringList forms = {u"asdf qwerty"_s,
                                                  u"sing me a song"_s,
                                                  u"blorp the snarf"_s,
                                                  u"what is the meaning of life"_s,
                                                  u"purple monkey dishwasher"_s,
                                                  u"why"_s};
                return ScriptMessage{m_dice.pick(forms), Intent::NotUnderstood, {}};
            }
            if (m_readOnly)
                continue;
            if (roll < 62) {
                static const QStringList forms
                    = {u"add %1 tomorrow at 3pm #%2"_s, u"%1 on friday #%2"_s, u"remind me to %1 next week"_s,
                       u"add %1 in 3 days p2"_s,        u"add %1"_s,           u"%1 tomorrow #%2"_s};
                const QString what = m_dice.chance(0.5) ? title(m_dice).toLower() : title(m_dice);
                const QString &form = m_dice.pick(forms);
                const QString text = form.contains(u"%2"_s) ? form.arg(what, m_dice.pick(tagWords())) : form.arg(what);
                return ScriptMessage{text, Intent::Create, {}};
            }
            if (roll < 67) {
                if (m_undoable == 0)
                    continue;
                return ScriptMessage{m_dice.chance(0.85) ? u"undo"_s : u"undo that"_s, Intent::Undo, {}};
            }
            static const Intent writes[] = {Intent::Complete, Intent::Complete, Intent::Due,   Intent::Due,
                                            Intent::Priority, Intent::Tag,      Intent::Rename};
            if (auto message = write(writes[m_dice.below(int(std::size(writes)))]))
                return *message;
        }
    }();
    return m_last;
}

void Script::observe(const QString &reply, const QList<TaskAction> &actions)
{
    static const QRegularExpression numbered(u"^\\d+\\. "_s, QRegularExpression::MultilineOption);
    int lines = 0;
    for (auto it = numbered.globalMatch(reply); it.hasNext(); it.next())
        ++lines;
    m_asked = reply.contains(u"Which one?"_s) ? lines : 0;
    if (lines > 0)
        m_listed = lines;
    else if (reply.startsWith(u"You have no"_s))
        m_listed = 0;
    if (m_last.intent == Intent::Undo)
        m_undoable = std::max(0, m_undoable - 1);
    else if (!actions.isEmpty())
        m_undoable = std::min(20, m_undoable + 1);
    // "it" is the one task the last message changed or asked about.
    QList<QUuid> touched;
    for (const TaskAction &action : actions) {
        if (!touched.contains(action.taskId))
            touched.append(action.taskId);
    }
    if (touched.size() == 1)
        m_it = touched.constFirst();
    else if (!touched.isEmpty() || m_last.intent == Intent::Undo)
        m_it.reset();
}

Outcome outcomeOf(const QString &reply, bool changedTasks)
{
    if (changedTasks)
        return Outcome::Changed;
    if (reply.startsWith(u"Sorry, I didn't understand"_s))
        return Outcome::NotUnderstood;
    if (reply.contains(u"Which one?"_s) || reply.contains(u"not sure which task"_s))
        return Outcome::Asked;
    if (reply.startsWith(u"I couldn't find"_s))
        return Outcome::NotFound;
    if (reply.contains(u"\n1. "_s))
        return Outcome::Listed;
    return Outcome::Answered;
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Changed:
        return u"changed tasks"_s;
    case Outcome::Listed:
        return u"listed tasks"_s;
    case Outcome::Answered:
        return u"answered"_s;
    case Outcome::Asked:
        return u"asked which"_s;
    case Outcome::NotFound:
        return u"not found"_s;
    case Outcome::NotUnderstood:
        return u"not understood"_s;
    }
    return {};
}

QStringList quickAddInputs()
{
    return {
        u"Call mom tomorrow at 9 #family p2"_s,
        u"Buy milk"_s,
        u"Submit the tax return by friday 5pm !urgent"_s,
        u"Dentist appointment next tuesday at 14:30 #health"_s,
        u"Pay rent on the 1st of December"_s,
        u"Send invoice 4711 to Globex 2026-12-03 #finance #client-x"_s,
        u"Renew passport in 3 weeks high priority"_s,
        u"Water the plants this weekend"_s,
        u"Review pull request #123 before standup"_s,
        u"Update the Monday report"_s,
        u"Monday meeting notes"_s,
        u"Book flights to Lisbon for March 3, 2027 #travel"_s,
        u"Pick up dry cleaning tonight"_s,
        u"Team offsite planning end of month #work p1"_s,
        u"Read \"Thinking, Fast and Slow\" someday #reading"_s,
        u"Buy sun cream"_s,
        u"Fix the login bug asap !!!"_s,
        u"call the plumber at 8am on saturday"_s,
        u"Prepare slides for Friday's all-hands tomorrow morning"_s,
        u"Change smoke detector batteries 12/1"_s,
        u"Pay electricity bill 14/12 p3"_s,
        u"Gym at 6:30 pm"_s,
        u"Email Amélie about the Café Crème proposal next week #work"_s,
        u"Écrire à José demain"_s,
        u"Backup laptop every Friday"_s,
        u"Order 3 apples and 2 pears"_s,
        u"Cancel gym membership in a month"_s,
        u"Plan Zoë's birthday party on Dec 14th #family #home"_s,
        u"Check C# build on example.com/#top"_s,
        u"Finish report by 5:30"_s,
        u"Reply to the 'urgent' email from Ben"_s,
        u"Meet Ana for lunch at noon"_s,
        u"Midnight release of v2.0 friday midnight"_s,
        u"Submit timesheet end of the week low priority"_s,
        u"Call the bank in 2 hours"_s,
        u"Clean the garage the day after tomorrow #home"_s,
        u"Write blog post 🙂 next month #writing"_s,
        u"Prepare Q4 budget review by Dec 15 #finance #work !high"_s,
        u"Buy groceries: eggs, bread, cheese tomorrow #errands"_s,
        u"Take the car in for winter tyres on 2026-12-05T09:00+01:00"_s,
        u"Renew the SSL certificate before it expires in 10 days #admin p2"_s,
        u"Sort out health insurance paperwork (the new forms) next friday"_s,
        u"Walk the dog"_s,
        u"Dinner with Marco and Lena this evening"_s,
        u"Interview prep for the Orion role monday at 10am #work"_s,
        u"Return library books by the 3rd of January"_s,
        u"Research standing desks, compare prices and read reviews before black friday"_s,
        u"Pay the Acme invoice 2026/12/20 priority high"_s,
        u"Weekly review every sunday evening"_s,
        u"A very long task title that goes on and on describing everything that needs to happen for the move to "
        u"the new office, including packing, labelling boxes, booking the van and telling the post office, by "
        u"next Saturday at 10 #move #home p2"_s,
    };
}

} // namespace tandem::bench
