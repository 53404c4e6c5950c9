package io.wampkit.serialization

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeBlank
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.AllMessages
import io.wampkit.message.Call
import io.wampkit.message.DecodeResult
import io.wampkit.message.Event
import io.wampkit.message.WampUris
import io.wampkit.value.MAX_JSON_DEPTH
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

class JsonSerializerSpec : FunSpec({
    val json = jsonSerializer()

    fun roundTrip(message: io.wampkit.message.WampMessage) =
        json.decode(json.encode(message)) shouldBe DecodeResult.Success(message)

    test("identity: wamp.2.json, text frames") {
        json.name shouldBe "json"
        json.subprotocol shouldBe "wamp.2.json"
        json.isBinary shouldBe false
        availableSerializers().map { it.name } shouldBe listOf("json", "msgpack", "cbor")
    }

    test("every message type round-trips through bytes") {
        for (m in AllMessages.withPayload + AllMessages.noPayload + AllMessages.kwargsOnly) roundTrip(m)
    }

    test("unicode, big integers, doubles, null and booleans survive") {
        roundTrip(
            Call(
                1, WampDict.EMPTY, "com.example.echo",
                wampListOf("🚀💥👍🏽", "漢字かなカナ한국어", "עברית العربية", "e\u0301", "quote\" backslash\\ \t\n \u0001",
                    WampUris.MAX_ID, -12345678901L, Long.MIN_VALUE, 0.125, 1e300, null, true, false),
                wampDictOf("Zoë Ångström" to mapOf("a" to listOf(1, mapOf("b" to emptyList<Any>())), "empty" to emptyMap<String, Any>())),
            ),
        )
    }

    test("binary travels as \\u0000 + base64 and comes back as bytes") {
        val bytes = ByteArray(256) { it.toByte() }
        val message = Event(1, 2, WampDict.EMPTY, wampListOf(bytes), wampDictOf("b" to ByteArray(0)))
        val wire = json.encode(message).decodeToString()
        wire shouldContain "\"\\u0000AAECAwQF"
        roundTrip(message)
        val decoded = (json.decode(json.encode(message)) as DecodeResult.Success).message as Event
        decoded.args[0].shouldBeInstanceOf<WampBytes>().toByteArray() shouldBe bytes
    }

    test("a NaN cannot be encoded and says so") {
        shouldThrow<IllegalArgumentException> { json.encode(Call(1, WampDict.EMPTY, "com.example.p", wampListOf(Double.NaN))) }
            .message shouldContain "NaN"
    }

    val malformed = mapOf(
        "truncated JSON" to """[48, 1, {}, "com.example.add2", [1,""",
        "an object instead of a list" to """{"type": 48}""",
        "empty input" to "",
        "a bare number" to "48",
        "trailing garbage" to """[6, {}, "wamp.close.normal"] x""",
    )
    for ((name, text) in malformed) {
        test("$name is a Failure, not an exception") {
            json.decode(text.encodeToByteArray()).shouldBeInstanceOf<DecodeResult.Failure>().reason.shouldNotBeBlank()
        }
    }

    test("invalid UTF-8 is a Failure naming it") {
        val bytes = """[6, {}, "wamp.close.normal"]""".encodeToByteArray().also { it[3] = 0xC3.toByte(); it[4] = 0x28 }
        json.decode(bytes).shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain "UTF-8"
    }

    test("nesting deeper than MAX_JSON_DEPTH is refused without a stack overflow") {
        val veryDeep = "[".repeat(100_000) + "]".repeat(100_000)
        json.decode("""[48, 1, {}, "com.example.p", $veryDeep]""".encodeToByteArray())
            .shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain "nested"
        val deep = "[".repeat(MAX_JSON_DEPTH + 10) + "]".repeat(MAX_JSON_DEPTH + 10)
        json.decode("""[48, 1, {}, "com.example.p", $deep]""".encodeToByteArray())
            .shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain "$MAX_JSON_DEPTH"
        val ok = "[".repeat(MAX_JSON_DEPTH - 2) + "]".repeat(MAX_JSON_DEPTH - 2)
        json.decode("""[48, 1, {}, "com.example.p", $ok]""".encodeToByteArray()).shouldBeInstanceOf<DecodeResult.Success>()
    }

    test("100,000 randomly mutated frames never make decode throw") {
        val random = kotlin.random.Random(20261124)
        val seeds = (AllMessages.withPayload + AllMessages.noPayload).map { json.encode(it) }
        var failures = 0
        repeat(100_000) {
            val frame = seeds[random.nextInt(seeds.size)].toMutableList()
            repeat(1 + random.nextInt(4)) {
                when (random.nextInt(3)) {
                    0 -> if (frame.isNotEmpty()) frame[random.nextInt(frame.size)] = random.nextInt(256).toByte()
                    1 -> frame.add(random.nextInt(frame.size + 1), MUTATION_BYTES[random.nextInt(MUTATION_BYTES.size)])
                    else -> if (frame.isNotEmpty()) frame.removeAt(random.nextInt(frame.size))
                }
            }
            if (json.decode(frame.toByteArray()) is DecodeResult.Failure) failures++
        }
        // most mutations break the frame; the point is that none of them threw
        (failures > 50_000) shouldBe true
    }
}) {
    private companion object {
        val MUTATION_BYTES = "[]{},:\"0-9e.\\u".encodeToByteArray()
    }
}
