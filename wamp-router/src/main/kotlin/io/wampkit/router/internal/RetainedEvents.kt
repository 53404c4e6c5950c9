package io.wampkit.router.internal

import io.wampkit.value.WampDict
import io.wampkit.value.WampList

/** A retained publication: what its EVENTs carry, and who may receive it. */
internal class RetainedEvent(
    val publication: Long,
    val publisherDetails: WampDict,
    val args: WampList,
    val kwargs: WampDict,
    val filter: PublishFilter,
)

/**
 * Retained events of one realm (`PUBLISH.Options.retain`). Per topic it keeps the latest unrestricted
 * publication and the restricted (black/whitelisted) ones published after it, at most [PER_TOPIC]; a new
 * unrestricted one replaces them all. At most [maxTopics] topics are kept: retaining on one more evicts the
 * topic retained (or read) least recently. Not thread-safe: used under the realm's lock.
 */
internal class RetainedEvents(private val maxTopics: Int) {
    private val byTopic = object : LinkedHashMap<String, ArrayDeque<RetainedEvent>>(16, 0.75f, true) {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, ArrayDeque<RetainedEvent>>): Boolean =
            size > maxTopics
    }

    val topicCount: Int get() = byTopic.size

    fun retain(topic: String, event: RetainedEvent) {
        if (maxTopics == 0) return
        val events = byTopic.getOrPut(topic) { ArrayDeque(1) }
        if (!event.filter.isRestricted) events.clear()
        events.addLast(event)
        if (events.size > PER_TOPIC) events.removeFirst()
    }

    /** The most recent retained event of [topic] that [session] may receive. */
    fun latestFor(topic: String, session: RouterSession): RetainedEvent? =
        byTopic[topic]?.lastOrNull { it.filter.admits(session) }

    /** For a pattern subscription: the most recent event [session] may receive of every retained topic [matches] accepts. */
    inline fun forEachMatching(session: RouterSession, matches: (String) -> Boolean, action: (String, RetainedEvent) -> Unit) {
        for ((topic, events) in entries()) {
            if (!matches(topic)) continue
            events.lastOrNull { it.filter.admits(session) }?.let { action(topic, it) }
        }
    }

    fun entries(): Set<Map.Entry<String, ArrayDeque<RetainedEvent>>> = byTopic.entries

    private companion object {
        const val PER_TOPIC = 8
    }
}
