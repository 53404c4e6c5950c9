package io.wampkit.router

import io.ktor.server.routing.Route
import io.ktor.server.websocket.webSocket
import io.wampkit.serialization.availableSerializers
import io.wampkit.transport.asWampTransport

/**
 * Mounts [router] at [path] of a Ktor server that has the `WebSockets` plugin installed: one WebSocket
 * endpoint per available serializer's subprotocol (`wamp.2.json`, ...).
 * ```
 * install(WebSockets)
 * routing { wamp(router, "/ws") }
 * ```
 * Frames larger than the router's `maxMessageSize` abort their session with `wamp.error.protocol_violation`;
 * set the plugin's `maxFrameSize` above that limit (say twice) so that such frames reach the router.
 */
public fun Route.wamp(router: WampRouter, path: String = "/ws") {
    for (serializer in availableSerializers()) {
        webSocket(path, protocol = serializer.subprotocol) {
            val peer = call.request.local.remoteAddress
            val transport = asWampTransport(serializer, "ws://$peer (${serializer.name})", router.maxMessageSize)
            router.serve(transport)
        }
    }
}
