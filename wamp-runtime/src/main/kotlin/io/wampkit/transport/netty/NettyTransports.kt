package io.wampkit.transport.netty

import io.netty.channel.Channel
import io.netty.channel.EventLoop
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.DEFAULT_TRANSPORT_QUEUE_CAPACITY
import io.wampkit.transport.WampTransport
import io.wampkit.transport.netty.internal.EventLoopDispatcher
import io.wampkit.transport.netty.internal.NettyWebSocketTransport
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * Wraps an open Netty WebSocket channel (upgrade done, with a `WebSocketFrameAggregator` so that every frame
 * is whole) whose subprotocol has been agreed as [serializer]'s, and appends the transport's handler to the
 * channel's pipeline. Frames are decoded on the channel's event loop; when [queueCapacity] messages wait
 * unread the channel stops reading the socket, and at most [queueCapacity] frames are in flight to the peer
 * ([WampTransport.trySend] reports FULL beyond). A frame larger than [maxMessageSize] bytes is a protocol
 * violation. Used by the router's `ws://` listener and the default client connector.
 */
public fun Channel.asWampTransport(
    serializer: WampSerializer,
    description: String,
    maxMessageSize: Int = Int.MAX_VALUE,
    queueCapacity: Int = DEFAULT_TRANSPORT_QUEUE_CAPACITY,
): WampTransport {
    require(maxMessageSize > 0) { "maxMessageSize must be positive" }
    require(queueCapacity > 0) { "queueCapacity must be positive" }
    return NettyWebSocketTransport(this, serializer, description, maxMessageSize, queueCapacity).also { pipeline().addLast(it) }
}

/**
 * A dispatcher that runs coroutines on this event loop, and runs a resumption at once (no task, no thread
 * hand-off) when it happens on the loop already, as when a frame just read completes a `receive()`: run a
 * connection's reader coroutine on it and each frame is decoded and handled on the thread that read it.
 */
public fun EventLoop.asInlineDispatcher(): CoroutineDispatcher = EventLoopDispatcher(this)


/** Suspends until this Netty future completes, successfully or not (check [io.netty.util.concurrent.Future.isSuccess]). */
public suspend fun io.netty.util.concurrent.Future<*>.awaitCompletion() {
    if (isDone) return
    suspendCancellableCoroutine { cont -> addListener { cont.resumeWith(Result.success(Unit)) } }
}

/**
 * Event loop threads WampKit's Netty listeners and connectors start: half the cores, at least one (the rest is
 * for the application, the JIT and the GC; on the 2-core benchmark machine one loop gave both the lowest latency
 * and the highest throughput, see docs/performance.md), or Netty's own `io.netty.eventLoopThreads` when set.
 */
public fun defaultEventLoopThreads(): Int =
    Integer.getInteger("io.netty.eventLoopThreads") ?: maxOf(1, Runtime.getRuntime().availableProcessors() / 2)
