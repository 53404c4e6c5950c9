package io.wampkit.transport.rawsocket.internal

import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.readFully
import io.ktor.utils.io.writeFully
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.rawsocket.RawSocketError
import io.wampkit.transport.rawsocket.RawSocketHandshakeException
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withTimeout

/** What a successful handshake agreed on. */
internal class RawSocketAgreement(val serializer: WampSerializer, val maxReceive: Int, announcedByPeer: Int) {
    /** What the peer accepts, within what a 24-bit length can say. */
    val maxSend: Int = announcedByPeer.coerceAtMost(RawSocketFraming.MAX_FRAME_PAYLOAD)
}

/** The client's side of the handshake; throws [RawSocketHandshakeException] on an error reply or a bad one. */
internal suspend fun clientHandshake(
    input: ByteReadChannel,
    output: ByteWriteChannel,
    serializer: WampSerializer,
    maxReceive: Int,
    timeoutMillis: Long,
): RawSocketAgreement {
    val id = serializer.rawSocketId()
    val exponent = RawSocketFraming.exponentFor(maxReceive)
    val reply = ByteArray(4)
    try {
        withTimeout(timeoutMillis) {
            output.writeFully(RawSocketFraming.handshake(exponent, id))
            output.flush()
            input.readFully(reply)
        }
    } catch (e: TimeoutCancellationException) {
        throw RawSocketHandshakeException(null, "no RawSocket handshake reply within $timeoutMillis ms", cause = e)
    }
    if (reply[0].toInt() and 0xFF != RawSocketFraming.MAGIC) {
        throw RawSocketHandshakeException(null, "not a RawSocket router: reply starts with 0x%02x, not 0x7f".format(reply[0]))
    }
    val second = reply[1].toInt() and 0xFF
    val replyId = second and 0x0F
    if (replyId == 0) {
        val code = second ushr 4
        val error = RawSocketError.ofCode(code)
        throw RawSocketHandshakeException(
            error,
            "RawSocket handshake refused by the router: ${error?.description ?: "error code $code"}",
            rawCode = code,
        )
    }
    if (replyId != id) {
        throw RawSocketHandshakeException(null, "the router answered serializer id $replyId, we asked for $id (${serializer.name})")
    }
    if (reply[2].toInt() != 0 || reply[3].toInt() != 0) {
        throw RawSocketHandshakeException(null, "the router's handshake reply uses reserved bits")
    }
    return RawSocketAgreement(serializer, RawSocketFraming.lengthOf(exponent), RawSocketFraming.lengthOf(second ushr 4))
}

/**
 * The router's side: reads the 4-byte request within [timeoutMillis], answers it. Returns null after
 * answering with an error (or failing the connection without an answer, for a bad magic octet or an
 * illegal serializer 0); the caller then closes the connection. [refuse] answers every request with that error.
 */
internal suspend fun routerHandshake(
    input: ByteReadChannel,
    output: ByteWriteChannel,
    serializers: List<WampSerializer>,
    maxReceive: Int,
    timeoutMillis: Long,
    refuse: RawSocketError?,
): HandshakeOutcome {
    val request = ByteArray(4)
    try {
        withTimeout(timeoutMillis) { input.readFully(request) }
    } catch (e: TimeoutCancellationException) {
        return HandshakeOutcome.Failed("no RawSocket handshake within $timeoutMillis ms")
    }
    if (request[0].toInt() and 0xFF != RawSocketFraming.MAGIC) {
        return HandshakeOutcome.Failed("not a RawSocket client: first octet 0x%02x".format(request[0]))
    }
    val second = request[1].toInt() and 0xFF
    val id = second and 0x0F
    if (id == 0) return HandshakeOutcome.Failed("illegal serializer id 0")
    val error = when {
        refuse != null -> refuse
        request[2].toInt() != 0 || request[3].toInt() != 0 -> RawSocketError.RESERVED_BITS_USED
        else -> null
    }
    val serializer = serializers.firstOrNull { RawSocketFraming.serializerId(it.name) == id }
    val answer = error ?: if (serializer == null) RawSocketError.SERIALIZER_UNSUPPORTED else null
    if (answer != null || serializer == null) {
        val code = (answer ?: RawSocketError.SERIALIZER_UNSUPPORTED).code
        output.writeFully(RawSocketFraming.errorReply(code))
        output.flush()
        return HandshakeOutcome.Failed("refused: ${RawSocketError.ofCode(code)?.description} (serializer id $id)")
    }
    val exponent = RawSocketFraming.exponentFor(maxReceive)
    output.writeFully(RawSocketFraming.handshake(exponent, id))
    output.flush()
    return HandshakeOutcome.Agreed(RawSocketAgreement(serializer, RawSocketFraming.lengthOf(exponent), RawSocketFraming.lengthOf(second ushr 4)))
}

internal sealed interface HandshakeOutcome {
    class Agreed(val agreement: RawSocketAgreement) : HandshakeOutcome
    class Failed(val reason: String) : HandshakeOutcome
}
