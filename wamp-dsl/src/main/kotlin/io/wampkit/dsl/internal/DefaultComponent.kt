package io.wampkit.dsl.internal

import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.dsl.ComponentSession
import io.wampkit.dsl.WampComponent
import io.wampkit.dsl.WhileDisconnected
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.WampSession
import io.wampkit.session.join
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
import kotlin.random.Random
import kotlin.time.Duration

/**
 * A component's life: join, declarations, onJoin, await the end, and reconnect with backoff after a loss.
 * [run] runs the loop as one child job, so [stop] can interrupt a backoff wait or a connect in progress.
 */
internal class DefaultComponent(
    private val config: ComponentConfig,
    private val random: Random = Random.Default,
) : WampComponent {
    override val name: String get() = config.name
    private val log = LoggerFactory.getLogger("io.wampkit.component.${config.name}")
    private val current = MutableStateFlow<GatedSession?>(null)
    override val session: StateFlow<WampSession?> get() = current
    private val joins = AtomicLong()
    private val running = AtomicBoolean(false)

    @Volatile private var stopping = false

    @Volatile private var loopJob: Job? = null

    @Volatile private var joined: GatedSession? = null

    /** Number of joins so far; the supervisor resets its restart count when this moves. */
    val joinCount: Long get() = joins.get()

    override suspend fun run(): SessionCloseDetails {
        check(running.compareAndSet(false, true)) { "component $name is already running" }
        try {
            if (stopping) return SessionCloseDetails(WampErrors.CLOSE_NORMAL, "component $name stopped")
            return coroutineScope {
                val loop = async(CoroutineName("wamp-component-$name")) { loop() }
                loopJob = loop
                try {
                    loop.await()
                } catch (e: CancellationException) {
                    currentCoroutineContext().ensureActive() // our caller was cancelled: propagate
                    if (!stopping) throw e
                    SessionCloseDetails(WampErrors.CLOSE_NORMAL, "component $name stopped")
                }
            }
        } finally {
            loopJob = null
            running.set(false)
        }
    }

    override fun start(scope: CoroutineScope): Job = scope.launch(CoroutineName("wamp-component-$name")) { run() }

    override suspend fun awaitSession(): WampSession {
        current.value?.let { return it }
        if (stopping) throw WampConnectionClosedException("component $name is stopping")
        return when (val policy = config.whileDisconnected) {
            WhileDisconnected.FailFast -> throw WampConnectionClosedException("component $name is not connected")
            is WhileDisconnected.Wait -> withTimeoutOrNull(policy.maxMillis) { current.filterNotNull().first() }
                ?: throw WampConnectionClosedException("component $name did not join within ${policy.maxMillis} ms")
        }
    }

    override suspend fun stop(gracePeriod: Duration) {
        stopping = true
        val session = joined
        if (session != null) drainAndLeave(session, gracePeriod) else loopJob?.cancel(CancellationException("component $name stopped"))
        loopJob?.join()
    }

    private suspend fun drainAndLeave(session: GatedSession, gracePeriod: Duration) {
        session.gate.close()
        withTimeoutOrNull(gracePeriod) {
            for (registration in session.registrations) {
                try {
                    registration.unregister()
                } catch (e: Exception) {
                    log.debug("component {}: unregistering {} failed: {}", name, registration.procedure, e.message)
                }
            }
            session.gate.awaitIdle()
        }
        val left = session.gate.inFlight
        if (left > 0) log.warn("component {}: {} handler(s) still running after {}; leaving anyway", name, left, gracePeriod)
        session.delegate.leave(WampErrors.CLOSE_NORMAL, "component $name stopped")
    }

    private suspend fun loop(): SessionCloseDetails {
        var failures = 0
        while (true) {
            val session = try {
                config.connector.join(config.realm, currentCoroutineContext() + CoroutineName("wamp-$name"))
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                val backoff = config.reconnect
                if (backoff == null || !isRetryable(e)) throw e
                failures++
                if (!backoff.allows(failures)) {
                    throw WampConnectionClosedException("component $name gave up after $failures attempt(s): ${e.message}", cause = e)
                }
                val wait = backoff.delayBefore(failures, random)
                log.warn("component {} cannot join {}: {}; attempt {} in {}", name, config.realm, e.message, failures, wait)
                delay(wait)
                continue
            }
            failures = 0
            val details = serve(session)
            val backoff = config.reconnect
            if (stopping || backoff == null || !shouldReconnect(details)) return details
            failures = 1
            if (!backoff.allows(failures)) {
                throw WampConnectionClosedException("component $name lost its session (${details.reason}) and may not reconnect", details.reason, details.cause)
            }
            val wait = backoff.delayBefore(failures, random)
            log.warn("component {} lost its session ({}); reconnecting in {}", name, details.reason, wait)
            delay(wait)
        }
    }

    /** One session: declarations, onJoin, then the end; returns how it ended. */
    private suspend fun serve(raw: WampSession): SessionCloseDetails {
        joins.incrementAndGet()
        log.info("component {} joined realm {} as session {}", name, config.realm, raw.sessionId)
        val session = GatedSession(raw, InvocationGate())
        joined = session
        try {
            if (stopping) {
                raw.leave(WampErrors.CLOSE_NORMAL, "component $name stopped")
            } else {
                establish(session)
            }
            return raw.awaitClosed().also { log.info("component {} left: {}", name, it.reason) }
        } catch (e: Throwable) {
            withContext(NonCancellable) { raw.leave(WampErrors.CLOSE_NORMAL, "component $name stopped") }
            throw e
        } finally {
            current.value = null
            joined = null
            withContext(NonCancellable) {
                val details = raw.awaitClosed()
                config.onLeave?.let { runCatching { it(details) }.onFailure { e -> log.warn("onLeave of {} failed", name, e) } }
                config.onDisconnect?.let { runCatching { it() }.onFailure { e -> log.warn("onDisconnect of {} failed", name, e) } }
            }
        }
    }

    private suspend fun establish(session: GatedSession) {
        val scope = ComponentSession(session, log)
        try {
            withContext(session.delegate.coroutineContext) {
                for (declaration in config.declarations) {
                    log.debug("component {}: {}", name, declaration.description)
                    declaration.establish(scope)
                }
                current.value = session
                config.onJoin?.invoke(scope)
            }
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive() // our caller was cancelled: propagate
            if (session.isActive) throw e
            // the session ended while onJoin ran (leave() inside it, or the router closed it): not a failure
        } catch (e: WampConnectionClosedException) {
            if (session.isActive) throw e // the session ended under a request of onJoin: not onJoin's failure
        }
    }

    private fun shouldReconnect(details: SessionCloseDetails): Boolean =
        if (details.byPeer) details.reason != WampErrors.CLOSE_NORMAL else details.cause != null

    private fun isRetryable(e: Exception): Boolean = when (e) {
        is WampAbortedException -> e.reason == WampErrors.SYSTEM_SHUTDOWN || e.reason == WampErrors.CLOSE_REALM
        is IllegalArgumentException -> false
        else -> true
    }
}
