package io.wampkit.router.internal.netty

import io.netty.channel.ChannelHandlerContext
import io.netty.channel.ChannelInboundHandlerAdapter
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler
import io.wampkit.router.WampRouter
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.netty.asInlineDispatcher
import io.wampkit.transport.netty.asWampTransport
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory

/**
 * Waits for the WebSocket upgrade of a WAMP channel, then puts the WAMP transport for the agreed serializer
 * in its place (before any frame can arrive) and starts the router's session on the channel's event loop.
 */
internal class SessionStarter(
    private val router: WampRouter,
    private val serializers: List<WampSerializer>,
    private val scope: CoroutineScope,
) : ChannelInboundHandlerAdapter() {
    override fun userEventTriggered(ctx: ChannelHandlerContext, evt: Any) {
        if (evt !is WebSocketServerProtocolHandler.HandshakeComplete) return super.userEventTriggered(ctx, evt)
        val serializer = serializers.firstOrNull { it.subprotocol == evt.selectedSubprotocol() }
        if (serializer == null) { // the upgrade guard lets no such request through; never serve it anyway
            ctx.close()
            return
        }
        val channel = ctx.channel()
        ctx.pipeline().remove(this)
        val wamp = channel.asWampTransport(serializer, "ws://${channel.remoteAddress()} (${serializer.name})", router.maxMessageSize, router.sessionQueueCapacity)
        scope.launch(channel.eventLoop().asInlineDispatcher() + CoroutineName("wamp-router-ws")) {
            try {
                router.serve(wamp)
            } finally {
                channel.close()
            }
        }
    }

    @Suppress("OVERRIDE_DEPRECATION")
    override fun exceptionCaught(ctx: ChannelHandlerContext, cause: Throwable) {
        log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString())
        ctx.close()
    }

    private companion object {
        val log = LoggerFactory.getLogger(SessionStarter::class.java)
    }
}
