package io.wampkit.router

import io.ktor.http.HttpStatusCode
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.route
import io.ktor.server.websocket.webSocket
import io.wampkit.router.internal.NoSupportedSubprotocolSelector
import io.wampkit.router.internal.PreferredSubprotocolSelector
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.availableSerializers
import io.wampkit.transport.asWampTransport

/**
 * Mounts [router] at [path] of a Ktor server that has the `WebSockets` plugin installed, speaking the
 * subprotocols of [serializers] (by default all of [availableSerializers]: `wamp.2.json`, `wamp.2.msgpack`,
 * `wamp.2.cbor`). Of the subprotocols a client offers, the first one that is also in [serializers] is chosen
 * (the client's preference order); a request that offers none of them gets HTTP 400.
 * ```
 * install(WebSockets) { channels { boundedForWamp(router.sessionQueueCapacity) } }
 * routing { wamp(router, "/ws") }
 * ```
 * Frames larger than the router's `maxMessageSize` abort their session with `wamp.error.protocol_violation`;
 * set the plugin's `maxFrameSize` above that limit (say twice) so that such frames reach the router. Bound the
 * plugin's channels as shown ([io.wampkit.transport.boundedForWamp]): Ktor's are unbounded by default, and
 * the router's flow control (events dropped for a slow subscriber) only holds when a full buffer can be seen.
 */
public fun Route.wamp(router: WampRouter, path: String = "/ws", serializers: List<WampSerializer> = availableSerializers()) {
    require(serializers.isNotEmpty()) { "a WAMP endpoint needs at least one serializer" }
    val supported = serializers.map { it.subprotocol }
    require(supported.toSet().size == supported.size) { "each serializer may be listed once" }
    route(path) {
        for (serializer in serializers) {
            createChild(PreferredSubprotocolSelector(serializer.subprotocol, supported)).webSocket(protocol = serializer.subprotocol) {
                val peer = call.request.local.remoteAddress
                val transport = asWampTransport(serializer, "ws://$peer (${serializer.name})", router.maxMessageSize)
                router.serve(transport)
            }
        }
        createChild(NoSupportedSubprotocolSelector(supported)).handle {
            call.respondText(
                "no supported WAMP subprotocol offered; this endpoint speaks ${supported.joinToString(", ")}",
                status = HttpStatusCode.BadRequest,
            )
        }
    }
}
