#include "assistantbridge.h"

#include <QLoggingCategory>
#include <QTimeZone>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcBridge, "tandem.ui.chat")
} // namespace

AssistantBridge::AssistantBridge(const QUuid &ownerId, QObject *parent)
    : QObject(parent)
    , m_ownerId(ownerId)
{ }

AssistantBridge::~AssistantBridge() = default;

void AssistantBridge::attach(QObject *host, ServiceOnHost service)
{
    failInFlight(tr("The assistant restarted before it answered; try again."));
    m_host = host;
    m_service = std::move(service);
}

void AssistantBridge::detach()
{
    failInFlight(tr("The assistant stopped before it answered; try again."));
    m_host.clear();
    m_service = {};
}

void AssistantBridge::send(const QUuid &sessionId, const QString &content, QObject *context,
                           std::function<void(Result<assistant::AssistantTurn>)> done)
{
    const quint64 id = ++m_nextId;
    m_pending.insert(id, Pending{context, std::move(done)});
    if (!m_host || !m_service) {
        failLater(id, tr("The assistant is not running right now; try again in a moment."));
        return;
    }
    // Runs on the host's thread. The bridge outlives that thread (see the
    // header), so the guard is only read there while the bridge is alive.
    QPointer<AssistantBridge> guard(this);
    QObject *host = m_host.data();
    QMetaObject::invokeMethod(
        host,
        [guard, host, service = m_service, owner = m_ownerId, sessionId, content, id,
         zone = QTimeZone::systemTimeZone()] {
            const auto reply = [guard, id](const Result<assistant::AssistantTurn> &result) {
                QMetaObject::invokeMethod(
                    guard.data(),
                    [guard, id, result] {
                        if (guard)
                            guard->complete(id, result);
                    },
                    Qt::QueuedConnection);
            };
            assistant::AssistantService *assistant = service();
            if (!assistant) {
                reply(Error::storage(tr("The assistant is not running right now; try again in a moment.")));
                return;
            }
            assistant->send(owner, sessionId, content, zone, QUuid::createUuid(), host, reply);
        },
        Qt::QueuedConnection);
}

void AssistantBridge::complete(quint64 id, const Result<assistant::AssistantTurn> &result)
{
    const Pending pending = m_pending.take(id);
    if (!pending.done)
        return; // already failed by detach() or attach()
    if (!result)
        qCInfo(lcBridge) << "the assistant did not answer:" << result.error().toString();
    if (!pending.context)
        return;
    // The caller's context may live on another thread than the bridge.
    QPointer<QObject> context = pending.context;
    QMetaObject::invokeMethod(context.data(), [context, done = pending.done, result] {
        if (context)
            done(result);
    });
}

void AssistantBridge::failLater(quint64 id, const QString &message)
{
    QMetaObject::invokeMethod(
        this, [this, id, message] { complete(id, Error::storage(message)); }, Qt::QueuedConnection);
}

void AssistantBridge::failInFlight(const QString &message)
{
    const QList<quint64> ids = m_pending.keys();
    for (quint64 id : ids)
        failLater(id, message);
}

} // namespace tandem
