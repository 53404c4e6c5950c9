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
import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.encoding.AbstractDecoder
import kotlinx.serialization.encoding.CompositeDecoder
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.modules.EmptySerializersModule
import kotlinx.serialization.modules.SerializersModule

/**
 * Decodes a [WampValue] tree straight into a `@Serializable` value, the inverse of [WampValueEncoder].
 * Integers must fit the target type; numbers decode into Double/Float from integers too; unknown dictionary
 * keys are ignored (a tolerant reader); a missing property without a default is kotlinx's MissingFieldException.
 * Mismatches throw [SerializationException] `at PATH: expected T, got V`.
 */
@OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
internal open class WampValueDecoder(private val root: WampValue, protected val path: String = "$") : AbstractDecoder() {
    override val serializersModule: SerializersModule get() = EmptySerializersModule()

    protected open fun current(): WampValue = root
    protected open fun currentPath(): String = path
    protected open val isMapKey: Boolean get() = false

    private fun fail(expected: String): Nothing =
        throw SerializationException("at ${currentPath()}: expected $expected, got ${TypeCheck.describe(current())}")

    private fun long(type: String, range: LongRange): Long {
        val v = when (val c = current()) {
            is WampInt -> c.value
            is WampString -> if (isMapKey) c.value.toLongOrNull() ?: fail(type) else fail(type)
            else -> fail(type)
        }
        if (v !in range) throw SerializationException("at ${currentPath()}: $v does not fit $type")
        return v
    }

    private fun double(type: String): Double = when (val c = current()) {
        is WampInt -> c.value.toDouble()
        is WampDouble -> c.value
        is WampString -> if (isMapKey) c.value.toDoubleOrNull() ?: fail(type) else fail(type)
        else -> fail(type)
    }

    override fun decodeNotNullMark(): Boolean = current() != WampNull
    override fun decodeNull(): Nothing? = null
    override fun decodeBoolean(): Boolean = when (val c = current()) {
        is WampBool -> c.value
        is WampString -> if (isMapKey) c.value.toBooleanStrictOrNull() ?: fail("Boolean") else fail("Boolean")
        else -> fail("Boolean")
    }
    override fun decodeByte(): Byte = long("Byte", Byte.MIN_VALUE.toLong()..Byte.MAX_VALUE.toLong()).toByte()
    override fun decodeShort(): Short = long("Short", Short.MIN_VALUE.toLong()..Short.MAX_VALUE.toLong()).toShort()
    override fun decodeInt(): Int = long("Int", Int.MIN_VALUE.toLong()..Int.MAX_VALUE.toLong()).toInt()
    override fun decodeLong(): Long = long("Long", Long.MIN_VALUE..Long.MAX_VALUE)
    override fun decodeFloat(): Float = double("Float").toFloat()
    override fun decodeDouble(): Double = double("Double")
    override fun decodeString(): String = (current() as? WampString)?.value ?: fail("String")
    override fun decodeChar(): Char = decodeString().singleOrNull() ?: fail("Char")
    override fun decodeEnum(enumDescriptor: SerialDescriptor): Int {
        val name = decodeString()
        val index = enumDescriptor.getElementIndex(name)
        if (index == CompositeDecoder.UNKNOWN_NAME) {
            throw SerializationException("at ${currentPath()}: '$name' is not one of ${(0 until enumDescriptor.elementsCount).joinToString { enumDescriptor.getElementName(it) }}")
        }
        return index
    }
    override fun decodeInline(descriptor: SerialDescriptor): Decoder = this

    @Suppress("UNCHECKED_CAST")
    override fun <T> decodeSerializableValue(deserializer: DeserializationStrategy<T>): T {
        val c = current()
        if (c is WampBytes && deserializer.descriptor.serialName.removeSuffix("?") == "kotlin.ByteArray") return c.toByteArray() as T
        return deserializer.deserialize(this)
    }

    override fun decodeElementIndex(descriptor: SerialDescriptor): Int = CompositeDecoder.DECODE_DONE

    override fun beginStructure(descriptor: SerialDescriptor): CompositeDecoder {
        val c = current()
        return when (descriptor.kind) {
            StructureKind.LIST -> ListDecoder(c as? WampList ?: fail("a list"), currentPath())
            StructureKind.MAP -> MapDecoder(c as? WampDict ?: fail("a dictionary"), currentPath())
            else -> ClassDecoder(c as? WampDict ?: fail(descriptor.serialName.substringAfterLast('.')), currentPath(), descriptor)
        }
    }

    private class ListDecoder(private val list: WampList, path: String) : WampValueDecoder(list, path) {
        private var index = -1
        override fun current(): WampValue = list[index]
        override fun currentPath(): String = "$path[$index]"
        override fun decodeCollectionSize(descriptor: SerialDescriptor): Int = list.size
        override fun decodeElementIndex(descriptor: SerialDescriptor): Int =
            if (++index < list.size) index else CompositeDecoder.DECODE_DONE
    }

    private class MapDecoder(dict: WampDict, path: String) : WampValueDecoder(dict, path) {
        private val entries = dict.entries.toList()
        private var position = -1
        override val isMapKey: Boolean get() = position % 2 == 0
        override fun current(): WampValue = entries[position / 2].let { if (isMapKey) WampString(it.key) else it.value }
        override fun currentPath(): String = "$path.${entries[position / 2].key}"
        override fun decodeCollectionSize(descriptor: SerialDescriptor): Int = entries.size
        override fun decodeElementIndex(descriptor: SerialDescriptor): Int =
            if (++position < entries.size * 2) position else CompositeDecoder.DECODE_DONE
    }

    private class ClassDecoder(private val dict: WampDict, path: String, private val descriptor: SerialDescriptor) :
        WampValueDecoder(dict, path) {
        private var index = -1
        private var value: WampValue = WampNull
        override fun current(): WampValue = value
        override fun currentPath(): String = "$path.${descriptor.getElementName(index)}"
        override fun decodeElementIndex(descriptor: SerialDescriptor): Int {
            while (++index < descriptor.elementsCount) {
                val v = dict[descriptor.getElementName(index)]
                if (v != null) {
                    value = v
                    return index
                }
            }
            return CompositeDecoder.DECODE_DONE
        }
    }
}
