package io.wampkit.runner

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.dsl.call
import io.wampkit.dsl.subscribe
import io.wampkit.dsl.wampComponent
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.io.File
import java.util.concurrent.TimeUnit

/** The runner as its own JVM process (main class on the test classpath), as in production. */
class RunnerProcessSpec : FunSpec({
    fun runner(vararg args: String): Process {
        val java = File(System.getProperty("java.home"), "bin/java").path
        return ProcessBuilder(listOf(java, "-cp", System.getProperty("java.class.path"), "io.wampkit.runner.RunnerMainKt") + args)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
    }

    for (signal in listOf("TERM", "INT")) test("SIG$signal during an in-flight call: the call gets its result and the runner exits 0") {
        val router = wampRouter { realm("realm1") }
        val server = router.startServer(port = 0)
        val ready = CompletableDeferred<String>()
        val started = CompletableDeferred<Int>()
        val client = wampComponent("client") {
            url = server.url
            subscribe("test.ready") { name: String -> ready.complete(name) }
            subscribe("test.slow.started") { n: Int -> started.complete(n) }
        }
        try {
            withTimeout(120_000) {
                coroutineScope {
                    val clientJob = client.start(this)
                    client.session.first { it != null }
                    val process = runner("-c", "io.wampkit.runner.fixtures.SlowEcho", "-u", server.url, "--shutdown-timeout", "20")
                    ready.await() shouldBe "slow"
                    val result = async { client.call<Int>("test.slow", 21) }
                    started.await() shouldBe 21
                    if (signal == "TERM") {
                        process.destroy() // SIGTERM on Linux
                    } else {
                        withContext(Dispatchers.IO) { ProcessBuilder("kill", "-INT", process.pid().toString()).start().waitFor() } shouldBe 0
                    }
                    result.await() shouldBe 42
                    withContext(Dispatchers.IO) { process.waitFor(60, TimeUnit.SECONDS) } shouldBe true
                    process.exitValue() shouldBe 0
                    clientJob.cancel()
                }
            }
        } finally {
            router.close()
            server.stop()
        }
    }

    test("bad arguments: exit code 2, the reason and the usage on stderr") {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.wampkit.runner.RunnerMainKt", "-c", "a.B", "--bogus")
            .redirectErrorStream(true).start()
        val output = withContext(Dispatchers.IO) { process.inputStream.bufferedReader().readText().also { process.waitFor() } }
        process.exitValue() shouldBe 2
        output shouldContain "error: unknown option '--bogus'"
        output shouldContain "usage: java -jar wamp-runner.jar"
    }
})
