package io.wampkit.router

import io.wampkit.router.internal.NettyTlsRouterServer
import io.wampkit.router.internal.RawSocketRouterServer
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.availableSerializers
import io.wampkit.transport.tls.TlsServerConfig

/**
 * Serves this router over RawSocket on TCP [host]:[port] (port 0 picks a free one), or RawSocket over TLS
 * with [tls]. Accepts clients asking for one of [serializers] (RawSocket ids 1 JSON, 2 MessagePack, 3 CBOR;
 * others are refused with "serializer unsupported") and announces the router's `maxMessageSize` (rounded
 * down to a power of two, at most 2^24) as its limit. Beyond [maxConnections] open connections, the
 * handshake is answered with "maximum connection count reached". A client that has not finished its
 * handshakes within [handshakeTimeoutMillis] is disconnected.
 *
 * The returned server's [WampRouterServer.url] is `rs://host:port` (`rss://` with TLS) and its path is empty.
 */
public suspend fun WampRouter.startRawSocketServer(
    host: String = "127.0.0.1",
    port: Int = 8081,
    serializers: List<WampSerializer> = availableSerializers(),
    tls: TlsServerConfig? = null,
    maxConnections: Int = 10_000,
    handshakeTimeoutMillis: Long = 10_000L,
): WampRouterServer {
    require(port in 0..65_535) { "port must be in 0..65535, was $port" }
    require(serializers.isNotEmpty()) { "at least one serializer is needed" }
    require(maxConnections > 0) { "maxConnections must be positive" }
    require(handshakeTimeoutMillis > 0) { "handshakeTimeoutMillis must be positive" }
    return RawSocketRouterServer.start(this, host, port, serializers, tls, maxConnections, handshakeTimeoutMillis)
}

/**
 * Serves this router over WebSocket with TLS (`wss://`) at [host]:[port][path], with the certificate and
 * key of [tls]. Runs on Ktor's Netty engine, since Ktor's CIO server engine has no TLS connector.
 * Port 0 picks a free port; [WampRouterServer.url] is then `wss://host:port/path`.
 */
public suspend fun WampRouter.startTlsServer(
    tls: TlsServerConfig,
    host: String = "127.0.0.1",
    port: Int = 8443,
    path: String = "/ws",
): WampRouterServer {
    require(port in 0..65_535) { "port must be in 0..65535, was $port" }
    require(path.startsWith("/")) { "path must start with '/', was '$path'" }
    return NettyTlsRouterServer.start(this, tls, host, port, path)
}
