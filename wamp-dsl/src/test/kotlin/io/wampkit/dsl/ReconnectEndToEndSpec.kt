package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.session.join
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds

/** Components against a router whose WebSocket listener is stopped and started again on the same port. */
class ReconnectEndToEndSpec : FunSpec({

    test("router restarted on the same port during traffic: both components rejoin, re-register and re-subscribe exactly once, no call hangs") {
        val router = wampRouter { realm("realm1") }
        var server = router.startServer(port = 0)
        val port = server.port
        val declaredEvents = ConcurrentHashMap<Int, AtomicInteger>()
        val onJoinEvents = ConcurrentHashMap<Int, AtomicInteger>()
        val sentinels = CopyOnWriteArrayList<Int>()
        val onJoinRuns = AtomicInteger()
        val callee = wampComponent("callee") {
            url = server.url
            reconnect { initialDelay = 50.milliseconds; maxDelay = 400.milliseconds }
            register("com.test.echo") { n: Int -> n }
            subscribe("com.test.tick") { n: Int ->
                if (n < 0) sentinels += n else declaredEvents.computeIfAbsent(n) { AtomicInteger() }.incrementAndGet()
            }
            onJoin {
                onJoinRuns.incrementAndGet()
                subscribe("com.test.tock") { n: Int -> onJoinEvents.computeIfAbsent(n) { AtomicInteger() }.incrementAndGet() }
            }
        }
        val caller = wampComponent("caller") {
            url = server.url
            reconnect { initialDelay = 50.milliseconds; maxDelay = 400.milliseconds }
            whileDisconnected = WhileDisconnected.Wait(5_000)
        }
        try {
            withTimeout(60_000) {
                coroutineScope {
                    val calleeJob = callee.start(this)
                    val callerJob = caller.start(this)
                    val firstCallee = callee.session.first { it != null }!!.sessionId
                    val firstCaller = caller.session.first { it != null }!!.sessionId

                    // traffic: calls through the component handle, across the restart
                    val outcomes = CopyOnWriteArrayList<Result<Int>>()
                    val hung = CopyOnWriteArrayList<Int>()
                    val stopTraffic = CompletableDeferred<Unit>()
                    val traffic = launch {
                        var i = 0
                        while (isActive && !stopTraffic.isCompleted) {
                            val n = i++
                            try {
                                outcomes += runCatching { withTimeout(8_000) { caller.call<Int>("com.test.echo", n) } }
                                    .onFailure { if (it is TimeoutCancellationException) hung += n }
                            } catch (e: TimeoutCancellationException) {
                                hung += n
                            }
                        }
                    }
                    // some calls succeed before the restart
                    while (outcomes.count { it.isSuccess } < 5) kotlinx.coroutines.yield()

                    server.stop()
                    server = router.startServer(port = port)

                    val secondCallee = callee.session.first { it != null && it.sessionId != firstCallee }!!.sessionId
                    val secondCaller = caller.session.first { it != null && it.sessionId != firstCaller }!!.sessionId
                    secondCallee shouldNotBe firstCallee
                    secondCaller shouldNotBe firstCaller
                    val before = outcomes.size
                    while (outcomes.drop(before).count { it.isSuccess } < 5) kotlinx.coroutines.yield()
                    stopTraffic.complete(Unit)
                    traffic.join()

                    hung.shouldBeEmpty()
                    outcomes.filter { it.isSuccess }.size shouldBeGreaterThan 9
                    router.sessionCount("realm1") shouldBe 2
                    onJoinRuns.get() shouldBe 2

                    val probe = router.connector().join("realm1")
                    try {
                        // the declared procedure is registered again (by the callee, once: a second REGISTER would have failed its join)
                        shouldThrow<WampException> { probe.register("com.test.echo") { error("never") } }.uri shouldBe
                            WampErrors.PROCEDURE_ALREADY_EXISTS
                        // every event after the rejoin arrives exactly once, on the declared and the onJoin subscription
                        for (n in 1..20) {
                            probe.publish("com.test.tick", wampListOf(n), acknowledge = true)
                            probe.publish("com.test.tock", wampListOf(n), acknowledge = true)
                        }
                        probe.publish("com.test.tick", wampListOf(-1), acknowledge = true)
                        while (sentinels.isEmpty()) kotlinx.coroutines.yield()
                        probe.publish("com.test.tock", wampListOf(0), acknowledge = true)
                        while (onJoinEvents[0] == null) kotlinx.coroutines.yield()
                    } finally {
                        probe.leave()
                    }
                    (1..20).map { declaredEvents[it]?.get() } shouldBe List(20) { 1 }
                    (1..20).map { onJoinEvents[it]?.get() } shouldBe List(20) { 1 }
                    sentinels shouldBe listOf(-1)

                    calleeJob.isActive shouldBe true
                    callee.stop()
                    caller.stop()
                    calleeJob.join()
                    callerJob.join()
                    router.sessionCount("realm1") shouldBe 0
                }
            }
        } finally {
            server.stop()
            router.close()
        }
    }
})
