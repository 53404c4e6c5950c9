package io.wampkit.router.internal

import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf

/**
 * Who a router session is, as authentication established it: what WELCOME announces, what caller and
 * publisher disclosure reveal, and what authorization and black/whitelisting match on.
 */
internal data class SessionIdentity(
    val authId: String,
    val authRole: String,
    val authMethod: String = ANONYMOUS,
    val authProvider: String = "static",
    val authExtra: WampDict = WampDict.EMPTY,
) {
    /** The auth keys of WELCOME.Details. */
    fun welcomeDetails(): WampDict = wampDictOf(
        "authid" to authId,
        "authrole" to authRole,
        "authmethod" to authMethod,
        "authprovider" to authProvider,
    )

    companion object {
        const val ANONYMOUS: String = "anonymous"
        val anonymous: SessionIdentity = SessionIdentity(ANONYMOUS, ANONYMOUS)
    }
}
