package io.wampkit.router.internal.netty

import io.netty.buffer.Unpooled
import io.netty.channel.Channel
import io.netty.channel.ChannelFutureListener
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus
import io.netty.handler.codec.http.websocketx.WebSocketFrame
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.DecodeResult
import io.wampkit.message.WampMessage
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.channels.Channel as CoroutineChannel
import kotlinx.coroutines.channels.ClosedReceiveChannelException
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * WAMP over one Netty WebSocket channel, router side. Reading: [WampFrameHandler] decodes each frame on the
 * event loop and hands the message to [receive]; when [capacity] messages wait unread, the channel stops
 * reading the socket (TCP then slows the client). Writing: at most [capacity] frames are in flight; [trySend]
 * writes without flushing and one flush per burst follows on the event loop.
 */
internal class NettyWampTransport(
    private val channel: Channel,
    private val serializer: WampSerializer,
    private val maxMessageSize: Int,
    private val capacity: Int,
) : WampTransport {
    override val description: String = "ws://${channel.remoteAddress()} (${serializer.name})"

    private val incoming = CoroutineChannel<Any>(CoroutineChannel.UNLIMITED)
    private val unread = AtomicInteger()
    private val inFlight = AtomicInteger()
    private val loop = channel.eventLoop()

    /** Event loop only: a flush is queued behind the writes of this burst. */
    private var flushScheduled = false
    private val closed = AtomicBoolean(false)
    private val written = ChannelFutureListener { inFlight.decrementAndGet() }
    private val flushTask = Runnable {
        flushScheduled = false
        channel.flush()
    }

    /** On the event loop: one WAMP frame from the client. */
    fun frameReceived(frame: WebSocketFrame) {
        val item: Any = when {
            (frame is TextWebSocketFrame) == serializer.isBinary -> ProtocolFailure(
                "received a ${if (frame is TextWebSocketFrame) "text" else "binary"} frame, but ${serializer.subprotocol} uses " +
                    if (serializer.isBinary) "binary frames" else "text frames",
            )
            frame.content().readableBytes() > maxMessageSize -> ProtocolFailure(
                "message of ${frame.content().readableBytes()} bytes exceeds the limit of $maxMessageSize bytes",
            )
            else -> {
                val content = frame.content()
                val bytes = ByteArray(content.readableBytes())
                content.readBytes(bytes)
                when (val decoded = serializer.decode(bytes)) {
                    is DecodeResult.Success -> decoded.message
                    is DecodeResult.Failure -> ProtocolFailure(decoded.reason)
                }
            }
        }
        if (unread.incrementAndGet() >= capacity) channel.config().isAutoRead = false
        incoming.trySend(item)
    }

    /** On the event loop: the connection is gone. */
    fun connectionLost(reason: String) {
        closed.set(true)
        incoming.close(WampConnectionClosedException("$description connection closed: $reason"))
    }

    override suspend fun receive(): WampMessage {
        val item = try {
            incoming.receive()
        } catch (e: ClosedReceiveChannelException) {
            throw WampConnectionClosedException("$description connection closed", cause = e)
        }
        if (unread.decrementAndGet() == capacity / 2 && !channel.config().isAutoRead) {
            channel.config().isAutoRead = true
        }
        if (item is ProtocolFailure) throw WampProtocolViolationException(item.reason)
        return item as WampMessage
    }

    override fun trySend(message: OutboundMessage): SendResult {
        if (closed.get() || !channel.isActive) return SendResult.CLOSED
        if (inFlight.get() >= capacity) return SendResult.FULL
        val frame = frameOf(message.encodedWith(serializer))
        inFlight.incrementAndGet()
        if (loop.inEventLoop()) writeInLoop(frame) else loop.execute { writeInLoop(frame) }
        return SendResult.QUEUED
    }

    /** Writes without flushing; the flush queued behind the first write of a burst sends them all. */
    private fun writeInLoop(frame: WebSocketFrame) {
        channel.write(frame).addListener(written)
        if (!flushScheduled) {
            flushScheduled = true
            loop.execute(flushTask)
        }
    }

    override suspend fun send(message: WampMessage) {
        if (closed.get() || !channel.isActive) throw WampConnectionClosedException("$description is closed")
        val frame = frameOf(serializer.encode(message))
        inFlight.incrementAndGet()
        val future = channel.writeAndFlush(frame).addListener(written)
        if (inFlight.get() > capacity) future.awaitDone() // a full buffer: wait for this frame to leave
        if (future.isDone && !future.isSuccess) {
            throw WampConnectionClosedException("$description connection closed", cause = future.cause())
        }
    }

    override suspend fun close() {
        if (!closed.compareAndSet(false, true)) return
        if (!channel.isActive) return
        // a client that stopped reading never takes the Close frame: the socket is cut after a grace period
        val cut = channel.eventLoop().schedule({ channel.close() }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)
        channel.writeAndFlush(CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "WAMP session closed"))
            .addListener(ChannelFutureListener.CLOSE)
        channel.closeFuture().addListener { cut.cancel(false) }
        try {
            channel.closeFuture().awaitDone()
        } catch (e: CancellationException) {
            channel.close()
            throw e
        }
    }

    private fun frameOf(bytes: ByteArray): WebSocketFrame {
        val buffer = Unpooled.wrappedBuffer(bytes)
        return if (serializer.isBinary) BinaryWebSocketFrame(buffer) else TextWebSocketFrame(buffer)
    }

    private class ProtocolFailure(val reason: String)

    private companion object {
        const val CLOSE_GRACE_MILLIS = 1_000L
    }
}

/** Suspends until this future completes (successfully or not). */
internal suspend fun io.netty.util.concurrent.Future<*>.awaitDone() {
    if (isDone) return
    suspendCancellableCoroutine { cont ->
        addListener { cont.resumeWith(Result.success(Unit)) }
    }
}
