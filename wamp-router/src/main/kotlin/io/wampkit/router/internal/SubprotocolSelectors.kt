package io.wampkit.router.internal

import io.ktor.http.HttpHeaders
import io.ktor.http.parseHeaderValue
import io.ktor.server.routing.RouteSelector
import io.ktor.server.routing.RouteSelectorEvaluation
import io.ktor.server.routing.RoutingResolveContext

/** The subprotocols a WebSocket request offers, in the client's order of preference. */
internal fun offeredSubprotocols(context: RoutingResolveContext): List<String> =
    context.call.request.headers[HttpHeaders.SecWebSocketProtocol]?.let { header -> parseHeaderValue(header).map { it.value } }
        ?: emptyList()

/**
 * Matches when [subprotocol] is the first of the client's offered subprotocols that the listener [supported]:
 * the client's preference decides, not the order in which the listener's routes were declared.
 */
internal class PreferredSubprotocolSelector(
    private val subprotocol: String,
    private val supported: List<String>,
) : RouteSelector() {
    override suspend fun evaluate(context: RoutingResolveContext, segmentIndex: Int): RouteSelectorEvaluation =
        if (offeredSubprotocols(context).firstOrNull { it in supported } == subprotocol) RouteSelectorEvaluation.Constant
        else RouteSelectorEvaluation.FailedParameter

    override fun toString(): String = "(preferred subprotocol $subprotocol)"
}

/** Matches a request that offers none of the [supported] subprotocols; the listener answers it with HTTP 400. */
internal class NoSupportedSubprotocolSelector(private val supported: List<String>) : RouteSelector() {
    override suspend fun evaluate(context: RoutingResolveContext, segmentIndex: Int): RouteSelectorEvaluation =
        if (offeredSubprotocols(context).none { it in supported }) RouteSelectorEvaluation.Constant
        else RouteSelectorEvaluation.FailedParameter

    override fun toString(): String = "(no supported subprotocol)"
}
