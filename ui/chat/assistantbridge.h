#pragma once

#include "chat/assistantclient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUuid>

#include <functional>

namespace tandem {

// An AssistantClient for an AssistantService that lives on another thread
// (the sync thread, in the app). Each turn is posted to that thread, which
// hands it to the service (whose own worker runs the built-in engine), and
// its outcome is posted back, so the GUI thread never waits for an engine or
// the store.
//
// Lifetime: the bridge must outlive the host's thread (stop that thread
// first); the host itself may come and go, see attach() and detach().
class AssistantBridge final
    : public QObject
    , public AssistantClient
{
    Q_OBJECT

public:
    // Returns the service, called on the host's thread; nullptr while it does
    // not run.
    using ServiceOnHost = std::function<assistant::AssistantService *()>;

    explicit AssistantBridge(const QUuid &ownerId, QObject *parent = nullptr);
    ~AssistantBridge() override;
    Q_DISABLE_COPY_MOVE(AssistantBridge)

    // From now on turns run on `host`'s thread with the service `service`
    // returns there. Turns still in flight with a previous host fail with a
    // message asking to try again (that host may never answer them).
    void attach(QObject *host, ServiceOnHost service);
    // No host: turns fail until the next attach(), and so do those in flight.
    void detach();

    void send(const QUuid &sessionId, const QString &content, QObject *context,
              std::function<void(Result<assistant::AssistantTurn>)> done) override;

    // Turns sent and not yet answered.
    int inFlight() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        QPointer<QObject> context;
        std::function<void(Result<assistant::AssistantTurn>)> done;
    };

    void complete(quint64 id, const Result<assistant::AssistantTurn> &result);
    void failLater(quint64 id, const QString &message);
    void failInFlight(const QString &message);

    QUuid m_ownerId;
    QPointer<QObject> m_host;
    ServiceOnHost m_service;
    quint64 m_nextId = 0;
    QHash<quint64, Pending> m_pending;
};

} // namespace tandem
