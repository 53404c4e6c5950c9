package io.wampkit.session

/**
 * How a session ended. [reason] is the GOODBYE or ABORT reason URI; `wampkit.close.transport_lost` when
 * the connection dropped without one. [byPeer] is true when the router ended it. [cause] is set for
 * connection loss and protocol violations. [isGraceful] is true only when GOODBYE went both ways: the router
 * answered our GOODBYE, or we answered the router's. An ABORT, a lost connection, a [WampSession.leave] that
 * got no answer in time and a cancelled session scope are not graceful.
 */
public data class SessionCloseDetails(
    val reason: String,
    val message: String? = null,
    val byPeer: Boolean = false,
    val cause: Throwable? = null,
    val isGraceful: Boolean = false,
) {

    public companion object {
        /** Reason used when the connection drops without GOODBYE or ABORT. */
        public const val TRANSPORT_LOST: String = "wampkit.close.transport_lost"
    }
}
