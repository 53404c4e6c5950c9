package io.wampkit.router.internal

import io.wampkit.message.WampUris
import java.time.Instant

/** A subscription's match policy (`SUBSCRIBE.Options.match`), with the URI rule of its pattern. */
internal enum class SubscriptionMatch(val wire: String) {
    EXACT("exact"),
    PREFIX("prefix"),
    WILDCARD("wildcard"),
    ;

    /** True when [uri] is a valid pattern for this policy (prefix: the last component may be empty). */
    fun isValid(uri: String): Boolean = when (this) {
        EXACT -> WampUris.isValidUri(uri)
        PREFIX -> WampUris.isValidUri(uri) || (uri.length > 1 && uri.endsWith('.') && WampUris.isValidUri(uri.dropLast(1)))
        WILDCARD -> WampUris.isValidUri(uri, allowEmptyComponents = true)
    }

    companion object {
        /** The policy named [wire] (null means exact), or null when it is unknown. */
        fun of(wire: String?): SubscriptionMatch? = if (wire == null) EXACT else entries.firstOrNull { it.wire == wire }
    }
}

/** One subscription of the realm: a topic URI or pattern with its match policy and its subscribers. */
internal class Topic(val id: Long, val uri: String, val match: SubscriptionMatch, val created: Instant) {
    val subscribers = LinkedHashSet<RouterSession>()

    /** True when an event published to [topic] is dispatched on this subscription. */
    fun matches(topic: String): Boolean = when (match) {
        SubscriptionMatch.EXACT -> topic == uri
        SubscriptionMatch.PREFIX -> topic.startsWith(uri)
        SubscriptionMatch.WILDCARD -> wildcardMatches(uri, topic)
    }
}

/**
 * Component-wise wildcard match without allocation: both have the same number of components and every
 * non-empty component of [pattern] equals the one of [topic].
 */
internal fun wildcardMatches(pattern: String, topic: String): Boolean {
    var p = 0
    var t = 0
    while (true) {
        val pEnd = pattern.indexOf('.', p).let { if (it < 0) pattern.length else it }
        val tEnd = topic.indexOf('.', t).let { if (it < 0) topic.length else it }
        val pLen = pEnd - p
        if (pLen > 0 && (pLen != tEnd - t || !pattern.regionMatches(p, topic, t, pLen))) return false
        val pDone = pEnd == pattern.length
        val tDone = tEnd == topic.length
        if (pDone || tDone) return pDone && tDone
        p = pEnd + 1
        t = tEnd + 1
    }
}

/**
 * The realm's subscriptions by policy. Exact lookups are one hash lookup; prefix and wildcard subscriptions
 * are scanned on every publication (linear in their number, which stays small in practice). Not thread-safe:
 * used under the realm's lock.
 */
internal class SubscriptionIndex {
    private val exact = HashMap<String, Topic>()
    private val prefix = HashMap<String, Topic>()
    private val wildcard = HashMap<String, Topic>()
    private val byId = HashMap<Long, Topic>()

    fun find(uri: String, match: SubscriptionMatch): Topic? = policy(match)[uri]

    fun byId(id: Long): Topic? = byId[id]

    fun add(topic: Topic): Topic {
        policy(topic.match)[topic.uri] = topic
        byId[topic.id] = topic
        return topic
    }

    fun remove(topic: Topic) {
        policy(topic.match).remove(topic.uri)
        byId.remove(topic.id)
    }

    fun all(match: SubscriptionMatch): Collection<Topic> = policy(match).values

    /** Calls [action] for every subscription an event on [topic] is dispatched on: exact first, then patterns. */
    inline fun forEachMatch(topic: String, action: (Topic) -> Unit) {
        exactFor(topic)?.let(action)
        if (hasPatterns()) {
            for (t in patterns(SubscriptionMatch.PREFIX)) if (topic.startsWith(t.uri)) action(t)
            for (t in patterns(SubscriptionMatch.WILDCARD)) if (wildcardMatches(t.uri, topic)) action(t)
        }
    }

    /** True when at least one subscription matches [topic]. */
    fun anyMatch(topic: String): Boolean {
        forEachMatch(topic) { return true }
        return false
    }

    fun exactFor(topic: String): Topic? = exact[topic]

    fun hasPatterns(): Boolean = prefix.isNotEmpty() || wildcard.isNotEmpty()

    fun patterns(match: SubscriptionMatch): Collection<Topic> = policy(match).values

    private fun policy(match: SubscriptionMatch): HashMap<String, Topic> = when (match) {
        SubscriptionMatch.EXACT -> exact
        SubscriptionMatch.PREFIX -> prefix
        SubscriptionMatch.WILDCARD -> wildcard
    }
}
