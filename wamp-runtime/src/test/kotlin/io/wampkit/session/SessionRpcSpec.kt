package io.wampkit.session

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
import io.wampkit.message.Unregister
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.test.runTest

class SessionRpcSpec : FunSpec({
    test("call sends CALL and returns the RESULT's args and kwargs") {
        runTest {
            val (session, router) = joinedSession()
            val result = async { session.call("com.example.add2", wampListOf(2, 3), wampDictOf("k" to 1), wampDictOf("o" to true)) }
            val call = router.expect<Call>()
            call.procedure shouldBe "com.example.add2"
            call.args shouldBe wampListOf(2, 3)
            call.kwargs shouldBe wampDictOf("k" to 1)
            call.options shouldBe wampDictOf("o" to true)
            router.send(Result(call.request, WampDict.EMPTY, wampListOf(5), wampDictOf("r" to "x")))
            result.await() shouldBe CallResult(wampListOf(5), wampDictOf("r" to "x"))
        }
    }

    test("an ERROR answer is a WampException with uri, args and kwargs") {
        runTest {
            val (session, router) = joinedSession()
            val result = async { runCatching { session.call("com.example.fail") } }
            val call = router.expect<Call>()
            router.send(Error(MessageCode.CALL, call.request, WampDict.EMPTY, "com.example.error.failed", wampListOf("boom", 42), wampDictOf("why" to "test")))
            val e = result.await().exceptionOrNull() as WampException
            e.uri shouldBe "com.example.error.failed"
            e.args shouldBe wampListOf("boom", 42)
            e.kwargs shouldBe wampDictOf("why" to "test")
        }
    }

    test("concurrent calls answered out of order each get their own result; progress is ignored") {
        runTest {
            val (session, router) = joinedSession()
            val first = async { session.call("com.example.p", wampListOf(1)) }
            val second = async { session.call("com.example.p", wampListOf(2)) }
            val calls = listOf(router.expect<Call>(), router.expect<Call>()).associateBy { (it.args[0] as WampInt).value }
            router.send(Result(calls.getValue(2).request, wampDictOf("progress" to true), wampListOf("ignored")))
            router.send(Result(calls.getValue(2).request, WampDict.EMPTY, wampListOf("two")))
            router.send(Result(calls.getValue(1).request, WampDict.EMPTY, wampListOf("one")))
            second.await().args shouldBe wampListOf("two")
            first.await().args shouldBe wampListOf("one")
        }
    }

    test("a registered handler answers INVOCATION with YIELD, WampException with ERROR, others with runtime_error") {
        runTest {
            val (session, router) = joinedSession()
            val registering = async {
                session.register("com.example.p") { inv ->
                    when ((inv.args[0] as WampInt).value) {
                        1L -> CallResult(wampListOf(inv.procedure), inv.kwargs)
                        2L -> throw WampException("com.example.error.two", wampListOf("a"), wampDictOf("b" to 1))
                        else -> throw IllegalStateException("boom")
                    }
                }
            }
            val register = router.expect<Register>()
            register.procedure shouldBe "com.example.p"
            router.send(Registered(register.request, 900))
            registering.await().let { it.id shouldBe 900; it.procedure shouldBe "com.example.p" }

            router.send(Invocation(1, 900, WampDict.EMPTY, wampListOf(1), wampDictOf("k" to "v")))
            router.expect<Yield>() shouldBe Yield(1, WampDict.EMPTY, wampListOf("com.example.p"), wampDictOf("k" to "v"))
            router.send(Invocation(2, 900, WampDict.EMPTY, wampListOf(2)))
            router.expect<Error>() shouldBe Error(MessageCode.INVOCATION, 2, WampDict.EMPTY, "com.example.error.two", wampListOf("a"), wampDictOf("b" to 1))
            router.send(Invocation(3, 900, WampDict.EMPTY, wampListOf(3)))
            router.expect<Error>().let { it.error shouldBe WampErrors.RUNTIME_ERROR; it.args shouldBe wampListOf("boom") }
            // the callee goes on serving
            router.send(Invocation(4, 900, WampDict.EMPTY, wampListOf(1)))
            router.expect<Yield>().request shouldBe 4
        }
    }

    test("an INVOCATION for an unknown registration gets no_such_registration") {
        runTest {
            val (_, router) = joinedSession()
            router.send(Invocation(5, 12345, WampDict.EMPTY))
            router.expect<Error>().let { it.request shouldBe 5; it.error shouldBe WampErrors.NO_SUCH_REGISTRATION }
        }
    }

    test("INTERRUPT cancels the running handler and answers wamp.error.canceled") {
        runTest {
            val (session, router) = joinedSession()
            val started = CompletableDeferred<Unit>()
            val cancelled = CompletableDeferred<Unit>()
            val registering = async {
                session.register("com.example.slow") {
                    started.complete(Unit)
                    try { awaitCancellation() } finally { cancelled.complete(Unit) }
                }
            }
            router.send(Registered(router.expect<Register>().request, 7))
            registering.await()
            router.send(Invocation(1, 7, WampDict.EMPTY))
            started.await()
            router.send(Interrupt(1, wampDictOf("mode" to "kill")))
            router.expect<Error>().let { it.request shouldBe 1; it.error shouldBe WampErrors.CANCELED }
            cancelled.isCompleted shouldBe true
        }
    }

    test("unregister sends UNREGISTER and waits for UNREGISTERED; a refused REGISTER is a WampException") {
        runTest {
            val (session, router) = joinedSession()
            val registering = async { session.register("com.example.p") { CallResult.EMPTY } }
            router.send(Registered(router.expect<Register>().request, 8))
            val registration = registering.await()
            val unregistering = async { registration.unregister() }
            val unregister = router.expect<Unregister>()
            unregister.registration shouldBe 8
            router.send(Unregistered(unregister.request))
            unregistering.await()

            val again = async { runCatching { session.register("com.example.taken") { CallResult.EMPTY } } }
            val register = router.expect<Register>()
            router.send(Error(MessageCode.REGISTER, register.request, WampDict.EMPTY, WampErrors.PROCEDURE_ALREADY_EXISTS))
            (again.await().exceptionOrNull() as WampException).uri shouldBe WampErrors.PROCEDURE_ALREADY_EXISTS
        }
    }
})
