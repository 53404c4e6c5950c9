package io.wampkit.serialization.internal

import com.fasterxml.jackson.core.JsonParser
import com.fasterxml.jackson.core.JsonToken
import com.fasterxml.jackson.core.StreamReadConstraints
import com.fasterxml.jackson.dataformat.cbor.CBORFactory
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator
import com.fasterxml.jackson.dataformat.cbor.CBORParser
import io.wampkit.message.DecodeResult
import io.wampkit.message.WampCodec
import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer
import io.wampkit.value.WampBool
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue
import java.io.ByteArrayOutputStream
import java.io.IOException

/**
 * `wamp.2.cbor` on Jackson's streaming CBOR parser and generator (no data binding): the [WampValue] tree is
 * written and read directly. Arrays and maps are written with definite lengths, integers in their shortest
 * form, doubles as 64-bit floats, binary as byte strings (major type 2). On decode, integers must fit a signed
 * 64-bit Long, map keys must be text strings, and simple values other than true/false/null are refused.
 */
internal object CborWampSerializer : WampSerializer {
    override val name: String get() = "cbor"
    override val subprotocol: String get() = "wamp.2.cbor"
    override val isBinary: Boolean get() = true

    private const val MAJOR_TYPE_TEXT = 3

    private val factory: CBORFactory = CBORFactory.builder()
        .enable(CBORParser.Feature.READ_UNDEFINED_AS_EMBEDDED_OBJECT)
        .enable(CBORParser.Feature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
        .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
        // the frame size is the transport's and the router's limit, as for the other serializers
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Int.MAX_VALUE).build())
        .build()

    override fun encode(message: WampMessage): ByteArray {
        val out = ByteArrayOutputStream(INITIAL_BUFFER)
        factory.createGenerator(out).use { writer.write(it, WampCodec.encode(message)) }
        return out.toByteArray()
    }

    private val writer = JacksonTreeWriter(double = { writeNumber(it) }, bytes = { writeBinary(it) })

    override fun decode(frame: ByteArray): DecodeResult {
        val value = try {
            factory.createParser(frame).use { parser ->
                val first = parser.nextToken() ?: malformed("empty frame")
                val root = Reader(parser, frame).read(first, 0)
                if (parser.nextToken() != null) malformed("trailing bytes after the message")
                root
            }
        } catch (e: MalformedFrame) {
            return failure(e.message)
        } catch (e: IOException) { // Jackson's parse errors, truncation and stream constraints
            return failure(e.message?.lineSequence()?.firstOrNull() ?: e::class.simpleName.orEmpty())
        } catch (e: RuntimeException) {
            // hostile input must never escape decode, whatever the library does with it
            return failure("${e::class.simpleName}: ${e.message?.lineSequence()?.firstOrNull()}")
        }
        return WampCodec.decode(value)
    }

    private fun failure(reason: String) = DecodeResult.Failure("malformed CBOR: $reason")

    private class Reader(private val parser: JsonParser, private val frame: ByteArray) {
        fun read(token: JsonToken, depth: Int): WampValue {
            checkDepth(depth)
            return when (token) {
                JsonToken.VALUE_NULL -> WampNull
                JsonToken.VALUE_TRUE -> WampBool(true)
                JsonToken.VALUE_FALSE -> WampBool(false)
                JsonToken.VALUE_STRING -> WampString(parser.text)
                JsonToken.VALUE_NUMBER_INT -> when (parser.numberType) {
                    JsonParser.NumberType.INT, JsonParser.NumberType.LONG -> WampInt(parser.longValue)
                    else -> malformed("integer outside the signed 64-bit range")
                }
                JsonToken.VALUE_NUMBER_FLOAT -> when (parser.numberType) {
                    JsonParser.NumberType.FLOAT, JsonParser.NumberType.DOUBLE -> WampDouble(finite(parser.doubleValue))
                    else -> malformed("decimal fractions and big floats are not supported")
                }
                JsonToken.VALUE_EMBEDDED_OBJECT -> when (val embedded = parser.embeddedObject) {
                    is ByteArray -> WampBytes(embedded)
                    else -> malformed("simple value ${embedded ?: "undefined"} is not supported")
                }
                JsonToken.START_ARRAY -> {
                    val items = ArrayList<WampValue>()
                    while (true) {
                        val next = parser.nextToken() ?: malformed("array not closed")
                        if (next == JsonToken.END_ARRAY) break
                        items.add(read(next, depth + 1))
                    }
                    WampList(items)
                }
                JsonToken.START_OBJECT -> readMap(depth)
                else -> malformed("unexpected $token")
            }
        }

        private fun readMap(depth: Int): WampDict {
            val entries = LinkedHashMap<String, WampValue>()
            while (true) {
                val next = parser.nextToken() ?: malformed("map not closed")
                if (next == JsonToken.END_OBJECT) break
                // Jackson turns integer and byte-string keys into names; WAMP dicts have text keys only
                val offset = parser.currentTokenLocation().byteOffset
                if (offset !in frame.indices || (frame[offset.toInt()].toInt() shr 5) and 7 != MAJOR_TYPE_TEXT) {
                    malformed("map key is not a text string")
                }
                val key = parser.currentName()
                val valueToken = parser.nextToken() ?: malformed("map value missing")
                entries[key] = read(valueToken, depth + 1)
            }
            return WampDict(entries)
        }
    }

    private const val INITIAL_BUFFER = 256
}
