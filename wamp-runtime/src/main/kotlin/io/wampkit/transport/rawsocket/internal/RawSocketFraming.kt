package io.wampkit.transport.rawsocket.internal

import io.wampkit.serialization.WampSerializer

/** Constants and bit twiddling of the RawSocket handshake and frame headers (WAMP spec, RawSocket transport). */
internal object RawSocketFraming {
    const val MAGIC: Int = 0x7F
    const val TYPE_MESSAGE: Int = 0
    const val TYPE_PING: Int = 1
    const val TYPE_PONG: Int = 2

    /** 2^9 = 512 octets: what length exponent 0 means. */
    const val MIN_LENGTH: Int = 1 shl 9

    /** 2^24 octets: what length exponent 15 means. */
    const val MAX_LENGTH: Int = 1 shl 24

    /** The largest payload a 24-bit length field can carry. */
    const val MAX_FRAME_PAYLOAD: Int = (1 shl 24) - 1

    /** Serializer id on the wire for [WampSerializer.name]: 1 JSON, 2 MessagePack, 3 CBOR; null for others. */
    fun serializerId(name: String): Int? = when (name) {
        "json" -> 1
        "msgpack" -> 2
        "cbor" -> 3
        else -> null
    }

    /** Maximum length in octets that [exponent] (0..15) announces. */
    fun lengthOf(exponent: Int): Int = 1 shl (exponent + 9)

    /**
     * The largest exponent whose length does not exceed [maxLength] (so the peer never sends more than we
     * accept); 0 when [maxLength] is below 512, 15 when it is 2^24 or more.
     */
    fun exponentFor(maxLength: Int): Int {
        var exponent = 0
        while (exponent < 15 && lengthOf(exponent + 1) <= maxLength) exponent++
        return exponent
    }

    fun handshake(exponent: Int, serializerId: Int): ByteArray =
        byteArrayOf(MAGIC.toByte(), ((exponent shl 4) or serializerId).toByte(), 0, 0)

    fun errorReply(code: Int): ByteArray = byteArrayOf(MAGIC.toByte(), (code shl 4).toByte(), 0, 0)

    /** Writes the 4-byte frame header into [into] at [offset]. */
    fun header(type: Int, length: Int, into: ByteArray, offset: Int = 0) {
        into[offset] = type.toByte()
        into[offset + 1] = (length ushr 16).toByte()
        into[offset + 2] = (length ushr 8).toByte()
        into[offset + 3] = length.toByte()
    }

    /** The 24-bit big-endian length of a header read into [header]. */
    fun lengthOf(header: ByteArray): Int =
        ((header[1].toInt() and 0xFF) shl 16) or ((header[2].toInt() and 0xFF) shl 8) or (header[3].toInt() and 0xFF)
}

internal fun WampSerializer.rawSocketId(): Int =
    RawSocketFraming.serializerId(name) ?: throw IllegalArgumentException("serializer '$name' has no RawSocket serializer id")
