@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

/**
 * With a call pending, the router sends [nonsense]: the client must answer ABORT protocol_violation, end the
 * session with that reason and fail the call; [check] sees the ABORT's message.
 */
private fun violationTest(nonsense: (callRequest: Long) -> WampMessage, check: (String) -> Unit = {}) = runTest {
    val (session, router) = virtualSession()
    val call = async { runCatching { session.call("com.example.p") } }
    val request = router.expect<Call>().request
    router.send(nonsense(request))
    val abort = router.expect<Abort>()
    abort.reason shouldBe WampErrors.PROTOCOL_VIOLATION
    check(abort.details.string("message").shouldNotBeNull())
    val e = call.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
    e.reason shouldBe WampErrors.PROTOCOL_VIOLATION
    val closed = session.awaitClosed()
    closed.reason shouldBe WampErrors.PROTOCOL_VIOLATION
    closed.byPeer shouldBe false
    closed.cause.shouldBeInstanceOf<WampProtocolViolationException>()
    session.isActive shouldBe false
    val job = session.coroutineContext[Job]!!
    job.join()
    job.children.toList().shouldBeEmpty()
    shouldThrow<WampConnectionClosedException> { router.next() } // closed after the ABORT
    shouldThrow<WampConnectionClosedException> { session.call("com.example.p") }
}

/** Router messages that make no sense end the session with ABORT protocol_violation. */
class VirtualTimeViolationSpec : FunSpec({
    test("a RESULT for a request id never sent") {
        violationTest({ Result(it + 1000, WampDict.EMPTY) }) { it shouldContain "never sent" }
    }

    test("a second WELCOME") {
        violationTest({ Welcome(1, WampDict.EMPTY) }) { it shouldContain "WELCOME" }
    }

    test("a reply of the wrong kind (REGISTERED answering a CALL)") {
        violationTest({ Registered(it, 5) }) { it shouldContain "REGISTERED" }
    }

    test("an ERROR whose request type does not match the request") {
        violationTest({ Error(MessageCode.SUBSCRIBE, it, WampDict.EMPTY, WampErrors.NOT_AUTHORIZED) })
    }

    test("an ERROR for an INVOCATION sent by the router") {
        violationTest({ Error(MessageCode.INVOCATION, it, WampDict.EMPTY, WampErrors.RUNTIME_ERROR) }) {
            it shouldContain "INVOCATION"
        }
    }

    test("a HELLO sent to the client") {
        violationTest({ Hello("com.example.realm", WampDict.EMPTY) })
    }

    test("a RESULT for a call the caller gave up is dropped silently; the session stays open") {
        runTest {
            val (session, router) = virtualSession() // the router announces no call_canceling: no CANCEL goes out
            val call = async { session.call("com.example.p") }
            val request = router.expect<Call>().request
            runCurrent()
            call.cancel()
            runCurrent()
            router.poll() shouldBe null
            router.send(Result(request, WampDict.EMPTY, wampListOf("late")))
            router.poll() shouldBe null
            session.isActive shouldBe true
            val next = async { session.call("com.example.q") }
            val second = router.expect<Call>()
            router.send(Result(second.request, WampDict.EMPTY, wampListOf("ok")))
            next.await().args shouldBe wampListOf("ok")
            session.leave()
        }
    }

    test("the connection dropping before WELCOME fails the join with WampConnectionClosedException") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("com.example.realm", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.drop()
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
        }
    }
})
