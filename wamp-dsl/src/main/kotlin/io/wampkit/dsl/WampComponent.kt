package io.wampkit.dsl

import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.WampSession
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.StateFlow
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** A WAMP component defined with [wampComponent]. */
public interface WampComponent {
    /** The component's name, used in logs and coroutine names. */
    public val name: String

    /**
     * The joined session while there is one, else null. It is set once the registrations and subscriptions
     * declared in the builder are in place (before `onJoin` runs) and cleared when the session ends, so it
     * outlives no session: keep the component, not the session, across reconnects.
     */
    public val session: StateFlow<WampSession?>

    /**
     * Connects, joins, establishes the declared registrations and subscriptions, runs `onJoin`, then suspends
     * while the session lasts. When the connection is lost, or the router ends the session with any reason
     * but `wamp.close.normal`, it reconnects with backoff and does all that again (unless `reconnect = false`);
     * it returns how the last session ended once the component left on purpose ([stop], `leave()`) or the
     * router said `wamp.close.normal`.
     * Cancelling the caller leaves the realm and closes the connection.
     * @throws Exception what `onJoin` threw (the session is left first); the last connection failure when
     * reconnecting gave up; [io.wampkit.WampAbortedException] when the router refused the realm.
     */
    public suspend fun run(): SessionCloseDetails

    /** Runs the component in [scope]; the returned job completes when [run] has returned. */
    public fun start(scope: CoroutineScope): Job

    /**
     * The joined session; while there is none, waits for the next join or fails at once, per the
     * builder's `whileDisconnected`.
     * @throws io.wampkit.WampConnectionClosedException when no session is there in time, or the component
     * is not running.
     */
    public suspend fun awaitSession(): WampSession

    /**
     * Stops the component gracefully: new invocations are refused and its procedures unregistered, running
     * handlers get up to [gracePeriod] to finish, then the session says GOODBYE and [run] returns. No
     * reconnect follows. Returns once [run] has returned (or at once when it is not running). Final: a
     * stopped component does not run again ([run] returns at once). Idempotent. Do not call it from the
     * component's own handlers or `onJoin` (it waits for them); call `leave()` there.
     */
    public suspend fun stop(gracePeriod: Duration = 10.seconds)
}
