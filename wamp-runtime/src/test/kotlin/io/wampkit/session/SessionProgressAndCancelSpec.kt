package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.message.Call
import io.wampkit.message.Cancel
import io.wampkit.message.Invocation
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

class SessionProgressAndCancelSpec : FunSpec({
    val cancelling = mapOf("call_canceling" to true, "progressive_call_results" to true)

    test("callProgressive asks for progress and emits every progressive result, then the final one") {
        runTest {
            val (session, router) = joinedSession()
            val results = async { session.callProgressive("com.example.countdown", wampListOf(2)).toList() }
            val call = router.expect<Call>()
            call.options shouldBe wampDictOf("receive_progress" to true)
            router.send(Result(call.request, wampDictOf("progress" to true), wampListOf(2)))
            router.send(Result(call.request, wampDictOf("progress" to true), wampListOf(1)))
            router.send(Result(call.request, WampDict.EMPTY, wampListOf(0)))
            val got = results.await()
            got.map { it.args } shouldBe listOf(wampListOf(2), wampListOf(1), wampListOf(0))
            got.map { it.isProgress } shouldBe listOf(true, true, false)
        }
    }

    test("the flow is cold: nothing is sent until it is collected") {
        runTest {
            val (session, router) = joinedSession()
            val flow = session.callProgressive("com.example.never")
            val plain = async { session.call("com.example.plain") }
            router.expect<Call>().procedure shouldBe "com.example.plain" // not com.example.never
            plain.cancel()
            flow.toString() // keep the reference: an uncollected flow sends nothing
        }
    }

    test("cancelling the coroutine awaiting call() sends CANCEL when the router supports it") {
        runTest {
            val (session, router) = joinedSession(dealerFeatures = cancelling)
            val pending = async { session.call("com.example.slow", cancelMode = CancelMode.KILL) }
            val call = router.expect<Call>()
            pending.cancel()
            router.expect<Cancel>() shouldBe Cancel(call.request, wampDictOf("mode" to "kill"))
        }
    }

    test("without the router's call_canceling nothing is sent on cancel") {
        runTest {
            val (session, router) = joinedSession()
            val pending = async { session.call("com.example.slow") }
            router.expect<Call>()
            pending.cancel()
            val next = async { session.call("com.example.next") }
            router.expect<Call>().procedure shouldBe "com.example.next" // no CANCEL in between
            next.cancel()
        }
    }

    test("stopping a progressive collection early cancels the call on the wire") {
        runTest {
            val (session, router) = joinedSession(dealerFeatures = cancelling)
            val first = async { session.callProgressive("com.example.countdown").first() }
            val call = router.expect<Call>()
            router.send(Result(call.request, wampDictOf("progress" to true), wampListOf(3)))
            first.await().args shouldBe wampListOf(3)
            router.expect<Cancel>() shouldBe Cancel(call.request, wampDictOf("mode" to "killnowait"))
        }
    }

    test("a callee handler sends progress when the caller asked for it, and only then") {
        runTest {
            val (session, router) = joinedSession()
            val registering = async {
                session.register("com.example.countdown") { inv ->
                    var n = (inv.args[0] as WampInt).value
                    while (n > 0) inv.progress(wampListOf(n--))
                    CallResult(wampListOf(inv.receiveProgress))
                }
            }
            router.send(Registered(router.expect<Register>().request, 1))
            registering.await()
            router.send(Invocation(10, 1, wampDictOf("receive_progress" to true), wampListOf(2)))
            router.expect<Yield>() shouldBe Yield(10, wampDictOf("progress" to true), wampListOf(2))
            router.expect<Yield>() shouldBe Yield(10, wampDictOf("progress" to true), wampListOf(1))
            router.expect<Yield>() shouldBe Yield(10, WampDict.EMPTY, wampListOf(true))
            router.send(Invocation(11, 1, WampDict.EMPTY, wampListOf(2)))
            router.expect<Yield>() shouldBe Yield(11, WampDict.EMPTY, wampListOf(false))
        }
    }
})
