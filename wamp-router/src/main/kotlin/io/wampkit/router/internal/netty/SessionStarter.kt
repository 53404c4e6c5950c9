package io.wampkit.router.internal.netty

import io.netty.channel.ChannelHandlerContext
import io.netty.channel.SimpleChannelInboundHandler
import io.netty.handler.codec.http.websocketx.WebSocketFrame
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler
import io.wampkit.router.WampRouter
import io.wampkit.serialization.WampSerializer
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory

/**
 * The last handler of a WAMP WebSocket channel: once the upgrade is done, starts the router's session for
 * the agreed serializer on the channel's event loop, then hands it every (aggregated) data frame.
 */
internal class WampFrameHandler(
    private val router: WampRouter,
    private val serializers: List<WampSerializer>,
    private val scope: CoroutineScope,
) : SimpleChannelInboundHandler<WebSocketFrame>() {
    private var transport: NettyWampTransport? = null

    override fun userEventTriggered(ctx: ChannelHandlerContext, evt: Any) {
        if (evt !is WebSocketServerProtocolHandler.HandshakeComplete) return super.userEventTriggered(ctx, evt)
        val serializer = serializers.firstOrNull { it.subprotocol == evt.selectedSubprotocol() }
        if (serializer == null) { // the upgrade guard lets no such request through; never serve it anyway
            ctx.close()
            return
        }
        val wamp = NettyWampTransport(ctx.channel(), serializer, router.maxMessageSize, router.sessionQueueCapacity)
        transport = wamp
        scope.launch(EventLoopDispatcher(ctx.channel().eventLoop()) + CoroutineName("wamp-router-ws")) {
            try {
                router.serve(wamp)
            } finally {
                ctx.close()
            }
        }
    }

    override fun channelRead0(ctx: ChannelHandlerContext, frame: WebSocketFrame) {
        transport?.frameReceived(frame)
    }

    override fun channelInactive(ctx: ChannelHandlerContext) {
        transport?.connectionLost("closed by peer")
        super.channelInactive(ctx)
    }

    @Suppress("OVERRIDE_DEPRECATION")
    override fun exceptionCaught(ctx: ChannelHandlerContext, cause: Throwable) {
        log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString())
        transport?.connectionLost(cause.message ?: cause::class.java.simpleName)
        ctx.close()
    }

    private companion object {
        val log = LoggerFactory.getLogger(WampFrameHandler::class.java)
    }
}
