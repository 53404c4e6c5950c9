package io.wampkit.transport

import io.ktor.client.HttpClient
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.internal.WebSocketClientConnector

/**
 * Connects to a WAMP router over WebSocket (`ws://` or `wss://`) with the subprotocol of [serializer]; the same
 * as `webSocketConnector(url, listOf(serializer), httpClient)`.
 *
 * Pass your own [httpClient] (with the Ktor `WebSockets` plugin installed) to share one engine between
 * connections; it is then yours to close. Without one, each transport makes a CIO client and closes it
 * with the transport. [keepAlive] pings the router (default every 10 s, 20 s timeout) so that a dead
 * connection is detected; null turns pings off.
 */
public fun webSocketConnector(
    url: String,
    serializer: WampSerializer = jsonSerializer(),
    httpClient: HttpClient? = null,
    keepAlive: WebSocketKeepAlive? = WebSocketKeepAlive.DEFAULT,
): WampConnector {
    require(url.startsWith("ws://") || url.startsWith("wss://")) { "a WebSocket URL starts with ws:// or wss://, got '$url'" }
    return WebSocketClientConnector(url, listOf(serializer), httpClient, keepAlive)
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
): WampConnector {
    require(url.startsWith("ws://") || url.startsWith("wss://")) { "a WebSocket URL starts with ws:// or wss://, got '$url'" }
    require(serializers.isNotEmpty()) { "offer at least one serializer" }
    require(serializers.map { it.subprotocol }.toSet().size == serializers.size) { "each serializer may be offered once" }
    return WebSocketClientConnector(url, serializers.toList(), httpClient)
}
