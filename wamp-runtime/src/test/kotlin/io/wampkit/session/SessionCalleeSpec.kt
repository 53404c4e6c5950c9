package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Unregister
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Registers [handler] for [procedure] and lets the scripted router grant it as [registration]. */
private suspend fun TestScope.registered(
    session: WampSession,
    router: ScriptedRouter,
    registration: Long,
    procedure: String = "com.example.p",
    handler: InvocationHandler,
): Registration {
    val registering = async { session.register(procedure, handler = handler) }
    router.send(Registered(router.expect<Register>().request, registration))
    return registering.await()
}

class SessionCalleeSpec : FunSpec({
    test("the handler sees the invocation as the router sent it") {
        runTest {
            val (session, router) = joinedSession()
            val seen = CompletableDeferred<WampInvocation>()
            registered(session, router, 31) { seen.complete(it); CallResult.EMPTY }
            router.send(Invocation(9, 31, wampDictOf("caller" to 7), wampListOf("a"), wampDictOf("k" to 1)))
            val inv = seen.await()
            inv.procedure shouldBe "com.example.p"
            inv.args shouldBe wampListOf("a")
            inv.kwargs shouldBe wampDictOf("k" to 1)
            inv.details shouldBe wampDictOf("caller" to 7)
            inv.registration shouldBe 31
            inv.request shouldBe 9
            router.expect<Yield>() shouldBe Yield(9, WampDict.EMPTY)
        }
    }

    test("RuntimeException(\"boom\") becomes runtime_error with the message in args; the callee keeps serving") {
        runTest {
            val (session, router) = joinedSession()
            registered(session, router, 1) { inv ->
                when ((inv.args[0] as WampInt).value) {
                    1L -> throw RuntimeException("boom")
                    2L -> throw IllegalStateException() // no message: its toString stands in
                    else -> CallResult.of("ok")
                }
            }
            router.send(Invocation(1, 1, WampDict.EMPTY, wampListOf(1)))
            router.expect<Error>() shouldBe
                Error(MessageCode.INVOCATION, 1, WampDict.EMPTY, WampErrors.RUNTIME_ERROR, wampListOf("boom"))
            router.send(Invocation(2, 1, WampDict.EMPTY, wampListOf(2)))
            router.expect<Error>().let {
                it.error shouldBe WampErrors.RUNTIME_ERROR
                (it.args[0] as WampString).value shouldContain "IllegalStateException"
            }
            router.send(Invocation(3, 1, WampDict.EMPTY, wampListOf(3)))
            router.expect<Yield>() shouldBe Yield(3, WampDict.EMPTY, wampListOf("ok"))
            session.isActive shouldBe true
        }
    }

    test("invocations run concurrently: a slow one does not hold back a fast one") {
        runTest {
            val (session, router) = joinedSession()
            val gate = CompletableDeferred<Unit>()
            registered(session, router, 1) { inv ->
                if (inv.args[0] == WampInt(1)) gate.await()
                CallResult(inv.args)
            }
            router.send(Invocation(1, 1, WampDict.EMPTY, wampListOf(1)))
            router.send(Invocation(2, 1, WampDict.EMPTY, wampListOf(2)))
            router.expect<Yield>().request shouldBe 2
            gate.complete(Unit)
            router.expect<Yield>() shouldBe Yield(1, WampDict.EMPTY, wampListOf(1))
        }
    }

    test("after unregister, an INVOCATION for it gets no_such_registration and never reaches the handler") {
        runTest {
            val (session, router) = joinedSession()
            val calls = Channel<Long>(Channel.UNLIMITED)
            val registration = registered(session, router, 44) { calls.send(it.request); CallResult.EMPTY }
            val unregistering = async { registration.unregister() }
            router.send(Unregistered(router.expect<Unregister>().request))
            unregistering.await()
            router.send(Invocation(3, 44, WampDict.EMPTY))
            router.expect<Error>().let {
                it.request shouldBe 3
                it.requestType shouldBe MessageCode.INVOCATION
                it.error shouldBe WampErrors.NO_SUCH_REGISTRATION
            }
            calls.tryReceive().getOrNull() shouldBe null
        }
    }

    test("unregister is idempotent: the second call sends nothing") {
        runTest {
            val (session, router) = joinedSession()
            val registration = registered(session, router, 44) { CallResult.EMPTY }
            val unregistering = async { registration.unregister() }
            router.send(Unregistered(router.expect<Unregister>().request))
            unregistering.await()
            registration.unregister()
            session.publish("com.example.marker")
            router.expect<Publish>().topic shouldBe "com.example.marker" // no second UNREGISTER before it
        }
    }

    test("an ERROR answer to UNREGISTER is a WampException") {
        runTest {
            val (session, router) = joinedSession()
            val registration = registered(session, router, 44) { CallResult.EMPTY }
            val unregistering = async { runCatching { registration.unregister() } }
            val unregister = router.expect<Unregister>()
            router.send(Error(MessageCode.UNREGISTER, unregister.request, WampDict.EMPTY, WampErrors.NO_SUCH_REGISTRATION))
            (unregistering.await().exceptionOrNull() as io.wampkit.WampException).uri shouldBe WampErrors.NO_SUCH_REGISTRATION
        }
    }

    test("an INTERRUPT for an invocation that is not running is ignored") {
        runTest {
            val (session, router) = joinedSession()
            router.send(Interrupt(77, wampDictOf("mode" to "kill")))
            val call = async { session.call("com.example.after") }
            val sent = router.expect<Call>()
            router.send(Result(sent.request, WampDict.EMPTY, wampListOf(1)))
            call.await().args shouldBe wampListOf(1)
        }
    }

    test("the handler of a registration gets each invocation of it, with the registered procedure") {
        runTest {
            val (session, router) = joinedSession()
            registered(session, router, 1, "com.example.a") { CallResult.of(it.procedure) }
            registered(session, router, 2, "com.example.b") { CallResult.of(it.procedure) }
            router.send(Invocation(10, 2, WampDict.EMPTY))
            router.expect<Yield>() shouldBe Yield(10, WampDict.EMPTY, wampListOf("com.example.b"))
            router.send(Invocation(11, 1, WampDict.EMPTY))
            router.expect<Yield>() shouldBe Yield(11, WampDict.EMPTY, wampListOf("com.example.a"))
        }
    }

    // Regression test, was a bug (session/internal/Invocations.kt, catch (e: CancellationException)): a CancellationException that does
    // not come from cancelling the invocation (e.g. a TimeoutCancellationException from withTimeout inside the
    // handler) is rethrown, so the INVOCATION is never answered and the caller waits forever.
    test("a handler whose own withTimeout expires answers with runtime_error") {
        runTest {
            val (session, router) = joinedSession()
            registered(session, router, 1) { withTimeout(100) { awaitCancellation() } }
            router.send(Invocation(1, 1, WampDict.EMPTY))
            val answer = withTimeout(10_000) { router.expect<Error>() }
            answer.error shouldBe WampErrors.RUNTIME_ERROR
        }
    }
})
