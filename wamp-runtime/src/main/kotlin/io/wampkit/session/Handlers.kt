package io.wampkit.session

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/** One INVOCATION as a callee's handler sees it. [procedure] is the registered URI. */
public data class WampInvocation(
    val procedure: String,
    val args: WampList,
    val kwargs: WampDict,
    val details: WampDict,
    val registration: Long,
    val request: Long,
)

/** One EVENT as a subscriber's handler sees it. [topic] is the subscribed topic. */
public data class WampEvent(
    val topic: String,
    val args: WampList,
    val kwargs: WampDict,
    val details: WampDict,
    val subscription: Long,
    val publication: Long,
)

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
