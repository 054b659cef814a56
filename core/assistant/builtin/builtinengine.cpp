#include "builtinengine.h"

#include "turn.h"

namespace tandem::assistant {

QString BuiltinEngine::helpText()
{
    return QStringLiteral("You can say things like:\n"
                          "• “add call Alex tomorrow at 3pm #work”\n"
                          "• “what's due this week?” or “show my overdue tasks”\n"
                          "• “mark the report as done”\n"
                          "• “push groceries to Friday”\n"
                          "• “make the invoice urgent”\n"
                          "• “delete the dentist task”\n"
                          "• “undo”");
}

EngineReply BuiltinEngine::respond(const QString &message, ConversationState &state, TaskCatalog &catalog, TaskOps &ops,
                                   const TurnContext &context) const
{
    Turn turn(message, state, catalog, ops, context);
    return turn.run();
}

} // namespace tandem::assistant
