package io.wampkit.serialization.internal

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
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.nio.charset.CharacterCodingException
import java.util.Base64

/** `wamp.2.json` on kotlinx.serialization's JSON tree. */
internal object JsonWampSerializer : WampSerializer {
    override val name: String get() = "json"
    override val subprotocol: String get() = "wamp.2.json"
    override val isBinary: Boolean get() = false

    private val json = Json

    override fun encode(message: WampMessage): ByteArray =
        json.encodeToString(JsonElement.serializer(), toJson(WampCodec.encode(message))).encodeToByteArray()

    override fun decode(frame: ByteArray): DecodeResult {
        val element = try {
            json.parseToJsonElement(frame.decodeToString(throwOnInvalidSequence = true))
        } catch (e: SerializationException) {
            return DecodeResult.Failure("malformed JSON: ${e.message?.lineSequence()?.firstOrNull()}")
        } catch (e: CharacterCodingException) {
            return DecodeResult.Failure("frame is not valid UTF-8")
        }
        val value = fromJson(element, 0) ?: return DecodeResult.Failure(
            "JSON frame nests deeper than $MAX_DEPTH levels or holds a number out of range",
        )
        return WampCodec.decode(value)
    }

    internal fun toJson(value: WampValue): JsonElement = when (value) {
        WampNull -> JsonNull
        is WampBool -> JsonPrimitive(value.value)
        is WampInt -> JsonPrimitive(value.value)
        is WampDouble -> {
            require(value.value.isFinite()) { "JSON cannot carry the number ${value.value}" }
            JsonPrimitive(value.value)
        }
        is WampString -> JsonPrimitive(value.value)
        is WampBytes -> JsonPrimitive(BINARY_PREFIX + Base64.getEncoder().encodeToString(value.toByteArray()))
        is WampList -> JsonArray(value.items.map(::toJson))
        is WampDict -> JsonObject(value.mapValues { toJson(it.value) })
    }

    /** Null when the tree is too deep or a number does not fit. */
    internal fun fromJson(element: JsonElement, depth: Int): WampValue? {
        if (depth > MAX_DEPTH) return null
        return when (element) {
            JsonNull -> WampNull
            is JsonPrimitive -> primitive(element)
            is JsonArray -> WampList(element.map { fromJson(it, depth + 1) ?: return null })
            is JsonObject -> WampDict(element.mapValues { fromJson(it.value, depth + 1) ?: return null })
        }
    }

    private fun primitive(p: JsonPrimitive): WampValue? {
        val content = p.content
        if (p.isString) {
            if (content.startsWith(BINARY_PREFIX)) {
                return try {
                    WampBytes(Base64.getDecoder().decode(content.substring(1)))
                } catch (e: IllegalArgumentException) {
                    WampString(content)
                }
            }
            return WampString(content)
        }
        return when (content) {
            "true" -> WampBool(true)
            "false" -> WampBool(false)
            else -> content.toLongOrNull()?.let(::WampInt)
                ?: content.toDoubleOrNull()?.takeIf { it.isFinite() }?.let(::WampDouble)
        }
    }

    private const val BINARY_PREFIX = "\u0000"
    private const val MAX_DEPTH = 256
}
