package io.wampkit.java

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Call
import io.wampkit.message.Cancel
import io.wampkit.message.Error
import io.wampkit.message.Goodbye
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Yield
import io.wampkit.session.joinedSession
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.future.await
import kotlinx.coroutines.test.runTest
import java.util.concurrent.CompletableFuture

/** The Java facade's messages on the wire, against a scripted router on virtual time. */
class WampClientWireSpec : FunSpec({
    test("call sends plain Java values as CALL arguments and options, and reads RESULT as plain values") {
        runTest {
            val (session, router) = joinedSession(dealerFeatures = mapOf("call_timeout" to true))
            val client = WampClient.of(session)
            val reply = client.call("com.example.f", Payload.withKwargs(listOf(1, "a"), mapOf("k" to 2.5)), mapOf("timeout" to 100))
            router.expect<Call>() shouldBe Call(1, wampDictOf("timeout" to 100), "com.example.f", wampListOf(1, "a"), wampDictOf("k" to 2.5))
            router.send(Result(1, wampDictOf("x" to true), wampListOf(7, listOf("n")), wampDictOf("m" to mapOf("z" to null))))
            val got = reply.await()
            got.args shouldBe listOf(7L, listOf("n"))
            got.kwargs shouldBe mapOf("m" to mapOf("z" to null))
            got.details shouldBe mapOf("x" to true)
            got.argLong(0) shouldBe 7L
        }
    }

    test("an ERROR fails the call future with the WampException of its URI, args and kwargs") {
        runTest {
            val (session, router) = joinedSession()
            val reply = WampClient.of(session).call("com.example.f")
            val call = router.expect<Call>()
            router.send(Error(MessageCode.CALL, call.request, WampDict.EMPTY, "com.example.error.bad", wampListOf("why"), wampDictOf("n" to 1)))
            val e = shouldThrow<WampException> { reply.await() }
            e.uri shouldBe "com.example.error.bad"
            WampExceptions.payload(e).args shouldBe listOf("why")
            WampExceptions.payload(e).kwarg("n") shouldBe 1L
        }
    }

    test("bad arguments and URIs fail the returned future, they are not thrown, and nothing is sent") {
        runTest {
            val (session, router) = joinedSession()
            val client = WampClient.of(session)
            shouldThrow<IllegalArgumentException> { client.call("com.example.f", listOf(Any())).await() }
            shouldThrow<IllegalArgumentException> { client.publish("not a uri!", listOf(1)).await() }
            shouldThrow<IllegalArgumentException> { WampClient.connect("http://h/ws", "realm1").await() }
            val next = client.call("com.example.g")
            router.expect<Call>().procedure shouldBe "com.example.g" // the first CALL sent
            next.cancel(true)
        }
    }

    test("cancelling a call future sends CANCEL killnowait for its request") {
        runTest {
            val (session, router) = joinedSession(dealerFeatures = mapOf("call_canceling" to true))
            val reply = WampClient.of(session).call("com.example.slow")
            val call = router.expect<Call>()
            reply.cancel(true) shouldBe true
            router.expect<Cancel>() shouldBe Cancel(call.request, wampDictOf("mode" to "killnowait"))
        }
    }

    test("publish: acknowledge and exclude_me become PUBLISH options, the others pass through") {
        runTest {
            val (session, router) = joinedSession(brokerFeatures = mapOf("subscriber_blackwhite_listing" to true))
            val client = WampClient.of(session)
            val acked = client.publish("com.example.t", Payload.of(1), mapOf("acknowledge" to true, "exclude_me" to false, "eligible" to listOf(5)))
            val publish = router.expect<Publish>()
            publish.options shouldBe wampDictOf("eligible" to listOf(5), "acknowledge" to true, "exclude_me" to false)
            publish.args shouldBe wampListOf(1)
            router.send(Published(publish.request, 99))
            acked.await() shouldBe 99L
            client.publish("com.example.t", listOf("x")).await() shouldBe null
            router.expect<Publish>().options shouldBe WampDict.EMPTY
        }
    }

    test("a future handler's value is the YIELD; its failure the ERROR; INTERRUPT cancels its future") {
        runTest {
            val (session, router) = joinedSession(dealerFeatures = mapOf("shared_registration" to true))
            val client = WampClient.of(session)
            val pending = CompletableFuture<Any?>()
            val started = CompletableFuture<Unit>()
            val registered = client.register("com.example.p", mapOf("invoke" to "roundrobin")) { inv ->
                when (inv.argString(0)) {
                    "value" -> CompletableFuture.completedFuture(Payload.withKwargs(listOf(1), mapOf("a" to "b")))
                    "wamp" -> CompletableFuture.failedFuture<Any>(WampExceptions.of("com.example.error.x", 5))
                    "crash" -> CompletableFuture.failedFuture<Any>(IllegalStateException("boom"))
                    else -> pending.also { started.complete(Unit) }
                }
            }
            val register = router.expect<Register>()
            register.options shouldBe wampDictOf("invoke" to "roundrobin")
            router.send(Registered(register.request, 7))
            registered.await().id shouldBe 7L

            router.send(Invocation(1, 7, WampDict.EMPTY, wampListOf("value")))
            router.expect<Yield>() shouldBe Yield(1, WampDict.EMPTY, wampListOf(1), wampDictOf("a" to "b"))
            router.send(Invocation(2, 7, WampDict.EMPTY, wampListOf("wamp")))
            router.expect<Error>() shouldBe Error(MessageCode.INVOCATION, 2, WampDict.EMPTY, "com.example.error.x", wampListOf(5))
            router.send(Invocation(3, 7, WampDict.EMPTY, wampListOf("crash")))
            router.expect<Error>() shouldBe Error(MessageCode.INVOCATION, 3, WampDict.EMPTY, WampErrors.RUNTIME_ERROR, wampListOf("boom"))
            router.send(Invocation(4, 7, WampDict.EMPTY, wampListOf("forever")))
            started.await() // interrupt a running handler
            router.send(Interrupt(4, wampDictOf("mode" to "killnowait")))
            router.expect<Error>().error shouldBe WampErrors.CANCELED
            pending.isCancelled shouldBe true
        }
    }

    test("leave sends GOODBYE; after the router's answer the session has ended and requests fail as closed") {
        runTest {
            val (session, router) = joinedSession()
            val client = WampClient.of(session)
            val leaving = client.leave()
            router.expect<Goodbye>().reason shouldBe WampErrors.CLOSE_NORMAL
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await().isGraceful shouldBe true
            client.whenClosed().await().reason shouldBe WampErrors.CLOSE_NORMAL
            client.isActive shouldBe false
            client.close() // idempotent, returns at once
            shouldThrow<WampConnectionClosedException> { client.call("com.example.f").await() }
        }
    }

    test("a copy of whenClosed can be cancelled without touching the client") {
        runTest {
            val (session, router) = joinedSession()
            val client = WampClient.of(session)
            client.whenClosed().cancel(true)
            val leaving = client.leave()
            router.expect<Goodbye>()
            router.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT))
            leaving.await().reason shouldBe WampErrors.CLOSE_NORMAL
            client.whenClosed().await().shouldBeInstanceOf<io.wampkit.session.SessionCloseDetails>()
        }
    }
})
