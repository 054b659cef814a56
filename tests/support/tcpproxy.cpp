#include "tcpproxy.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace tandem::test {

namespace {

// Closes `socket` once what was written to it is out, then deletes it.
void closeGracefully(QTcpSocket *socket)
{
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}

void closeAbruptly(QTcpSocket *socket)
{
    socket->abort();
    socket->deleteLater();
}

} // namespace

TcpProxy::TcpProxy(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
    , m_random(1u)
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, &TcpProxy::onNewConnection);
}

TcpProxy::~TcpProxy()
{
    while (!m_pairs.empty())
        detach(m_pairs.back().get(), false);
}

bool TcpProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TcpProxy::setFaults(const Faults &faults, quint32 seed)
{
    m_faults = faults;
    m_random.seed(seed);
}

void TcpProxy::cutAll()
{
    while (!m_pairs.empty()) {
        ++m_cuts;
        detach(m_pairs.back().get(), false);
    }
}

void TcpProxy::cutWhenServerSends(const QByteArray &marker)
{
    m_marker = marker;
    m_markerCut = false;
    m_dropped.clear();
}

QList<QByteArray> TcpProxy::serverBytes() const
{
    QList<QByteArray> logs = m_finishedServerLogs;
    for (const auto &pair : m_pairs)
        logs.append(pair->serverLog);
    return logs;
}

void TcpProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        ++m_accepted;
        if (m_faults.refuseChance > 0 && m_random.generateDouble() < m_faults.refuseChance) {
            ++m_refused;
            closeAbruptly(client);
            continue;
        }
        auto owned = std::make_unique<Pair>();
        Pair *pair = owned.get();
        m_pairs.push_back(std::move(owned));
        pair->client = client;
        pair->server = new QTcpSocket(this);
        pair->timer = new QTimer(this);
        pair->timer->setSingleShot(true);
        connect(pair->timer, &QTimer::timeout, this, [this, pair] { flush(pair); });
        connect(client, &QTcpSocket::readyRead, this, [this, pair] { onRead(pair, true); });
        connect(client, &QTcpSocket::disconnected, this, [this, pair] { onClosed(pair, true); });
        connect(pair->server, &QTcpSocket::readyRead, this, [this, pair] { onRead(pair, false); });
        connect(pair->server, &QTcpSocket::disconnected, this, [this, pair] { onClosed(pair, false); });
        connect(pair->server, &QTcpSocket::errorOccurred, this, [this, pair](QAbstractSocket::SocketError) {
            if (pair->server->state() == QAbstractSocket::UnconnectedState)
                onClosed(pair, false);
        });
        connect(pair->server, &QTcpSocket::connected, this, [pair] {
            pair->server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (!pair->earlyBytes.isEmpty())
                pair->server->write(std::exchange(pair->earlyBytes, {}));
        });
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        pair->server->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

void TcpProxy::onRead(Pair *pair, bool fromClient)
{
    QTcpSocket *source = fromClient ? pair->client : pair->server;
    const QByteArray bytes = source->readAll();
    if (bytes.isEmpty() || pair->stalled)
        return;
    if (!fromClient) {
        pair->serverLog += bytes;
        if (!m_marker.isEmpty() && !m_markerCut) {
            const QByteArray window = pair->tail + bytes;
            if (window.contains(m_marker)) {
                m_markerCut = true;
                m_dropped = bytes;
                ++m_cuts;
                detach(pair, false);
                return;
            }
            pair->tail = window.right(m_marker.size() - 1);
        }
    }
    if (fromClient && pair->server->state() != QAbstractSocket::ConnectedState) {
        pair->earlyBytes += bytes;
        return;
    }

    double draw = m_random.generateDouble();
    if (draw < m_faults.cutChance) {
        // Anywhere in the chunk, so frames are cut in the middle too.
        const QByteArray prefix = bytes.left(m_random.bounded(int(bytes.size())));
        cut(pair, !fromClient, prefix);
        return;
    }
    draw -= m_faults.cutChance;
    if (draw < m_faults.stallChance) {
        ++m_stalls;
        pair->stalled = true;
        pair->up.queue.clear();
        pair->down.queue.clear();
        return;
    }
    draw -= m_faults.stallChance;
    qint64 due = m_clock.elapsed();
    if (draw < m_faults.delayChance && m_faults.maxDelayMs > 0)
        due += m_random.bounded(m_faults.maxDelayMs + 1);
    Direction &direction = fromClient ? pair->up : pair->down;
    if (!direction.queue.isEmpty())
        due = std::max(due, direction.queue.constLast().dueMs); // never reorder
    direction.queue.append(Held{due, bytes});
    flush(pair);
}

void TcpProxy::flush(Pair *pair)
{
    const qint64 now = m_clock.elapsed();
    qint64 next = -1;
    for (Direction *direction : {&pair->up, &pair->down}) {
        QTcpSocket *destination = direction == &pair->up ? pair->server : pair->client;
        while (!direction->queue.isEmpty() && direction->queue.constFirst().dueMs <= now)
            destination->write(direction->queue.takeFirst().bytes);
        if (!direction->queue.isEmpty()) {
            const qint64 due = direction->queue.constFirst().dueMs;
            next = next < 0 ? due : std::min(next, due);
        }
    }
    if (next >= 0)
        pair->timer->start(int(std::max<qint64>(0, next - now)));
}

void TcpProxy::onClosed(Pair *pair, bool clientSide)
{
    // Forward what the closing side still had for the other, then close that one too.
    onRead(pair, clientSide);
    const bool stillProxied
        = std::any_of(m_pairs.cbegin(), m_pairs.cend(), [pair](const auto &owned) { return owned.get() == pair; });
    if (stillProxied)
        detach(pair, true);
}

void TcpProxy::cut(Pair *pair, bool toClient, const QByteArray &prefix)
{
    ++m_cuts;
    pair->up.queue.clear();
    pair->down.queue.clear();
    QTcpSocket *destination = toClient ? pair->client : pair->server;
    if (!prefix.isEmpty() && destination->state() == QAbstractSocket::ConnectedState)
        destination->write(prefix);
    detach(pair, true);
}

void TcpProxy::detach(Pair *pair, bool graceful)
{
    const auto it
        = std::find_if(m_pairs.begin(), m_pairs.end(), [pair](const auto &owned) { return owned.get() == pair; });
    if (it == m_pairs.end())
        return;
    std::unique_ptr<Pair> owned = std::move(*it);
    m_pairs.erase(it);
    m_finishedServerLogs.append(pair->serverLog);
    pair->timer->stop();
    pair->timer->deleteLater();
    for (QTcpSocket *socket : {pair->client, pair->server}) {
        socket->disconnect(this);
        if (graceful) {
            const Direction &towards = socket == pair->server ? pair->up : pair->down;
            if (socket->state() == QAbstractSocket::ConnectedState) {
                for (const Held &held : towards.queue)
                    socket->write(held.bytes);
            }
            closeGracefully(socket);
        } else {
            closeAbruptly(socket);
        }
    }
}

} // namespace tandem::test
