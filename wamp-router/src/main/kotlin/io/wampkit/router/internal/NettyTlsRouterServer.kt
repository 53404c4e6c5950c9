package io.wampkit.router.internal

import io.ktor.server.engine.applicationEnvironment
import io.ktor.server.engine.embeddedServer
import io.ktor.server.engine.sslConnector
import io.ktor.server.netty.Netty
import io.wampkit.router.WampRouter
import io.wampkit.router.internal.KtorRouterServer.Companion.serveWamp
import io.wampkit.serialization.availableSerializers
import io.wampkit.transport.tls.TlsServerConfig

/**
 * The `wss://` listener: a [KtorRouterServer] on Ktor's Netty engine, because Ktor 3.5.2's CIO server
 * engine (used for plain `ws://`) has no TLS connector and Netty's has, on the JDK's TLS.
 */
internal object NettyTlsRouterServer {
    suspend fun start(router: WampRouter, tls: TlsServerConfig, host: String, port: Int, path: String): KtorRouterServer {
        val server = embeddedServer(
            Netty,
            applicationEnvironment(),
            configure = {
                sslConnector(tls.keyStore, tls.keyAlias, { tls.password.copyOf() }, { tls.password.copyOf() }) {
                    this.host = host
                    this.port = port
                }
            },
        ) { serveWamp(router, path, availableSerializers()) }
        return KtorRouterServer.started("wss", host, path, server)
    }
}
