@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.transport.WampConnector
import kotlinx.coroutines.async
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration.Companion.milliseconds

/** The component's reconnect loop on virtual time, with a connector that always fails. */
class ComponentReconnectSpec : FunSpec({
    fun refusing(attempts: MutableList<Long>, now: () -> Long) = WampConnector {
        attempts += now()
        throw WampConnectionClosedException("connection refused")
    }

    test("connection failures are retried after the backoff delays; then it gives up with the last failure") {
        runTest {
            val attempts = mutableListOf<Long>()
            val c = wampComponent("c") {
                connector(refusing(attempts) { currentTime })
                reconnect { initialDelay = 100.milliseconds; multiplier = 2.0; jitter = 0.0; maxAttempts = 3 }
            }
            val e = shouldThrow<WampConnectionClosedException> { c.run() }
            e.message shouldContain "gave up after 4 attempt(s)"
            e.cause!!.message shouldBe "connection refused"
            attempts shouldBe listOf(0L, 100L, 300L, 700L)
        }
    }

    test("reconnect = false: the first failure is thrown at once") {
        runTest {
            val attempts = mutableListOf<Long>()
            val c = wampComponent("c") { connector(refusing(attempts) { currentTime }); reconnect = false }
            shouldThrow<WampConnectionClosedException> { c.run() }
            attempts shouldBe listOf(0L)
        }
    }

    test("a router refusing the realm is not retried; system_shutdown is") {
        runTest {
            var n = 0
            val c = wampComponent("c") {
                connector { n++; throw WampAbortedException(WampErrors.NO_SUCH_REALM, null) }
            }
            shouldThrow<WampAbortedException> { c.run() }
            n shouldBe 1
            var m = 0
            val d = wampComponent("d") {
                connector { m++; throw WampAbortedException(WampErrors.SYSTEM_SHUTDOWN, null) }
                reconnect { initialDelay = 10.milliseconds; jitter = 0.0; maxAttempts = 2 }
            }
            shouldThrow<WampConnectionClosedException> { d.run() }
            m shouldBe 3
        }
    }

    test("stop() during a backoff wait ends run() at once, normally") {
        runTest {
            val attempts = mutableListOf<Long>()
            val c = wampComponent("c") {
                connector(refusing(attempts) { currentTime })
                reconnect { initialDelay = 10_000.milliseconds; jitter = 0.0 }
            }
            val run = async { c.run() }
            advanceTimeBy(5_000)
            c.stop()
            run.await().reason shouldBe WampErrors.CLOSE_NORMAL
            currentTime shouldBe 5_000L
            attempts shouldBe listOf(0L)
        }
    }

    test("while disconnected, calls wait up to the bound or fail fast") {
        runTest {
            val waiting = wampComponent("w") {
                connector { throw WampConnectionClosedException("down") }
                whileDisconnected = WhileDisconnected.Wait(1_000)
            }
            val job = launch { runCatching { waiting.run() } }
            runCurrent()
            val e = shouldThrow<WampConnectionClosedException> { waiting.call<Int>("com.test.x") }
            e.message shouldContain "did not join within 1000 ms"
            currentTime shouldBe 1_000L
            waiting.stop()
            job.join()

            val failFast = wampComponent("f") {
                connector { throw WampConnectionClosedException("down") }
                whileDisconnected = WhileDisconnected.FailFast
            }
            val t0 = currentTime
            shouldThrow<WampConnectionClosedException> { failFast.publish("com.test.t", 1) }.message shouldContain "not connected"
            currentTime shouldBe t0
        }
    }
})
