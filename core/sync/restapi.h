#pragma once

#include "httpconnection.h"
#include "reststatic.h"
#include "serveroptions.h"
#include "synccontext.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <optional>

namespace tandem {
struct TokenIdentity;
}

namespace tandem::sync {

// The REST routes under /api (docs/protocol.md). Every answer is JSON;
// every error is {"error":{"code","message"}}; another user's ids are 404.
class RestApi final
{
public:
    // `context` owns the asynchronous work (sign-in hashing) started here.
    RestApi(SyncContext &context, const ServerOptions &options, QObject *asyncContext);
    Q_DISABLE_COPY_MOVE(RestApi)

    void handle(const HttpRequest &request, const HttpReply &reply);

private:
    // The signed-in user of `Authorization: Bearer TOKEN`, or why not (401).
    Result<TokenIdentity> authenticate(const HttpRequest &request) const;
    void handleAuth(const HttpRequest &request, const QStringList &path, const HttpReply &reply);
    void handleTasks(const HttpRequest &request, const QStringList &path, const TokenIdentity &identity,
                     const HttpReply &reply);
    void handleChat(const HttpRequest &request, const QStringList &path, const TokenIdentity &identity,
                    const HttpReply &reply);
    void quickAdd(const HttpRequest &request, const QUuid &user, const HttpReply &reply);
    void listCounts(const HttpRequest &request, const QUuid &user, const HttpReply &reply);
    void postMessage(const HttpRequest &request, const QUuid &user, const QUuid &sessionId, const HttpReply &reply);

    // Whether `user` may send the assistant another message now (a sliding
    // minute); the seconds to wait when not.
    std::optional<int> chatWait(const QUuid &user);

    StaticFiles m_static;
    SyncContext &m_context;
    const ServerOptions &m_options;
    QObject *m_asyncContext;
    QElapsedTimer m_clock;
    QHash<QUuid, QList<qint64>> m_chatSent; // ms on m_clock of each user's messages in the last minute
};

} // namespace tandem::sync
