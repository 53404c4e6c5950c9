package io.wampkit.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.session.join
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.io.File
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

/** A separate JVM running a supervisor gets SIGTERM while calls are in flight. */
class SigtermSpec : FunSpec({
    test("SIGTERM during in-flight calls: the calls finish, the session says GOODBYE, the process exits 0") {
        val router = wampRouter { realm("realm1") }
        val server = router.startServer(port = 0)
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SigtermMain::class.java.name, server.url)
            .redirectErrorStream(true).start()
        val lines = Channel<String>(Channel.UNLIMITED)
        val output = StringBuffer()
        val reader = thread(name = "sigterm-output", isDaemon = true) {
            try {
                process.inputStream.bufferedReader().forEachLine { output.appendLine(it); lines.trySend(it) }
            } catch (_: java.io.IOException) {
                // the JDK's process reaper may close the pipe under a reader once the process has exited
            } finally {
                lines.close()
            }
        }
        suspend fun awaitLine(prefix: String): String {
            while (true) {
                val line = lines.receiveCatching().getOrNull() ?: error("process ended early:\n$output")
                if (line.startsWith(prefix)) return line
            }
        }
        try {
            withTimeout(60_000) {
                awaitLine("READY")
                val probe = router.connector().join("realm1")
                coroutineScope {
                    val calls = (1..2).map { n -> async { probe.call("com.sig.work", wampListOf(n)) } }
                    awaitLine("STARTED")
                    awaitLine("STARTED")
                    process.destroy() // SIGTERM
                    calls.awaitAll().map { (it.args[0] as WampInt).value } shouldBe listOf(2L, 4L)
                }
                withContext(Dispatchers.IO) { process.waitFor(30, TimeUnit.SECONDS) } shouldBe true
                process.exitValue() shouldBe 0 // main returned: run() ended normally after the graceful shutdown
                router.sessionCount("realm1") shouldBe 1 // the worker said GOODBYE; only the probe is left
                probe.leave()
            }
        } catch (e: Throwable) {
            val state = "alive=${process.isAlive} exit=${runCatching { process.exitValue() }} reader=${reader.state} " +
                reader.stackTrace.take(6).joinToString(" < ")
            throw AssertionError("$state\nchild output:\n$output", e)
        } finally {
            process.destroyForcibly()
            reader.join(5_000)
            server.stop()
            router.close()
        }
    }
})
