package io.wampkit.java.internal

import io.wampkit.java.Payload
import io.wampkit.session.CallResult
import io.wampkit.value.WampBool
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue
import io.wampkit.value.toPlain
import io.wampkit.value.toWampValue

/** [Payload] over WAMP values; plain values are converted when asked for. */
internal open class PlainPayload(override val wampArgs: WampList, override val wampKwargs: WampDict) : Payload {
    override val args: List<Any?> get() = java.util.Collections.unmodifiableList(wampArgs.map { it.toPlain() })
    override val kwargs: Map<String, Any?> get() = plainMap(wampKwargs)

    override fun arg(index: Int): Any? = wampArgs[index].toPlain()
    override fun <T : Any> arg(index: Int, type: Class<T>): T =
        convert(wampArgs[index], type) ?: throw IllegalArgumentException("argument $index is null, expected ${type.simpleName}")

    override fun argLong(index: Int): Long = arg(index, Long::class.javaObjectType)
    override fun argInt(index: Int): Int = arg(index, Int::class.javaObjectType)
    override fun argDouble(index: Int): Double = arg(index, Double::class.javaObjectType)
    override fun argString(index: Int): String = arg(index, String::class.java)
    override fun argBoolean(index: Int): Boolean = arg(index, Boolean::class.javaObjectType)

    override fun kwarg(key: String): Any? = wampKwargs[key]?.toPlain()
    override fun <T : Any> kwarg(key: String, type: Class<T>): T? = wampKwargs[key]?.let { convert(it, type) }

    override fun equals(other: Any?): Boolean =
        other is PlainPayload && wampArgs == other.wampArgs && wampKwargs == other.wampKwargs
    override fun hashCode(): Int = 31 * wampArgs.hashCode() + wampKwargs.hashCode()
    override fun toString(): String = "Payload(args=$wampArgs, kwargs=$wampKwargs)"

    internal companion object {
        val EMPTY: PlainPayload = PlainPayload(WampList.EMPTY, WampDict.EMPTY)

        fun of(args: List<*>, kwargs: Map<String, *>): PlainPayload =
            if (args.isEmpty() && kwargs.isEmpty()) EMPTY else PlainPayload(wampList(args), wampDict(kwargs))

        fun wampList(args: List<*>): WampList =
            if (args.isEmpty()) WampList.EMPTY else args.toWampValue() as WampList

        fun wampDict(kwargs: Map<String, *>): WampDict =
            if (kwargs.isEmpty()) WampDict.EMPTY else kwargs.toWampValue() as WampDict

        fun plainMap(dict: WampDict): Map<String, Any?> =
            java.util.Collections.unmodifiableMap(dict.mapValues { it.value.toPlain() })

        /** What a handler returned, as YIELD arguments: a [Payload] as is, null as nothing, else one value. */
        fun toCallResult(value: Any?): CallResult = when (value) {
            null -> CallResult.EMPTY
            is Payload -> CallResult(value.wampArgs, value.wampKwargs)
            is CallResult -> value
            else -> CallResult(WampList(listOf(value.toWampValue())))
        }

        @Suppress("UNCHECKED_CAST")
        fun <T : Any> convert(value: WampValue, type: Class<T>): T? {
            if (value == WampNull) return null
            val converted: Any = when (type) {
                Long::class.javaObjectType, Long::class.javaPrimitiveType -> (value as? WampInt)?.value
                Int::class.javaObjectType, Int::class.javaPrimitiveType -> (value as? WampInt)?.value
                    ?.takeIf { it in Int.MIN_VALUE..Int.MAX_VALUE }?.toInt()
                Double::class.javaObjectType, Double::class.javaPrimitiveType -> when (value) {
                    is WampDouble -> value.value
                    is WampInt -> value.value.toDouble()
                    else -> null
                }
                String::class.java -> (value as? WampString)?.value
                Boolean::class.javaObjectType, Boolean::class.javaPrimitiveType -> (value as? WampBool)?.value
                ByteArray::class.java -> (value as? WampBytes)?.toByteArray()
                else -> value.toPlain()?.takeIf { type.isInstance(it) }
            } ?: throw IllegalArgumentException("expected ${type.simpleName}, got ${describe(value)}")
            return converted as T
        }

        private fun describe(value: WampValue): String = when (value) {
            is WampInt -> "integer $value"
            is WampDouble -> "number $value"
            is WampString -> "string"
            is WampBool -> "boolean"
            is WampBytes -> "bytes"
            is WampList -> "list"
            is WampDict -> "dictionary"
            WampNull -> "null"
        }
    }
}
