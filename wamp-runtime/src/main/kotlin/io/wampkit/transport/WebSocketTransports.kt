package io.wampkit.transport

import io.ktor.websocket.WebSocketSession
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.internal.WebSocketTransport

/**
 * Wraps an open Ktor WebSocket session (client or server side) whose subprotocol has been agreed as
 * [serializer]'s. A frame larger than [maxMessageSize] bytes is a protocol violation. [onClose] runs once,
 * after the socket is closed. Used by the router's WebSocket listener and by custom integrations.
 */
public fun WebSocketSession.asWampTransport(
    serializer: WampSerializer,
    description: String,
    maxMessageSize: Int = Int.MAX_VALUE,
    onClose: suspend () -> Unit = {},
): WampTransport {
    require(maxMessageSize > 0) { "maxMessageSize must be positive" }
    return WebSocketTransport(description, this, serializer, maxMessageSize, onClose)
}
