package io.wampkit.router.internal.netty

import io.netty.bootstrap.ServerBootstrap
import io.netty.channel.Channel
import io.netty.channel.ChannelInitializer
import io.netty.channel.ChannelOption
import io.netty.channel.EventLoopGroup
import io.netty.channel.MultiThreadIoEventLoopGroup
import io.netty.channel.group.DefaultChannelGroup
import io.netty.channel.nio.NioIoHandler
import io.netty.channel.socket.SocketChannel
import io.netty.channel.socket.nio.NioServerSocketChannel
import io.netty.handler.codec.http.HttpObjectAggregator
import io.netty.handler.codec.http.HttpServerCodec
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler
import io.netty.util.concurrent.DefaultThreadFactory
import io.netty.util.concurrent.GlobalEventExecutor
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.netty.awaitCompletion
import io.wampkit.transport.netty.defaultEventLoopThreads
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.withContext
import java.net.InetSocketAddress
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The `ws://` listener on Netty used directly: HTTP upgrade ([UpgradeGuard], Netty's WebSocket protocol
 * handler), then [SessionStarter], whose session runs on the channel's event loop. Event loops only
 * ([defaultEventLoopThreads]), no other thread: a frame is read, decoded, routed and its results written by the loop that read it.
 */
internal class NettyRouterServer private constructor(
    override val host: String,
    override val port: Int,
    override val path: String,
    private val group: EventLoopGroup,
    private val serverChannel: Channel,
    private val connections: DefaultChannelGroup,
    private val sessions: SupervisorJobScope,
) : WampRouterServer {
    private val stopped = AtomicBoolean(false)

    override suspend fun stop() {
        if (!stopped.compareAndSet(false, true)) return
        withContext(NonCancellable) {
            serverChannel.close().awaitCompletion()
            connections.close().awaitCompletion()
            sessions.job.cancelAndJoin()
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).awaitCompletion()
        }
    }

    /** The session coroutines of this listener: children of one job, cancelled by [stop]. */
    private class SupervisorJobScope(val job: kotlinx.coroutines.CompletableJob = SupervisorJob()) {
        val scope = CoroutineScope(job)
    }

    internal companion object {
        private const val SHUTDOWN_TIMEOUT_MILLIS = 2_000L
        private const val MIN_FRAME_GUARD = 32 * 1024 * 1024
        private const val MAX_UPGRADE_REQUEST = 64 * 1024
        private const val HANDSHAKE_TIMEOUT_MILLIS = 10_000L
        private const val BIND_TIMEOUT_MILLIS = 10_000L

        suspend fun start(router: WampRouter, host: String, port: Int, path: String, serializers: List<WampSerializer>): NettyRouterServer {
            val group = MultiThreadIoEventLoopGroup(defaultEventLoopThreads(), DefaultThreadFactory("wamp-router-netty", true), NioIoHandler.newFactory())
            val connections = DefaultChannelGroup("wamp-router-connections", GlobalEventExecutor.INSTANCE)
            val sessions = SupervisorJobScope()
            val supported = serializers.map { it.subprotocol }
            // the WAMP limit is checked by the transport, which answers with ABORT; this guard only bounds
            // what Netty aggregates before the router sees a frame
            val guard = maxOf(MIN_FRAME_GUARD.toLong(), 2L * router.maxMessageSize).coerceAtMost(Int.MAX_VALUE.toLong()).toInt()
            val protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols(supported.joinToString(","))
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(guard).allowExtensions(false).build())
                .build()
            val bootstrap = ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel::class.java)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(object : ChannelInitializer<SocketChannel>() {
                    override fun initChannel(ch: SocketChannel) {
                        connections.add(ch)
                        ch.pipeline().addLast(
                            HttpServerCodec(),
                            HttpObjectAggregator(MAX_UPGRADE_REQUEST),
                            UpgradeGuard(path, supported),
                            WebSocketServerProtocolHandler(protocol),
                            WebSocketFrameAggregator(guard),
                            SessionStarter(router, serializers, sessions.scope),
                        )
                    }
                })
            // bound on an IO thread that waits for the bind (at most BIND_TIMEOUT_MILLIS), not through a listener:
            // a restart on the same port under load was seen to wait forever for the listener's resumption
            val bound = try {
                withContext(Dispatchers.IO) {
                    bootstrap.bind(InetSocketAddress(host, port)).also { it.awaitUninterruptibly(BIND_TIMEOUT_MILLIS) }
                }
            } catch (e: Throwable) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS)
                throw e
            }
            if (!bound.isSuccess) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS)
                throw bound.cause() ?: IllegalStateException("could not bind $host:$port within $BIND_TIMEOUT_MILLIS ms")
            }
            val channel = bound.channel()
            val actual = (channel.localAddress() as InetSocketAddress).port
            return NettyRouterServer(host, actual, path, group, channel, connections, sessions)
        }
    }
}
