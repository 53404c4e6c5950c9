package io.wampkit.dsl.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.CallResult
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampValue
import io.wampkit.value.toJsonElement
import io.wampkit.value.toWampValue
import io.wampkit.value.wampListOf
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer

/** Conversions between typed Kotlin values and WAMP payloads, through kotlinx.serialization. */
@PublishedApi
internal object Payloads {
    private val json = Json { encodeDefaults = true }

    fun <T> decode(serializer: KSerializer<T>, value: WampValue): T =
        json.decodeFromJsonElement(serializer, value.toJsonElement())

    fun <T> encode(serializer: KSerializer<T>, value: T): WampValue =
        json.encodeToJsonElement(serializer, value).toWampValue()

    /** Plain values directly; other objects through their `@Serializable` serializer (looked up once per call). */
    fun encodeAny(value: Any?): WampValue = when (value) {
        null, is WampValue, is Boolean, is Number, is String, is ByteArray -> value.toWampValue()
        is List<*> -> WampList(value.map(::encodeAny))
        is Array<*> -> WampList(value.map(::encodeAny))
        is Map<*, *> -> WampDict(value.entries.associate { (k, v) ->
            require(k is String) { "WAMP dictionary keys must be strings" }
            k to encodeAny(v)
        })
        else -> {
            encode(json.serializersModule.serializer(value.javaClass), value)
        }
    }

    fun encodeArgs(args: Array<out Any?>): WampList =
        if (args.isEmpty()) WampList.EMPTY else WampList(args.map(::encodeAny))

    fun encodeKwargs(kwargs: Map<String, Any?>): WampDict =
        if (kwargs.isEmpty()) WampDict.EMPTY else WampDict(kwargs.mapValues { encodeAny(it.value) })

    /**
     * Decodes positional [args] for [what] (a procedure or topic) into [params]' types. Missing trailing
     * arguments are null when their type is nullable.
     * @throws WampException `wamp.error.invalid_argument` naming the argument at fault.
     */
    fun decodeArgs(what: String, args: WampList, params: Array<out KSerializer<*>>): Array<Any?> {
        val required = params.indexOfLast { !it.descriptor.isNullable } + 1
        if (args.size < required || args.size > params.size) {
            val expected = if (required == params.size) "${params.size}" else "$required to ${params.size}"
            throw invalidArgument("$what expects $expected arguments, got ${args.size}")
        }
        return Array(params.size) { i ->
            val value = if (i < args.size) args[i] else WampNull
            try {
                decode(params[i], value)
            } catch (e: SerializationException) {
                throw invalidArgument("argument ${i + 1} of $what: ${e.message?.lineSequence()?.first()}")
            } catch (e: IllegalArgumentException) {
                throw invalidArgument("argument ${i + 1} of $what: ${e.message}")
            }
        }
    }

    /** The YIELD payload of a typed handler's [value]: none for Unit, else one positional value. */
    fun <R> encodeResult(serializer: KSerializer<R>, value: R): CallResult =
        if (value == Unit) CallResult.EMPTY else CallResult(wampListOf(encode(serializer, value)))

    /**
     * The typed value of a RESULT: nothing → Unit or null, one positional value → that value, several →
     * the list of them.
     */
    fun <R> decodeResult(procedure: String, result: CallResult, serializer: KSerializer<R>): R {
        val value = when (result.args.size) {
            0 -> WampNull
            1 -> result.args[0]
            else -> result.args
        }
        @Suppress("UNCHECKED_CAST")
        if (serializer.descriptor.serialName == "kotlin.Unit") return Unit as R
        return try {
            decode(serializer, value)
        } catch (e: IllegalArgumentException) {
            throw IllegalStateException("result of $procedure does not fit ${serializer.descriptor.serialName}: ${e.message}", e)
        }
    }

    private fun invalidArgument(message: String) = WampException(WampErrors.INVALID_ARGUMENT, wampListOf(message))
}
