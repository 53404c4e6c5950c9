@file:Suppress("UNCHECKED_CAST")

package io.wampkit.dsl

import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.Registration
import io.wampkit.session.WampInvocation
import io.wampkit.value.WampDict
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.serialization.KSerializer
import kotlinx.serialization.serializer

/** What a progressive handler runs in: the [invocation], and [progress] to send partial results. */
@WampDsl
public class ProgressScope internal constructor(public val invocation: WampInvocation) {
    /** True when the caller asked for progressive results. */
    public val receiveProgress: Boolean get() = invocation.receiveProgress

    /**
     * Sends [values] (plain Kotlin or `@Serializable`) as one progressive result; returns false and sends
     * nothing when the caller did not ask for progress.
     */
    public suspend fun progress(vararg values: Any?): Boolean = invocation.progress(Payloads.encodeArgs(values))
}

/**
 * Calls [procedure] with progressive results, each decoded as [R] (the progress items and then the final
 * result): `callProgressive<Int>("com.myapp.countdown", 3).toList() == listOf(3, 2, 1, 0)`. Cold; stopping
 * the collection early cancels the call. [options] are CALL.Options, e.g. `callOptions(timeoutMillis = 5_000)`.
 */
public inline fun <reified R> ComponentSession.callProgressive(
    procedure: String,
    vararg args: Any?,
    options: WampDict = WampDict.EMPTY,
): Flow<R> {
    val serializer = serializer<R>()
    return session.callProgressive(procedure, Payloads.encodeArgs(args), options = options)
        .map { Payloads.decodeResult(procedure, it, serializer) }
}

/**
 * Registers a typed one-argument handler that may send progressive results:
 * `registerProgressive("com.myapp.countdown") { n: Int -> for (i in n downTo 1) progress(i); 0 }`.
 * A plain `call` of it gets just the final result.
 */
public suspend inline fun <reified A, reified R> ComponentSession.registerProgressive(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend ProgressScope.(A) -> R,
): Registration = registerProgressiveTyped(procedure, options, serializer<A>(), serializer<R>(), handler)

@PublishedApi
internal suspend fun <A, R> ComponentSession.registerProgressiveTyped(
    procedure: String,
    options: WampDict,
    param: KSerializer<A>,
    result: KSerializer<R>,
    handler: suspend ProgressScope.(A) -> R,
): Registration = session.register(procedure, options) { inv ->
    withInvocation(inv) {
        val arg = Payloads.decodeArgs(inv.procedure, inv.args, arrayOf(param), inv.kwargs)[0] as A
        Payloads.encodeResult(result, ProgressScope(inv).handler(arg))
    }
}
