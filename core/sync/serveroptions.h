#pragma once

#include "httprequest.h"
#include "tlscredentials.h"

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

namespace tandem::sync {

// Everything about how the sync server listens and protects itself. The
// defaults are the documented contract; tests shorten the timers.
struct ServerOptions
{
    QHostAddress bindAddress = QHostAddress::LocalHost;
    quint16 port = 8263; // 0 picks a free port
    bool lan = false; // listen on every interface; registration then needs an invite
    QStringList allowedOrigins; // besides the server's own origins, e.g. "https://tasks.example"
    TlsCredentials tls; // set: HTTPS and WSS on the port instead of HTTP and WS

    HttpLimits limits;
    int headerTimeoutMs = 10'000; // a request head must arrive within this (slow-drip guard)
    int bodyTimeoutMs = 30'000; // and its body within this
    int idleTimeoutMs = 60'000; // keep-alive connections idle longer are closed
    int maxConnections = 4'096; // HTTP + WebSocket; beyond this new ones get 503
    int maxConnectionsPerAddress = 2'048; // so one client cannot take every slot
    int listenBacklog = 1'024; // survives a reconnect storm of 1,000 clients

    qint64 maxMessageBytes = 1024 * 1024; // WebSocket frame and message limit (close 1009)
    int closeTimeoutMs = 2'000; // after our close frame is out, how long the peer has to answer it
    int authTimeoutMs = 5'000; // the first message must authenticate within this
    int pingIntervalMs = 15'000; // protocol ping and the JSON heartbeat
    int silenceTimeoutMs = 45'000; // a peer silent this long is dropped
    qint64 maxUnsentBytes = 1024 * 1024; // beyond this a connection stops getting live events
    int laggingTimeoutMs = 30'000; // ... and is closed (4008) if it stays behind this long
    int badMessageLimit = 100; // malformed messages per window before close 1008
    int badMessageWindowMs = 60'000;
    int syncPageSize = 500; // changes per sync_response page
    int pollIntervalMs = 2'000; // safety-net check of every watched owner's head
    int chatMessagesPerMinute = 30; // per user, to the assistant; beyond it 429 rate_limited
};

// Whether `text` is an origin a browser sends: http(s)://host[:port], no
// path or query (the form server/allowedOrigins takes, one per entry).
inline bool isOrigin(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty()
        && url.path().isEmpty() && !url.hasQuery();
}

} // namespace tandem::sync
