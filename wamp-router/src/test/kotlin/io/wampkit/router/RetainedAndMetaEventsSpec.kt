package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.wampkit.router.internal.DefaultRouter
import io.wampkit.session.TopicMatch
import io.wampkit.session.WampSession
import io.wampkit.session.publishOptions
import io.wampkit.session.subscribeOptions
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import java.time.Instant

/** Retained events and the session/subscription meta events, WampKit sessions through the router on a real port. */
class RetainedAndMetaEventsSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    val sessions = ArrayList<WampSession>()
    suspend fun session() = joinOver(server).also { sessions += it }
    beforeTest {
        router = wampRouter {
            realm("realm1")
            maxRetainedTopics = 3
        }
        server = router.startServer(port = 0)
    }
    afterTest {
        sessions.forEach { it.leave() }
        sessions.clear()
        server.stop()
        router.close()
    }

    test("a retained event reaches a later subscriber that asks for it, marked retained, and no other") {
        val pub = session()
        val publication = pub.publish("com.rt.temp", wampListOf(21), wampDictOf("unit" to "C"), acknowledge = true,
            options = publishOptions(retain = true, discloseMe = true))
        val latest = pub.publish("com.rt.temp", wampListOf(22), acknowledge = true, options = publishOptions(retain = true))
        val sub = session()
        val asking = sub.inbox("com.rt.temp", subscribeOptions(getRetained = true))
        val event = asking.next()
        event.args shouldBe wampListOf(22) // only the most recent
        event.retained shouldBe true
        event.publisher shouldBe null
        event.publication shouldBe latest // the retained publication keeps its id
        (event.publication == publication) shouldBe false
        val other = session()
        val notAsking = other.inbox("com.rt.temp")
        pub.publish("com.rt.temp", wampListOf(23), acknowledge = true)
        notAsking.next().let { it.args shouldBe wampListOf(23); it.retained shouldBe false }
        asking.next().args shouldBe wampListOf(23)
        asking.isEmpty() shouldBe true
    }

    test("a retained event keeps the publisher disclosure and kwargs of its publication") {
        val pub = session()
        pub.publish("com.rt.who", wampListOf(1), wampDictOf("k" to "v"), acknowledge = true, options = publishOptions(retain = true, discloseMe = true))
        val event = session().inbox("com.rt.who", subscribeOptions(getRetained = true)).next()
        event.publisher shouldBe pub.sessionId
        event.publisherAuthRole shouldBe "anonymous"
        event.kwargs shouldBe wampDictOf("k" to "v")
    }

    test("a pattern subscription gets the retained events of every matching topic, with their topics") {
        val pub = session()
        for (t in listOf("com.rt.room.a", "com.rt.room.b", "com.rt.hall")) pub.publish(t, wampListOf(t), acknowledge = true, options = publishOptions(retain = true))
        val inbox = session().inbox("com.rt.room.", subscribeOptions(TopicMatch.PREFIX, getRetained = true))
        val got = listOf(inbox.next(), inbox.next())
        got.map { it.topic }.toSet() shouldBe setOf("com.rt.room.a", "com.rt.room.b")
        got.forEach { it.retained shouldBe true; it.args shouldBe wampListOf(it.topic) }
        pub.publish("com.rt.room.c", wampListOf("marker"), acknowledge = true)
        inbox.next().args shouldBe wampListOf("marker")
    }

    test("retained events obey the black/whitelisting of their publication") {
        val pub = session()
        val (allowed, denied) = List(2) { session() }
        pub.publish("com.rt.secret", wampListOf("all"), acknowledge = true, options = publishOptions(retain = true))
        pub.publish("com.rt.secret", wampListOf("few"), acknowledge = true, options = publishOptions(retain = true, eligible = listOf(allowed.sessionId)))
        allowed.inbox("com.rt.secret", subscribeOptions(getRetained = true)).next().args shouldBe wampListOf("few")
        denied.inbox("com.rt.secret", subscribeOptions(getRetained = true)).next().args shouldBe wampListOf("all") // the latest it may see
    }

    test("retention memory is capped: the least recently used topic is evicted beyond maxRetainedTopics") {
        val pub = session()
        for (n in 1..4) pub.publish("com.rt.cap.$n", wampListOf(n), acknowledge = true, options = publishOptions(retain = true))
        (router as DefaultRouter).realm("realm1")!!.retainedTopicCount shouldBe 3
        val inbox = session().inbox("com.rt.cap.", subscribeOptions(TopicMatch.PREFIX, getRetained = true))
        listOf(inbox.next(), inbox.next(), inbox.next()).map { it.topic }.toSet() shouldBe setOf("com.rt.cap.2", "com.rt.cap.3", "com.rt.cap.4")
        pub.publish("com.rt.cap.x", wampListOf("marker"), acknowledge = true)
        inbox.next().args shouldBe wampListOf("marker")
    }

    test("wamp.session.on_join and on_leave carry the spec's payload; clients may not publish under wamp.") {
        val watcher = session()
        val joins = watcher.inbox("wamp.session.on_join")
        val leaves = watcher.inbox("wamp.session.on_leave")
        val joiner = joinOver(server)
        joins.next().args shouldBe wampListOf(
            wampDictOf("session" to joiner.sessionId, "authid" to "anonymous", "authrole" to "anonymous",
                "authmethod" to "anonymous", "authprovider" to "static"),
        )
        joiner.leave()
        leaves.next().args shouldBe wampListOf(joiner.sessionId, "anonymous", "anonymous")
        val refused = runCatching { watcher.publish("wamp.session.on_join", acknowledge = true) }.exceptionOrNull()
        refused shouldNotBe null
    }

    test("wamp.subscription.on_create/on_subscribe/on_unsubscribe/on_delete follow a subscription's life") {
        val watcher = session()
        val meta = watcher.inbox("wamp.subscription.", subscribeOptions(TopicMatch.PREFIX))
        val (a, b) = List(2) { session() }
        val before = Instant.now().minusSeconds(1)
        val subA = a.subscribe("com.rt.life") { }
        val subB = b.subscribe("com.rt.life") { }
        meta.next().let { e ->
            e.topic shouldBe "wamp.subscription.on_create"
            e.args[0] shouldBe WampInt(a.sessionId)
            val details = e.args[1] as WampDict
            details.long("id") shouldBe subA.id
            details.string("uri") shouldBe "com.rt.life"
            details.string("match") shouldBe "exact"
            Instant.parse(details.string("created")).isAfter(before) shouldBe true
        }
        meta.next().let { it.topic shouldBe "wamp.subscription.on_subscribe"; it.args shouldBe wampListOf(a.sessionId, subA.id) }
        meta.next().let { it.topic shouldBe "wamp.subscription.on_subscribe"; it.args shouldBe wampListOf(b.sessionId, subA.id) }
        subB.unsubscribe()
        meta.next().let { it.topic shouldBe "wamp.subscription.on_unsubscribe"; it.args shouldBe wampListOf(b.sessionId, subA.id) }
        a.leave() // detach drops a's subscription: unsubscribe, then delete
        meta.next().let { it.topic shouldBe "wamp.subscription.on_unsubscribe"; it.args shouldBe wampListOf(a.sessionId, subA.id) }
        meta.next().let { it.topic shouldBe "wamp.subscription.on_delete"; it.args shouldBe wampListOf(a.sessionId, subA.id) }
    }
})
