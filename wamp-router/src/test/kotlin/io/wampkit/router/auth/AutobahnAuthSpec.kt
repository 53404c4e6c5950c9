package io.wampkit.router.auth

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.File
import java.util.concurrent.TimeUnit

private const val PYTHON = "/usr/bin/python3"

private val autobahnAvailable: Boolean by lazy {
    File(PYTHON).canExecute() && runCatching {
        val probe = ProcessBuilder(PYTHON, "-c", "import autobahn.wamp.auth, argon2, nacl").start()
        probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0
    }.getOrDefault(false)
}

/**
 * Autobahn|Python (Debian python3-autobahn, e.g. 22.7.1) joins the WampKit router with each of its
 * authenticators: AuthTicket, AuthWampCra (plain and salted), AuthCryptoSign and AuthScram (argon2id-13).
 * Skipped where that Python package is not installed.
 */
class AutobahnAuthSpec : FunSpec({
    val seed = ByteArray(32) { (it * 5 + 1).toByte() }
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    lateinit var script: File

    beforeSpec {
        if (!autobahnAvailable) return@beforeSpec
        router = wampRouter {
            realm("realm1") {
                anonymous(role = "public")
                ticket { user("joe", ticket = "joe-ticket", role = "frontend") }
                wampcra {
                    user("peter", secret = "peter-secret", role = "backend")
                    user("paula", secret = "paula-secret", role = "backend", salt = "salt123", iterations = 100, keyLength = 32)
                }
                cryptosign { user("alice", publicKeyHex = WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(seed)), role = "admin") }
                scram {
                    user("bob", password = "bob-pass", role = "ops", kdf = ScramKdf.ARGON2ID, iterations = 2, memoryKiB = 64)
                    credential(
                        "dora", role = "ops", kdf = ScramKdf.ARGON2ID, saltHex = "c7a1ac5989359eab635859250607bad9",
                        iterations = 2, memoryKiB = 64,
                        storedKeyHex = "3e454cf9da9b18fe08ca88dbb2d89a48fd6afededaa4baf3ca50acd09ac384b2",
                        serverKeyHex = "b486c6cee17db3e4664209caa3d47f39ebd711a8559c3791341707b01c2136d6",
                    )
                }
            }
        }
        server = router.startServer(port = 0)
        script = File.createTempFile("autobahn_join", ".py").apply {
            deleteOnExit()
            writeBytes(AutobahnAuthSpec::class.java.getResourceAsStream("/autobahn_join.py")!!.readBytes())
        }
    }
    afterSpec {
        if (!autobahnAvailable) return@afterSpec
        server.stop()
        router.close()
    }

    suspend fun autobahnJoin(method: String, config: String): String = withContext(Dispatchers.IO) {
        val process = ProcessBuilder(PYTHON, script.path, server.url, "realm1", method, config).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        process.waitFor(60, TimeUnit.SECONDS) shouldBe true
        output.lines().firstOrNull { it.startsWith("RESULT ") } ?: "no result:\n$output"
    }

    test("anonymous").config(enabledIf = { autobahnAvailable }) {
        autobahnJoin("anonymous", "{}") shouldContain """"ok": true, "authid": "anonymous", "authrole": "public""""
    }

    test("AuthTicket").config(enabledIf = { autobahnAvailable }) {
        autobahnJoin("ticket", """{"authid": "joe", "ticket": "joe-ticket"}""") shouldContain
            """"ok": true, "authid": "joe", "authrole": "frontend", "authmethod": "ticket""""
        autobahnJoin("ticket", """{"authid": "joe", "ticket": "wrong"}""") shouldContain "wamp.error.authentication_failed"
    }

    test("AuthWampCra, plain and salted").config(enabledIf = { autobahnAvailable }) {
        autobahnJoin("wampcra", """{"authid": "peter", "secret": "peter-secret"}""") shouldContain
            """"ok": true, "authid": "peter", "authrole": "backend", "authmethod": "wampcra""""
        autobahnJoin("wampcra", """{"authid": "paula", "secret": "paula-secret"}""") shouldContain
            """"ok": true, "authid": "paula""""
        autobahnJoin("wampcra", """{"authid": "paula", "secret": "wrong"}""") shouldContain "wamp.error.authentication_failed"
    }

    test("AuthCryptoSign").config(enabledIf = { autobahnAvailable }) {
        autobahnJoin("cryptosign", """{"authid": "alice", "privkey": "${WampAuthCrypto.hex(seed)}"}""") shouldContain
            """"ok": true, "authid": "alice", "authrole": "admin", "authmethod": "cryptosign""""
    }

    test("AuthScram (argon2id-13, Crossbar dialect)").config(enabledIf = { autobahnAvailable }) {
        autobahnJoin("scram", """{"authid": "bob", "password": "bob-pass"}""") shouldContain
            """"ok": true, "authid": "bob", "authrole": "ops", "authmethod": "scram""""
        autobahnJoin("scram", """{"authid": "bob", "password": "wrong"}""") shouldContain "wamp.error.authentication_failed"
        autobahnJoin("scram", """{"authid": "dora", "password": "dora-pass"}""") shouldContain """"ok": true, "authid": "dora""""
    }
})
