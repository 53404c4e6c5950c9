package io.wampkit.dsl

/**
 * What a [WampSupervisor] does when a component's `run()` fails (its `onJoin` threw, it was refused by the
 * router, or it gave up reconnecting). A component whose `run()` returns normally (it left on purpose) is
 * never restarted.
 */
public sealed interface RestartPolicy {
    /** Leave a failed component down. */
    public data object Never : RestartPolicy

    /** Restart after a [backoff] delay; the attempt count starts again once the component has joined. */
    public data class WithBackoff(val backoff: Backoff) : RestartPolicy

    public companion object {
        /** Restarts with [backoff] (by default Autobahn's timing, forever). */
        public fun backoff(backoff: Backoff = Backoff.DEFAULT): RestartPolicy = WithBackoff(backoff)
    }
}
