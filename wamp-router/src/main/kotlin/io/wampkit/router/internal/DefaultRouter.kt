package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.router.WampRouter
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean

/** The router owns one [SupervisorJob]; every session is a child of it, so one failing session is contained. */
internal class DefaultRouter(val config: RouterConfig) : WampRouter {
    private val job = SupervisorJob()
    private val scope = CoroutineScope(job + Dispatchers.Default + CoroutineName("wamp-router"))
    private val ids = RouterIds()
    private val realmsByName = config.realms.associateWith {
        Realm(it, ids, scope, config.maxRetainedTopics, config.security(it).authorizer)
    }
    private val closed = AtomicBoolean(false)

    override val realms: Set<String> get() = config.realms
    override val maxMessageSize: Int get() = config.maxMessageSize

    fun realm(name: String): Realm? = realmsByName[name]

    override suspend fun serve(transport: WampTransport) {
        if (closed.get()) {
            transport.close()
            return
        }
        val session = RouterSession(ids.newSession(), transport, this)
        val sessionJob = scope.launch(CoroutineName("wamp-router-session-${session.id}")) {
            try {
                session.run()
            } finally {
                ids.releaseSession(session.id)
            }
        }
        try {
            sessionJob.join()
        } finally {
            // the caller (e.g. a WebSocket handler) was cancelled: end the session with it
            withContext(NonCancellable) { sessionJob.cancelAndJoin() }
        }
    }

    override fun connector(): WampConnector = WampConnector {
        check(!closed.get()) { "the router is closed" }
        val (client, routerSide) = inMemoryTransportPair(name = "in-memory router")
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
                job.children.toList().joinAll()
            }
            scope.cancel()
            job.join()
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(DefaultRouter::class.java)
    }
}
