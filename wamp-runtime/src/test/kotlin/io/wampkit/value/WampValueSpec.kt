package io.wampkit.value

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs

class WampValueSpec : FunSpec({
    test("plain Kotlin values convert both ways") {
        val plain = listOf(null, true, 42L, 2.5, "s", listOf(1L, "x"), mapOf("k" to listOf(mapOf("d" to null))))
        val value = plain.toWampValue()
        value shouldBe WampList(
            listOf(
                WampNull, WampBool(true), WampInt(42), WampDouble(2.5), WampString("s"),
                WampList(listOf(WampInt(1), WampString("x"))),
                WampDict(mapOf("k" to WampList(listOf(WampDict(mapOf("d" to WampNull)))))),
            ),
        )
        value.toPlain() shouldBe plain
    }

    test("every integral and floating type is accepted") {
        listOf(1.toByte(), 2.toShort(), 3, 4L).map { it.toWampValue() } shouldBe listOf(WampInt(1), WampInt(2), WampInt(3), WampInt(4))
        1.5f.toWampValue() shouldBe WampDouble(1.5)
        arrayOf<Any>("a", 1).toWampValue() shouldBe wampListOf("a", 1)
    }

    test("unsupported types and non-string keys are refused with a clear message") {
        shouldThrow<IllegalArgumentException> { Any().toWampValue() }.message shouldContain "cannot convert"
        shouldThrow<IllegalArgumentException> { mapOf(1 to "x").toWampValue() }.message shouldContain "keys must be strings"
    }

    test("WampBytes copies its input and compares by content") {
        val source = byteArrayOf(1, 2, 3)
        val bytes = WampBytes(source)
        source[0] = 9
        bytes.toByteArray() shouldBe byteArrayOf(1, 2, 3)
        bytes.toByteArray().also { it[1] = 9 }
        bytes shouldBe WampBytes(byteArrayOf(1, 2, 3))
        bytes shouldNotBe WampBytes(byteArrayOf(1, 2))
        bytes.size shouldBe 3
    }

    test("WampDict typed accessors return null for absent or mistyped entries") {
        val d = wampDictOf("s" to "x", "b" to true, "n" to 7, "d" to mapOf("k" to 1))
        d.string("s") shouldBe "x"
        d.boolean("b") shouldBe true
        d.long("n") shouldBe 7L
        d.dict("d") shouldBe wampDictOf("k" to 1)
        d.string("n") shouldBe null
        d.long("missing") shouldBe null
    }

    test("binary-looking strings that are not base64 stay strings in JSON") {
        kotlinx.serialization.json.JsonPrimitive("\u0000not base64!").toWampValue() shouldBe WampString("\u0000not base64!")
    }
    test("each supported type maps to its WAMP case and back to its plain form") {
        val cases: List<Triple<Any?, WampValue, Any?>> = listOf(
            Triple(null, WampNull, null),
            Triple(false, WampBool(false), false),
            Triple(7.toByte(), WampInt(7), 7L),
            Triple(7.toShort(), WampInt(7), 7L),
            Triple(Int.MIN_VALUE, WampInt(Int.MIN_VALUE.toLong()), Int.MIN_VALUE.toLong()),
            Triple(Long.MAX_VALUE, WampInt(Long.MAX_VALUE), Long.MAX_VALUE),
            Triple(0.25f, WampDouble(0.25), 0.25),
            Triple(-1e300, WampDouble(-1e300), -1e300),
            Triple("漢字 🚀", WampString("漢字 🚀"), "漢字 🚀"),
            Triple(emptyList<Any>(), WampList.EMPTY, emptyList<Any>()),
            Triple(emptyMap<String, Any>(), WampDict.EMPTY, emptyMap<String, Any>()),
        )
        for ((plain, wamp, back) in cases) {
            withClue("$plain") {
                plain.toWampValue() shouldBe wamp
                wamp.toPlain() shouldBe back
            }
        }
        val bytes = byteArrayOf(1, 2).toWampValue().shouldBeInstanceOf<WampBytes>()
        bytes.toPlain().shouldBeInstanceOf<ByteArray>() shouldBe byteArrayOf(1, 2)
        val existing = wampListOf("kept")
        existing.toWampValue() shouldBeSameInstanceAs existing
        listOf(existing, mapOf("n" to WampNull)).toWampValue() shouldBe WampList(listOf(existing, WampDict(mapOf("n" to WampNull))))
        (listOf(existing).toWampValue() as WampList)[0] shouldBeSameInstanceAs existing
    }

    test("other types are refused with IllegalArgumentException naming the type") {
        class Custom
        val refused: List<Any> = listOf(Custom(), 'c', setOf(1), java.math.BigDecimal.ONE, Unit, listOf(listOf(Custom())))
        for (value in refused) {
            withClue(value::class.qualifiedName ?: "local class") {
                shouldThrow<IllegalArgumentException> { value.toWampValue() }.message shouldContain "cannot convert"
            }
        }
        shouldThrow<IllegalArgumentException> { wampListOf(1, Custom()) }
        shouldThrow<IllegalArgumentException> { wampDictOf("k" to Custom()) }
        shouldThrow<IllegalArgumentException> { mapOf(null to 1).toWampValue() }.message shouldContain "keys must be strings"
    }

    test("builders: empty calls give the shared EMPTY instances; entries keep their order") {
        wampListOf() shouldBeSameInstanceAs WampList.EMPTY
        wampDictOf() shouldBeSameInstanceAs WampDict.EMPTY
        wampListOf(3, 1, 2).toPlain() shouldBe listOf(3L, 1L, 2L)
        wampDictOf("z" to 1, "a" to 2).keys.toList() shouldBe listOf("z", "a")
    }

    test("lists and dicts compare by content and hash like their items") {
        wampListOf(1, "a") shouldBe WampList(listOf(WampInt(1), WampString("a")))
        wampListOf(1, "a").hashCode() shouldBe listOf(WampInt(1), WampString("a")).hashCode()
        wampListOf(1) shouldNotBe wampListOf(1L, 2L)
        wampListOf(1) shouldNotBe wampListOf(1.0)
        wampDictOf("a" to 1).hashCode() shouldBe mapOf("a" to WampInt(1)).hashCode()
        wampDictOf("a" to 1) shouldNotBe wampDictOf("a" to "1")
        wampListOf(byteArrayOf(1)) shouldBe wampListOf(byteArrayOf(1))
        WampBytes(byteArrayOf(5, 6)).hashCode() shouldBe WampBytes(byteArrayOf(5, 6)).hashCode()
        WampBytes(byteArrayOf(5, 6)).toString() shouldBe "WampBytes(size=2)"
        WampString("x").toString() shouldBe "\"x\""
        wampListOf(1, "x", null).toString() shouldBe "[1, \"x\", WampNull]"
    }

    test("WampDict accessors: each returns null for a value of another type") {
        val d = wampDictOf("s" to "x", "b" to false, "n" to 7, "d" to emptyMap<String, Any>(), "z" to null)
        d.boolean("b") shouldBe false
        d.dict("d") shouldBe WampDict.EMPTY
        for (key in listOf("s", "n", "d", "z", "missing")) withClue(key) { d.boolean(key) shouldBe null }
        for (key in listOf("s", "b", "n", "z")) withClue(key) { d.dict(key) shouldBe null }
        for (key in listOf("s", "b", "d", "z")) withClue(key) { d.long(key) shouldBe null }
        for (key in listOf("b", "n", "d", "z")) withClue(key) { d.string(key) shouldBe null }
        d.containsKey("z") shouldBe true
        d["z"] shouldBe WampNull
    }

    test("JSON bridge: integral numbers become WampInt, others WampDouble; too deep trees are refused") {
        val tree = kotlinx.serialization.json.Json.parseToJsonElement("""[1, 1.5, "s", true, null, {"k": [2]}]""")
        tree.toWampValue() shouldBe wampListOf(1, 1.5, "s", true, null, mapOf("k" to listOf(2)))
        wampListOf(1, 1.5, "s", true, null, mapOf("k" to listOf(2)), byteArrayOf(1)).toJsonElement().toWampValue() shouldBe
            wampListOf(1, 1.5, "s", true, null, mapOf("k" to listOf(2)), byteArrayOf(1))
        var deep: kotlinx.serialization.json.JsonElement = kotlinx.serialization.json.JsonArray(emptyList())
        repeat(MAX_JSON_DEPTH + 1) { deep = kotlinx.serialization.json.JsonArray(listOf(deep)) }
        shouldThrow<IllegalArgumentException> { deep.toWampValue() }.message shouldContain "$MAX_JSON_DEPTH"
        shouldThrow<IllegalArgumentException> { WampDouble(Double.NaN).toJsonElement() }
    }
    test("WampList and WampDict equal plain lists and maps of the same values, both ways") {
        val list = wampListOf(1, "a")
        val plainList: List<WampValue> = listOf(WampInt(1), WampString("a"))
        (list == plainList) shouldBe true
        (plainList == list) shouldBe true
        list.hashCode() shouldBe plainList.hashCode()
        val dict = wampDictOf("k" to 1)
        val plainMap: Map<String, WampValue> = mapOf("k" to WampInt(1))
        (dict == plainMap) shouldBe true
        (plainMap == dict) shouldBe true
        (list == wampListOf(1)) shouldBe false
    }
})
