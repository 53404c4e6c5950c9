@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
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
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Subscribes [topic] with [handler]; the router answers SUBSCRIBED with [subscriptionId]. */
private suspend fun TestScope.subscribed(
    session: WampSession, router: VirtualRouter, topic: String, subscriptionId: Long, handler: EventHandler,
): Subscription {
    val sub = async { session.subscribe(topic, handler = handler) }
    val subscribe = router.expect<Subscribe>()
    subscribe.topic shouldBe topic
    router.send(Subscribed(subscribe.request, subscriptionId))
    return sub.await()
}

private suspend fun <T> Channel<T>.next(): T = withTimeout(10_000) { receive() }

/** subscribe(), EVENT delivery, unsubscribe() and publish(), on virtual time. */
class VirtualTimePubSubSpec : FunSpec({
    test("SUBSCRIBE carries topic and options; SUBSCRIBED gives the Subscription") {
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome())
            val sub = async { session.subscribe("com.example", wampDictOf("match" to "prefix")) { } }
            val subscribe = router.expect<Subscribe>()
            subscribe.topic shouldBe "com.example"
            subscribe.options shouldBe wampDictOf("match" to "prefix")
            router.send(Subscribed(subscribe.request, 606))
            val subscription = sub.await()
            subscription.id shouldBe 606
            subscription.topic shouldBe "com.example"
            session.leave()
        }
    }

    test("EVENTs reach the handler in order with topic, payload, details and ids") {
        runTest {
            val (session, router) = virtualSession()
            val events = Channel<WampEvent>(Channel.UNLIMITED)
            subscribed(session, router, "com.example.tick", 606) { events.send(it) }
            for (n in 1..10) router.send(Event(606, 1000L + n, wampDictOf("n" to n), wampListOf(n), wampDictOf("sq" to n * n)))
            for (n in 1..10) {
                events.next() shouldBe WampEvent(
                    "com.example.tick", wampListOf(n), wampDictOf("sq" to n * n), wampDictOf("n" to n), 606, 1000L + n,
                )
            }
            session.leave()
        }
    }

    test("a slow handler gets events one at a time, in order") {
        runTest {
            val (session, router) = virtualSession()
            val seen = Channel<Pair<Long, Long>>(Channel.UNLIMITED)
            subscribed(session, router, "com.example.tick", 7) { e ->
                delay(100)
                seen.send(e.publication to currentTime)
            }
            for (n in 1L..3L) router.send(Event(7, n, WampDict.EMPTY))
            seen.next() shouldBe (1L to 100L)
            seen.next() shouldBe (2L to 200L)
            seen.next() shouldBe (3L to 300L)
            session.leave()
        }
    }

    test("a handler that throws keeps receiving later events") {
        runTest {
            val (session, router) = virtualSession()
            val seen = Channel<Long>(Channel.UNLIMITED)
            subscribed(session, router, "com.example.tick", 7) { e ->
                seen.send(e.publication)
                if (e.publication % 2 == 1L) throw IllegalStateException("odd ${e.publication}")
            }
            for (n in 1L..4L) router.send(Event(7, n, WampDict.EMPTY))
            (1..4).map { seen.next() } shouldBe listOf(1L, 2L, 3L, 4L)
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("EVENTs for an unknown subscription are ignored; the session stays open") {
        runTest {
            val (session, router) = virtualSession()
            val seen = Channel<Long>(Channel.UNLIMITED)
            subscribed(session, router, "com.example.tick", 7) { seen.send(it.subscription) }
            router.send(Event(8, 1, WampDict.EMPTY))
            router.send(Event(7, 2, WampDict.EMPTY))
            seen.next() shouldBe 7L
            runCurrent()
            seen.tryReceive().isSuccess shouldBe false
            router.poll() shouldBe null
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("unsubscribe sends UNSUBSCRIBE and returns on UNSUBSCRIBED; later events for that id are ignored") {
        runTest {
            val (session, router) = virtualSession()
            val seen = Channel<Long>(Channel.UNLIMITED)
            val subscription = subscribed(session, router, "com.example.tick", 7) { seen.send(it.publication) }
            router.send(Event(7, 1, WampDict.EMPTY))
            seen.next() shouldBe 1L
            val unsubscribing = async { subscription.unsubscribe() }
            val unsubscribe = router.expect<Unsubscribe>()
            unsubscribe.subscription shouldBe 7
            runCurrent()
            unsubscribing.isCompleted shouldBe false
            router.send(Event(7, 2, WampDict.EMPTY)) // in flight while UNSUBSCRIBE is
            router.send(Unsubscribed(unsubscribe.request))
            unsubscribing.await()
            router.send(Event(7, 3, WampDict.EMPTY))
            runCurrent()
            seen.tryReceive().isSuccess shouldBe false
            subscription.unsubscribe() // idempotent: nothing sent
            router.poll() shouldBe null
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("publish without acknowledge sends PUBLISH and returns null at once") {
        runTest {
            val (session, router) = virtualSession()
            session.publish("com.example.news", wampListOf("hi"), wampDictOf("lang" to "en")) shouldBe null
            currentTime shouldBe 0
            val publish = router.expect<Publish>()
            publish.topic shouldBe "com.example.news"
            publish.args shouldBe wampListOf("hi")
            publish.kwargs shouldBe wampDictOf("lang" to "en")
            publish.options shouldBe WampDict.EMPTY // exclude_me defaults to the router's default (true)
            session.leave()
        }
    }

    test("publish with acknowledge sends acknowledge=true and returns the PUBLISHED id") {
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome())
            val id = async { session.publish("com.example.news", acknowledge = true, options = wampDictOf("retain" to true)) }
            val publish = router.expect<Publish>()
            publish.options shouldBe wampDictOf("retain" to true, "acknowledge" to true)
            runCurrent()
            id.isCompleted shouldBe false
            router.send(Published(publish.request, 123456))
            id.await() shouldBe 123456L
            session.leave()
        }
    }

    test("publish with acknowledge answered by ERROR throws WampException") {
        runTest {
            val (session, router) = virtualSession()
            val id = async { runCatching { session.publish("com.example.news", acknowledge = true) } }
            val publish = router.expect<Publish>()
            router.send(Error(MessageCode.PUBLISH, publish.request, WampDict.EMPTY, WampErrors.NOT_AUTHORIZED, wampListOf("no")))
            val e = id.await().exceptionOrNull().shouldBeInstanceOf<WampException>()
            e.uri shouldBe WampErrors.NOT_AUTHORIZED
            e.args shouldBe wampListOf("no")
            session.isActive shouldBe true
            session.leave()
        }
    }

    test("excludeMe=false puts exclude_me=false in the PUBLISH options") {
        runTest {
            val (session, router) = virtualSession()
            session.publish("com.example.news", excludeMe = false) shouldBe null
            router.expect<Publish>().options shouldBe wampDictOf("exclude_me" to false)
            session.leave()
        }
    }
})
