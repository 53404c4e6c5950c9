package io.wampkit.dsl.internal

import io.wampkit.auth.ClientAuthenticator
import io.wampkit.dsl.ComponentSession
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.WampSession
import io.wampkit.transport.WampConnector

/** The immutable result of a [io.wampkit.dsl.ComponentBuilder]. */
internal class ComponentConfig(
    val name: String,
    val realm: String,
    val connector: WampConnector,
    val onJoin: (suspend ComponentSession.() -> Unit)?,
    val onLeave: (suspend (SessionCloseDetails) -> Unit)?,
    val onDisconnect: (suspend () -> Unit)?,
    val authenticators: List<ClientAuthenticator> = emptyList(),
    val uris: UriResolver? = null,
) {
    /** The session as the component's code sees it: through the URI prefix when there is one. */
    fun sessionView(session: WampSession): WampSession = uris?.let { PrefixedSession(session, it) } ?: session
}
