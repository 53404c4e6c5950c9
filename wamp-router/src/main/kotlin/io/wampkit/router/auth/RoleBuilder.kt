package io.wampkit.router.auth

import io.wampkit.router.WampRouterDsl
import io.wampkit.router.auth.internal.Permission

/** The permissions of one role; see [WampRealmBuilder.role]. */
@WampRouterDsl
public class RoleBuilder internal constructor() {
    internal val permissions = ArrayList<Permission>()

    /**
     * Grants the listed actions on URIs matching [uri] by [match]. When several patterns match a URI the most
     * specific one decides (exact, then the longest prefix, then the most concrete wildcard).
     */
    public fun permit(
        uri: String,
        match: UriMatch = UriMatch.EXACT,
        call: Boolean = false,
        register: Boolean = false,
        publish: Boolean = false,
        subscribe: Boolean = false,
    ) {
        require(match == UriMatch.PREFIX || uri.isNotEmpty()) { "only a PREFIX pattern may be empty" }
        val actions = buildSet {
            if (call) add(WampAction.CALL)
            if (register) add(WampAction.REGISTER)
            if (publish) add(WampAction.PUBLISH)
            if (subscribe) add(WampAction.SUBSCRIBE)
        }
        permissions += Permission(uri, match, actions)
    }

    /** Grants every action on every URI. */
    public fun permitAll() {
        permit("", UriMatch.PREFIX, call = true, register = true, publish = true, subscribe = true)
    }
}
