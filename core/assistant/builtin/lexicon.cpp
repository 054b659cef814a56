#include "lexicon.h"

#include "domain/vocabulary.h"

namespace tandem::assistant::lexicon {

namespace {

bool isOneOfDates(const QString &word)
{
    static const QSet<QString> dates
        = {QStringLiteral("today"),     QStringLiteral("tomorrow"), QStringLiteral("tonight"),
           QStringLiteral("yesterday"), QStringLiteral("monday"),   QStringLiteral("tuesday"),
           QStringLiteral("wednesday"), QStringLiteral("thursday"), QStringLiteral("friday"),
           QStringLiteral("saturday"),  QStringLiteral("sunday"),   QStringLiteral("january"),
           QStringLiteral("february"),  QStringLiteral("march"),    QStringLiteral("april"),
           QStringLiteral("june"),      QStringLiteral("july"),     QStringLiteral("august"),
           QStringLiteral("september"), QStringLiteral("october"),  QStringLiteral("november"),
           QStringLiteral("december"),  QStringLiteral("morning"),  QStringLiteral("afternoon"),
           QStringLiteral("evening"),   QStringLiteral("weekend"),  QStringLiteral("midnight")};
    return dates.contains(word);
}

} // namespace

QString addVerbs()
{
    return QStringLiteral("add|create|new|put|jot|jot_down|note|note_down|write_down|log|insert|include|"
                          "schedule|set_up|track|capture|save|stick|pop|throw|chuck|enter|record|get|slap|bung");
}

QString completeVerbs()
{
    return QStringLiteral("complete|finish|close|tick_off|check_off|cross_off|knock_out|wrap_up|close_out|"
                          "finalize|finalise|do");
}

QString completedWords()
{
    return QStringLiteral("done|complete|completed|finished|sorted|handled|taken_care_of|dealt_with|ticked_off|"
                          "checked_off|crossed_off|wrapped_up|over|closed|out_of_the_way");
}

QString completePast()
{
    return QStringLiteral("finished|completed|did|done|ticked_off|checked_off|crossed_off|wrapped_up|knocked_out|"
                          "handled|sorted|sorted_out|closed|dealt_with|took_care_of|taken_care_of|got_through|"
                          "nailed|finalized|finalised");
}

QString reopenVerbs()
{
    return QStringLiteral("reopen|re-open|uncomplete|unfinish|untick|uncheck|unmark|uncross|undo|revert|restart");
}

QString openWords()
{
    return QStringLiteral("not_done|undone|incomplete|open|pending|todo|to_do|to-do|unfinished|not_completed|"
                          "not_complete|not_finished|not_done_yet|not_finished_yet|still_open|still_pending|"
                          "outstanding|not_over");
}

QString startVerbs()
{
    return QStringLiteral("start|begin|kick_off|get_going_on|get_started_on|commence");
}

QString deleteVerbs()
{
    return QStringLiteral("delete|remove|trash|erase|drop|scrap|scratch|discard|get_rid_of|cancel|kill|ditch|"
                          "nuke|bin|dump|toss|axe|forget|forget_about|take_off|strike|purge");
}

QString moveVerbs()
{
    return QStringLiteral("push|move|reschedule|re-schedule|postpone|defer|delay|shift|bump|change|set|put|"
                          "schedule|plan|slide|punt|put_off|push_back|move_back|bring_forward|pull_forward|"
                          "bring|pull");
}

QString laterVerbs()
{
    return QStringLiteral("push|move|postpone|defer|delay|shift|bump|put_off|punt|slide|kick");
}

QString renameVerbs()
{
    return QStringLiteral("rename|retitle|re-title|re-name");
}

QString raiseVerbs()
{
    return QStringLiteral("raise|increase|bump_up|up|boost|escalate|bump|upgrade");
}

QString lowerVerbs()
{
    return QStringLiteral("lower|decrease|reduce|drop|downgrade|lessen");
}

QString showVerbs()
{
    return QStringLiteral("show|list|display|see|view|give|pull_up|bring_up|find|search|look_up|get");
}

QString taskNouns()
{
    return QStringLiteral("task|tasks|todo|todos|to-do|to-dos|item|items|reminder|reminders|entry|entries|thing|"
                          "things|job|jobs|chore|chores");
}

bool isEverydayVerb(const QString &word)
{
    static const QSet<QString> verbs = [] {
        QSet<QString> set;
        for (const char16_t *verb :
             {u"buy",      u"call",      u"clean",        u"water",    u"email",    u"pay",      u"book",
              u"fix",      u"send",      u"pick",         u"order",    u"write",    u"read",     u"visit",
              u"cook",     u"wash",      u"check",        u"get",      u"make",     u"bake",     u"plan",
              u"prepare",  u"review",    u"text",         u"phone",    u"ring",     u"meet",     u"see",
              u"take",     u"bring",     u"return",       u"renew",    u"cancel",   u"submit",   u"file",
              u"print",    u"post",      u"mail",         u"ship",     u"pack",     u"unpack",   u"tidy",
              u"vacuum",   u"mow",       u"paint",        u"repair",   u"replace",  u"install",  u"update",
              u"upgrade",  u"backup",    u"back",         u"feed",     u"walk",     u"drive",    u"drop",
              u"collect",  u"grab",      u"fetch",        u"sort",     u"organize", u"organise", u"clear",
              u"empty",    u"iron",      u"fold",         u"sew",      u"knit",     u"practice", u"practise",
              u"study",    u"learn",     u"finish",       u"start",    u"draft",    u"edit",     u"design",
              u"build",    u"test",      u"ask",          u"tell",     u"thank",    u"invite",   u"reply",
              u"answer",   u"confirm",   u"schedule",     u"arrange",  u"research", u"compare",  u"apply",
              u"register", u"sign",      u"pay",          u"transfer", u"deposit",  u"withdraw", u"invoice",
              u"bill",     u"chase",     u"remind",       u"follow",   u"look",     u"find",     u"go",
              u"run",      u"jog",       u"swim",         u"stretch",  u"exercise", u"shop",     u"order",
              u"rent",     u"sell",      u"list",         u"donate",   u"recycle",  u"throw",    u"hang",
              u"mount",    u"charge",    u"change",       u"refill",   u"water",    u"plant",    u"prune",
              u"weed",     u"rake",      u"shovel",       u"defrost",  u"descale",  u"service",  u"wrap",
              u"decorate", u"celebrate", u"congratulate", u"dentist",  u"doctor",   u"haircut",  u"lunch",
              u"dinner",   u"breakfast", u"coffee"})
            set.insert(QString::fromUtf16(verb));
        return set;
    }();
    return verbs.contains(word);
}

bool isDateWord(const QString &word)
{
    return isOneOfDates(word);
}

QStringList alternatives(const QString &element)
{
    QStringList out;
    for (QString alternative : element.split(u'|', Qt::SkipEmptyParts))
        out.append(alternative.replace(u'_', u' '));
    return out;
}

const QSet<QString> &spellingTargetSet()
{
    static const QSet<QString> targets = [] {
        QSet<QString> words;
        for (const QString &list :
             {addVerbs(), completeVerbs(), completedWords(), completePast(), reopenVerbs(), openWords(), startVerbs(),
              deleteVerbs(), moveVerbs(), renameVerbs(), raiseVerbs(), lowerVerbs(), showVerbs(), taskNouns()}) {
            for (const QString &alternative : alternatives(list)) {
                for (const QString &word : alternative.split(u' ', Qt::SkipEmptyParts))
                    words.insert(word);
            }
        }
        for (const PriorityTerm &term : priorityTerms()) {
            for (const QString &word :
                 QString::fromLatin1(term.phrase.data(), qsizetype(term.phrase.size())).split(u' ', Qt::SkipEmptyParts))
                words.insert(word);
        }
        for (const char16_t *word :
             {u"today",     u"tomorrow", u"tonight",   u"yesterday", u"monday",     u"tuesday",    u"wednesday",
              u"thursday",  u"friday",   u"saturday",  u"sunday",    u"january",    u"february",   u"march",
              u"april",     u"june",     u"july",      u"august",    u"september",  u"october",    u"november",
              u"december",  u"morning",  u"afternoon", u"evening",   u"weekend",    u"priority",   u"description",
              u"overdue",   u"upcoming", u"deadline",  u"rename",    u"reschedule", u"everything", u"completed",
              u"important", u"urgent",   u"progress",  u"remind",    u"remember",   u"tomorrow's"})
            words.insert(QString::fromUtf16(word));
        // Short words are left alone: too many real words are one letter from them.
        for (auto it = words.begin(); it != words.end();) {
            if (it->size() < 4)
                it = words.erase(it);
            else
                ++it;
        }
        return words;
    }();
    return targets;
}

const QStringList &spellingTargets()
{
    static const QStringList list = [] {
        QStringList words = spellingTargetSet().values();
        words.sort();
        return words;
    }();
    return list;
}

bool isSpellingTarget(const QString &word)
{
    return spellingTargetSet().contains(word);
}

bool isShortVerb(const QString &word)
{
    return word.size() < 4
        && (alternatives(addVerbs()).contains(word) || alternatives(moveVerbs()).contains(word)
            || alternatives(deleteVerbs()).contains(word) || alternatives(completeVerbs()).contains(word)
            || word == u"tag" || word == u"set");
}

} // namespace tandem::assistant::lexicon
