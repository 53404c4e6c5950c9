@file:Suppress("UNCHECKED_CAST")

package io.wampkit.dsl

import io.wampkit.dsl.internal.DefaultEventScope
import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.Subscription
import io.wampkit.session.WampEvent
import kotlinx.serialization.KSerializer
import kotlinx.serialization.serializer

/** Subscribes to [topic] with an untyped handler that sees the whole event. */
public suspend fun ComponentSession.subscribeEvents(
    topic: String,
    handler: suspend (WampEvent) -> Unit,
): Subscription = session.subscribe(topic) { handler(it) }

/**
 * Subscribes a typed one-argument handler: `subscribe("com.myapp.oncounter") { n: Int -> ... }`.
 * An event whose arguments do not fit is logged and skipped. The handler runs with an [EventScope] receiver
 * (`event`, `session`, `publisher`).
 */
public suspend inline fun <reified A> ComponentSession.subscribe(
    topic: String,
    noinline handler: suspend EventScope.(A) -> Unit,
): Subscription = subscribeTyped(topic, arrayOf(serializer<A>())) { handler(it[0] as A) }

/** Subscribes a typed two-argument handler. */
public suspend inline fun <reified A, reified B> ComponentSession.subscribe(
    topic: String,
    noinline handler: suspend EventScope.(A, B) -> Unit,
): Subscription = subscribeTyped(topic, arrayOf(serializer<A>(), serializer<B>())) { handler(it[0] as A, it[1] as B) }

/** Subscribes a typed three-argument handler. */
public suspend inline fun <reified A, reified B, reified C> ComponentSession.subscribe(
    topic: String,
    noinline handler: suspend EventScope.(A, B, C) -> Unit,
): Subscription = subscribeTyped(topic, arrayOf(serializer<A>(), serializer<B>(), serializer<C>())) {
    handler(it[0] as A, it[1] as B, it[2] as C)
}

@PublishedApi
internal suspend fun ComponentSession.subscribeTyped(
    topic: String,
    params: Array<KSerializer<*>>,
    body: suspend EventScope.(Array<Any?>) -> Unit,
): Subscription = session.subscribe(topic) { event ->
    val decoded = try {
        Payloads.decodeArgs(topic, event.args, params, event.kwargs)
    } catch (e: io.wampkit.WampException) {
        log.warn("skipping event {} on {}: {}", event.publication, topic, e.message)
        return@subscribe
    }
    DefaultEventScope(event, session).body(decoded)
}
