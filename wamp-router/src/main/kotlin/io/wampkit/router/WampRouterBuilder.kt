package io.wampkit.router

import io.wampkit.message.WampUris
import io.wampkit.router.auth.WampRealmBuilder
import io.wampkit.router.auth.internal.RealmSecurity
import io.wampkit.router.internal.DefaultRouter
import io.wampkit.router.internal.RouterConfig

/** Marks the router configuration DSL. */
@DslMarker
public annotation class WampRouterDsl

/**
 * Creates an embedded router:
 * ```
 * val router = wampRouter { realm("realm1") }
 * ```
 */
public fun wampRouter(configure: WampRouterBuilder.() -> Unit): WampRouter =
    DefaultRouter(WampRouterBuilder().apply(configure).build())

/** Configuration of a [WampRouter]; see [wampRouter]. */
@WampRouterDsl
public class WampRouterBuilder internal constructor() {
    private val realms = LinkedHashSet<String>()
    private val security = HashMap<String, RealmSecurity>()

    /** Largest accepted message in bytes (default 4 MiB); a larger frame aborts its session. */
    public var maxMessageSize: Int = DEFAULT_MAX_MESSAGE_SIZE

    /**
     * Most topics holding a retained event (`PUBLISH.Options.retain`) per realm (default 10,000); retaining on
     * one more topic evicts the least recently used one. 0 disables event retention.
     */
    public var maxRetainedTopics: Int = DEFAULT_MAX_RETAINED_TOPICS

    /** Serves [name]; call once per realm. A HELLO for any other realm gets ABORT `wamp.error.no_such_realm`. */
    public fun realm(name: String) {
        require(WampUris.isValidUri(name)) { "'$name' is not a valid realm URI" }
        require(realms.add(name)) { "realm '$name' is configured twice" }
    }

    /**
     * Serves [name] with authentication and authorization as [configure] sets them (see [WampRealmBuilder]).
     * Without a block, a realm admits anonymous sessions that may do everything.
     */
    public fun realm(name: String, configure: WampRealmBuilder.() -> Unit) {
        val realmSecurity = WampRealmBuilder(name).apply(configure).build()
        realm(name)
        security[name] = realmSecurity
    }

    internal fun build(): RouterConfig {
        require(realms.isNotEmpty()) { "a router needs at least one realm: wampRouter { realm(\"realm1\") }" }
        require(maxMessageSize in MIN_MESSAGE_SIZE..MAX_MESSAGE_SIZE) {
            "maxMessageSize must be in $MIN_MESSAGE_SIZE..$MAX_MESSAGE_SIZE, was $maxMessageSize"
        }
        require(maxRetainedTopics >= 0) { "maxRetainedTopics must be >= 0, was $maxRetainedTopics" }
        return RouterConfig(realms.toSet(), maxMessageSize, maxRetainedTopics = maxRetainedTopics, security = security.toMap())
    }

    public companion object {
        /** The default [maxMessageSize]: 4 MiB. */
        public const val DEFAULT_MAX_MESSAGE_SIZE: Int = 4 * 1024 * 1024
        /** The default [maxRetainedTopics]. */
        public const val DEFAULT_MAX_RETAINED_TOPICS: Int = 10_000
        private const val MIN_MESSAGE_SIZE = 1024
        private const val MAX_MESSAGE_SIZE = 256 * 1024 * 1024
    }
}
