package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.dsl.internal.Payloads
import io.wampkit.session.CallResult
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.serializer

@Serializable
enum class Color { RED, GREEN }

@Serializable
data class Order(
    val id: Long,
    val items: List<Point> = emptyList(),
    val prices: Map<String, Double> = emptyMap(),
    val note: String? = null,
    val color: Color = Color.RED,
    val nested: List<Map<String, List<Int>>> = emptyList(),
)

@Serializable
class Blob(val name: String, val data: ByteArray)

@Serializable
sealed interface Shape

@Serializable
data class Circle(val r: Double) : Shape

@Serializable
data class Square(val side: Int) : Shape

/** kotlinx.serialization marshalling of typed handler arguments and call results (no router). */
class TypedMarshallingSpec : FunSpec({
    fun <T> roundTrip(serializer: KSerializer<T>, value: T): T = Payloads.decode(serializer, Payloads.encode(serializer, value))

    fun invalid(block: () -> Unit): String {
        val e = shouldThrow<WampException>(block)
        e.uri shouldBe WampErrors.INVALID_ARGUMENT
        return (e.args[0] as io.wampkit.value.WampString).value
    }

    test("data classes with nested lists and maps, nullable, defaults and enums survive the round trip") {
        val order = Order(7, listOf(Point(1, 2)), mapOf("a" to 1.5), "n", Color.GREEN, listOf(mapOf("k" to listOf(1, 2))))
        roundTrip(serializer<Order>(), order) shouldBe order
        roundTrip(serializer<List<Order?>>(), listOf(null, Order(1))) shouldBe listOf(null, Order(1))
    }

    test("defaults are sent and missing fields with defaults are filled in") {
        val wire = Payloads.encode(serializer<Order>(), Order(1)) as WampDict
        wire.keys shouldBe setOf("id", "items", "prices", "note", "color", "nested")
        Payloads.decode(serializer<Order>(), wampDictOf("id" to 3)) shouldBe Order(3)
    }

    test("an enum travels as its name") {
        Payloads.encode(serializer<Color>(), Color.GREEN) shouldBe wampListOf("GREEN")[0]
        Payloads.encodeAny(Color.RED) shouldBe wampListOf("RED")[0]
    }

    test("a ByteArray travels as WAMP binary") {
        val wire = Payloads.encode(serializer<ByteArray>(), byteArrayOf(1, 2, 3))
        (wire is WampBytes) shouldBe true
        Payloads.decode(serializer<ByteArray>(), wire).toList() shouldBe listOf<Byte>(1, 2, 3)
    }

    test("ByteArray inside data classes is WAMP binary too; map keys may be numbers; sealed types carry their type") {
        val wire = Payloads.encode(serializer<Blob>(), Blob("b", byteArrayOf(9, 8))) as WampDict
        (wire["data"] is WampBytes) shouldBe true
        Payloads.decode(serializer<Blob>(), wire).data.toList() shouldBe listOf<Byte>(9, 8)
        roundTrip(serializer<Map<Int, String>>(), mapOf(1 to "a", 2 to "b")) shouldBe mapOf(1 to "a", 2 to "b")
        roundTrip(serializer<List<Shape>>(), listOf(Circle(1.5), Square(2))) shouldBe listOf(Circle(1.5), Square(2))
        Payloads.encode(serializer<Shape>(), Square(2)) shouldBe wampDictOf("type" to "io.wampkit.dsl.Square", "value" to mapOf("side" to 2))
    }

    test("unknown dictionary keys are ignored; integers decode into doubles, not the other way") {
        Payloads.decode(serializer<Point>(), wampDictOf("x" to 1, "y" to 2, "z" to 3)) shouldBe Point(1, 2)
        Payloads.decode(serializer<Double>(), wampListOf(3)[0]) shouldBe 3.0
    }

    test("a nested mismatch names the path inside the argument") {
        invalid { Payloads.decodeArgs("p", wampListOf(wampDictOf("corner" to wampDictOf("x" to "a", "y" to 2))), arrayOf(serializer<Box>())) } shouldBe
            "argument 1 of p: at $.corner.x: expected Int, got string \"a\""
        invalid { Payloads.decodeArgs("p", wampListOf(wampListOf(1, "b")), arrayOf(serializer<List<Int>>())) } shouldBe
            "argument 1 of p: at $[1]: expected Int, got string \"b\""
        invalid { Payloads.decodeArgs("p", wampListOf(1L shl 40), arrayOf(serializer<Int>())) } shouldBe
            "argument 1 of p: at $: 1099511627776 does not fit Int"
        invalid { Payloads.decodeArgs("p", wampListOf("BLUE"), arrayOf(serializer<Color>())) } shouldBe
            "argument 1 of p: at $: 'BLUE' is not one of RED, GREEN"
    }

    test("positional arguments fill parameters in order; trailing nullable ones may be left out") {
        val params = arrayOf<KSerializer<*>>(serializer<Point>(), serializer<String?>())
        Payloads.decodeArgs("p", wampListOf(wampDictOf("x" to 1, "y" to 2)), params).toList() shouldBe listOf(Point(1, 2), null)
    }

    test("kwargs fill parameters by name, and a single class parameter from the whole dictionary") {
        val params = arrayOf<KSerializer<*>>(serializer<Int>(), serializer<Int>())
        Payloads.decodeArgs("p", wampListOf(1), params, wampDictOf("b" to 2), arrayOf("a", "b")).toList() shouldBe listOf(1, 2)
        Payloads.decodeArgs("p", WampList.EMPTY, arrayOf(serializer<Point>()), wampDictOf("x" to 1, "y" to 2))
            .toList() shouldBe listOf(Point(1, 2))
    }

    test("a wrong argument names its index, the parameter and the problem") {
        val ints = arrayOf<KSerializer<*>>(serializer<Int>(), serializer<Int>())
        invalid { Payloads.decodeArgs("com.myapp.add2", wampListOf(1, "seven"), ints) } shouldBe
            "argument 2 of com.myapp.add2: expected Int, got string \"seven\""
        invalid { Payloads.decodeArgs("com.myapp.add2", wampListOf(1, "x"), ints, names = arrayOf("a", "b")) } shouldBe
            "argument 2 (b) of com.myapp.add2: expected Int, got string \"x\""
        invalid { Payloads.decodeArgs("com.myapp.add2", wampListOf(1, null), ints) } shouldBe
            "argument 2 of com.myapp.add2: expected Int, got null"
        invalid { Payloads.decodeArgs("com.myapp.add2", wampListOf(1, 2, 3), ints) } shouldBe
            "com.myapp.add2 expects 2 arguments, got 3"
        invalid { Payloads.decodeArgs("com.myapp.add2", wampListOf(1), ints) } shouldBe
            "com.myapp.add2 expects 2 arguments, got 1"
        invalid { Payloads.decodeArgs("com.myapp.add2", wampListOf(1), ints, wampDictOf("c" to 3), arrayOf("a", "b")) } shouldBe
            "argument 2 (b) of com.myapp.add2 is missing"
        invalid { Payloads.decodeArgs("p", wampListOf(wampListOf(1)), arrayOf(serializer<Point>())) } shouldBe
            "argument 1 of p: expected Point, got a list of 1"
        invalid { Payloads.decodeArgs("p", wampListOf(1.5), arrayOf(serializer<Long>())) } shouldBe
            "argument 1 of p: expected Long, got number 1.5"
        invalid { Payloads.decodeArgs("p", wampListOf(wampDictOf("x" to 1)), arrayOf(serializer<Point>())) } shouldStartWith
            "argument 1 of p: Field 'y' is required"
        invalid { Payloads.decodeArgs("p", wampListOf("BLUE"), arrayOf(serializer<Color>())) } shouldStartWith
            "argument 1 of p: "
        invalid { Payloads.decodeArgs("p", wampListOf(1L shl 40), arrayOf(serializer<Int>())) } shouldStartWith
            "argument 1 of p: "
    }

    test("results: none is Unit or null, one value that value, several a list, kwargs only a class") {
        Payloads.decodeResult("p", CallResult.EMPTY, serializer<Unit>()) shouldBe Unit
        Payloads.decodeResult("p", CallResult.EMPTY, serializer<Int?>()) shouldBe null
        Payloads.decodeResult("p", CallResult(wampListOf(5)), serializer<Int>()) shouldBe 5
        Payloads.decodeResult("p", CallResult(wampListOf(1, 2)), serializer<List<Int>>()) shouldBe listOf(1, 2)
        Payloads.decodeResult("p", CallResult(WampList.EMPTY, wampDictOf("x" to 1, "y" to 2)), serializer<Point>()) shouldBe Point(1, 2)
    }

    test("a result of the wrong type is a WampResultTypeException, an invalid_argument WampException") {
        val e = shouldThrow<WampResultTypeException> { Payloads.decodeResult("p", CallResult(wampListOf("x")), serializer<Int>()) }
        e.uri shouldBe WampErrors.INVALID_ARGUMENT
        e.procedure shouldBe "p"
        e.message shouldBe "result of p: expected Int, got string \"x\""
        shouldThrow<WampResultTypeException> { Payloads.decodeResult("p", CallResult(wampListOf(wampDictOf("x" to 1))), serializer<Point>()) }
            .message shouldStartWith "result of p: Field 'y' is required"
    }
})
