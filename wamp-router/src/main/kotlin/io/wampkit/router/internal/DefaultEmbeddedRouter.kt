package io.wampkit.router.internal

import io.wampkit.router.EmbeddedRouter
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.future.future
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicReference

/** [EmbeddedRouter]: a router and its listener, stopped together. */
internal class DefaultEmbeddedRouter private constructor(
    override val router: WampRouter,
    private val server: WampRouterServer,
    /** Runs starting and stopping; cancelled once stopped, so that nothing of it outlives [stop] or [close]. */
    internal val scope: CoroutineScope,
) : EmbeddedRouter {
    private val stopping = AtomicReference<CompletableFuture<Void?>?>(null)

    override val url: String get() = server.url
    override val port: Int get() = server.port

    override fun stop(): CompletableFuture<Void?> {
        val mine = CompletableFuture<Void?>()
        stopping.compareAndExchange(null, mine)?.let { return it.copy() }
        scope.future {
            try {
                router.close() // first, so that WebSocket clients still receive its GOODBYE
            } finally {
                withContext(NonCancellable) { server.stop() }
            }
            null
        }.whenComplete { _, error ->
            scope.cancel() // stopped: its last coroutine is done
            if (error != null) mine.completeExceptionally(error) else mine.complete(null)
        }
        return mine.copy()
    }

    override fun close() {
        try {
            // Blocking is the contract of AutoCloseable.close(); router.close() and server.stop() are bounded.
            stop().get(EmbeddedRouter.CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        } catch (_: TimeoutException) {
            log.warn("the router did not stop within {} ms", EmbeddedRouter.CLOSE_TIMEOUT_MILLIS)
        } catch (e: ExecutionException) {
            log.warn("stopping the router failed", e.cause)
        } catch (_: InterruptedException) {
            Thread.currentThread().interrupt()
        } finally {
            scope.cancel() // a stop that did not finish in time is cancelled with it
        }
    }

    override fun toString(): String = "EmbeddedRouter($url)"

    internal companion object {
        private val log = LoggerFactory.getLogger(DefaultEmbeddedRouter::class.java)

        fun start(router: WampRouter, host: String, port: Int, path: String): CompletableFuture<EmbeddedRouter> {
            val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("wamp-embedded-router"))
            val started = scope.future<EmbeddedRouter> {
                val server = try {
                    router.startServer(host, port, path)
                } catch (e: Throwable) {
                    withContext(NonCancellable) { router.close() }
                    throw e
                }
                DefaultEmbeddedRouter(router, server, scope)
            }
            started.whenComplete { _, error -> if (error != null) scope.cancel() } // no router: nothing left to run
            return started
        }
    }
}
