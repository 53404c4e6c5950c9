package io.wampkit.dsl.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.dsl.WampResultTypeException
import io.wampkit.session.CallResult
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampValue
import io.wampkit.value.toWampValue
import io.wampkit.value.wampListOf
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.serializer

/**
 * Conversions between typed Kotlin values and WAMP payloads, through kotlinx.serialization straight to and
 * from [WampValue] trees ([WampValueEncoder], [WampValueDecoder]): no JSON in between, ByteArray as binary.
 */
@PublishedApi
internal object Payloads {
    fun <T> decode(serializer: KSerializer<T>, value: WampValue): T = WampValueDecoder(value).decodeSerializableValue(serializer)

    fun <T> encode(serializer: KSerializer<T>, value: T): WampValue {
        var out: WampValue = WampNull
        WampValueEncoder { out = it }.encodeSerializableValue(serializer, value)
        return out
    }

    /** The `@Serializable` serializer of each class, looked up by reflection once per class, not per argument. */
    private val classSerializers = object : ClassValue<KSerializer<Any?>>() {
        @Suppress("UNCHECKED_CAST")
        override fun computeValue(type: Class<*>): KSerializer<Any?> = serializer(type) as KSerializer<Any?>
    }

    /** Plain values directly; other objects through their `@Serializable` serializer (cached per class). */
    fun encodeAny(value: Any?): WampValue = when (value) {
        null, is WampValue, is Boolean, is Number, is String, is ByteArray -> value.toWampValue()
        is List<*> -> WampList(value.map(::encodeAny))
        is Array<*> -> WampList(value.map(::encodeAny))
        is Map<*, *> -> WampDict(value.entries.associate { (k, v) ->
            require(k is String) { "WAMP dictionary keys must be strings" }
            k to encodeAny(v)
        })
        else -> encode(classSerializers.get(value.javaClass), value)
    }

    fun encodeArgs(args: Array<out Any?>): WampList =
        if (args.isEmpty()) WampList.EMPTY else WampList(args.map(::encodeAny))

    fun encodeKwargs(kwargs: Map<String, Any?>): WampDict =
        if (kwargs.isEmpty()) WampDict.EMPTY else WampDict(kwargs.mapValues { encodeAny(it.value) })

    /**
     * Decodes the payload of [what] (a procedure or topic) into [params]' types. Parameter i takes positional
     * argument i; past the positional arguments, it takes the kwarg named [names]`[i]` when names are known;
     * a handler with a single class-typed parameter called with kwargs only gets the kwargs dictionary decoded
     * into it; a parameter left without a value is null when its type is nullable.
     * @throws WampException `wamp.error.invalid_argument` naming the argument at fault and the problem.
     */
    fun decodeArgs(
        what: String,
        args: WampList,
        params: Array<out KSerializer<*>>,
        kwargs: WampDict = WampDict.EMPTY,
        names: Array<out String?>? = null,
    ): Array<Any?> {
        if (args.size > params.size) {
            throw invalidArgument("$what expects ${expectedCount(params)} arguments, got ${args.size}")
        }
        val wholeKwargs = params.size == 1 && args.isEmpty() && kwargs.isNotEmpty() &&
            params[0].descriptor.kind == StructureKind.CLASS && (names?.get(0) == null || names[0] !in kwargs)
        return Array(params.size) { i ->
            val name = names?.get(i)
            val value = when {
                i < args.size -> args[i]
                wholeKwargs -> kwargs
                name != null && name in kwargs -> kwargs.getValue(name)
                params[i].descriptor.isNullable -> WampNull
                else -> throw invalidArgument(
                    if (names == null && kwargs.isEmpty()) "$what expects ${expectedCount(params)} arguments, got ${args.size}"
                    else "${label(i, name, what)} is missing",
                )
            }
            decodeArg(params[i], value) { label(i, name, what) }
        }
    }

    /** Decodes one argument; [label] names it in the `wamp.error.invalid_argument` message. */
    fun decodeArg(serializer: KSerializer<*>, value: WampValue, label: () -> String): Any? {
        TypeCheck.mismatch(serializer.descriptor, value)?.let { throw invalidArgument("${label()}: $it") }
        return try {
            decode(serializer, value)
        } catch (e: SerializationException) {
            throw invalidArgument("${label()}: ${e.message?.lineSequence()?.first()}")
        } catch (e: IllegalArgumentException) {
            throw invalidArgument("${label()}: ${e.message?.lineSequence()?.first()}")
        }
    }

    /** The YIELD payload of a typed handler's [value]: none for Unit, else one positional value. */
    fun <R> encodeResult(serializer: KSerializer<R>, value: R): CallResult =
        if (value == Unit) CallResult.EMPTY else CallResult(wampListOf(encode(serializer, value)))

    /**
     * The typed value of a RESULT: nothing → Unit or null, one positional value → that value, several →
     * the list of them; no positional value but kwargs → the kwargs dictionary (for a class or map type).
     * @throws WampResultTypeException when the result does not fit.
     */
    fun <R> decodeResult(procedure: String, result: CallResult, serializer: KSerializer<R>): R {
        @Suppress("UNCHECKED_CAST")
        if (serializer.descriptor.serialName == "kotlin.Unit") return Unit as R
        val value = when (result.args.size) {
            0 -> if (result.kwargs.isEmpty()) WampNull else result.kwargs
            1 -> result.args[0]
            else -> result.args
        }
        val problem = TypeCheck.mismatch(serializer.descriptor, value)
        if (problem != null) throw WampResultTypeException(procedure, problem)
        return try {
            decode(serializer, value)
        } catch (e: IllegalArgumentException) { // SerializationException is one
            throw WampResultTypeException(procedure, "${e.message?.lineSequence()?.first()}", e)
        }
    }

    private fun expectedCount(params: Array<out KSerializer<*>>): String {
        val required = params.indexOfLast { !it.descriptor.isNullable } + 1
        return if (required == params.size) "${params.size}" else "$required to ${params.size}"
    }

    private fun label(i: Int, name: String?, what: String) =
        if (name == null) "argument ${i + 1} of $what" else "argument ${i + 1} ($name) of $what"

    fun invalidArgument(message: String): WampException = WampException(WampErrors.INVALID_ARGUMENT, wampListOf(message))

}
