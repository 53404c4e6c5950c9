package io.wampkit.value

/** Builds a [WampList] from plain Kotlin values (see [toWampValue] for what is accepted). */
public fun wampListOf(vararg values: Any?): WampList =
    if (values.isEmpty()) WampList.EMPTY else WampList(values.map { it.toWampValue() })

/** Builds a [WampDict] from pairs of plain Kotlin values (see [toWampValue] for what is accepted). */
public fun wampDictOf(vararg entries: Pair<String, Any?>): WampDict =
    if (entries.isEmpty()) WampDict.EMPTY else WampDict(entries.associate { (k, v) -> k to v.toWampValue() })

/**
 * Converts a plain Kotlin value to a [WampValue]: null, Boolean, Byte, Short, Int, Long, Float, Double,
 * String, ByteArray, [WampValue] itself, and Lists, Arrays and Maps (with String keys) of those.
 *
 * @throws IllegalArgumentException for any other type (use a typed API for serializable classes).
 */
public fun Any?.toWampValue(): WampValue = when (this) {
    null -> WampNull
    is WampValue -> this
    is Boolean -> WampBool(this)
    is Int -> WampInt(toLong())
    is Long -> WampInt(this)
    is Short -> WampInt(toLong())
    is Byte -> WampInt(toLong())
    is Double -> WampDouble(this)
    is Float -> WampDouble(toDouble())
    is String -> WampString(this)
    is ByteArray -> WampBytes(this)
    is List<*> -> WampList(map { it.toWampValue() })
    is Array<*> -> WampList(map { it.toWampValue() })
    is Map<*, *> -> WampDict(entries.associate { (k, v) ->
        require(k is String) { "WAMP dictionary keys must be strings, got ${k?.let { it::class.simpleName }}" }
        k to v.toWampValue()
    })
    else -> throw IllegalArgumentException("cannot convert ${this::class.qualifiedName} to a WAMP value")
}

/** Converts back to plain Kotlin values: Long, Double, String, Boolean, ByteArray, List and Map; null for [WampNull]. */
public fun WampValue.toPlain(): Any? = when (this) {
    WampNull -> null
    is WampBool -> value
    is WampInt -> value
    is WampDouble -> value
    is WampString -> value
    is WampBytes -> toByteArray()
    is WampList -> items.map { it.toPlain() }
    is WampDict -> mapValues { it.value.toPlain() }
}
