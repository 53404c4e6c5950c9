package io.wampkit.router

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.client.HttpClient
import io.ktor.client.engine.cio.CIO
import io.ktor.client.plugins.websocket.WebSockets
import io.ktor.client.plugins.websocket.webSocketSession
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.client.statement.bodyAsText
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.websocket.Frame
import io.ktor.websocket.readBytes
import io.wampkit.WampConnectionClosedException
import io.wampkit.message.Abort
import io.wampkit.message.DecodeResult
import io.wampkit.message.Hello
import io.wampkit.serialization.cborSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.serialization.msgpackSerializer
import io.wampkit.session.join
import io.wampkit.transport.webSocketConnector
import io.ktor.server.cio.CIO as ServerCIO
import io.ktor.server.engine.embeddedServer
import io.ktor.server.routing.routing
import io.ktor.server.websocket.WebSockets as ServerWebSockets
import io.ktor.server.websocket.webSocket
import io.ktor.server.application.install
import kotlinx.coroutines.withTimeout

/** Which subprotocol a client and the router's WebSocket listener agree on, and what happens when they cannot. */
class SubprotocolNegotiationSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var http: HttpClient
    beforeSpec {
        router = wampRouter { realm("realm1") }
        http = HttpClient(CIO) { install(WebSockets) }
    }
    afterSpec {
        http.close()
        router.close()
    }

    test("the listener takes the client's first choice among all three, whatever the order") {
        val server = router.startServer(port = 0)
        try {
            for (offer in listOf(
                listOf(cborSerializer(), jsonSerializer()),
                listOf(msgpackSerializer(), cborSerializer(), jsonSerializer()),
                listOf(jsonSerializer(), msgpackSerializer()),
            )) {
                val transport = webSocketConnector(server.url, offer).connect()
                transport.description shouldEndWith "(${offer.first().name})"
                transport.join("realm1").leave()
            }
        } finally {
            server.stop()
        }
    }

    test("a listener limited to some serializers skips the client's choices it does not speak") {
        val server = router.startServer(port = 0, serializers = listOf(jsonSerializer(), cborSerializer()))
        try {
            val transport = webSocketConnector(server.url, listOf(msgpackSerializer(), cborSerializer(), jsonSerializer())).connect()
            transport.description shouldEndWith "(cbor)"
            transport.join("realm1").leave()

            val refused = shouldThrow<WampConnectionClosedException> { webSocketConnector(server.url, msgpackSerializer()).connect() }
            refused.message shouldContain server.url
            val response = http.get(server.url.replace("ws://", "http://")) { header(HttpHeaders.SecWebSocketProtocol, "wamp.2.msgpack") }
            response.status shouldBe HttpStatusCode.BadRequest
            response.bodyAsText() shouldContain "wamp.2.json, wamp.2.cbor"
        } finally {
            server.stop()
        }
    }

    test("a WebSocket server that agrees to no subprotocol is a clear connection error") {
        val plain = embeddedServer(ServerCIO, host = "127.0.0.1", port = 0) {
            install(ServerWebSockets)
            routing { webSocket("/ws") { for (frame in incoming) Unit } }
        }
        plain.startSuspend(wait = false)
        try {
            val port = plain.engine.resolvedConnectors().first().port
            val refused = shouldThrow<WampConnectionClosedException> {
                webSocketConnector("ws://127.0.0.1:$port/ws", listOf(cborSerializer(), jsonSerializer())).connect()
            }
            refused.message shouldContain "did not agree to any offered subprotocol (wamp.2.cbor, wamp.2.json)"
            refused.message shouldContain "answered 'none'"
        } finally {
            plain.stopSuspend(100, 1_000)
        }
    }

    test("a text frame on a binary subprotocol is a protocol violation: ABORT in CBOR, then close") {
        val server = router.startServer(port = 0)
        try {
            val ws = http.webSocketSession(server.url) { header(HttpHeaders.SecWebSocketProtocol, "wamp.2.cbor") }
            ws.outgoing.send(Frame.Text(jsonSerializer().encode(Hello("realm1", RawPeer.ALL_ROLES)).decodeToString()))
            val reply = withTimeout(5_000) { ws.incoming.receive() }.shouldBeInstanceOf<Frame.Binary>()
            val abort = cborSerializer().decode(reply.readBytes()).shouldBeInstanceOf<DecodeResult.Success>().message
                .shouldBeInstanceOf<Abort>()
            abort.reason shouldBe "wamp.error.protocol_violation"
            abort.details.string("message")!! shouldContain "binary frames"
            withTimeout(5_000) { for (frame in ws.incoming) Unit } // the router closes the connection
        } finally {
            server.stop()
        }
    }
})

