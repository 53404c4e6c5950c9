package io.wampkit.dsl

import io.wampkit.auth.ClientAuthenticator
import io.wampkit.dsl.internal.ComponentConfig
import io.wampkit.dsl.internal.DefaultComponent
import io.wampkit.message.WampUris
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.SessionCloseDetails
import io.wampkit.transport.WampConnector
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

    private var connector: WampConnector? = null
    private var onJoin: (suspend ComponentSession.() -> Unit)? = null
    private var onLeave: (suspend (SessionCloseDetails) -> Unit)? = null
    private var onDisconnect: (suspend () -> Unit)? = null

    /** Connects through [connector] instead of [url], e.g. an embedded router's in-memory connector. */
    public fun connector(connector: WampConnector) {
        this.connector = connector
    }

    private val authenticators = ArrayList<ClientAuthenticator>()

    /**
     * Offers [authenticator] when joining (e.g. `authenticate(ticketAuth("joe", ticket))`); call again to offer
     * more methods, in order of preference. Without any, the component joins anonymously.
     */
    public fun authenticate(authenticator: ClientAuthenticator) {
        require(authenticators.none { it.method == authenticator.method }) {
            "component '$name': authmethod '${authenticator.method}' is offered twice"
        }
        authenticators += authenticator
    }

    /** Runs once the session is joined; registrations and subscriptions made here serve until the session ends. */
    public fun onJoin(block: suspend ComponentSession.() -> Unit) {
        onJoin = block
    }

    /** Runs when the session has ended, with how it ended. */
    public fun onLeave(block: suspend (SessionCloseDetails) -> Unit) {
        onLeave = block
    }

    /** Runs after the connection is closed. */
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
        val resolved = connector ?: webSocketConnector(url!!, serializer)
        return ComponentConfig(name, realm, resolved, onJoin, onLeave, onDisconnect, authenticators.toList())
    }
}
