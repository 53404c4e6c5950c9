package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.join
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** The supervisor with real components over WebSocket. */
class SupervisorEndToEndSpec : FunSpec({
    val fx = embeddedRouterForSpec()

    test("a crashing component is restarted while its sibling keeps answering calls") {
        withTimeout(30_000) {
            val crashes = AtomicInteger()
            val crasherUp = CompletableDeferred<Unit>()
            val crasher = wampComponent("crasher") {
                url = fx.server.url
                onJoin {
                    if (crashes.incrementAndGet() <= 3) error("crash ${crashes.get()}")
                    register("com.sup.crasher") { -> "alive" }
                    crasherUp.complete(Unit)
                }
            }
            val steady = wampComponent("steady") {
                url = fx.server.url
                register("com.sup.ping") { n: Int -> n + 1 }
            }
            val supervisor = wampSupervisor {
                component(steady)
                component(crasher, restart = RestartPolicy.backoff(backoff(initialDelay = 100.milliseconds, maxDelay = 300.milliseconds)))
            }
            coroutineScope {
                val run = supervisor.start(this)
                val steadySession = steady.session.first { it != null }!!.sessionId
                val probe = fx.router.connector().join("realm1")
                val answers = CopyOnWriteArrayList<Int>()
                var i = 0
                while (!crasherUp.isCompleted) {
                    answers += (probe.call("com.sup.ping", wampListOf(i++)).args[0] as WampInt).value.toInt()
                }
                answers shouldBe List(i) { it + 1 }
                crashes.get() shouldBe 4
                probe.call("com.sup.crasher").args shouldBe wampListOf("alive")
                steady.session.value!!.sessionId shouldBe steadySession // never touched by the crashes
                probe.leave()
                supervisor.shutdown(5.seconds)
                run.join()
                fx.router.sessionCount("realm1") shouldBe 0
            }
        }
    }

    test("shutdown during in-flight calls lets them finish, refuses new ones, says GOODBYE and returns") {
        withTimeout(30_000) {
            val started = AtomicInteger()
            val allStarted = CompletableDeferred<Unit>()
            val closed = CompletableDeferred<SessionCloseDetails>()
            val worker = wampComponent("worker") {
                url = fx.server.url
                register("com.sup.work") { n: Int ->
                    if (started.incrementAndGet() == 3) allStarted.complete(Unit)
                    delay(500) // the work in flight while the shutdown begins
                    n * 10
                }
                onLeave { closed.complete(it) }
            }
            val supervisor = wampSupervisor { component(worker) }
            coroutineScope {
                val run = supervisor.start(this)
                worker.session.first { it != null }
                val probe = fx.router.connector().join("realm1")
                val calls = (1..3).map { n -> async { probe.call("com.sup.work", wampListOf(n)) } }
                allStarted.await()
                val shutdown = launch { supervisor.shutdown(10.seconds) }
                calls.awaitAll().map { (it.args[0] as WampInt).value } shouldBe listOf(10L, 20L, 30L)
                shutdown.join()
                run.isCompleted shouldBe true
                val details = closed.await()
                details.isGraceful shouldBe true
                details.reason shouldBe WampErrors.CLOSE_NORMAL
                shouldThrow<WampException> { probe.call("com.sup.work", wampListOf(4)) }.uri shouldBe WampErrors.NO_SUCH_PROCEDURE
                fx.router.sessionCount("realm1") shouldBe 1 // the probe only
                probe.leave()
            }
        }
    }
})
