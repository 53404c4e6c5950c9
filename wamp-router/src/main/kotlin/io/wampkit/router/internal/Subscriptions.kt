package io.wampkit.router.internal

import io.wampkit.message.WampUris
import io.wampkit.session.TopicMatch
import java.time.Instant

/** One subscription of the realm: a topic URI or pattern with its match policy and its subscribers. */
internal class Topic(val id: Long, val uri: String, val match: TopicMatch, val created: Instant) {
    val subscribers = LinkedHashSet<RouterSession>()

    /** True when an event published to [topic] is dispatched on this subscription. */
    fun matches(topic: String): Boolean = when (match) {
        TopicMatch.EXACT -> topic == uri
        TopicMatch.PREFIX -> WampUris.matchesPrefix(uri, topic)
        TopicMatch.WILDCARD -> WampUris.matchesWildcard(uri, topic)
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

    fun find(uri: String, match: TopicMatch): Topic? = policy(match)[uri]

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

    fun all(match: TopicMatch): Collection<Topic> = policy(match).values

    /** Calls [action] for every subscription an event on [topic] is dispatched on: exact first, then patterns. */
    inline fun forEachMatch(topic: String, action: (Topic) -> Unit) {
        exactFor(topic)?.let(action)
        if (hasPatterns()) {
            for (t in patterns(TopicMatch.PREFIX)) if (WampUris.matchesPrefix(t.uri, topic)) action(t)
            for (t in patterns(TopicMatch.WILDCARD)) if (WampUris.matchesWildcard(t.uri, topic)) action(t)
        }
    }

    /** True when at least one subscription matches [topic]. */
    fun anyMatch(topic: String): Boolean {
        forEachMatch(topic) { return true }
        return false
    }

    fun exactFor(topic: String): Topic? = exact[topic]

    fun hasPatterns(): Boolean = prefix.isNotEmpty() || wildcard.isNotEmpty()

    fun patterns(match: TopicMatch): Collection<Topic> = policy(match).values

    private fun policy(match: TopicMatch): HashMap<String, Topic> = when (match) {
        TopicMatch.EXACT -> exact
        TopicMatch.PREFIX -> prefix
        TopicMatch.WILDCARD -> wildcard
    }
}
