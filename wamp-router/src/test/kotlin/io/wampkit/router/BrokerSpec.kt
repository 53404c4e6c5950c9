package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.wampkit.WampErrors
import io.wampkit.message.Error
import io.wampkit.message.Event
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Unsubscribed
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.coroutineScope

class BrokerSpec : FunSpec({
    lateinit var router: WampRouter
    beforeTest { router = wampRouter { realm("realm1") } }
    afterTest { router.close() }

    suspend fun RawPeer.subscribe(topic: String, request: Long = 1): Long {
        send(Subscribe(request, WampDict.EMPTY, topic))
        return expect<Subscribed>().subscription
    }

    test("publish reaches every subscriber once, with args and kwargs; acknowledge gets PUBLISHED") {
        coroutineScope {
            val (a, b, pub) = List(3) { router.rawPeer(this).also { p -> p.hello() } }
            val subA = a.subscribe("com.example.topic")
            val subB = b.subscribe("com.example.topic")
            subA shouldBe subB // one subscription per topic
            pub.send(Publish(4, wampDictOf("acknowledge" to true), "com.example.topic", wampListOf("x"), wampDictOf("k" to 1)))
            val published = pub.expect<Published>()
            published.request shouldBe 4
            for (peer in listOf(a, b)) {
                peer.expect<Event>() shouldBe Event(subA, published.publication, WampDict.EMPTY, wampListOf("x"), wampDictOf("k" to 1))
            }
            listOf(a, b, pub).forEach { it.close() }
        }
    }

    test("the publisher is excluded by default and included with exclude_me=false") {
        coroutineScope {
            val peer = router.rawPeer(this).also { it.hello() }
            val sub = peer.subscribe("com.example.self")
            peer.send(Publish(2, wampDictOf("acknowledge" to true), "com.example.self", wampListOf(1)))
            peer.send(Publish(3, wampDictOf("acknowledge" to true, "exclude_me" to false), "com.example.self", wampListOf(2)))
            // the first publication produces only its acknowledgement; the second an event, then its acknowledgement
            peer.expect<Published>().request shouldBe 2
            val event = peer.expect<Event>()
            event.subscription shouldBe sub
            event.args shouldBe wampListOf(2)
            peer.expect<Published>().let { it.request shouldBe 3; it.publication shouldBe event.publication }
            peer.close()
        }
    }

    test("a publisher that sets disclose_me is identified in EVENT.Details") {
        coroutineScope {
            val sub = router.rawPeer(this).also { it.hello() }
            val pub = router.rawPeer(this)
            val publisherId = pub.hello().session
            sub.subscribe("com.example.who")
            pub.send(Publish(1, wampDictOf("disclose_me" to true), "com.example.who"))
            sub.expect<Event>().details shouldBe
                wampDictOf("publisher" to publisherId, "publisher_authid" to "anonymous", "publisher_authrole" to "anonymous")
            pub.send(Publish(2, WampDict.EMPTY, "com.example.who"))
            sub.expect<Event>().details shouldBe WampDict.EMPTY
            sub.close()
            pub.close()
        }
    }

    test("unsubscribe stops events; unsubscribing twice gets no_such_subscription") {
        coroutineScope {
            val (sub, pub) = List(2) { router.rawPeer(this).also { p -> p.hello() } }
            val id = sub.subscribe("com.example.once")
            sub.send(Unsubscribe(2, id))
            sub.expect<Unsubscribed>().request shouldBe 2
            sub.send(Unsubscribe(3, id))
            sub.expect<Error>().let { it.request shouldBe 3; it.error shouldBe WampErrors.NO_SUCH_SUBSCRIPTION }
            pub.send(Publish(1, wampDictOf("acknowledge" to true), "com.example.once"))
            pub.expect<Published>()
            // a later subscription is new, and the only thing the subscriber receives is its SUBSCRIBED
            sub.subscribe("com.example.other", request = 4) shouldNotBe id
            sub.close()
            pub.close()
        }
    }

    test("publication ids differ and publishing without subscribers is acknowledged") {
        coroutineScope {
            val pub = router.rawPeer(this).also { it.hello() }
            val ids = (1L..20L).map {
                pub.send(Publish(it, wampDictOf("acknowledge" to true), "com.example.nobody"))
                pub.expect<Published>().publication
            }
            ids.toSet().size shouldBe 20
            pub.close()
        }
    }

    test("a subscriber that leaves gets no more events and does not block the publisher") {
        coroutineScope {
            val (gone, stays, pub) = List(3) { router.rawPeer(this).also { p -> p.hello() } }
            gone.subscribe("com.example.t")
            stays.subscribe("com.example.t")
            gone.close()
            gone.served.join()
            for (i in 1L..5L) pub.send(Publish(i, WampDict.EMPTY, "com.example.t", wampListOf(i)))
            (1L..5L).map { stays.expect<Event>().args } shouldBe (1L..5L).map { wampListOf(it) }
            router.sessionCount("realm1") shouldBe 2
            stays.close()
            pub.close()
        }
    }
})
