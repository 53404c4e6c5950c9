package io.wampkit.session

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/**
 * One INVOCATION as a callee's handler sees it. [procedure] is the URI that was called: the registered one,
 * or for a prefix or wildcard registration the concrete URI the router passed in `Details.procedure`.
 * The caller's identity ([caller], [callerAuthId], [callerAuthRole]) is there when the caller disclosed it.
 *
 * When the caller asked for progressive results ([receiveProgress]), the handler may send any number of
 * [progress] results before it returns the final one.
 */
public class WampInvocation(
    public val procedure: String,
    public val args: WampList = WampList.EMPTY,
    public val kwargs: WampDict = WampDict.EMPTY,
    public val details: WampDict = WampDict.EMPTY,
    public val registration: Long = 0,
    public val request: Long = 0,
) {
    /** The caller's session id, when the caller disclosed itself (`disclose_me`) or the router disclosed it. */
    public val caller: Long? get() = details.long("caller")

    /** The caller's authid, when disclosed. */
    public val callerAuthId: String? get() = details.string("caller_authid")

    /** The caller's authrole, when disclosed. */
    public val callerAuthRole: String? get() = details.string("caller_authrole")

    /** The call's timeout in milliseconds as the router passed it on (`Details.timeout`), 0 when none. */
    public val timeoutMillis: Long get() = details.long("timeout") ?: 0

    @Volatile
    internal var progressSink: (suspend (WampList, WampDict) -> Unit)? = null

    /** True when the caller asked for progressive results and the router passed that on. */
    public val receiveProgress: Boolean get() = progressSink != null

    /**
     * Sends one progressive result to the caller; returns false (and sends nothing) when the caller did not
     * ask for progress or the handler has already returned, so one handler serves both kinds of caller.
     */
    public suspend fun progress(args: WampList = WampList.EMPTY, kwargs: WampDict = WampDict.EMPTY): Boolean {
        val sink = progressSink ?: return false
        sink(args, kwargs)
        return true
    }

    override fun equals(other: Any?): Boolean = other is WampInvocation && procedure == other.procedure &&
        args == other.args && kwargs == other.kwargs && details == other.details &&
        registration == other.registration && request == other.request

    override fun hashCode(): Int = listOf(procedure, args, kwargs, details, registration, request).hashCode()

    override fun toString(): String =
        "WampInvocation(procedure=$procedure, args=$args, kwargs=$kwargs, details=$details, request=$request)"
}

/**
 * One EVENT as a subscriber's handler sees it. [topic] is the topic the event was published to: for a
 * pattern-based subscription the broker's `Details.topic`, otherwise the subscribed topic, which
 * [subscribedTopic] always holds.
 */
public data class WampEvent(
    val topic: String,
    val args: WampList,
    val kwargs: WampDict,
    val details: WampDict,
    val subscription: Long,
    val publication: Long,
    val subscribedTopic: String = topic,
) {
    /** The publisher's session id, when it disclosed itself (`disclose_me`); else null. */
    val publisher: Long? get() = details.long("publisher")

    /** The publisher's authid, when it disclosed itself; else null. */
    val publisherAuthId: String? get() = details.string("publisher_authid")

    /** The publisher's authrole, when it disclosed itself; else null. */
    val publisherAuthRole: String? get() = details.string("publisher_authrole")

    /** True when this is a retained event delivered on subscribing (`get_retained`), not a new publication. */
    val retained: Boolean get() = details.boolean("retained") == true
}

/** Serves invocations of a registered procedure. */
public fun interface InvocationHandler {
    public suspend fun invoke(invocation: WampInvocation): CallResult
}

/** Receives events of a subscription. */
public fun interface EventHandler {
    public suspend fun onEvent(event: WampEvent)
}

/** A registered procedure. */
public interface Registration {
    public val id: Long
    public val procedure: String

    /**
     * False once it has been unregistered, its session has ended, or the router revoked it (UNREGISTERED
     * with request 0, e.g. another callee registered the URI with `force_reregister`); its handler then gets
     * no more invocations.
     */
    public val isActive: Boolean

    /** Unregisters; idempotent. After it returns no new invocation reaches the handler. */
    public suspend fun unregister()
}

/** A subscription of one handler. */
public interface Subscription {
    public val id: Long
    public val topic: String

    /** Removes this handler; the last one to go sends UNSUBSCRIBE. Idempotent. */
    public suspend fun unsubscribe()
}
