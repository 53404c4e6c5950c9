@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.DecodeResult
import io.wampkit.message.Error
import io.wampkit.message.Invocation
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Unregistered
import io.wampkit.message.WampCodec
import io.wampkit.message.Yield
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

private val ALL_DEALER_FEATURES = wampDictOf(
    "roles" to mapOf(
        "dealer" to mapOf(
            "features" to mapOf(
                "pattern_based_registration" to true, "shared_registration" to true, "call_timeout" to true,
            ),
        ),
    ),
)

private suspend fun TestScope.dealerSession(welcome: WampDict = ALL_DEALER_FEATURES) = virtualSession(welcome = welcome)

/** Register and call options of the advanced RPC profile, and router-initiated UNREGISTERED, on virtual time. */
class VirtualTimeDealerFeaturesSpec : FunSpec({
    test("registerOptions put match, invoke and force_reregister on the wire; defaults put nothing") {
        runTest {
            val (session, router) = dealerSession()
            val options = registerOptions(MatchPolicy.PREFIX, InvokePolicy.ROUNDROBIN, forceReregister = true)
            val reg = async { session.register("com.example.", options) { CallResult.EMPTY } }
            router.expect<Register>().let {
                it.procedure shouldBe "com.example."
                it.options shouldBe wampDictOf("match" to "prefix", "invoke" to "roundrobin", "force_reregister" to true)
                router.send(Registered(it.request, 5))
            }
            reg.await().id shouldBe 5
            registerOptions() shouldBe WampDict.EMPTY
            registerOptions(match = MatchPolicy.WILDCARD, extra = wampDictOf("x" to 1)) shouldBe
                wampDictOf("x" to 1, "match" to "wildcard")
            session.leave()
        }
    }

    test("a pattern, a shared policy or a timeout the router did not announce fails before anything is sent") {
        runTest {
            val (session, router) = dealerSession(welcome = WampDict.EMPTY)
            shouldThrow<UnsupportedOperationException> {
                session.register("com.example..get", registerOptions(match = MatchPolicy.WILDCARD)) { CallResult.EMPTY }
            }.message shouldContain "pattern_based_registration"
            shouldThrow<UnsupportedOperationException> {
                session.register("com.example.get", registerOptions(invoke = InvokePolicy.RANDOM)) { CallResult.EMPTY }
            }.message shouldContain "shared_registration"
            shouldThrow<UnsupportedOperationException> {
                session.call("com.example.get", options = callOptions(timeoutMillis = 100))
            }.message shouldContain "call_timeout"
            router.poll() shouldBe null
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("a URI its match policy does not allow fails before anything is sent") {
        runTest {
            val (session, router) = dealerSession()
            suspend fun refused(uri: String, match: MatchPolicy) = shouldThrow<IllegalArgumentException> {
                withTimeout(1_000) { session.register(uri, registerOptions(match = match)) { CallResult.EMPTY } }
            }
            refused("com..get", MatchPolicy.PREFIX).message shouldContain "match 'prefix'"
            refused(".com.get", MatchPolicy.PREFIX)
            refused("..", MatchPolicy.WILDCARD).message shouldContain "match 'wildcard'"
            refused("com.get.", MatchPolicy.EXACT)
            router.poll() shouldBe null
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("callOptions put timeout and disclose_me on the CALL") {
        runTest {
            val (session, router) = dealerSession()
            val result = async { session.call("com.example.slow", options = callOptions(timeoutMillis = 1500, discloseMe = true)) }
            val call = router.expect<Call>()
            call.options shouldBe wampDictOf("timeout" to 1500, "disclose_me" to true)
            router.send(Result(call.request, WampDict.EMPTY, wampListOf(1)))
            result.await().args shouldBe wampListOf(1)
            shouldThrow<IllegalArgumentException> { callOptions(timeoutMillis = -1) }
            session.leave()
        }
    }

    test("the handler sees the called URI of a pattern registration and the disclosed caller") {
        runTest {
            val (session, router) = dealerSession()
            val seen = CompletableDeferred<WampInvocation>()
            val reg = async { session.register("com.example.", registerOptions(match = MatchPolicy.PREFIX)) { seen.complete(it); CallResult.EMPTY } }
            router.send(Registered(router.expect<Register>().request, 8))
            reg.await()
            val details = wampDictOf(
                "procedure" to "com.example.user.get", "caller" to 42, "caller_authid" to "alice",
                "caller_authrole" to "admin", "timeout" to 250,
            )
            router.send(Invocation(3, 8, details))
            val invocation = seen.await()
            invocation.procedure shouldBe "com.example.user.get"
            invocation.caller shouldBe 42L
            invocation.callerAuthId shouldBe "alice"
            invocation.callerAuthRole shouldBe "admin"
            invocation.timeoutMillis shouldBe 250L
            router.expect<Yield>().request shouldBe 3
            // an exact registration without Details.procedure: the registered URI, no caller
            val plain = CompletableDeferred<WampInvocation>()
            val reg2 = async { session.register("com.example.exact") { plain.complete(it); CallResult.EMPTY } }
            router.send(Registered(router.expect<Register>().request, 9))
            reg2.await()
            router.send(Invocation(4, 9, WampDict.EMPTY))
            plain.await().let { it.procedure shouldBe "com.example.exact"; it.caller shouldBe null; it.timeoutMillis shouldBe 0L }
            router.expect<Yield>()
            session.leave()
        }
    }

    test("a router-initiated UNREGISTERED retires the registration: no more invocations, unregister() sends nothing") {
        runTest {
            val (session, router) = dealerSession()
            var calls = 0
            val reg = async { session.register("com.example.p") { calls++; CallResult.EMPTY } }
            router.send(Registered(router.expect<Register>().request, 77))
            val registration = reg.await()
            registration.isActive shouldBe true
            router.send(Unregistered(0, wampDictOf("registration" to 77, "reason" to WampErrors.UNREGISTERED)))
            runCurrent()
            registration.isActive shouldBe false
            session.isActive shouldBe true
            router.send(Invocation(5, 77, WampDict.EMPTY))
            router.expect<Error>().let { it.request shouldBe 5; it.error shouldBe WampErrors.NO_SUCH_REGISTRATION }
            calls shouldBe 0
            registration.unregister()
            router.poll() shouldBe null
            session.leave()
        }
    }

    test("UNREGISTERED 0 with Details encodes and decodes; without a registration id it is rejected") {
        val revocation = Unregistered(0, wampDictOf("registration" to 12, "reason" to "wamp.error.unregistered"))
        val wire = WampCodec.encode(revocation)
        wire shouldBe wampListOf(67, 0, wampDictOf("registration" to 12, "reason" to "wamp.error.unregistered"))
        WampCodec.decode(wire).shouldBeInstanceOf<DecodeResult.Success>().message shouldBe revocation
        WampCodec.encode(Unregistered(3)) shouldBe wampListOf(67, 3)
        WampCodec.decode(wampListOf(67, 0)).shouldBeInstanceOf<DecodeResult.Failure>()
        WampCodec.decode(wampListOf(67, 0, WampDict.EMPTY)).shouldBeInstanceOf<DecodeResult.Failure>()
    }
})
