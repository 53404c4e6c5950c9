package io.wampkit.session.internal

import io.wampkit.value.WampDict

/**
 * The broker features the router announced in WELCOME; a SUBSCRIBE or PUBLISH asking for one it did not
 * announce is refused before it is sent, with [UnsupportedOperationException].
 */
internal class BrokerFeatures(welcomeDetails: WampDict) {
    private val features = welcomeDetails.dict("roles")?.dict("broker")?.dict("features") ?: WampDict.EMPTY

    fun has(feature: String): Boolean = features.boolean(feature) == true

    fun checkSubscribe(options: WampDict) {
        if (options.isEmpty()) return
        val match = options.string("match")
        if (match != null && match != "exact") require("pattern_based_subscription", "match '$match'")
        if (options.boolean("get_retained") == true) require("event_retention", "get_retained")
    }

    fun checkPublish(options: WampDict) {
        if (options.isEmpty()) return
        FILTER_KEYS.firstOrNull { it in options }?.let { require("subscriber_blackwhite_listing", it) }
        if (options.boolean("retain") == true) require("event_retention", "retain")
    }

    private fun require(feature: String, what: String) {
        if (!has(feature)) {
            throw UnsupportedOperationException(
                "$what needs the broker feature '$feature', which the router did not announce in WELCOME",
            )
        }
    }

    private companion object {
        val FILTER_KEYS = listOf("exclude", "exclude_authid", "exclude_authrole", "eligible", "eligible_authid", "eligible_authrole")
    }
}
