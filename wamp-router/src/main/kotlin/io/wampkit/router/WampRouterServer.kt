package io.wampkit.router

import io.wampkit.router.internal.netty.NettyRouterServer
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.availableSerializers

/** A running listener of a [WampRouter]: WebSocket ([startServer], [startTlsServer]) or RawSocket ([startRawSocketServer]). */
public interface WampRouterServer {
    /** The address it listens on. */
    public val host: String

    /** The port it listens on (the real one when 0 was asked for). */
    public val port: Int

    /** The HTTP path of the WebSocket endpoint, e.g. `/ws`; empty for RawSocket. */
    public val path: String

    /** The URL clients connect to, e.g. `ws://127.0.0.1:8080/ws`, `wss://...`, `rs://127.0.0.1:8081`, `rss://...`. */
    public val url: String get() = "ws://$host:$port$path"

    /** Stops listening and closes its connections; the router itself stays open. Idempotent. */
    public suspend fun stop()
}

/**
 * Serves this router over WebSocket at [host]:[port][path] on Netty, used directly (one event loop per core;
 * each frame is decoded and routed on the loop that read it, see docs/performance.md), speaking the subprotocols of
 * [serializers] (by default `wamp.2.json`, `wamp.2.msgpack` and `wamp.2.cbor`); each client gets the first
 * subprotocol of its own offer that is among them, and a client offering none gets HTTP 400 (see [wamp]).
 * Port 0 picks a free port; read it from [WampRouterServer.port].
 */
public suspend fun WampRouter.startServer(
    host: String = "127.0.0.1",
    port: Int = 8080,
    path: String = "/ws",
    serializers: List<WampSerializer> = availableSerializers(),
): WampRouterServer {
    require(port in 0..65_535) { "port must be in 0..65535, was $port" }
    require(path.startsWith("/")) { "path must start with '/', was '$path'" }
    require(serializers.isNotEmpty()) { "a WebSocket listener needs at least one serializer" }
    return NettyRouterServer.start(this, host, port, path, serializers.toList())
}
