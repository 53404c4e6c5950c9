@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session

import kotlin.coroutines.EmptyCoroutineContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.auth.ScramDialect
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuth
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.auth.WampAuthenticationException
import io.wampkit.auth.WampScram
import io.wampkit.auth.cryptosignAuth
import io.wampkit.auth.scramAuth
import io.wampkit.auth.ticketAuth
import io.wampkit.auth.wampCraAuth
import io.wampkit.message.Abort
import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.message.Hello
import io.wampkit.message.Welcome
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.WampString
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.async
import kotlinx.coroutines.test.currentTime
import kotlinx.coroutines.test.runTest

/** join() with authenticators against a scripted router, on virtual time. */
class VirtualTimeAuthSpec : FunSpec({
    fun methods(hello: Hello) = (hello.details["authmethods"] as WampList).map { (it as WampString).value }

    test("ticket: HELLO offers ticket with the authid; the CHALLENGE gets the ticket; WELCOME's authid/authrole are exposed") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { client.join("realm1", listOf(ticketAuth("joe", "s3cret")), context = backgroundScope.coroutineContext) }
            val hello = router.expect<Hello>()
            methods(hello) shouldBe listOf("ticket")
            hello.details.string("authid") shouldBe "joe"
            router.send(Challenge("ticket", WampDict.EMPTY))
            router.expect<Authenticate>().signature shouldBe "s3cret"
            router.send(Welcome(7, wampDictOf("authid" to "joe", "authrole" to "frontend", "authmethod" to "ticket", "authprovider" to "static")))
            val session = joining.await()
            session.authId shouldBe "joe"
            session.authRole shouldBe "frontend"
            session.authMethod shouldBe "ticket"
            session.authProvider shouldBe "static"
            session.leave()
        }
    }

    test("wampcra salted: the signature uses the PBKDF2-derived key as Autobahn computes it") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { client.join("realm1", listOf(wampCraAuth("peter", "secret")), context = backgroundScope.coroutineContext) }
            methods(router.expect<Hello>()) shouldBe listOf("wampcra")
            val challenge = """{"authid":"peter","authrole":"user","authmethod":"wampcra","authprovider":"static",""" +
                """"nonce":"LHRTC9zeOIrt_9U3","timestamp":"2014-06-22T16:36:25.448Z","session":3251278072152162}"""
            router.send(Challenge("wampcra", wampDictOf("challenge" to challenge, "salt" to "salt123", "iterations" to 1000, "keylen" to 32)))
            router.expect<Authenticate>().signature shouldBe "kKXDd/l4+/xzuhbOihJkMp5/rarrusMjaCsLyqQ4iGI="
            router.send(Welcome(7, wampDictOf("authid" to "peter", "authmethod" to "wampcra")))
            joining.await().leave()
        }
    }

    test("cryptosign: HELLO announces the public key; AUTHENTICATE is signature + challenge in hex and verifies") {
        runTest {
            val seed = ByteArray(32) { it.toByte() }
            val (client, router) = virtualConnection()
            val joining = async { client.join("realm1", listOf(cryptosignAuth(null, seed)), context = backgroundScope.coroutineContext) }
            val hello = router.expect<Hello>()
            hello.details.string("authid") shouldBe null
            val pubkey = hello.details.dict("authextra")!!.string("pubkey")!!
            pubkey shouldBe "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
            val challenge = ByteArray(32) { (7 * it).toByte() }
            router.send(Challenge("cryptosign", wampDictOf("challenge" to WampAuthCrypto.hex(challenge), "channel_binding" to null)))
            val signed = WampAuthCrypto.unhex(router.expect<Authenticate>().signature)
            signed.size shouldBe 96
            signed.copyOfRange(64, 96).contentEquals(challenge) shouldBe true
            WampAuthCrypto.ed25519Verify(WampAuthCrypto.unhex(pubkey), challenge, signed.copyOf(64)) shouldBe true
            router.send(Welcome(7, wampDictOf("authid" to "alice", "authmethod" to "cryptosign")))
            joining.await().authId shouldBe "alice"
        }
    }

    suspend fun scramRouterSide(router: VirtualRouter, dialect: ScramDialect, password: String): Pair<ByteArray, ByteArray> {
        val hello = router.expect<Hello>()
        methods(hello) shouldBe listOf(dialect.method)
        val clientNonce = hello.details.dict("authextra")!!.string("nonce")!!
        WampAuthCrypto.unbase64(clientNonce).size shouldBe 16
        val serverNonce = clientNonce + "EBESExQVFhcYGRobHB0eHw=="
        val salt = WampAuthCrypto.base64(ByteArray(16) { 1 })
        router.send(
            Challenge(
                dialect.method,
                wampDictOf("nonce" to serverNonce, "salt" to salt, "kdf" to dialect.kdfName(ScramKdf.ARGON2ID), "iterations" to 2, "memory" to 64),
            ),
        )
        val salted = WampScram.saltedPassword(dialect, ScramKdf.ARGON2ID, password, WampAuthCrypto.unbase64(salt), 2, 64)
        val message = WampScram.authMessage(dialect, "bob", clientNonce, serverNonce, salt, 2)
        val answer = router.expect<Authenticate>()
        if (dialect == ScramDialect.WAMP_SCRAM) answer.extra.string("nonce") shouldBe serverNonce
        WampScram.verifyClientProof(WampScram.storedKey(salted), message, WampAuthCrypto.unbase64(answer.signature)) shouldBe true
        return salted to message
    }

    for (dialect in ScramDialect.entries) {
        test("scram ($dialect): the proof verifies and a correct server signature opens the session") {
            runTest {
                val (client, router) = virtualConnection()
                val joining = async {
                    client.join("realm1", listOf(scramAuth("bob", "pencil", dialect, kdfContext = EmptyCoroutineContext)), context = backgroundScope.coroutineContext)
                }
                val (salted, message) = scramRouterSide(router, dialect, "pencil")
                val signature = WampAuthCrypto.base64(WampScram.serverSignature(WampScram.serverKey(salted), message))
                router.send(Welcome(9, wampDictOf("authid" to "bob", "authmethod" to dialect.method, "authextra" to mapOf(dialect.verifierKey to signature))))
                joining.await().authId shouldBe "bob"
            }
        }
    }

    test("scram: a wrong server signature fails the join and the client sends ABORT cannot_authenticate") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("realm1", listOf(scramAuth("bob", "pencil", ScramDialect.WAMP_SCRAM, kdfContext = EmptyCoroutineContext)), context = backgroundScope.coroutineContext) } }
            scramRouterSide(router, ScramDialect.WAMP_SCRAM, "pencil")
            val forged = WampAuthCrypto.base64(ByteArray(32))
            router.send(Welcome(9, wampDictOf("authid" to "bob", "authmethod" to "wamp-scram", "authextra" to mapOf("verifier" to forged))))
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampAuthenticationException>().message shouldContain "signature"
            router.expect<Abort>().reason shouldBe WampAuth.CANNOT_AUTHENTICATE
            shouldThrow<WampConnectionClosedException> { router.next() }
        }
    }

    test("scram: WELCOME without any challenge is refused (no mutual authentication)") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("realm1", listOf(scramAuth("bob", "pencil", ScramDialect.WAMP_SCRAM, kdfContext = EmptyCoroutineContext)), context = backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Welcome(9, wampDictOf("authid" to "bob", "authmethod" to "wamp-scram")))
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampAuthenticationException>()
            router.expect<Abort>().reason shouldBe WampAuth.CANNOT_AUTHENTICATE
        }
    }

    test("scram: a CHALLENGE nonce that does not extend the client nonce, or a too cheap KDF, is refused") {
        runTest {
            for (extra in listOf(
                { n: String -> wampDictOf("nonce" to "AAAA$n", "salt" to "AAAAAAAAAAA=", "kdf" to "pbkdf2", "iterations" to 4096) },
                { n: String -> wampDictOf("nonce" to "${n}xyz", "salt" to "AAAAAAAAAAA=", "kdf" to "pbkdf2", "iterations" to 10) },
                { n: String -> wampDictOf("nonce" to "${n}xyz", "salt" to "AAAAAAAAAAA=", "kdf" to "md5", "iterations" to 4096) },
            )) {
                val (client, router) = virtualConnection()
                val joining = async { runCatching { client.join("realm1", listOf(scramAuth("bob", "pencil", ScramDialect.WAMP_SCRAM, kdfContext = EmptyCoroutineContext)), context = backgroundScope.coroutineContext) } }
                val nonce = router.expect<Hello>().details.dict("authextra")!!.string("nonce")!!
                router.send(Challenge("wamp-scram", extra(nonce)))
                joining.await().exceptionOrNull().shouldBeInstanceOf<WampAuthenticationException>()
                router.expect<Abort>().reason shouldBe WampAuth.CANNOT_AUTHENTICATE
            }
        }
    }

    test("a CHALLENGE for a method that was not offered is a protocol violation") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async { runCatching { client.join("realm1", listOf(ticketAuth("joe", "t")), context = backgroundScope.coroutineContext) } }
            router.expect<Hello>()
            router.send(Challenge("wampcra", wampDictOf("challenge" to "{}")))
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampProtocolViolationException>().message shouldContain "wampcra"
            router.expect<Abort>().reason shouldBe WampErrors.PROTOCOL_VIOLATION
        }
    }

    test("ABORT authentication_failed after AUTHENTICATE: WampAbortedException with the reason") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async {
                runCatching { client.join("realm1", listOf(wampCraAuth("peter", "wrong"), ticketAuth("peter", "t")), context = backgroundScope.coroutineContext) }
            }
            methods(router.expect<Hello>()) shouldBe listOf("wampcra", "ticket")
            router.send(Challenge("ticket", WampDict.EMPTY))
            router.expect<Authenticate>()
            router.send(Abort(wampDictOf("message" to "authentication failed"), WampAuth.AUTHENTICATION_FAILED))
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampAbortedException>().reason shouldBe WampAuth.AUTHENTICATION_FAILED
        }
    }

    test("no answer to AUTHENTICATE: the join gives up at its timeout") {
        runTest {
            val (client, router) = virtualConnection()
            val joining = async {
                runCatching { client.join("realm1", listOf(ticketAuth("joe", "t")), context = backgroundScope.coroutineContext, timeoutMillis = 5_000) }
            }
            router.expect<Hello>()
            router.send(Challenge("ticket", WampDict.EMPTY))
            router.expect<Authenticate>()
            joining.await().exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
            currentTime shouldBe 5_000
        }
    }

    test("secrets never show in toString, and authenticators naming different authids need an explicit authId") {
        runTest {
            val all = listOf(ticketAuth("joe", "tick3t"), wampCraAuth("joe", "s3cret"), scramAuth("joe", "passw0rd"))
            for (a in all) a.toString().let { it shouldNotContain "tick3t"; it shouldNotContain "s3cret"; it shouldNotContain "passw0rd" }
            val seed = ByteArray(32) { 9 }
            cryptosignAuth("joe", seed).toString() shouldNotContain WampAuthCrypto.hex(seed)
            val (client, _) = virtualConnection()
            shouldThrow<IllegalArgumentException> { client.join("realm1", listOf(ticketAuth("a", "t"), wampCraAuth("b", "s"))) }
        }
    }
})
