package io.wampkit.router

import io.wampkit.message.WampUris
import io.wampkit.router.auth.WampRealmBuilder
import io.wampkit.router.auth.internal.RealmSecurity
import io.wampkit.router.internal.DefaultRouter
import io.wampkit.router.internal.FlowControl
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

    /**
     * Flow control: messages that may wait for one session's connection (default 1,024). When a session's
     * buffer is full, EVENTs to it are dropped and counted (the publisher and every other subscriber go on at
     * full speed); any other message (RESULT, INVOCATION, ERROR, …) is never dropped: it waits in order,
     * and a session with more than this many such messages waiting is disconnected.
     */
    public var sessionQueueCapacity: Int = DEFAULT_SESSION_QUEUE_CAPACITY

    /**
     * Flow control: a session that keeps losing EVENTs (its buffer full, with gaps of no more than a second)
     * for this long is disconnected with ABORT `wampkit.error.slow_consumer` (default 10,000 ms); 0 never
     * disconnects for that, the session only loses events.
     */
    public var slowConsumerTimeoutMillis: Long = DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS

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
        require(sessionQueueCapacity > 0) { "sessionQueueCapacity must be positive, was $sessionQueueCapacity" }
        require(slowConsumerTimeoutMillis >= 0) { "slowConsumerTimeoutMillis must be >= 0, was $slowConsumerTimeoutMillis" }
        return RouterConfig(
            realms.toSet(),
            maxMessageSize,
            flowControl = FlowControl(sessionQueueCapacity, slowConsumerTimeoutMillis),
            maxRetainedTopics = maxRetainedTopics,
            security = security.toMap(),
        )
    }

    public companion object {
        /** The default [maxMessageSize]: 4 MiB. */
        public const val DEFAULT_MAX_MESSAGE_SIZE: Int = 4 * 1024 * 1024
        /** The default [sessionQueueCapacity]. */
        public const val DEFAULT_SESSION_QUEUE_CAPACITY: Int = FlowControl.DEFAULT_QUEUE_CAPACITY
        /** The default [slowConsumerTimeoutMillis]. */
        public const val DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS: Long = FlowControl.DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS
        /** The default [maxRetainedTopics]. */
        public const val DEFAULT_MAX_RETAINED_TOPICS: Int = 10_000
        private const val MIN_MESSAGE_SIZE = 1024
        private const val MAX_MESSAGE_SIZE = 256 * 1024 * 1024
    }
}
