package io.wampkit.transport.rawsocket.internal

import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.ByteWriteChannel
import io.ktor.utils.io.readFully
import io.ktor.utils.io.writeFully
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.DecodeResult
import io.wampkit.message.Event
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.WampTransport
import io.wampkit.transport.rawsocket.internal.RawSocketFraming.TYPE_MESSAGE
import io.wampkit.transport.rawsocket.internal.RawSocketFraming.TYPE_PING
import io.wampkit.transport.rawsocket.internal.RawSocketFraming.TYPE_PONG
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean

/**
 * WAMP over an established RawSocket connection (handshake done): 4-byte headers, PING answered with PONG,
 * frames above [maxReceive] or with reserved bits set are protocol violations. Messages above [maxSend]
 * (what the peer announced) cannot be sent: a client gets [IllegalArgumentException]; on the [routerSide] an
 * EVENT is dropped and anything else fails the connection. [onClose] closes the connection; it runs once.
 */
internal class RawSocketTransport(
    override val description: String,
    private val input: ByteReadChannel,
    private val output: ByteWriteChannel,
    private val serializer: WampSerializer,
    private val maxReceive: Int,
    private val maxSend: Int,
    private val routerSide: Boolean = false,
    private val onClose: suspend () -> Unit,
) : WampTransport {
    private val closed = AtomicBoolean(false)
    private val writeLock = Mutex()
    private val writeHeader = ByteArray(4)
    private val readHeader = ByteArray(4) // receive() has a single caller

    override suspend fun send(message: WampMessage) {
        val bytes = serializer.encode(message)
        if (bytes.size > maxSend) {
            val problem = "${MessageCode.name(message.code)} of ${bytes.size} bytes exceeds the peer's RawSocket maximum of $maxSend bytes"
            // a client learns it from the exception; a router drops an EVENT (as the spec suggests) and
            // fails the connection for anything else, whose loss the client could not notice
            if (!routerSide) throw IllegalArgumentException("$problem ($description)")
            if (message is Event) {
                log.warn("{}: dropped {}", description, problem)
                return
            }
            log.warn("{}: closing the connection: {}", description, problem)
            close()
            throw WampConnectionClosedException("$description: $problem")
        }
        writeFrame(TYPE_MESSAGE, bytes)
    }

    /** Sends a PING with [payload]; the peer answers with a PONG that [receive] consumes. */
    suspend fun ping(payload: ByteArray) {
        require(payload.size <= maxSend) { "PING payload exceeds the peer's maximum of $maxSend bytes" }
        writeFrame(TYPE_PING, payload)
    }

    override suspend fun receive(): WampMessage {
        while (true) {
            readOrClosed { input.readFully(readHeader) }
            val first = readHeader[0].toInt() and 0xFF
            if (first and 0xF8 != 0) throw WampProtocolViolationException("RawSocket frame header uses reserved bits (0x%02x)".format(first))
            val length = RawSocketFraming.lengthOf(readHeader)
            if (length > maxReceive) {
                throw WampProtocolViolationException("RawSocket frame of $length bytes exceeds the announced maximum of $maxReceive bytes")
            }
            val type = first and 0x07
            if (type > TYPE_PONG) throw WampProtocolViolationException("RawSocket frame of reserved type $type")
            val payload = ByteArray(length)
            readOrClosed { input.readFully(payload) }
            when (type) {
                TYPE_MESSAGE -> when (val decoded = serializer.decode(payload)) {
                    is DecodeResult.Success -> return decoded.message
                    is DecodeResult.Failure -> throw WampProtocolViolationException(decoded.reason)
                }
                TYPE_PING -> writeFrame(TYPE_PONG, payload)
                else -> Unit // an unsolicited or answering PONG needs nothing
            }
        }
    }

    override suspend fun close() {
        if (!closed.compareAndSet(false, true)) return
        withContext(NonCancellable) {
            try {
                writeLock.withLock { output.flushAndClose() }
            } catch (_: Exception) {
                // the connection is already gone
            } finally {
                onClose()
            }
        }
    }

    private suspend fun writeFrame(type: Int, payload: ByteArray) {
        if (closed.get()) throw WampConnectionClosedException("$description is closed")
        try {
            writeLock.withLock {
                RawSocketFraming.header(type, payload.size, writeHeader)
                output.writeFully(writeHeader)
                output.writeFully(payload)
                output.flush()
            }
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive() // our own coroutine was cancelled: propagate that
            throw WampConnectionClosedException("$description connection closed", cause = e)
        } catch (e: Exception) {
            throw WampConnectionClosedException("$description connection closed: ${e.message ?: e::class.simpleName}", cause = e)
        }
    }

    private suspend inline fun readOrClosed(read: () -> Unit) {
        try {
            read()
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive() // our own coroutine was cancelled: propagate that
            throw WampConnectionClosedException("$description connection closed", cause = e)
        } catch (e: Exception) {
            throw WampConnectionClosedException("$description connection closed: ${e.message ?: e::class.simpleName}", cause = e)
        }
    }
}

private val log = LoggerFactory.getLogger(RawSocketTransport::class.java)
