package io.wampkit.serialization

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotBeBlank
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.AllMessages
import io.wampkit.message.Call
import io.wampkit.message.DecodeResult
import io.wampkit.message.Event
import io.wampkit.message.WampMessage
import io.wampkit.message.WampUris
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlin.random.Random

/** What every serializer of [availableSerializers] must do, checked the same way for each. */
class SerializerContractSpec : FunSpec({
    test("JSON, MessagePack and CBOR are available, with the WAMP subprotocol names and frame kinds") {
        availableSerializers().map { Triple(it.name, it.subprotocol, it.isBinary) } shouldContainExactly listOf(
            Triple("json", "wamp.2.json", false),
            Triple("msgpack", "wamp.2.msgpack", true),
            Triple("cbor", "wamp.2.cbor", true),
        )
        msgpackSerializer().name shouldBe "msgpack"
        cborSerializer().name shouldBe "cbor"
        serializerNamed("wamp.2.cbor") shouldBe cborSerializer()
        serializerNamed("msgpack") shouldBe msgpackSerializer()
        serializerNamed("wamp.2.ubjson") shouldBe null
    }

    for (serializer in availableSerializers()) {
        val name = serializer.name
        fun roundTrip(message: WampMessage) = withClue("$name: $message") {
            serializer.decode(serializer.encode(message)) shouldBe DecodeResult.Success(message)
        }

        test("$name: every message type round-trips, with payload, args only, kwargs only and none") {
            for (m in AllMessages.withPayload + AllMessages.argsOnly + AllMessages.noPayload + AllMessages.kwargsOnly) roundTrip(m)
        }

        test("$name: unicode, the full 64-bit integer range, doubles, null, booleans and deep dicts survive") {
            roundTrip(
                Call(
                    1, WampDict.EMPTY, "com.example.echo",
                    wampListOf("🚀💥👍🏽", "漢字かなカナ한국어", "עברית العربية", "e\u0301", "quote\" \\ \t\n \u0001", "",
                        WampUris.MAX_ID, 0, -1, 23, 24, 255, 256, 65_536, Int.MAX_VALUE.toLong() + 1,
                        Long.MAX_VALUE, Long.MIN_VALUE, 0.125, -2.5e-300, 1e300, 0.1, null, true, false),
                    wampDictOf("Zoë Ångström" to mapOf("a" to listOf(1, mapOf("b" to emptyList<Any>())), "empty" to emptyMap<String, Any>())),
                ),
            )
        }

        test("$name: binary values come back as bytes, empty and large ones too") {
            val all = ByteArray(256) { it.toByte() }
            val large = Random(7).nextBytes(100_000)
            val message = Event(1, 2, WampDict.EMPTY, wampListOf(all, ByteArray(0), large), wampDictOf("nested" to listOf(all)))
            roundTrip(message)
            val decoded = (serializer.decode(serializer.encode(message)) as DecodeResult.Success).message as Event
            decoded.args[0].shouldBeInstanceOf<WampBytes>().toByteArray() shouldBe all
            decoded.args[2].shouldBeInstanceOf<WampBytes>().size shouldBe large.size
        }

        test("$name: 100,000 random and mutated frames never make decode throw") {
            val random = Random(20_261_203)
            val seeds = (AllMessages.withPayload + AllMessages.noPayload).map { serializer.encode(it) }
            var failures = 0
            var successes = 0
            repeat(100_000) { i ->
                val frame = if (i % 10 == 0) random.nextBytes(random.nextInt(64)) else mutate(seeds[random.nextInt(seeds.size)], random)
                when (val result = serializer.decode(frame)) {
                    is DecodeResult.Failure -> { failures++; result.reason.shouldNotBeBlank() }
                    is DecodeResult.Success -> successes++
                }
            }
            // most mutations break the frame; some (a changed digit in a string) leave it valid
            (failures > 40_000) shouldBe true
            (successes > 0) shouldBe true
        }
    }
})

/** One to three byte changes: overwrite, insert (a random or a structural byte), delete. */
internal fun mutate(frame: ByteArray, random: Random): ByteArray {
    val bytes = frame.toMutableList()
    repeat(1 + random.nextInt(3)) {
        when (random.nextInt(3)) {
            0 -> if (bytes.isNotEmpty()) bytes[random.nextInt(bytes.size)] = random.nextInt(256).toByte()
            1 -> bytes.add(random.nextInt(bytes.size + 1), STRUCTURAL[random.nextInt(STRUCTURAL.size)])
            else -> if (bytes.isNotEmpty()) bytes.removeAt(random.nextInt(bytes.size))
        }
    }
    return bytes.toByteArray()
}

/** JSON punctuation and the container, length and special headers of MessagePack and CBOR. */
private val STRUCTURAL: ByteArray = "[]{},:\"0-9e.\\u".encodeToByteArray() + byteArrayOf(
    0x90.toByte(), 0x80.toByte(), 0xdc.toByte(), 0xdd.toByte(), 0xc4.toByte(), 0xc6.toByte(), 0xd9.toByte(), 0xdb.toByte(),
    0xcf.toByte(), 0xd3.toByte(), 0xcb.toByte(), 0xc1.toByte(), 0xd4.toByte(), 0x9f.toByte(), 0xbf.toByte(), 0xff.toByte(),
    0x5b, 0x7b, 0x9b.toByte(), 0xbb.toByte(), 0x1b, 0x3b, 0xc2.toByte(), 0xf7.toByte(), 0xf9.toByte(), 0xfb.toByte(), 0x00,
)
