package io.wampkit.message

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList

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

    test("message names") {
        MessageCode.name(MessageCode.YIELD) shouldBe "YIELD"
        MessageCode.name(999) shouldBe "UNKNOWN(999)"
    }
})
