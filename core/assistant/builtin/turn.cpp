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
