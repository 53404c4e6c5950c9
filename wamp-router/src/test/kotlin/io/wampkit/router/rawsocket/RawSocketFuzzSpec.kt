package io.wampkit.router.rawsocket

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.ktor.network.selector.SelectorManager
import io.wampkit.router.rawsocket.RawBytesClient.Companion.bytes
import io.wampkit.router.startRawSocketServer
import io.wampkit.router.wampRouter
import io.wampkit.session.CallResult
import io.wampkit.session.join
import io.wampkit.transport.rawsocket.rawSocketConnector
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.random.Random

/** Thousands of random and mutated byte streams at the RawSocket listener while a bystander is served. */
class RawSocketFuzzSpec : FunSpec({
    val hello = """[1,"realm1",{"roles":{"caller":{},"subscriber":{}}}]""".toByteArray()
    val call = """[48,1,{},"com.example.inc",[1]]""".toByteArray()

    fun frame(payload: ByteArray, type: Int = 0) =
        bytes(type, payload.size ushr 16, (payload.size ushr 8) and 0xFF, payload.size and 0xFF) + payload

    fun mutate(random: Random, input: ByteArray): ByteArray {
        val out = input.copyOf()
        repeat(1 + random.nextInt(3)) {
            when (random.nextInt(3)) {
                0 -> if (out.isNotEmpty()) out[random.nextInt(out.size)] = random.nextInt(256).toByte()
                1 -> if (out.isNotEmpty()) out[random.nextInt(out.size)] = (out[random.nextInt(out.size)].toInt() xor (1 shl random.nextInt(8))).toByte()
                else -> return out.copyOf(random.nextInt(out.size + 1)) // truncated
            }
        }
        return out
    }

    fun stream(random: Random): ByteArray {
        val handshake = bytes(0x7F, 0xF1, 0, 0)
        val valid = handshake + frame(hello) + frame(call)
        return when (random.nextInt(5)) {
            0 -> random.nextBytes(random.nextInt(64))
            1 -> handshake + random.nextBytes(random.nextInt(64))
            2 -> mutate(random, valid)
            3 -> handshake + frame(hello) + frame(random.nextBytes(random.nextInt(32)), type = random.nextInt(8))
            else -> mutate(random, handshake) + frame(hello)
        }
    }

    test("3,000 hostile streams never take the RawSocket listener down; the bystander keeps being served") {
        val router = wampRouter { realm("realm1") }
        val server = router.startRawSocketServer(port = 0, handshakeTimeoutMillis = 300)
        val selector = SelectorManager(Dispatchers.IO)
        try {
            router.connector().join("realm1").register("com.example.inc") { CallResult.of((it.args[0] as WampInt).value + 1) }
            val bystander = rawSocketConnector(server.url).join("realm1")
            val random = Random(20_261_203)
            withTimeout(240_000) {
                repeat(60) { batch ->
                    val streams = List(50) { stream(random) }
                    coroutineScope {
                        streams.mapIndexed { i, bytes ->
                            async {
                                val client = RawBytesClient.connect(server.port, selector)
                                try {
                                    runCatching { client.send(bytes) }
                                    // every fifth one waits (bounded) for the router to answer or hang up
                                    if (i % 5 == 0) withTimeoutOrNull(250) { client.readToEnd() }
                                } finally {
                                    client.close()
                                }
                            }
                        }.awaitAll()
                    }
                    if (batch % 10 == 9) bystander.call("com.example.inc", wampListOf(batch)).args shouldBe wampListOf(batch + 1)
                }
            }
            bystander.isActive shouldBe true
            val late = rawSocketConnector(server.url).join("realm1")
            late.call("com.example.inc", wampListOf(1)).args shouldBe wampListOf(2)
            late.leave()
            bystander.leave()
        } finally {
            selector.close()
            router.close()
            server.stop()
        }
    }
})
