package io.wampkit.message

/**
 * WAMP URI and id rules, as the codec checks them, and the URI patterns of pattern-based subscriptions and
 * registrations (`match`: exact, prefix or wildcard): which patterns are valid and which URIs they match.
 * Exact matching is plain equality of a URI valid by [isValidUri].
 */
public object WampUris {
    /** Largest valid WAMP id, 2^53. */
    public const val MAX_ID: Long = 9_007_199_254_740_992L

    /** True when [id] is a valid WAMP id: 1..2^53. */
    public fun isValidId(id: Long): Boolean = id in 1..MAX_ID

    /**
     * True when [uri] follows WAMP's loose URI rules: dot-separated, non-empty components without white space
     * or `#`. With [allowEmptyComponents] (pattern-based subscriptions and registrations), components may be empty.
     */
    public fun isValidUri(uri: String, allowEmptyComponents: Boolean = false): Boolean {
        if (uri.isEmpty()) return false
        var componentLength = 0
        for (c in uri) {
            when {
                c == '.' -> {
                    if (componentLength == 0 && !allowEmptyComponents) return false
                    componentLength = 0
                }
                c == '#' || c.isWhitespace() -> return false
                else -> componentLength++
            }
        }
        return componentLength > 0 || allowEmptyComponents
    }

    /**
     * True when [pattern] is valid for prefix matching: a valid URI ([isValidUri]), optionally ending with a
     * dot, so that its last component is empty (`com.myapp` and `com.myapp.`, not `com..myapp`).
     */
    public fun isValidPrefixPattern(pattern: String): Boolean =
        isValidUri(pattern, allowEmptyComponents = true) && !pattern.startsWith('.') && !pattern.contains("..")

    /**
     * True when [pattern] is valid for wildcard matching: a URI whose components may be empty, each empty one
     * matching any component, with at least one not empty (`com..create`, `..create`; not `..`).
     */
    public fun isValidWildcardPattern(pattern: String): Boolean =
        isValidUri(pattern, allowEmptyComponents = true) && pattern.any { it != '.' }

    /**
     * True when the prefix pattern [prefix] matches [uri]: [uri] starts with it, character by character, as
     * the spec's `com.myapp.topic.emergency` matches `com.myapp.topic.emergency-low`. So `com.myapp` matches
     * `com.myapp`, `com.myapp.create` and `com.myapp2`; `com.myapp.` only what lies below `com.myapp`.
     */
    public fun matchesPrefix(prefix: String, uri: String): Boolean = uri.startsWith(prefix)

    /**
     * True when the wildcard pattern [pattern] matches [uri]: both have the same number of components and
     * every non-empty component of [pattern] equals the one of [uri]. `com..create` matches `com.myapp.create`,
     * not `com.myapp.foo.create` nor `com.create`. Allocates nothing.
     */
    public fun matchesWildcard(pattern: String, uri: String): Boolean {
        var p = 0
        var u = 0
        while (true) {
            val pEnd = pattern.indexOf('.', p).let { if (it < 0) pattern.length else it }
            val uEnd = uri.indexOf('.', u).let { if (it < 0) uri.length else it }
            val pLen = pEnd - p
            if (pLen > 0 && (pLen != uEnd - u || !pattern.regionMatches(p, uri, u, pLen))) return false
            val pDone = pEnd == pattern.length
            val uDone = uEnd == uri.length
            if (pDone || uDone) return pDone && uDone
            p = pEnd + 1
            u = uEnd + 1
        }
    }
}
