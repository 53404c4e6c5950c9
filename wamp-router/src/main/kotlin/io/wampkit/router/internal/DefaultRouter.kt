package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.router.WampRouter
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The router. A session runs in the coroutine that called [serve] (the listener's connection coroutine), so
 * a frame is decoded and routed on the thread that read it, with no hop to another dispatcher; [close] ends
 * every session it serves. The router's own coroutines (in-memory sessions, call timers) are children of
 * one [SupervisorJob], whose failures are logged through SLF4J.
 */
internal class DefaultRouter(val config: RouterConfig) : WampRouter {
    private val job = SupervisorJob()
    private val scope = CoroutineScope(
        job + Dispatchers.Default + CoroutineName("wamp-router") +
            CoroutineExceptionHandler { context, e -> log.error("router coroutine {} failed", context[CoroutineName]?.name, e) },
    )
    private val ids = RouterIds()
    private val realmsByName = config.realms.associateWith {
        Realm(it, ids, scope, config.maxRetainedTopics, config.security(it).authorizer)
    }
    private val closed = AtomicBoolean(false)
    private val serving = ConcurrentHashMap.newKeySet<Job>()

    override val realms: Set<String> get() = config.realms
    override val maxMessageSize: Int get() = config.maxMessageSize
    override val sessionQueueCapacity: Int get() = config.flowControl.queueCapacity

    fun realm(name: String): Realm? = realmsByName[name]

    override suspend fun serve(transport: WampTransport) {
        if (closed.get()) {
            transport.close()
            return
        }
        val session = RouterSession(ids.newSession(), transport, this)
        try {
            coroutineScope {
                val sessionJob = coroutineContext.job
                serving += sessionJob
                try {
                    if (closed.get()) return@coroutineScope // close() began after the check above: it may have missed us
                    session.run()
                } finally {
                    serving -= sessionJob
                }
            }
        } finally {
            ids.releaseSession(session.id)
        }
    }

    override fun connector(): WampConnector = WampConnector {
        check(!closed.get()) { "the router is closed" }
        val (client, routerSide) = inMemoryTransportPair(capacity = config.flowControl.queueCapacity, name = "in-memory router")
        scope.launch(CoroutineName("wamp-router-in-memory")) { serve(routerSide) }
        client
    }

    override fun sessionCount(realm: String): Int = realmsByName[realm]?.sessionCount ?: 0

    override suspend fun close() {
        if (!closed.compareAndSet(false, true)) return
        withContext(NonCancellable) {
            val sessions = realmsByName.values.flatMap { it.snapshot() }
            log.info("router closing: {} session(s)", sessions.size)
            withTimeoutOrNull(config.shutdownGraceMillis) {
                sessions.forEach { it.shutdown(WampErrors.SYSTEM_SHUTDOWN) }
                (serving.toList() + job.children).joinAll()
            }
            serving.forEach { it.cancel() }
            serving.toList().joinAll()
            scope.cancel()
            job.join()
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(DefaultRouter::class.java)
    }
}
