package io.wampkit.router

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.session.CallResult
import io.wampkit.session.callOptions
import io.wampkit.session.join
import io.wampkit.session.registerOptions
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull

/** force_reregister (Crossbar.io's semantics) and the dealer's call timeout. */
class ForceReregisterAndTimeoutSpec : FunSpec({
    lateinit var router: WampRouter
    beforeTest { router = wampRouter { realm("realm1") } }
    afterTest { router.close() }

    test("force_reregister kicks the holder with UNREGISTERED 0 {registration, reason} and takes the URI over") {
        coroutineScope {
            val old = router.rawPeer(this).also { it.hello() }
            val new = router.rawPeer(this).also { it.hello() }
            val caller = router.rawPeer(this).also { it.hello() }
            old.send(Register(1, WampDict.EMPTY, "com.example.svc"))
            val oldId = old.expect<Registered>().registration
            new.send(Register(1, wampDictOf("force_reregister" to true), "com.example.svc"))
            old.expect<Unregistered>() shouldBe
                Unregistered(0, wampDictOf("registration" to oldId, "reason" to WampErrors.UNREGISTERED))
            val newId = new.expect<Registered>().registration
            (newId != oldId) shouldBe true
            caller.send(Call(1, WampDict.EMPTY, "com.example.svc"))
            new.expect<Invocation>().registration shouldBe newId
            // without the option a second REGISTER is still refused
            old.send(Register(2, WampDict.EMPTY, "com.example.svc"))
            old.expect<Error>().error shouldBe WampErrors.PROCEDURE_ALREADY_EXISTS
            listOf(old, new, caller).forEach { it.close() }
        }
    }

    test("a WampKit callee kicked by force_reregister sees its registration end and stays joined") {
        val old = router.connector().join("realm1")
        val new = router.connector().join("realm1")
        val caller = router.connector().join("realm1")
        val registration = old.register("com.example.svc") { CallResult.of("old") }
        new.register("com.example.svc", registerOptions(forceReregister = true)) { CallResult.of("new") }
        caller.call("com.example.svc").args shouldBe wampListOf("new")
        // the kick was queued to the old callee before REGISTERED went to the new one; a round trip flushes it
        old.call("com.example.svc")
        registration.isActive shouldBe false
        old.isActive shouldBe true
        registration.unregister() // nothing left to undo: no error
    }

    test("a call timeout interrupts the callee (killnowait) and answers the caller wamp.error.timeout") {
        coroutineScope {
            val callee = router.rawPeer(this).also { it.hello(details = RawPeer.roles("call_canceling" to true)) }
            val caller = router.rawPeer(this).also { it.hello() }
            callee.send(Register(1, WampDict.EMPTY, "com.example.slow"))
            callee.expect<Registered>()
            caller.send(Call(9, wampDictOf("timeout" to 100), "com.example.slow"))
            val invocation = callee.expect<Invocation>()
            invocation.details.long("timeout") shouldBe 100L
            callee.expect<Interrupt>() shouldBe Interrupt(invocation.request, wampDictOf("mode" to "killnowait"))
            caller.expect<Error>().let {
                it.requestType shouldBe MessageCode.CALL
                it.request shouldBe 9
                it.error shouldBe WampErrors.TIMEOUT
            }
            // the late answer is dropped; the caller's next call is served
            callee.send(Yield(invocation.request, WampDict.EMPTY, wampListOf("late")))
            caller.send(Call(10, WampDict.EMPTY, "com.example.slow"))
            val next = callee.expect<Invocation>()
            callee.send(Yield(next.request, WampDict.EMPTY, wampListOf("on time")))
            caller.expect<Result>() shouldBe Result(10, WampDict.EMPTY, wampListOf("on time"))
            callee.close()
            caller.close()
        }
    }

    test("a callee without call_canceling gets no INTERRUPT; the caller still gets the timeout") {
        coroutineScope {
            val callee = router.rawPeer(this).also { it.hello() }
            val caller = router.rawPeer(this).also { it.hello() }
            callee.send(Register(1, WampDict.EMPTY, "com.example.slow"))
            callee.expect<Registered>()
            caller.send(Call(1, wampDictOf("timeout" to 50), "com.example.slow"))
            callee.expect<Invocation>()
            caller.expect<Error>().error shouldBe WampErrors.TIMEOUT
            withTimeoutOrNull(300) { callee.receive() } shouldBe null
            callee.close()
            caller.close()
        }
    }

    test("a call answered in time cancels its timer: a later call with the same request id is not timed out") {
        coroutineScope {
            val callee = router.rawPeer(this).also { it.hello(details = RawPeer.roles("call_canceling" to true)) }
            val caller = router.rawPeer(this).also { it.hello() }
            callee.send(Register(1, WampDict.EMPTY, "com.example.quick"))
            callee.expect<Registered>()
            caller.send(Call(1, wampDictOf("timeout" to 150), "com.example.quick"))
            callee.send(Yield(callee.expect<Invocation>().request, WampDict.EMPTY, wampListOf(1)))
            caller.expect<Result>().args shouldBe wampListOf(1)
            caller.send(Call(1, WampDict.EMPTY, "com.example.quick"))
            val second = callee.expect<Invocation>()
            // well past the first call's timeout: neither an INTERRUPT nor an ERROR comes
            withTimeoutOrNull(400) { caller.receive() } shouldBe null
            withTimeoutOrNull(1) { callee.receive() } shouldBe null
            callee.send(Yield(second.request, WampDict.EMPTY, wampListOf(2)))
            caller.expect<Result>().args shouldBe wampListOf(2)
            callee.close()
            caller.close()
        }
    }

    test("a negative timeout is an invalid argument") {
        coroutineScope {
            val caller = router.rawPeer(this).also { it.hello() }
            caller.send(Call(1, wampDictOf("timeout" to -5), "com.example.any"))
            caller.expect<Error>().error shouldBe WampErrors.INVALID_ARGUMENT
            caller.close()
        }
    }

    test("WampKit end to end: the caller's timeout cancels the callee's handler and fails the call") {
        val callee = router.connector().join("realm1")
        val caller = router.connector().join("realm1")
        val started = CompletableDeferred<Unit>()
        val cancelled = CompletableDeferred<Unit>()
        callee.register("com.example.forever") {
            started.complete(Unit)
            try { awaitCancellation() } finally { cancelled.complete(Unit) }
        }
        val error = shouldThrow<WampException> { caller.call("com.example.forever", options = callOptions(timeoutMillis = 100)) }
        error.uri shouldBe WampErrors.TIMEOUT
        withTimeout(5_000) { started.await(); cancelled.await() }
        callee.isActive shouldBe true
        caller.isActive shouldBe true
    }
})
