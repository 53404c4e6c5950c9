package io.wampkit.java

import io.wampkit.WampException
import io.wampkit.java.internal.PlainPayload

/**
 * [WampException]s from and to plain Java values: a handler throws (or fails its future with) one to answer
 * a call with ERROR; a caller reads one from a failed call future.
 * ```java
 * throw WampExceptions.of("com.myapp.error.invalid_input", "n must be positive");
 * ```
 */
public object WampExceptions {
    /** An application error [uri] with positional [args] (plain values, see [Payload]). */
    @JvmStatic
    public fun of(uri: String, vararg args: Any?): WampException = withPayload(uri, Payload.of(*args))

    /** An application error [uri] with positional and keyword arguments. */
    @JvmStatic
    public fun withPayload(uri: String, payload: Payload): WampException =
        WampException(uri, payload.wampArgs, payload.wampKwargs)

    /** The arguments of [error] as a [Payload] of plain values. */
    @JvmStatic
    public fun payload(error: WampException): Payload = PlainPayload(error.args, error.kwargs)

    /**
     * The [WampException] behind a failed future's exception ([java.util.concurrent.CompletionException],
     * [java.util.concurrent.ExecutionException] or the exception itself), or null when there is none.
     */
    @JvmStatic
    public fun unwrap(failure: Throwable?): WampException? {
        var current = failure
        var depth = 0
        while (current != null && depth++ < MAX_CAUSES) {
            if (current is WampException) return current
            current = current.cause
        }
        return null
    }

    private const val MAX_CAUSES = 16
}
