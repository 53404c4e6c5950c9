package io.wampkit.router

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.plugins.websocket.WebSockets
import io.ktor.client.plugins.websocket.webSocket
import io.ktor.client.request.header
import io.ktor.http.HttpHeaders
import io.ktor.websocket.Frame
import io.ktor.websocket.readText
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Welcome
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.CallResult
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** Hostile input over real WebSocket connections: only the offending session is aborted. */
class HostileInputSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    lateinit var callee: WampSession
    lateinit var bystander: WampSession
    val http = HttpClient(CIO) { install(WebSockets) { maxFrameSize = 64L * 1024 * 1024 } }

    beforeSpec {
        router = wampRouter { realm("realm1") }
        server = router.startServer(port = 0)
        val connector = webSocketConnector(server.url, jsonSerializer())
        callee = connector.join("realm1")
        callee.register("com.example.add2") { CallResult.of((it.args[0] as WampInt).value + (it.args[1] as WampInt).value) }
        bystander = connector.join("realm1")
    }
    afterSpec {
        callee.leave()
        bystander.leave()
        server.stop()
        router.close()
        http.close()
    }

    /** Opens a raw WebSocket, joins with a valid HELLO, sends [frame] and returns the router's answer to it. */
    suspend fun answerTo(frame: Frame): String {
        var answer = ""
        http.webSocket(server.url, request = { header(HttpHeaders.SecWebSocketProtocol, "wamp.2.json") }) {
            send(Frame.Text("""[1,"realm1",{"roles":{"caller":{}}}]"""))
            (incoming.receive() as Frame.Text).readText() shouldContain "[2,"
            send(frame)
            answer = withTimeout(10_000) { (incoming.receive() as Frame.Text).readText() }
        }
        return answer
    }

    val hostile = mapOf(
        "malformed JSON" to Frame.Text("""[48, 1, {}, "com.example.add2", [1,"""),
        "an unknown message code" to Frame.Text("[999,1]"),
        "a message of the wrong shape" to Frame.Text("""[48, "one", {}, "com.example.add2"]"""),
        "a 16 MiB text frame" to Frame.Text("[48,1,{},\"com.example.add2\",[\"" + "x".repeat(16 * 1024 * 1024) + "\"]]"),
        "a binary frame on wamp.2.json" to Frame.Binary(true, byteArrayOf(1, 2, 3)),
    )

    for ((name, frame) in hostile) {
        test("$name aborts only its session, with protocol_violation") {
            val answer = answerTo(frame)
            answer shouldContain "[3,"
            answer shouldContain WampErrors.PROTOCOL_VIOLATION
            // everyone else goes on: the bystander calls the callee over the same router
            bystander.call("com.example.add2", wampListOf(2, 3)).args shouldBe wampListOf(5)
            router.sessionCount("realm1") shouldBe 2
        }
    }

    test("a WampKit client sending a 16 MiB call gets a clear error naming the limit; others go on") {
        val big = webSocketConnector(server.url, jsonSerializer()).join("realm1")
        val e = shouldThrow<WampConnectionClosedException> { big.call("com.example.add2", wampListOf("x".repeat(16 * 1024 * 1024), 1)) }
        e.reason shouldBe WampErrors.PROTOCOL_VIOLATION
        e.message!! shouldContain "exceeds the limit of ${router.maxMessageSize} bytes"
        big.awaitClosed().reason shouldBe WampErrors.PROTOCOL_VIOLATION
        bystander.call("com.example.add2", wampListOf(20, 22)).args shouldBe wampListOf(42)
    }

    test("a WampKit client aborted by the router sees a clear error; its pending call fails") {
        val (client, routerSide) = inMemoryTransportPair()
        launch { router.serve(routerSide) }
        val session = client.join("realm1")
        client.send(Welcome(1, WampDict.EMPTY)) // a message no client may send
        val details = withTimeout(5_000) { session.awaitClosed() }
        details.reason shouldBe WampErrors.PROTOCOL_VIOLATION
        details.message!! shouldContain "WELCOME"
        shouldThrow<WampConnectionClosedException> { session.call("com.example.add2", wampListOf(1, 1)) }
        bystander.call("com.example.add2", wampListOf(1, 1)).args shouldBe wampListOf(2)
    }
})
