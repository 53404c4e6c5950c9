@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import app.cash.turbine.test
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.Event
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Result
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.receiveAsFlow
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Subscribes [handler] to [topic] and lets the scripted router grant it as [subscription]. */
private suspend fun TestScope.subscribed(
    session: WampSession,
    router: ScriptedRouter,
    subscription: Long,
    topic: String = "com.example.t",
    handler: EventHandler,
): Subscription {
    val subscribing = async { session.subscribe(topic, handler = handler) }
    val subscribe = router.expect<Subscribe>()
    subscribe.topic shouldBe topic
    router.send(Subscribed(subscribe.request, subscription))
    return subscribing.await()
}

class SessionSubscriberSpec : FunSpec({
    test("events observed as a flow arrive in publication order, with their payload") {
        runTest {
            val (session, router) = joinedSession()
            val events = Channel<WampEvent>(Channel.UNLIMITED)
            subscribed(session, router, 7) { events.send(it) }
            for (n in 1L..5L) router.send(Event(7, n, WampDict.EMPTY, wampListOf(n), wampDictOf("n" to n)))
            events.receiveAsFlow().test {
                for (n in 1L..5L) {
                    val e = awaitItem()
                    e.publication shouldBe n
                    e.args shouldBe wampListOf(n)
                    e.kwargs shouldBe wampDictOf("n" to n)
                }
                expectNoEvents()
            }
        }
    }

    test("two handlers on one router subscription both get every event; only the last unsubscribe sends UNSUBSCRIBE") {
        runTest {
            val (session, router) = joinedSession()
            val a = Channel<Long>(Channel.UNLIMITED)
            val b = Channel<Long>(Channel.UNLIMITED)
            val first = subscribed(session, router, 9) { a.send(it.publication) }
            val second = subscribed(session, router, 9) { b.send(it.publication) }
            router.send(Event(9, 1, WampDict.EMPTY))
            a.receive() shouldBe 1
            b.receive() shouldBe 1
            first.unsubscribe()
            session.publish("com.example.marker")
            router.expect<Publish>().topic shouldBe "com.example.marker" // no UNSUBSCRIBE yet
            router.send(Event(9, 2, WampDict.EMPTY))
            b.receive() shouldBe 2
            val unsubscribing = async { second.unsubscribe() }
            val unsubscribe = router.expect<Unsubscribe>()
            unsubscribe.subscription shouldBe 9
            router.send(Unsubscribed(unsubscribe.request))
            unsubscribing.await()
            a.tryReceive().getOrNull() shouldBe null
        }
    }

    test("unsubscribe is idempotent") {
        runTest {
            val (session, router) = joinedSession()
            val subscription = subscribed(session, router, 3) { }
            val unsubscribing = async { subscription.unsubscribe() }
            router.send(Unsubscribed(router.expect<Unsubscribe>().request))
            unsubscribing.await()
            subscription.unsubscribe()
            session.publish("com.example.marker")
            router.expect<Publish>().topic shouldBe "com.example.marker"
        }
    }

    test("an EVENT for an unknown subscription is dropped and the session goes on") {
        runTest {
            val (session, router) = joinedSession()
            router.send(Event(404, 1, WampDict.EMPTY))
            val call = async { session.call("com.example.p") }
            router.send(Result(router.expect<Call>().request, WampDict.EMPTY, wampListOf(1)))
            call.await().args shouldBe wampListOf(1)
            session.isActive shouldBe true
        }
    }

    test("a topic its match policy does not allow is refused before sending") {
        runTest {
            val (session, router) = joinedSession(brokerFeatures = mapOf("pattern_based_subscription" to true))
            suspend fun refused(topic: String, match: TopicMatch) = shouldThrow<IllegalArgumentException> {
                withTimeout(1_000) { session.subscribe(topic, subscribeOptions(match = match)) { } }
            }
            refused("com..t", TopicMatch.PREFIX).message shouldContain "match 'prefix'"
            refused("..", TopicMatch.WILDCARD)
            val subscribing = async { session.subscribe("com..t", subscribeOptions(match = TopicMatch.WILDCARD)) { } }
            val subscribe = router.expect<Subscribe>() // the first thing sent: nothing was sent for the refused ones
            subscribe.topic shouldBe "com..t"
            router.send(Subscribed(subscribe.request, 7))
            subscribing.await().id shouldBe 7
        }
    }

    test("a refused SUBSCRIBE is a WampException; an invalid topic is refused before sending") {
        runTest {
            val (session, router) = joinedSession()
            shouldThrow<IllegalArgumentException> { session.subscribe("com..t") { } }
            val subscribing = async { runCatching { session.subscribe("com.example.secret") { } } }
            val subscribe = router.expect<Subscribe>()
            subscribe.topic shouldBe "com.example.secret"
            router.send(Error(MessageCode.SUBSCRIBE, subscribe.request, WampDict.EMPTY, WampErrors.NOT_AUTHORIZED))
            (subscribing.await().exceptionOrNull() as WampException).uri shouldBe WampErrors.NOT_AUTHORIZED
        }
    }

    test("wildcard subscriptions may have empty URI components; options reach the router") {
        runTest {
            val (session, router) = joinedSession(brokerFeatures = ADVANCED_BROKER)
            val subscribing = async { session.subscribe("com..tick", wampDictOf("match" to "wildcard")) { } }
            val subscribe = router.expect<Subscribe>()
            subscribe.options shouldBe wampDictOf("match" to "wildcard")
            router.send(Subscribed(subscribe.request, 2))
            subscribing.await().topic shouldBe "com..tick"
        }
    }

    test("backpressure: a busy handler holds the reader back after EVENT_BUFFER events, and nothing is dropped") {
        runTest {
            val (session, router) = joinedSession()
            val gate = CompletableDeferred<Unit>()
            val seen = Channel<Long>(Channel.UNLIMITED)
            subscribed(session, router, 5) { seen.send(it.publication); gate.await() }
            val call = async { session.call("com.example.behind") }
            val sent = router.expect<Call>()
            val total = WampSession.EVENT_BUFFER + 3L // one in the handler, a full buffer, one the reader holds, one more
            for (n in 1L..total) router.send(Event(5, n, WampDict.EMPTY))
            router.send(Result(sent.request, WampDict.EMPTY))
            runCurrent()
            seen.receive() shouldBe 1
            seen.tryReceive().getOrNull() shouldBe null
            call.isCompleted shouldBe false // the RESULT waits behind the events
            gate.complete(Unit)
            call.await()
            (2L..total).map { seen.receive() } shouldBe (2L..total).toList()
        }
    }

    test("publish sends args, kwargs and the caller's options merged with acknowledge and exclude_me") {
        runTest {
            val (session, router) = joinedSession(brokerFeatures = ADVANCED_BROKER)
            session.publish(
                "com.example.t", wampListOf(1, "a"), wampDictOf("k" to true), excludeMe = false,
                options = wampDictOf("retain" to true),
            ) shouldBe null
            router.expect<Publish>().let {
                it.args shouldBe wampListOf(1, "a")
                it.kwargs shouldBe wampDictOf("k" to true)
                it.options shouldBe wampDictOf("retain" to true, "exclude_me" to false)
            }
            shouldThrow<IllegalArgumentException> { session.publish("bad topic") }
        }
    }
})
