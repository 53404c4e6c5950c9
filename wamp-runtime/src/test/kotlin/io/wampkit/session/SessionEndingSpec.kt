@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Goodbye
import io.wampkit.message.Publish
import io.wampkit.message.Register
import io.wampkit.message.Subscribe
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

/** How a session ends, what it reports, and what it refuses afterwards. */
class SessionEndingSpec : FunSpec({
    test("leave(): GOODBYE carries reason and message; awaitClosed reports them as ours and graceful") {
        runTest {
            val (session, router) = joinedSession()
            val leaving = async { session.leave(WampErrors.SYSTEM_SHUTDOWN, "going down") }
            router.expect<Goodbye>().let {
                it.reason shouldBe WampErrors.SYSTEM_SHUTDOWN
                it.details shouldBe wampDictOf("message" to "going down")
            }
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await()
            session.awaitClosed() shouldBe SessionCloseDetails(WampErrors.SYSTEM_SHUTDOWN, "going down", byPeer = false, isGraceful = true)
            session.isActive shouldBe false
            shouldThrow<WampConnectionClosedException> { router.receive() }
        }
    }

    test("leave() is idempotent: a second call, concurrent or later, sends no second GOODBYE") {
        runTest {
            val (session, router) = joinedSession()
            val first = async { session.leave() }
            router.expect<Goodbye>().details shouldBe WampDict.EMPTY
            val second = async { session.leave() } // while the first waits for the router
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            first.await()
            second.await()
            session.leave()
            shouldThrow<WampConnectionClosedException> { router.receive() } // nothing but the one GOODBYE was sent
        }
    }

    test("leave() on a lost connection returns and reports the loss") {
        runTest {
            val (session, router) = joinedSession()
            router.drop()
            session.awaitClosed().reason shouldBe SessionCloseDetails.TRANSPORT_LOST
            withTimeout(1) { session.leave() } // returns at once: nothing to say goodbye to
        }
    }

    test("connection loss: awaitClosed says transport lost, by the peer, with the cause; every pending request fails") {
        runTest {
            val (session, router) = joinedSession()
            val call = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            val register = async { runCatching { session.register("com.example.p") { CallResult.EMPTY } } }
            router.expect<Register>()
            val subscribe = async { runCatching { session.subscribe("com.example.t") { } } }
            router.expect<Subscribe>()
            val publish = async { runCatching { session.publish("com.example.t", acknowledge = true) } }
            router.expect<Publish>()
            router.drop()
            for (pending in listOf(call, register, subscribe, publish)) {
                val e = pending.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
                e.reason shouldBe SessionCloseDetails.TRANSPORT_LOST
            }
            session.awaitClosed().let {
                it.reason shouldBe SessionCloseDetails.TRANSPORT_LOST
                it.byPeer shouldBe true
                it.isGraceful shouldBe false
                it.cause.shouldBeInstanceOf<WampConnectionClosedException>()
            }
            val job = session.coroutineContext[Job]!!
            job.join()
            job.children.toList() shouldBe emptyList()
        }
    }

    test("after the end, every operation fails with WampConnectionClosedException naming the reason") {
        runTest {
            val (session, router) = joinedSession()
            router.send(Goodbye(WampDict.EMPTY, WampErrors.CLOSE_REALM))
            router.expect<Goodbye>()
            session.awaitClosed().reason shouldBe WampErrors.CLOSE_REALM
            shouldThrow<WampConnectionClosedException> { session.call("com.example.p") }.reason shouldBe WampErrors.CLOSE_REALM
            shouldThrow<WampConnectionClosedException> { session.register("com.example.p") { CallResult.EMPTY } }
            shouldThrow<WampConnectionClosedException> { session.subscribe("com.example.t") { } }
            shouldThrow<WampConnectionClosedException> { session.publish("com.example.t") }
            shouldThrow<WampConnectionClosedException> { session.publish("com.example.t", acknowledge = true) }
                .message!! shouldContain WampErrors.CLOSE_REALM
        }
    }

    test("a router GOODBYE is answered with exactly one goodbye_and_out, then the connection is closed") {
        runTest {
            val (session, router) = joinedSession()
            val pending = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            router.send(Goodbye(wampDictOf("message" to "bye"), WampErrors.CLOSE_REALM))
            router.expect<Goodbye>() shouldBe Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT)
            shouldThrow<WampConnectionClosedException> { router.receive() }
            pending.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>().message!! shouldContain "bye"
            session.awaitClosed().isGraceful shouldBe true
        }
    }

    test("awaitClosed can be awaited by many, before and after the end") {
        runTest {
            val (session, router) = joinedSession()
            val early = List(3) { async { session.awaitClosed() } }
            router.drop()
            val details = session.awaitClosed()
            early.map { it.await() } shouldBe List(3) { details }
        }
    }

    // Was a bug (session/internal/ClientSession.kt, leave()): shutdown() only runs after the bounded wait; if the
    // coroutine calling leave() is cancelled while it waits (e.g. withTimeout around leave()), `leaving` stays
    // true, so neither leave() nor the reader (which skips shutdown while leaving) ever ends the session:
    // isActive stays true, the job never completes, awaitClosed() hangs, the connection stays open.
    // Fix: run shutdown in a finally block under NonCancellable in leave().
    test("a leave() cancelled while waiting for the router's GOODBYE still ends the session") {
        runTest {
            val (session, router) = joinedSession()
            runCatching { withTimeout(100) { session.leave() } }
            router.expect<Goodbye>()
            runCatching { router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT)) }
            withTimeoutOrNull(60_000) { session.awaitClosed() }?.reason shouldBe WampErrors.CLOSE_NORMAL
            withTimeoutOrNull(60_000) { session.coroutineContext[Job]!!.join(); true } shouldBe true
        }
    }
})
