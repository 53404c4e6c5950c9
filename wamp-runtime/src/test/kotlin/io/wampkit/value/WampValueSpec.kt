package io.wampkit.value

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain

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
})
