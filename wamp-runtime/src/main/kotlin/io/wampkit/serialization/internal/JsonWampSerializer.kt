package io.wampkit.serialization.internal

import com.fasterxml.jackson.core.JsonFactory
import com.fasterxml.jackson.core.JsonGenerator
import com.fasterxml.jackson.core.JsonParser
import com.fasterxml.jackson.core.JsonToken
import com.fasterxml.jackson.core.StreamReadConstraints
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
import java.io.CharConversionException
import java.io.IOException
import java.util.Base64

/**
 * `wamp.2.json` on Jackson's streaming JSON parser and generator (jackson-core, no data binding): UTF-8 bytes
 * are read into the [WampValue] tree and written from it directly, with no intermediate String or JSON tree.
 * Strict as the spec's JSON: no comments, NaN, single quotes, unquoted names or control characters, no
 * trailing content; integers beyond 64 bits become doubles (as a JavaScript peer would read them); binary
 * values travel as `"\u0000" + base64`.
 */
internal object JsonWampSerializer : WampSerializer {
    override val name: String get() = "json"
    override val subprotocol: String get() = "wamp.2.json"
    override val isBinary: Boolean get() = false

    private const val BINARY_PREFIX = '\u0000'
    private const val INITIAL_BUFFER = 256

    private val factory: JsonFactory = JsonFactory.builder()
        // the frame size is the transport's and the router's limit, as for the other serializers
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Int.MAX_VALUE).build())
        .build()

    override fun encode(message: WampMessage): ByteArray {
        val out = ByteArrayOutputStream(INITIAL_BUFFER)
        try {
            factory.createGenerator(out).use { writer.write(it, WampCodec.encode(message)) }
        } catch (e: IOException) { // e.g. a string holding a lone UTF-16 surrogate, which UTF-8 cannot carry
            throw IllegalArgumentException("cannot encode ${message::class.simpleName} as JSON: ${e.message}", e)
        }
        return out.toByteArray()
    }

    private val writer = JacksonTreeWriter(
        double = { require(it.isFinite()) { "JSON cannot carry the number $it" }; writeNumber(it) },
        bytes = { writeString(BINARY_PREFIX + Base64.getEncoder().encodeToString(it)) },
    )

    override fun decode(frame: ByteArray): DecodeResult {
        val value = try {
            factory.createParser(frame).use { parser ->
                val first = parser.nextToken() ?: malformed("empty frame")
                val root = read(parser, first, 0)
                if (parser.nextToken() != null) malformed("trailing content after the message")
                root
            }
        } catch (e: MalformedFrame) {
            return failure(e.message)
        } catch (e: CharConversionException) {
            return DecodeResult.Failure("frame is not valid UTF-8")
        } catch (e: IOException) { // Jackson's parse errors, invalid UTF-8, truncation and stream constraints
            val text = e.message?.lineSequence()?.firstOrNull() ?: e::class.simpleName.orEmpty()
            return failure(text)
        } catch (e: RuntimeException) {
            // hostile input must never escape decode, whatever the library does with it
            return failure("${e::class.simpleName}: ${e.message?.lineSequence()?.firstOrNull()}")
        }
        return WampCodec.decode(value)
    }

    private fun failure(reason: String) = DecodeResult.Failure("malformed JSON: $reason")

    private fun read(parser: JsonParser, token: JsonToken, depth: Int): WampValue {
        checkDepth(depth)
        return when (token) {
            JsonToken.VALUE_NULL -> WampNull
            JsonToken.VALUE_TRUE -> WampBool(true)
            JsonToken.VALUE_FALSE -> WampBool(false)
            JsonToken.VALUE_STRING -> string(parser.text)
            JsonToken.VALUE_NUMBER_INT -> when (parser.numberType) {
                JsonParser.NumberType.INT, JsonParser.NumberType.LONG -> WampInt(parser.longValue)
                else -> double(parser) // beyond 64 bits: what a JavaScript peer reads
            }
            JsonToken.VALUE_NUMBER_FLOAT -> double(parser)
            JsonToken.START_ARRAY -> {
                val items = ArrayList<WampValue>()
                while (true) {
                    val next = parser.nextToken() ?: malformed("array not closed")
                    if (next == JsonToken.END_ARRAY) break
                    items.add(read(parser, next, depth + 1))
                }
                WampList(items)
            }
            JsonToken.START_OBJECT -> {
                val entries = LinkedHashMap<String, WampValue>()
                while (true) {
                    val next = parser.nextToken() ?: malformed("object not closed")
                    if (next == JsonToken.END_OBJECT) break
                    val key = parser.currentName()
                    val valueToken = parser.nextToken() ?: malformed("object value missing")
                    entries[key] = read(parser, valueToken, depth + 1)
                }
                WampDict(entries)
            }
            else -> malformed("unexpected $token")
        }
    }

    private fun double(parser: JsonParser): WampDouble {
        val value = parser.doubleValue
        if (!value.isFinite()) malformed("number ${parser.text} is out of range")
        return WampDouble(value)
    }

    /** A string, or the binary value it carries when it is `"\u0000" + base64`. */
    private fun string(text: String): WampValue {
        if (text.isNotEmpty() && text[0] == BINARY_PREFIX) {
            try {
                return WampBytes(Base64.getDecoder().decode(text.substring(1)))
            } catch (_: IllegalArgumentException) {
                // not base64 after all: an ordinary string
            }
        }
        return WampString(text)
    }
}
