package io.wampkit.interop

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.wampkit.interop.PeerReport.Companion.FAIL
import io.wampkit.interop.PeerReport.Companion.PASS
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.webSocketConnector
import java.io.File

/**
 * Autobahn|Python 22.7.1 (Debian python3-autobahn) joins the WampKit router with each serializer and calls a
 * WampKit callee whose echo returns a payload that includes binary values: every check of our Python peer
 * (`src/test/python/autobahn_join_call.py`) must PASS.
 */
class AutobahnPythonJoinSpec : FunSpec({
    val harness = Harness.locate()
    val script = File("src/test/python/autobahn_join_call.py").absoluteFile
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    lateinit var callee: WampSession

    beforeSpec {
        router = wampRouter { realm(Harness.REALM) }
        server = router.startServer(port = 0)
        callee = webSocketConnector(server.url).join(Harness.REALM)
        callee.register(ECHO) { inv -> CallResult(inv.args, inv.kwargs) }
    }

    afterSpec {
        Harness.stopAllPeers()
        callee.leave()
        router.close()
        server.stop()
    }

    suspend fun runPeer(label: String, url: String, vararg opts: String): PeerReport {
        val command = listOf(PYTHON, script.path, url, Harness.REALM, "--procedure", ECHO) + opts
        val peer = harness.startCommand("autobahn-py $label", command)
        try {
            val rc = peer.awaitExit(PEER_EXIT_TIMEOUT_MILLIS)
            val report = peer.report()
            withOutputOf(peer) {
                report.withStatus(FAIL).shouldBeEmpty()
                report.checks.filter { it.status == PASS }.map { it.name } shouldContainAll ECHO_CHECKS
                rc shouldBe 0
            }
            return report
        } finally {
            peer.stop()
        }
    }

    for (serializer in listOf("json", "msgpack", "cbor")) {
        test("Autobahn|Python joins over WebSocket with $serializer and calls a WampKit callee") {
            val report = runPeer("ws/$serializer", server.url, "--serializer", serializer)
            report.named("serializer is $serializer")?.status shouldBe PASS
        }
    }
})

private const val PYTHON = "/usr/bin/python3"
private const val ECHO = "com.wampkit.interop.echo"
private const val PEER_EXIT_TIMEOUT_MILLIS = 60_000L
private val ECHO_CHECKS = listOf("echo args round trip (incl. binary)", "echo kwargs round trip (incl. binary)")
