# core/sync: the one-port HTTP + WebSocket server, the wire protocol and the client.
target_sources(tandem_core PRIVATE
    sync/changefeed.cpp sync/changefeed.h
    sync/httpconnection.cpp sync/httpconnection.h
    sync/httprequest.cpp sync/httprequest.h
    sync/httpresponse.cpp sync/httpresponse.h
    sync/protocol.cpp sync/protocol.h
    sync/restapi.cpp sync/restapi.h
    sync/serveroptions.h
    sync/synccontext.h
    sync/syncserver.cpp sync/syncserver.h
    sync/wssession.cpp sync/wssession.h
    sync/clientprotocol.cpp sync/clientprotocol.h
    sync/reconnectbackoff.cpp sync/reconnectbackoff.h
    sync/syncclient.cpp sync/syncclient.h
)
