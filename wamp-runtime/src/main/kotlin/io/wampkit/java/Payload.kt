package io.wampkit.java

import io.wampkit.java.internal.PlainPayload
import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/**
 * WAMP positional and keyword arguments seen as plain Java values: `Long`, `Double`, `String`, `Boolean`,
 * `byte[]`, `List<Object>`, `Map<String, Object>` and `null`.
 *
 * Build one from plain values with [of] (positional) or [withKwargs]; a handler registered through
 * [WampClient.register] may return one to answer with several values. Accepted input types are those of
 * [io.wampkit.value.toWampValue]: null, Boolean, Byte, Short, Integer, Long, Float, Double, String, byte[],
 * and Lists, arrays and Maps (String keys) of those.
 */
public interface Payload {
    /** The positional arguments as plain values (a new unmodifiable list each time). */
    public val args: List<Any?>

    /** The keyword arguments as plain values (a new unmodifiable map each time). */
    public val kwargs: Map<String, Any?>

    /** The positional arguments as WAMP values, as they travel. */
    public val wampArgs: WampList

    /** The keyword arguments as WAMP values, as they travel. */
    public val wampKwargs: WampDict

    /** The positional argument at [index] as a plain value. @throws IndexOutOfBoundsException */
    public fun arg(index: Int): Any?

    /**
     * The positional argument at [index] as [type]: `Long`, `Integer` (range-checked), `Double` (also from an
     * integer), `String`, `Boolean`, `byte[]`, `List`, `Map` or `Object`.
     * @throws IllegalArgumentException when the value is null or not of that type.
     */
    public fun <T : Any> arg(index: Int, type: Class<T>): T

    /** The positional argument at [index] as a `long`; see [arg]. */
    public fun argLong(index: Int): Long

    /** The positional argument at [index] as an `int` (range-checked); see [arg]. */
    public fun argInt(index: Int): Int

    /** The positional argument at [index] as a `double` (an integer is widened); see [arg]. */
    public fun argDouble(index: Int): Double

    /** The positional argument at [index] as a `String`; see [arg]. */
    public fun argString(index: Int): String

    /** The positional argument at [index] as a `boolean`; see [arg]. */
    public fun argBoolean(index: Int): Boolean

    /** The keyword argument [key] as a plain value, or null when absent. */
    public fun kwarg(key: String): Any?

    /** The keyword argument [key] as [type] (see [arg]), or null when absent or null. */
    public fun <T : Any> kwarg(key: String, type: Class<T>): T?

    /** Factories. */
    public companion object {
        /** No arguments. */
        @JvmStatic
        public fun empty(): Payload = PlainPayload.EMPTY

        /** Positional arguments from plain values. @throws IllegalArgumentException for an unsupported type. */
        @JvmStatic
        public fun of(vararg args: Any?): Payload = PlainPayload.of(args.asList(), emptyMap<String, Any?>())

        /** Positional and keyword arguments from plain values. @throws IllegalArgumentException for an unsupported type. */
        @JvmStatic
        public fun withKwargs(args: List<*>, kwargs: Map<String, *>): Payload = PlainPayload.of(args, kwargs)

        /** The payload of WAMP values as they are. */
        @JvmStatic
        public fun ofWamp(args: WampList, kwargs: WampDict): Payload = PlainPayload(args, kwargs)
    }
}

/** The answer to a call: RESULT arguments and details. */
public interface CallReply : Payload {
    /** The RESULT details. */
    public val details: Map<String, Any?>

    /** True for a progressive result (RESULT.Details.progress). */
    public val isProgress: Boolean
}

/**
 * One invocation of a procedure registered through [WampClient.register] or [WampClient.registerSync].
 */
public interface IncomingCall : Payload {
    /** The registered procedure URI. */
    public val procedure: String

    /** The INVOCATION details (e.g. `caller` when disclosed). */
    public val details: Map<String, Any?>

    /** The registration id. */
    public val registration: Long

    /** The INVOCATION request id. */
    public val request: Long

    /** True when the caller asked for progressive results. */
    public val receiveProgress: Boolean

    /**
     * Sends one progressive result; the future completes with false (nothing sent) when the caller did not
     * ask for progress or the handler has already answered. Wait for it before the next progress or the final
     * answer, so that they reach the caller in order.
     */
    public fun progress(payload: Payload): java.util.concurrent.CompletableFuture<Boolean>
}

/** One event of a subscription made through [WampClient.subscribe]. */
public interface IncomingEvent : Payload {
    /** The subscribed topic. */
    public val topic: String

    /** The EVENT details (e.g. `publisher` when disclosed). */
    public val details: Map<String, Any?>

    /** The subscription id. */
    public val subscription: Long

    /** The publication id. */
    public val publication: Long
}
