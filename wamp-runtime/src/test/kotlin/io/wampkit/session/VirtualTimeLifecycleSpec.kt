@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Goodbye
import io.wampkit.message.Invocation
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancel
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

/** The session's job is done and no coroutine of it is left. */
private suspend fun WampSession.shouldBeFinished() {
    isActive shouldBe false
    val job = coroutineContext[Job]!!
    job.join()
    job.isCompleted shouldBe true
    job.children.toList().shouldBeEmpty()
}

/** Everything a session offers fails at once with WampConnectionClosedException, without sending. */
private suspend fun TestScope.shouldRefuseEverything(session: WampSession) {
    val before = currentTime
    shouldThrow<WampConnectionClosedException> { session.call("com.example.p") }
    shouldThrow<WampConnectionClosedException> { session.register("com.example.p") { CallResult.EMPTY } }
    shouldThrow<WampConnectionClosedException> { session.subscribe("com.example.t") { } }
    shouldThrow<WampConnectionClosedException> { session.publish("com.example.t") }
    shouldThrow<WampConnectionClosedException> { session.publish("com.example.t", acknowledge = true) }
    currentTime shouldBe before
}

/** Starts a handler for registration 5 that runs until cancelled; completes [cancelled] when it is. */
private suspend fun TestScope.startEndlessInvocation(
    session: WampSession, router: VirtualRouter, cancelled: CompletableDeferred<Throwable>,
) {
    val started = CompletableDeferred<Unit>()
    val reg = async {
        session.register("com.example.endless") {
            started.complete(Unit)
            try { awaitCancellation() } catch (e: CancellationException) { cancelled.complete(e); throw e }
        }
    }
    router.send(Registered(router.expect<Register>().request, 5))
    reg.await()
    router.send(Invocation(70, 5, WampDict.EMPTY))
    started.await()
}

/** How a session ends: leave(), the router's GOODBYE or ABORT, connection loss, scope cancellation. */
class VirtualTimeLifecycleSpec : FunSpec({
    test("leave(): GOODBYE with reason and message; the router's GOODBYE ends it with our reason") {
        runTest {
            val (session, router) = virtualSession()
            val leaving = async { session.leave(WampErrors.SYSTEM_SHUTDOWN, "maintenance") }
            val goodbye = router.expect<Goodbye>()
            goodbye.reason shouldBe WampErrors.SYSTEM_SHUTDOWN
            goodbye.details shouldBe wampDictOf("message" to "maintenance")
            runCurrent()
            leaving.isCompleted shouldBe false // waits for the router's GOODBYE
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await()
            currentTime shouldBe 0
            session.awaitClosed() shouldBe
                SessionCloseDetails(WampErrors.SYSTEM_SHUTDOWN, "maintenance", byPeer = false, isGraceful = true)
            session.shouldBeFinished()
            shouldThrow<WampConnectionClosedException> { router.next() } // the client closed the transport
            session.leave() // idempotent, returns at once
        }
    }

    test("leave() with a silent router ends the session after the 5 s GOODBYE wait, on virtual time") {
        runTest {
            val (session, router) = virtualSession()
            val leaving = async { session.leave() }
            router.expect<Goodbye>().reason shouldBe WampErrors.CLOSE_NORMAL
            advanceTimeBy(4_999)
            runCurrent()
            leaving.isCompleted shouldBe false
            session.isActive shouldBe true
            advanceTimeBy(2)
            runCurrent()
            leaving.isCompleted shouldBe true
            session.awaitClosed().reason shouldBe WampErrors.CLOSE_NORMAL
            session.awaitClosed().isGraceful shouldBe false // nobody answered the GOODBYE
            session.shouldBeFinished()
        }
    }

    test("router GOODBYE: the client answers goodbye_and_out and the session ends with the router's reason") {
        runTest {
            val (session, router) = virtualSession()
            router.send(Goodbye(wampDictOf("message" to "bye now"), WampErrors.CLOSE_REALM))
            router.expect<Goodbye>() shouldBe Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT)
            session.awaitClosed() shouldBe SessionCloseDetails(WampErrors.CLOSE_REALM, "bye now", byPeer = true, isGraceful = true)
            session.shouldBeFinished()
            shouldThrow<WampConnectionClosedException> { router.next() }
            shouldRefuseEverything(session)
            session.leave() // nothing to do
        }
    }

    test("connection loss with a call pending: the call fails, awaitClosed reports it, no coroutine is left") {
        runTest {
            val (session, router) = virtualSession()
            val call = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            router.drop()
            val e = call.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            e.reason shouldBe SessionCloseDetails.TRANSPORT_LOST
            val closed = session.awaitClosed()
            closed.reason shouldBe SessionCloseDetails.TRANSPORT_LOST
            closed.byPeer shouldBe true
            closed.cause.shouldNotBeNull().shouldBeInstanceOf<WampConnectionClosedException>()
            closed.isGraceful shouldBe false
            session.shouldBeFinished()
            shouldRefuseEverything(session)
        }
    }

    test("ABORT mid-session ends it with the router's reason; pending requests fail; nothing is answered") {
        runTest {
            val (session, router) = virtualSession()
            val call = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            router.send(io.wampkit.message.Abort(wampDictOf("message" to "kicked"), WampErrors.NOT_AUTHORIZED))
            call.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>().reason shouldBe
                WampErrors.NOT_AUTHORIZED
            session.awaitClosed() shouldBe SessionCloseDetails(WampErrors.NOT_AUTHORIZED, "kicked", byPeer = true)
            session.shouldBeFinished()
            shouldThrow<WampConnectionClosedException> { router.next() }
            shouldRefuseEverything(session)
        }
    }

    test("a running invocation handler is cancelled when the session ends by leave(); it answers nothing") {
        runTest {
            val (session, router) = virtualSession()
            val cancelled = CompletableDeferred<Throwable>()
            startEndlessInvocation(session, router, cancelled)
            val leaving = async { session.leave() }
            router.expect<Goodbye>()
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await()
            cancelled.await().shouldBeInstanceOf<CancellationException>()
            session.shouldBeFinished()
            shouldThrow<WampConnectionClosedException> { router.next() } // no YIELD or ERROR came first
        }
    }

    test("a running invocation handler is cancelled when the connection is lost") {
        runTest {
            val (session, router) = virtualSession()
            val cancelled = CompletableDeferred<Throwable>()
            startEndlessInvocation(session, router, cancelled)
            router.drop()
            cancelled.await().shouldBeInstanceOf<CancellationException>()
            session.awaitClosed().reason shouldBe SessionCloseDetails.TRANSPORT_LOST
            session.shouldBeFinished()
        }
    }

    test("a running event handler is cancelled when the session ends") {
        runTest {
            val (session, router) = virtualSession()
            val started = CompletableDeferred<Unit>()
            val cancelled = CompletableDeferred<Throwable>()
            val sub = async {
                session.subscribe("com.example.t") {
                    started.complete(Unit)
                    try { awaitCancellation() } catch (e: CancellationException) { cancelled.complete(e); throw e }
                }
            }
            router.send(io.wampkit.message.Subscribed(router.expect<io.wampkit.message.Subscribe>().request, 3))
            sub.await()
            router.send(io.wampkit.message.Event(3, 1, WampDict.EMPTY))
            started.await()
            router.send(Goodbye(WampDict.EMPTY, WampErrors.SYSTEM_SHUTDOWN))
            router.expect<Goodbye>().reason shouldBe WampErrors.GOODBYE_AND_OUT
            cancelled.await().shouldBeInstanceOf<CancellationException>()
            session.shouldBeFinished()
        }
    }

    test("cancelling the session's scope ends it as closed normally and fails pending calls") {
        runTest {
            val (session, router) = virtualSession()
            val call = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            session.cancel()
            call.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            session.awaitClosed() shouldBe SessionCloseDetails(WampErrors.CLOSE_NORMAL, "session scope cancelled")
            session.shouldBeFinished()
            shouldThrow<WampConnectionClosedException> { router.next() } // closed without GOODBYE
        }
    }
})
