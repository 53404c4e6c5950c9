package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.message.Event
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampString

internal class Topic(val id: Long, val uri: String) {
    val subscribers = LinkedHashSet<RouterSession>()
}

/** What a PUBLISH yields: one [event] for every target, and the acknowledgement if one was asked for. */
internal class Publication(val targets: Array<RouterSession>, val event: Event?, val ack: Delivery?)

/**
 * The broker of one realm: exact-match subscriptions, one subscription id per topic. Not thread-safe: the
 * realm calls it under its lock.
 */
internal class Broker(private val ids: RouterIds) {
    private val byUri = HashMap<String, Topic>()

    fun subscribe(session: RouterSession, msg: Subscribe): Delivery {
        session.rejectUnlessExact(msg.code, msg.request, msg.options, msg.topic)?.let { return it }
        val topic = byUri.getOrPut(msg.topic) { Topic(ids.newRouterScoped(), msg.topic) }
        topic.subscribers += session
        session.subscriptions[topic.id] = topic
        return Delivery(session, Subscribed(msg.request, topic.id))
    }

    fun unsubscribe(session: RouterSession, msg: Unsubscribe): Delivery {
        val topic = session.subscriptions.remove(msg.subscription)
            ?: return session.error(msg.code, msg.request, WampErrors.NO_SUCH_SUBSCRIPTION, "no subscription ${msg.subscription}")
        drop(topic, session)
        return Delivery(session, Unsubscribed(msg.request))
    }

    fun publish(session: RouterSession, msg: Publish): Publication {
        val acknowledge = msg.options.boolean("acknowledge") == true
        if (msg.topic.startsWith(RESERVED_PREFIX)) {
            val error = session.error(msg.code, msg.request, WampErrors.INVALID_URI, "topics under 'wamp.' are reserved")
            return Publication(NONE, null, error.takeIf { acknowledge })
        }
        val publication = ids.newPublication()
        val ack = if (acknowledge) Delivery(session, Published(msg.request, publication)) else null
        val topic = byUri[msg.topic] ?: return Publication(NONE, null, ack)
        val excludeMe = msg.options.boolean("exclude_me") != false
        val targets = if (excludeMe) topic.subscribers.filter { it !== session }.toTypedArray() else topic.subscribers.toTypedArray()
        val details = if (msg.options.boolean("disclose_me") == true) publisherDetails(session) else WampDict.EMPTY
        return Publication(targets, Event(topic.id, publication, details, msg.args, msg.kwargs), ack)
    }

    private fun publisherDetails(publisher: RouterSession) = WampDict(
        mapOf(
            "publisher" to WampInt(publisher.id),
            "publisher_authid" to WampString(publisher.identity.authId),
            "publisher_authrole" to WampString(publisher.identity.authRole),
        ),
    )

    fun detach(session: RouterSession) {
        for (topic in session.subscriptions.values) drop(topic, session)
        session.subscriptions.clear()
    }

    private fun drop(topic: Topic, session: RouterSession) {
        topic.subscribers -= session
        if (topic.subscribers.isEmpty()) byUri.remove(topic.uri)
    }

    private companion object {
        const val RESERVED_PREFIX = "wamp."
        val NONE = emptyArray<RouterSession>()
    }
}
