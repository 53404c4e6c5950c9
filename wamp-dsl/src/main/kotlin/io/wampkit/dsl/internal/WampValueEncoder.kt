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
import kotlinx.serialization.SerializationException
import kotlinx.serialization.SerializationStrategy
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.encoding.AbstractEncoder
import kotlinx.serialization.encoding.CompositeEncoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.modules.EmptySerializersModule
import kotlinx.serialization.modules.SerializersModule

/**
 * Encodes a `@Serializable` value straight into a [WampValue] tree: classes become dictionaries (every
 * property, defaults and nulls included), lists lists, maps dictionaries (keys as strings), enums their name,
 * a `ByteArray` anywhere WAMP binary. Polymorphic values are `{"type": serial name, "value": {...}}`.
 */
@OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
internal open class WampValueEncoder(private val sink: (WampValue) -> Unit) : AbstractEncoder() {
    override val serializersModule: SerializersModule get() = EmptySerializersModule()

    protected open fun put(value: WampValue) = sink(value)

    override fun encodeNull() = put(WampNull)
    override fun encodeBoolean(value: Boolean) = put(WampBool(value))
    override fun encodeByte(value: Byte) = put(WampInt(value.toLong()))
    override fun encodeShort(value: Short) = put(WampInt(value.toLong()))
    override fun encodeInt(value: Int) = put(WampInt(value.toLong()))
    override fun encodeLong(value: Long) = put(WampInt(value))
    override fun encodeFloat(value: Float) = put(WampDouble(value.toDouble()))
    override fun encodeDouble(value: Double) = put(WampDouble(value))
    override fun encodeChar(value: Char) = put(WampString(value.toString()))
    override fun encodeString(value: String) = put(WampString(value))
    override fun encodeEnum(enumDescriptor: SerialDescriptor, index: Int) = put(WampString(enumDescriptor.getElementName(index)))
    override fun encodeInline(descriptor: SerialDescriptor): Encoder = this

    override fun <T> encodeSerializableValue(serializer: SerializationStrategy<T>, value: T) {
        if (value is ByteArray) put(WampBytes(value)) else serializer.serialize(this, value)
    }

    override fun beginStructure(descriptor: SerialDescriptor): CompositeEncoder = when (descriptor.kind) {
        StructureKind.LIST -> ListEncoder(::put)
        StructureKind.MAP -> MapEncoder(::put)
        else -> ClassEncoder(::put)
    }

    private class ListEncoder(private val parent: (WampValue) -> Unit) : WampValueEncoder(parent) {
        private val items = ArrayList<WampValue>()
        override fun put(value: WampValue) {
            items += value
        }
        override fun endStructure(descriptor: SerialDescriptor) = parent(WampList(items))
    }

    private class ClassEncoder(private val parent: (WampValue) -> Unit) : WampValueEncoder(parent) {
        private val map = LinkedHashMap<String, WampValue>()
        private var key = ""
        override fun encodeElement(descriptor: SerialDescriptor, index: Int): Boolean {
            key = descriptor.getElementName(index)
            return true
        }
        override fun put(value: WampValue) {
            map[key] = value
        }
        override fun endStructure(descriptor: SerialDescriptor) = parent(WampDict(map))
    }

    private class MapEncoder(private val parent: (WampValue) -> Unit) : WampValueEncoder(parent) {
        private val map = LinkedHashMap<String, WampValue>()
        private var key: String? = null
        override fun put(value: WampValue) {
            val k = key
            if (k == null) {
                key = when (value) {
                    is WampString -> value.value
                    is WampInt -> value.value.toString()
                    is WampBool -> value.value.toString()
                    is WampDouble -> value.value.toString()
                    else -> throw SerializationException("WAMP dictionary keys must be strings, numbers or booleans")
                }
            } else {
                map[k] = value
                key = null
            }
        }
        override fun endStructure(descriptor: SerialDescriptor) = parent(WampDict(map))
    }
}
