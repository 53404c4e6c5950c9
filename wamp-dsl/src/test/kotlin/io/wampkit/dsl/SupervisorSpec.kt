@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.WampSession
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A scripted component: [behaviour] is its run() for the n-th start (from 1). */
private class FakeComponent(
    override val name: String,
    private val clock: () -> Long,
    private val behaviour: suspend FakeComponent.(Int) -> SessionCloseDetails,
) : WampComponent {
    val starts = mutableListOf<Long>()
    var stops = 0
    val stopSignal = CompletableDeferred<Unit>()
    override val session: StateFlow<WampSession?> = MutableStateFlow(null)
    override suspend fun run(): SessionCloseDetails {
        starts += clock()
        return behaviour(starts.size)
    }
    override fun start(scope: CoroutineScope): Job = scope.launch { run() }
    override suspend fun awaitSession(): WampSession = throw WampConnectionClosedException("fake")
    override suspend fun stop(gracePeriod: Duration) {
        stops++
        stopSignal.complete(Unit)
    }
}

private val LEFT = SessionCloseDetails(WampErrors.CLOSE_NORMAL)
private val quick = backoff(initialDelay = 100.milliseconds, multiplier = 2.0, jitter = 0.0, maxAttempts = 3)

private fun TestScope.fake(name: String, behaviour: suspend FakeComponent.(Int) -> SessionCloseDetails) =
    FakeComponent(name, { currentTime }, behaviour)

/** Restart policy and shutdown of the supervisor on virtual time. */
class SupervisorSpec : FunSpec({
    test("a failing component is restarted after its backoff delays until it gives up; its sibling is untouched") {
        runTest {
            val crasher = fake("crasher") { n -> error("boom $n") }
            val sibling = fake("sibling") { delay(5_000); LEFT }
            val supervisor = wampSupervisor {
                component(crasher, restart = RestartPolicy.backoff(quick))
                component(sibling)
            }
            val e = shouldThrow<WampSupervisorException> { supervisor.run() }
            crasher.starts shouldBe listOf(0L, 100L, 300L, 700L)
            sibling.starts shouldBe listOf(0L)
            e.failures.keys shouldBe setOf("crasher")
            e.failures["crasher"]!!.message shouldBe "boom 4"
            currentTime shouldBe 5_000L
        }
    }

    test("without a policy a failure is final; necromancy restarts those without one; an explicit Never wins") {
        runTest {
            val plain = fake("plain") { error("once") }
            shouldThrow<WampSupervisorException> { wampSupervisor { component(plain) }.run() }
            plain.starts.size shouldBe 1

            val revived = fake("revived") { n -> if (n < 3) error("crash $n") else LEFT }
            val never = fake("never") { error("stays down") }
            val e = shouldThrow<WampSupervisorException> {
                wampSupervisor {
                    necromancy = true
                    necromancyPolicy = RestartPolicy.backoff(quick)
                    component(revived)
                    component(never, restart = RestartPolicy.Never)
                }.run()
            }
            revived.starts.size shouldBe 3
            never.starts.size shouldBe 1
            e.failures.keys shouldBe setOf("never")
        }
    }

    test("a component that ends normally is not restarted, even with a policy") {
        runTest {
            val c = fake("leaves") { LEFT }
            wampSupervisor { component(c, restart = RestartPolicy.backoff(quick)) }.run()
            c.starts.size shouldBe 1
        }
    }

    test("shutdown stops every component, restarts no one, and returns once run() has returned") {
        runTest {
            val a = fake("a") { stopSignal.await(); LEFT }
            val b = fake("b") { n -> if (n == 1) { stopSignal.await(); error("failed while stopping") } else LEFT }
            val supervisor = wampSupervisor {
                component(a)
                component(b, restart = RestartPolicy.backoff(quick))
            }
            val run = supervisor.start(this)
            advanceTimeBy(1_000)
            supervisor.shutdown(5.seconds)
            run.isCompleted shouldBe true
            a.stops shouldBe 1
            b.stops shouldBe 1
            b.starts.size shouldBe 1
            currentTime shouldBe 1_000L
        }
    }

    test("a component that does not stop is cancelled at the deadline") {
        runTest {
            val stubborn = fake("stubborn") { awaitCancellation() }
            val supervisor = wampSupervisor { component(stubborn) }
            val run = supervisor.start(this)
            advanceTimeBy(10)
            supervisor.shutdown(2.seconds)
            run.isCompleted shouldBe true
            currentTime shouldBe 2_010L
        }
    }

    test("the builder refuses duplicate names and an empty supervisor") {
        runTest {
            val one = fake("same") { LEFT }
            val two = fake("same") { LEFT }
            shouldThrow<IllegalArgumentException> { wampSupervisor { component(one); component(two) } }
            shouldThrow<IllegalArgumentException> { wampSupervisor { } }
        }
    }
})
