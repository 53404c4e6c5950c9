package io.wampkit.dsl.internal

import io.wampkit.dsl.Backoff
import io.wampkit.dsl.ComponentSession
import io.wampkit.dsl.WhileDisconnected
import io.wampkit.session.SessionCloseDetails
import io.wampkit.transport.WampConnector

/** A registration or subscription declared in the builder, made on every join. */
internal class Declaration(val description: String, val establish: suspend ComponentSession.() -> Unit)

/** The immutable result of a [io.wampkit.dsl.ComponentBuilder]. */
internal class ComponentConfig(
    val name: String,
    val realm: String,
    val connector: WampConnector,
    val onJoin: (suspend ComponentSession.() -> Unit)?,
    val onLeave: (suspend (SessionCloseDetails) -> Unit)?,
    val onDisconnect: (suspend () -> Unit)?,
    /** Reconnect timing; null when the component does not reconnect. */
    val reconnect: Backoff? = null,
    val whileDisconnected: WhileDisconnected = WhileDisconnected.FailFast,
    val declarations: List<Declaration> = emptyList(),
)
