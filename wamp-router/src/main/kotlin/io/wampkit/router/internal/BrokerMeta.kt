package io.wampkit.router.internal

import io.wampkit.session.TopicMatch
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue

/**
 * Read-only queries behind the `wamp.subscription.*` meta procedures, returning values ready to be sent as
 * the first positional result. A null result means `wamp.error.no_such_subscription`. Not thread-safe: call
 * under the realm's lock, like the broker.
 */
internal class BrokerMeta(private val index: SubscriptionIndex) {
    /** `wamp.subscription.list`: `{exact: [ids], prefix: [ids], wildcard: [ids]}`. */
    fun list(): WampDict = WampDict(TopicMatch.entries.associate { m -> m.wire to ids(index.all(m)) })

    /**
     * `wamp.subscription.lookup`: the id of the subscription on exactly [topic] under the match policy of
     * [options] (`match`, default exact), or null (WampNull) when there is none or the policy is unknown.
     */
    fun lookup(topic: String, options: WampDict = WampDict.EMPTY): WampValue {
        val match = TopicMatch.fromWire(options.string("match")) ?: return WampNull
        return index.find(topic, match)?.let { WampInt(it.id) } ?: WampNull
    }

    /** `wamp.subscription.match`: the ids of every subscription an event on [topic] is dispatched on, or WampNull. */
    fun match(topic: String): WampValue {
        val found = ArrayList<WampValue>()
        index.forEachMatch(topic) { found += WampInt(it.id) }
        return if (found.isEmpty()) WampNull else WampList(found)
    }

    /** `wamp.subscription.get`: `{id, created, uri, match}`, or null when there is no such subscription. */
    fun get(id: Long): WampDict? = index.byId(id)?.let { details(it) }

    /** `wamp.subscription.list_subscribers`: the subscribers' session ids, or null when there is no such subscription. */
    fun listSubscribers(id: Long): WampList? = index.byId(id)?.let { t -> WampList(t.subscribers.map { WampInt(it.id) }) }

    /** `wamp.subscription.count_subscribers`: the number of subscribers, or null when there is no such subscription. */
    fun countSubscribers(id: Long): WampInt? = index.byId(id)?.let { WampInt(it.subscribers.size.toLong()) }

    companion object {
        /** `SubscriptionDetails`: `{id, created (ISO-8601), uri, match}`. */
        fun details(topic: Topic): WampDict = WampDict(
            mapOf(
                "id" to WampInt(topic.id),
                "created" to WampString(topic.created.toString()),
                "uri" to WampString(topic.uri),
                "match" to WampString(topic.match.wire),
            ),
        )

        /** The `wamp.session.on_join` details of [session]: session, authid, authrole, authmethod, authprovider. */
        fun sessionDetails(session: RouterSession): WampDict {
            val identity = session.identity
            return WampDict(
                mapOf(
                    "session" to WampInt(session.id),
                    "authid" to WampString(identity.authId),
                    "authrole" to WampString(identity.authRole),
                    "authmethod" to WampString(identity.authMethod),
                    "authprovider" to WampString(identity.authProvider),
                ),
            )
        }

        private fun ids(topics: Collection<Topic>): WampList = WampList(topics.map { WampInt(it.id) })
    }
}
