package io.wampkit.session

import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow

/**
 * A joined WAMP session: one connection to one realm of a router.
 *
 * The session is a [CoroutineScope]: invocation and event handlers run as its children under a supervisor,
 * so a failing handler never closes the connection, and when the session ends (by [leave], by the router
 * or by loss of the connection) every handler is cancelled and every pending request fails with
 * [io.wampkit.WampConnectionClosedException]. Its job completes when the session has ended.
 *
 * Obtain one with [join].
 */
public interface WampSession : CoroutineScope {
    /** The session id the router assigned in WELCOME. */
    public val sessionId: Long

    /** The realm this session joined. */
    public val realm: String

    /** The router's WELCOME details (roles, authid, authrole...). */
    public val welcomeDetails: WampDict

    /** True until the session has ended. */
    public val isActive: Boolean

    /**
     * Calls [procedure] and suspends until its RESULT. Cancelling the calling coroutine cancels the call on
     * the wire (CANCEL with [cancelMode]) when the router supports call canceling.
     * @throws io.wampkit.WampException when the answer is an ERROR (uri, args and kwargs as sent).
     */
    public suspend fun call(
        procedure: String,
        args: WampList = WampList.EMPTY,
        kwargs: WampDict = WampDict.EMPTY,
        options: WampDict = WampDict.EMPTY,
        cancelMode: CancelMode = CancelMode.KILL_NOWAIT,
    ): CallResult

    /**
     * Calls [procedure] asking for progressive results: the cold flow sends the CALL when collected, emits
     * every progressive result ([CallResult.isProgress] true) and then the final one, and completes.
     * Cancelling the collection (or stopping early, e.g. with `first()`) cancels the call on the wire.
     * @throws io.wampkit.WampException when the answer is an ERROR.
     */
    public fun callProgressive(
        procedure: String,
        args: WampList = WampList.EMPTY,
        kwargs: WampDict = WampDict.EMPTY,
        options: WampDict = WampDict.EMPTY,
        cancelMode: CancelMode = CancelMode.KILL_NOWAIT,
    ): Flow<CallResult>

    /**
     * Registers [handler] for [procedure]. Each invocation runs as a child coroutine of this session: its
     * [CallResult] is sent as YIELD, a thrown [io.wampkit.WampException] as ERROR with its uri/args/kwargs,
     * any other exception as `wamp.error.runtime_error` with the exception's message.
     */
    public suspend fun register(
        procedure: String,
        options: WampDict = WampDict.EMPTY,
        handler: InvocationHandler,
    ): Registration

    /**
     * Subscribes [handler] to [topic]. Events of one subscription are delivered in order, one at a time;
     * while a handler is busy, up to [EVENT_BUFFER] events wait, then the session stops reading the
     * connection until there is room (backpressure, nothing is dropped). A handler that throws is logged
     * and keeps receiving later events. Because the session's reader is what waits, a handler that awaits a
     * reply from this session (a `call`, an acknowledged `publish`) while its buffer is full waits forever:
     * launch such work in the session scope instead of awaiting it in the handler.
     */
    public suspend fun subscribe(
        topic: String,
        options: WampDict = WampDict.EMPTY,
        handler: EventHandler,
    ): Subscription

    /**
     * [topic]'s events as a cold flow: collecting subscribes, ending the collection unsubscribes. Events come
     * in order; a slow collector applies backpressure (up to [EVENT_BUFFER] events wait, then the session
     * stops reading), nothing is dropped. The flow fails with [io.wampkit.WampConnectionClosedException]
     * when the session ends.
     */
    public fun events(topic: String, options: WampDict = WampDict.EMPTY): Flow<WampEvent>

    /**
     * Publishes to [topic]. With [acknowledge], suspends until the router's PUBLISHED and returns the
     * publication id (or throws [io.wampkit.WampException] on ERROR); otherwise returns null at once.
     * With [excludeMe] false this session receives its own event if it is subscribed.
     */
    public suspend fun publish(
        topic: String,
        args: WampList = WampList.EMPTY,
        kwargs: WampDict = WampDict.EMPTY,
        acknowledge: Boolean = false,
        excludeMe: Boolean = true,
        options: WampDict = WampDict.EMPTY,
    ): Long?

    /**
     * Leaves the realm: GOODBYE with [reason], waits (bounded) for the router's GOODBYE, then closes the
     * connection and cancels every handler. Idempotent.
     */
    public suspend fun leave(reason: String = io.wampkit.WampErrors.CLOSE_NORMAL, message: String? = null)

    /** Suspends until the session has ended and tells how. */
    public suspend fun awaitClosed(): SessionCloseDetails

    public companion object {
        /** Events buffered per subscription while its handler is busy. */
        public const val EVENT_BUFFER: Int = 64

        /** Progressive results buffered per call while its collector is busy (then the reader waits). */
        public const val PROGRESS_BUFFER: Int = 64
    }
}
