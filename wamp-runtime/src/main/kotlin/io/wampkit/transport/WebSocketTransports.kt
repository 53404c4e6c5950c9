package io.wampkit.transport

import io.ktor.websocket.WebSocketSession
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.internal.WebSocketTransport

/**
 * Wraps an open Ktor WebSocket session (client or server side) whose subprotocol has been agreed as
 * [serializer]'s. [onClose] runs once, after the socket is closed. Used by the router's WebSocket
 * listener and by custom integrations.
 */
public fun WebSocketSession.asWampTransport(
    serializer: WampSerializer,
    description: String,
    onClose: suspend () -> Unit = {},
): WampTransport = WebSocketTransport(description, this, serializer, onClose)
