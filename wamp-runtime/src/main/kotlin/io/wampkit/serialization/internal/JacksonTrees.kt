package io.wampkit.serialization.internal

import com.fasterxml.jackson.core.JsonGenerator
import io.wampkit.value.WampBool
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue

/**
 * Writes a [WampValue] tree with a Jackson streaming generator (JSON or CBOR), containers with their sizes.
 * The formats differ only in what [double] and [bytes] do: JSON refuses non-finite numbers and writes binary
 * as `"\u0000" + base64`, CBOR has both natively.
 */
internal class JacksonTreeWriter(
    private val double: JsonGenerator.(Double) -> Unit,
    private val bytes: JsonGenerator.(ByteArray) -> Unit,
) {
    fun write(generator: JsonGenerator, value: WampValue) {
        when (value) {
            WampNull -> generator.writeNull()
            is WampBool -> generator.writeBoolean(value.value)
            is WampInt -> generator.writeNumber(value.value)
            is WampDouble -> generator.double(value.value)
            is WampString -> generator.writeString(value.value)
            is WampBytes -> generator.bytes(value.toByteArray())
            is WampList -> {
                generator.writeStartArray(value, value.size)
                for (item in value.items) write(generator, item)
                generator.writeEndArray()
            }
            is WampDict -> {
                generator.writeStartObject(value, value.size)
                for ((k, v) in value.map) {
                    generator.writeFieldName(k)
                    write(generator, v)
                }
                generator.writeEndObject()
            }
        }
    }
}
