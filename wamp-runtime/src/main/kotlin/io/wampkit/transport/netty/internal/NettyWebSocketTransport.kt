package io.wampkit.transport.netty.internal

import io.netty.buffer.Unpooled
import io.netty.channel.Channel
import io.netty.channel.ChannelFutureListener
import io.netty.channel.ChannelHandlerContext
import io.netty.channel.ChannelOption
import io.netty.channel.SimpleChannelInboundHandler
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame
import io.netty.handler.timeout.IdleState
import io.netty.handler.timeout.IdleStateEvent
import kotlinx.coroutines.CoroutineDispatcher
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
import io.wampkit.transport.internal.webSocketFrameProblem
import io.wampkit.transport.netty.awaitCompletion
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * WAMP over one Netty WebSocket channel, client or router side; the last handler of its pipeline. Reading:
 * each frame is decoded on the event loop and handed to [receive]; when [capacity] messages wait unread, the
 * channel stops reading the socket (TCP then slows the peer). Writing: at most [capacity] frames are in
 * flight; [trySend] writes without flushing, and one flush per burst follows on the event loop.
 */
internal class NettyWebSocketTransport(
    private val channel: Channel,
    private val serializer: WampSerializer,
    override val description: String,
    private val maxMessageSize: Int,
    private val capacity: Int,
) : SimpleChannelInboundHandler<WebSocketFrame>(), WampTransport {
    private val incoming = CoroutineChannel<Any>(CoroutineChannel.UNLIMITED)
    private val unread = AtomicInteger()
    private val inFlight = AtomicInteger()
    private val loop = channel.eventLoop()

    /** The loop that reads this channel: a reader coroutine on it handles each frame inline. */
    val readerDispatcher: CoroutineDispatcher = EventLoopDispatcher(loop)

    /** Event loop only: a flush is queued behind the writes of this burst. */
    private var flushScheduled = false
    private val closed = AtomicBoolean(false)
    private val written = ChannelFutureListener { inFlight.decrementAndGet() }
    private val flushTask = Runnable {
        flushScheduled = false
        channel.flush()
    }

    override fun channelRead0(ctx: ChannelHandlerContext, frame: WebSocketFrame) {
        if (frame is TextWebSocketFrame || frame is BinaryWebSocketFrame) frameReceived(frame)
    }

    override fun channelInactive(ctx: ChannelHandlerContext) {
        connectionLost("closed by peer")
        ctx.fireChannelInactive()
    }

    override fun userEventTriggered(ctx: ChannelHandlerContext, evt: Any) {
        if (evt is IdleStateEvent && evt.state() == IdleState.READER_IDLE) {
            connectionLost("no frame, not even a pong, within the keepalive timeout")
            ctx.close()
        } else if (evt is IdleStateEvent && evt.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(PingWebSocketFrame())
        } else {
            ctx.fireUserEventTriggered(evt)
        }
    }

    @Suppress("OVERRIDE_DEPRECATION")
    override fun exceptionCaught(ctx: ChannelHandlerContext, cause: Throwable) {
        connectionLost(cause.message ?: cause::class.java.simpleName)
        ctx.close()
    }

    /** On the event loop: one WAMP frame from the peer. */
    private fun frameReceived(frame: WebSocketFrame) {
        val content = frame.content()
        val problem = serializer.webSocketFrameProblem(frame is TextWebSocketFrame, content.readableBytes(), maxMessageSize)
        val item: Any = if (problem != null) {
            ProtocolFailure(problem)
        } else {
            val bytes = ByteArray(content.readableBytes())
            content.readBytes(bytes)
            when (val decoded = serializer.decode(bytes)) {
                is DecodeResult.Success -> decoded.message
                is DecodeResult.Failure -> ProtocolFailure(decoded.reason)
            }
        }
        if (unread.incrementAndGet() >= capacity) channel.config().isAutoRead = false
        incoming.trySend(item)
    }

    /** On the event loop: the connection is gone. */
    private fun connectionLost(reason: String) {
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
        if (inFlight.get() > capacity) future.awaitCompletion() // a full buffer: wait for this frame to leave
        if (future.isDone && !future.isSuccess) {
            throw WampConnectionClosedException("$description connection closed", cause = future.cause())
        }
    }

    override suspend fun close() {
        if (!closed.compareAndSet(false, true)) return
        if (!channel.isActive) return
        // a peer that stopped reading never takes the Close frame: after a grace period the connection is reset
        // (SO_LINGER 0: what its kernel buffers still hold is discarded, and the peer learns at once)
        val cut = channel.eventLoop().schedule({
            channel.config().setOption(ChannelOption.SO_LINGER, 0)
            channel.close()
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)
        channel.writeAndFlush(CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "WAMP session closed"))
            .addListener(ChannelFutureListener.CLOSE)
        channel.closeFuture().addListener { cut.cancel(false) }
        try {
            channel.closeFuture().awaitCompletion()
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
