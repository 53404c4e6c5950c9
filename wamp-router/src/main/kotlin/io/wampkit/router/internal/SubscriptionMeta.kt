package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.value.wampListOf

/**
 * The subscription meta procedures of the spec's Subscription Meta API over the broker's read-only
 * [queries] (read under the realm's lock): list, lookup, match, get, list_subscribers, count_subscribers.
 */
internal fun MetaProcedures.addSubscriptionMeta(queries: BrokerMeta) {
    fun missing(id: Long): Nothing =
        throw WampException(WampErrors.NO_SUCH_SUBSCRIPTION, wampListOf("no subscription $id"))
    add("wamp.subscription.list") { queries.list() }
    add("wamp.subscription.lookup") { call -> queries.lookup(call.string(0, "topic"), call.optionalDict(1, "options")) }
    add("wamp.subscription.match") { call -> queries.match(call.string(0, "topic")) }
    add("wamp.subscription.get") { call -> call.id(0, "subscription").let { queries.get(it) ?: missing(it) } }
    add("wamp.subscription.list_subscribers") { call ->
        call.id(0, "subscription").let { queries.listSubscribers(it) ?: missing(it) }
    }
    add("wamp.subscription.count_subscribers") { call ->
        call.id(0, "subscription").let { queries.countSubscribers(it) ?: missing(it) }
    }
}
