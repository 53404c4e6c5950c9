package io.wampkit.router

import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.session.CallResult
import io.wampkit.session.InvokePolicy
import io.wampkit.session.MatchPolicy
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.session.registerOptions
import io.wampkit.session.TopicMatch
import io.wampkit.session.subscribeOptions
import io.wampkit.transport.webSocketConnector
import io.wampkit.serialization.jsonSerializer
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampValue
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlin.time.Duration.Companion.seconds

/** The router's own procedures: wamp.session.* and wamp.registration.*, as the spec's meta API defines them. */
class MetaApiSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var a: WampSession
    lateinit var b: WampSession
    beforeTest {
        router = wampRouter { realm("realm1"); realm("realm2") }
        a = router.connector().join("realm1")
        b = router.connector().join("realm1")
    }
    afterTest { router.close() }

    suspend fun WampSession.meta(uri: String, vararg args: Any?): WampValue = call(uri, wampListOf(*args)).args[0]

    test("wamp.session.count and list: the sessions of the caller's realm, with the authrole filter") {
        router.connector().join("realm2") // another realm is not counted
        a.meta("wamp.session.count") shouldBe WampInt(2)
        (a.meta("wamp.session.list") as WampList).map { (it as WampInt).value } shouldContainExactlyInAnyOrder
            listOf(a.sessionId, b.sessionId)
        a.meta("wamp.session.count", listOf("anonymous")) shouldBe WampInt(2)
        a.meta("wamp.session.count", listOf("admin", "user")) shouldBe WampInt(0)
        a.meta("wamp.session.list", listOf("admin")) shouldBe WampList.EMPTY
        a.meta("wamp.session.count", null) shouldBe WampInt(2)
    }

    test("wamp.session.get: the session's auth details, or no_such_session") {
        a.meta("wamp.session.get", b.sessionId) shouldBe wampDictOf(
            "session" to b.sessionId, "authid" to "anonymous", "authrole" to "anonymous",
            "authmethod" to "anonymous", "authprovider" to "static",
        )
        shouldThrow<WampException> { a.meta("wamp.session.get", 12345) }.uri shouldBe WampErrors.NO_SUCH_SESSION
        shouldThrow<WampException> { a.meta("wamp.session.get", "x") }.uri shouldBe WampErrors.INVALID_ARGUMENT
        shouldThrow<WampException> { a.meta("wamp.session.get") }.uri shouldBe WampErrors.INVALID_ARGUMENT
    }

    test("the session meta procedures follow sessions joining and leaving") {
        val c = router.connector().join("realm1")
        a.meta("wamp.session.count") shouldBe WampInt(3)
        c.leave()
        eventually(5.seconds) { a.meta("wamp.session.count") shouldBe WampInt(2) }
        shouldThrow<WampException> { a.meta("wamp.session.get", c.sessionId) }.uri shouldBe WampErrors.NO_SUCH_SESSION
    }

    test("wamp.registration.list, lookup, match and get describe the registrations") {
        val exact = b.register("com.example.add") { CallResult.EMPTY }
        val prefix = b.register("com.example.", registerOptions(match = MatchPolicy.PREFIX)) { CallResult.EMPTY }
        val wildcard = b.register("com..get", registerOptions(match = MatchPolicy.WILDCARD, invoke = InvokePolicy.ROUNDROBIN)) {
            CallResult.EMPTY
        }
        a.meta("wamp.registration.list") shouldBe wampDictOf(
            "exact" to listOf(exact.id), "prefix" to listOf(prefix.id), "wildcard" to listOf(wildcard.id),
        )
        a.meta("wamp.registration.lookup", "com.example.add") shouldBe WampInt(exact.id)
        a.meta("wamp.registration.lookup", "com.example.", mapOf("match" to "prefix")) shouldBe WampInt(prefix.id)
        a.meta("wamp.registration.lookup", "com.example.") shouldBe WampNull
        a.meta("wamp.registration.match", "com.example.add") shouldBe WampInt(exact.id)
        a.meta("wamp.registration.match", "com.example.sub") shouldBe WampInt(prefix.id)
        a.meta("wamp.registration.match", "com.other.get") shouldBe WampInt(wildcard.id)
        a.meta("wamp.registration.match", "org.nothing") shouldBe WampNull
        val details = a.meta("wamp.registration.get", wildcard.id) as WampDict
        details.long("id") shouldBe wildcard.id
        details.string("uri") shouldBe "com..get"
        details.string("match") shouldBe "wildcard"
        details.string("invoke") shouldBe "roundrobin"
        details.string("created")!! shouldStartWith "20"
        shouldThrow<WampException> { a.meta("wamp.registration.get", 999_999) }.uri shouldBe WampErrors.NO_SUCH_REGISTRATION
        shouldThrow<WampException> {
            a.meta("wamp.registration.lookup", "com.example.", mapOf("match" to "regex"))
        }.uri shouldBe WampErrors.INVALID_ARGUMENT
    }

    test("wamp.registration.list_callees and count_callees follow callees joining and leaving a shared registration") {
        val shared = registerOptions(invoke = InvokePolicy.ROUNDROBIN)
        val reg = b.register("com.example.pool", shared) { CallResult.EMPTY }
        val c = router.connector().join("realm1")
        c.register("com.example.pool", shared) { CallResult.EMPTY }
        a.meta("wamp.registration.count_callees", reg.id) shouldBe WampInt(2)
        (a.meta("wamp.registration.list_callees", reg.id) as WampList).map { (it as WampInt).value } shouldBe
            listOf(b.sessionId, c.sessionId)
        c.leave()
        eventually(5.seconds) { a.meta("wamp.registration.count_callees", reg.id) shouldBe WampInt(1) }
        reg.unregister()
        shouldThrow<WampException> { a.meta("wamp.registration.list_callees", reg.id) }.uri shouldBe
            WampErrors.NO_SUCH_REGISTRATION
        shouldThrow<WampException> { a.meta("wamp.registration.count_callees", reg.id) }.uri shouldBe
            WampErrors.NO_SUCH_REGISTRATION
    }

    test("meta procedures cannot be registered; an unknown wamp. procedure is no_such_procedure") {
        shouldThrow<WampException> { a.register("wamp.session.count") { CallResult.EMPTY } }.uri shouldBe WampErrors.INVALID_URI
        shouldThrow<WampException> { a.call("wamp.session.no_such_thing") }.uri shouldBe WampErrors.NO_SUCH_PROCEDURE
    }

    test("WELCOME announces the dealer features, and the meta API answers over a real WebSocket port") {
        val features = a.welcomeDetails.dict("roles")!!.dict("dealer")!!.dict("features")!!
        listOf(
            "pattern_based_registration", "shared_registration", "call_timeout", "caller_identification",
            "session_meta_api", "registration_meta_api",
        ).forEach { features.boolean(it) shouldBe true }
        val server = router.startServer(port = 0)
        try {
            val remote = webSocketConnector(server.url, jsonSerializer()).join("realm1")
            remote.meta("wamp.session.count") shouldBe WampInt(3)
            remote.meta("wamp.session.get", remote.sessionId).let { (it as WampDict).long("session") } shouldBe remote.sessionId
            remote.leave()
        } finally {
            server.stop()
        }
    }

    test("wamp.subscription.*: list, lookup, match, get, list_subscribers, count_subscribers and their errors") {
        val exact = b.subscribe("com.example.t") { }
        val prefix = b.subscribe("com.example.", subscribeOptions(match = TopicMatch.PREFIX)) { }
        a.subscribe("com.example.t") { } // same subscription as b's exact one
        a.meta("wamp.subscription.list") shouldBe wampDictOf(
            "exact" to listOf(exact.id), "prefix" to listOf(prefix.id), "wildcard" to emptyList<Long>(),
        )
        a.meta("wamp.subscription.lookup", "com.example.t") shouldBe WampInt(exact.id)
        a.meta("wamp.subscription.lookup", "com.example.", mapOf("match" to "prefix")) shouldBe WampInt(prefix.id)
        a.meta("wamp.subscription.lookup", "com.other") shouldBe WampNull
        (a.meta("wamp.subscription.match", "com.example.t") as WampList).map { (it as WampInt).value } shouldContainExactlyInAnyOrder
            listOf(exact.id, prefix.id)
        a.meta("wamp.subscription.match", "org.none") shouldBe WampNull
        val details = a.meta("wamp.subscription.get", prefix.id) as WampDict
        details["uri"] shouldBe io.wampkit.value.WampString("com.example.")
        details["match"] shouldBe io.wampkit.value.WampString("prefix")
        (a.meta("wamp.subscription.list_subscribers", exact.id) as WampList).map { (it as WampInt).value } shouldContainExactlyInAnyOrder
            listOf(a.sessionId, b.sessionId)
        a.meta("wamp.subscription.count_subscribers", exact.id) shouldBe WampInt(2)
        a.meta("wamp.subscription.count_subscribers", prefix.id) shouldBe WampInt(1)
        for (uri in listOf("wamp.subscription.get", "wamp.subscription.list_subscribers", "wamp.subscription.count_subscribers")) {
            shouldThrow<WampException> { a.meta(uri, 999_999) }.uri shouldBe WampErrors.NO_SUCH_SUBSCRIPTION
        }
        shouldThrow<WampException> { a.meta("wamp.subscription.match") }.uri shouldBe WampErrors.INVALID_ARGUMENT
    }

    test("wamp.registration.on_create/on_register/on_unregister/on_delete follow registrations, leaves included") {
        val seen = kotlinx.coroutines.channels.Channel<Pair<String, WampList>>(kotlinx.coroutines.channels.Channel.UNLIMITED)
        for (t in listOf("on_create", "on_register", "on_unregister", "on_delete")) {
            a.subscribe("wamp.registration.$t") { e -> seen.trySend(t to e.args) }
        }
        suspend fun next() = kotlinx.coroutines.withTimeout(5_000) { seen.receive() }
        val reg = b.register("com.example.meta", registerOptions(invoke = InvokePolicy.ROUNDROBIN)) { CallResult.EMPTY }
        val first = listOf(next(), next()).toMap() // two subscriptions: either may be handled first
        first.keys shouldBe setOf("on_create", "on_register")
        first.getValue("on_create").let { args ->
            args[0] shouldBe WampInt(b.sessionId)
            (args[1] as WampDict)["uri"] shouldBe io.wampkit.value.WampString("com.example.meta")
            (args[1] as WampDict)["invoke"] shouldBe io.wampkit.value.WampString("roundrobin")
        }
        first.getValue("on_register") shouldBe wampListOf(b.sessionId, reg.id)
        val c = router.connector().join("realm1")
        c.register("com.example.meta", registerOptions(invoke = InvokePolicy.ROUNDROBIN)) { CallResult.EMPTY }
        next() shouldBe ("on_register" to wampListOf(c.sessionId, reg.id)) // shared: no second on_create
        reg.unregister()
        next() shouldBe ("on_unregister" to wampListOf(b.sessionId, reg.id))
        c.leave() // the last callee leaves: the registration goes (two subscriptions: either may be handled first)
        setOf(next(), next()) shouldBe setOf(
            "on_unregister" to wampListOf(c.sessionId, reg.id),
            "on_delete" to wampListOf(c.sessionId, reg.id),
        )
        kotlinx.coroutines.withTimeoutOrNull(200) { seen.receive() } shouldBe null
    }

    test("wamp.session.kill*: GOODBYE with the given reason and message to the others, never to the caller") {
        a.call("wamp.session.kill", wampListOf(b.sessionId), wampDictOf("reason" to "com.example.kicked", "message" to "bye"))
            .args shouldBe WampList.EMPTY
        b.awaitClosed() shouldBe io.wampkit.session.SessionCloseDetails("com.example.kicked", "bye", byPeer = true, isGraceful = true)
        shouldThrow<WampException> { a.meta("wamp.session.kill", a.sessionId) }.uri shouldBe WampErrors.NO_SUCH_SESSION
        shouldThrow<WampException> { a.meta("wamp.session.kill", 424242) }.uri shouldBe WampErrors.NO_SUCH_SESSION
        shouldThrow<WampException> {
            a.call("wamp.session.kill_all", wampListOf(), wampDictOf("reason" to "not a uri!"))
        }.uri shouldBe WampErrors.INVALID_URI

        val others = List(3) { router.connector().join("realm1") }
        (a.meta("wamp.session.kill_by_authid", "anonymous") as WampList).map { (it as WampInt).value } shouldContainExactlyInAnyOrder
            others.map { it.sessionId }
        for (o in others) o.awaitClosed().reason shouldBe "wamp.close.killed"
        a.isActive shouldBe true

        val more = List(2) { router.connector().join("realm1") }
        a.meta("wamp.session.kill_by_authrole", "anonymous") shouldBe WampInt(2)
        for (o in more) o.awaitClosed().reason shouldBe "wamp.close.killed"
        val last = router.connector().join("realm1")
        a.meta("wamp.session.kill_all") shouldBe WampInt(1)
        last.awaitClosed().reason shouldBe "wamp.close.killed"
        eventually(5.seconds) { a.meta("wamp.session.count") shouldBe WampInt(1) }
    }
})
