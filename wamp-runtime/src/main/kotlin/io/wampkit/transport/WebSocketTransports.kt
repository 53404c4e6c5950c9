package io.wampkit.transport

import io.ktor.websocket.ChannelOverflow
import io.ktor.websocket.WebSocketChannelsConfig
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

/**
 * Bounds Ktor's WebSocket channels (unbounded by default) at [capacity] frames each way, for the `channels { }`
 * block of Ktor's client or server `WebSockets` plugin. A peer that stops reading then fills the outgoing
 * side, where [WampTransport.trySend] reports [SendResult.FULL] and [WampTransport.send] suspends; a reader
 * that falls behind stops reading the socket, and TCP slows the peer down. Without it nothing bounds what
 * Ktor buffers for a slow peer.
 */
public fun WebSocketChannelsConfig.boundedForWamp(capacity: Int = DEFAULT_TRANSPORT_QUEUE_CAPACITY) {
    require(capacity > 0) { "capacity must be positive" }
    incoming = bounded(capacity, ChannelOverflow.SUSPEND)
    outgoing = bounded(capacity, ChannelOverflow.SUSPEND)
}
