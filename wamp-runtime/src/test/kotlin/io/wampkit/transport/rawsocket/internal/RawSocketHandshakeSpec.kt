package io.wampkit.transport.rawsocket.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.readFully
import io.ktor.utils.io.toByteArray
import io.ktor.utils.io.writeFully
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.rawsocket.RawSocketError
import io.wampkit.transport.rawsocket.RawSocketHandshakeException
import kotlinx.coroutines.async
import kotlinx.coroutines.test.runTest

/** Byte-exact RawSocket handshakes, both sides, over in-memory byte channels. */
class RawSocketHandshakeSpec : FunSpec({
    fun bytes(vararg values: Int) = ByteArray(values.size) { values[it].toByte() }

    test("length exponents: 2^(e+9), rounded down, 512..2^24") {
        RawSocketFraming.exponentFor(512) shouldBe 0
        RawSocketFraming.exponentFor(100) shouldBe 0
        RawSocketFraming.exponentFor(1023) shouldBe 0
        RawSocketFraming.exponentFor(1024) shouldBe 1
        RawSocketFraming.exponentFor(4 * 1024 * 1024) shouldBe 13
        RawSocketFraming.exponentFor(1 shl 24) shouldBe 15
        RawSocketFraming.exponentFor(Int.MAX_VALUE) shouldBe 15
        RawSocketFraming.lengthOf(15) shouldBe (1 shl 24)
    }

    test("the client sends 0x7F, exponent<<4|serializer, 0, 0 and reads the router's limit") {
        runTest {
            val toRouter = ByteChannel()
            val toClient = ByteChannel()
            val result = async { clientHandshake(toClient, toRouter, jsonSerializer(), 1 shl 24, 5_000) }
            val request = ByteArray(4).also { toRouter.readFully(it) }
            request shouldBe bytes(0x7F, 0xF1, 0, 0)
            toClient.writeFully(bytes(0x7F, 0x91, 0, 0))
            toClient.flush()
            val agreed = result.await()
            agreed.maxReceive shouldBe (1 shl 24)
            agreed.maxSend shouldBe (1 shl 18)
        }
    }

    for ((code, error) in listOf(1 to RawSocketError.SERIALIZER_UNSUPPORTED, 2 to RawSocketError.MAX_LENGTH_UNACCEPTABLE,
        3 to RawSocketError.RESERVED_BITS_USED, 4 to RawSocketError.MAX_CONNECTION_COUNT_REACHED)) {
        test("an error reply with code $code becomes RawSocketHandshakeException($error)") {
            runTest {
                val toClient = ByteChannel()
                toClient.writeFully(bytes(0x7F, code shl 4, 0, 0))
                toClient.flush()
                val e = shouldThrow<RawSocketHandshakeException> { clientHandshake(toClient, ByteChannel(), jsonSerializer(), 4096, 5_000) }
                e.error shouldBe error
                e.rawCode shouldBe code
            }
        }
    }

    test("a reply without the magic octet, with another serializer or reserved bits is refused") {
        runTest {
            for (reply in listOf(bytes(0x48, 0x54, 0x54, 0x50), bytes(0x7F, 0xF2, 0, 0), bytes(0x7F, 0xF1, 0, 1), bytes(0x7F, 0x50, 0, 0))) {
                val toClient = ByteChannel()
                toClient.writeFully(reply)
                toClient.flush()
                val e = shouldThrow<RawSocketHandshakeException> { clientHandshake(toClient, ByteChannel(), jsonSerializer(), 4096, 5_000) }
                e.error shouldBe null
            }
        }
    }

    test("no reply within the timeout fails the client handshake (virtual time)") {
        runTest {
            val e = shouldThrow<RawSocketHandshakeException> { clientHandshake(ByteChannel(), ByteChannel(), jsonSerializer(), 4096, 3_000) }
            e.message shouldBe "no RawSocket handshake reply within 3000 ms"
        }
    }

    suspend fun routerAnswer(request: ByteArray, maxReceive: Int = 1 shl 20, refuse: RawSocketError? = null, serializers: List<WampSerializer> = listOf(jsonSerializer())): Pair<HandshakeOutcome, ByteArray> {
        val toRouter = ByteChannel()
        val toClient = ByteChannel()
        toRouter.writeFully(request)
        toRouter.flush()
        val outcome = routerHandshake(toRouter, toClient, serializers, maxReceive, 5_000, refuse)
        toClient.flushAndClose()
        val reply = toClient.toByteArray()
        return outcome to reply
    }

    test("the router echoes the serializer and announces its own limit") {
        runTest {
            val (outcome, reply) = routerAnswer(bytes(0x7F, 0x31, 0, 0), maxReceive = 100_000)
            reply shouldBe bytes(0x7F, 0x71, 0, 0) // 2^16 <= 100000 < 2^17
            val agreed = outcome.shouldBeInstanceOf<HandshakeOutcome.Agreed>().agreement
            agreed.maxReceive shouldBe 65_536
            agreed.maxSend shouldBe 4096 // what the client announced: 2^(3+9)
            agreed.serializer.name shouldBe "json"
        }
    }

    test("the router refuses an unknown serializer, reserved bits, and (when full) any connection, with the spec's codes") {
        runTest {
            routerAnswer(bytes(0x7F, 0xF2, 0, 0)).second shouldBe bytes(0x7F, 0x10, 0, 0)
            routerAnswer(bytes(0x7F, 0xF7, 0, 0)).second shouldBe bytes(0x7F, 0x10, 0, 0)
            routerAnswer(bytes(0x7F, 0xF1, 0, 8)).second shouldBe bytes(0x7F, 0x30, 0, 0)
            routerAnswer(bytes(0x7F, 0xF1, 0, 0), refuse = RawSocketError.MAX_CONNECTION_COUNT_REACHED).second shouldBe bytes(0x7F, 0x40, 0, 0)
        }
    }

    test("the router fails the connection without a reply on a bad magic octet or serializer 0") {
        runTest {
            for (request in listOf(bytes(0x47, 0x45, 0x54, 0x20), bytes(0x7F, 0xF0, 0, 0))) {
                val (outcome, reply) = routerAnswer(request)
                outcome.shouldBeInstanceOf<HandshakeOutcome.Failed>()
                reply.size shouldBe 0
            }
        }
    }

    test("a partial handshake is bounded by the timeout (virtual time)") {
        runTest {
            val toRouter = ByteChannel()
            toRouter.writeFully(bytes(0x7F, 0xF1))
            toRouter.flush()
            val outcome = routerHandshake(toRouter, ByteChannel(), listOf(jsonSerializer()), 4096, 10_000, null)
            outcome.shouldBeInstanceOf<HandshakeOutcome.Failed>().reason shouldBe "no RawSocket handshake within 10000 ms"
        }
    }
})
