package io.wampkit.transport

import io.ktor.client.HttpClient
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.internal.WebSocketClientConnector
import io.wampkit.transport.netty.internal.NettyWebSocketConnector

/**
 * Connects to a WAMP router over WebSocket (`ws://` or `wss://`) with the subprotocol of [serializer]; the same
 * as `webSocketConnector(url, listOf(serializer), httpClient)`.
 *
 * Without [httpClient], a `ws://` connection runs on Netty used directly, on event loops shared by every
 * connection of the process (half the cores, stopped with the last connection), and each frame is decoded on
 * the thread that read it (see docs/performance.md for why); `wss://` runs on Ktor's CIO client. Pass your own
 * [httpClient] (with the Ktor `WebSockets` plugin installed, its channels bounded with
 * [boundedForWamp]) to use Ktor and its engine of your choice; it is then yours to close. [keepAlive] pings the router (default every 10 s, 20 s timeout) so that a dead
 * connection is detected; null turns pings off.
 */
public fun webSocketConnector(
    url: String,
    serializer: WampSerializer = jsonSerializer(),
    httpClient: HttpClient? = null,
    keepAlive: WebSocketKeepAlive? = WebSocketKeepAlive.DEFAULT,
): WampConnector {
    return webSocketConnector(url, listOf(serializer), httpClient, keepAlive)
}

/**
 * Connects to a WAMP router over WebSocket, offering the subprotocols of [serializers] in order of preference
 * (e.g. `listOf(cborSerializer(), jsonSerializer())`) and speaking the one the router picks. A router that picks
 * none of them makes [WampConnector.connect] fail with [io.wampkit.WampConnectionClosedException].
 * Binary serializers use binary frames, JSON text frames; a frame of the other kind is a protocol violation.
 */
public fun webSocketConnector(
    url: String,
    serializers: List<WampSerializer>,
    httpClient: HttpClient? = null,
    keepAlive: WebSocketKeepAlive? = WebSocketKeepAlive.DEFAULT,
): WampConnector {
    require(url.startsWith("ws://") || url.startsWith("wss://")) { "a WebSocket URL starts with ws:// or wss://, got '$url'" }
    require(serializers.isNotEmpty()) { "offer at least one serializer" }
    require(serializers.map { it.subprotocol }.toSet().size == serializers.size) { "each serializer may be offered once" }
    // ws:// without a client of the caller's: Netty used directly (docs/performance.md); else Ktor's client
    if (httpClient == null && url.startsWith("ws://")) return NettyWebSocketConnector(url, serializers.toList(), keepAlive)
    return WebSocketClientConnector(url, serializers.toList(), httpClient, keepAlive = keepAlive)
}
