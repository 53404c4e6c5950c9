@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Call
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.Welcome
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.coroutines.ContinuationInterceptor

/** How join fails, what it leaves behind, and where the session's coroutines live. */
class SessionJoinFailureSpec : FunSpec({
    test("HELLO names this client as agent") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { client.join("realm1", backgroundScope.coroutineContext) }
            router.expect<Hello>().details.string("agent")!! shouldStartWith "WampKit/"
            router.send(Welcome(1, WampDict.EMPTY))
            joining.await().sessionId shouldBe 1
        }
    }

    test("an ABORT without message: the exception carries just the reason, and the transport is closed") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Abort(WampDict.EMPTY, WampErrors.NOT_AUTHORIZED))
            val e = joining.await().exceptionOrNull().shouldBeInstanceOf<WampAbortedException>()
            e.reason shouldBe WampErrors.NOT_AUTHORIZED
            e.message shouldBe "session aborted: ${WampErrors.NOT_AUTHORIZED}"
            shouldThrow<WampConnectionClosedException> { router.receive() }
        }
    }

    test("a join that times out closes the transport") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext, timeoutMillis = 500) } }
            router.expect<Hello>()
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            currentTime shouldBe 500
            shouldThrow<WampConnectionClosedException> { router.receive() }
            shouldThrow<WampConnectionClosedException> { client.send(Goodbye(WampDict.EMPTY, WampErrors.CLOSE_NORMAL)) }
        }
    }

    test("a WELCOME after the timeout is too late: the join has failed and the connection is gone") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext, timeoutMillis = 500) } }
            router.expect<Hello>()
            joining.await().isFailure shouldBe true
            shouldThrow<WampConnectionClosedException> { router.send(Welcome(1, WampDict.EMPTY)) }
        }
    }

    test("any other answer to HELLO is a protocol violation: ABORT naming it, then the connection is closed") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Goodbye(WampDict.EMPTY, WampErrors.CLOSE_NORMAL))
            val abort = router.expect<Abort>()
            abort.reason shouldBe WampErrors.PROTOCOL_VIOLATION
            abort.details.string("message")!! shouldContain "GOODBYE"
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampProtocolViolationException>().message!! shouldContain "GOODBYE"
            shouldThrow<WampConnectionClosedException> { router.receive() }
        }
    }

    test("a join cancelled while its ABORT cannot go out ends at once, cancelled, and closes the transport") {
        runTest {
            val (client, routerSide) = inMemoryTransportPair(capacity = 1, name = "narrow")
            val router = ScriptedRouter(routerSide)
            val joining = backgroundScope.async { client.join("realm1", backgroundScope.coroutineContext) }
            runCurrent() // HELLO fills the client's outgoing buffer: the router does not read it yet
            router.send(Goodbye(WampDict.EMPTY, WampErrors.SYSTEM_SHUTDOWN)) // a violation: ABORT must wait for room
            runCurrent()
            joining.cancel()
            withTimeout(1_000) { joining.join() } // virtual time: fails at once if the ABORT send ignores the cancellation
            joining.isCancelled shouldBe true
            router.expect<Hello>()
            shouldThrow<WampConnectionClosedException> { router.receive() }
        }
    }

    test("the connection dropping before WELCOME fails the join with WampConnectionClosedException") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.drop()
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            currentTime shouldBe 0 // at once, not after the join timeout
        }
    }

    test("the session runs on the given dispatcher, as a child of the given Job") {
        runTest {
            val parent = Job()
            val (client, router) = scriptedConnection()
            val dispatcher = coroutineContext[ContinuationInterceptor]!!
            val joining = async { client.join("realm1", dispatcher + parent) }
            router.expect<Hello>()
            router.send(Welcome(5, WampDict.EMPTY))
            val session = joining.await()
            session.coroutineContext[ContinuationInterceptor] shouldBe dispatcher
            parent.children.toList() shouldContain session.coroutineContext[Job]!!
            parent.cancel()
            parent.join()
        }
    }

    test("cancelling the parent Job ends the session: pending calls fail, the connection closes") {
        runTest {
            val parent = Job()
            val (client, router) = scriptedConnection()
            val joining = async { client.join("realm1", coroutineContext[ContinuationInterceptor]!! + parent) }
            router.expect<Hello>()
            router.send(Welcome(5, WampDict.EMPTY))
            val session = joining.await()
            val pending = async { runCatching { session.call("com.example.p") } }
            router.expect<Call>()
            parent.cancel()
            pending.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            session.awaitClosed().let {
                it.reason shouldBe WampErrors.CLOSE_NORMAL
                it.byPeer shouldBe false
            }
            session.isActive shouldBe false
            session.coroutineContext[Job]!!.isCompleted shouldBe true
            shouldThrow<WampConnectionClosedException> { router.receive() }
        }
    }

    test("WELCOME details are exposed as sent") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { client.join("realm1", backgroundScope.coroutineContext) }
            router.expect<Hello>()
            val details = wampDictOf("authid" to "alice", "roles" to mapOf("broker" to emptyMap<String, Any>()))
            router.send(Welcome(WAMP_MAX_ID, details))
            joining.await().let {
                it.sessionId shouldBe WAMP_MAX_ID
                it.welcomeDetails shouldBe details
            }
        }
    }

    // Regression test, was a bug (session/Join.kt): the realm check runs before the try block, so an invalid realm leaves the
    // transport open although the KDoc says "On any failure the transport is closed".
    test("an invalid realm also closes the transport") {
        runTest {
            val (client, _) = scriptedConnection()
            shouldThrow<IllegalArgumentException> { client.join("bad realm", backgroundScope.coroutineContext) }
            shouldThrow<WampConnectionClosedException> { client.send(Goodbye(WampDict.EMPTY, WampErrors.CLOSE_NORMAL)) }
        }
    }
})

private const val WAMP_MAX_ID = io.wampkit.message.WampUris.MAX_ID
