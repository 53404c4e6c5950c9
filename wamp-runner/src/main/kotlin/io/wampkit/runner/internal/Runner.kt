package io.wampkit.runner.internal

import io.wampkit.dsl.RestartPolicy
import io.wampkit.dsl.WampComponent
import io.wampkit.dsl.WampSupervisor
import io.wampkit.dsl.backoff
import io.wampkit.dsl.wampSupervisor
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.serialization.serializerNamed
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.selects.select
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.seconds

/**
 * One run of the runner: loads every `-c` component (a failure is reported by name and skips only that one),
 * starts the embedded router when there is no URL, supervises the components, and on [requestStop] shuts
 * them down gracefully within the shutdown timeout.
 * [run] returns the exit code: 0 after a requested stop or when every component left on purpose, 1 when some
 * component ended in failure, 2 when the extra file is bad or no component could be loaded.
 */
internal class Runner(
    private val options: RunnerOptions,
    private val out: (String) -> Unit = { println(it) },
    private val err: (String) -> Unit = { System.err.println(it) },
) {
    private val stopRequested = CompletableDeferred<Unit>()

    /** The URL the components connect to, once known. */
    val routerUrl: CompletableDeferred<String> = CompletableDeferred()

    /** The names of the components that run, once each of them has joined (once). */
    val joined: CompletableDeferred<List<String>> = CompletableDeferred()

    /** Asks [run] to shut down gracefully and return 0 (what SIGTERM and SIGINT do). Idempotent. */
    fun requestStop() {
        stopRequested.complete(Unit)
    }

    suspend fun run(): Int {
        val extras = try {
            options.extraFile?.let { ExtraConfig.read(it) }
        } catch (e: IllegalArgumentException) {
            err("error: ${e.message}")
            return 2
        }
        val loaded = load()
        if (loaded.isEmpty()) {
            err("error: no component could be loaded")
            return 2
        }
        var router: WampRouter? = null
        var server: WampRouterServer? = null
        try {
            val url = options.url ?: run {
                router = wampRouter { realm(options.realm) }.also { server = it.startServer(port = options.routerPort) }
                server!!.url.also { out("embedded router listening on $it") }
            }
            routerUrl.complete(url)
            val components = create(loaded, url, extras)
            if (components.isEmpty()) {
                err("error: no component could be created")
                return 2
            }
            return supervise(components)
        } finally {
            withContext(NonCancellable) {
                router?.close()
                server?.stop()
            }
        }
    }

    private suspend fun load(): List<LoadResult.Loaded> {
        val results = options.components.map { source ->
            if (ScriptComponents.isScript(source)) {
                withContext(Dispatchers.IO) { ScriptComponents.load(source) }
            } else {
                ClassComponents.load(source)
            }
        }
        val names = HashSet<String>()
        return results.mapNotNull { result ->
            when (result) {
                is LoadResult.Failed -> null.also { err("error: ${result.reason}") }
                is LoadResult.Loaded -> if (names.add(result.name)) result else null.also {
                    err("error: component '${result.name}' (${result.source}): another component has that name")
                }
            }
        }
    }

    private fun create(loaded: List<LoadResult.Loaded>, url: String, extras: ExtraConfig?): List<WampComponent> {
        val serializers = options.serializers.map { requireNotNull(serializerNamed(it)) { "no serializer $it" } }
        return loaded.mapNotNull { entry ->
            try {
                val extra = ExtraConfig.forComponent(extras, entry.name, loaded.size)
                entry.factory.create(ComponentSetup(entry.name, url, options.realm, serializers, extra))
            } catch (e: Exception) {
                err("error: component '${entry.name}' (${entry.source}) failed to start: ${ClassComponents.describe(e)}")
                null
            }
        }
    }

    private suspend fun supervise(components: List<WampComponent>): Int = coroutineScope {
        val supervisor = wampSupervisor {
            necromancy = options.necromancy
            options.necromancySleep?.let { necromancyPolicy = RestartPolicy.backoff(backoff(it.seconds, 1.0, it.seconds, 0.0)) }
            components.forEach { component(it) }
        }
        val outcome = async(CoroutineName("wamp-runner")) { runCatching { supervisor.run() } }
        val names = components.map { it.name }
        out("running ${names.joinToString(", ")}")
        val joinWatch = launch(CoroutineName("wamp-runner-joins")) {
            components.forEach { component -> component.session.first { it != null } }
            out("joined: ${names.joinToString(", ")}")
            joined.complete(names)
        }
        val stopped = select {
            outcome.onAwait { false }
            stopRequested.onAwait { true }
        }
        joinWatch.cancel()
        if (stopped) stop(supervisor)
        val failure = outcome.await().exceptionOrNull()
        when {
            stopped -> 0
            failure == null -> 0
            else -> 1.also { err("error: ${failure.message}") }
        }
    }

    private suspend fun stop(supervisor: WampSupervisor) {
        out("shutting down (${options.shutdownTimeoutSeconds} s for in-flight calls)")
        supervisor.shutdown(options.shutdownTimeoutSeconds.seconds)
    }
}
