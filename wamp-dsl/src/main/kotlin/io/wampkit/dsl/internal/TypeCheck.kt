package io.wampkit.dsl.internal

import io.wampkit.value.WampBool
import io.wampkit.value.WampBytes
import io.wampkit.value.WampDict
import io.wampkit.value.WampDouble
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampNull
import io.wampkit.value.WampString
import io.wampkit.value.WampValue
import kotlinx.serialization.descriptors.PolymorphicKind
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.SerialKind
import kotlinx.serialization.descriptors.StructureKind

/** The shape check before decoding, so that a wrong argument gets a plain message ("expected Int, got string"). */
@OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
internal object TypeCheck {
    /** Why [value] cannot be a [descriptor], or null when its shape fits (the decoder then checks the details). */
    fun mismatch(descriptor: SerialDescriptor, value: WampValue): String? {
        if (value == WampNull) return if (descriptor.isNullable) null else "expected ${typeName(descriptor)}, got null"
        val fits = when (val kind: SerialKind = descriptor.kind) {
            PrimitiveKind.BOOLEAN -> value is WampBool
            PrimitiveKind.BYTE, PrimitiveKind.SHORT, PrimitiveKind.INT, PrimitiveKind.LONG -> value is WampInt
            PrimitiveKind.FLOAT, PrimitiveKind.DOUBLE -> value is WampInt || value is WampDouble
            PrimitiveKind.STRING, PrimitiveKind.CHAR, SerialKind.ENUM -> value is WampString
            StructureKind.LIST -> value is WampList || (value is WampBytes && descriptor.serialName.startsWith("kotlin.ByteArray"))
            StructureKind.CLASS, StructureKind.MAP -> value is WampDict
            is PolymorphicKind, SerialKind.CONTEXTUAL, StructureKind.OBJECT -> true
        }
        return if (fits) null else "expected ${typeName(descriptor)}, got ${describe(value)}"
    }

    private fun typeName(d: SerialDescriptor): String = when (d.kind) {
        StructureKind.LIST -> "a list"
        StructureKind.MAP -> "a dictionary"
        else -> d.serialName.removeSuffix("?").substringAfterLast('.')
    }

    fun describe(value: WampValue): String = when (value) {
        WampNull -> "null"
        is WampBool -> "boolean ${value.value}"
        is WampInt -> "integer ${value.value}"
        is WampDouble -> "number ${value.value}"
        is WampString -> "string \"${value.value.take(MAX_SHOWN)}${if (value.value.length > MAX_SHOWN) "..." else ""}\""
        is WampBytes -> "binary of ${value.size} bytes"
        is WampList -> "a list of ${value.size}"
        is WampDict -> "a dictionary"
    }

    private const val MAX_SHOWN = 40
}
