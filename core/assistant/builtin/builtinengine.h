#pragma once

#include "assistant/conversation.h"
#include "assistant/phrasing.h"

#include <QList>
#include <QLocale>
#include <QString>
#include <QUuid>

namespace tandem::assistant {

class TaskCatalog;
class TaskOps;

struct TurnContext
{
    QUuid ownerId;
    Now now;
    QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates);
};

struct EngineReply
{
    QString text;
    bool understood = true; // false for "I didn't understand"
};

// The offline assistant: understands what people ask for by the shape of
// the whole sentence, resolves the tasks they mean (by title, tolerating
// case, accents, word order and typos; by number from the last list; by
// "it"), acts through TaskOps, and answers in a short sentence that names
// what changed. It never guesses a destructive action: a delete needs one
// clearly identified task, and anything touching several asks first.
class BuiltinEngine final
{
public:
    BuiltinEngine() = default;

    EngineReply respond(const QString &message, ConversationState &state, TaskCatalog &catalog, TaskOps &ops,
                        const TurnContext &context) const;

    // The examples offered when a message is not understood, and for "help".
    static QString helpText();
};

} // namespace tandem::assistant
