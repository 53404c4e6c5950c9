package io.wampkit.router.auth

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.message.Abort
import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.message.Hello
import io.wampkit.message.Welcome
import io.wampkit.router.RawPeer
import io.wampkit.router.WampRouter
import io.wampkit.router.rawPeer
import io.wampkit.router.wampRouter
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.coroutineScope
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long

/** The router's side of the authentication exchange, message by message. */
class RouterAuthProtocolSpec : FunSpec({
    val seed = ByteArray(32) { 42 }
    lateinit var router: WampRouter
    beforeSpec {
        router = wampRouter {
            realm("realm1") {
                wampcra { user("peter", secret = "secret", role = "backend") }
                cryptosign { user("alice", publicKeyHex = WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(seed)), role = "admin") }
                scram { user("bob", password = "pw", role = "ops", kdf = ScramKdf.PBKDF2, iterations = 1000) }
            }
        }
    }
    afterSpec { router.close() }

    fun hello(vararg auth: Pair<String, Any?>) = Hello("realm1", WampDict(RawPeer.ALL_ROLES + wampDictOf(*auth)))

    test("authmethods that are not a list of strings: ABORT protocol_violation") {
        coroutineScope {
            val peer = router.rawPeer(this)
            peer.send(hello("authmethods" to "ticket"))
            peer.expect<Abort>().reason shouldBe WampErrors.PROTOCOL_VIOLATION
            peer.served.join()
        }
    }

    test("wampcra: the challenge is a JSON object naming authid, role, method and the session WELCOME then gets") {
        coroutineScope {
            val peer = router.rawPeer(this)
            peer.send(hello("authmethods" to listOf("wampcra"), "authid" to "peter"))
            val challenge = peer.expect<Challenge>()
            challenge.authMethod shouldBe "wampcra"
            val text = challenge.extra.string("challenge")!!
            val json = Json.parseToJsonElement(text).jsonObject
            json["authid"]!!.jsonPrimitive.content shouldBe "peter"
            json["authrole"]!!.jsonPrimitive.content shouldBe "backend"
            json["authmethod"]!!.jsonPrimitive.content shouldBe "wampcra"
            peer.send(Authenticate(WampAuthCrypto.craSignature(WampAuthCrypto.craKey("secret"), text), WampDict.EMPTY))
            val welcome = peer.expect<Welcome>()
            welcome.session shouldBe json["session"]!!.jsonPrimitive.long
            welcome.details.string("authmethod") shouldBe "wampcra"
            peer.close()
        }
    }

    test("cryptosign: a signature of the wrong length fails authentication; a bare 64-byte signature passes") {
        coroutineScope {
            val pubkey = WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(seed))
            val bad = router.rawPeer(this)
            bad.send(hello("authmethods" to listOf("cryptosign"), "authextra" to mapOf("pubkey" to pubkey)))
            bad.expect<Challenge>()
            bad.send(Authenticate("abcd", WampDict.EMPTY))
            bad.expect<Abort>().reason shouldBe "wamp.error.authentication_failed"
            val good = router.rawPeer(this)
            good.send(hello("authmethods" to listOf("cryptosign"), "authid" to "alice", "authextra" to mapOf("pubkey" to pubkey)))
            val challenge = WampAuthCrypto.unhex(good.expect<Challenge>().extra.string("challenge")!!)
            good.send(Authenticate(WampAuthCrypto.hex(WampAuthCrypto.ed25519Sign(seed, challenge)), WampDict.EMPTY))
            good.expect<Welcome>().details.string("authid") shouldBe "alice"
            good.close()
        }
    }

    test("a client ABORT during authentication ends the session without an answer") {
        coroutineScope {
            val peer = router.rawPeer(this)
            peer.send(hello("authmethods" to listOf("wamp-scram"), "authid" to "bob", "authextra" to mapOf("nonce" to "AAAAAAAAAAAAAAAAAAAAAA==")))
            val challenge = peer.expect<Challenge>()
            challenge.extra.string("kdf") shouldBe "pbkdf2"
            challenge.extra.string("nonce")!! shouldStartWith "AAAAAAAAAAAAAAAAAAAAAA=="
            challenge.extra.containsKey("memory") shouldBe false
            peer.send(Abort(WampDict.EMPTY, "wamp.error.cannot_authenticate"))
            shouldThrow<WampConnectionClosedException> { peer.receive() }
            peer.served.join()
        }
    }

    test("SCRAM without a client nonce, and an unknown authid, are refused with authentication_failed") {
        coroutineScope {
            for (details in listOf(
                arrayOf("authmethods" to listOf("wamp-scram"), "authid" to "bob"),
                arrayOf("authmethods" to listOf("scram"), "authid" to "nobody", "authextra" to mapOf("nonce" to "AAAA")),
            )) {
                val peer = router.rawPeer(this)
                peer.send(hello(*details))
                val abort = peer.expect<Abort>()
                abort.reason shouldBe "wamp.error.authentication_failed"
                abort.details.string("message") shouldBe "authentication failed"
            }
        }
    }
})
