package io.wampkit.interop

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.future.await
import kotlinx.coroutines.withTimeoutOrNull
import java.io.File
import java.io.IOException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.concurrent.thread

/**
 * The third-party interop kit (see its README): fox-wamp, Autobahn|JS, wampy.js, Autobahn|Python and
 * autobahn-java peers, started as processes through `peer.sh`. Found through the system property
 * [DIR_PROPERTY]; `setup.sh` must have been run there.
 */
class Harness private constructor(val dir: File) {
    /** fixtures/payload.json, the test data every harness peer uses too. */
    val fixture: PayloadFixture by lazy { PayloadFixture.load(File(dir, "fixtures/payload.json")) }

    /** Starts `peer.sh CLIENT ROLE URL realm1 OPTS...` with the peer environment of [target]. */
    fun startPeer(client: String, role: String, url: String, target: RouterTarget, vararg opts: String): Peer =
        start("$client $role", target.peerEnv, listOf(File(dir, "peer.sh").path, client, role, url, REALM) + opts)

    /** Starts any [command] (e.g. one of our own Python peers) from the kit's folder, with no quirks set. */
    fun startCommand(label: String, command: List<String>): Peer = start(label, emptyMap(), command)

    /** Starts one of the kit's scripts (e.g. `router-up.sh`) with no quirks in its environment. */
    fun startScript(script: String, vararg args: String): Peer =
        start(script, emptyMap(), listOf(File(dir, script).path) + args)

    private fun start(label: String, env: Map<String, String>, command: List<String>): Peer {
        val builder = ProcessBuilder(command).directory(dir).redirectErrorStream(true)
        builder.environment().remove(QUIRKS_ENV) // never inherit quirks: only a quirky target sets them
        builder.environment().putAll(env)
        val process = builder.start()
        process.outputStream.close()
        return Peer(label, process)
    }

    companion object {
        const val DIR_PROPERTY = "wampkit.interop.dir"
        const val QUIRKS_ENV = "WAMP_QUIRKS"
        const val REALM = "realm1"

        /** The kit named by [DIR_PROPERTY], checked to be set up (writable, installed). */
        fun locate(): Harness {
            val path = System.getProperty(DIR_PROPERTY)
                ?: error("system property $DIR_PROPERTY is not set (the Maven build passes it; run with -D$DIR_PROPERTY=DIR)")
            val dir = File(path).canonicalFile
            check(File(dir, "peer.sh").canExecute()) { "$dir is not the WAMP interop kit (no executable peer.sh)" }
            check(File(dir, ".cache/node/node_modules/fox-wamp").isDirectory && File(dir, ".cache/java/target/classes").isDirectory) {
                "the interop kit at $dir is not set up: run $dir/setup.sh (in a writable copy)"
            }
            check(dir.canWrite()) { "the interop kit at $dir is read-only: copy it somewhere writable (see its README)" }
            return Harness(dir)
        }

        private val live = ConcurrentHashMap.newKeySet<Peer>()
        private val shutdownActions = ConcurrentHashMap.newKeySet<() -> Unit>()

        init {
            Runtime.getRuntime().addShutdownHook(thread(start = false, name = "interop-cleanup") { stopEverything() })
        }

        /** Runs [action] if the JVM exits before it was [forgotten][forgetOnShutdown]. */
        fun onShutdown(action: () -> Unit) = shutdownActions.add(action)
        fun forgetOnShutdown(action: () -> Unit) = shutdownActions.remove(action)

        /** Stops every peer still running (a safety net for afterSpec and JVM exit). */
        fun stopAllPeers() = live.toList().forEach { it.stop() }

        private fun stopEverything() {
            stopAllPeers()
            shutdownActions.toList().forEach { runCatching(it) }
        }

        internal fun track(peer: Peer) = live.add(peer)
        internal fun untrack(peer: Peer) = live.remove(peer)
    }
}

/**
 * One running peer (or script): its output is read line by line on a thread, kept as a transcript for
 * failure messages and offered to [awaitLine]. [stop] ends it and its descendants.
 */
class Peer internal constructor(val label: String, private val process: Process) {
    private val transcript = ArrayList<String>()
    private val lines = Channel<String>(Channel.UNLIMITED)
    private val outputEnded = CompletableDeferred<Unit>()
    private val stopped = AtomicBoolean(false)

    init {
        Harness.track(this)
        thread(isDaemon = true, name = "interop-out-$label") {
            try {
                process.inputStream.bufferedReader(Charsets.UTF_8).forEachLine { line ->
                    synchronized(transcript) { transcript += line }
                    lines.trySend(line)
                }
            } catch (_: IOException) {
                // the process was destroyed while we were reading
            } finally {
                lines.close()
                outputEnded.complete(Unit)
            }
        }
    }

    val pid: Long get() = process.pid()

    /** Every line printed so far. */
    fun lines(): List<String> = synchronized(transcript) { transcript.toList() }

    /** The transcript, framed for an assertion message. */
    fun describe(): String {
        val state = if (process.isAlive) "running" else "exited rc=${process.exitValue()}"
        return "--- output of $label (pid $pid, $state) ---\n" + lines().joinToString("\n") + "\n--- end of $label ---"
    }

    /** Waits for the next line (after those already consumed here) that [matches]; fails on timeout or exit. */
    suspend fun awaitLine(what: String, timeoutMillis: Long, matches: (String) -> Boolean): String {
        var ended = false
        val found = withTimeoutOrNull(timeoutMillis) {
            for (line in lines) if (matches(line)) return@withTimeoutOrNull line
            ended = true
            null
        }
        return found ?: throw AssertionError(
            "$label: no $what line " + (if (ended) "before its output ended" else "within $timeoutMillis ms") + "\n" + describe(),
        )
    }

    /** Waits for the process to exit and its output to end; stops it and fails when that takes too long. */
    suspend fun awaitExit(timeoutMillis: Long): Int {
        val exited = withTimeoutOrNull(timeoutMillis) { process.onExit().await() }
        if (exited == null) {
            stop()
            throw AssertionError("$label did not exit within $timeoutMillis ms; stopped it\n" + describe())
        }
        withTimeoutOrNull(OUTPUT_GRACE_MILLIS) { outputEnded.await() }
        return process.exitValue()
    }

    /** SIGTERM to the process and its descendants, SIGKILL after a grace period. Idempotent. */
    fun stop() {
        if (!stopped.compareAndSet(false, true)) return
        try {
            val family = process.descendants().toList()
            family.forEach { it.destroy() }
            process.destroy()
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)
            }
            family.filter { it.isAlive }.forEach { it.destroyForcibly() }
        } finally {
            Harness.untrack(this)
        }
    }

    override fun toString(): String = "$label (pid $pid)"

    private companion object {
        const val OUTPUT_GRACE_MILLIS = 5_000L
        const val STOP_GRACE_SECONDS = 5L
    }
}

/**
 * Runs [block]; whatever makes it fail (assertion, timeout, WAMP error) is rethrown as an [AssertionError]
 * that carries the captured output of [peers], so that CI logs show the third-party side too.
 */
suspend fun <T> withOutputOf(vararg peers: Peer, block: suspend () -> T): T =
    try {
        block()
    } catch (e: Throwable) {
        if (e is CancellationException && e !is kotlinx.coroutines.TimeoutCancellationException) throw e
        throw AssertionError("${e::class.simpleName}: ${e.message}\n" + peers.joinToString("\n") { it.describe() }, e)
    }
