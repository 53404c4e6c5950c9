package io.wampkit.router.internal

import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.cio.CIO
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.connector
import io.ktor.server.engine.embeddedServer
import io.ktor.server.routing.routing
import io.ktor.server.websocket.WebSockets
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.wamp
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.boundedForWamp
import java.util.concurrent.atomic.AtomicBoolean

/**
 * A WebSocket [WampRouterServer] on a Ktor engine: CIO for `ws://` ([start]); Netty for `wss://`
 * ([NettyTlsRouterServer]), because Ktor 3.5.2's CIO server has no TLS connector.
 */
internal class KtorRouterServer(
    private val scheme: String,
    override val host: String,
    override val port: Int,
    override val path: String,
    private val server: EmbeddedServer<*, *>,
) : WampRouterServer {
    private val stopped = AtomicBoolean(false)

    override val url: String get() = "$scheme://$host:$port$path"

    override suspend fun stop() {
        if (stopped.compareAndSet(false, true)) server.stopSuspend(GRACE_MILLIS, TIMEOUT_MILLIS)
    }

    internal companion object {
        private const val GRACE_MILLIS = 200L
        private const val TIMEOUT_MILLIS = 2_000L
        private const val MIN_FRAME_GUARD = 32L * 1024 * 1024

        suspend fun start(
            router: WampRouter,
            host: String,
            port: Int,
            path: String,
            serializers: List<WampSerializer>,
        ): KtorRouterServer {
            val server = embeddedServer(CIO, configure = {
                connector {
                    this.host = host
                    this.port = port
                }
                // SO_REUSEADDR: a listener restarted on the same port binds at once, even while connections
                // of the previous one linger in TIME_WAIT (the server closes first, so they are on this side)
                reuseAddress = true
            }) { serveWamp(router, path, serializers) }
            return started("ws", host, path, server)
        }

        /** The application of every WebSocket listener: the WAMP route at [path]. */
        fun Application.serveWamp(router: WampRouter, path: String, serializers: List<WampSerializer>) {
            install(WebSockets) {
                // The WAMP limit is checked by the transport, which answers with ABORT; this guard only
                // bounds what Ktor buffers before the router sees a frame.
                maxFrameSize = maxOf(MIN_FRAME_GUARD, 2L * router.maxMessageSize)
                channels { boundedForWamp(router.sessionQueueCapacity) }
            }
            routing { wamp(router, path, serializers) }
        }

        /** Starts [server] and wraps it with the port it actually bound (port 0 picks a free one). */
        suspend fun started(scheme: String, host: String, path: String, server: EmbeddedServer<*, *>): KtorRouterServer {
            server.startSuspend(wait = false)
            val actualPort = server.engine.resolvedConnectors().first().port
            return KtorRouterServer(scheme, host, actualPort, path, server)
        }
    }
}
