package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.message.Event
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.session.TopicMatch
import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampString
import io.wampkit.value.WampValue
import io.wampkit.value.wampListOf
import org.slf4j.LoggerFactory
import java.time.Instant

/** One EVENT and the sessions it goes to (one batch per matching subscription). */
internal class EventBatch(val event: Event, val targets: List<RouterSession>)

/** What a PUBLISH yields: the EVENTs to send, and the acknowledgement (or error) if one was asked for. */
internal class Publication(val batches: List<EventBatch>, val ack: Delivery?)

/**
 * The broker of one realm: exact, prefix and wildcard subscriptions; publisher exclusion and disclosure;
 * subscriber black/whitelisting; retained events; the `wamp.session.on_join/on_leave` and
 * `wamp.subscription.on_*` meta events. Not thread-safe: the realm calls it under its lock, and sends what
 * it returns after releasing it.
 */
internal class Broker(private val ids: RouterIds, maxRetainedTopics: Int = DEFAULT_MAX_RETAINED_TOPICS) {
    private val index = SubscriptionIndex()
    private val retained = RetainedEvents(maxRetainedTopics)

    /** Read-only queries for the `wamp.subscription.*` meta procedures. */
    val meta: BrokerMeta = BrokerMeta(index)

    /** Number of topics holding a retained event. */
    val retainedTopicCount: Int get() = retained.topicCount

    fun subscribe(session: RouterSession, msg: Subscribe): List<Delivery> {
        val rawMatch = msg.options["match"]
        val match = TopicMatch.fromWire((rawMatch as? WampString)?.value).takeIf { rawMatch == null || rawMatch is WampString }
            ?: return listOf(session.error(msg.code, msg.request, WampErrors.INVALID_ARGUMENT, "unknown match policy $rawMatch"))
        if (match != TopicMatch.EXACT && !session.features.pubSub.patternSubscriptions) {
            val text = "match '${match.wire}' needs the subscriber feature pattern_based_subscription, which HELLO did not announce"
            return listOf(session.error(msg.code, msg.request, WampErrors.INVALID_ARGUMENT, text))
        }
        if (!match.isValid(msg.topic)) {
            return listOf(session.error(msg.code, msg.request, WampErrors.INVALID_URI, "'${msg.topic}' is not a valid ${match.wire} topic URI"))
        }
        val existing = index.find(msg.topic, match)
        val topic = existing ?: index.add(Topic(ids.newRouterScoped(), msg.topic, match, Instant.now()))
        val added = topic.subscribers.add(session)
        session.subscriptions[topic.id] = topic
        val out = ArrayList<Delivery>(2)
        out += Delivery(session, Subscribed(msg.request, topic.id))
        if (msg.options.boolean("get_retained") == true) retainedEvents(topic, session, out)
        if (existing == null) metaEventInto(out, ON_CREATE, session) { wampListOf(session.id, BrokerMeta.details(topic)) }
        if (added) metaEventInto(out, ON_SUBSCRIBE, session) { wampListOf(session.id, topic.id) }
        return out
    }

    fun unsubscribe(session: RouterSession, msg: Unsubscribe): List<Delivery> {
        val topic = session.subscriptions.remove(msg.subscription)
            ?: return listOf(session.error(msg.code, msg.request, WampErrors.NO_SUCH_SUBSCRIPTION, "no subscription ${msg.subscription}"))
        val out = ArrayList<Delivery>(1)
        out += Delivery(session, Unsubscribed(msg.request))
        drop(topic, session, out)
        return out
    }

    fun publish(session: RouterSession, msg: Publish): Publication {
        val acknowledge = msg.options.boolean("acknowledge") == true
        fun refuse(uri: String, text: String): Publication {
            if (!acknowledge && uri == WampErrors.INVALID_ARGUMENT) {
                log.info("session {}: dropped a publication to '{}': {}", session.id, msg.topic, text)
            }
            return Publication(emptyList(), session.error(msg.code, msg.request, uri, text).takeIf { acknowledge })
        }
        if (msg.topic.startsWith(RESERVED_PREFIX)) return refuse(WampErrors.INVALID_URI, "topics under 'wamp.' are reserved")
        val filter = try {
            PublishFilter.of(msg.options)
        } catch (e: IllegalArgumentException) {
            return refuse(WampErrors.INVALID_ARGUMENT, e.message ?: "invalid black/whitelisting option")
        }
        if (filter.isRestricted && !session.features.pubSub.blackWhiteListing) {
            return refuse(WampErrors.INVALID_ARGUMENT, "eligible/exclude options need the publisher feature subscriber_blackwhite_listing, which HELLO did not announce")
        }
        val publication = ids.newPublication()
        val ack = if (acknowledge) Delivery(session, Published(msg.request, publication)) else null
        val base = if (msg.options.boolean("disclose_me") == true) publisherDetails(session) else WampDict.EMPTY
        if (msg.options.boolean("retain") == true) {
            retained.retain(msg.topic, RetainedEvent(publication, base, msg.args, msg.kwargs, filter))
        }
        val excludeMe = msg.options.boolean("exclude_me") != false
        var batches: ArrayList<EventBatch>? = null
        var patternDetails: WampDict? = null
        index.forEachMatch(msg.topic) { topic ->
            val targets = topic.subscribers.filter { (!excludeMe || it !== session) && filter.admits(it) }
            if (targets.isNotEmpty()) {
                val details = if (topic.match == TopicMatch.EXACT) {
                    base
                } else {
                    patternDetails ?: withTopic(base, msg.topic).also { patternDetails = it }
                }
                val list = batches ?: ArrayList<EventBatch>(1).also { batches = it }
                list += EventBatch(Event(topic.id, publication, details, msg.args, msg.kwargs), targets)
            }
        }
        return Publication(batches ?: emptyList(), ack)
    }

    /** A session joined the realm: `wamp.session.on_join` with its details. */
    fun sessionJoined(session: RouterSession): List<Delivery> {
        val out = ArrayList<Delivery>(0)
        metaEventInto(out, ON_JOIN, session) { wampListOf(BrokerMeta.sessionDetails(session)) }
        return out
    }

    /** Drops [session]'s subscriptions (`wamp.subscription.on_unsubscribe/on_delete`), then `wamp.session.on_leave`. */
    fun detach(session: RouterSession): List<Delivery> {
        val out = ArrayList<Delivery>(0)
        for (topic in session.subscriptions.values) drop(topic, session, out)
        session.subscriptions.clear()
        val identity = session.identity
        metaEventInto(out, ON_LEAVE, session) { wampListOf(session.id, identity.authId, identity.authRole) }
        return out
    }

    /**
     * Publishes a router event to [topic] (a `wamp.*` meta topic): one EVENT to every subscriber of every
     * matching subscription except [exclude], with `Details.topic` for pattern subscriptions. Returns the
     * deliveries, to be sent after the realm's lock is released; nothing when nobody listens.
     */
    fun metaEvent(topic: String, args: WampList, kwargs: WampDict = WampDict.EMPTY, exclude: RouterSession? = null): List<Delivery> {
        val out = ArrayList<Delivery>(0)
        metaEventInto(out, topic, exclude, kwargs) { args }
        return out
    }

    private inline fun metaEventInto(
        out: MutableList<Delivery>,
        topic: String,
        exclude: RouterSession?,
        kwargs: WampDict = WampDict.EMPTY,
        args: () -> WampList,
    ) {
        if (!index.anyMatch(topic)) return
        val payload = args()
        val publication = ids.newPublication()
        index.forEachMatch(topic) { t ->
            val details = if (t.match == TopicMatch.EXACT) WampDict.EMPTY else withTopic(WampDict.EMPTY, topic)
            val event = Event(t.id, publication, details, payload, kwargs)
            for (s in t.subscribers) if (s !== exclude) out += Delivery(s, event)
        }
    }

    /** The retained events a new subscriber asked for: exact one topic, patterns every matching topic. */
    private fun retainedEvents(topic: Topic, session: RouterSession, out: MutableList<Delivery>) {
        if (topic.match == TopicMatch.EXACT) {
            val event = retained.latestFor(topic.uri, session) ?: return
            out += Delivery(session, Event(topic.id, event.publication, retainedDetails(event.publisherDetails, null), event.args, event.kwargs))
            return
        }
        retained.forEachMatching(session, topic::matches) { uri, event ->
            out += Delivery(session, Event(topic.id, event.publication, retainedDetails(event.publisherDetails, uri), event.args, event.kwargs))
        }
    }

    private fun drop(topic: Topic, session: RouterSession, out: MutableList<Delivery>) {
        if (!topic.subscribers.remove(session)) return
        metaEventInto(out, ON_UNSUBSCRIBE, session) { wampListOf(session.id, topic.id) }
        if (topic.subscribers.isEmpty()) {
            index.remove(topic)
            metaEventInto(out, ON_DELETE, session) { wampListOf(session.id, topic.id) }
        }
    }

    private fun publisherDetails(publisher: RouterSession) = WampDict(
        mapOf(
            "publisher" to WampInt(publisher.id),
            "publisher_authid" to WampString(publisher.identity.authId),
            "publisher_authrole" to WampString(publisher.identity.authRole),
        ),
    )

    private fun withTopic(base: WampDict, topic: String) = WampDict(base.map + ("topic" to WampString(topic)))

    private fun retainedDetails(base: WampDict, topic: String?): WampDict {
        val map = HashMap<String, WampValue>(base.map)
        map["retained"] = WampBool(true)
        if (topic != null) map["topic"] = WampString(topic)
        return WampDict(map)
    }

    companion object {
        const val DEFAULT_MAX_RETAINED_TOPICS: Int = 10_000
        const val ON_JOIN: String = "wamp.session.on_join"
        const val ON_LEAVE: String = "wamp.session.on_leave"
        const val ON_CREATE: String = "wamp.subscription.on_create"
        const val ON_SUBSCRIBE: String = "wamp.subscription.on_subscribe"
        const val ON_UNSUBSCRIBE: String = "wamp.subscription.on_unsubscribe"
        const val ON_DELETE: String = "wamp.subscription.on_delete"
        private const val RESERVED_PREFIX = "wamp."
        private val log = LoggerFactory.getLogger(Broker::class.java)
    }
}
