@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Challenge
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.Welcome
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

/** join(): HELLO, and each way the router can answer it, on virtual time. */
class VirtualTimeJoinSpec : FunSpec({
    test("HELLO carries the realm, the agent and exactly the four roles with the features implemented") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { client.join("com.example.app", backgroundScope.coroutineContext) }
            val hello = router.expect<Hello>()
            hello.realm shouldBe "com.example.app"
            hello.details.string("agent") shouldBe "WampKit/0.1.0"
            val roles = hello.details.dict("roles")!!
            roles.keys shouldBe setOf("caller", "callee", "publisher", "subscriber")
            val rpc = wampDictOf("progressive_call_results" to true, "call_canceling" to true)
            roles.dict("caller")!!.dict("features") shouldBe
                WampDict(rpc + wampDictOf("call_timeout" to true, "caller_identification" to true))
            roles.dict("callee")!!.dict("features") shouldBe WampDict(
                rpc + wampDictOf(
                    "caller_identification" to true, "pattern_based_registration" to true, "shared_registration" to true,
                ),
            )
            roles.dict("publisher")!!.dict("features") shouldBe wampDictOf(
                "publisher_exclusion" to true, "publisher_identification" to true, "subscriber_blackwhite_listing" to true,
            )
            roles.dict("subscriber")!!.dict("features") shouldBe wampDictOf(
                "pattern_based_subscription" to true, "publisher_identification" to true, "event_retention" to true,
            )
            router.send(Welcome(1, WampDict.EMPTY))
            joining.await().leave()
        }
    }

    test("WELCOME opens a session with the router's id, the realm and the WELCOME details") {
        runTest {
            val details = wampDictOf("authid" to "bob", "authrole" to "user", "roles" to mapOf("broker" to emptyMap<String, Any>()))
            val (session, router) = virtualSession(realm = "com.example.app", sessionId = 987654321, welcome = details)
            session.sessionId shouldBe 987654321
            session.realm shouldBe "com.example.app"
            session.welcomeDetails shouldBe details
            session.welcomeDetails.string("authrole") shouldBe "user"
            session.isActive shouldBe true
            currentTime shouldBe 0
            router.poll() shouldBe null // WELCOME is not acknowledged
            session.leave()
        }
    }

    test("ABORT is a WampAbortedException with the reason and the router's message, and the transport is closed") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("com.example.app", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Abort(wampDictOf("message" to "no such realm here"), WampErrors.NO_SUCH_REALM))
            val e = joining.await().exceptionOrNull().shouldBeInstanceOf<WampAbortedException>()
            e.reason shouldBe WampErrors.NO_SUCH_REALM
            e.message shouldContain "no such realm here"
            shouldThrow<WampConnectionClosedException> { router.next() } // closed, nothing more sent
        }
    }

    test("ABORT without a message still carries the reason") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("com.example.app", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Abort(WampDict.EMPTY, WampErrors.NOT_AUTHORIZED))
            val e = joining.await().exceptionOrNull().shouldBeInstanceOf<WampAbortedException>()
            e.reason shouldBe WampErrors.NOT_AUTHORIZED
            e.message shouldBe "session aborted: ${WampErrors.NOT_AUTHORIZED}"
        }
    }

    test("no answer: the join fails with WampConnectionClosedException exactly at the default timeout") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("com.example.app", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            advanceTimeBy(DEFAULT_JOIN_TIMEOUT_MILLIS - 1)
            runCurrent()
            joining.isCompleted shouldBe false
            advanceTimeBy(2)
            runCurrent()
            joining.isCompleted shouldBe true
            val e = joining.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            e.message shouldContain "$DEFAULT_JOIN_TIMEOUT_MILLIS ms"
            shouldThrow<WampConnectionClosedException> { router.next() } // the client closed the transport
        }
    }

    test("a custom join timeout is honoured on virtual time") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async {
                runCatching { client.join("com.example.app", backgroundScope.coroutineContext, timeoutMillis = 250) }
            }
            router.expect<Hello>()
            val started = currentTime
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            (currentTime - started) shouldBe 250
        }
    }

    test("CHALLENGE: WampProtocolViolationException, and the client answers ABORT protocol_violation then closes") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("com.example.app", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Challenge("ticket", WampDict.EMPTY))
            val e = joining.await().exceptionOrNull().shouldBeInstanceOf<WampProtocolViolationException>()
            e.message shouldContain "ticket"
            val abort = router.expect<Abort>()
            abort.reason shouldBe WampErrors.PROTOCOL_VIOLATION
            abort.details.string("message") shouldBe e.message
            shouldThrow<WampConnectionClosedException> { router.next() }
        }
    }

    test("any other first answer (GOODBYE) is a protocol violation answered with ABORT") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("com.example.app", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Goodbye(WampDict.EMPTY, WampErrors.CLOSE_NORMAL))
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampProtocolViolationException>()
            router.expect<Abort>().reason shouldBe WampErrors.PROTOCOL_VIOLATION
        }
    }

    test("an invalid realm is rejected with IllegalArgumentException before anything is sent") {
        runTest {
            for (realm in listOf("", "com..example", "com.example realm", "com.#.x")) {
                val (client, router) = virtualConnection()
                val e = shouldThrow<IllegalArgumentException> { client.join(realm, backgroundScope.coroutineContext) }
                e.message shouldContain "not a valid realm"
                // no HELLO: the router sees the closed connection at once
                shouldThrow<WampConnectionClosedException> { router.next() }
            }
            currentTime shouldBe 0
        }
    }
})
