@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.MessageCode
import io.wampkit.message.Result
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest

/** call(): what goes on the wire, and how RESULT and ERROR come back, on virtual time. */
class VirtualTimeCallerSpec : FunSpec({
    test("CALL carries the procedure, args, kwargs and options; RESULT becomes the CallResult") {
        runTest {
            val dealer = mapOf("features" to mapOf("call_timeout" to true))
            val (session, router) = virtualSession(welcome = wampDictOf("roles" to mapOf("dealer" to dealer)))
            val result = async {
                session.call(
                    "com.example.add",
                    args = wampListOf(2, 3),
                    kwargs = wampDictOf("round" to true),
                    options = wampDictOf("timeout" to 1000),
                )
            }
            val call = router.expect<Call>()
            call.procedure shouldBe "com.example.add"
            call.args shouldBe wampListOf(2, 3)
            call.kwargs shouldBe wampDictOf("round" to true)
            call.options shouldBe wampDictOf("timeout" to 1000)
            runCurrent()
            result.isCompleted shouldBe false
            router.send(Result(call.request, wampDictOf("x" to "y"), wampListOf(5), wampDictOf("exact" to true)))
            result.await() shouldBe CallResult(wampListOf(5), wampDictOf("exact" to true), wampDictOf("x" to "y"))
            result.await().isProgress shouldBe false
            session.leave()
        }
    }

    test("a call without payload sends empty args, kwargs and options") {
        runTest {
            val (session, router) = virtualSession()
            val result = async { session.call("com.example.ping") }
            val call = router.expect<Call>()
            call.args shouldBe WampList.EMPTY
            call.kwargs shouldBe WampDict.EMPTY
            call.options shouldBe WampDict.EMPTY
            router.send(Result(call.request, WampDict.EMPTY))
            result.await() shouldBe CallResult.EMPTY
            session.leave()
        }
    }

    test("ERROR becomes a WampException with the router's uri, args and kwargs") {
        runTest {
            val (session, router) = virtualSession()
            val result = async { runCatching { session.call("com.example.div", wampListOf(1, 0)) } }
            val call = router.expect<Call>()
            router.send(
                Error(MessageCode.CALL, call.request, WampDict.EMPTY, "com.example.error.div_by_zero",
                    wampListOf("division by zero"), wampDictOf("dividend" to 1)),
            )
            val e = result.await().exceptionOrNull().shouldBeInstanceOf<WampException>()
            e.uri shouldBe "com.example.error.div_by_zero"
            e.args shouldBe wampListOf("division by zero")
            e.kwargs shouldBe wampDictOf("dividend" to 1)
            e.message shouldBe "com.example.error.div_by_zero: division by zero"
            session.isActive shouldBe true // an application error does not end the session
            session.leave()
        }
    }

    test("concurrent calls answered out of order each get their own result") {
        runTest {
            val (session, router) = virtualSession()
            val results = (1..5).map { n -> async { session.call("com.example.echo", wampListOf(n)) } }
            val calls = (1..5).map { router.expect<Call>() }
            calls.map { it.request }.toSet().size shouldBe 5 // distinct request ids
            for (call in calls.reversed()) {
                val n = call.args[0]
                router.send(Result(call.request, WampDict.EMPTY, wampListOf(n, "answer")))
                runCurrent()
            }
            results.forEachIndexed { i, r -> r.await().args shouldBe wampListOf(i + 1, "answer") }
            session.leave()
        }
    }

    test("one call failing does not disturb another one pending") {
        runTest {
            val (session, router) = virtualSession()
            val a = async { runCatching { session.call("com.example.a") } }
            val b = async { session.call("com.example.b") }
            val callA = router.expect<Call>()
            val callB = router.expect<Call>()
            callA.procedure shouldBe "com.example.a"
            router.send(Error(MessageCode.CALL, callA.request, WampDict.EMPTY, WampErrors.NO_SUCH_PROCEDURE))
            a.await().exceptionOrNull().shouldBeInstanceOf<WampException>().uri shouldBe WampErrors.NO_SUCH_PROCEDURE
            runCurrent()
            b.isCompleted shouldBe false
            router.send(Result(callB.request, WampDict.EMPTY, wampListOf("b")))
            b.await().args shouldBe wampListOf("b")
            session.leave()
        }
    }

    test("a RESULT with progress=true is dropped for a plain call(); the call waits for the final RESULT") {
        runTest {
            val (session, router) = virtualSession()
            val result = async { session.call("com.example.slow") }
            val call = router.expect<Call>()
            call.options.boolean("receive_progress") shouldBe null // call() does not ask for progress
            router.send(Result(call.request, wampDictOf("progress" to true), wampListOf("partial")))
            runCurrent()
            result.isCompleted shouldBe false
            session.isActive shouldBe true // not a protocol violation
            router.send(Result(call.request, WampDict.EMPTY, wampListOf("final")))
            result.await().args shouldBe wampListOf("final")
            session.leave()
        }
    }

    test("a call waits on virtual time without a timeout of its own, and nothing is resent") {
        runTest {
            val (session, router) = virtualSession()
            val result = async { session.call("com.example.slow") }
            val call = router.expect<Call>()
            router.poll(60_000) shouldBe null
            currentTime shouldBe 60_000
            result.isCompleted shouldBe false
            router.send(Result(call.request, WampDict.EMPTY, wampListOf(1)))
            result.await().args shouldBe wampListOf(1)
            session.leave()
        }
    }

    test("an invalid procedure URI is rejected before anything is sent") {
        runTest {
            val (session, router) = virtualSession()
            shouldThrow<IllegalArgumentException> { session.call("com..example") }
            shouldThrow<IllegalArgumentException> { session.call("") }
            router.poll() shouldBe null
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("request ids are fresh per request and never reused") {
        runTest {
            val (session, router) = virtualSession()
            val ids = mutableListOf<Long>()
            repeat(3) {
                val r = async { session.call("com.example.p") }
                val call = router.expect<Call>()
                ids += call.request
                router.send(Result(call.request, WampDict.EMPTY))
                r.await()
            }
            ids.toSet().size shouldBe 3
            ids.forEach { it shouldNotBe 0L }
            session.leave()
            val job = session.coroutineContext[kotlinx.coroutines.Job]!!
            job.join() // the reader ends once the session is left
            job.children.toList().shouldBeEmpty()
        }
    }
})
