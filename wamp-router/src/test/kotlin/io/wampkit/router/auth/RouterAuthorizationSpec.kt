package io.wampkit.router.auth

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.auth.ticketAuth
import io.wampkit.message.Abort
import io.wampkit.message.Error
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Published
import io.wampkit.message.Welcome
import io.wampkit.router.RawPeer
import io.wampkit.router.WampRouter
import io.wampkit.router.rawPeer
import io.wampkit.router.wampRouter
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout

/** Per-role permissions: allowed and denied CALL, REGISTER, PUBLISH and SUBSCRIBE end to end. */
class RouterAuthorizationSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var frontend: WampSession
    lateinit var backend: WampSession

    beforeTest {
        router = wampRouter {
            realm("realm1") {
                ticket {
                    user("fe", ticket = "t1", role = "frontend")
                    user("be", ticket = "t2", role = "backend")
                    user("nobody", ticket = "t3", role = "unconfigured")
                }
                role("frontend") {
                    permit("com.example.", UriMatch.PREFIX, call = true, subscribe = true)
                    permit("com.example.secret", UriMatch.EXACT) // explicit deny: the exact rule wins
                    permit("com..status", UriMatch.WILDCARD, publish = true)
                }
                role("backend") { permit("com.example.", UriMatch.PREFIX, register = true, publish = true) }
            }
        }
        frontend = router.connector().join("realm1", listOf(ticketAuth("fe", "t1")))
        backend = router.connector().join("realm1", listOf(ticketAuth("be", "t2")))
    }
    afterTest { router.close() }

    suspend fun denied(block: suspend () -> Unit) {
        shouldThrow<WampException> { block() }.uri shouldBe WampErrors.NOT_AUTHORIZED
    }

    test("register and call: permitted for the right role, ERROR not_authorized otherwise") {
        backend.register("com.example.add") { CallResult.of(42) }
        backend.register("com.example.secret") { CallResult.of("s") }
        denied { frontend.register("com.example.mine") { CallResult.of(0) } }
        frontend.call("com.example.add").args shouldBe wampListOf(42)
        denied { frontend.call("com.example.secret") }
        denied { backend.call("com.example.add") }
        denied { frontend.call("org.other.add") }
    }

    test("subscribe and publish: permitted deliveries arrive; denied ones get ERROR when acknowledged, nothing otherwise") {
        denied { backend.subscribe("com.example.news") { } }
        val received = CompletableDeferred<WampDict>()
        val events = java.util.Collections.synchronizedList(ArrayList<Any>())
        frontend.subscribe("com.example.news") { events.add(it.args); received.complete(it.kwargs) }
        // unacknowledged: silently refused (were it routed, its EVENT would reach frontend before the next ERROR)
        frontend.publish("com.example.news", wampListOf("dropped"), excludeMe = false)
        denied { frontend.publish("com.example.news", acknowledge = true, excludeMe = false) }
        backend.publish("com.example.news", wampListOf("ok"), acknowledge = true)
        withTimeout(5_000) { received.await() }
        events shouldBe listOf(wampListOf("ok"))
        frontend.publish("com.acme.status", acknowledge = true) // wildcard permission
    }

    test("a role without permissions may do nothing; its session stays open") {
        val nobody = router.connector().join("realm1", listOf(ticketAuth("nobody", "t3")))
        denied { nobody.call("com.example.add") }
        denied { nobody.subscribe("com.example.news") { } }
        nobody.isActive shouldBe true
        nobody.leave()
    }

    test("an unacknowledged denied PUBLISH gets no answer; the next acknowledged one does (raw WAMP)") {
        coroutineScope {
            val peer: RawPeer = router.rawPeer(this)
            peer.send(Hello("realm1", WampDict(RawPeer.ALL_ROLES + wampDictOf("authmethods" to listOf("ticket"), "authid" to "fe"))))
            peer.expect<io.wampkit.message.Challenge>()
            peer.send(io.wampkit.message.Authenticate("t1", WampDict.EMPTY))
            peer.expect<Welcome>().details.string("authrole") shouldBe "frontend"
            peer.send(Publish(1, WampDict.EMPTY, "com.example.news"))
            peer.send(Publish(2, wampDictOf("acknowledge" to true), "com.example.news"))
            val error = peer.expect<Error>()
            error.request shouldBe 2
            error.requestType shouldBe MessageCode.PUBLISH
            error.error shouldBe WampErrors.NOT_AUTHORIZED
            peer.send(Publish(3, wampDictOf("acknowledge" to true), "com.x.status"))
            peer.expect<Published>().request shouldBe 3
            peer.close()
        }
    }

    test("a custom authorizer and authenticator plug in; an AUTHENTICATE that never comes is bounded") {
        val custom = wampRouter {
            realm("realm1") {
                authenticator(ticketAuthenticator { hello, ticket -> if (ticket == "db-ticket") AuthPrincipal(hello.authId ?: "x", "dyn", "dynamic") else null })
                authorizer { role, _, action, uri -> role == "dyn" && action == WampAction.CALL && uri.startsWith("com.") }
            }
        }
        try {
            val s = custom.connector().join("realm1", listOf(ticketAuth("dave", "db-ticket")))
            s.welcomeDetails.string("authprovider") shouldBe "dynamic"
            denied { s.register("com.example.x") { CallResult.of(1) } }
            shouldThrow<WampException> { s.call("com.example.x") }.uri shouldBe WampErrors.NO_SUCH_PROCEDURE
            s.leave()
        } finally {
            custom.close()
        }
    }

    test("a peer that never answers the CHALLENGE is aborted after the hello timeout") {
        val quick = io.wampkit.router.internal.DefaultRouter(
            io.wampkit.router.internal.RouterConfig(
                setOf("realm1"),
                1024 * 1024,
                helloTimeoutMillis = 300,
                security = mapOf("realm1" to WampRealmBuilder("realm1").apply { ticket { user("fe", "t1", "r") } }.build()),
            ),
        )
        try {
            coroutineScope {
                val peer = quick.rawPeer(this)
                peer.send(Hello("realm1", WampDict(RawPeer.ALL_ROLES + wampDictOf("authmethods" to listOf("ticket"), "authid" to "fe"))))
                peer.expect<io.wampkit.message.Challenge>()
                peer.expect<Abort>().reason shouldBe "wamp.error.authentication_failed"
                peer.served.join()
            }
        } finally {
            quick.close()
        }
    }
})
