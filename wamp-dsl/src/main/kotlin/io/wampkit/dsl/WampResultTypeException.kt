package io.wampkit.dsl

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.value.wampListOf

/**
 * Thrown by a typed `call` (and by proxies) when the callee's result does not fit the expected type. It is a
 * [WampException] with uri `wamp.error.invalid_argument`, raised locally: nothing went wrong on the wire, so a
 * caller that needs to tell it from a callee's own `invalid_argument` catches this type.
 */
public class WampResultTypeException(
    /** The procedure whose result did not fit. */
    public val procedure: String,
    problem: String,
    cause: Throwable? = null,
) : WampException(
    WampErrors.INVALID_ARGUMENT,
    wampListOf("result of $procedure: $problem"),
    message = "result of $procedure: $problem",
    cause = cause,
)
