package io.wampkit.message

/** WAMP URI and id rules, as the codec checks them. */
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
}
