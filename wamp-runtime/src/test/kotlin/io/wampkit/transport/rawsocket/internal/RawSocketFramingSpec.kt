package io.wampkit.transport.rawsocket.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.ktor.utils.io.ByteChannel
import io.ktor.utils.io.readFully
import io.ktor.utils.io.toByteArray
import io.ktor.utils.io.writeFully
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Event
import io.wampkit.message.Hello
import io.wampkit.message.Result
import io.wampkit.message.Publish
import io.wampkit.serialization.jsonSerializer
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import kotlinx.coroutines.test.runTest

/** Byte-exact RawSocket framing over in-memory byte channels. */
class RawSocketFramingSpec : FunSpec({
    fun bytes(vararg values: Int) = ByteArray(values.size) { values[it].toByte() }

    class Wire {
        val fromPeer = ByteChannel()
        val toPeer = ByteChannel()
        var closed = 0
        fun transport(maxReceive: Int = 1024, maxSend: Int = 1024, routerSide: Boolean = false) =
            RawSocketTransport("test", fromPeer, toPeer, jsonSerializer(), maxReceive, maxSend, routerSide) { closed++ }

        suspend fun peerSends(vararg chunks: ByteArray) {
            chunks.forEach { fromPeer.writeFully(it) }
            fromPeer.flush()
        }

        suspend fun peerReads(count: Int): ByteArray = ByteArray(count).also { toPeer.readFully(it) }
    }

    test("a message goes out as 0x00, 24-bit big-endian length, serialized bytes") {
        runTest {
            val wire = Wire()
            wire.transport().send(Publish(7, WampDict.EMPTY, "a.b"))
            val json = """[16,7,{},"a.b"]""".toByteArray()
            wire.peerReads(4 + json.size) shouldBe bytes(0, 0, 0, json.size) + json
        }
    }

    test("a frame is read across arbitrary chunk boundaries and decoded") {
        runTest {
            val wire = Wire()
            val json = """[1,"realm1",{"roles":{"caller":{}}}]""".toByteArray()
            val frame = bytes(0, 0, 0, json.size) + json
            val transport = wire.transport()
            wire.peerSends(frame.copyOfRange(0, 2))
            wire.peerSends(frame.copyOfRange(2, 9), frame.copyOfRange(9, frame.size))
            (transport.receive() as Hello).realm shouldBe "realm1"
        }
    }

    test("a PING is answered with a PONG echoing its payload, then the next message is returned") {
        runTest {
            val wire = Wire()
            val json = """[16,1,{},"x.y"]""".toByteArray()
            wire.peerSends(bytes(1, 0, 0, 3, 0xAA, 0xBB, 0xCC), bytes(0, 0, 0, json.size), json)
            (wire.transport().receive() as Publish).topic shouldBe "x.y"
            wire.peerReads(7) shouldBe bytes(2, 0, 0, 3, 0xAA, 0xBB, 0xCC)
        }
    }

    test("a PONG is consumed silently; an empty PING gets an empty PONG") {
        runTest {
            val wire = Wire()
            val json = """[16,1,{},"x.y"]""".toByteArray()
            wire.peerSends(bytes(2, 0, 0, 1, 9), bytes(1, 0, 0, 0), bytes(0, 0, 0, json.size), json)
            (wire.transport().receive() as Publish).topic shouldBe "x.y"
            wire.peerReads(4) shouldBe bytes(2, 0, 0, 0)
        }
    }

    test("our own PING goes out as type 1") {
        runTest {
            val wire = Wire()
            wire.transport().ping(bytes(1, 2))
            wire.peerReads(6) shouldBe bytes(1, 0, 0, 2, 1, 2)
        }
    }

    test("reserved header bits, reserved types, oversized frames and bad payloads are protocol violations") {
        runTest {
            for (header in listOf(bytes(0x08, 0, 0, 1), bytes(0x80, 0, 0, 1), bytes(3, 0, 0, 1), bytes(7, 0, 0, 1))) {
                val wire = Wire()
                wire.peerSends(header, bytes(0x20))
                shouldThrow<WampProtocolViolationException> { wire.transport().receive() }
            }
            val big = Wire()
            big.peerSends(bytes(0, 0, 4, 1)) // 1025 > 1024, rejected before reading the payload
            shouldThrow<WampProtocolViolationException> { big.transport().receive() }.message shouldContain "1025"
            val garbage = Wire()
            garbage.peerSends(bytes(0, 0, 0, 3), "[[[".toByteArray())
            shouldThrow<WampProtocolViolationException> { garbage.transport().receive() }
        }
    }

    test("a message above the peer's announced maximum is not sent") {
        runTest {
            val wire = Wire()
            val e = shouldThrow<IllegalArgumentException> {
                wire.transport(maxSend = 600).send(Publish(1, WampDict.EMPTY, "a.b", wampListOf("x".repeat(600))))
            }
            e.message shouldContain "600"
            wire.toPeer.flushAndClose()
            wire.toPeer.toByteArray().size shouldBe 0
        }
    }

    test("on the router side, an EVENT too large for the client is dropped; any other message fails the connection") {
        runTest {
            val wire = Wire()
            val transport = wire.transport(maxSend = 600, routerSide = true)
            transport.send(Event(1, 2, WampDict.EMPTY, wampListOf("x".repeat(600))))
            transport.send(Publish(1, WampDict.EMPTY, "a.b"))
            val json = """[16,1,{},"a.b"]""".toByteArray()
            wire.peerReads(4 + json.size) shouldBe bytes(0, 0, 0, json.size) + json
            shouldThrow<WampConnectionClosedException> { transport.send(Result(1, WampDict.EMPTY, wampListOf("x".repeat(600)))) }
            wire.closed shouldBe 1
        }
    }

    test("the end of the stream, also mid-frame, is a closed connection; close() is idempotent") {
        runTest {
            val wire = Wire()
            wire.peerSends(bytes(0, 0, 0, 10, 1, 2))
            wire.fromPeer.flushAndClose()
            val transport = wire.transport()
            shouldThrow<WampConnectionClosedException> { transport.receive() }
            transport.close()
            transport.close()
            wire.closed shouldBe 1
            wire.toPeer.isClosedForWrite shouldBe true
            shouldThrow<WampConnectionClosedException> { transport.send(Publish(1, WampDict.EMPTY, "a.b")) }
        }
    }
})
