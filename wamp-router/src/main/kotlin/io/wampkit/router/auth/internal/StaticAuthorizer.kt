package io.wampkit.router.auth.internal

import io.wampkit.message.WampUris
import io.wampkit.router.auth.UriMatch
import io.wampkit.router.auth.WampAction
import io.wampkit.router.auth.WampAuthorizer

internal class Permission(val uri: String, val match: UriMatch, val actions: Set<WampAction>) {
    fun matches(target: String): Boolean = when (match) {
        UriMatch.EXACT -> target == uri
        UriMatch.PREFIX -> WampUris.matchesPrefix(uri, target)
        UriMatch.WILDCARD -> WampUris.matchesWildcard(uri, target)
    }

    /** Exact beats prefix beats wildcard; among prefixes the longest, among wildcards the most concrete wins. */
    val specificity: Int = when (match) {
        UriMatch.EXACT -> Int.MAX_VALUE
        UriMatch.PREFIX -> 1_000_000 + uri.length
        UriMatch.WILDCARD -> uri.split('.').count { it.isNotEmpty() }
    }
}

/** Per-role permissions; a role without a matching permission (or an unknown role) is denied. */
internal class StaticAuthorizer(private val roles: Map<String, List<Permission>>) : WampAuthorizer {
    override fun isPermitted(authRole: String, authId: String, action: WampAction, uri: String): Boolean {
        val rules = roles[authRole] ?: return false
        var best: Permission? = null
        for (rule in rules) {
            if (rule.matches(uri) && (best == null || rule.specificity > best.specificity)) best = rule
        }
        return best != null && action in best.actions
    }
}
