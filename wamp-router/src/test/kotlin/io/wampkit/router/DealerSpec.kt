package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Cancel
import io.wampkit.message.Error
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Unregister
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.coroutineScope

class DealerSpec : FunSpec({
    lateinit var router: WampRouter
    beforeTest { router = wampRouter { realm("realm1") } }
    afterTest { router.close() }

    suspend fun peers(block: suspend (callee: RawPeer, caller: RawPeer) -> Unit) = coroutineScope {
        val callee = router.rawPeer(this).also { it.hello(details = RawPeer.roles("progressive_call_results" to true, "call_canceling" to true)) }
        val caller = router.rawPeer(this).also { it.hello() }
        block(callee, caller)
        callee.close()
        caller.close()
    }

    suspend fun RawPeer.register(uri: String, request: Long = 1): Long {
        send(Register(request, WampDict.EMPTY, uri))
        return expect<Registered>().registration
    }

    test("call → INVOCATION → YIELD → RESULT carries args and kwargs both ways") {
        peers { callee, caller ->
            val registration = callee.register("com.example.add2")
            caller.send(Call(7, WampDict.EMPTY, "com.example.add2", wampListOf(2, 3), wampDictOf("k" to "v")))
            val invocation = callee.expect<Invocation>()
            invocation.registration shouldBe registration
            invocation.args shouldBe wampListOf(2, 3)
            invocation.kwargs shouldBe wampDictOf("k" to "v")
            callee.send(Yield(invocation.request, WampDict.EMPTY, wampListOf(5), wampDictOf("r" to true)))
            caller.expect<Result>() shouldBe Result(7, WampDict.EMPTY, wampListOf(5), wampDictOf("r" to true))
        }
    }

    test("a second registration of the same URI gets procedure_already_exists; unregister frees it") {
        peers { callee, caller ->
            val registration = callee.register("com.example.p")
            caller.send(Register(3, WampDict.EMPTY, "com.example.p"))
            caller.expect<Error>().let {
                it.requestType shouldBe MessageCode.REGISTER
                it.request shouldBe 3
                it.error shouldBe WampErrors.PROCEDURE_ALREADY_EXISTS
            }
            callee.send(Unregister(2, registration))
            callee.expect<Unregistered>().request shouldBe 2
            caller.send(Call(4, WampDict.EMPTY, "com.example.p"))
            caller.expect<Error>().error shouldBe WampErrors.NO_SUCH_PROCEDURE
            caller.register("com.example.p", request = 5)
            caller.send(Call(6, WampDict.EMPTY, "com.example.p"))
            caller.expect<Invocation>().args shouldBe wampListOf()
        }
    }

    test("unregistering an unknown or foreign registration gets no_such_registration") {
        peers { callee, caller ->
            val registration = callee.register("com.example.mine")
            caller.send(Unregister(9, registration))
            caller.expect<Error>().error shouldBe WampErrors.NO_SUCH_REGISTRATION
        }
    }

    test("a callee ERROR reaches the caller unchanged") {
        peers { callee, caller ->
            callee.register("com.example.fail")
            caller.send(Call(11, WampDict.EMPTY, "com.example.fail"))
            val invocation = callee.expect<Invocation>()
            callee.send(
                Error(MessageCode.INVOCATION, invocation.request, WampDict.EMPTY, "com.example.error.failed",
                    wampListOf("boom", 42), wampDictOf("reason" to "intentional")),
            )
            caller.expect<Error>() shouldBe Error(
                MessageCode.CALL, 11, WampDict.EMPTY, "com.example.error.failed",
                wampListOf("boom", 42), wampDictOf("reason" to "intentional"),
            )
        }
    }

    test("a callee that leaves with a call pending gets its caller wamp.error.canceled") {
        coroutineScope {
            val callee = router.rawPeer(this).also { it.hello() }
            val caller = router.rawPeer(this).also { it.hello() }
            callee.register("com.example.slow")
            caller.send(Call(1, WampDict.EMPTY, "com.example.slow"))
            callee.expect<Invocation>()
            callee.close()
            caller.expect<Error>().error shouldBe WampErrors.CANCELED
            caller.close()
        }
    }

    test("progressive results pass through when the caller asks and the callee announced the feature") {
        peers { callee, caller ->
            callee.register("com.example.countdown")
            caller.send(Call(1, wampDictOf("receive_progress" to true), "com.example.countdown", wampListOf(2)))
            val invocation = callee.expect<Invocation>()
            invocation.details.boolean("receive_progress") shouldBe true
            for (i in 2 downTo 1) callee.send(Yield(invocation.request, wampDictOf("progress" to true), wampListOf(i)))
            callee.send(Yield(invocation.request, WampDict.EMPTY, wampListOf(0)))
            caller.expect<Result>() shouldBe Result(1, wampDictOf("progress" to true), wampListOf(2))
            caller.expect<Result>() shouldBe Result(1, wampDictOf("progress" to true), wampListOf(1))
            caller.expect<Result>() shouldBe Result(1, WampDict.EMPTY, wampListOf(0))
        }
    }

    test("receive_progress is passed on to a callee that did not announce the feature, and progress flows") {
        coroutineScope {
            val callee = router.rawPeer(this).also { it.hello() }
            val caller = router.rawPeer(this).also { it.hello() }
            callee.register("com.example.quiet")
            caller.send(Call(1, wampDictOf("receive_progress" to true), "com.example.quiet"))
            val invocation = callee.expect<Invocation>()
            invocation.details.boolean("receive_progress") shouldBe true
            callee.send(Yield(invocation.request, wampDictOf("progress" to true), wampListOf(1)))
            callee.send(Yield(invocation.request, WampDict.EMPTY, wampListOf(0)))
            caller.expect<Result>() shouldBe Result(1, wampDictOf("progress" to true), wampListOf(1))
            caller.expect<Result>() shouldBe Result(1, WampDict.EMPTY, wampListOf(0))
            callee.close()
            caller.close()
        }
    }

    test("progress from a callee whose caller did not ask for it is dropped; the final result still arrives") {
        peers { callee, caller ->
            callee.register("com.example.eager")
            caller.send(Call(2, WampDict.EMPTY, "com.example.eager"))
            val invocation = callee.expect<Invocation>()
            invocation.details shouldBe WampDict.EMPTY
            callee.send(Yield(invocation.request, wampDictOf("progress" to true), wampListOf(1)))
            callee.send(Yield(invocation.request, WampDict.EMPTY, wampListOf(0)))
            caller.expect<Result>() shouldBe Result(2, WampDict.EMPTY, wampListOf(0))
        }
    }

    test("CANCEL killnowait interrupts the callee and answers the caller with canceled at once") {
        peers { callee, caller ->
            callee.register("com.example.slow")
            caller.send(Call(5, WampDict.EMPTY, "com.example.slow"))
            val invocation = callee.expect<Invocation>()
            caller.send(Cancel(5, wampDictOf("mode" to "killnowait")))
            callee.expect<Interrupt>() shouldBe Interrupt(invocation.request, wampDictOf("mode" to "killnowait"))
            caller.expect<Error>().let { it.request shouldBe 5; it.error shouldBe WampErrors.CANCELED }
        }
    }

    test("a caller that sets disclose_me is identified in INVOCATION.Details; others are not") {
        coroutineScope {
            val callee = router.rawPeer(this).also { it.hello() }
            val caller = router.rawPeer(this)
            val callerId = caller.hello().session
            callee.register("com.example.who")
            caller.send(Call(1, wampDictOf("disclose_me" to true), "com.example.who"))
            callee.expect<Invocation>().details shouldBe
                wampDictOf("caller" to callerId, "caller_authid" to "anonymous", "caller_authrole" to "anonymous")
            caller.send(Call(2, WampDict.EMPTY, "com.example.who"))
            callee.expect<Invocation>().details shouldBe WampDict.EMPTY
            callee.close()
            caller.close()
        }
    }

    test("procedures under wamp. are reserved; an unknown match or invoke policy gets invalid_argument") {
        peers { callee, _ ->
            callee.send(Register(1, WampDict.EMPTY, "wamp.session.count"))
            callee.expect<Error>().error shouldBe WampErrors.INVALID_URI
            callee.send(Register(2, wampDictOf("match" to "regex"), "com.example"))
            callee.expect<Error>().let { it.request shouldBe 2; it.error shouldBe WampErrors.INVALID_ARGUMENT }
            callee.send(Register(3, wampDictOf("invoke" to "all"), "com.example"))
            callee.expect<Error>().let { it.request shouldBe 3; it.error shouldBe WampErrors.INVALID_ARGUMENT }
        }
    }

    test("pattern registrations: URI rules per match policy, and Details.procedure only for patterns") {
        peers { callee, caller ->
            callee.send(Register(1, wampDictOf("match" to "prefix"), "com..example"))
            callee.expect<Error>().let { it.request shouldBe 1; it.error shouldBe WampErrors.INVALID_URI }
            callee.send(Register(2, wampDictOf("match" to "wildcard"), "com..get"))
            val wildcard = callee.expect<Registered>().registration
            callee.register("com.example.get", request = 3)
            caller.send(Call(1, WampDict.EMPTY, "com.other.get"))
            callee.expect<Invocation>().let {
                it.registration shouldBe wildcard
                it.details shouldBe wampDictOf("procedure" to "com.other.get")
            }
            caller.send(Call(2, WampDict.EMPTY, "com.example.get"))
            callee.expect<Invocation>().details shouldBe WampDict.EMPTY
        }
    }
})
