package io.wampkit.transport

import io.wampkit.transport.internal.InMemoryTransport
import kotlinx.coroutines.channels.Channel

/**
 * Two connected in-memory transports: what one sends the other receives, as message objects (no
 * serialization). For tests and for components that run inside the router's process.
 * [capacity] bounds the messages in flight in each direction.
 */
public fun inMemoryTransportPair(capacity: Int = 256, name: String = "in-memory"): Pair<WampTransport, WampTransport> {
    require(capacity > 0) { "capacity must be positive" }
    val aToB = Channel<io.wampkit.message.WampMessage>(capacity)
    val bToA = Channel<io.wampkit.message.WampMessage>(capacity)
    return InMemoryTransport("$name (client side)", aToB, bToA) to InMemoryTransport("$name (router side)", bToA, aToB)
}
