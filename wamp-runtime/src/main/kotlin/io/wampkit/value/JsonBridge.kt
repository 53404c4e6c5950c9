package io.wampkit.value

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.util.Base64

/** Nesting depth beyond which [toWampValue] refuses a JSON tree. */
public const val MAX_JSON_DEPTH: Int = 256

private const val BINARY_PREFIX = "\u0000"

/**
 * The kotlinx.serialization JSON form of this value. [WampBytes] become `"\u0000" + base64` strings,
 * WAMP's JSON convention for binary.
 * @throws IllegalArgumentException for a NaN or infinite number, which JSON cannot carry.
 */
public fun WampValue.toJsonElement(): JsonElement = when (this) {
    WampNull -> JsonNull
    is WampBool -> JsonPrimitive(value)
    is WampInt -> JsonPrimitive(value)
    is WampDouble -> {
        require(value.isFinite()) { "JSON cannot carry the number $value" }
        JsonPrimitive(value)
    }
    is WampString -> JsonPrimitive(value)
    is WampBytes -> JsonPrimitive(BINARY_PREFIX + Base64.getEncoder().encodeToString(toByteArray()))
    is WampList -> JsonArray(items.map { it.toJsonElement() })
    is WampDict -> JsonObject(mapValues { it.value.toJsonElement() })
}

/**
 * The [WampValue] of a JSON tree: integral numbers become [WampInt], others [WampDouble]; strings that start
 * with `\u0000` and hold valid base64 become [WampBytes].
 * @throws IllegalArgumentException when the tree nests deeper than [MAX_JSON_DEPTH] or holds a number that
 * is neither a 64-bit integer nor a finite double.
 */
public fun JsonElement.toWampValue(): WampValue = fromJson(this, 0)

private fun fromJson(element: JsonElement, depth: Int): WampValue {
    require(depth <= MAX_JSON_DEPTH) { "JSON nests deeper than $MAX_JSON_DEPTH levels" }
    return when (element) {
        JsonNull -> WampNull
        is JsonPrimitive -> primitive(element)
        is JsonArray -> WampList(element.map { fromJson(it, depth + 1) })
        is JsonObject -> WampDict(element.mapValues { fromJson(it.value, depth + 1) })
    }
}

private fun primitive(p: JsonPrimitive): WampValue {
    val content = p.content
    if (p.isString) {
        if (content.startsWith(BINARY_PREFIX)) {
            try {
                return WampBytes(Base64.getDecoder().decode(content.substring(1)))
            } catch (_: IllegalArgumentException) {
                // not base64 after all: an ordinary string
            }
        }
        return WampString(content)
    }
    return when (content) {
        "true" -> WampBool(true)
        "false" -> WampBool(false)
        else -> content.toLongOrNull()?.let(::WampInt)
            ?: content.toDoubleOrNull()?.takeIf { it.isFinite() }?.let(::WampDouble)
            ?: throw IllegalArgumentException("number $content is out of range")
    }
}
