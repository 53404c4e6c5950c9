package io.wampkit.router

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.DecodeResult
import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.jsonSerializer
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.channels.ClosedReceiveChannelException
import kotlinx.coroutines.channels.ClosedSendChannelException

/**
 * The router side of a byte-level connection whose frames the test writes: every frame goes through
 * [serializer] (JSON by default) exactly as a WebSocket frame would. What the router sends is counted, not kept.
 */
class FrameTransport(capacity: Int = 64, private val serializer: WampSerializer = jsonSerializer()) : WampTransport {
    private val frames = Channel<ByteArray>(capacity)

    @Volatile
    var closed = false
        private set

    @Volatile
    var sent = 0
        private set

    override val description: String get() = "fuzz frames (${serializer.name})"

    /** Queues a frame for the router, suspending while it is busy; false once it has closed this connection. */
    suspend fun offer(frame: ByteArray): Boolean = try {
        frames.send(frame)
        true
    } catch (_: ClosedSendChannelException) {
        false
    } catch (e: CancellationException) {
        currentCoroutineContext().ensureActive() // the test itself was cancelled
        false // the router closed the connection while the test waited for room
    }

    override suspend fun send(message: WampMessage) {
        if (closed) throw WampConnectionClosedException("fuzz connection closed")
        serializer.encode(message) // what a real transport would do, so that encoding is exercised too
        sent++
    }

    override fun trySend(message: OutboundMessage): SendResult {
        if (closed) return SendResult.CLOSED
        message.encodedWith(serializer)
        sent++
        return SendResult.QUEUED
    }

    override suspend fun receive(): WampMessage {
        val frame = try {
            frames.receive()
        } catch (e: ClosedReceiveChannelException) {
            throw WampConnectionClosedException("fuzz connection closed", cause = e)
        } catch (e: CancellationException) {
            currentCoroutineContext().ensureActive()
            throw WampConnectionClosedException("fuzz connection closed", cause = e)
        }
        return when (val decoded = serializer.decode(frame)) {
            is DecodeResult.Success -> decoded.message
            is DecodeResult.Failure -> throw WampProtocolViolationException(decoded.reason)
        }
    }

    override suspend fun close() {
        closed = true
        frames.cancel() // drops what is queued and releases a test waiting in offer()
    }
}
