package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampErrors
import io.wampkit.message.Error
import io.wampkit.message.Event
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.WampUris
import io.wampkit.router.internal.DefaultRouter
import io.wampkit.router.internal.PublishFilter
import io.wampkit.router.internal.SessionIdentity
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.coroutineScope

/** The broker's read-only meta queries, feature refusal for raw peers, and the matching/filter rules. */
class BrokerMetaSpec : FunSpec({
    lateinit var router: WampRouter
    beforeTest { router = wampRouter { realm("realm1") } }
    afterTest { router.close() }

    val patternRoles = wampDictOf(
        "roles" to mapOf(
            "subscriber" to mapOf("features" to mapOf("pattern_based_subscription" to true)),
            "publisher" to mapOf("features" to mapOf("subscriber_blackwhite_listing" to true)),
        ),
    )

    suspend fun RawPeer.subscribe(topic: String, request: Long, match: String? = null): Long {
        send(Subscribe(request, if (match == null) WampDict.EMPTY else wampDictOf("match" to match), topic))
        return expect<Subscribed>().subscription
    }

    test("list, lookup, match, get, listSubscribers and countSubscribers answer from the live subscriptions") {
        coroutineScope {
            val a = router.rawPeer(this)
            val aId = a.hello(details = patternRoles).session
            val b = router.rawPeer(this)
            val bId = b.hello(details = patternRoles).session
            val exact = a.subscribe("com.meta.x", 1)
            b.subscribe("com.meta.x", 1) shouldBe exact
            val prefix = a.subscribe("com.meta", 2, "prefix")
            val wildcard = b.subscribe("com..x", 2, "wildcard")
            val realm = (router as DefaultRouter).realm("realm1")!!
            realm.subscriptionMeta { list() } shouldBe wampDictOf("exact" to listOf(exact), "prefix" to listOf(prefix), "wildcard" to listOf(wildcard))
            realm.subscriptionMeta { lookup("com.meta.x") } shouldBe WampInt(exact)
            realm.subscriptionMeta { lookup("com.meta", wampDictOf("match" to "prefix")) } shouldBe WampInt(prefix)
            realm.subscriptionMeta { lookup("com.meta") } shouldBe WampNull
            realm.subscriptionMeta { lookup("com.meta", wampDictOf("match" to "fuzzy")) } shouldBe WampNull
            (realm.subscriptionMeta { match("com.meta.x") } as WampList).toSet() shouldBe setOf(WampInt(exact), WampInt(prefix), WampInt(wildcard))
            realm.subscriptionMeta { match("org.other") } shouldBe WampNull
            val details = realm.subscriptionMeta { get(prefix) }!!
            details.long("id") shouldBe prefix
            details.string("uri") shouldBe "com.meta"
            details.string("match") shouldBe "prefix"
            java.time.Instant.parse(details.string("created")) // ISO-8601
            realm.subscriptionMeta { get(999_999) } shouldBe null
            realm.subscriptionMeta { listSubscribers(exact) }!!.toSet() shouldBe setOf(WampInt(aId), WampInt(bId))
            realm.subscriptionMeta { countSubscribers(exact) } shouldBe WampInt(2)
            realm.subscriptionMeta { countSubscribers(999_999) } shouldBe null
            realm.subscriptionMeta { listSubscribers(999_999) } shouldBe null
            a.close()
            b.close()
            a.served.join()
            b.served.join()
            realm.subscriptionMeta { list() } shouldBe wampDictOf("exact" to emptyList<Long>(), "prefix" to emptyList<Long>(), "wildcard" to emptyList<Long>())
        }
    }

    test("a topic its match policy does not allow is refused with invalid_uri") {
        coroutineScope {
            val peer = router.rawPeer(this).also { it.hello(details = patternRoles) }
            for ((request, refused) in listOf("com..x" to "prefix", ".com" to "prefix", ".." to "wildcard", "com..x" to "exact").withIndex()) {
                peer.send(Subscribe(request + 1L, wampDictOf("match" to refused.second), refused.first))
                peer.expect<Error>().let {
                    it.request shouldBe request + 1L
                    it.error shouldBe WampErrors.INVALID_URI
                }
            }
            peer.subscribe("com.x.", 10, "prefix")
            peer.subscribe("..x", 11, "wildcard")
            peer.close()
        }
    }

    test("a peer that did not announce pattern_based_subscription or subscriber_blackwhite_listing is refused") {
        coroutineScope {
            val peer = router.rawPeer(this).also { it.hello() }
            peer.send(Subscribe(1, wampDictOf("match" to "prefix"), "com.meta"))
            peer.expect<Error>().error shouldBe WampErrors.INVALID_ARGUMENT
            peer.send(Subscribe(2, wampDictOf("match" to "regex"), "com.meta"))
            peer.expect<Error>().error shouldBe WampErrors.INVALID_ARGUMENT
            peer.send(Subscribe(6, wampDictOf("match" to 1), "com.meta"))
            peer.expect<Error>().error shouldBe WampErrors.INVALID_ARGUMENT
            peer.send(Publish(3, wampDictOf("acknowledge" to true, "exclude" to listOf(1)), "com.meta"))
            peer.expect<Error>().let { it.error shouldBe WampErrors.INVALID_ARGUMENT; (it.args[0].toString()).contains("subscriber_blackwhite_listing") shouldBe true }
            // retain needs nothing from the publisher; the session goes on
            peer.send(Publish(4, wampDictOf("acknowledge" to true, "retain" to true), "com.meta"))
            peer.expect<Published>().request shouldBe 4
            peer.send(Subscribe(5, wampDictOf("get_retained" to true), "com.meta"))
            peer.expect<Subscribed>()
            peer.expect<Event>().details shouldBe wampDictOf("retained" to true)
            peer.close()
        }
    }

    test("wildcard matching is per whole component") {
        WampUris.matchesWildcard("com.myapp..userevent", "com.myapp.foo.userevent") shouldBe true
        WampUris.matchesWildcard("com.myapp..userevent", "com.myapp.foo.userevent.bar") shouldBe false
        WampUris.matchesWildcard("com.myapp..userevent", "com.myapp.foo.user") shouldBe false
        WampUris.matchesWildcard("com.myapp..userevent", "com.myapp2.foo.userevent") shouldBe false
        WampUris.matchesWildcard("a..", "a.b.c") shouldBe true
        WampUris.matchesWildcard("a..", "a.b") shouldBe false
        WampUris.matchesWildcard(".b", "a.b") shouldBe true
    }

    test("black/whitelists by authid and authrole: eligible lists first, then exclusions") {
        val alice = SessionIdentity("alice", "manager")
        val bob = SessionIdentity("bob", "staff")
        val f = PublishFilter.of(wampDictOf("eligible_authrole" to listOf("manager", "staff"), "exclude_authid" to listOf("bob")))
        f.isRestricted shouldBe true
        f.admits(1, alice) shouldBe true
        f.admits(2, bob) shouldBe false
        PublishFilter.of(wampDictOf("eligible_authid" to listOf("bob"))).admits(1, alice) shouldBe false
        PublishFilter.of(wampDictOf("exclude_authrole" to listOf("staff"))).admits(2, bob) shouldBe false
        PublishFilter.of(wampDictOf("eligible" to listOf(2), "exclude_authrole" to listOf("manager"))).admits(2, bob) shouldBe true
        PublishFilter.of(wampDictOf("acknowledge" to true)).isRestricted shouldBe false
        runCatching { PublishFilter.of(wampDictOf("exclude_authid" to listOf(1))) }.exceptionOrNull().shouldBeInstanceOf<IllegalArgumentException>()
    }
})
