package io.wampkit.router

import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport

/**
 * An embedded WAMP router: a broker and a dealer per realm.
 *
 * Sessions arrive through [serve] (any [WampTransport]), through [connector] (in-memory, for components in
 * the same process) or through a WebSocket listener ([startServer], or [wamp] in your own Ktor server).
 * Each session runs as a child of the router's job; a session that breaks the protocol is aborted with
 * `wamp.error.protocol_violation` and nobody else notices.
 *
 * Create one with [wampRouter].
 */
public interface WampRouter {
    /** The realms this router serves. */
    public val realms: Set<String>

    /** The largest message, in bytes, a session may send over a byte-level transport. */
    public val maxMessageSize: Int

    /**
     * Messages that may wait for one session's connection (default 1,024): the capacity of the outgoing buffer
     * of each transport the router's listeners open, and the most replies kept when that buffer is full.
     * EVENTs beyond it are dropped and counted; see [WampRouterBuilder.sessionQueueCapacity].
     */
    public val sessionQueueCapacity: Int

    /**
     * Serves one connection until its session ends: waits for HELLO, then routes its messages. Returns when
     * the session is over; the transport is closed by then.
     */
    public suspend fun serve(transport: WampTransport)

    /** A connector whose every connection is a new in-memory session of this router (no sockets, no serialization). */
    public fun connector(): WampConnector

    /** Number of sessions currently joined to [realm]. */
    public fun sessionCount(realm: String): Int

    /**
     * Closes every session with GOODBYE `wamp.close.system_shutdown`, waits briefly for their replies and
     * stops the router. Idempotent; [serve] refuses connections afterwards.
     */
    public suspend fun close()
}
