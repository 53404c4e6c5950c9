package io.wampkit.dsl

import io.wampkit.session.SessionCloseDetails
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** A WAMP component defined with [wampComponent]. */
public interface WampComponent {
    /** The component's name, used in logs and coroutine names. */
    public val name: String

    /**
     * Connects, joins, runs `onJoin`, then suspends while the session lasts; returns how it ended.
     * Cancelling the caller leaves the realm and closes the connection. An exception thrown by `onJoin`
     * ends the session and is rethrown here.
     */
    public suspend fun run(): SessionCloseDetails

    /** Runs the component in [scope]; the returned job completes when the session has ended. */
    public fun start(scope: CoroutineScope): Job
}
