package io.wampkit.message

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

class WampCodecSpec : FunSpec({
    test("the fixture covers all 24 message types") {
        AllMessages.withPayload.map { it.code }.toSet() shouldHaveSize 24
    }

    for (message in AllMessages.withPayload + AllMessages.argsOnly + AllMessages.noPayload + AllMessages.kwargsOnly) {
        val name = MessageCode.name(message.code)
        test("$name round-trips: $message") {
            val list = WampCodec.encode(message)
            list[0] shouldBe WampInt(message.code.toLong())
            WampCodec.decode(list) shouldBe DecodeResult.Success(message)
        }
    }

    test("empty trailing payload is omitted; kwargs alone still carry an empty args list") {
        for (m in AllMessages.noPayload) {
            val full = AllMessages.withPayload.first { it.code == m.code }
            WampCodec.encode(m).size shouldBe WampCodec.encode(full).size - 2
        }
        for (m in AllMessages.argsOnly) {
            val full = AllMessages.withPayload.first { it.code == m.code }
            WampCodec.encode(m).size shouldBe WampCodec.encode(full).size - 1
        }
        val kwargsOnly = WampCodec.encode(AllMessages.kwargsOnly[0])
        kwargsOnly shouldHaveSize 6
        kwargsOnly[4] shouldBe WampList.EMPTY
        kwargsOnly[5].shouldBeInstanceOf<WampDict>()
    }

    test("a Call without payload encodes to exactly 4 elements, with args to 5, with kwargs to 6") {
        val bare = WampCodec.encode(Call(1, WampDict.EMPTY, "com.example.p"))
        bare shouldBe wampListOf(48, 1, emptyMap<String, Any>(), "com.example.p")
        WampCodec.encode(Call(1, WampDict.EMPTY, "com.example.p", wampListOf("a"))) shouldBe
            wampListOf(48, 1, emptyMap<String, Any>(), "com.example.p", listOf("a"))
        WampCodec.encode(Call(1, WampDict.EMPTY, "com.example.p", WampList.EMPTY, wampDictOf("k" to 1))) shouldBe
            wampListOf(48, 1, emptyMap<String, Any>(), "com.example.p", emptyList<Any>(), mapOf("k" to 1))
    }

    test("the list form puts every field at the position the spec gives it") {
        WampCodec.encode(Hello("realm1", wampDictOf("a" to 1))) shouldBe wampListOf(1, "realm1", mapOf("a" to 1))
        WampCodec.encode(Welcome(9, WampDict.EMPTY)) shouldBe wampListOf(2, 9, emptyMap<String, Any>())
        WampCodec.encode(Abort(WampDict.EMPTY, "wamp.error.x")) shouldBe wampListOf(3, emptyMap<String, Any>(), "wamp.error.x")
        WampCodec.encode(Error(MessageCode.CALL, 5, WampDict.EMPTY, "com.e", wampListOf(1))) shouldBe
            wampListOf(8, 48, 5, emptyMap<String, Any>(), "com.e", listOf(1))
        WampCodec.encode(Event(3, 4, WampDict.EMPTY)) shouldBe wampListOf(36, 3, 4, emptyMap<String, Any>())
        WampCodec.encode(Invocation(1, 2, WampDict.EMPTY)) shouldBe wampListOf(68, 1, 2, emptyMap<String, Any>())
        WampCodec.encode(Unsubscribed(7)) shouldBe wampListOf(35, 7)
        WampCodec.encode(Yield(1, WampDict.EMPTY)) shouldBe wampListOf(70, 1, emptyMap<String, Any>())
    }

    test("decoding accepts what a peer may omit: args alone, or no payload at all") {
        WampCodec.decode(wampListOf(50, 7, emptyMap<String, Any>())) shouldBe DecodeResult.Success(Result(7, WampDict.EMPTY))
        WampCodec.decode(wampListOf(50, 7, emptyMap<String, Any>(), listOf(1))) shouldBe
            DecodeResult.Success(Result(7, WampDict.EMPTY, wampListOf(1)))
        // an explicit empty payload decodes to the same message as an omitted one
        WampCodec.decode(wampListOf(50, 7, emptyMap<String, Any>(), emptyList<Any>(), emptyMap<String, Any>())) shouldBe
            DecodeResult.Success(Result(7, WampDict.EMPTY))
    }

    test("Authenticate hides its signature in toString") {
        Authenticate("s3cret", WampDict.EMPTY).toString() shouldNotContain "s3cret"
    }

    test("message names") {
        MessageCode.name(MessageCode.YIELD) shouldBe "YIELD"
        MessageCode.name(999) shouldBe "UNKNOWN(999)"
    }
})
