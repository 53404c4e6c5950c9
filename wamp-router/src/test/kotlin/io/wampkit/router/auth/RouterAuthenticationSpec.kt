package io.wampkit.router.auth

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.wampkit.WampAbortedException
import io.wampkit.auth.ScramDialect
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuth
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.auth.cryptosignAuth
import io.wampkit.auth.scramAuth
import io.wampkit.auth.ticketAuth
import io.wampkit.auth.wampCraAuth
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.session.authId
import io.wampkit.session.authMethod
import io.wampkit.session.authProvider
import io.wampkit.session.authRole
import io.wampkit.session.join
import io.wampkit.transport.WampConnector
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.wampListOf

/** WampKit clients joining a WampKit router over a real WebSocket port with each authentication method. */
class RouterAuthenticationSpec : FunSpec({
    val aliceSeed = ByteArray(32) { (it * 3).toByte() }
    val alicePublicKey = WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(aliceSeed))
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    lateinit var connector: WampConnector
    lateinit var bystander: WampSession

    beforeSpec {
        router = wampRouter {
            realm("realm1") {
                anonymous(role = "public")
                ticket { user("joe", ticket = "joe-ticket", role = "frontend") }
                wampcra {
                    user("peter", secret = "peter-secret", role = "backend")
                    user("paula", secret = "paula-secret", role = "backend", salt = "salt123", iterations = 1000, keyLength = 32)
                }
                cryptosign { user("alice", publicKeyHex = alicePublicKey, role = "admin") }
                scram {
                    user("bob", password = "bob-pass", role = "ops", kdf = ScramKdf.ARGON2ID, iterations = 2, memoryKiB = 64)
                    user("carol", password = "carol-pass", role = "ops", kdf = ScramKdf.PBKDF2, iterations = 1000)
                    // computed by argon2-cffi the way Autobahn's derive_scram_credential does (t=2, m=64)
                    credential(
                        "dora", role = "ops", kdf = ScramKdf.ARGON2ID, saltHex = "c7a1ac5989359eab635859250607bad9",
                        iterations = 2, memoryKiB = 64,
                        storedKeyHex = "3e454cf9da9b18fe08ca88dbb2d89a48fd6afededaa4baf3ca50acd09ac384b2",
                        serverKeyHex = "b486c6cee17db3e4664209caa3d47f39ebd711a8559c3791341707b01c2136d6",
                    )
                }
            }
            realm("closed") { ticket { user("joe", ticket = "joe-ticket", role = "frontend") } }
        }
        server = router.startServer(port = 0)
        connector = webSocketConnector(server.url, jsonSerializer())
        bystander = connector.join("realm1")
        bystander.register("com.example.echo") { CallResult(it.args) }
    }
    afterSpec {
        bystander.leave()
        server.stop()
        router.close()
    }

    suspend fun WampSession.shouldBe(authId: String, role: String, method: String) {
        this.authId shouldBe authId
        authRole shouldBe role
        authMethod shouldBe method
        authProvider shouldBe "static"
        call("com.example.echo", wampListOf(authId)).args shouldBe wampListOf(authId)
        leave()
    }

    suspend fun shouldFail(reason: String, block: suspend () -> WampSession) {
        shouldThrow<WampAbortedException> { block() }.reason shouldBe reason
        // the router keeps serving everybody else
        bystander.call("com.example.echo", wampListOf(1)).args shouldBe wampListOf(1)
    }

    test("anonymous: a HELLO without authmethods gets the anonymous role") {
        connector.join("realm1").shouldBe("anonymous", "public", "anonymous")
    }

    test("ticket: WELCOME carries authid, role and method") {
        connector.join("realm1", listOf(ticketAuth("joe", "joe-ticket"))).shouldBe("joe", "frontend", "ticket")
    }

    test("wampcra, plain and salted secrets") {
        connector.join("realm1", listOf(wampCraAuth("peter", "peter-secret"))).shouldBe("peter", "backend", "wampcra")
        connector.join("realm1", listOf(wampCraAuth("paula", "paula-secret"))).shouldBe("paula", "backend", "wampcra")
    }

    test("cryptosign, by authid and by public key alone") {
        connector.join("realm1", listOf(cryptosignAuth("alice", aliceSeed))).shouldBe("alice", "admin", "cryptosign")
        connector.join("realm1", listOf(cryptosignAuth(null, aliceSeed))).shouldBe("alice", "admin", "cryptosign")
    }

    for (dialect in ScramDialect.entries) {
        test("scram ($dialect) with Argon2id and PBKDF2; the client verifies the server signature") {
            connector.join("realm1", listOf(scramAuth("bob", "bob-pass", dialect))).shouldBe("bob", "ops", dialect.method)
            connector.join("realm1", listOf(scramAuth("carol", "carol-pass", dialect))).shouldBe("carol", "ops", dialect.method)
        }
    }

    test("scram credential configured as stored/server keys (Crossbar dialect only, no password on the router)") {
        connector.join("realm1", listOf(scramAuth("dora", "dora-pass", ScramDialect.CROSSBAR))).shouldBe("dora", "ops", "scram")
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(scramAuth("dora", "dora-pass"))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(scramAuth("dora", "wrong", ScramDialect.CROSSBAR))) }
    }

    test("the first of the client's methods that the realm has is used") {
        val offered = listOf(wampCraAuth("joe", "x"), ticketAuth("joe", "joe-ticket")).map {
            object : io.wampkit.auth.ClientAuthenticator by it {
                override val method: String get() = if (it.method == "wampcra") "com.example.unknown" else it.method
            }
        }
        connector.join("realm1", offered).shouldBe("joe", "frontend", "ticket")
    }

    test("wrong secrets: ABORT authentication_failed, and the router keeps serving others") {
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(ticketAuth("joe", "wrong"))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(ticketAuth("nobody", "joe-ticket"))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(wampCraAuth("peter", "wrong"))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(wampCraAuth("paula", "wrong"))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(cryptosignAuth("alice", ByteArray(32)))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(scramAuth("bob", "wrong"))) }
        shouldFail(WampAuth.AUTHENTICATION_FAILED) { connector.join("realm1", listOf(scramAuth("carol", "wrong", ScramDialect.CROSSBAR))) }
    }

    test("no method in common: ABORT no_auth_method; a realm without anonymous() refuses anonymous HELLOs") {
        shouldFail(WampAuth.NO_AUTH_METHOD) { connector.join("realm1", listOf(object : io.wampkit.auth.ClientAuthenticator by ticketAuth("joe", "t") {
            override val method: String get() = "com.example.unknown"
        })) }
        shouldFail(WampAuth.NO_AUTH_METHOD) { connector.join("closed") }
        connector.join("closed", listOf(ticketAuth("joe", "joe-ticket"))).let {
            it.authRole shouldBe "frontend"
            it.leave()
        }
    }

    test("the ABORT message says nothing about which part failed") {
        val e = shouldThrow<WampAbortedException> { connector.join("realm1", listOf(ticketAuth("nobody", "x"))) }
        e.message!! shouldNotContain "nobody"
    }
})
