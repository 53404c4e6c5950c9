package io.wampkit.serialization

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeBlank
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.AllMessages
import io.wampkit.message.Call
import io.wampkit.message.DecodeResult
import io.wampkit.message.Event
import io.wampkit.message.Goodbye
import io.wampkit.message.Result
import io.wampkit.message.WampMessage
import io.wampkit.message.WampUris
import io.wampkit.value.MAX_JSON_DEPTH
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonPrimitive
import java.util.Base64
import kotlin.random.Random

/** The exact JSON text on the wire, number edge cases, and decode robustness as a property. */
class JsonWireFormatSpec : FunSpec({
    val json = jsonSerializer()

    fun wire(message: WampMessage) = json.encode(message).decodeToString()
    fun decoded(text: String) = json.decode(text.encodeToByteArray())

    test("the wire text of a CALL is the compact list form, without the empty payload") {
        wire(Call(1, WampDict.EMPTY, "com.example.p")) shouldBe """[48,1,{},"com.example.p"]"""
        wire(Call(2, wampDictOf("timeout" to 10), "com.example.p", wampListOf(1, "a"), wampDictOf("k" to null))) shouldBe
            """[48,2,{"timeout":10},"com.example.p",[1,"a"],{"k":null}]"""
        wire(Goodbye(WampDict.EMPTY, "wamp.close.normal")) shouldBe """[6,{},"wamp.close.normal"]"""
    }

    test("binary is a JSON string of \\u0000 followed by standard base64 of the bytes") {
        val bytes = byteArrayOf(0, 1, 2, -1, -2, 0x7f, 'W'.code.toByte())
        val text = wire(Event(1, 2, WampDict.EMPTY, wampListOf(bytes)))
        text shouldBe "[36,1,2,{},[\"\\u0000${Base64.getEncoder().encodeToString(bytes)}\"]]"
        // read back by a plain JSON parser: the element is a string whose first char is NUL
        val element = Json.parseToJsonElement(text).jsonArray[4].jsonArray[0].jsonPrimitive
        element.isString shouldBe true
        element.content shouldStartWith "\u0000"
        Base64.getDecoder().decode(element.content.substring(1)) shouldBe bytes
        // empty binary is just the prefix
        wire(Event(1, 2, WampDict.EMPTY, wampListOf(ByteArray(0)))) shouldBe "[36,1,2,{},[\"\\u0000\"]]"
        val back = decoded("[36,1,2,{},[\"\\u0000\"]]").shouldBeInstanceOf<DecodeResult.Success>().message as Event
        back.args[0] shouldBe WampBytes(ByteArray(0))
    }

    test("big integers travel as exact JSON integers") {
        wire(Result(WampUris.MAX_ID, WampDict.EMPTY, wampListOf(WampUris.MAX_ID, Long.MAX_VALUE, Long.MIN_VALUE))) shouldBe
            "[50,9007199254740992,{},[9007199254740992,9223372036854775807,-9223372036854775808]]"
        val r = decoded("[50,1,{},[9007199254740993]]").shouldBeInstanceOf<DecodeResult.Success>().message as Result
        r.args[0] shouldBe WampInt(9_007_199_254_740_993L) // beyond 2^53 as a payload value: still exact
    }

    test("numbers: integral JSON numbers are integers, others doubles; out-of-range numbers are Failures") {
        val r = decoded("[50,1,{},[1,-0,1.0,2.5e3,1e-400,18446744073709551616]]")
            .shouldBeInstanceOf<DecodeResult.Success>().message as Result
        r.args shouldBe wampListOf(1L, 0L, 1.0, 2500.0, 0.0, 1.8446744073709552E19)
        r.args[2].shouldBeInstanceOf<WampDouble>()
        for (huge in listOf("1e400", "-1e400")) {
            withClue(huge) { decoded("[50,1,{},[$huge]]").shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain "range" }
        }
        // a double argument comes back as a double, not as an integer
        json.decode(json.encode(Result(1, WampDict.EMPTY, wampListOf(2.0, -0.5)))) shouldBe
            DecodeResult.Success(Result(1, WampDict.EMPTY, wampListOf(2.0, -0.5)))
    }

    test("NaN and infinities cannot be encoded: IllegalArgumentException, as the KDoc promises") {
        for (bad in listOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)) {
            shouldThrow<IllegalArgumentException> {
                json.encode(Event(1, 2, WampDict.EMPTY, wampListOf(1), wampDictOf("deep" to listOf(mapOf("x" to bad)))))
            }
        }
    }

    test("a string that merely starts with \\u0000 but is not base64 stays a string") {
        val r = decoded("[50,1,{},[\"\\u0000not base64!\"]]").shouldBeInstanceOf<DecodeResult.Success>().message as Result
        r.args[0] shouldBe WampString("\u0000not base64!")
    }

    test("structurally wrong JSON is a Failure with a reason") {
        val inputs = listOf("{}", "[]", "null", "\"[48]\"", "[48, 1, {}, \"com.example.p\"", "[[48]]", " ", "[1,\"realm1\",{}]]")
        for (text in inputs) {
            withClue(text) { decoded(text).shouldBeInstanceOf<DecodeResult.Failure>().reason.shouldNotBeBlank() }
        }
        json.decode(byteArrayOf(0xFF.toByte(), 0xFE.toByte())).shouldBeInstanceOf<DecodeResult.Failure>()
        json.decode(ByteArray(0)).shouldBeInstanceOf<DecodeResult.Failure>()
    }

    test("the depth limit is exact: MAX_JSON_DEPTH levels below the message are accepted, one more is not") {
        fun nested(levels: Int) = "[".repeat(levels) + "]".repeat(levels)
        // the message list is level 0, its args list level 1
        decoded("""[48,1,{},"com.example.p",${nested(MAX_JSON_DEPTH)}]""").shouldBeInstanceOf<DecodeResult.Success>()
        decoded("""[48,1,{},"com.example.p",${nested(MAX_JSON_DEPTH + 1)}]""")
            .shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain "$MAX_JSON_DEPTH"
        val deepDict = "{\"a\":".repeat(MAX_JSON_DEPTH + 1) + "1" + "}".repeat(MAX_JSON_DEPTH + 1)
        decoded("""[48,1,{},"com.example.p",[],$deepDict]""").shouldBeInstanceOf<DecodeResult.Failure>()
    }

    test("property: mutated frames never make decode throw, and whatever decodes re-encodes to the same message") {
        val random = Random(0x5EED)
        val seeds = (AllMessages.withPayload + AllMessages.argsOnly + AllMessages.noPayload).map { json.encode(it) }
        val alphabet = "[]{},:\"0123456789-+eE.\\u tfnrl\u0000".encodeToByteArray()
        var successes = 0
        repeat(5_000) { round ->
            val frame = seeds[random.nextInt(seeds.size)].toMutableList()
            repeat(1 + random.nextInt(3)) {
                when (random.nextInt(4)) {
                    0 -> if (frame.isNotEmpty()) frame[random.nextInt(frame.size)] = random.nextInt(256).toByte()
                    1 -> frame.add(random.nextInt(frame.size + 1), alphabet[random.nextInt(alphabet.size)])
                    2 -> if (frame.isNotEmpty()) frame.removeAt(random.nextInt(frame.size))
                    else -> if (frame.size > 1) frame.subList(random.nextInt(frame.size), frame.size).clear()
                }
            }
            val bytes = frame.toByteArray()
            val result = try {
                json.decode(bytes)
            } catch (e: Throwable) {
                throw AssertionError("round $round: decode threw on ${bytes.decodeToString()}", e)
            }
            if (result is DecodeResult.Success) {
                successes++
                withClue("round $round: ${bytes.decodeToString()}") {
                    json.decode(json.encode(result.message)) shouldBe result
                }
            }
        }
        // some mutations keep the frame valid (a changed digit or letter inside a string): the property was exercised
        (successes > 0) shouldBe true
    }
})
