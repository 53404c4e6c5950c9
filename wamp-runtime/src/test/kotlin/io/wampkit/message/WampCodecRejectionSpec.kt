package io.wampkit.message

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeBlank
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.value.WampValue
import io.wampkit.value.toWampValue
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf

class WampCodecRejectionSpec : FunSpec({
    val max = WampUris.MAX_ID
    // input, and a word the reason must contain
    val cases: List<Triple<String, WampValue, String>> = listOf(
        Triple("not a list", wampDictOf("a" to 1), "list"),
        Triple("an empty list", wampListOf(), "list"),
        Triple("a string type code", wampListOf("1", "realm1", mapOf<String, Any>()), "integer"),
        Triple("an unknown type code", wampListOf(999, 1), "unknown"),
        Triple("too few elements", wampListOf(48, 1, mapOf<String, Any>()), "elements"),
        Triple("too many elements", wampListOf(17, 1, 2, 3), "elements"),
        Triple("a string id", wampListOf(48, "one", mapOf<String, Any>(), "com.example.p"), "id"),
        Triple("id 0", wampListOf(48, 0, mapOf<String, Any>(), "com.example.p"), "1..2^53"),
        Triple("a negative id", wampListOf(33, -5, 1), "1..2^53"),
        Triple("an id above 2^53", wampListOf(33, 1, max + 1), "1..2^53"),
        Triple("a list where a dict belongs", wampListOf(48, 1, listOf(1), "com.example.p"), "dict"),
        Triple("an empty URI", wampListOf(48, 1, mapOf<String, Any>(), ""), "URI"),
        Triple("a URI with a space", wampListOf(48, 1, mapOf<String, Any>(), "com.example.add 2"), "URI"),
        Triple("a URI with an empty component", wampListOf(64, 1, mapOf<String, Any>(), "com..add2"), "URI"),
        Triple("a URI that is a number", wampListOf(1, 42, mapOf<String, Any>()), "string"),
        Triple("args that are a dict", wampListOf(48, 1, mapOf<String, Any>(), "com.example.p", mapOf("a" to 1)), "list"),
        Triple("kwargs that are a list", wampListOf(48, 1, mapOf<String, Any>(), "com.example.p", listOf(1), listOf(2)), "dict"),
        Triple("ERROR for a message type that has no ERROR", wampListOf(8, 1, 1, mapOf<String, Any>(), "wamp.error.x"), "ERROR"),
        Triple("a double id", wampListOf(50, 1.5, mapOf<String, Any>()), "id"),
        Triple("a null details", wampListOf(2, 1, null), "dict"),
    )

    for ((name, input, word) in cases) {
        test("rejects $name with a clear reason") {
            val failure = WampCodec.decode(input).shouldBeInstanceOf<DecodeResult.Failure>()
            failure.reason.shouldNotBeBlank()
            failure.reason shouldContain word
        }
    }

    test("pattern URIs with empty components are accepted only for prefix or wildcard subscriptions") {
        WampCodec.decode(wampListOf(32, 1, mapOf("match" to "wildcard"), "com..tick"))
            .shouldBeInstanceOf<DecodeResult.Success>()
        WampCodec.decode(wampListOf(32, 1, mapOf<String, Any>(), "com..tick"))
            .shouldBeInstanceOf<DecodeResult.Failure>()
    }

    test("the largest id, 2^53, is valid") {
        WampCodec.decode(listOf(33, max, max).toWampValue()).shouldBeInstanceOf<DecodeResult.Success>()
    }
})
