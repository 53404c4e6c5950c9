package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Error
import io.wampkit.message.Event
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.test.runTest

class SessionPubSubSpec : FunSpec({
    test("events reach the handler in order; a handler that throws keeps receiving") {
        runTest {
            val (session, router) = joinedSession()
            val seen = Channel<Long>(Channel.UNLIMITED)
            val subscribing = async {
                session.subscribe("com.example.topic") { event ->
                    val n = (event.args[0] as WampInt).value
                    seen.send(n)
                    if (n == 2L) error("handler failure on 2")
                }
            }
            val subscribe = router.expect<Subscribe>()
            subscribe.topic shouldBe "com.example.topic"
            router.send(Subscribed(subscribe.request, 55))
            subscribing.await().let { it.id shouldBe 55; it.topic shouldBe "com.example.topic" }
            for (n in 1L..100L) router.send(Event(55, n, WampDict.EMPTY, wampListOf(n)))
            List(100) { seen.receive() } shouldBe (1L..100L).toList()
        }
    }

    test("the handler sees topic, kwargs, details and ids") {
        runTest {
            val (session, router) = joinedSession()
            val seen = Channel<WampEvent>(1)
            val subscribing = async { session.subscribe("com.example.t") { seen.send(it) } }
            router.send(Subscribed(router.expect<Subscribe>().request, 3))
            subscribing.await()
            router.send(Event(3, 99, wampDictOf("d" to 1), wampListOf(), wampDictOf("k" to "v")))
            seen.receive() shouldBe WampEvent("com.example.t", wampListOf(), wampDictOf("k" to "v"), wampDictOf("d" to 1), 3, 99)
        }
    }

    test("unsubscribe sends UNSUBSCRIBE; later events for it are dropped") {
        runTest {
            val (session, router) = joinedSession()
            val seen = Channel<Long>(Channel.UNLIMITED)
            val subscribing = async { session.subscribe("com.example.t") { seen.send(it.publication) } }
            router.send(Subscribed(router.expect<Subscribe>().request, 4))
            val subscription = subscribing.await()
            val unsubscribing = async { subscription.unsubscribe() }
            val unsubscribe = router.expect<Unsubscribe>()
            unsubscribe.subscription shouldBe 4
            router.send(Unsubscribed(unsubscribe.request))
            unsubscribing.await()
            router.send(Event(4, 1, WampDict.EMPTY))
            // a new subscription proves the reader went on, and only its event arrives
            val again = async { session.subscribe("com.example.u") { seen.send(it.publication) } }
            router.send(Subscribed(router.expect<Subscribe>().request, 5))
            again.await()
            router.send(Event(5, 2, WampDict.EMPTY))
            seen.receive() shouldBe 2L
        }
    }

    test("publish: fire-and-forget returns null; acknowledge returns the publication; excludeMe=false is sent") {
        runTest {
            val (session, router) = joinedSession()
            session.publish("com.example.t", wampListOf(1)) shouldBe null
            router.expect<Publish>().let {
                it.topic shouldBe "com.example.t"
                it.args shouldBe wampListOf(1)
                it.options shouldBe WampDict.EMPTY
            }
            val acked = async { session.publish("com.example.t", acknowledge = true, excludeMe = false) }
            val publish = router.expect<Publish>()
            publish.options shouldBe wampDictOf("acknowledge" to true, "exclude_me" to false)
            router.send(Published(publish.request, 4242))
            acked.await() shouldBe 4242
        }
    }

    test("an ERROR answer to an acknowledged publish is a WampException") {
        runTest {
            val (session, router) = joinedSession()
            val acked = async { runCatching { session.publish("com.example.t", acknowledge = true) } }
            val publish = router.expect<Publish>()
            router.send(Error(MessageCode.PUBLISH, publish.request, WampDict.EMPTY, WampErrors.NOT_AUTHORIZED))
            (acked.await().exceptionOrNull() as WampException).uri shouldBe WampErrors.NOT_AUTHORIZED
        }
    }
})
