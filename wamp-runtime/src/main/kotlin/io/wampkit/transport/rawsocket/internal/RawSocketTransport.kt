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
import io.wampkit.transport.DEFAULT_TRANSPORT_QUEUE_CAPACITY
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ClosedSendChannelException
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
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
    queueCapacity: Int = DEFAULT_TRANSPORT_QUEUE_CAPACITY,
    private val onClose: suspend () -> Unit,
) : WampTransport {
    private val closed = AtomicBoolean(false)
    private val writeLock = Mutex()
    private val writeHeader = ByteArray(4)
    private val readHeader = ByteArray(4) // receive() has a single caller

    /** Encoded messages waiting for the writer, which flushes once per burst; bounded. */
    private val queue = Channel<ByteArray>(queueCapacity)
    private val writerJob = SupervisorJob()
    private val writerStarted = AtomicBoolean(false)

    override suspend fun send(message: WampMessage) {
        val bytes = try {
            sendable(message, serializer.encode(message)) ?: return
        } catch (e: WampConnectionClosedException) {
            close()
            throw e
        }
        startWriter()
        try {
            queue.send(bytes)
        } catch (e: ClosedSendChannelException) {
            throw WampConnectionClosedException("$description is closed", cause = e)
        }
    }

    override fun trySend(message: OutboundMessage): SendResult {
        if (closed.get()) return SendResult.CLOSED
        val bytes = try {
            sendable(message.message, message.encodedWith(serializer)) ?: return SendResult.QUEUED
        } catch (e: WampConnectionClosedException) {
            return SendResult.CLOSED
        }
        startWriter()
        val result = queue.trySend(bytes)
        return when {
            result.isSuccess -> SendResult.QUEUED
            result.isClosed -> SendResult.CLOSED
            else -> SendResult.FULL
        }
    }

    /** [bytes], or null for an EVENT the router drops because the peer cannot take it. */
    private fun sendable(message: WampMessage, bytes: ByteArray): ByteArray? {
        if (bytes.size <= maxSend) return bytes
        val problem = "${MessageCode.name(message.code)} of ${bytes.size} bytes exceeds the peer's RawSocket maximum of $maxSend bytes"
        // a client learns it from the exception; a router drops an EVENT (as the spec suggests) and
        // fails the connection for anything else, whose loss the client could not notice
        if (!routerSide) throw IllegalArgumentException("$problem ($description)")
        if (message is Event) {
            log.warn("{}: dropped {}", description, problem)
            return null
        }
        log.warn("{}: closing the connection: {}", description, problem)
        closeNow()
        throw WampConnectionClosedException("$description: $problem")
    }

    private fun startWriter() {
        if (!writerStarted.compareAndSet(false, true)) return
        CoroutineScope(writerJob + Dispatchers.IO + CoroutineName("wamp-rawsocket-writer")).launch { drain() }
    }

    /** Writes what is queued; flushes when the queue is empty (once per burst, not once per message). */
    private suspend fun drain() {
        try {
            for (first in queue) {
                writeLock.withLock {
                    writeFrameUnflushed(TYPE_MESSAGE, first)
                    while (true) writeFrameUnflushed(TYPE_MESSAGE, queue.tryReceive().getOrNull() ?: break)
                    output.flush()
                }
            }
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            log.debug("{}: write failed: {}", description, e.toString())
            closeNow()
        }
    }

    /** Ends the writer and the connection at once, for [sendable]'s failures and a failed write; [close] follows. */
    private fun closeNow() {
        queue.close()
        writerJob.cancel()
        output.cancel(null)
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
                queue.close() // what is queued is still written, unless the peer stopped reading
                if (writerStarted.get()) withTimeoutOrNull(CLOSE_FLUSH_WAIT_MS) { writerJob.children.forEach { it.join() } }
                writerJob.cancel()
                withTimeoutOrNull(CLOSE_FLUSH_WAIT_MS) { writeLock.withLock { output.flushAndClose() } } ?: output.cancel(null)
            } catch (_: Exception) {
                // the connection is already gone
            } finally {
                onClose()
            }
        }
    }

    private suspend fun writeFrameUnflushed(type: Int, payload: ByteArray) {
        RawSocketFraming.header(type, payload.size, writeHeader)
        output.writeFully(writeHeader)
        output.writeFully(payload)
    }

    private suspend fun writeFrame(type: Int, payload: ByteArray) {
        if (closed.get()) throw WampConnectionClosedException("$description is closed")
        try {
            writeLock.withLock {
                writeFrameUnflushed(type, payload)
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

private const val CLOSE_FLUSH_WAIT_MS = 1_000L
