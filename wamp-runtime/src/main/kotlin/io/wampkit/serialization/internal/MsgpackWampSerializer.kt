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
import org.msgpack.core.MessageIntegerOverflowException
import org.msgpack.core.MessagePack
import org.msgpack.core.MessagePackException
import org.msgpack.core.MessagePacker
import org.msgpack.core.MessageSizeException
import org.msgpack.core.MessageStringCodingException
import org.msgpack.core.MessageUnpacker
import org.msgpack.value.ValueType
import java.io.IOException
import java.nio.charset.CodingErrorAction

/**
 * `wamp.2.msgpack` on msgpack-core's streaming packer and unpacker: the [WampValue] tree is written and read
 * directly. Binary values use the MessagePack bin family; strings must be valid UTF-8; integers must fit a
 * signed 64-bit Long; map keys must be strings; extension types are refused.
 */
internal object MsgpackWampSerializer : WampSerializer {
    override val name: String get() = "msgpack"
    override val subprotocol: String get() = "wamp.2.msgpack"
    override val isBinary: Boolean get() = true

    /** Small chunks: most messages are far below the library's 8 KiB default, and large payloads are not copied into chunks. */
    private val packerConfig: MessagePack.PackerConfig = MessagePack.PackerConfig().withBufferSize(512)

    private val unpackerConfig: MessagePack.UnpackerConfig = MessagePack.UnpackerConfig()
        .withActionOnMalformedString(CodingErrorAction.REPORT)
        .withActionOnUnmappableString(CodingErrorAction.REPORT)

    override fun encode(message: WampMessage): ByteArray {
        val packer = packerConfig.newBufferPacker()
        try {
            write(packer, WampCodec.encode(message))
            return packer.toByteArray()
        } finally {
            packer.close()
        }
    }

    private fun write(packer: MessagePacker, value: WampValue) {
        when (value) {
            WampNull -> packer.packNil()
            is WampBool -> packer.packBoolean(value.value)
            is WampInt -> packer.packLong(value.value)
            is WampDouble -> packer.packDouble(value.value)
            is WampString -> packer.packString(value.value)
            is WampBytes -> {
                val bytes = value.toByteArray()
                packer.packBinaryHeader(bytes.size)
                packer.writePayload(bytes)
            }
            is WampList -> {
                packer.packArrayHeader(value.size)
                for (item in value.items) write(packer, item)
            }
            is WampDict -> {
                packer.packMapHeader(value.size)
                for ((k, v) in value.map) {
                    packer.packString(k)
                    write(packer, v)
                }
            }
        }
    }

    override fun decode(frame: ByteArray): DecodeResult {
        val value = try {
            unpackerConfig.newUnpacker(frame).use { unpacker ->
                if (!unpacker.hasNext()) malformed("empty frame")
                val root = Reader(unpacker, frame.size.toLong()).read(0)
                if (unpacker.hasNext()) malformed("${frame.size - unpacker.totalReadBytes} trailing bytes after the message")
                root
            }
        } catch (e: MalformedFrame) {
            return failure(e.message)
        } catch (_: MessageIntegerOverflowException) {
            return failure("integer outside the signed 64-bit range")
        } catch (_: MessageSizeException) {
            return failure("a length header beyond 2^31-1")
        } catch (_: MessageStringCodingException) {
            return failure("string is not valid UTF-8")
        } catch (e: MessagePackException) {
            return failure(e.message ?: e::class.simpleName.orEmpty())
        } catch (e: IOException) {
            return failure(e.message ?: "truncated frame")
        } catch (e: RuntimeException) {
            // hostile input must never escape decode, whatever the library does with it
            return failure("${e::class.simpleName}: ${e.message}")
        }
        return WampCodec.decode(value)
    }

    private fun failure(reason: String) = DecodeResult.Failure("malformed MessagePack: $reason")

    private class Reader(private val unpacker: MessageUnpacker, private val size: Long) {
        private fun remaining(): Long = size - unpacker.totalReadBytes

        fun read(depth: Int): WampValue {
            checkDepth(depth)
            return when (val type = unpacker.nextFormat.valueType) {
                ValueType.NIL -> WampNull.also { unpacker.unpackNil() }
                ValueType.BOOLEAN -> WampBool(unpacker.unpackBoolean())
                ValueType.INTEGER -> WampInt(unpacker.unpackLong())
                ValueType.FLOAT -> WampDouble(finite(unpacker.unpackDouble()))
                ValueType.STRING -> WampString(unpacker.unpackString())
                ValueType.BINARY -> {
                    val length = unpacker.unpackBinaryHeader()
                    checkRemaining(length.toLong(), remaining(), "a bin header")
                    WampBytes(unpacker.readPayload(length))
                }
                ValueType.ARRAY -> {
                    val count = unpacker.unpackArrayHeader()
                    checkRemaining(count.toLong(), remaining(), "an array header")
                    val items = ArrayList<WampValue>(count)
                    repeat(count) { items.add(read(depth + 1)) }
                    WampList(items)
                }
                ValueType.MAP -> {
                    val count = unpacker.unpackMapHeader()
                    checkRemaining(2L * count, remaining(), "a map header (keys and values)")
                    val entries = LinkedHashMap<String, WampValue>(mapCapacity(count))
                    repeat(count) {
                        val keyType = unpacker.nextFormat.valueType
                        if (keyType != ValueType.STRING) malformed("map key is ${keyType.name.lowercase()}, not a string")
                        val key = unpacker.unpackString()
                        entries[key] = read(depth + 1)
                    }
                    WampDict(entries)
                }
                else -> malformed("${type.name.lowercase()} values are not supported")
            }
        }
    }
}

internal fun mapCapacity(count: Int): Int = if (count < 3) count + 1 else (count / 0.75f + 1).toInt()
