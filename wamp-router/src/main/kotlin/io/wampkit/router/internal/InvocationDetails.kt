package io.wampkit.router.internal

import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.wampkit.value.WampValue

/** INVOCATION.Details as the dealer builds them. */
internal object InvocationDetails {
    private val RECEIVE_PROGRESS = WampDict(mapOf("receive_progress" to WampBool(true)))

    /**
     * `receive_progress` when asked for, the caller's identity when it disclosed itself, the called URI
     * (`procedure`) for a pattern-based registration, and the call's `timeout` (as Crossbar.io passes it on).
     * The common case (none of these) allocates nothing.
     */
    fun of(caller: RouterSession, progressive: Boolean, disclose: Boolean, procedure: String?, timeout: Long): WampDict {
        if (!disclose && procedure == null && timeout <= 0) return if (progressive) RECEIVE_PROGRESS else WampDict.EMPTY
        val map = LinkedHashMap<String, WampValue>(8)
        if (progressive) map["receive_progress"] = WampBool(true)
        if (disclose) {
            map["caller"] = WampInt(caller.id)
            map["caller_authid"] = WampString(caller.identity.authId)
            map["caller_authrole"] = WampString(caller.identity.authRole)
        }
        if (procedure != null) map["procedure"] = WampString(procedure)
        if (timeout > 0) map["timeout"] = WampInt(timeout)
        return WampDict(map)
    }
}
