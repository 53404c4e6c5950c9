package io.wampkit.transport

import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * WebSocket ping keepalive of a client connection: a ping every [pingInterval]; when no pong comes back
 * within [timeout] the connection is closed, so a peer that vanished without TCP noticing (a dead NAT
 * entry, a frozen process) ends the session as transport loss instead of hanging forever.
 */
public class WebSocketKeepAlive(
    /** Time between two pings. */
    public val pingInterval: Duration = 10.seconds,
    /** How long to wait for the pong before the connection counts as dead. */
    public val timeout: Duration = 20.seconds,
) {
    init {
        require(pingInterval.isPositive()) { "pingInterval must be positive, was $pingInterval" }
        require(timeout.isPositive()) { "timeout must be positive, was $timeout" }
    }

    override fun toString(): String = "WebSocketKeepAlive(pingInterval=$pingInterval, timeout=$timeout)"

    public companion object {
        /** Ping every 10 s, give up after 20 s without a pong. */
        public val DEFAULT: WebSocketKeepAlive = WebSocketKeepAlive()
    }
}
