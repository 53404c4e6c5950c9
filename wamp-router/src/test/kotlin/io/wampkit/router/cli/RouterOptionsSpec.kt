package io.wampkit.router.cli

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class RouterOptionsSpec : FunSpec({
    test("defaults: 127.0.0.1:8080/ws, realm1") {
        RouterOptions.parse(emptyArray()) shouldBe RouterOptions("127.0.0.1", 8080, "/ws", listOf("realm1"))
    }

    test("every option, with --realm repeatable") {
        val args = arrayOf("--host", "0.0.0.0", "--port", "9000", "--path", "/wamp", "--realm", "a", "--realm", "b")
        RouterOptions.parse(args) shouldBe RouterOptions("0.0.0.0", 9000, "/wamp", listOf("a", "b"))
    }

    test("--serializer limits the listener's serializers; all three by default") {
        RouterOptions.parse(emptyArray()).serializers shouldBe listOf("json", "msgpack", "cbor")
        RouterOptions.parse(arrayOf("--serializer", "cbor", "--serializer", "json")).serializers shouldBe listOf("cbor", "json")
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--serializer", "xml")) }.message shouldContain "xml"
    }

    test("bad input names the problem") {
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--port", "http")) }.message shouldContain "--port"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--port", "70000")) }.message shouldContain "--port"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--path", "ws")) }.message shouldContain "/"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--realm")) }.message shouldContain "needs a value"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--verbose")) }.message shouldContain "--verbose"
    }
})
