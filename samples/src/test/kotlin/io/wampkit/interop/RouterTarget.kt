package io.wampkit.interop

import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.webSocketConnector
import kotlinx.coroutines.withTimeout
import java.io.File
import java.net.InetAddress
import java.net.ServerSocket

/**
 * A router the interop specs run through: the in-process WampKit router (strict, no quirks) or the
 * third-party fox-wamp router (its documented deviations, README "fox-wamp deviations"). Each spec
 * [start]s a target once and [stop]s it in afterSpec.
 */
sealed class RouterTarget(val name: String) {
    /** Known deviations of this router, as the kit's quirk list names them. */
    abstract val quirks: Set<String>

    /** Environment for harness peers run through this router (`WAMP_QUIRKS` for fox-wamp only). */
    abstract val peerEnv: Map<String, String>

    private var url: String? = null

    /** Starts the router (once) and returns its WebSocket URL. */
    suspend fun start(): String = url ?: launch().also { url = it }

    /** Stops the router if it was started. Idempotent. */
    suspend fun stop() {
        if (url != null) shutdown()
        url = null
    }

    fun has(quirk: String): Boolean = quirk in quirks

    /** A WampKit session on realm1 of this (started) router, over WebSocket with JSON. */
    suspend fun join(): WampSession = withTimeout(JOIN_TIMEOUT_MILLIS) {
        webSocketConnector(start(), jsonSerializer()).join(Harness.REALM)
    }

    protected abstract suspend fun launch(): String
    protected abstract suspend fun shutdown()

    override fun toString(): String = name

    /** `wampRouter { realm("realm1") }.startServer(port = 0)`. */
    class WampKit : RouterTarget("WampKit router") {
        override val quirks: Set<String> = emptySet()
        override val peerEnv: Map<String, String> = emptyMap()
        private var router: WampRouter? = null
        private var server: WampRouterServer? = null

        override suspend fun launch(): String {
            val r = wampRouter { realm(Harness.REALM) }.also { router = it }
            return r.startServer(port = 0).also { server = it }.url
        }

        override suspend fun shutdown() {
            server?.stop()
            router?.close()
            server = null
            router = null
        }
    }

    /** fox-wamp through `router-up.sh PORT realm1 --compat`, stopped with `router-down.sh PORT`. */
    class Fox(private val harness: Harness) : RouterTarget("fox-wamp") {
        private val quirkList: String = File(harness.dir, "router/fox-wamp.quirks").readText().trim()
        override val quirks: Set<String> = quirkList.split(',').map { it.trim() }.filter { it.isNotEmpty() }.toSet()
        override val peerEnv: Map<String, String> = mapOf(Harness.QUIRKS_ENV to quirkList)
        private var port = 0
        private var pid: ProcessHandle? = null
        private val killOnExit: () -> Unit = { pid?.destroy() }

        override suspend fun launch(): String {
            val attempts = ArrayList<String>()
            repeat(START_ATTEMPTS) {
                val candidate = freePort()
                val script = harness.startScript("router-up.sh", candidate.toString(), Harness.REALM, "--compat")
                val rc = script.awaitExit(ROUTER_UP_TIMEOUT_MILLIS)
                val url = script.lines().lastOrNull { it.startsWith("ws://") }
                if (rc == 0 && url != null) {
                    port = candidate
                    pid = File(harness.dir, ".run/router-$candidate.pid").readText().trim().toLongOrNull()
                        ?.let { ProcessHandle.of(it).orElse(null) }
                    Harness.onShutdown(killOnExit)
                    return url
                }
                attempts += script.describe() + "\n" + routerLog(candidate)
            }
            throw AssertionError("fox-wamp did not start (router-up.sh, $START_ATTEMPTS attempts)\n" + attempts.joinToString("\n"))
        }

        override suspend fun shutdown() {
            val script = harness.startScript("router-down.sh", port.toString())
            val rc = script.awaitExit(ROUTER_DOWN_TIMEOUT_MILLIS)
            Harness.forgetOnShutdown(killOnExit)
            check(rc == 0) { "router-down.sh $port failed (rc=$rc)\n${script.describe()}" }
        }

        private fun routerLog(port: Int): String =
            File(harness.dir, ".run/router-$port.log").takeIf { it.exists() }?.let { "--- router log ---\n" + it.readText() } ?: ""
    }

    companion object {
        /** fox-wamp: a callee's ERROR reaches the caller as `wamp.error.callee_failure` with args `[<original URI>]`. */
        const val CALLEE_ERROR_URI_LOST = "callee-error-uri-lost"

        /** fox-wamp: a single list-valued positional argument is flattened, `[[1,2,3]]` arrives as `[1,2,3]`. */
        const val SINGLE_LIST_ARG_FLATTENED = "single-list-arg-flattened"

        /** The only deviations our own expectations (and the harness XFAILs we accept) may account for. */
        val LISTED_QUIRKS: Set<String> = setOf(CALLEE_ERROR_URI_LOST, SINGLE_LIST_ARG_FLATTENED)

        const val CALLEE_FAILURE = "wamp.error.callee_failure"

        /** Both targets, WampKit first. */
        fun all(harness: Harness): List<RouterTarget> = listOf(WampKit(), Fox(harness))

        /** For afterSpec: stops every harness peer still running, then every target; rethrows the first failure. */
        suspend fun stopAll(targets: List<RouterTarget>) {
            Harness.stopAllPeers()
            val failures = targets.mapNotNull { runCatching { it.stop() }.exceptionOrNull() }
            failures.firstOrNull()?.let { first -> failures.drop(1).forEach(first::addSuppressed); throw first }
        }

        private const val JOIN_TIMEOUT_MILLIS = 15_000L
        private const val START_ATTEMPTS = 3
        private const val ROUTER_UP_TIMEOUT_MILLIS = 30_000L
        private const val ROUTER_DOWN_TIMEOUT_MILLIS = 20_000L

        private fun freePort(): Int = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }
    }
}
