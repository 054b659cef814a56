#pragma once

#include "assistant/assistantservice.h"
#include "domain/result.h"

#include <QString>
#include <QUuid>

#include <functional>

class QObject;

namespace tandem {

// How the chat UI asks the assistant for one turn. The turn never runs on the
// caller's thread: an implementation hands it to wherever the assistant lives
// and brings the outcome back.
class AssistantClient
{
public:
    virtual ~AssistantClient();

    // Sends `content` (the user's words) to the assistant in `sessionId`.
    // `done` runs on `context`'s thread, later (never inside send()), at most
    // once, and not at all if `context` is destroyed first. The user's message
    // and the reply also arrive through ChatService::changed like any other
    // writer's, so views need not use the turn to show them.
    virtual void send(const QUuid &sessionId, const QString &content, QObject *context,
                      std::function<void(tandem::Result<tandem::assistant::AssistantTurn>)> done)
        = 0;

protected:
    AssistantClient() = default;
    AssistantClient(const AssistantClient &) = default;
    AssistantClient &operator=(const AssistantClient &) = default;
};

} // namespace tandem
