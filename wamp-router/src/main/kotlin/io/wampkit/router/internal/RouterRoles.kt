package io.wampkit.router.internal

import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf

/** What WELCOME announces: broker and dealer with only the features this router implements. */
internal object RouterRoles {
    const val AGENT: String = "WampKit-router/0.1.0"

    /** Broker features; `session_meta_api` covers the meta events here, the procedures live with the dealer. */
    private val brokerFeatures = mapOf(
        "publisher_exclusion" to true,
        "publisher_identification" to true,
        "pattern_based_subscription" to true,
        "subscriber_blackwhite_listing" to true,
        "event_retention" to true,
        "session_meta_api" to true,
        "subscription_meta_api" to true,
    )

    private val roles = mapOf(
        "broker" to mapOf("features" to brokerFeatures),
        "dealer" to mapOf(
            "features" to mapOf(
                "progressive_call_results" to true,
                "call_canceling" to true,
                "caller_identification" to true,
                "pattern_based_registration" to true,
                "shared_registration" to true,
                "call_timeout" to true,
                "session_meta_api" to true,
                "registration_meta_api" to true,
            ),
        ),
    )

    fun welcomeDetails(identity: SessionIdentity): WampDict =
        WampDict(wampDictOf("agent" to AGENT, "roles" to roles) + identity.welcomeDetails())
}
