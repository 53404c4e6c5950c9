package io.wampkit.dsl

import io.wampkit.dsl.internal.DefaultSupervisor
import io.wampkit.dsl.internal.SupervisedEntry
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Runs many components in one process, each in its own child job under one supervisor: a component that
 * fails touches no other, and is restarted per its [RestartPolicy]. Create one with [wampSupervisor].
 */
public interface WampSupervisor {
    /** The supervised components, in the order they were added. */
    public val components: List<WampComponent>

    /**
     * Runs every component until each has ended for good (left on purpose, or failed with no restart left)
     * or [shutdown] has stopped them. Restarts are logged at WARN with their cause.
     * @throws WampSupervisorException when some component ended in failure; the others were unaffected.
     */
    public suspend fun run()

    /** Runs [run] in [scope]; the returned job completes when it has returned. */
    public fun start(scope: CoroutineScope): Job

    /**
     * Stops everything gracefully within [deadline]: no more restarts; every component stops accepting
     * invocations, unregisters, lets running handlers finish, and says GOODBYE (see [WampComponent.stop]);
     * what is still running at the deadline is cancelled. Returns when [run] has returned; nothing of the
     * supervisor keeps running afterwards. Idempotent.
     */
    public suspend fun shutdown(deadline: Duration = DEFAULT_SHUTDOWN_DEADLINE)

    public companion object {
        /** Default of [shutdown]'s deadline. */
        public val DEFAULT_SHUTDOWN_DEADLINE: Duration = 10.seconds
    }
}

/** Some supervised components ended in failure; each one's failure is in [failures] (and the first is [cause]). */
public class WampSupervisorException(public val failures: Map<String, Throwable>) :
    IllegalStateException("component(s) failed: ${failures.keys.joinToString()}", failures.values.firstOrNull())

/**
 * Defines a supervisor:
 * ```
 * val supervisor = wampSupervisor {
 *     component(calc)
 *     component(feed, restart = RestartPolicy.backoff())
 *     necromancy = true // restart every component that has no policy of its own
 * }
 * supervisor.installShutdownHook()
 * supervisor.run()
 * ```
 */
public fun wampSupervisor(configure: SupervisorBuilder.() -> Unit): WampSupervisor {
    val builder = SupervisorBuilder().apply(configure)
    return DefaultSupervisor(builder.build())
}

/** Builder of a [WampSupervisor]; see [wampSupervisor]. */
@WampDsl
public class SupervisorBuilder internal constructor() {
    /**
     * Restart every component that has no [RestartPolicy] of its own with [necromancyPolicy] (the runner's
     * `--necromancy`). An explicit policy, also [RestartPolicy.Never], wins.
     */
    public var necromancy: Boolean = false

    /** The policy [necromancy] applies; by default Autobahn's backoff timing, forever. */
    public var necromancyPolicy: RestartPolicy = RestartPolicy.backoff()

    private val entries = ArrayList<Pair<WampComponent, RestartPolicy?>>()

    /** Supervises [component]; [restart] null means: no restart unless [necromancy]. */
    public fun component(component: WampComponent, restart: RestartPolicy? = null) {
        entries += component to restart
    }

    internal fun build(): List<SupervisedEntry> {
        require(entries.isNotEmpty()) { "a supervisor needs at least one component" }
        val names = entries.map { it.first.name }
        require(names.size == names.toSet().size) { "component names must be unique, got $names" }
        require(entries.map { it.first }.toSet().size == entries.size) { "a component can be supervised once" }
        return entries.map { (component, restart) ->
            SupervisedEntry(component, restart ?: if (necromancy) necromancyPolicy else RestartPolicy.Never)
        }
    }
}
