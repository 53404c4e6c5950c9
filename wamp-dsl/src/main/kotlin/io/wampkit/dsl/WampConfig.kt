package io.wampkit.dsl

import kotlin.time.Duration

/**
 * A component's connection settings as read from a configuration file by [loadWampConfig]; apply them with
 * `wampComponent(name, config) { ... }` or `config(...)` in the builder.
 */
public data class WampConfig(
    /** The router's URL (`ws://` or `wss://`), or null when the builder sets a connector. */
    public val url: String?,
    /** The realm to join. */
    public val realm: String,
    /** Serializer names in order of preference (`json`, `msgpack`, `cbor`); empty = the builder's default. */
    public val serializers: List<String> = emptyList(),
    /** The URI prefix relative URIs resolve against (see [ComponentBuilder.uriPrefix]), or null. */
    public val uriPrefix: String? = null,
    /** URIs starting with one of these are never prefixed. */
    public val absolutePrefixes: List<String> = DEFAULT_ABSOLUTE_PREFIXES,
    /** Who to authenticate as, or null for anonymous. */
    public val credentials: WampCredentials? = null,
    /** How to reconnect after losing the connection (applied by the component supervisor). */
    public val reconnect: ReconnectConfig = ReconnectConfig(),
) {
    public companion object {
        /** The URIs that are absolute whatever the prefix: the `wamp.` URIs the spec reserves. */
        public val DEFAULT_ABSOLUTE_PREFIXES: List<String> = listOf("wamp.")
    }
}

/**
 * Authentication settings. The [secret] (ticket, WAMP-CRA secret, cryptosign private key seed...) should come
 * from the environment (`secret = ${?WAMP_SECRET}` in HOCON) rather than the file; [toString] never shows it.
 */
public data class WampCredentials(
    /** The authid to announce in HELLO. */
    public val authId: String,
    /** The authentication methods to offer, in order (e.g. `ticket`, `wampcra`, `cryptosign`, `scram`). */
    public val authMethods: List<String> = emptyList(),
    /** The secret, or null (e.g. when only an authid is announced). */
    public val secret: String? = null,
    /** The authrole to ask for, or null for the router's choice. */
    public val authRole: String? = null,
) {
    override fun toString(): String =
        "WampCredentials(authId=$authId, authMethods=$authMethods, secret=${if (secret == null) "none" else "****"}, authRole=$authRole)"
}

/**
 * Reconnect policy: retry with exponential backoff from [initialDelay] up to [maxDelay], each delay
 * multiplied by [multiplier] and varied by +/- [jitter] (a fraction), at most [maxAttempts] times (0 = no limit).
 * The defaults are Autobahn's (and a component's): 1.5 s, x1.5, at most 300 s, 10 % jitter, no limit. A config
 * file without a `reconnect` section leaves the component's own setting alone.
 */
public data class ReconnectConfig(
    /** Whether to reconnect at all. */
    public val enabled: Boolean = false,
    /** Delay before the first retry. */
    public val initialDelay: Duration = Duration.parse("1.5s"),
    /** Upper bound of the delay. */
    public val maxDelay: Duration = Duration.parse("300s"),
    /** Growth factor of the delay, at least 1. */
    public val multiplier: Double = 1.5,
    /** Random variation of each delay, 0 to 1. */
    public val jitter: Double = 0.1,
    /** Attempts before giving up; 0 means no limit. */
    public val maxAttempts: Int = 0,
) {
    init {
        require(initialDelay.isPositive() && maxDelay >= initialDelay) { "reconnect: need 0 < initial-delay <= max-delay" }
        require(multiplier >= 1.0) { "reconnect: multiplier must be at least 1" }
        require(jitter in 0.0..1.0) { "reconnect: jitter must be between 0 and 1" }
        require(maxAttempts >= 0) { "reconnect: max-attempts must be 0 (no limit) or more" }
    }
}
