package io.wampkit.dsl

import io.wampkit.dsl.internal.Payloads
import kotlinx.serialization.serializer

/**
 * Calls [procedure] with positional [args] and keyword arguments [kwargs] (values plain Kotlin or
 * `@Serializable`) and decodes the result as [R], like the positional `call`:
 * `call<Greeting>("com.myapp.greet", kwargs = mapOf("name" to "Ada", "polite" to true))`.
 * A typed handler receives kwargs by parameter name where names are known (services), or, when it has a
 * single class-typed parameter, as that class.
 * @throws io.wampkit.WampException when the callee or router answers with an ERROR.
 * @throws WampResultTypeException when the result does not fit [R].
 */
public suspend inline fun <reified R> ComponentSession.call(
    procedure: String,
    vararg args: Any?,
    kwargs: Map<String, Any?>,
): R = Payloads.decodeResult(
    procedure,
    callResult(procedure, Payloads.encodeArgs(args), Payloads.encodeKwargs(kwargs)),
    serializer<R>(),
)
