package io.wampkit.session

import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * The client side's bounds, given to a session through its coroutine context:
 * ```
 * connector.join("realm1", context = SessionLimits(maxConcurrentInvocations = 16))
 * ```
 * - [eventBuffer]: events that may wait for one subscription's handlers (or one `events` flow) while they are
 *   busy; when they are full the session stops reading the connection (backpressure, nothing dropped).
 * - [maxConcurrentInvocations]: invocation handlers that may run at once; the next INVOCATION waits for one of
 *   them to end, and the session reads nothing else meanwhile (backpressure towards the router, whose own
 *   policy then applies). So a handler must not wait for something only this session's reader can deliver.
 *
 * Without it a session uses [DEFAULT].
 */
public class SessionLimits(
    public val eventBuffer: Int = DEFAULT_EVENT_BUFFER,
    public val maxConcurrentInvocations: Int = DEFAULT_MAX_CONCURRENT_INVOCATIONS,
) : AbstractCoroutineContextElement(Key) {
    init {
        require(eventBuffer > 0) { "eventBuffer must be positive, was $eventBuffer" }
        require(maxConcurrentInvocations > 0) { "maxConcurrentInvocations must be positive, was $maxConcurrentInvocations" }
    }

    override fun toString(): String = "SessionLimits(eventBuffer=$eventBuffer, maxConcurrentInvocations=$maxConcurrentInvocations)"

    /** The context key of [SessionLimits]. */
    public companion object Key : CoroutineContext.Key<SessionLimits> {
        /** Events per subscription: [WampSession.EVENT_BUFFER]. */
        public const val DEFAULT_EVENT_BUFFER: Int = WampSession.EVENT_BUFFER

        /** Invocation handlers running at once per session by default. */
        public const val DEFAULT_MAX_CONCURRENT_INVOCATIONS: Int = 1024

        /** The limits of a session whose context has none. */
        public val DEFAULT: SessionLimits = SessionLimits()
    }
}
