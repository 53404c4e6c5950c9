package io.wampkit.router.internal

import io.ktor.network.selector.SelectorManager
import io.ktor.network.sockets.InetSocketAddress
import io.ktor.network.sockets.ServerSocket
import io.ktor.network.sockets.Socket
import io.ktor.network.sockets.aSocket
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.rawsocket.RAWSOCKET_MAX_LENGTH
import io.wampkit.transport.rawsocket.RawSocketError
import io.wampkit.transport.rawsocket.acceptRawSocket
import io.wampkit.transport.tls.TlsServerConfig
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/** A RawSocket listener: one accept loop and one coroutine per connection, all children of one job. */
internal class RawSocketRouterServer private constructor(
    override val host: String,
    override val port: Int,
    secure: Boolean,
    private val selector: SelectorManager,
    private val serverSocket: ServerSocket,
) : WampRouterServer {
    private val job = SupervisorJob()
    private val scope = CoroutineScope(job + Dispatchers.IO + CoroutineName("wamp-rawsocket-listener-$port"))
    private val stopped = AtomicBoolean(false)
    private val open = AtomicInteger()

    override val path: String get() = ""
    override val url: String = "${if (secure) "rss" else "rs"}://$host:$port"

    private fun launchAcceptLoop(router: WampRouter, settings: Settings) = scope.launch {
        while (isActive) {
            val socket = try {
                serverSocket.accept()
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                if (stopped.get() || serverSocket.socketContext.isCompleted) break
                log.warn("rawsocket listener {}: accept failed: {}", url, e.toString())
                continue
            }
            val count = open.incrementAndGet()
            scope.launch(CoroutineName("wamp-rawsocket-connection")) {
                try {
                    serve(router, socket, settings, if (count > settings.maxConnections) RawSocketError.MAX_CONNECTION_COUNT_REACHED else null)
                } finally {
                    open.decrementAndGet()
                    withContext(NonCancellable) { socket.close() }
                }
            }
        }
    }

    private suspend fun serve(router: WampRouter, socket: Socket, settings: Settings, refuse: RawSocketError?) {
        try {
            val transport = socket.acceptRawSocket(settings.serializers, settings.maxLength, settings.tls, settings.handshakeTimeoutMillis, refuse, router.sessionQueueCapacity)
                ?: return
            router.serve(transport)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            log.debug("rawsocket connection {} failed: {}", socket.remoteAddress, e.toString())
        }
    }

    override suspend fun stop() {
        if (!stopped.compareAndSet(false, true)) return
        withContext(NonCancellable) {
            serverSocket.close()
            job.cancelAndJoin()
            selector.close()
        }
    }

    private class Settings(
        val serializers: List<WampSerializer>,
        val tls: TlsServerConfig?,
        val maxConnections: Int,
        val handshakeTimeoutMillis: Long,
        val maxLength: Int,
    )

    internal companion object {
        private val log = LoggerFactory.getLogger(RawSocketRouterServer::class.java)

        suspend fun start(
            router: WampRouter,
            host: String,
            port: Int,
            serializers: List<WampSerializer>,
            tls: TlsServerConfig?,
            maxConnections: Int,
            handshakeTimeoutMillis: Long,
        ): RawSocketRouterServer {
            val selector = SelectorManager(Dispatchers.IO)
            val serverSocket = try {
                aSocket(selector).tcp().bind(host, port)
            } catch (e: Exception) {
                selector.close()
                throw e
            }
            val actualPort = (serverSocket.localAddress as InetSocketAddress).port
            val maxLength = router.maxMessageSize.coerceAtMost(RAWSOCKET_MAX_LENGTH)
            val settings = Settings(serializers.toList(), tls, maxConnections, handshakeTimeoutMillis, maxLength)
            return RawSocketRouterServer(host, actualPort, tls != null, selector, serverSocket).also {
                it.launchAcceptLoop(router, settings)
                log.info("rawsocket listener on {}", it.url)
            }
        }
    }
}
