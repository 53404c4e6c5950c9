package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Subscribe
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest

/**
 * After [trigger], the client must abort the session for a protocol violation and fail what was pending.
 * Two calls are pending, requests 1 and 2; with [firstIsVictim] the trigger answers request 1 wrongly and
 * only request 2 is checked (see the disabled test on the victim below).
 */
private suspend fun TestScope.assertViolation(trigger: WampMessage, messageContains: String, firstIsVictim: Boolean = false) {
    val (session, router) = joinedSession()
    val first = async { runCatching { session.call("com.example.first") } }
    router.expect<Call>().request shouldBe 1
    val second = async { runCatching { session.call("com.example.second") } }
    router.expect<Call>().request shouldBe 2
    router.send(trigger)
    router.expect<Abort>().let {
        it.reason shouldBe WampErrors.PROTOCOL_VIOLATION
        it.details.string("message")!! shouldContain messageContains
    }
    val failed = if (firstIsVictim) listOf(second) else listOf(first, second)
    for (pending in failed) {
        pending.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>().reason shouldBe
            WampErrors.PROTOCOL_VIOLATION
    }
    session.awaitClosed().let {
        it.reason shouldBe WampErrors.PROTOCOL_VIOLATION
        it.byPeer shouldBe false
        it.isGraceful shouldBe false
        it.cause.shouldBeInstanceOf<WampProtocolViolationException>()
    }
    session.coroutineContext[kotlinx.coroutines.Job]!!.join()
    shouldThrow<WampConnectionClosedException> { router.receive() }
    first.cancel()
}

class SessionCallerSpec : FunSpec({
    test("an invalid procedure URI is refused before anything is sent") {
        runTest {
            val (session, router) = joinedSession()
            for (bad in listOf("", "com..p", "com.p q", "com.#")) {
                shouldThrow<IllegalArgumentException> { session.call(bad) }
            }
            val call = async { session.call("com.example.ok") }
            val sent = router.expect<Call>()
            sent.procedure shouldBe "com.example.ok"
            router.send(Result(sent.request, wampDictOf("d" to 1)))
            call.await() shouldBe CallResult(details = wampDictOf("d" to 1))
        }
    }

    test("request ids start at 1 and grow by one across calls, registrations, subscriptions and publications") {
        runTest {
            val (session, router) = joinedSession()
            async { runCatching { session.call("com.example.p") } }
            val call = router.expect<Call>()
            async { runCatching { session.register("com.example.p") { CallResult.EMPTY } } }
            val register = router.expect<Register>()
            async { runCatching { session.subscribe("com.example.t") { } } }
            val subscribe = router.expect<Subscribe>()
            session.publish("com.example.t")
            val publish = router.expect<Publish>()
            listOf(call.request, register.request, subscribe.request, publish.request) shouldBe listOf(1L, 2L, 3L, 4L)
            router.drop()
        }
    }

    test("an ERROR's first string argument makes the exception's message") {
        runTest {
            val (session, router) = joinedSession()
            val result = async { runCatching { session.call("com.example.fail") } }
            val call = router.expect<Call>()
            router.send(Error(MessageCode.CALL, call.request, WampDict.EMPTY, "com.example.error.bad", wampListOf("it broke")))
            val e = result.await().exceptionOrNull().shouldBeInstanceOf<WampException>()
            e.message shouldBe "com.example.error.bad: it broke"
            e.kwargs shouldBe WampDict.EMPTY
        }
    }

    test("a RESULT that arrives after its caller gave up is dropped; the session goes on") {
        runTest {
            val (session, router) = joinedSession()
            val abandoned = async { session.call("com.example.slow") }
            val first = router.expect<Call>()
            abandoned.cancel()
            val next = async { session.call("com.example.next") }
            val second = router.expect<Call>()
            router.send(Result(first.request, WampDict.EMPTY, wampListOf("late")))
            router.send(Result(second.request, WampDict.EMPTY, wampListOf("fresh")))
            next.await().args shouldBe wampListOf("fresh")
            session.isActive shouldBe true
        }
    }

    test("a progressive RESULT for a plain call is dropped; the final one completes it") {
        runTest {
            val (session, router) = joinedSession()
            val call = async { session.call("com.example.p") }
            val sent = router.expect<Call>()
            router.send(Result(sent.request, wampDictOf("progress" to true), wampListOf("partial")))
            router.send(Result(sent.request, WampDict.EMPTY, wampListOf("final")))
            call.await().let {
                it.args shouldBe wampListOf("final")
                it.isProgress shouldBe false
            }
        }
    }

    test("a RESULT for a request never sent is a protocol violation") {
        runTest { assertViolation(Result(1_000, WampDict.EMPTY), "1000") }
    }

    test("a reply of the wrong kind (REGISTERED for a CALL) is a protocol violation") {
        runTest { assertViolation(Registered(1, 5), "REGISTERED", firstIsVictim = true) }
    }

    test("an ERROR whose request type does not match the request is a protocol violation") {
        runTest { assertViolation(Error(MessageCode.SUBSCRIBE, 1, WampDict.EMPTY, "wamp.error.x"), "ERROR", firstIsVictim = true) }
    }

    test("an ERROR for an INVOCATION is never sent by a router: protocol violation") {
        runTest { assertViolation(Error(MessageCode.INVOCATION, 1, WampDict.EMPTY, "wamp.error.x"), "INVOCATION") }
    }

    test("a second WELCOME is a protocol violation") {
        runTest { assertViolation(Welcome(2, WampDict.EMPTY), "WELCOME") }
    }

    test("messages only a client sends are protocol violations when they come from the router") {
        for (m in listOf(
            io.wampkit.message.Hello("realm1", WampDict.EMPTY),
            Call(1, WampDict.EMPTY, "com.example.p"),
            io.wampkit.message.Yield(1, WampDict.EMPTY),
            io.wampkit.message.Challenge("ticket", WampDict.EMPTY),
        )) {
            runTest { assertViolation(m, MessageCode.name(m.code)) }
        }
    }

    // Regression test, was a bug (session/internal/PendingRequests.kt, complete()): the pending entry is removed before the type check,
    // so when a reply of the wrong kind arrives, failAll() no longer sees that request and its caller waits forever.
    test("the request answered with a reply of the wrong kind fails too") {
        runTest {
            val (session, router) = joinedSession()
            val victim = async { runCatching { session.call("com.example.p") } }
            val call = router.expect<Call>()
            router.send(Registered(call.request, 5))
            router.expect<Abort>()
            val outcome = kotlinx.coroutines.withTimeoutOrNull(10_000) { victim.await() }
            outcome?.exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
        }
    }
})
