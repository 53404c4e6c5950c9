@file:Suppress("UNCHECKED_CAST")

package io.wampkit.dsl

import io.wampkit.dsl.internal.DefaultCallScope
import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.Registration
import io.wampkit.value.WampDict
import kotlinx.serialization.KSerializer
import kotlinx.serialization.serializer

/**
 * Calls [procedure] with positional [args] (plain Kotlin or `@Serializable` values) and decodes the result
 * as [R]: no result → Unit or null, one value → that value, several → a list. [options] are CALL.Options,
 * e.g. `callOptions(timeoutMillis = 500)`.
 * @throws io.wampkit.WampException when the callee or router answers with an ERROR.
 */
public suspend inline fun <reified R> ComponentSession.call(
    procedure: String,
    vararg args: Any?,
    options: WampDict = WampDict.EMPTY,
): R = Payloads.decodeResult(procedure, callResult(procedure, Payloads.encodeArgs(args), options = options), serializer<R>())

/**
 * Registers a typed handler without arguments. Every typed handler runs with a [CallScope] receiver
 * (`invocation`, `session`, `caller`...). [options] are REGISTER.Options, e.g.
 * `registerOptions(match = MatchPolicy.PREFIX, invoke = InvokePolicy.ROUNDROBIN)`.
 */
public suspend inline fun <reified R> ComponentSession.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.() -> R,
): Registration = registerTyped(procedure, options, emptyArray(), serializer<R>()) { handler() }

/** Registers a typed one-argument handler; a wrong argument gets `wamp.error.invalid_argument`. */
public suspend inline fun <reified A, reified R> ComponentSession.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.(A) -> R,
): Registration = registerTyped(procedure, options, arrayOf(serializer<A>()), serializer<R>()) { handler(it[0] as A) }

/** Registers a typed two-argument handler: `register("com.myapp.add2") { a: Int, b: Int -> a + b }`. */
public suspend inline fun <reified A, reified B, reified R> ComponentSession.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.(A, B) -> R,
): Registration = registerTyped(procedure, options, arrayOf(serializer<A>(), serializer<B>()), serializer<R>()) {
    handler(it[0] as A, it[1] as B)
}

/** Registers a typed three-argument handler. */
public suspend inline fun <reified A, reified B, reified C, reified R> ComponentSession.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.(A, B, C) -> R,
): Registration = registerTyped(
    procedure, options, arrayOf(serializer<A>(), serializer<B>(), serializer<C>()), serializer<R>(),
) { handler(it[0] as A, it[1] as B, it[2] as C) }

@PublishedApi
internal suspend fun <R> ComponentSession.registerTyped(
    procedure: String,
    options: WampDict,
    params: Array<KSerializer<*>>,
    result: KSerializer<R>,
    body: suspend CallScope.(Array<Any?>) -> R,
): Registration = session.register(procedure, options) { invocation ->
    withInvocation(invocation) {
        val args = Payloads.decodeArgs(invocation.procedure, invocation.args, params, invocation.kwargs)
        Payloads.encodeResult(result, DefaultCallScope(invocation, session).body(args))
    }
}
