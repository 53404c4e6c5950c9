package io.wampkit.session.internal

import io.wampkit.value.WampDict

/**
 * The dealer features the router announced in WELCOME, checked before a REGISTER or CALL uses one: using
 * a feature the router did not announce fails at once with a clear [UnsupportedOperationException]
 * instead of a silently ignored option.
 */
internal class DealerFeatures(welcome: WampDict) {
    private val features = welcome.dict("roles")?.dict("dealer")?.dict("features") ?: WampDict.EMPTY

    fun has(feature: String): Boolean = features.boolean(feature) == true

    fun checkRegister(procedure: String, options: WampDict) {
        val match = options.string("match")
        if (match != null && match != "exact") require("pattern_based_registration", "match '$match'", procedure)
        val invoke = options.string("invoke")
        if (invoke != null && invoke != "single") require("shared_registration", "invoke '$invoke'", procedure)
    }

    fun checkCall(procedure: String, options: WampDict) {
        val timeout = options.long("timeout") ?: 0
        if (timeout > 0) require("call_timeout", "timeout $timeout ms", procedure)
    }

    private fun require(feature: String, option: String, procedure: String) {
        if (!has(feature)) {
            throw UnsupportedOperationException(
                "$procedure: the router did not announce the dealer feature '$feature', needed for $option",
            )
        }
    }
}
