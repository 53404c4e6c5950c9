package io.wampkit.session

import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf

/** The advanced broker features a WampKit client checks before it sends their options. */
val ADVANCED_BROKER: Map<String, Any> = mapOf(
    "pattern_based_subscription" to true,
    "subscriber_blackwhite_listing" to true,
    "event_retention" to true,
    "publisher_identification" to true,
)

/** WELCOME details announcing [ADVANCED_BROKER] (or [features]). */
fun advancedBrokerWelcome(features: Map<String, Any> = ADVANCED_BROKER): WampDict =
    wampDictOf("authid" to "tester", "roles" to mapOf("broker" to mapOf("features" to features)))
