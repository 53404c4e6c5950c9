package io.wampkit.session

/**
 * How a session ended. [reason] is the GOODBYE or ABORT reason URI; `wampkit.close.transport_lost` when
 * the connection dropped without one. [byPeer] is true when the router ended it. [cause] is set for
 * connection loss and protocol violations.
 */
public data class SessionCloseDetails(
    val reason: String,
    val message: String? = null,
    val byPeer: Boolean = false,
    val cause: Throwable? = null,
) {
    /** True when the session ended with a GOODBYE handshake, by either side. */
    val isGraceful: Boolean get() = cause == null

    public companion object {
        /** Reason used when the connection drops without GOODBYE or ABORT. */
        public const val TRANSPORT_LOST: String = "wampkit.close.transport_lost"
    }
}
