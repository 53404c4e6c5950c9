@file:Suppress("UNCHECKED_CAST")

package io.wampkit.dsl

import io.wampkit.dsl.internal.DefaultEventScope
import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.Subscription
import io.wampkit.session.WampEvent
import io.wampkit.value.WampDict
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.serialization.KSerializer
import kotlinx.serialization.serializer

/**
 * Subscribes to [topic] with an untyped handler that sees the whole event ([WampEvent.topic] is the actual
 * topic for pattern subscriptions). [options]: see [io.wampkit.session.subscribeOptions].
 */
public suspend fun ComponentSession.subscribeEvents(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    handler: suspend (WampEvent) -> Unit,
): Subscription = session.subscribe(topic, options) { handler(it) }

/**
 * Subscribes a typed one-argument handler: `subscribe("com.myapp.oncounter") { n: Int -> ... }`.
 * An event whose arguments do not fit is logged and skipped. The handler runs with an [EventScope] receiver
 * (`event`, `session`, `publisher`). [options]: see [io.wampkit.session.subscribeOptions].
 */
public suspend inline fun <reified A> ComponentSession.subscribe(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend EventScope.(A) -> Unit,
): Subscription = subscribeTyped(topic, arrayOf(serializer<A>()), options) { handler(it[0] as A) }

/** Subscribes a typed two-argument handler. */
public suspend inline fun <reified A, reified B> ComponentSession.subscribe(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend EventScope.(A, B) -> Unit,
): Subscription = subscribeTyped(topic, arrayOf(serializer<A>(), serializer<B>()), options) { handler(it[0] as A, it[1] as B) }

/** Subscribes a typed three-argument handler. */
public suspend inline fun <reified A, reified B, reified C> ComponentSession.subscribe(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend EventScope.(A, B, C) -> Unit,
): Subscription = subscribeTyped(topic, arrayOf(serializer<A>(), serializer<B>(), serializer<C>()), options) {
    handler(it[0] as A, it[1] as B, it[2] as C)
}

/**
 * [topic]'s events as a cold flow of their first positional argument decoded as [T]: collecting subscribes,
 * ending the collection unsubscribes (see [io.wampkit.session.WampSession.events]). An event whose argument
 * does not fit is logged and skipped. [options]: see [io.wampkit.session.subscribeOptions].
 */
public inline fun <reified T> ComponentSession.events(topic: String, options: WampDict = WampDict.EMPTY): Flow<T> =
    typedEvents(topic, serializer<T>(), options)

@PublishedApi
internal fun <T> ComponentSession.typedEvents(topic: String, param: KSerializer<T>, options: WampDict): Flow<T> {
    val params = arrayOf<KSerializer<*>>(param)
    return session.events(topic, options).mapNotNull { event ->
        try {
            Payloads.decodeArgs(event.topic, event.args, params, event.kwargs)[0] as T
        } catch (e: io.wampkit.WampException) {
            log.warn("skipping event {} on {}: {}", event.publication, event.topic, e.message)
            null
        }
    }
}

@PublishedApi
internal suspend fun ComponentSession.subscribeTyped(
    topic: String,
    params: Array<KSerializer<*>>,
    options: WampDict = WampDict.EMPTY,
    body: suspend EventScope.(Array<Any?>) -> Unit,
): Subscription = session.subscribe(topic, options) { event ->
    val decoded = try {
        Payloads.decodeArgs(event.topic, event.args, params, event.kwargs)
    } catch (e: io.wampkit.WampException) {
        log.warn("skipping event {} on {}: {}", event.publication, event.topic, e.message)
        return@subscribe
    }
    DefaultEventScope(event, session).body(decoded)
}
