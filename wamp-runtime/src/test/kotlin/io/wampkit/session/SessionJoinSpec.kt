@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Challenge
import io.wampkit.message.Hello
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest

class SessionJoinSpec : FunSpec({
    test("HELLO names the realm and the four roles with only implemented features; WELCOME opens the session") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { client.join("com.example.realm", backgroundScope.coroutineContext) }
            val hello = router.expect<Hello>()
            hello.realm shouldBe "com.example.realm"
            val roles = hello.details.dict("roles")!!
            roles.keys shouldContainExactlyInAnyOrder listOf("caller", "callee", "publisher", "subscriber")
            roles.dict("publisher")!!.dict("features") shouldBe wampDictOf(
                "publisher_exclusion" to true, "publisher_identification" to true, "subscriber_blackwhite_listing" to true,
            )
            val rpc = wampDictOf("progressive_call_results" to true, "call_canceling" to true)
            roles.dict("caller")!!.dict("features") shouldBe
                WampDict(rpc + wampDictOf("call_timeout" to true, "caller_identification" to true))
            roles.dict("callee")!!.dict("features") shouldBe WampDict(
                rpc + wampDictOf(
                    "caller_identification" to true, "pattern_based_registration" to true, "shared_registration" to true,
                ),
            )
            roles.dict("subscriber")!!.dict("features") shouldBe wampDictOf(
                "pattern_based_subscription" to true, "publisher_identification" to true, "event_retention" to true,
            )
            router.send(io.wampkit.message.Welcome(77, wampDictOf("authrole" to "anonymous")))
            val session = joining.await()
            session.sessionId shouldBe 77
            session.realm shouldBe "com.example.realm"
            session.welcomeDetails.string("authrole") shouldBe "anonymous"
            session.isActive shouldBe true
        }
    }

    test("ABORT on join is a WampAbortedException with the reason and message") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Abort(wampDictOf("message" to "no realm 'realm1'"), WampErrors.NO_SUCH_REALM))
            val e = joining.await().exceptionOrNull() as WampAbortedException
            e.reason shouldBe WampErrors.NO_SUCH_REALM
            e.message shouldContain "no realm 'realm1'"
        }
    }

    test("no answer within the timeout fails the join after exactly that long, on virtual time") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext, timeoutMillis = 3_000) } }
            router.expect<Hello>()
            val e = joining.await().exceptionOrNull()
            (e is WampConnectionClosedException) shouldBe true
            e!!.message shouldContain "3000 ms"
            currentTime shouldBe 3_000
        }
    }

    test("a CHALLENGE without an offered auth method is a protocol violation, answered with ABORT") {
        runTest {
            val (client, router) = scriptedConnection()
            val joining = async { runCatching { client.join("realm1", backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Challenge("wampcra", WampDict.EMPTY))
            router.expect<Abort>().reason shouldBe WampErrors.PROTOCOL_VIOLATION
            (joining.await().exceptionOrNull() is WampProtocolViolationException) shouldBe true
        }
    }

    test("an invalid realm is refused before anything is sent") {
        runTest {
            val (client, _) = scriptedConnection()
            shouldThrow<IllegalArgumentException> { client.join("bad realm", backgroundScope.coroutineContext) }
        }
    }
})
