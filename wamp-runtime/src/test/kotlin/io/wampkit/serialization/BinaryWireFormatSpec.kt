package io.wampkit.serialization

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.message.Call
import io.wampkit.message.DecodeResult
import io.wampkit.message.Hello
import io.wampkit.message.WampUris
import io.wampkit.value.MAX_JSON_DEPTH
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/** Exact MessagePack and CBOR bytes, hand-computed from the specifications, and what each decoder refuses. */
class BinaryWireFormatSpec : FunSpec({
    val msgpack = msgpackSerializer()
    val cbor = cborSerializer()
    val realm1 = "72 65 61 6c 6d 31"
    val call = Call(7, WampDict.EMPTY, "a.b", wampListOf(1, -1, 1.5, true, null, byteArrayOf(1, 2)), wampDictOf("k" to "v"))

    test("MessagePack: HELLO [1, \"realm1\", {}] is fixarray(3), fixint, fixstr(6), fixmap(0)") {
        msgpack.encode(Hello("realm1", WampDict.EMPTY)).hex() shouldBe "93 01 a6 $realm1 80"
    }

    test("MessagePack: CALL with every value kind; binary is bin8, doubles float64, negatives fixint") {
        msgpack.encode(call).hex() shouldBe
            "96 30 07 80 a3 61 2e 62 96 01 ff cb 3f f8 00 00 00 00 00 00 c3 c0 c4 02 01 02 81 a1 6b a1 76"
    }

    test("MessagePack: integers take their shortest form, up to uint64 and int64") {
        msgpack.encode(Call(WampUris.MAX_ID, WampDict.EMPTY, "a", wampListOf(Long.MIN_VALUE, 200, -200))).hex() shouldBe
            "95 30 cf 00 20 00 00 00 00 00 00 80 a1 61 93 d3 80 00 00 00 00 00 00 00 cc c8 d1 ff 38"
    }

    test("CBOR: HELLO [1, \"realm1\", {}] is array(3), uint, text(6), map(0)") {
        cbor.encode(Hello("realm1", WampDict.EMPTY)).hex() shouldBe "83 01 66 $realm1 a0"
    }

    test("CBOR: CALL with every value kind; binary is a byte string (major type 2), doubles float64") {
        cbor.encode(call).hex() shouldBe
            "86 18 30 07 a0 63 61 2e 62 86 01 20 fb 3f f8 00 00 00 00 00 00 f5 f6 42 01 02 a1 61 6b 61 76"
    }

    test("CBOR: decodes what other encoders write: indefinite lengths, half and single floats, tags on values") {
        // [48, 7, {_ }, "a.b", [_ 1.0 (half), 1.5 (single), 2 ], {_ (_ "k" "ey"): [_ 1], "z": 1}] with a self-describe
        // tag on the root and a chunked text key
        val frame = bytes("d9 d9 f7 86 18 30 07 bf ff 63 61 2e 62 9f f9 3c 00 fa 3f c0 00 00 02 ff bf 7f 61 6b 62 65 79 ff 9f 01 ff 61 7a 01 ff")
        cbor.decode(frame).shouldBeInstanceOf<DecodeResult.Success>().message shouldBe
            Call(7, WampDict.EMPTY, "a.b", wampListOf(1.0, 1.5, 2), wampDictOf("key" to listOf(1), "z" to 1))
    }

    val hello = "01 66 $realm1"
    val msgpackHello = "01 a6 $realm1"
    val refusedMsgpack = mapOf(
        "an empty frame" to ("" to "empty"),
        "a truncated frame" to ("93 01 a6 72 65" to ""),
        "trailing bytes" to ("93 $msgpackHello 80 00" to "trailing"),
        "a uint64 above Long.MAX_VALUE" to ("95 30 cf ff ff ff ff ff ff ff ff 80 a1 61" to "64-bit"),
        "a map with an integer key" to ("93 $msgpackHello 81 01 01" to "key"),
        "an extension value" to ("94 30 01 80 d4 01 00" to "extension"),
        "invalid UTF-8 in a string" to ("93 01 a2 c3 28 80" to "UTF-8"),
        "a NaN" to ("95 30 01 80 a1 61 91 cb 7f f8 00 00 00 00 00 00" to "non-finite"),
        "a never-used type byte" to ("93 01 c1 80" to ""),
        "an array header claiming 2^31-1 items" to ("93 $msgpackHello dd 7f ff ff ff" to "remain"),
        "an array header claiming 2^32-1 items" to ("93 $msgpackHello dd ff ff ff ff" to "2^31-1"),
        "a bin header claiming 2 GB" to ("95 30 01 80 a1 61 91 c6 7f ff ff ff 00" to "remain"),
        "a str header claiming 2 GB" to ("93 01 db 7f ff ff ff 61" to ""),
        "a map header claiming 2^31-1 entries" to ("93 $msgpackHello df 7f ff ff ff" to "remain"),
    )
    for ((case, input) in refusedMsgpack) {
        test("MessagePack refuses $case with a Failure naming it") {
            val reason = msgpack.decode(bytes(input.first)).shouldBeInstanceOf<DecodeResult.Failure>().reason
            reason shouldContain "MessagePack"
            reason shouldContain input.second
        }
    }

    val refusedCbor = mapOf(
        "an empty frame" to ("" to "empty"),
        "a truncated frame" to ("83 01 66 72 65" to ""),
        "trailing bytes" to ("83 $hello a0 00" to "trailing"),
        "a uint64 above Long.MAX_VALUE" to ("85 18 30 1b ff ff ff ff ff ff ff ff a0 61 61" to "64-bit"),
        "a negative integer below Long.MIN_VALUE" to ("85 18 30 01 a0 61 61 81 3b ff ff ff ff ff ff ff ff" to "64-bit"),
        "a bignum" to ("85 18 30 01 a0 61 61 81 c2 49 01 00 00 00 00 00 00 00 00" to "64-bit"),
        "a map with an integer key" to ("83 $hello a1 01 01" to "key"),
        "a map with a byte-string key" to ("83 $hello a1 41 61 01" to "key"),
        "undefined" to ("85 18 30 01 a0 61 61 81 f7" to "undefined"),
        "a simple value" to ("85 18 30 01 a0 61 61 81 e0" to "simple"),
        "invalid UTF-8 in a text string" to ("83 01 62 c3 28 a0" to ""),
        "a NaN half float" to ("85 18 30 01 a0 61 61 81 f9 7e 00" to "non-finite"),
        "an infinite double" to ("85 18 30 01 a0 61 61 81 fb 7f f0 00 00 00 00 00 00" to "non-finite"),
        "a byte string claiming 2^63-1 bytes" to ("85 18 30 01 a0 61 61 81 5b 7f ff ff ff ff ff ff ff 00" to ""),
        "a text string claiming 2^31 bytes" to ("83 01 7a 80 00 00 00 61" to ""),
        "an array claiming 2^32-1 items" to ("83 $hello 9a ff ff ff ff" to ""),
    )
    for ((case, input) in refusedCbor) {
        test("CBOR refuses $case with a Failure naming it") {
            val reason = cbor.decode(bytes(input.first)).shouldBeInstanceOf<DecodeResult.Failure>().reason
            reason shouldContain "CBOR"
            reason shouldContain input.second
        }
    }

    test("both refuse nesting deeper than MAX_JSON_DEPTH without a stack overflow, and accept it just below") {
        for ((serializer, open) in listOf(msgpack to 0x91, cbor to 0x81)) withClue(serializer.name) {
            fun callWithNested(levels: Int) = bytes(if (serializer === msgpack) "95 30 01 80 a1 61" else "85 18 30 01 a0 61 61") +
                ByteArray(levels) { open.toByte() } + bytes(if (serializer === msgpack) "90" else "80")
            serializer.decode(callWithNested(100_000)).shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain "nested"
            serializer.decode(callWithNested(MAX_JSON_DEPTH + 1)).shouldBeInstanceOf<DecodeResult.Failure>().reason shouldContain
                "$MAX_JSON_DEPTH"
            serializer.decode(callWithNested(MAX_JSON_DEPTH - 2)).shouldBeInstanceOf<DecodeResult.Success>()
        }
    }
})

private fun ByteArray.hex(): String = joinToString(" ") { "%02x".format(it) }

private fun bytes(hex: String): ByteArray =
    hex.split(' ').filter { it.isNotEmpty() }.map { it.toInt(16).toByte() }.toByteArray()
