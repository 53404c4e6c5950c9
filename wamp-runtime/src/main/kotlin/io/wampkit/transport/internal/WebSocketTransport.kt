package io.wampkit.transport.internal

import io.ktor.websocket.CloseReason
import io.ktor.websocket.DefaultWebSocketSession
import io.ktor.websocket.Frame
import io.ktor.websocket.WebSocketSession
import io.ktor.websocket.close
import io.ktor.websocket.readReason
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.DecodeResult
import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.cancel
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.channels.ClosedReceiveChannelException
import kotlinx.coroutines.channels.ClosedSendChannelException
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.util.concurrent.atomic.AtomicBoolean

/**
 * WAMP over one Ktor WebSocket session, client or server side. Text frames for text serializers, binary
 * frames otherwise; a frame of the other kind is a protocol violation.
 */
internal class WebSocketTransport(
    override val description: String,
    private val session: WebSocketSession,
    private val serializer: WampSerializer,
    private val maxMessageSize: Int,
    private val onClose: suspend () -> Unit,
) : WampTransport {
    private val closed = AtomicBoolean(false)

    override suspend fun send(message: WampMessage) {
        try {
            session.outgoing.send(frameOf(serializer.encode(message)))
        } catch (e: ClosedSendChannelException) {
            throw closedException(e)
        }
    }

    override fun trySend(message: OutboundMessage): SendResult {
        if (closed.get()) return SendResult.CLOSED
        val result = session.outgoing.trySend(frameOf(message.encodedWith(serializer)))
        return when {
            result.isSuccess -> SendResult.QUEUED
            result.isClosed -> SendResult.CLOSED
            else -> SendResult.FULL
        }
    }

    private fun frameOf(bytes: ByteArray): Frame = if (serializer.isBinary) Frame.Binary(true, bytes) else Frame.Text(true, bytes)

    override suspend fun receive(): WampMessage {
        while (true) {
            val frame = try {
                session.incoming.receive()
            } catch (e: ClosedReceiveChannelException) {
                throw closedException(e)
            } catch (e: java.io.IOException) {
                throw closedException(e) // e.g. Ktor's keepalive "Ping timeout": the connection is dead
            }
            when (frame) {
                is Frame.Text, is Frame.Binary -> {
                    val bytes = frame.readBytesCompat()
                    serializer.webSocketFrameProblem(frame is Frame.Text, bytes.size, maxMessageSize)
                        ?.let { throw WampProtocolViolationException(it) }
                    when (val decoded = serializer.decode(bytes)) {
                        is DecodeResult.Success -> return decoded.message
                        is DecodeResult.Failure -> throw WampProtocolViolationException(decoded.reason)
                    }
                }
                is Frame.Close -> throw WampConnectionClosedException(
                    "$description closed by peer: ${frame.readReason() ?: "no reason"}",
                )
                else -> Unit // ping/pong are handled by Ktor
            }
        }
    }

    override suspend fun close() {
        if (!closed.compareAndSet(false, true)) return
        withContext(NonCancellable) {
            try {
                // a peer that stops reading keeps the Close frame queued forever: then the socket is cut
                withTimeoutOrNull(CLOSE_FRAME_WAIT_MS) { session.close(CloseReason(CloseReason.Codes.NORMAL, "WAMP session closed")) }
                    ?: session.cancel()
            } catch (_: Exception) {
                // the connection is already gone
            } finally {
                onClose()
            }
        }
    }

    private suspend fun closedException(cause: Throwable): WampConnectionClosedException {
        val reason = (session as? DefaultWebSocketSession)?.let { withTimeoutOrNull(CLOSE_REASON_WAIT_MS) { it.closeReason.await() } }
        val text = reason?.let { " (${it.code} ${it.message})" } ?: ""
        return WampConnectionClosedException("$description connection closed$text", cause = cause)
    }
}

private fun Frame.readBytesCompat(): ByteArray = data

private const val CLOSE_REASON_WAIT_MS = 1_000L
private const val CLOSE_FRAME_WAIT_MS = 1_000L
