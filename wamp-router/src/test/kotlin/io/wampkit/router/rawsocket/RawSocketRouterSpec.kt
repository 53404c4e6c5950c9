package io.wampkit.router.rawsocket

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.wampkit.WampConnectionClosedException
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.rawsocket.RawBytesClient.Companion.bytes
import io.wampkit.router.startRawSocketServer
import io.wampkit.router.wampRouter
import io.wampkit.serialization.availableSerializers
import io.wampkit.session.CallResult
import io.wampkit.session.join
import io.wampkit.transport.rawsocket.RawSocketError
import io.wampkit.transport.rawsocket.RawSocketHandshakeException
import io.wampkit.transport.rawsocket.rawSocketConnector
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.withTimeout

/** WampKit client ↔ WampKit router over RawSocket on a real local socket. */
class RawSocketRouterSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    beforeTest {
        router = wampRouter {
            realm("realm1")
            maxMessageSize = 100_000
        }
        server = router.startRawSocketServer(port = 0, maxConnections = 3, handshakeTimeoutMillis = 2_000)
    }
    afterTest {
        router.close()
        server.stop()
    }

    for (serializer in availableSerializers()) {
        test("RPC and PubSub end to end over RawSocket (${serializer.name})") {
            withTimeout(10_000) {
                server.url shouldStartWith "rs://127.0.0.1:"
                val connector = rawSocketConnector(server.url, serializer)
                val callee = connector.join("realm1")
                val caller = connector.join("realm1")
                callee.register("com.example.add") { CallResult.of((it.args[0] as WampInt).value + (it.args[1] as WampInt).value) }
                caller.call("com.example.add", wampListOf(20, 22)).args shouldBe wampListOf(42)
                val got = CompletableDeferred<String>()
                callee.subscribe("com.example.topic") { got.complete((it.args[0] as WampString).value) }
                caller.publish("com.example.topic", wampListOf("hello"), acknowledge = true)
                got.await() shouldBe "hello"
                router.sessionCount("realm1") shouldBe 2
                caller.leave()
                callee.leave()
            }
        }
    }

    test("the router answers the handshake with its limit: maxMessageSize 100000 → 2^16 (exponent 7)") {
        withTimeout(10_000) {
            val raw = RawBytesClient.connect(server.port)
            raw.send(0x7F, 0xF1, 0, 0)
            raw.read(4) shouldBe bytes(0x7F, 0x71, 0, 0)
            // a PING after the handshake gets a PONG with the same payload
            raw.send(1, 0, 0, 2, 0x12, 0x34)
            raw.read(6) shouldBe bytes(2, 0, 0, 2, 0x12, 0x34)
            // a frame above the announced limit fails the connection (the router says why in an ABORT first)
            raw.send(0, 0x01, 0, 1)
            val rest = raw.readToEnd()
            rest.copyOfRange(0, 1) shouldBe bytes(0)
            String(rest, 4, rest.size - 4) shouldContain "wamp.error.protocol_violation"
            raw.close()
        }
    }

    test("a client announcing 1 KiB misses only the EVENTs larger than that, and stays joined") {
        withTimeout(10_000) {
            val small = rawSocketConnector(server.url, maxMessageLength = 1024).join("realm1")
            val publisher = rawSocketConnector(server.url).join("realm1")
            val got = CompletableDeferred<String>()
            small.subscribe("com.example.sized") { got.complete((it.args[0] as WampString).value) }
            publisher.publish("com.example.sized", wampListOf("x".repeat(2_000)), acknowledge = true)
            publisher.publish("com.example.sized", wampListOf("small"), acknowledge = true)
            got.await() shouldBe "small"
            small.isActive shouldBe true
            small.leave()
            publisher.leave()
        }
    }

    test("an unsupported serializer is refused with 0x7F 0x10 0 0 and the client gets a clear exception") {
        withTimeout(10_000) {
            val raw = RawBytesClient.connect(server.port)
            raw.send(0x7F, 0xF9, 0, 0)
            raw.readToEnd() shouldBe bytes(0x7F, 0x10, 0, 0)
            raw.close()
        }
    }

    test("beyond maxConnections the handshake is answered with 'maximum connection count reached'") {
        withTimeout(10_000) {
            val connector = rawSocketConnector(server.url)
            val sessions = List(3) { connector.join("realm1") }
            val e = shouldThrow<RawSocketHandshakeException> { connector.connect() }
            e.error shouldBe RawSocketError.MAX_CONNECTION_COUNT_REACHED
            e.message shouldContain "maximum connection count reached"
            sessions.forEach { it.leave() }
        }
    }

    test("stop() closes the listener's connections and is idempotent; the router stays open") {
        withTimeout(10_000) {
            val session = rawSocketConnector(server.url).join("realm1")
            server.stop()
            session.awaitClosed()
            server.stop()
            shouldThrow<WampConnectionClosedException> { rawSocketConnector(server.url).connect() }
            router.realms shouldBe setOf("realm1")
        }
    }

    test("router.close() says GOODBYE to RawSocket sessions") {
        withTimeout(10_000) {
            val session = rawSocketConnector(server.url).join("realm1")
            router.close()
            session.awaitClosed().reason shouldBe "wamp.close.system_shutdown"
        }
    }
})
