package io.wampkit.interop

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.interop.PeerReport.Companion.FAIL
import io.wampkit.interop.PeerReport.Companion.PASS
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startRawSocketServer
import io.wampkit.router.startServer
import io.wampkit.router.startTlsServer
import io.wampkit.router.wampRouter
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.tls.tlsServerConfigFromPem
import io.wampkit.transport.webSocketConnector
import java.io.File

/**
 * Autobahn|Python 22.7.1 (Debian python3-autobahn, which speaks msgpack, CBOR, RawSocket and the four auth
 * methods) joins the WampKit router and calls a WampKit callee whose echo returns a payload that includes
 * binary values; every check of our Python peer (`src/test/python/autobahn_join_call.py`) must PASS and it
 * must exit 0. One router serves four listeners: WebSocket, RawSocket, and both over TLS with a self-signed
 * certificate made at test time that the peer trusts through `--trust-root`. The matrix:
 * - WebSocket (asyncio runner) and RawSocket (Twisted runner: Autobahn's asyncio RawSocket client breaks
 *   after WELCOME) × json, msgpack, cbor, each asserting the negotiated serializer;
 * - `wss://` with json and `rss://` with cbor;
 * - over WebSocket/json, each auth method as Autobahn's own authenticator does it: ticket, wampcra (plain
 *   and salted), cryptosign (Ed25519), and `scram` (Crossbar's dialect, argon2id-13; Autobahn 22.7.1's
 *   PBKDF2 SCRAM fails on its own side), the latter for a password principal and for one configured by its
 *   stored keys; each asserts the authid and authrole of WELCOME and Autobahn's check of the WELCOME;
 * - a wrong ticket, wampcra secret and SCRAM password: the peer is refused with
 *   `wamp.error.authentication_failed` and exits non-zero, and the router keeps serving (the same
 *   principal then joins with the right secret).
 */
class AutobahnPythonJoinSpec : FunSpec({
    val harness = Harness.locate()
    val script = File("src/test/python/autobahn_join_call.py").absoluteFile
    val cert = SelfSignedCertificate.create()
    val seed = ByteArray(32) { (it * 5 + 1).toByte() }
    lateinit var router: WampRouter
    lateinit var servers: List<WampRouterServer>
    lateinit var ws: WampRouterServer
    lateinit var rs: WampRouterServer
    lateinit var wss: WampRouterServer
    lateinit var rss: WampRouterServer
    lateinit var callee: WampSession

    beforeSpec {
        router = wampRouter {
            realm(Harness.REALM) {
                anonymous(role = "anonymous")
                ticket { user("joe", ticket = "joe-ticket", role = "frontend") }
                wampcra {
                    user("peter", secret = "peter-secret", role = "backend")
                    user("paula", secret = "paula-secret", role = "backend", salt = "salt123", iterations = 100, keyLength = 32)
                }
                cryptosign { user("alice", publicKeyHex = WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(seed)), role = "admin") }
                scram {
                    user("bob", password = "bob-pass", role = "ops", kdf = ScramKdf.ARGON2ID, iterations = 2, memoryKiB = 64)
                    // the keys of password "dora-pass" (argon2id-13, t=2, m=64 KiB), no password on the router
                    credential(
                        "dora", role = "ops", kdf = ScramKdf.ARGON2ID, saltHex = "c7a1ac5989359eab635859250607bad9",
                        iterations = 2, memoryKiB = 64,
                        storedKeyHex = "3e454cf9da9b18fe08ca88dbb2d89a48fd6afededaa4baf3ca50acd09ac384b2",
                        serverKeyHex = "b486c6cee17db3e4664209caa3d47f39ebd711a8559c3791341707b01c2136d6",
                    )
                }
            }
        }
        ws = router.startServer(port = 0)
        rs = router.startRawSocketServer(port = 0)
        wss = router.startTlsServer(tlsServerConfigFromPem(cert.certificatePem, cert.privateKeyPem), port = 0)
        rss = router.startRawSocketServer(port = 0, tls = tlsServerConfigFromPem(cert.certificatePem, cert.privateKeyPem))
        servers = listOf(ws, rs, wss, rss)
        callee = webSocketConnector(ws.url).join(Harness.REALM)
        callee.register(ECHO) { inv -> CallResult(inv.args, inv.kwargs) }
    }

    afterSpec {
        Harness.stopAllPeers()
        callee.leave()
        router.close()
        servers.forEach { it.stop() }
    }

    suspend fun <T> withPeer(label: String, url: String, opts: List<String>, block: suspend (Peer, Int) -> T): T {
        val command = listOf(PYTHON, script.path, url, Harness.REALM, "--procedure", ECHO) + opts
        val peer = harness.startCommand("autobahn-py $label", command)
        try {
            val rc = peer.awaitExit(PEER_EXIT_TIMEOUT_MILLIS)
            return withOutputOf(peer) { block(peer, rc) }
        } finally {
            peer.stop()
        }
    }

    /** The peer joins, passes every check (among them [expected] and the echo round trip) and exits 0. */
    suspend fun joinsAndCalls(label: String, url: String, expected: List<String>, vararg opts: String) =
        withPeer(label, url, opts.toList()) { peer, rc ->
            val report = peer.report()
            report.withStatus(FAIL).shouldBeEmpty()
            report.checks.filter { it.status == PASS }.map { it.name } shouldContainAll expected + ECHO_CHECKS
            rc shouldBe 0
        }

    /** The router refuses the peer's join as authentication_failed; the peer passes nothing and exits non-zero. */
    suspend fun isRefused(label: String, url: String, vararg opts: String) =
        withPeer(label, url, opts.toList()) { peer, rc ->
            val report = peer.report()
            report.withStatus(PASS).shouldBeEmpty()
            val join = report.named("join")
            withClue("a FAIL join line") { join?.status shouldBe FAIL }
            join!!.line shouldContain "wamp.error.authentication_failed"
            rc shouldNotBe 0
        }

    fun transportChecks(serializer: String) =
        listOf("serializer is $serializer", "joined with authmethod anonymous", "authrole is anonymous")

    for (serializer in SERIALIZERS) {
        test("Autobahn|Python joins over WebSocket with $serializer and calls a WampKit callee") {
            joinsAndCalls("ws/$serializer", ws.url, transportChecks(serializer),
                "--serializer", serializer, "--expect-authrole", "anonymous")
        }
    }

    for (serializer in SERIALIZERS) {
        test("Autobahn|Python (Twisted) joins over RawSocket with $serializer and calls a WampKit callee") {
            joinsAndCalls("rs/$serializer", rs.url, transportChecks(serializer),
                "--serializer", serializer, "--expect-authrole", "anonymous")
        }
    }

    test("Autobahn|Python joins over WebSocket with TLS (wss://, json), trusting the router's self-signed certificate") {
        joinsAndCalls("wss/json", wss.url, transportChecks("json"),
            "--serializer", "json", "--trust-root", cert.certificateFile.path, "--expect-authrole", "anonymous")
    }

    test("Autobahn|Python (Twisted) joins over RawSocket with TLS (rss://, cbor), trusting the router's self-signed certificate") {
        joinsAndCalls("rss/cbor", rss.url, transportChecks("cbor"),
            "--serializer", "cbor", "--trust-root", cert.certificateFile.path, "--expect-authrole", "anonymous")
    }

    fun authOpts(method: String, authId: String, secret: String) =
        arrayOf("--serializer", "json", "--authmethod", method, "--authid", authId, "--secret", secret)

    suspend fun authJoins(method: String, authId: String, secret: String, role: String) {
        val expected = listOf(
            "welcome verified by the $method authenticator", "joined with authmethod $method",
            "authid is $authId", "authrole is $role", "serializer is json",
        )
        joinsAndCalls("ws/json/$method/$authId", ws.url, expected, *authOpts(method, authId, secret), "--expect-authrole", role)
    }

    test("Autobahn|Python authenticates by ticket (AuthTicket)") {
        authJoins("ticket", "joe", "joe-ticket", "frontend")
    }

    test("Autobahn|Python authenticates by wampcra (AuthWampCra, plain secret)") {
        authJoins("wampcra", "peter", "peter-secret", "backend")
    }

    test("Autobahn|Python authenticates by wampcra with a salted secret (PBKDF2 from the router's challenge)") {
        authJoins("wampcra", "paula", "paula-secret", "backend")
    }

    test("Autobahn|Python authenticates by cryptosign (AuthCryptoSign, Ed25519)") {
        authJoins("cryptosign", "alice", WampAuthCrypto.hex(seed), "admin")
    }

    test("Autobahn|Python authenticates by scram (AuthScram: Crossbar dialect, argon2id-13)") {
        authJoins("scram", "bob", "bob-pass", "ops")
    }

    test("Autobahn|Python authenticates by scram against a principal configured by its stored keys only") {
        authJoins("scram", "dora", "dora-pass", "ops")
    }

    for ((method, authId, wrong, right, role) in listOf(
        listOf("ticket", "joe", "not-joe-ticket", "joe-ticket", "frontend"),
        listOf("wampcra", "paula", "not-paula-secret", "paula-secret", "backend"),
        listOf("scram", "bob", "not-bob-pass", "bob-pass", "ops"),
    )) {
        test("a wrong $method secret is refused (authentication_failed, peer exits non-zero) and the router keeps serving") {
            isRefused("ws/json/$method/$authId/wrong", ws.url, *authOpts(method, authId, wrong))
            authJoins(method, authId, right, role)
        }
    }
})

private const val PYTHON = "/usr/bin/python3"
private const val ECHO = "com.wampkit.interop.echo"
private const val PEER_EXIT_TIMEOUT_MILLIS = 60_000L
private val SERIALIZERS = listOf("json", "msgpack", "cbor")
private val ECHO_CHECKS = listOf("echo args round trip (incl. binary)", "echo kwargs round trip (incl. binary)")
