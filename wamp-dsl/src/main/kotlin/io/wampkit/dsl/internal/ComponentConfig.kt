package io.wampkit.dsl.internal

import io.wampkit.auth.ClientAuthenticator
import io.wampkit.dsl.ComponentSession
import io.wampkit.session.SessionCloseDetails
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
)
