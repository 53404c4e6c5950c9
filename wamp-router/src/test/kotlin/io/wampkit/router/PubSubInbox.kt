package io.wampkit.router

import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.WampEvent
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampDict
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.withTimeout

/** The events one subscription of a session received, in order. */
class PubSubInbox(val subscription: Long, private val events: Channel<WampEvent>) {
    /** The next event, within 5 s. */
    suspend fun next(): WampEvent = withTimeout(5_000) { events.receive() }

    /** Nothing more has arrived so far (call after a later event proved the earlier ones are through). */
    fun isEmpty(): Boolean = events.tryReceive().isFailure
}

/** Subscribes [topic] with [options]; the returned inbox collects its events. */
suspend fun WampSession.inbox(topic: String, options: WampDict = WampDict.EMPTY): PubSubInbox {
    val events = Channel<WampEvent>(Channel.UNLIMITED)
    val sub = subscribe(topic, options) { events.send(it) }
    return PubSubInbox(sub.id, events)
}

/** A WampKit session over WebSocket to [server]'s realm1. */
suspend fun joinOver(server: WampRouterServer): WampSession = webSocketConnector(server.url, jsonSerializer()).join("realm1")
