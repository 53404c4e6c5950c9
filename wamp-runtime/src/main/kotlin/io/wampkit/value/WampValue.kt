package io.wampkit.value

/**
 * A WAMP payload value, neutral to the serializer: JSON, MessagePack and CBOR all carry every case,
 * including [WampBytes] (JSON through WAMP's `"\u0000" + base64` convention).
 *
 * Values are immutable. Build them with [wampListOf], [wampDictOf] and the `toWampValue()` helpers.
 */
public sealed interface WampValue

/** The null value. */
public data object WampNull : WampValue

/** A boolean. */
@JvmInline
public value class WampBool(public val value: Boolean) : WampValue {
    override fun toString(): String = value.toString()
}

/** An integer; WAMP ids and counters fit in it. */
@JvmInline
public value class WampInt(public val value: Long) : WampValue {
    override fun toString(): String = value.toString()
}

/** A floating-point number. */
@JvmInline
public value class WampDouble(public val value: Double) : WampValue {
    override fun toString(): String = value.toString()
}

/** A string (also the carrier of URIs). */
@JvmInline
public value class WampString(public val value: String) : WampValue {
    override fun toString(): String = "\"$value\""
}

/** Binary data. */
public class WampBytes(bytes: ByteArray) : WampValue {
    private val data: ByteArray = bytes.copyOf()

    /** A copy of the bytes. */
    public fun toByteArray(): ByteArray = data.copyOf()

    /** Number of bytes. */
    public val size: Int get() = data.size

    override fun equals(other: Any?): Boolean = other is WampBytes && other.data.contentEquals(data)
    override fun hashCode(): Int = data.contentHashCode()
    override fun toString(): String = "WampBytes(size=${data.size})"
}

/** A list: WAMP `Arguments|list`. */
public class WampList(public val items: List<WampValue>) : WampValue, List<WampValue> by items {
    /** Equal to any [List] with the same elements, as the List contract asks (and so symmetric). */
    override fun equals(other: Any?): Boolean = other is List<*> && items == other
    override fun hashCode(): Int = items.hashCode()
    override fun toString(): String = items.toString()

    public companion object {
        /** The empty list. */
        public val EMPTY: WampList = WampList(emptyList())
    }
}

/** A dictionary with string keys: WAMP `Details|dict`, `Options|dict`, `ArgumentsKw|dict`. */
public class WampDict(public val map: Map<String, WampValue>) : WampValue, Map<String, WampValue> by map {
    /** Equal to any [Map] with the same entries, as the Map contract asks (and so symmetric). */
    override fun equals(other: Any?): Boolean = other is Map<*, *> && map == other
    override fun hashCode(): Int = map.hashCode()
    override fun toString(): String = map.toString()

    /** The string at [key], or null when absent or not a string. */
    public fun string(key: String): String? = (get(key) as? WampString)?.value

    /** The boolean at [key], or null when absent or not a boolean. */
    public fun boolean(key: String): Boolean? = (get(key) as? WampBool)?.value

    /** The integer at [key], or null when absent or not an integer. */
    public fun long(key: String): Long? = (get(key) as? WampInt)?.value

    /** The dictionary at [key], or null when absent or not a dictionary. */
    public fun dict(key: String): WampDict? = get(key) as? WampDict

    public companion object {
        /** The empty dictionary. */
        public val EMPTY: WampDict = WampDict(emptyMap())
    }
}
