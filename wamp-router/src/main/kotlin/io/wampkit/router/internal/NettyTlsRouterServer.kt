package io.wampkit.router.internal

import io.ktor.server.application.install
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.applicationEnvironment
import io.ktor.server.engine.embeddedServer
import io.ktor.server.engine.sslConnector
import io.ktor.server.netty.Netty
import io.ktor.server.netty.NettyApplicationEngine
import io.ktor.server.routing.routing
import io.ktor.server.websocket.WebSockets
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.wamp
import io.wampkit.transport.tls.TlsServerConfig
import java.util.concurrent.atomic.AtomicBoolean

/**
 * A `wss://` listener on Ktor's Netty engine: Ktor's CIO server engine (used for plain `ws://`) has no TLS
 * connector in Ktor 3.5.2, Netty's has, on the JDK's TLS.
 */
internal class NettyTlsRouterServer private constructor(
    override val host: String,
    override val port: Int,
    override val path: String,
    private val server: EmbeddedServer<NettyApplicationEngine, NettyApplicationEngine.Configuration>,
) : WampRouterServer {
    private val stopped = AtomicBoolean(false)

    override val url: String get() = "wss://$host:$port$path"

    override suspend fun stop() {
        if (stopped.compareAndSet(false, true)) server.stopSuspend(GRACE_MILLIS, TIMEOUT_MILLIS)
    }

    internal companion object {
        private const val GRACE_MILLIS = 200L
        private const val TIMEOUT_MILLIS = 2_000L
        private const val MIN_FRAME_GUARD = 32L * 1024 * 1024

        suspend fun start(router: WampRouter, tls: TlsServerConfig, host: String, port: Int, path: String): NettyTlsRouterServer {
            val server = embeddedServer(
                Netty,
                applicationEnvironment(),
                configure = {
                    sslConnector(tls.keyStore, tls.keyAlias, { tls.password.copyOf() }, { tls.password.copyOf() }) {
                        this.host = host
                        this.port = port
                    }
                },
            ) {
                install(WebSockets) { maxFrameSize = maxOf(MIN_FRAME_GUARD, 2L * router.maxMessageSize) }
                routing { wamp(router, path) }
            }
            server.startSuspend(wait = false)
            val actualPort = server.engine.resolvedConnectors().first().port
            return NettyTlsRouterServer(host, actualPort, path, server)
        }
    }
}
