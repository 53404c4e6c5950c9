package io.wampkit.session.internal

import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf

/** What HELLO announces: the four client roles, with only the features this client implements. */
internal object ClientRoles {
    const val AGENT: String = "WampKit/0.1.0"

    val helloDetails: WampDict = wampDictOf(
        "agent" to AGENT,
        "roles" to mapOf(
            "caller" to mapOf(
                "features" to mapOf(
                    "progressive_call_results" to true,
                    "call_canceling" to true,
                    "call_timeout" to true,
                    "caller_identification" to true,
                ),
            ),
            "callee" to mapOf(
                "features" to mapOf(
                    "progressive_call_results" to true,
                    "call_canceling" to true,
                    "caller_identification" to true,
                    "pattern_based_registration" to true,
                    "shared_registration" to true,
                ),
            ),
            "publisher" to mapOf(
                "features" to mapOf(
                    "publisher_exclusion" to true,
                    "publisher_identification" to true,
                    "subscriber_blackwhite_listing" to true,
                ),
            ),
            "subscriber" to mapOf(
                "features" to mapOf(
                    "pattern_based_subscription" to true,
                    "publisher_identification" to true,
                    "event_retention" to true,
                ),
            ),
        ),
    )
}
