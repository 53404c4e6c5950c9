package io.wampkit.dsl

/** What a component's [WampComponent.awaitSession] (and so its calls and publications) does while it is not joined. */
public sealed interface WhileDisconnected {
    /** Waits up to [maxMillis] for the next join, then fails with [io.wampkit.WampConnectionClosedException]. */
    public data class Wait(val maxMillis: Long) : WhileDisconnected {
        init {
            require(maxMillis >= 0) { "maxMillis must not be negative, was $maxMillis" }
        }
    }

    /** Fails at once with [io.wampkit.WampConnectionClosedException]. */
    public data object FailFast : WhileDisconnected
}
