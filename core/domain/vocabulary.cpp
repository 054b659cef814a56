#include "vocabulary.h"

#include <QStringList>

#include <array>

namespace tandem {

namespace {

using P = TaskPriority;

constexpr std::array priorityTable{
    PriorityTerm{"urgent", P::Urgent, true},     PriorityTerm{"asap", P::Urgent, true},
    PriorityTerm{"critical", P::Urgent, false},  PriorityTerm{"top", P::Urgent, false},
    PriorityTerm{"highest", P::Urgent, false},   PriorityTerm{"important", P::High, true},
    PriorityTerm{"high", P::High, false},        PriorityTerm{"medium", P::Medium, false},
    PriorityTerm{"med", P::Medium, false},       PriorityTerm{"mid", P::Medium, false},
    PriorityTerm{"normal", P::Medium, false},    PriorityTerm{"low", P::Low, false},
    PriorityTerm{"lowest", P::Low, false},       PriorityTerm{"minor", P::Low, false},
    PriorityTerm{"unimportant", P::Low, true},   PriorityTerm{"not urgent", P::Low, true},
    PriorityTerm{"not important", P::Low, true}, PriorityTerm{"no rush", P::Low, true},
    PriorityTerm{"no hurry", P::Low, true},      PriorityTerm{"none", P::None, false},
    PriorityTerm{"no", P::None, false},
};

using S = TaskStatus;

constexpr std::array statusTable{
    StatusTerm{"done", S::Completed},         StatusTerm{"complete", S::Completed},
    StatusTerm{"completed", S::Completed},    StatusTerm{"finished", S::Completed},
    StatusTerm{"closed", S::Completed},       StatusTerm{"in progress", S::InProgress},
    StatusTerm{"in-progress", S::InProgress}, StatusTerm{"started", S::InProgress},
    StatusTerm{"doing", S::InProgress},       StatusTerm{"ongoing", S::InProgress},
    StatusTerm{"underway", S::InProgress},    StatusTerm{"active", S::InProgress},
    StatusTerm{"open", S::Pending},           StatusTerm{"pending", S::Pending},
    StatusTerm{"todo", S::Pending},           StatusTerm{"to do", S::Pending},
    StatusTerm{"to-do", S::Pending},          StatusTerm{"not done", S::Pending},
    StatusTerm{"undone", S::Pending},         StatusTerm{"incomplete", S::Pending},
    StatusTerm{"unfinished", S::Pending},     StatusTerm{"not finished", S::Pending},
    StatusTerm{"not complete", S::Pending},   StatusTerm{"not completed", S::Pending},
    StatusTerm{"not started", S::Pending},
};

bool samePhrase(QStringView said, std::string_view phrase)
{
    if (said.size() != qsizetype(phrase.size()))
        return false;
    for (qsizetype i = 0; i < said.size(); ++i) {
        if (said.at(i).unicode() != char16_t(phrase[size_t(i)]))
            return false;
    }
    return true;
}

} // namespace

std::span<const PriorityTerm> priorityTerms()
{
    return priorityTable;
}

std::span<const StatusTerm> statusTerms()
{
    return statusTable;
}

std::optional<TaskPriority> priorityFromPhrase(QStringView folded)
{
    // Words apart, with the punctuation people put around them ("high-priority", "priority: low").
    QString text = folded.trimmed().toString();
    text.replace(u'-', u' ').replace(u':', u' ');
    QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    if (words.size() == 1) {
        const QString &word = words.constFirst();
        if (word.size() == 2 && word.at(0) == u'p' && word.at(1) >= u'1' && word.at(1) <= u'4')
            return std::array{P::Urgent, P::High, P::Medium, P::Low}[size_t(word.at(1).unicode() - u'1')];
        if (word.startsWith(u'!'))
            words[0] = word.mid(1);
    }
    // "it is important", "a high priority", "with low priority": the frame goes.
    static const QStringList frame
        = {QStringLiteral("it"), QStringLiteral("is"),   QStringLiteral("it's"),  QStringLiteral("a"),
           QStringLiteral("an"), QStringLiteral("with"), QStringLiteral("as"),    QStringLiteral("of"),
           QStringLiteral("be"), QStringLiteral("very"), QStringLiteral("super"), QStringLiteral("really")};
    bool namedPriority = false;
    QStringList core;
    for (const QString &word : std::as_const(words)) {
        if (word == u"priority" || word == u"prio" || word == u"pri")
            namedPriority = true;
        else if (!frame.contains(word))
            core.append(word);
    }
    const QString phrase = core.join(u' ');
    if (phrase.isEmpty())
        return std::nullopt;
    // A word that needs "priority" counts without it only when said alone ("make it high").
    const bool alone = core.size() == words.size();
    for (const PriorityTerm &term : priorityTable) {
        if (samePhrase(phrase, term.phrase) && (term.standsAlone || namedPriority || alone))
            return term.priority;
    }
    return std::nullopt;
}

TaskPriority raisedPriority(TaskPriority priority)
{
    switch (priority) {
    case P::None:
    case P::Low:
        return P::Medium;
    case P::Medium:
        return P::High;
    case P::High:
    case P::Urgent:
        return P::Urgent;
    }
    return P::Urgent;
}

TaskPriority loweredPriority(TaskPriority priority)
{
    switch (priority) {
    case P::Urgent:
        return P::High;
    case P::High:
        return P::Medium;
    case P::Medium:
    case P::Low:
    case P::None:
        return P::Low;
    }
    return P::Low;
}

QString priorityWord(TaskPriority priority)
{
    switch (priority) {
    case P::Urgent:
        return QStringLiteral("urgent");
    case P::High:
        return QStringLiteral("high");
    case P::Medium:
        return QStringLiteral("medium");
    case P::Low:
        return QStringLiteral("low");
    case P::None:
        break;
    }
    return QStringLiteral("no");
}

std::optional<TaskStatus> statusFromPhrase(QStringView folded)
{
    const QString phrase = folded.trimmed().toString().simplified();
    for (const StatusTerm &term : statusTable) {
        if (samePhrase(phrase, term.phrase))
            return term.status;
    }
    return std::nullopt;
}

} // namespace tandem
