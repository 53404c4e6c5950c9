package io.wampkit.samples

import io.wampkit.dsl.RestartPolicy
import io.wampkit.dsl.backoff
import io.wampkit.dsl.call
import io.wampkit.dsl.register
import io.wampkit.dsl.wampComponent
import io.wampkit.dsl.wampSupervisor
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.util.concurrent.atomic.AtomicInteger
import kotlin.system.exitProcess
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** What [runSupervisorDemo] saw: add2's answers while flaky was down, and flaky's answer once it stayed up. */
data class SupervisorDemoReport(val crashes: Int, val sumsDuringCrashes: List<Int>, val flakyAnswer: String)

/**
 * Three components under one supervisor with necromancy: `add2` serves, `flaky` crashes in `onJoin` [crashes]
 * times and is restarted each time, `caller` keeps calling add2 meanwhile. Once flaky serves, the supervisor
 * is shut down gracefully.
 */
suspend fun runSupervisorDemo(url: String, realm: String, crashes: Int, say: (String) -> Unit): SupervisorDemoReport {
    val attempts = AtomicInteger()
    val crashed = Channel<Int>(Channel.UNLIMITED)
    val flakyUp = CompletableDeferred<Unit>()
    val add2 = wampComponent("add2") {
        this.url = url
        this.realm = realm
        register("com.example.add2") { a: Int, b: Int -> a + b }
    }
    val flaky = wampComponent("flaky") {
        this.url = url
        this.realm = realm
        onJoin {
            val attempt = attempts.incrementAndGet()
            if (attempt <= crashes) {
                say("flaky: crashing on join #$attempt")
                crashed.send(attempt)
                throw IllegalStateException("flaky crash #$attempt")
            }
            register("com.example.flaky.hello") { -> "flaky up after $crashes restarts" }
            say("flaky: serving on join #$attempt")
            flakyUp.complete(Unit)
        }
    }
    val caller = wampComponent("caller") {
        this.url = url
        this.realm = realm
    }
    val supervisor = wampSupervisor {
        necromancy = true
        necromancyPolicy = RestartPolicy.backoff(backoff(200.milliseconds, 1.0, 200.milliseconds, 0.0))
        component(add2)
        component(flaky)
        component(caller)
    }
    return coroutineScope {
        val job = supervisor.start(this)
        try {
            add2.awaitSession() // joined, with its declared registration in place
            val sums = (1..crashes).map { n ->
                crashed.receive()
                caller.call<Int>("com.example.add2", n, 40).also { say("caller: add2($n, 40) = $it while flaky is down") }
            }
            flakyUp.await()
            val answer: String = caller.call("com.example.flaky.hello")
            say("caller: flaky says '$answer'")
            SupervisorDemoReport(attempts.get() - 1, sums, answer)
        } finally {
            supervisor.shutdown(5.seconds)
            job.join()
        }
    }
}

/** `java -cp samples/target/wampkit-samples.jar io.wampkit.samples.SupervisorDemoKt`: the supervisor demo on an embedded router. */
fun main() {
    val ok = runBlocking {
        val router = wampRouter { realm("realm1") }
        val server = router.startServer(port = 0)
        try {
            withTimeout(30_000) { runSupervisorDemo(server.url, "realm1", 2) { println(it) } }
            true
        } catch (e: Exception) {
            System.err.println("supervisor demo failed: $e")
            false
        } finally {
            router.close()
            server.stop()
        }
    }
    println(if (ok) "supervisor demo finished" else "supervisor demo FAILED")
    exitProcess(if (ok) 0 else 1)
}
