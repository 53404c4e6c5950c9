package io.wampkit.transport

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampConnectionClosedException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.security.MessageDigest
import java.util.Base64
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.milliseconds

/**
 * A peer that completes the WebSocket handshake (subprotocol wamp.2.json) and then goes silent: it neither
 * reads nor answers pings, like a frozen process or a dead NAT entry that TCP does not notice.
 */
private class SilentPeer : AutoCloseable {
    private val server = ServerSocket(0, 1, InetAddress.getLoopbackAddress())
    private val accepted = ArrayList<Socket>()
    val url = "ws://127.0.0.1:${server.localPort}/ws"
    private val acceptor = thread(name = "silent-peer", isDaemon = true) {
        runCatching {
            while (true) {
                val socket = server.accept()
                synchronized(accepted) { accepted += socket }
                handshake(socket)
            }
        }
    }

    private fun handshake(socket: Socket) {
        val reader = socket.getInputStream().bufferedReader(Charsets.ISO_8859_1)
        val key = generateSequence { reader.readLine() }.takeWhile { it.isNotEmpty() }
            .first { it.startsWith("Sec-WebSocket-Key:", ignoreCase = true) }.substringAfter(':').trim()
        val accept = Base64.getEncoder().encodeToString(
            MessageDigest.getInstance("SHA-1").digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").toByteArray()),
        )
        socket.getOutputStream().write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Accept: $accept\r\nSec-WebSocket-Protocol: wamp.2.json\r\n\r\n").toByteArray(),
        )
        socket.getOutputStream().flush()
    }

    override fun close() {
        server.close()
        synchronized(accepted) { accepted.forEach { it.close() } }
        acceptor.join(1_000)
    }
}

class WebSocketKeepAliveSpec : FunSpec({
    test("keepalive detects a peer that stops answering pings: receive fails as a lost connection") {
        SilentPeer().use { peer ->
            val keepAlive = WebSocketKeepAlive(pingInterval = 100.milliseconds, timeout = 300.milliseconds)
            val transport = webSocketConnector(peer.url, keepAlive = keepAlive).connect()
            try {
                withTimeout(10_000) {
                    shouldThrow<WampConnectionClosedException> { withContext(Dispatchers.Default) { transport.receive() } }
                }
            } finally {
                transport.close()
            }
        }
    }

    test("without keepalive the same silent peer is not detected") {
        SilentPeer().use { peer ->
            val transport = webSocketConnector(peer.url, keepAlive = null).connect()
            try {
                withTimeoutOrNull(1_500) { transport.receive() } shouldBe null
            } finally {
                transport.close()
            }
        }
    }

    test("keepalive settings are validated") {
        shouldThrow<IllegalArgumentException> { WebSocketKeepAlive(pingInterval = 0.milliseconds) }
        shouldThrow<IllegalArgumentException> { WebSocketKeepAlive(timeout = (-1).milliseconds) }
        WebSocketKeepAlive.DEFAULT.pingInterval shouldBe kotlin.time.Duration.parse("10s")
    }
})
