package io.wampkit.dsl.internal

import io.wampkit.dsl.RestartPolicy
import io.wampkit.dsl.WampComponent
import io.wampkit.dsl.WampSupervisor
import io.wampkit.dsl.WampSupervisorException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.supervisorScope
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.random.Random
import kotlin.time.Duration

internal class SupervisedEntry(val component: WampComponent, val restart: RestartPolicy)

/**
 * One job for the whole supervision (created by [run]), one child per component. A child never throws: it
 * returns its component's final failure, so no sibling is cancelled.
 */
internal class DefaultSupervisor(
    private val entries: List<SupervisedEntry>,
    private val random: Random = Random.Default,
) : WampSupervisor {
    override val components: List<WampComponent> = entries.map { it.component }
    private val running = AtomicBoolean(false)
    private val stopping = AtomicBoolean(false)
    private val finished = CompletableDeferred<Unit>()

    @Volatile private var job: Job? = null

    override suspend fun run() {
        check(running.compareAndSet(false, true)) { "a supervisor runs once" }
        try {
            val failures = coroutineScope {
                val outcomes = CompletableDeferred<Map<String, Throwable>>()
                val supervision = launch(CoroutineName("wamp-supervisor")) {
                    outcomes.complete(supervisorScope {
                        entries.map { entry ->
                            async(CoroutineName("wamp-supervised-${entry.component.name}")) { entry.component.name to supervise(entry) }
                        }.awaitAll().mapNotNull { (name, failure) -> failure?.let { name to it } }.toMap()
                    })
                }
                job = supervision
                if (stopping.get()) supervision.cancel()
                supervision.join()
                if (outcomes.isCompleted) outcomes.await() else emptyMap()
            }
            if (failures.isNotEmpty()) throw WampSupervisorException(failures)
        } finally {
            job = null
            finished.complete(Unit)
        }
    }

    override fun start(scope: CoroutineScope): Job = scope.launch(CoroutineName("wamp-supervisor-run")) { run() }

    override suspend fun shutdown(deadline: Duration) {
        if (!stopping.compareAndSet(false, true)) {
            if (running.get()) finished.await()
            return
        }
        log.info("supervisor shutting down {} component(s), deadline {}", entries.size, deadline)
        withTimeoutOrNull(deadline) {
            coroutineScope {
                for (entry in entries) launch(CoroutineName("wamp-stop-${entry.component.name}")) { entry.component.stop(deadline) }
            }
            job?.join()
        } ?: log.warn("supervisor: components still running at the {} deadline are cancelled", deadline)
        job?.cancelAndJoin()
        if (running.get()) finished.await()
    }

    /** Runs one component, restarting it per its policy; returns its final failure, or null. */
    private suspend fun supervise(entry: SupervisedEntry): Throwable? {
        val component = entry.component
        val tracked = component as? DefaultComponent // its joins reset the attempt count
        var attempt = 0
        while (true) {
            val joinsBefore = tracked?.joinCount
            try {
                component.run()
                return null
            } catch (e: CancellationException) {
                throw e
            } catch (e: Throwable) {
                if (stopping.get()) return null
                val policy = entry.restart
                if (tracked != null && tracked.joinCount != joinsBefore) attempt = 0
                attempt++
                if (policy !is RestartPolicy.WithBackoff || !policy.backoff.allows(attempt)) {
                    log.error("component {} failed; not restarting", component.name, e)
                    return e
                }
                val wait = policy.backoff.delayBefore(attempt, random)
                log.warn("component {} failed; restart {} in {}", component.name, attempt, wait, e)
                delay(wait)
                if (stopping.get()) return null
            }
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger("io.wampkit.supervisor")
    }
}
