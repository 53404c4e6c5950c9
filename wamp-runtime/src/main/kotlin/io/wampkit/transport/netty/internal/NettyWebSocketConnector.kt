package io.wampkit.transport.netty.internal

import io.netty.bootstrap.Bootstrap
import io.netty.channel.Channel
import io.netty.channel.ChannelHandlerContext
import io.netty.channel.ChannelInboundHandlerAdapter
import io.netty.channel.ChannelInitializer
import io.netty.channel.ChannelOption
import io.netty.channel.socket.SocketChannel
import io.netty.channel.socket.nio.NioSocketChannel
import io.netty.handler.codec.http.DefaultHttpHeaders
import io.netty.handler.codec.http.HttpClientCodec
import io.netty.handler.codec.http.HttpHeaderNames
import io.netty.handler.codec.http.HttpObjectAggregator
import io.netty.handler.codec.http.HttpResponseStatus
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator
import io.netty.handler.codec.http.websocketx.WebSocketVersion
import io.netty.handler.timeout.IdleStateHandler
import io.wampkit.WampConnectionClosedException
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.WampConnector
import io.wampkit.transport.WampTransport
import io.wampkit.transport.WebSocketKeepAlive
import io.wampkit.transport.netty.asWampTransport
import io.wampkit.transport.netty.awaitCompletion
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.withTimeoutOrNull
import java.net.URI
import java.util.concurrent.TimeUnit

/**
 * The default `ws://` connector: Netty used directly, on the process-wide [ClientEventLoops]. The connection's
 * frames are decoded on its event loop, which the session's reader runs on ([NettyWebSocketTransport]).
 */
internal class NettyWebSocketConnector(
    private val url: String,
    private val serializers: List<WampSerializer>,
    private val keepAlive: WebSocketKeepAlive?,
) : WampConnector {
    private val uri = URI(url)
    private val offered = serializers.joinToString(",") { it.subprotocol }

    override fun toString(): String = "webSocketConnector($url, ${serializers.joinToString("+") { it.name }})"

    override suspend fun connect(): WampTransport {
        val group = ClientEventLoops.acquire()
        val agreed = CompletableDeferred<WampTransport>()
        val handshaker = WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, offered, false, DefaultHttpHeaders(), MAX_FRAME,
        )
        val bootstrap = Bootstrap()
            .group(group)
            .channel(NioSocketChannel::class.java)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS.toInt())
            .handler(object : ChannelInitializer<SocketChannel>() {
                override fun initChannel(ch: SocketChannel) {
                    ch.pipeline().addLast(
                        HttpClientCodec(),
                        HttpObjectAggregator(MAX_UPGRADE_RESPONSE),
                        WebSocketClientProtocolHandler(handshaker, true, true, HANDSHAKE_TIMEOUT_MILLIS),
                        WebSocketFrameAggregator(MAX_FRAME),
                    )
                    keepAlive?.let {
                        val interval = it.pingInterval.inWholeMilliseconds
                        ch.pipeline().addLast(IdleStateHandler(interval + it.timeout.inWholeMilliseconds, interval, 0, TimeUnit.MILLISECONDS))
                    }
                    ch.pipeline().addLast(Handshake(handshaker, agreed))
                }
            })
        var channel: Channel? = null
        try {
            val connecting = bootstrap.connect(uri.host, if (uri.port > 0) uri.port else DEFAULT_PORT)
            channel = connecting.channel()
            channel.closeFuture().addListener { ClientEventLoops.release() }
            connecting.awaitCompletion()
            if (!connecting.isSuccess) throw cannotConnect(connecting.cause())
            return withTimeoutOrNull(HANDSHAKE_TIMEOUT_MILLIS + 1_000) { agreed.await() }
                ?: throw WampConnectionClosedException("cannot connect to $url: no WebSocket upgrade within $HANDSHAKE_TIMEOUT_MILLIS ms")
        } catch (e: Throwable) {
            if (channel == null) ClientEventLoops.release() else channel.close()
            if (e is CancellationException || e is WampConnectionClosedException) throw e
            throw cannotConnect(e)
        }
    }

    private fun noSubprotocol(answered: String?) = WampConnectionClosedException(
        "$url did not agree to any offered subprotocol (${serializers.joinToString(", ") { it.subprotocol }}); it answered '${answered ?: "none"}'",
    )

    private fun cannotConnect(e: Throwable) =
        WampConnectionClosedException("cannot connect to $url: ${e.message ?: e::class.simpleName}", cause = e)

    /** Waits for the upgrade, then puts the WAMP transport in its place, before any frame can arrive. */
    private inner class Handshake(
        private val handshaker: WebSocketClientHandshaker,
        private val agreed: CompletableDeferred<WampTransport>,
    ) : ChannelInboundHandlerAdapter() {
        override fun userEventTriggered(ctx: ChannelHandlerContext, evt: Any) {
            if (evt != WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.fireUserEventTriggered(evt)
                return
            }
            val subprotocol = handshaker.actualSubprotocol()
            val serializer = serializers.firstOrNull { it.subprotocol == subprotocol }
            if (serializer == null) {
                agreed.completeExceptionally(noSubprotocol(subprotocol))
                ctx.close()
                return
            }
            ctx.pipeline().remove(this)
            agreed.complete(ctx.channel().asWampTransport(serializer, "$url (${serializer.name})"))
        }

        @Suppress("OVERRIDE_DEPRECATION")
        override fun exceptionCaught(ctx: ChannelHandlerContext, cause: Throwable) {
            val response = (cause as? WebSocketClientHandshakeException)?.response()
            val failure = if (response?.status() == HttpResponseStatus.SWITCHING_PROTOCOLS) {
                // upgraded, but to none of our subprotocols
                noSubprotocol(response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))
            } else {
                cannotConnect(cause)
            }
            agreed.completeExceptionally(failure)
            ctx.close()
        }

        override fun channelInactive(ctx: ChannelHandlerContext) {
            agreed.completeExceptionally(WampConnectionClosedException("cannot connect to $url: the connection closed during the upgrade"))
            ctx.fireChannelInactive()
        }
    }

    private companion object {
        const val DEFAULT_PORT = 80
        const val CONNECT_TIMEOUT_MILLIS = 10_000L
        const val HANDSHAKE_TIMEOUT_MILLIS = 10_000L
        const val MAX_UPGRADE_RESPONSE = 64 * 1024
        const val MAX_FRAME = 64 * 1024 * 1024
    }
}
