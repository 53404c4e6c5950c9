@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Abort
import io.wampkit.message.Call
import io.wampkit.message.Goodbye
import io.wampkit.message.Invocation
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Welcome
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.test.runTest

class SessionLifecycleSpec : FunSpec({
    suspend fun WampSession.assertFinished() {
        val job = coroutineContext[Job]!!
        job.join()
        job.children.toList() shouldBe emptyList()
        isActive shouldBe false
        shouldThrow<WampConnectionClosedException> { call("com.example.p") }
    }

    test("leave() says GOODBYE, waits for the router's, and ends the session") {
        runTest {
            val (session, router) = joinedSession()
            val leaving = async { session.leave(WampErrors.CLOSE_NORMAL, "bye") }
            router.expect<Goodbye>().let { it.reason shouldBe WampErrors.CLOSE_NORMAL; it.details.string("message") shouldBe "bye" }
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await()
            session.awaitClosed().let { it.reason shouldBe WampErrors.CLOSE_NORMAL; it.isGraceful shouldBe true }
            session.assertFinished()
        }
    }

    test("a router GOODBYE is answered with goodbye_and_out and ends the session") {
        runTest {
            val (session, router) = joinedSession()
            router.send(Goodbye(wampDictOf("message" to "maintenance"), WampErrors.SYSTEM_SHUTDOWN))
            router.expect<Goodbye>().reason shouldBe WampErrors.GOODBYE_AND_OUT
            session.awaitClosed().let {
                it.reason shouldBe WampErrors.SYSTEM_SHUTDOWN
                it.message shouldBe "maintenance"
                it.byPeer shouldBe true
            }
            session.assertFinished()
        }
    }

    test("connection loss fails the pending call, cancels running handlers and leaves nothing running") {
        runTest {
            val (session, router) = joinedSession()
            val handlerCancelled = CompletableDeferred<Unit>()
            val registering = async {
                session.register("com.example.slow") { try { awaitCancellation() } finally { handlerCancelled.complete(Unit) } }
            }
            router.send(Registered(router.expect<Register>().request, 1))
            registering.await()
            router.send(Invocation(1, 1, WampDict.EMPTY))
            val pending = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            router.drop()
            val e = pending.await().exceptionOrNull()
            (e is WampConnectionClosedException) shouldBe true
            session.awaitClosed().reason shouldBe SessionCloseDetails.TRANSPORT_LOST
            handlerCancelled.await()
            session.assertFinished()
        }
    }

    test("a reply to a request never sent is a protocol violation: ABORT, and pending calls fail") {
        runTest {
            val (session, router) = joinedSession()
            val pending = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            router.send(Result(999, WampDict.EMPTY))
            router.expect<Abort>().let {
                it.reason shouldBe WampErrors.PROTOCOL_VIOLATION
                it.details.string("message")!! shouldContain "999"
            }
            (pending.await().exceptionOrNull() as WampConnectionClosedException).reason shouldBe WampErrors.PROTOCOL_VIOLATION
            session.assertFinished()
        }
    }

    test("a second WELCOME is a protocol violation") {
        runTest {
            val (session, router) = joinedSession()
            router.send(Welcome(43, WampDict.EMPTY))
            router.expect<Abort>().details.string("message")!! shouldContain "WELCOME"
            session.awaitClosed().reason shouldBe WampErrors.PROTOCOL_VIOLATION
        }
    }

    test("an ABORT from the router mid-session ends it with that reason") {
        runTest {
            val (session, router) = joinedSession()
            val pending = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            router.send(Abort(wampDictOf("message" to "kicked"), "com.example.kicked"))
            session.awaitClosed().let { it.reason shouldBe "com.example.kicked"; it.message shouldBe "kicked" }
            (pending.await().exceptionOrNull() as WampConnectionClosedException).message!! shouldContain "kicked"
            session.assertFinished()
        }
    }

    test("leave() without an answer gives up after its bounded wait, on virtual time") {
        runTest {
            val (session, router) = joinedSession()
            val leaving = async { session.leave() }
            router.expect<Goodbye>()
            leaving.await()
            session.awaitClosed().reason shouldBe WampErrors.CLOSE_NORMAL
            testScheduler.currentTime shouldBe 5_000 // GOODBYE_TIMEOUT_MILLIS
            session.assertFinished()
        }
    }
})
