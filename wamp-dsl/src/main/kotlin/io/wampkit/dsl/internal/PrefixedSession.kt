package io.wampkit.dsl.internal

import io.wampkit.session.CallResult
import io.wampkit.session.CancelMode
import io.wampkit.session.EventHandler
import io.wampkit.session.InvocationHandler
import io.wampkit.session.Registration
import io.wampkit.session.Subscription
import io.wampkit.session.WampEvent
import io.wampkit.session.WampSession
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import kotlinx.coroutines.flow.Flow

/**
 * The URI prefix rule: a URI is absolute when it equals [prefix], starts with `prefix.`, or starts with one of
 * [absolutePrefixes] (by default `wamp.`); any other URI is relative and becomes `prefix.uri`.
 */
internal class UriResolver(private val prefix: String, private val absolutePrefixes: List<String>) {
    private val dotted = "$prefix."

    fun resolve(uri: String): String =
        if (uri == prefix || uri.startsWith(dotted) || absolutePrefixes.any { uri.startsWith(it) }) uri else dotted + uri
}

/** The component's session seen through its URI prefix: call, register, subscribe and publish resolve URIs. */
internal class PrefixedSession(private val delegate: WampSession, private val uris: UriResolver) : WampSession by delegate {
    override suspend fun call(procedure: String, args: WampList, kwargs: WampDict, options: WampDict, cancelMode: CancelMode): CallResult =
        delegate.call(uris.resolve(procedure), args, kwargs, options, cancelMode)

    override fun callProgressive(procedure: String, args: WampList, kwargs: WampDict, options: WampDict, cancelMode: CancelMode): Flow<CallResult> =
        delegate.callProgressive(uris.resolve(procedure), args, kwargs, options, cancelMode)

    override suspend fun register(procedure: String, options: WampDict, handler: InvocationHandler): Registration =
        delegate.register(uris.resolve(procedure), options, handler)

    override suspend fun subscribe(topic: String, options: WampDict, handler: EventHandler): Subscription =
        delegate.subscribe(uris.resolve(topic), options, handler)

    override fun events(topic: String, options: WampDict): Flow<WampEvent> = delegate.events(uris.resolve(topic), options)

    override suspend fun publish(
        topic: String,
        args: WampList,
        kwargs: WampDict,
        acknowledge: Boolean,
        excludeMe: Boolean,
        options: WampDict,
    ): Long? = delegate.publish(uris.resolve(topic), args, kwargs, acknowledge, excludeMe, options)

    override fun toString(): String = "PrefixedSession($delegate)"
}
