package io.wampkit.dsl

import io.wampkit.dsl.internal.ComponentConfig
import io.wampkit.dsl.internal.Declaration
import io.wampkit.dsl.internal.DefaultComponent
import io.wampkit.message.WampUris
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.SessionCloseDetails
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WebSocketKeepAlive
import io.wampkit.transport.webSocketConnector

/**
 * Defines a WAMP component: where it connects and what it does once joined.
 *
 * ```
 * val calc = wampComponent("calc") {
 *     url = "ws://127.0.0.1:8080/ws"
 *     realm = "realm1"
 *     onJoin {
 *         register("com.myapp.add2") { a: Int, b: Int -> a + b }
 *     }
 * }
 * calc.run()
 * ```
 */
public fun wampComponent(name: String, configure: ComponentBuilder.() -> Unit): WampComponent =
    DefaultComponent(ComponentBuilder(name).apply(configure).build())

/** Builder of a [WampComponent]; see [wampComponent]. */
@WampDsl
public class ComponentBuilder internal constructor(private val name: String) {
    /** WebSocket URL of the router (`ws://` or `wss://`); or use [connector]. */
    public var url: String? = null

    /** The realm to join. */
    public var realm: String = "realm1"

    /** Wire format for [url] connections. */
    public var serializer: WampSerializer = jsonSerializer()

    /**
     * Whether to reconnect after the connection is lost or the router ends the session with a reason other
     * than `wamp.close.normal` (Autobahn's Component semantics); see [reconnect] for the timing.
     */
    public var reconnect: Boolean = true

    /** What calls and publications through the component do while it is not joined; see [WampComponent.awaitSession]. */
    public var whileDisconnected: WhileDisconnected = WhileDisconnected.Wait(DEFAULT_WAIT_MILLIS)

    /** WebSocket ping keepalive of [url] connections; null turns pings off. */
    public var keepAlive: WebSocketKeepAlive? = WebSocketKeepAlive.DEFAULT

    private var backoff: Backoff = Backoff.DEFAULT
    private val declarations = ArrayList<Declaration>()
    private var connector: WampConnector? = null
    private var onJoin: (suspend ComponentSession.() -> Unit)? = null
    private var onLeave: (suspend (SessionCloseDetails) -> Unit)? = null
    private var onDisconnect: (suspend () -> Unit)? = null

    /** Connects through [connector] instead of [url], e.g. an embedded router's in-memory connector. */
    public fun connector(connector: WampConnector) {
        this.connector = connector
    }

    /** Reconnects with this timing (default: Autobahn's 1.5 s, ×1.5, at most 300 s, 10 % jitter, forever). */
    public fun reconnect(configure: BackoffBuilder.() -> Unit) {
        backoff = BackoffBuilder(backoff).apply(configure).build()
        reconnect = true
    }

    /**
     * Declares something to do on every join, before `onJoin`: what the typed `register`/`subscribe`
     * declarations of this builder call.
     */
    @PublishedApi
    internal fun declare(description: String, establish: suspend ComponentSession.() -> Unit) {
        declarations += Declaration(description, establish)
    }

    /**
     * Runs on every join, after the declared registrations and subscriptions are in place. Registrations
     * and subscriptions made here serve until that session ends; after a reconnect `onJoin` runs again
     * and makes them again, on the new session.
     */
    public fun onJoin(block: suspend ComponentSession.() -> Unit) {
        onJoin = block
    }

    /** Runs when a session has ended, with how it ended (after every session, also before a reconnect). */
    public fun onLeave(block: suspend (SessionCloseDetails) -> Unit) {
        onLeave = block
    }

    /** Runs after a connection is closed (after every session, also before a reconnect). */
    public fun onDisconnect(block: suspend () -> Unit) {
        onDisconnect = block
    }

    internal fun build(): ComponentConfig {
        require(name.isNotBlank()) { "a component needs a name" }
        require(WampUris.isValidUri(realm)) { "component '$name': '$realm' is not a valid realm URI" }
        val url = url
        val connector = connector
        require((url == null) != (connector == null)) {
            "component '$name': set exactly one of url and connector"
        }
        val resolved = connector ?: webSocketConnector(url!!, serializer, keepAlive = keepAlive)
        return ComponentConfig(
            name, realm, resolved, onJoin, onLeave, onDisconnect,
            reconnect = if (reconnect) backoff else null,
            whileDisconnected = whileDisconnected,
            declarations = declarations.toList(),
        )
    }

    private companion object {
        const val DEFAULT_WAIT_MILLIS = 10_000L
    }
}
