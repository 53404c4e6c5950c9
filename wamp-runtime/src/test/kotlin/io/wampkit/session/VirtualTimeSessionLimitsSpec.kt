@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.message.Event
import io.wampkit.message.Hello
import io.wampkit.message.Invocation
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Welcome
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import java.util.concurrent.atomic.AtomicInteger

/** Joins with [limits] in the session's context, on virtual time. */
private suspend fun TestScope.limitedSession(limits: SessionLimits): Pair<WampSession, VirtualRouter> {
    val (client, router) = virtualConnection()
    val joining = async { client.join("com.example.realm", backgroundScope.coroutineContext + limits) }
    router.expect<Hello>()
    router.send(Welcome(4711, wampDictOf("authid" to "tester")))
    return joining.await() to router
}

/** SessionLimits: the client's bounds on running invocation handlers and on buffered events. */
class VirtualTimeSessionLimitsSpec : FunSpec({
    test("at most maxConcurrentInvocations handlers run; the next INVOCATION, and what follows it, wait for one to end") {
        runTest {
            val (session, router) = limitedSession(SessionLimits(maxConcurrentInvocations = 2))
            val gates = List(3) { CompletableDeferred<Unit>() }
            val started = AtomicInteger()
            val reg = async { session.register("com.example.slow") { inv -> started.incrementAndGet(); gates[inv.request.toInt() - 1].await(); CallResult.of(inv.request) } }
            val register = router.expect<Register>()
            router.send(Registered(register.request, 5))
            reg.await()
            val sub = async { session.subscribe("com.example.topic") { } }
            val subscribe = router.expect<Subscribe>()
            router.send(Subscribed(subscribe.request, 6))
            sub.await()
            for (id in 1L..3L) router.send(Invocation(id, 5, WampDict.EMPTY))
            router.send(Event(6, 100, WampDict.EMPTY))
            runCurrent()
            started.get() shouldBe 2 // the third waits for a permit, and the reader with it
            gates[0].complete(Unit)
            router.expect<Yield>().request shouldBe 1
            runCurrent()
            started.get() shouldBe 3
            gates[1].complete(Unit)
            gates[2].complete(Unit)
            setOf(router.expect<Yield>().request, router.expect<Yield>().request) shouldBe setOf(2L, 3L)
            session.leave()
        }
    }

    test("eventBuffer bounds the events waiting for a busy handler: beyond it the reader waits, replies too") {
        runTest {
            val (session, router) = limitedSession(SessionLimits(eventBuffer = 1))
            val gate = CompletableDeferred<Unit>()
            val seen = ArrayList<Long>()
            val sub = async { session.subscribe("com.example.topic") { ev -> seen += ev.publication; gate.await() } }
            val subscribe = router.expect<Subscribe>()
            router.send(Subscribed(subscribe.request, 6))
            sub.await()
            val reg = async { session.register("com.example.other") { CallResult.EMPTY } }
            val register = router.expect<Register>()
            // one event in the handler, one in the buffer, the third in the reader's hand: the reply waits
            for (p in 1L..3L) router.send(Event(6, p, WampDict.EMPTY))
            router.send(Registered(register.request, 9))
            runCurrent()
            seen shouldBe listOf(1L)
            reg.isCompleted shouldBe false
            gate.complete(Unit)
            reg.await().id shouldBe 9
            seen shouldBe listOf(1L, 2L, 3L)
            session.leave()
        }
    }

    test("limits must be positive") {
        shouldThrow<IllegalArgumentException> { SessionLimits(eventBuffer = 0) }
        shouldThrow<IllegalArgumentException> { SessionLimits(maxConcurrentInvocations = 0) }
        SessionLimits.DEFAULT.eventBuffer shouldBe WampSession.EVENT_BUFFER
    }
})
