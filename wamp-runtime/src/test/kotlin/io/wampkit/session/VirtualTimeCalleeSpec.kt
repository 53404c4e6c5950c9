@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Error
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Unregister
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Registers [procedure] with [handler]; the router answers REGISTERED with [registrationId]. */
private suspend fun TestScope.registered(
    session: WampSession, router: VirtualRouter, procedure: String, registrationId: Long, handler: InvocationHandler,
): Registration {
    val reg = async { session.register(procedure, handler = handler) }
    val register = router.expect<Register>()
    router.send(Registered(register.request, registrationId))
    return reg.await()
}

/** register(), INVOCATION → YIELD/ERROR, INTERRUPT and unregister(), on virtual time. */
class VirtualTimeCalleeSpec : FunSpec({
    test("REGISTER carries procedure and options; REGISTERED gives the Registration") {
        runTest {
            val (session, router) = virtualSession(welcome = wampDictOf("roles" to mapOf("dealer" to mapOf("features" to mapOf("shared_registration" to true)))))
            val reg = async { session.register("com.example.add", wampDictOf("invoke" to "roundrobin")) { CallResult.EMPTY } }
            val register = router.expect<Register>()
            register.procedure shouldBe "com.example.add"
            register.options shouldBe wampDictOf("invoke" to "roundrobin")
            router.send(Registered(register.request, 9001))
            val registration = reg.await()
            registration.id shouldBe 9001
            registration.procedure shouldBe "com.example.add"
            session.leave()
        }
    }

    test("INVOCATION: the handler sees args, kwargs and details; its CallResult goes back as YIELD") {
        runTest {
            val (session, router) = virtualSession()
            val seen = CompletableDeferred<WampInvocation>()
            registered(session, router, "com.example.add", 77) { inv ->
                seen.complete(inv)
                CallResult(wampListOf(5), wampDictOf("unit" to "apples"))
            }
            router.send(Invocation(31, 77, wampDictOf("caller" to 12), wampListOf(2, 3), wampDictOf("round" to true)))
            val yielded = router.expect<Yield>()
            yielded shouldBe Yield(31, WampDict.EMPTY, wampListOf(5), wampDictOf("unit" to "apples"))
            seen.await() shouldBe WampInvocation(
                "com.example.add", wampListOf(2, 3), wampDictOf("round" to true), wampDictOf("caller" to 12), 77, 31,
            )
            session.leave()
        }
    }

    test("a handler throwing WampException answers ERROR for the INVOCATION with its uri, args and kwargs") {
        runTest {
            val (session, router) = virtualSession()
            registered(session, router, "com.example.div", 5) {
                throw WampException("com.example.error.div_by_zero", wampListOf("nope"), wampDictOf("n" to 1))
            }
            router.send(Invocation(8, 5, WampDict.EMPTY))
            router.expect<Error>() shouldBe Error(
                MessageCode.INVOCATION, 8, WampDict.EMPTY, "com.example.error.div_by_zero",
                wampListOf("nope"), wampDictOf("n" to 1),
            )
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("a handler throwing RuntimeException answers runtime_error with its message, and the next INVOCATION is served") {
        runTest {
            val (session, router) = virtualSession()
            var calls = 0
            registered(session, router, "com.example.flaky", 5) {
                if (++calls == 1) throw RuntimeException("boom")
                CallResult.of("ok")
            }
            router.send(Invocation(1, 5, WampDict.EMPTY))
            val error = router.expect<Error>()
            error.requestType shouldBe MessageCode.INVOCATION
            error.request shouldBe 1
            error.error shouldBe WampErrors.RUNTIME_ERROR
            error.args shouldBe wampListOf("boom")
            router.send(Invocation(2, 5, WampDict.EMPTY))
            router.expect<Yield>() shouldBe Yield(2, WampDict.EMPTY, wampListOf("ok"))
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("an INVOCATION for an unknown registration is answered ERROR no_such_registration; no handler runs") {
        runTest {
            val (session, router) = virtualSession()
            var ran = false
            registered(session, router, "com.example.p", 5) { ran = true; CallResult.EMPTY }
            router.send(Invocation(3, 6, WampDict.EMPTY, wampListOf(1)))
            val error = router.expect<Error>()
            error.requestType shouldBe MessageCode.INVOCATION
            error.request shouldBe 3
            error.error shouldBe WampErrors.NO_SUCH_REGISTRATION
            ran shouldBe false
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("INTERRUPT cancels the running handler and answers ERROR wamp.error.canceled") {
        runTest {
            val (session, router) = virtualSession()
            val started = CompletableDeferred<Unit>()
            val cancelled = CompletableDeferred<Throwable>()
            registered(session, router, "com.example.long", 5) {
                started.complete(Unit)
                try {
                    awaitCancellation()
                } catch (e: CancellationException) {
                    cancelled.complete(e)
                    throw e
                }
            }
            router.send(Invocation(40, 5, WampDict.EMPTY))
            started.await()
            router.send(Interrupt(40, wampDictOf("mode" to "kill")))
            val error = router.expect<Error>()
            error shouldBe Error(MessageCode.INVOCATION, 40, WampDict.EMPTY, WampErrors.CANCELED, wampListOf("invocation interrupted"))
            cancelled.await().shouldBeInstanceOf<CancellationException>()
            router.send(Interrupt(40, WampDict.EMPTY)) // again, now unknown: ignored
            router.send(Interrupt(999, WampDict.EMPTY)) // never invoked: ignored
            router.poll() shouldBe null
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("an INTERRUPT that arrives before the handler was dispatched still answers ERROR wamp.error.canceled") {
        runTest {
            val (session, router) = virtualSession()
            var ran = false
            registered(session, router, "com.example.long", 5) {
                ran = true
                awaitCancellation()
            }
            // back to back: the reader handles both before the invocation's coroutine is dispatched
            router.send(Invocation(41, 5, WampDict.EMPTY))
            router.send(Interrupt(41, wampDictOf("mode" to "kill")))
            router.expect<Error>() shouldBe
                Error(MessageCode.INVOCATION, 41, WampDict.EMPTY, WampErrors.CANCELED, wampListOf("invocation interrupted"))
            ran shouldBe false // the invocation was interrupted before its handler started
            router.poll() shouldBe null
            session.leave()
        }
    }

    test("invocations run concurrently: the quicker one yields first, each with its own request id") {
        runTest {
            val (session, router) = virtualSession()
            registered(session, router, "com.example.sleep", 5) { inv ->
                val millis = inv.args[0].toString().toLong()
                delay(millis)
                CallResult.of(millis)
            }
            router.send(Invocation(1, 5, WampDict.EMPTY, wampListOf(3_000)))
            router.send(Invocation(2, 5, WampDict.EMPTY, wampListOf(1_000)))
            router.expect<Yield>() shouldBe Yield(2, WampDict.EMPTY, wampListOf(1_000))
            currentTime shouldBe 1_000
            router.expect<Yield>() shouldBe Yield(1, WampDict.EMPTY, wampListOf(3_000))
            currentTime shouldBe 3_000
            session.leave()
        }
    }

    test("a handler's own withTimeout expiring is a runtime_error, not a cancellation of the session") {
        runTest {
            val (session, router) = virtualSession()
            registered(session, router, "com.example.stuck", 5) { withTimeout(500) { awaitCancellation() } }
            router.send(Invocation(1, 5, WampDict.EMPTY))
            val error = router.expect<Error>()
            error.error shouldBe WampErrors.RUNTIME_ERROR
            currentTime shouldBe 500
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("unregister sends UNREGISTER and returns on UNREGISTERED; later INVOCATIONs find no registration") {
        runTest {
            val (session, router) = virtualSession()
            var ran = 0
            val registration = registered(session, router, "com.example.p", 55) { ran++; CallResult.EMPTY }
            val unregistering = async { registration.unregister() }
            val unregister = router.expect<Unregister>()
            unregister.registration shouldBe 55
            runCurrent()
            unregistering.isCompleted shouldBe false
            router.send(Unregistered(unregister.request))
            unregistering.await()
            registration.unregister() // idempotent: nothing sent
            router.poll() shouldBe null
            router.send(Invocation(4, 55, WampDict.EMPTY))
            router.expect<Error>().error shouldBe WampErrors.NO_SUCH_REGISTRATION
            ran shouldBe 0
            session.leave()
        }
    }

    test("REGISTER answered with ERROR procedure_already_exists throws WampException") {
        runTest {
            val (session, router) = virtualSession()
            val reg = async { runCatching { session.register("com.example.p") { CallResult.EMPTY } } }
            val register = router.expect<Register>()
            router.send(
                Error(MessageCode.REGISTER, register.request, WampDict.EMPTY, WampErrors.PROCEDURE_ALREADY_EXISTS,
                    wampListOf("taken")),
            )
            val e = reg.await().exceptionOrNull().shouldBeInstanceOf<WampException>()
            e.uri shouldBe WampErrors.PROCEDURE_ALREADY_EXISTS
            e.args shouldBe wampListOf("taken")
            session.isActive shouldBe true
            session.leave()
        }
    }
})
