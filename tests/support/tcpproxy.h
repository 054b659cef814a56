#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;
class QTimer;

namespace tandem::test {

// A TCP proxy on 127.0.0.1 that can misbehave on purpose: hold bytes back,
// cut connections (also in the middle of a WebSocket frame), stall them
// silently, refuse them, or cut exactly when the server sends a given text.
// Faults are drawn from a seeded QRandomGenerator, per chunk read.
class TcpProxy final : public QObject
{
    Q_OBJECT

public:
    struct Faults
    {
        double cutChance = 0; // per chunk: forward a random prefix of it, then close both sides
        double stallChance = 0; // per chunk: forward nothing more, keep both sides open
        double delayChance = 0; // per chunk: hold it back up to maxDelayMs (order is kept)
        int maxDelayMs = 0;
        double refuseChance = 0; // per new connection: close it at once
    };

    explicit TcpProxy(quint16 targetPort, QObject *parent = nullptr);
    ~TcpProxy() override;
    Q_DISABLE_COPY_MOVE(TcpProxy)

    // Listens on 127.0.0.1 on a free port.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    void setFaults(const Faults &faults, quint32 seed);
    // No more faults from now on (stalled connections stay stalled until a side closes).
    void heal() { m_faults = Faults{}; }
    // Closes every connection now.
    void cutAll();

    // Once: when the server sends bytes containing `marker`, that chunk is
    // dropped and the connection cut. The dropped bytes are kept.
    void cutWhenServerSends(const QByteArray &marker);
    bool hasCut() const { return m_markerCut; }
    QByteArray droppedBytes() const { return m_dropped; }

    // Everything the server sent through the proxy, per connection, in order.
    QList<QByteArray> serverBytes() const;

    int connectionCount() const { return m_accepted; }
    int cutCount() const { return m_cuts; }
    int stallCount() const { return m_stalls; }
    int refusedCount() const { return m_refused; }
    int liveConnections() const { return int(m_pairs.size()); }

private:
    struct Held
    {
        qint64 dueMs = 0;
        QByteArray bytes;
    };
    struct Direction
    {
        QList<Held> queue;
        bool closing = false; // the source closed: close the destination once the queue is out
    };
    struct Pair
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        QByteArray earlyBytes; // from the client before the server side connected
        Direction up; // client -> server
        Direction down; // server -> client
        QTimer *timer = nullptr;
        bool stalled = false;
        QByteArray tail; // the end of the last server chunk, for markers split across reads
        QByteArray serverLog;
    };

    void onNewConnection();
    void onRead(Pair *pair, bool fromClient);
    void onClosed(Pair *pair, bool clientSide);
    void flush(Pair *pair);
    void cut(Pair *pair, bool toClient, const QByteArray &prefix);
    // Stops proxying `pair`: `graceful` sends what is queued and closes both
    // sides cleanly, else both are aborted.
    void detach(Pair *pair, bool graceful);

    quint16 m_targetPort;
    QTcpServer m_server;
    Faults m_faults;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Pair>> m_pairs;
    QList<QByteArray> m_finishedServerLogs;
    QByteArray m_marker;
    bool m_markerCut = false;
    QByteArray m_dropped;
    int m_accepted = 0;
    int m_cuts = 0;
    int m_stalls = 0;
    int m_refused = 0;
};

} // namespace tandem::test
