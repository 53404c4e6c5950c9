package io.wampkit.router.internal

import io.wampkit.value.WampDict

/** The advanced PubSub features a client announced in HELLO (subscriber and publisher roles). */
internal class PubSubFeatures(val patternSubscriptions: Boolean, val blackWhiteListing: Boolean) {
    companion object {
        val NONE: PubSubFeatures = PubSubFeatures(patternSubscriptions = false, blackWhiteListing = false)

        /** Reads `HELLO.Details.roles`. */
        fun fromRoles(roles: WampDict): PubSubFeatures {
            val subscriber = roles.dict("subscriber")?.dict("features")
            val publisher = roles.dict("publisher")?.dict("features")
            return PubSubFeatures(
                patternSubscriptions = subscriber?.boolean("pattern_based_subscription") == true,
                blackWhiteListing = publisher?.boolean("subscriber_blackwhite_listing") == true,
            )
        }
    }
}
