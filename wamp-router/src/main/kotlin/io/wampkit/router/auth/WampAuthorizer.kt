package io.wampkit.router.auth

/** What a session asks the router to do with a URI. */
public enum class WampAction {
    /** CALL a procedure. */
    CALL,

    /** REGISTER a procedure. */
    REGISTER,

    /** PUBLISH to a topic. */
    PUBLISH,

    /** SUBSCRIBE to a topic. */
    SUBSCRIBE,
}

/** How a permission's URI pattern matches. */
public enum class UriMatch {
    /** The URI equals the pattern. */
    EXACT,

    /** The URI starts with the pattern (e.g. `com.example.`). */
    PREFIX,

    /** Component-wise match, an empty component matching any (e.g. `com..update`). */
    WILDCARD,
}

/**
 * Decides whether a session may do an [action] on a URI. It runs on every CALL, REGISTER, PUBLISH and
 * SUBSCRIBE, so it must be fast and must not block; a denied action gets ERROR `wamp.error.not_authorized`
 * (for PUBLISH only when acknowledged). `realm("r") { role(...) }` builds a static one; plug your own with
 * `realm("r") { authorizer(...) }`.
 */
public fun interface WampAuthorizer {
    /** Whether the session authenticated as [authId] with [authRole] may do [action] on [uri]. */
    public fun isPermitted(authRole: String, authId: String, action: WampAction, uri: String): Boolean
}
