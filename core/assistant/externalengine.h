#pragma once

#include "domain/chat.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace tandem::assistant {

// Carries out one tool call for a language model, through the same services
// and rules as the built-in engine (dates are resolved by the quick-add
// parser, changes to several tasks need the user's yes). Returns the tool's
// result as JSON — {"error": "..."} when the call was refused.
class ToolHost
{
public:
    virtual QJsonObject call(const QString &name, const QJsonObject &arguments) = 0;

protected:
    ~ToolHost() = default;
};

struct ExternalTurn
{
    QList<ChatMessage> history; // the conversation so far, oldest first (without this message)
    QString message; // what the user just said
    QString userName;
    QString nowText; // "Thursday 26 November 2026, 14:05 (Europe/Berlin)"
};

// A reply source other than the built-in engine (an LLM). It may call tools
// any number of times (bounded) before answering; `done` runs on the thread
// respond() was called on. An error means "answer with the built-in engine",
// and its message says what went wrong, for the user.
class ExternalEngine
{
public:
    virtual ~ExternalEngine() = default;
    virtual void respond(const ExternalTurn &turn, ToolHost &tools, std::function<void(Result<QString>)> done) = 0;
};

} // namespace tandem::assistant
