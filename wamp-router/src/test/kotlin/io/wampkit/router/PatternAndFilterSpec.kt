package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.assertions.throwables.shouldThrow
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.TopicMatch
import io.wampkit.session.WampSession
import io.wampkit.session.publishOptions
import io.wampkit.session.subscribeOptions
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/** Pattern-based subscriptions and subscriber black/whitelisting, WampKit sessions through the router on a real port. */
class PatternAndFilterSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    val sessions = ArrayList<WampSession>()
    suspend fun session() = joinOver(server).also { sessions += it }
    beforeSpec {
        router = wampRouter { realm("realm1") }
        server = router.startServer(port = 0)
    }
    afterTest {
        sessions.forEach { it.leave() }
        sessions.clear()
    }
    afterSpec {
        server.stop()
        router.close()
    }

    test("WELCOME announces the advanced broker features") {
        val features = session().welcomeDetails.dict("roles")!!.dict("broker")!!.dict("features")!!
        for (f in listOf("pattern_based_subscription", "subscriber_blackwhite_listing", "event_retention", "session_meta_api", "subscription_meta_api")) {
            features.boolean(f) shouldBe true
        }
    }

    test("prefix and wildcard subscriptions get the actual topic in Details.topic; non-matching topics do not reach them") {
        val sub = session()
        val pub = session()
        val prefix = sub.inbox("com.pf.emergency", subscribeOptions(TopicMatch.PREFIX))
        val wildcard = sub.inbox("com.pf..userevent", subscribeOptions(TopicMatch.WILDCARD))
        for (topic in listOf("com.pf.emerge", "com.pf.foo.userevent.bar", "com.pf.foo.user", "com.pf.emergency.11", "com.pf.emergency-low", "com.pf.bar.userevent")) {
            pub.publish(topic, wampListOf(topic), acknowledge = true)
        }
        prefix.next().let { it.topic shouldBe "com.pf.emergency.11"; it.details.string("topic") shouldBe "com.pf.emergency.11"; it.subscribedTopic shouldBe "com.pf.emergency" }
        prefix.next().topic shouldBe "com.pf.emergency-low"
        wildcard.next().let { it.topic shouldBe "com.pf.bar.userevent"; it.args shouldBe wampListOf("com.pf.bar.userevent") }
        prefix.isEmpty() shouldBe true
        wildcard.isEmpty() shouldBe true
    }

    test("a publication matching exact and prefix subscriptions of one session is delivered once per subscription") {
        val sub = session()
        val pub = session()
        val exact = sub.inbox("com.pf.both.x")
        val prefix = sub.inbox("com.pf.both", subscribeOptions(TopicMatch.PREFIX))
        (exact.subscription == prefix.subscription) shouldBe false
        val publication = pub.publish("com.pf.both.x", wampListOf(1), acknowledge = true)
        val a = exact.next()
        val b = prefix.next()
        a.publication shouldBe publication
        b.publication shouldBe publication
        a.details shouldBe WampDict.EMPTY // exact: no topic key
        b.details shouldBe wampDictOf("topic" to "com.pf.both.x")
    }

    test("an invalid pattern is refused before it is sent (the router's refusal: BrokerMetaSpec); a prefix may end with a dot") {
        val sub = session()
        shouldThrow<IllegalArgumentException> { sub.subscribe("com..x", subscribeOptions(TopicMatch.PREFIX)) { } }
        val dotted = sub.inbox("com.pf.dot.", subscribeOptions(TopicMatch.PREFIX))
        session().publish("com.pf.dot.a", acknowledge = true)
        dotted.next().topic shouldBe "com.pf.dot.a"
    }

    test("each black/whitelist option and their combination select the receivers; exclude_me still applies") {
        val (a, b, c) = List(3) { session() }
        val pub = session()
        val topic = "com.pf.filtered"
        val inboxes = listOf(a, b, c).map { it.inbox(topic) }
        val ids = listOf(a, b, c).map { it.sessionId }
        suspend fun receivers(options: WampDict, marker: Int): List<Int> {
            pub.publish(topic, wampListOf("filtered"), acknowledge = true, options = options)
            pub.publish(topic, wampListOf(marker), acknowledge = true)
            return inboxes.indices.filter { i ->
                val first = inboxes[i].next()
                if (first.args == wampListOf("filtered")) { inboxes[i].next().args shouldBe wampListOf(marker); true } else { first.args shouldBe wampListOf(marker); false }
            }
        }
        receivers(publishOptions(exclude = listOf(ids[1])), 1) shouldBe listOf(0, 2)
        receivers(publishOptions(eligible = listOf(ids[0], ids[2])), 2) shouldBe listOf(0, 2)
        receivers(publishOptions(eligible = listOf(ids[0], ids[1], ids[2]), exclude = listOf(ids[0])), 3) shouldBe listOf(1, 2)
        receivers(publishOptions(eligibleAuthId = listOf("anonymous")), 4) shouldBe listOf(0, 1, 2)
        receivers(publishOptions(eligibleAuthId = listOf("alice")), 5) shouldBe emptyList()
        receivers(publishOptions(eligibleAuthRole = listOf("anonymous"), exclude = listOf(ids[2])), 6) shouldBe listOf(0, 1)
        receivers(publishOptions(excludeAuthId = listOf("anonymous")), 7) shouldBe emptyList()
        receivers(publishOptions(excludeAuthRole = listOf("anonymous")), 8) shouldBe emptyList()
        receivers(publishOptions(excludeAuthRole = listOf("manager")), 9) shouldBe listOf(0, 1, 2)
        receivers(publishOptions(eligible = emptyList()), 10) shouldBe emptyList()
        // the publisher stays excluded by default even when eligible
        val own = pub.inbox(topic)
        pub.publish(topic, wampListOf("self"), acknowledge = true, options = publishOptions(eligible = listOf(pub.sessionId)))
        pub.publish(topic, wampListOf("self"), acknowledge = true, excludeMe = false, options = publishOptions(eligible = listOf(pub.sessionId)))
        own.next().args shouldBe wampListOf("self")
        own.isEmpty() shouldBe true
        inboxes.forEach { it.isEmpty() shouldBe true }
    }

    test("malformed black/whitelists: acknowledged publish gets invalid_argument, an unacknowledged one is dropped") {
        val sub = session()
        val pub = session()
        val inbox = sub.inbox("com.pf.malformed")
        shouldThrow<WampException> {
            pub.publish("com.pf.malformed", acknowledge = true, options = wampDictOf("exclude" to listOf("not-an-id")))
        }.let { it.uri shouldBe WampErrors.INVALID_ARGUMENT; it.message shouldContain "exclude" }
        shouldThrow<WampException> {
            pub.publish("com.pf.malformed", acknowledge = true, options = wampDictOf("eligible_authrole" to "admin"))
        }.uri shouldBe WampErrors.INVALID_ARGUMENT
        pub.publish("com.pf.malformed", wampListOf("dropped"), options = wampDictOf("exclude_authid" to listOf(1)))
        pub.publish("com.pf.malformed", wampListOf("marker"), acknowledge = true)
        inbox.next().args shouldBe wampListOf("marker")
        pub.isActive shouldBe true
    }
})
