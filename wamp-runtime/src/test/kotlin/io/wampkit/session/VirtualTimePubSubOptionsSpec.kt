@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.message.Event
import io.wampkit.message.Hello
import io.wampkit.message.Publish
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Advanced PubSub options on the wire, typed WampEvent properties and the feature checks, on virtual time. */
class VirtualTimePubSubOptionsSpec : FunSpec({
    test("HELLO announces the implemented subscriber and publisher features") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { client.join("realm1", backgroundScope.coroutineContext) }
            val roles = router.expect<Hello>().details.dict("roles")!!
            roles.dict("subscriber")!!.dict("features") shouldBe wampDictOf(
                "pattern_based_subscription" to true, "publisher_identification" to true, "event_retention" to true,
            )
            roles.dict("publisher")!!.dict("features") shouldBe wampDictOf(
                "publisher_exclusion" to true, "publisher_identification" to true, "subscriber_blackwhite_listing" to true,
            )
            router.send(io.wampkit.message.Welcome(1, WampDict.EMPTY))
            joining.await().leave()
        }
    }

    test("subscribeOptions puts match and get_retained on the wire; exact leaves match out") {
        subscribeOptions() shouldBe WampDict.EMPTY
        subscribeOptions(TopicMatch.EXACT, getRetained = true) shouldBe wampDictOf("get_retained" to true)
        subscribeOptions(TopicMatch.WILDCARD, extra = wampDictOf("x" to 1)) shouldBe wampDictOf("x" to 1, "match" to "wildcard")
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome())
            val sub = async { session.subscribe("com.example.", subscribeOptions(TopicMatch.PREFIX, getRetained = true)) { } }
            val subscribe = router.expect<Subscribe>()
            subscribe.topic shouldBe "com.example."
            subscribe.options shouldBe wampDictOf("match" to "prefix", "get_retained" to true)
            router.send(Subscribed(subscribe.request, 9))
            sub.await().id shouldBe 9
            session.leave()
        }
    }

    test("publishOptions puts each black/whitelist, retain and disclose_me on the wire") {
        publishOptions() shouldBe WampDict.EMPTY
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome())
            val options = publishOptions(
                exclude = listOf(1L, 2L), excludeAuthId = listOf("mallory"), excludeAuthRole = listOf("guest"),
                eligible = listOf(3L), eligibleAuthId = listOf("alice"), eligibleAuthRole = listOf("manager"),
                retain = true, discloseMe = true,
            )
            session.publish("com.example.price", wampListOf(42), options = options)
            router.expect<Publish>().options shouldBe wampDictOf(
                "exclude" to listOf(1, 2), "exclude_authid" to listOf("mallory"), "exclude_authrole" to listOf("guest"),
                "eligible" to listOf(3), "eligible_authid" to listOf("alice"), "eligible_authrole" to listOf("manager"),
                "retain" to true, "disclose_me" to true,
            )
            session.publish("com.example.none", options = publishOptions(eligible = emptyList()))
            router.expect<Publish>().options shouldBe wampDictOf("eligible" to emptyList<Long>())
            session.leave()
        }
    }

    test("options for features the router did not announce are refused before anything is sent") {
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome(mapOf("publisher_identification" to true)))
            shouldThrow<UnsupportedOperationException> {
                session.subscribe("com.example", subscribeOptions(TopicMatch.PREFIX)) { }
            }.message shouldContain "pattern_based_subscription"
            shouldThrow<UnsupportedOperationException> {
                session.subscribe("com.example", subscribeOptions(getRetained = true)) { }
            }.message shouldContain "event_retention"
            shouldThrow<UnsupportedOperationException> {
                session.publish("com.example", options = publishOptions(excludeAuthRole = listOf("guest")))
            }.message shouldContain "subscriber_blackwhite_listing"
            shouldThrow<UnsupportedOperationException> {
                session.publish("com.example", options = publishOptions(retain = true))
            }.message shouldContain "event_retention"
            shouldThrow<UnsupportedOperationException> {
                session.events("com.example", subscribeOptions(TopicMatch.WILDCARD)).toList()
            }
            // exact match, disclose_me and exclude_me need nothing announced
            session.publish("com.example", excludeMe = false, options = publishOptions(discloseMe = true))
            router.expect<Publish>().options shouldBe wampDictOf("exclude_me" to false, "disclose_me" to true)
            router.poll() shouldBe null
            session.leave()
        }
    }

    test("WampEvent: actual topic from Details.topic, subscribed topic kept, publisher and retained typed") {
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome())
            val events = Channel<WampEvent>(Channel.UNLIMITED)
            val sub = async { session.subscribe("com.example.", subscribeOptions(TopicMatch.PREFIX)) { events.send(it) } }
            router.send(Subscribed(router.expect<Subscribe>().request, 5))
            sub.await()
            router.send(
                Event(
                    5, 77,
                    wampDictOf(
                        "topic" to "com.example.a.b", "publisher" to 123, "publisher_authid" to "alice",
                        "publisher_authrole" to "user", "retained" to true,
                    ),
                    wampListOf(1),
                ),
            )
            router.send(Event(5, 78, WampDict.EMPTY, wampListOf(2)))
            val first = withTimeout(10_000) { events.receive() }
            first.topic shouldBe "com.example.a.b"
            first.subscribedTopic shouldBe "com.example."
            first.publisher shouldBe 123L
            first.publisherAuthId shouldBe "alice"
            first.publisherAuthRole shouldBe "user"
            first.retained shouldBe true
            val second = withTimeout(10_000) { events.receive() }
            second.topic shouldBe "com.example."
            second.publisher shouldBe null
            second.publisherAuthId shouldBe null
            second.publisherAuthRole shouldBe null
            second.retained shouldBe false
            session.leave()
        }
    }

    test("the events flow sends the subscribe options and emits the actual topic") {
        runTest {
            val (session, router) = virtualSession(welcome = advancedBrokerWelcome())
            val collected = async { session.events("com..tick", subscribeOptions(TopicMatch.WILDCARD)).take(1).toList() }
            val subscribe = router.expect<Subscribe>()
            subscribe.options shouldBe wampDictOf("match" to "wildcard")
            router.send(Subscribed(subscribe.request, 6))
            router.send(Event(6, 1, wampDictOf("topic" to "com.x.tick"), wampListOf("t")))
            val unsubscribe = router.expect<Unsubscribe>() // the end of the collection unsubscribes
            unsubscribe.subscription shouldBe 6
            router.send(Unsubscribed(unsubscribe.request))
            collected.await().single().topic shouldBe "com.x.tick"
            session.leave()
        }
    }
})
