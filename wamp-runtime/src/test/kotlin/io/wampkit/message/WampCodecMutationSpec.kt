package io.wampkit.message

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotBeBlank
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

/**
 * Systematic rejections: every valid message of every type, broken at one position at a time, must decode
 * to a [DecodeResult.Failure] with a reason (never an exception, never a Success).
 */
class WampCodecMutationSpec : FunSpec({
    fun WampList.with(index: Int, value: WampValue) = WampList(toMutableList().also { it[index] = value })

    fun assertRejected(input: WampValue, clue: String) = withClue(clue) {
        WampCodec.decode(input).shouldBeInstanceOf<DecodeResult.Failure>().reason.shouldNotBeBlank()
    }

    for (message in AllMessages.withPayload) {
        val name = MessageCode.name(message.code)
        val list = WampCodec.encode(message)
        // positions of the fixed part, before any payload
        val fixed = if (message is PayloadMessage) list.size - 2 else list.size

        test("$name: one element too few or too many is rejected") {
            val minimal = WampCodec.encode(AllMessages.noPayload.firstOrNull { it.code == message.code } ?: message)
            assertRejected(WampList(minimal.dropLast(1)), "$name without its last fixed element")
            assertRejected(WampList(list + WampInt(1)), "$name with an extra element")
        }

        test("$name: every integer position rejects 0, -1, 2^53+1 and a string") {
            for (i in 1 until fixed) {
                if (list[i] !is WampInt) continue
                for (bad in listOf(WampInt(0), WampInt(-1), WampInt(WampUris.MAX_ID + 1), WampString("1"), WampDouble(1.0))) {
                    assertRejected(list.with(i, bad), "$name[$i] = $bad")
                }
            }
        }

        test("$name: every dict position rejects a list, a string and null") {
            for (i in 1 until fixed) {
                if (list[i] !is WampDict) continue
                for (bad in listOf(wampListOf(), WampString("x"), WampNull)) assertRejected(list.with(i, bad), "$name[$i] = $bad")
            }
        }

        test("$name: every string position rejects a number; URI positions reject malformed URIs") {
            val plainStrings = message is Challenge || message is Authenticate
            for (i in 1 until fixed) {
                if (list[i] !is WampString) continue
                assertRejected(list.with(i, WampInt(1)), "$name[$i] = 1")
                if (plainStrings) continue
                for (bad in listOf("", "a..b", ".a", "a.", "a b", "a.b#c", "tab\there")) {
                    assertRejected(list.with(i, WampString(bad)), "$name[$i] = '$bad'")
                }
            }
        }

        if (message is PayloadMessage) {
            test("$name: args must be a list and kwargs a dict; kwargs cannot stand where args belong") {
                assertRejected(list.with(fixed, wampDictOf("a" to 1)), "$name args = dict")
                assertRejected(list.with(fixed + 1, wampListOf(1)), "$name kwargs = list")
                val bare = WampList(list.take(fixed))
                assertRejected(WampList(bare + wampDictOf("a" to 1)), "$name with kwargs in place of args")
                assertRejected(WampList(bare + WampNull), "$name with null args")
            }
        }
    }

    test("CHALLENGE auth method and AUTHENTICATE signature are plain strings, not URIs") {
        WampCodec.decode(wampListOf(4, "ticket with spaces", emptyMap<String, Any>())).shouldBeInstanceOf<DecodeResult.Success>()
        WampCodec.decode(wampListOf(5, "a..b==", emptyMap<String, Any>())).shouldBeInstanceOf<DecodeResult.Success>()
    }

    test("values that are not a list, or lists without an integer type code, are rejected") {
        for (bad in listOf(WampNull, WampString("[48]"), WampInt(48), WampDict.EMPTY, wampListOf(null), wampListOf(48.0, 1),
            wampListOf(listOf(48)), wampListOf(-1), wampListOf(0), wampListOf(Long.MAX_VALUE))) {
            assertRejected(bad, "input $bad")
        }
    }

    // Regression test, was a bug (WampCodec.kt, MessageReader): the type code is truncated with toInt(), so 2^32 + 48 decodes as CALL.
    test("a type code that only equals a known one modulo 2^32 is unknown") {
        assertRejected(wampListOf(4_294_967_344L, 1, emptyMap<String, Any>(), "com.example.p"), "type 2^32+48")
    }

    test("ERROR may only answer request types that have an ERROR reply") {
        val answerable = listOf(32, 34, 16, 64, 66, 48, 68, 49)
        for (type in 0..80) {
            val result = WampCodec.decode(wampListOf(8, type, 1, emptyMap<String, Any>(), "wamp.error.x"))
            withClue("ERROR for type $type") { (result is DecodeResult.Success) shouldBe (type in answerable) }
        }
    }

    test("WampUris: ids are 1..2^53, URIs are dot-separated non-empty components") {
        WampUris.isValidId(1) shouldBe true
        WampUris.isValidId(WampUris.MAX_ID) shouldBe true
        WampUris.isValidId(0) shouldBe false
        WampUris.isValidId(WampUris.MAX_ID + 1) shouldBe false
        WampUris.isValidUri("com.example.p") shouldBe true
        WampUris.isValidUri("realm1") shouldBe true
        WampUris.isValidUri("com.例え.p") shouldBe true
        for (bad in listOf("", ".", "a..b", ".a", "a.", "a b", "a\nb", "a#b")) {
            withClue("'$bad'") { WampUris.isValidUri(bad) shouldBe false }
        }
        WampUris.isValidUri("a..b", allowEmptyComponents = true) shouldBe true
        WampUris.isValidUri("com.", allowEmptyComponents = true) shouldBe true
        WampUris.isValidUri("a b", allowEmptyComponents = true) shouldBe false
        WampUris.isValidUri("", allowEmptyComponents = true) shouldBe false
    }

    test("pattern REGISTER accepts empty components only with match=wildcard or prefix") {
        WampCodec.decode(wampListOf(64, 1, mapOf("match" to "wildcard"), "com..p")).shouldBeInstanceOf<DecodeResult.Success>()
        WampCodec.decode(wampListOf(64, 1, mapOf("match" to "prefix"), "com.")).shouldBeInstanceOf<DecodeResult.Success>()
        assertRejected(wampListOf(64, 1, mapOf("match" to "exact"), "com..p"), "exact match with an empty component")
    }
})
